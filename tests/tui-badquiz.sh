#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-badquiz.sh: a quiz that cannot be taken says why in one line, names
# the file and line, keeps the app running and loses nothing: a bank with
# a mistake, a quiz that draws more questions than its bank holds, and a
# bank broken in the middle of an attempt (the answers given stay).
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets-v1"
cp -R "$top_srcdir/tests/fixtures/every-type" "$data/modules/"
chmod -R u+w "$data"
bank=$data/modules/every-type/quizzes/vi/all.gift
ini=$data/modules/every-type/module.ini
cp "$bank" "$work/good.gift"

open_quiz() {
	wait_for "1. Mọi loại câu hỏi"
	keys Enter
	wait_for "2. Bài kiểm tra"
	keys 2 Enter
}

# a malformed weight: refused at its line
printf '\n::hai:: Trọng số hỏng? {=a ~%%abc%%b ~c}\n' >>"$bank"
start_hocso
open_quiz
wait_for "all.gift:37"
screen | grep -q "a weight is written" || fail "no reason given"
screen | grep -q "2. Bài kiểm tra" || fail "the module screen is gone"
[ "$(sql "SELECT count(*) FROM attempts")" = 0 ] || fail "an attempt began"

# more questions drawn than the bank has
cp "$work/good.gift" "$bank"
sed -i 's/^questions = 0/questions = 9/' "$ini"
keys q
wait_for "1. Mọi loại câu hỏi"
keys q
wait_ended "hocso did not quit"
start_hocso
open_quiz
wait_for "9"
screen | grep -q "all.gift" || fail "the bank is not named"
[ "$(sql "SELECT count(*) FROM attempts")" = 0 ] || fail "an attempt began"

# broken in the middle of an attempt: the answers given stay
sed -i 's/^questions = 9/questions = 0/' "$ini"
keys q
wait_for "1. Mọi loại câu hỏi"
keys q
wait_ended "hocso did not quit"
start_hocso
open_quiz
start_quiz
wait_for "Câu 1/8"
keys 1 Enter
wait_for "Câu 2/8"
keys q
wait_for "2. Bài kiểm tra"
printf '\n::hong:: Hỏng {=a\n' >>"$bank"
keys 2 Enter
wait_for "all.gift:"
[ "$(sql "SELECT count(*) FROM answers")" = 1 ] || fail "an answer was lost"
[ "$(sql "SELECT count(*) FROM attempts WHERE finished_at IS NULL")" = 1 ] ||
    fail "the attempt was closed"
cp "$work/good.gift" "$bank"
keys Down
keys 2 Enter
wait_for "Câu 2/8"
echo "PASS: bad banks and short banks are explained; nothing lost"
