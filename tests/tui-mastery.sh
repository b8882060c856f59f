#!/bin/sh
# tui-mastery.sh: a module asks for mastery (mastery = 2/2): a lesson is
# done only when the last two practice answers are right.  One wrong
# answer sends the learner back to practise, with the questions fresh;
# two right ones finish the lesson.
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
keys "$(number_of "Cả lớp")" Enter
wait_for "✗ Chưa đúng: mật khẩu là bí mật."
keys Enter
wait_for "Hết bài."
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
keys "$(number_of "Chỉ em")" Enter
wait_for "✓ Đúng."
keys Enter
wait_for "Hết bài."
keys Enter
wait_for "1. Luyện tập"
[ "$(sql "SELECT count(*) FROM lesson_progress WHERE completed_at IS NOT
    NULL")" = 1 ] || fail "the lesson is not done after mastery"
[ "$(sql "SELECT count(*) FROM practice")" = 4 ] || fail "4 practice answers"
echo "PASS: mastery: 2 of the last 2 practice answers right finish a lesson"
