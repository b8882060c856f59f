#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-choose.sh: nothing is chosen for the child (issue #13, defect 2)
# and the quiz clock tells the truth (defect 5).  A digit in the topic
# list and in the lesson list moves the selection and opens nothing;
# Enter opens.  A quiz opens on a screen that says the questions, the
# pass mark, the time limit and the attempts left, and starts only on
# Enter (q goes back with no attempt begun).  No choice is marked until
# the child chooses; Enter with nothing chosen says what to do and
# records nothing.  On a timed quiz, leaving says the clock runs on, and
# it does: the wall clock is set (HOCSO_TEST_NOW) five minutes on and
# the attempt comes back with five minutes gone.  The start screen is
# checked at 80x24 and at 60x20.
. "$top_srcdir/tests/tui-lib.sh"

cp -R "$top_srcdir/tests/fixtures/tf-module" "$data/modules/"
chmod -R u+w "$data"
ini=$data/modules/secrets-v1/module.ini
printf 'attempts = 2\nminutes = 10\n' >>"$ini"
t0=1796212800000			# 2026-12-01T12:00:00Z

# Every line of the screen fits its width (nothing drawn past it).
fits() {
	[ "$(screen | LC_ALL=C.UTF-8 wc -L)" -le "$1" ] ||
	    fail "a line is wider than $1 columns"
}

HOCSO_TEST_ENV="HOCSO_TEST_NOW=$t0" start_hocso
wait_for "2. Đúng hay sai"
# the topic list: a digit moves the selection, opens nothing
keys 2
wait_for "▶ 2. Đúng hay sai"
sleep 0.3
screen | grep -q "2. Bài kiểm tra" && fail "a digit opened a topic"
keys 1
wait_for "▶ 1. Giữ bí mật của em"
keys Enter
wait_for "3. Bài kiểm tra"
# the lesson list: the same
keys 3
wait_for "▶ 3. Bài kiểm tra"
sleep 0.3
screen | grep -q "Bấm Enter để bắt đầu" && fail "a digit opened the quiz"
[ "$(sql "SELECT count(*) FROM attempts")" = 0 ] || fail "a digit began an attempt"
# the start screen says what the quiz is, and begins nothing
keys Enter
wait_for "Bấm Enter để bắt đầu làm bài."
screen | grep -q "Bài kiểm tra có 5 câu hỏi." || fail "no question count"
screen | grep -q "Để đạt, em cần làm đúng 80%." || fail "no pass mark"
screen | grep -q "Em có 10 phút." || fail "no time limit"
screen | grep -q "vẫn chạy cả khi em" || fail "the clock is not explained"
screen | grep -q "Em còn 2 lượt làm bài." || fail "no attempts left"
screen | grep -q "Enter bắt đầu  q quay lại" || fail "no keys"
fits 80
[ "$(sql "SELECT count(*) FROM attempts")" = 0 ] || fail "the start screen began an attempt"
keys q
wait_for "▶ 3. Bài kiểm tra"
[ "$(sql "SELECT count(*) FROM attempts")" = 0 ] || fail "q began an attempt"
# at 60x20, everything on it still shows
keys Enter
wait_for "Bấm Enter để bắt đầu làm bài."
tm resize-window -t hocso -x 60 -y 20
wait_for "Em còn 2 lượt làm bài."
screen | grep -q "Bài kiểm tra có 5 câu hỏi." || fail "60x20: no question count"
screen | grep -q "Bấm Enter để bắt đầu làm bài." || fail "60x20: no prompt"
screen | grep -q "Enter bắt đầu" || fail "60x20: no keys"
fits 60
tm resize-window -t hocso -x 80 -y 24
wait_for "Em có 10 phút."
keys Enter
wait_for "Câu 1/5"
screen | grep -q "còn 10:00" || fail "no clock"
# nothing chosen: no mark, and Enter says what to do
screen | grep -q "(•)" && fail "a choice is marked before the child chose"
keys Enter
wait_for "Em hãy chọn một câu trả lời bằng phím mũi tên hoặc số, rồi bấm Enter."
screen | grep -q "Câu 1/5" || fail "Enter with nothing chosen moved on"
[ "$(sql "SELECT count(*) FROM answers")" = 0 ] || fail "an answer nobody chose"
keys Down
wait_for "(•) 1."
keys "$(choice_number right)" Enter
wait_for "Câu 2/5"
# the key that leaves a timed quiz says the time keeps running
screen | grep -q "q rời bài (giờ vẫn chạy)" || fail "the key hides that the clock runs"
screen | grep -q "tạm dừng" && fail "a timed quiz says pause"
keys q
wait_for "▶ 3. Bài kiểm tra"
keys q
wait_for "1. Giữ bí mật của em"
keys q
wait_ended "hocso did not quit"

# five minutes later: the attempt resumes (no start screen), 5:00 left
HOCSO_TEST_ENV="HOCSO_TEST_NOW=$((t0 + 300000))" start_hocso
wait_for "1. Giữ bí mật của em"
keys Enter
wait_for "3. Bài kiểm tra"
keys 3 Enter
wait_for "Câu 2/5"
screen | grep -q "còn 5:00" || fail "the clock stopped while away"
keys q
wait_for "3. Bài kiểm tra"
keys q
wait_for "1. Giữ bí mật của em"
keys q
wait_ended "hocso did not quit"

# eleven minutes later: time is up; one attempt is left
HOCSO_TEST_ENV="HOCSO_TEST_NOW=$((t0 + 660000))" start_hocso
wait_for "1. Giữ bí mật của em"
keys Enter
wait_for "3. Bài kiểm tra"
keys 3 Enter
wait_for "Hết giờ"
[ "$(sql "SELECT count(*) FROM attempts WHERE finished_at IS NOT NULL")" = 1 ] ||
    fail "the attempt did not end"
keys Enter
wait_for "3. Bài kiểm tra"
keys 3 Enter
wait_for "Em còn 1 lượt làm bài."
# an untimed quiz says pause on its key, as before
keys q
wait_for "3. Bài kiểm tra"
keys q
wait_for "2. Đúng hay sai"
keys 2 Enter
wait_for "2. Bài kiểm tra"
keys 2 Enter
wait_for "Không giới hạn thời gian."
keys Enter
wait_for "Câu 1/2"
screen | grep -q "q tạm dừng" || fail "an untimed quiz does not say pause"
echo "PASS: digits move, Enter opens; the start screen; nothing pre-chosen; the timer's key is true"
