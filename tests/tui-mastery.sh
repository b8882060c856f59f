#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-mastery.sh: a module asks for mastery (mastery = 2/2): a lesson is
# done only when the last two practice answers are right.  One wrong
# answer sends the learner back to practise, with the questions fresh;
# two right ones finish the lesson.  Nothing is chosen until the child
# chooses; a wrong answer gets a hint and a second try before the right
# answer is shown; the last screen's footer says "finish" only when
# Enter will finish.
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets-v1"
cp -R "$top_srcdir/tests/fixtures/mastery" "$data/modules/"
chmod -R u+w "$data"

# The number in front of the practice choice that says $1.
number_of() {
	screen | grep -F -- "$1" | sed -n 's/.*) \([1-9]\)\. .*/\1/p' | head -n 1
}

start_hocso
wait_for "1. Luyện cho thạo"
keys Enter
wait_for "1. Luyện tập"
keys Enter
wait_for "1/4"
keys Enter
wait_for "Mã OTP có được cho bạn thân không?"
keys "$(number_of "Không")" Enter
wait_for "✓ Đúng: không cho ai mã OTP."
keys Enter
wait_for "Ai được biết mật khẩu của em?"
# nothing is chosen for the child: no mark, and Enter says what to do
screen | grep -q "(•)" && fail "a choice is marked before the child chose"
keys Enter
wait_for "Em hãy chọn một câu trả lời bằng phím mũi tên hoặc số"
[ "$(sql "SELECT count(*) FROM practice")" = 1 ] ||
    fail "Enter with nothing chosen recorded an answer"
# a wrong answer: a hint (its feedback) and a second try, no answer shown
keys "$(number_of "Cả lớp")" Enter
wait_for "✗ Chưa đúng: mật khẩu là bí mật. Em thử lại lần nữa nhé."
screen | grep -q "Đáp án đúng" && fail "the answer is shown after one try"
screen | grep -q "(•)" && fail "the wrong choice stays chosen"
keys Enter
wait_for "Em hãy chọn một câu trả lời"
# wrong again: now the right answer
keys "$(number_of "Cả lớp")" Enter
wait_for "Đáp án đúng: Chỉ em"
keys Enter
wait_for "Hết bài."
# mastery not reached: the footer does not say the lesson ends
screen | grep -q "Enter học xong bài" && fail "the footer says finish"
screen | grep -q "Enter luyện thêm" || fail "the footer does not say practise"
keys Enter
# not mastered: back to the first practice question, unanswered
wait_for "Mình luyện thêm một lần nhé"
screen | grep -q "Mã OTP có được cho bạn thân không?" || fail "not sent back"
screen | grep -q "✓ Đúng" && fail "the old answer is shown"
[ "$(sql "SELECT count(*) FROM lesson_progress WHERE completed_at IS NOT
    NULL")" = 0 ] || fail "the lesson is done without mastery"
keys "$(number_of "Không")" Enter
wait_for "✓ Đúng: không cho ai mã OTP."
keys Enter
wait_for "Ai được biết mật khẩu của em?"
# wrong, then right on the second try: the first try still counts
keys "$(number_of "Cả lớp")" Enter
wait_for "Em thử lại lần nữa nhé."
keys "$(number_of "Chỉ em")" Enter
wait_for "✓ Đúng."
keys Enter
wait_for "Hết bài."
screen | grep -q "Enter luyện thêm" || fail "1 of the last 2 finishes"
keys Enter
wait_for "Mình luyện thêm một lần nhé"
keys "$(number_of "Không")" Enter
wait_for "✓ Đúng: không cho ai mã OTP."
keys Enter
wait_for "Ai được biết mật khẩu của em?"
keys "$(number_of "Chỉ em")" Enter
wait_for "✓ Đúng."
keys Enter
wait_for "Hết bài."
screen | grep -q "Enter học xong bài" || fail "mastered: the footer does not say finish"
keys Enter
wait_for "1. Luyện tập"
[ "$(sql "SELECT count(*) FROM lesson_progress WHERE completed_at IS NOT
    NULL")" = 1 ] || fail "the lesson is not done after mastery"
[ "$(sql "SELECT count(*) FROM practice")" = 8 ] || fail "8 practice answers"
echo "PASS: mastery: no choice made for the child, a second try with a hint, an honest footer, 2 of the last 2 right finish a lesson"
