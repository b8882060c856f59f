#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-truefalse.sh: a true/false quiz in practice mode in a real terminal:
# the choices read "Đúng" and "Sai" in the bank's order (shuffle = no),
# each answer's feedback comes before the next question, the result
# names the right answer, and a second attempt is refused (attempts = 1).
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets-v1"
cp -R "$top_srcdir/tests/fixtures/tf-module" "$data/modules/"
chmod -R u+w "$data"
start_hocso
wait_for "1. Đúng hay sai"
keys Enter
wait_for "2. Bài kiểm tra"
keys 2 Enter
start_quiz
wait_for "Câu 1/2"
screen | grep -q "Mã OTP là bí mật" || fail "not the bank's first question"
screen | grep -q ") 1. Đúng" || fail "no 'Đúng' choice"
screen | grep -q ") 2. Sai" || fail "no 'Sai' choice"
keys 1 Enter
wait_for "✓ Đúng! Không cho ai mã OTP."
[ "$(sql "SELECT count(*) FROM answers")" = 1 ] || fail "not stored before the feedback"
keys Enter
wait_for "Câu 2/2"
keys 1 Enter
wait_for "Đáp án đúng: Sai"
keys Enter
wait_for "Kết quả"
wait_for "1 trên 2"
[ "$(sql "SELECT count(*) FROM answers")" = 2 ] || fail "answers"
[ "$(sql "SELECT sum(fraction) FROM answers")" = 1.0 ] || fail "grades"
keys Enter
wait_for "2. Bài kiểm tra"
keys 2 Enter
wait_for "đã dùng hết 1 lượt"
screen | grep -q "Bấm Enter để bắt đầu" && fail "offers to start"
keys Enter
sleep 0.3

[ "$(sql "SELECT count(*) FROM attempts")" = 1 ] || fail "a second attempt"
echo "PASS: a true/false quiz in practice mode, one attempt"
