#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-overrides.sh: one learner's overrides in teacher mode, in a real
# terminal (tmux), Vietnamese at 80x24 and English at 60x20, on a class
# of 40 imported from a spreadsheet with PINs.  A child takes the timed
# quiz (one attempt, 5 minutes) with one wrong answer; another is locked
# out by wrong PINs.  The teacher (F5, PIN) opens the first one's
# changes (o on the learner): five more minutes today lengthen the limit
# on the quiz start screen, a reset gives the attempt back, the wrong
# answers show the question, what the child chose, the right answer and
# why; the learner's detail lists each change with who; lifting the
# lockout lets the other child sign in at once.
. "$top_srcdir/tests/tui-lib.sh"

hocso() { "$top_builddir/learn/hocso" --data-dir "$data" "$@"; }
printf 'attempts = 1\nminutes = 5\n' >>"$data/modules/secrets-v1/module.ini"
hocso school --teacher-pin 1357 >/dev/null
{
	echo "Họ và tên;Lớp;Mã PIN"
	i=1
	while [ $i -le 40 ]; do
		printf 'Học sinh %02d;4P;%04d\n' $i $((1000 + i))
		i=$((i + 1))
	done
} >"$work/lop.csv"
hocso learner import "$work/lop.csv" >/dev/null || fail "import"

start_at() {
	tm new-session -d -s hocso -x "$1" -y "$2" \
	    "exec env LANG=C.UTF-8 LANGUAGE= TERM=xterm-256color \
	    HOCSO_LOCALEDIR='$top_builddir/i18n/locale' \
	    '$top_builddir/learn/hocso' --data-dir '$data' --lang $3"
}

# sign_in NAME PIN: from the name search, as the child does it.
sign_in() {
	wait_for "Tìm:"
	tm send-keys -t hocso -l "$1"
	wait_for "▶ Học sinh $1"
	keys Enter
	wait_for "Chào Học sinh $1!"
	tm send-keys -t hocso -l "$2"
	keys Enter
}

# The quiz start screen of the secrets module, from home.
quiz_start() {
	wait_for "1. Giữ bí mật của em"
	keys Enter
	wait_for "3. Bài kiểm tra"
	keys 3 Enter
}

flat() { screen | tr -s ' \n' ' '; }

start_at 80 24 vi
sign_in 05 1005
quiz_start
wait_for "Em có 5 phút."
flat | grep -qF "Em còn 1 lượt làm bài." || fail "no attempt left said"
start_quiz
for q in 1 2 3 4 5; do
	wait_for "Câu $q/5"
	if [ $q = 3 ]; then n=$(choice_number wrong); else n=$(choice_number right); fi
	[ -n "$n" ] || fail "cannot find the choices of question $q"
	keys "$n" Enter
	[ $q = 5 ] || wait_gone "Câu $q/5"
done
wait_for "Kết quả"
keys Enter
wait_for "3. Bài kiểm tra"
keys 3 Enter
wait_for "Em đã dùng hết 1 lượt làm bài kiểm tra này."
keys q q q
# another child forgets their PIN and is locked out
sign_in 06 1111
wait_for "Mã PIN chưa đúng"
for pin in 2222 3333 4444; do
	keys BSpace
	tm send-keys -t hocso -l "$pin"
	keys Enter
	sleep 0.3
done
wait_for "Em chờ"
[ "$(sql "SELECT locked_until IS NOT NULL FROM learners
    WHERE name = 'Học sinh 06'")" = 1 ] || fail "06 is not locked"
keys Escape
wait_for "Tìm:"

# teacher mode: the first child's changes
keys F5
wait_for "PIN của giáo viên"
tm send-keys -t hocso -l 1357
keys Enter
wait_for "Lớp 4P (c: lớp tiếp theo)"
keys Down Down Down Down Enter
wait_for "Học sinh 05 (4P)"
keys o
wait_for "hocso › Giáo viên › Học sinh › Thay đổi"
wait_for "Mô-đun: ‹ Giữ bí mật của em ›"
wait_for "Lượt làm bài: xong 1, còn 0 trong 1"
wait_for "Thời gian làm bài hôm nay: 5 phút (5 + 0 thêm)"
wait_for "PIN: không bị khóa"
wait_for "▶ Thêm 5 phút hôm nay"
keys Enter
wait_for "Thêm 5 phút cho bài kiểm tra này hôm nay."
wait_for "Thời gian làm bài hôm nay: 10 phút (5 + 5 thêm)"
keys Down Enter
wait_for "Đã trả lại các lượt làm bài."
wait_for "Lượt làm bài: xong 0, còn 1 trong 1"
screen | grep -q "vn.hocso.secrets: trả lại lượt làm bài (giáo viên, " ||
    fail "the reset is not listed with who"
screen | grep -q "vn.hocso.secrets: thêm 5 phút làm bài (giáo viên, " ||
    fail "the extra time is not listed with who"
screen >"$work/capture-vi-80x24.txt"
# the wrong answers
keys Down Down Down Enter
wait_for "Lượt 1,"
wait_for "1 trong 5 câu chưa đúng"
# the question answered wrong (the 3rd drawn) and its right answer, from
# the store and the bank
qid=$(sql "SELECT question FROM answers WHERE fraction < 1")
gift=$top_srcdir/tests/fixtures/secrets-v1/quizzes/vi/secrets.gift
qtext=$(sed -n "s/^::$qid:: *\(.*\) {\$/\1/p" "$gift")
right=$(sed -n "/^::$qid::/,/^}/s/^=\([^#]*\) #.*/\1/p" "$gift")
[ -n "$qtext" ] && [ -n "$right" ] || fail "question $qid not in the bank"
flat | grep -qF "3. $qtext" || fail "the wrong question is not shown: $qtext"
wait_for "Đã trả lời:"
flat | grep -qF "Đáp án đúng: $right" || fail "not the right answer: $right"
screen >"$work/capture-vi-wrong.txt"
keys q
wait_for "▶ Xem các câu trả lời sai"
keys q
wait_for "Thay đổi của giáo viên"
screen | grep -q "trả lại lượt làm bài (giáo viên, " ||
    fail "the learner's detail does not list the changes"
# the second child: lift the lockout
keys q
wait_for "Lớp 4P (c: lớp tiếp theo)"
keys Down Enter
wait_for "Học sinh 06 (4P)"
keys o
wait_for "PIN: còn khóa"
keys Down Down Down Enter
wait_for "Đã mở khóa PIN: học sinh đăng nhập lại được."
wait_for "PIN: không bị khóa"
[ "$(sql "SELECT pin_failures || coalesce(locked_until, '-') FROM learners
    WHERE name = 'Học sinh 06'")" = "0-" ] || fail "the lockout stays"
keys q q q
wait_for "Tìm:"
sign_in 06 1006
wait_for "1. Giữ bí mật của em"
keys q
# the first child: the longer time, and the attempt given back
sign_in 05 1005
quiz_start
wait_for "Em có 10 phút."
flat | grep -qF "Em còn 1 lượt làm bài." || fail "the attempt is not back"
screen >"$work/capture-vi-start.txt"
start_quiz
wait_for "Câu 1/5"
[ "$(sql "SELECT count(*) FROM attempts")" = 2 ] || fail "no new attempt"
keys q q q q
wait_for "Tìm:"
keys Escape
wait_ended "hocso did not quit"

# --- English, 60x20 ---------------------------------------------------
start_at 60 20 en
wait_for "Find:"
keys F5
wait_for "Teacher's PIN"
tm send-keys -t hocso -l 1357
keys Enter
wait_for "Class 4P"
keys Down Down Down Down Enter
wait_for "Học sinh 05 (4P)"
keys o
wait_for "Module: ‹ Secure your secrets ›"
wait_for "Quiz time today: 10 min (5 + 5 extra)"
wait_for "▶ Give 5 more minutes today"
screen | sed -n 20p | grep -q "^ Left/Right module  Up/Down choose  Enter do it  q back" ||
    fail "60x20: no footer on row 20"
screen >"$work/capture-en-60x20.txt"
keys q q q
wait_for "Find:"
keys Escape
wait_ended "hocso did not quit"

if [ -n "${HOCSO_CAPTURES:-}" ]; then
	cp "$work"/capture-*.txt "$HOCSO_CAPTURES/"
fi
echo "PASS: extra time, attempts given back, wrong answers, lockout lifted"
