#!/bin/sh
# tui-truefalse.sh: a true/false quiz in a real terminal: the choices read
# "Đúng" and "Sai", the answers are graded and stored, the result names
# the right answer in words.
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets"
cp -R "$top_srcdir/tests/fixtures/tf-module" "$data/modules/"
chmod -R u+w "$data"
start_hocso
wait_for "1. Đúng hay sai"
keys Enter
wait_for "2. Bài kiểm tra"
keys 2
wait_for "Câu 1/2"
screen | grep -q ") 1. Đúng" || fail "no 'Đúng' choice"
screen | grep -q ") 2. Sai" || fail "no 'Sai' choice"
# answer "Đúng" to both: one right, one wrong
keys 1 Enter
wait_for "Câu 2/2"
keys 1 Enter
wait_for "Kết quả"
wait_for "1 trên 2"
wait_for "Đáp án đúng: Sai"
[ "$(sql "SELECT count(*) FROM answers")" = 2 ] || fail "answers"
[ "$(sql "SELECT sum(fraction) FROM answers")" = 1.0 ] || fail "grades"
echo "PASS: a true/false quiz"
