#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-kill.sh: SIGKILL right after an answer loses nothing: the answer is
# in the store, and the learner comes back to the next question of the
# same attempt.
. "$top_srcdir/tests/tui-lib.sh"

start_hocso
wait_for "1. Giữ bí mật của em"
keys Enter
wait_for "3. Bài kiểm tra"
keys 3 Enter
start_quiz
wait_for "Câu 1/5"
first=$(screen | sed -n 4p)
keys "$(choice_number right)" Enter
wait_for "Câu 2/5"
second=$(screen | sed -n 4p)

kill -9 "$(hocso_pid)"
wait_ended "hocso survived SIGKILL"

[ "$(sql "SELECT count(*) FROM answers")" = 1 ] || fail "the answer was lost"
[ "$(sql "SELECT fraction FROM answers")" = 1.0 ] || fail "its grade was lost"
[ "$(sql "SELECT count(*) FROM events WHERE verb='answered'")" = 1 ] ||
    fail "its event was lost"
[ "$(sql "SELECT count(*) FROM attempts WHERE finished_at IS NULL")" = 1 ] ||
    fail "the attempt is not open"
sql "PRAGMA integrity_check" | grep -qx ok || fail "the store is damaged"

# back in: the same attempt, at the question after the answered one
start_hocso
wait_for "1. Giữ bí mật của em"
keys Enter
wait_for "3. Bài kiểm tra"
keys 3 Enter			# resumed: no start screen
wait_for "Câu 2/5"
[ "$(screen | sed -n 4p)" = "$second" ] || fail "not the same question 2"
[ "$first" != "$second" ] || fail "question 1 came back"
for q in 2 3 4 5; do
	wait_for "Câu $q/5"
	keys "$(choice_number right)" Enter
	[ $q = 5 ] || wait_gone "Câu $q/5"
done
wait_for "100%"
[ "$(sql "SELECT count(*) FROM attempts")" = 1 ] || fail "a second attempt"
[ "$(sql "SELECT score FROM attempts")" = 1.0 ] || fail "the score"
echo "PASS: the answer survived SIGKILL and the attempt resumed"
