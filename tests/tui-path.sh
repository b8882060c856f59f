#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-path.sh: a learner's first path in a real terminal (tmux, 80x24):
# home -> module -> both lessons -> quiz -> result, in Vietnamese; then
# the rows in the SQLite file.
. "$top_srcdir/tests/tui-lib.sh"

start_hocso
wait_for "Học Số"
wait_for "1. Giữ bí mật của em"
screen | grep -q "bài 0/2" || fail "the home screen shows no progress"

# help is one key away, with the hotline
keys '?'
wait_for "111"
keys x
wait_gone "111"

keys Enter
wait_for "1. Mật khẩu là gì?"
wait_for "2. Mã OTP là gì?"
wait_for "3. Bài kiểm tra"

# lesson 1: the first screen, with its art, and a page indicator
keys Enter
wait_for "1/4"
screen | grep -qF "'----------'" || fail "the art block is missing"
screen | grep -q "Mật khẩu giống như chìa khóa" || fail "no paragraph"

# a smaller terminal wraps again: the page indicator comes back at the
# new right edge, and a sentence that tmux would have cut is whole
tm resize-window -t hocso -x 50 -y 20
wait_for "1/4"
screen | tr -s ' \n' ' ' | grep -qF "Ai có chìa khóa thì vào được nhà. Ai biết mật khẩu thì vào được tài khoản của em." ||
    fail "not rewrapped at 50 columns"
[ "$(screen | sed -n 20p | cut -c1-6)" = " Enter" ] || fail "no footer on row 20"
tm resize-window -t hocso -x 80 -y 24
wait_for "? trợ giúp"
[ "$(screen | sed -n 24p | cut -c1-6)" = " Enter" ] || fail "no footer on row 24"

for page in 2 3 4; do
	keys Right
	wait_for "$page/4"
done
keys Left
wait_for "3/4"
# the warning callout is framed
screen | grep -q "┌──" || fail "no frame above the warning"
screen | grep -q "│ Cảnh báo:" || fail "the warning is not in its frame"
keys Right Enter
wait_for "đã học"

# lesson 2 is chosen next
screen | grep -q "▶ 2. Mã OTP là gì?" || fail "lesson 2 is not selected"
keys Enter
wait_for "1/5"
keys Enter Enter Enter Enter
wait_for "5/5"
# the practice question must be answered before moving on
wait_for "Em thử xem!"
keys Right
wait_for "Em hãy trả lời câu hỏi trước"
n=$(screen | grep -F "Không đưa mã, và kể với bố mẹ" | sed -n 's/.*) \([1-9]\)\. .*/\1/p')
[ -n "$n" ] || fail "no practice choices"
keys "$n" Enter
wait_for "✓ Đúng! Mã OTP là bí mật"
[ "$(sql "SELECT fraction FROM practice")" = 1.0 ] || fail "practice answer"
keys Enter
wait_for "▶ 3. Bài kiểm tra"

# the quiz: four right answers and one wrong
keys Enter
start_quiz
for q in 1 2 3 4 5; do
	wait_for "Câu $q/5"
	if [ $q = 3 ]; then n=$(choice_number wrong); else n=$(choice_number right); fi
	[ -n "$n" ] || fail "cannot find the choices of question $q"
	keys "$n" Enter
	[ $q = 5 ] || wait_gone "Câu $q/5"
done
wait_for "Kết quả"
wait_for "4 trên 5"
wait_for "80%"
screen | grep -q "✗ 3\." || fail "the wrong answer is not marked"
screen | grep -q "✓ 1\." || fail "the right answer is not marked"

keys Enter
wait_for "cao nhất 80%"

# what the store holds
[ "$(sql "SELECT count(*) FROM answers")" = 5 ] || fail "answers"
[ "$(sql "SELECT count(*) FROM events WHERE verb='answered'")" = 6 ] ||
    fail "answered events (5 in the quiz, 1 in practice)"
[ "$(sql "SELECT count(*) FROM events WHERE verb='completed'")" = 2 ] ||
    fail "completed events"
[ "$(sql "SELECT count(*) FROM events WHERE verb='experienced'")" -ge 8 ] ||
    fail "screens seen"
[ "$(sql "SELECT score FROM attempts WHERE finished_at IS NOT NULL")" = 0.8 ] ||
    fail "the attempt's score"
[ "$(sql "SELECT verb FROM events ORDER BY seq DESC LIMIT 1")" = passed ] ||
    fail "the last event is not 'passed'"
[ "$(sql "SELECT count(*) FROM lesson_progress WHERE completed_at IS NOT NULL")" = 2 ] ||
    fail "lessons completed"

# q goes back, and q on the home screen quits
keys q
wait_for "bài 2/2"
keys q
wait_ended "hocso did not quit"
echo "PASS: home -> lessons -> quiz -> result, stored"
