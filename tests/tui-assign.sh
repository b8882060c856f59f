#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-assign.sh: a class's modules chosen in teacher mode, in a real
# terminal (tmux), in Vietnamese at 80x24 and in English at 60x20.  A
# class of 40 imported from a spreadsheet; the teacher (F5, PIN) opens
# the class's modules (m), hides two, moves one to the top, turns
# "lessons before the quiz" on and saves; the store holds the choice; a
# learner of the class signs in and sees those modules in that order;
# the quiz start screen refuses, in a child's words, until the lessons
# are finished; Esc leaves the screen without saving.
. "$top_srcdir/tests/tui-lib.sh"

hocso() { "$top_builddir/learn/hocso" --data-dir "$data" "$@"; }
for m in basics kind help; do
	cp -R "$top_srcdir/lessons/curriculum/$m" "$data/modules/"
done
chmod -R u+w "$data"
hocso school --teacher-pin 1357 >/dev/null
{
	echo "Họ và tên;Lớp;Mã PIN"
	i=1
	while [ $i -le 40 ]; do
		printf 'Học sinh %02d;4A;\n' $i
		i=$((i + 1))
	done
} >"$work/lop.csv"
hocso learner import "$work/lop.csv" >/dev/null || fail "import"

# As start_hocso, at cols x rows in lang.
start_at() {
	tm new-session -d -s hocso -x "$1" -y "$2" \
	    "exec env LANG=C.UTF-8 LANGUAGE= TERM=xterm-256color \
	    HOCSO_LOCALEDIR='$top_builddir/i18n/locale' \
	    '$top_builddir/learn/hocso' --data-dir '$data' --lang $3"
}

# Teacher mode, from the sign-in screen.
teacher() {
	keys F5
	wait_for "$1"
	tm send-keys -t hocso -l 1357
	keys Enter
	wait_for "$2"
}

# --- Vietnamese, 80x24 ------------------------------------------------
start_at 80 24 vi
wait_for "Tìm:"
teacher "PIN của giáo viên" "Lớp 4A (c: lớp tiếp theo)"
keys m
wait_for "Các mô-đun lớp 4A học, theo thứ tự:"
wait_for "Học bài trước khi kiểm tra: tắt"
screen | grep -q "▶ \[✓\]  1\. Làm quen với máy tính  *tuổi 8-11" ||
    fail "the first module is not ticked and selected"
screen | grep -q "\[✓\]  4\. Giữ bí mật của em" || fail "secrets not 4th"
screen | sed -n 24p | grep -q "^ Space chọn  u/d lên/xuống  f học trước  Enter lưu  Esc hủy$" ||
    fail "no footer on row 24"
screen >"$work/capture-vi-80x24.txt"
# Esc leaves without saving
keys Space
wait_for "▶ [ ]     Làm quen với máy tính"
keys Escape
wait_for "Lớp 4A (c: lớp tiếp theo)"
[ "$(sql "SELECT count(*) FROM class_modules")" = 0 ] ||
    fail "Esc saved the choice"
keys m
wait_for "▶ [✓]  1. Làm quen với máy tính"
# hide basics and help, move secrets to the top, lessons first
keys Space
wait_for "▶ [ ]     Làm quen với máy tính"
keys Down Down Space
wait_for "▶ [ ]     Lo lắng thì hãy kể ra"
keys Down u u u
wait_for "▶ [✓]  1. Giữ bí mật của em"
screen | grep -q "\[✓\]  2\. Tử tế trên mạng" || fail "kind is not 2nd"
keys f
wait_for "Học bài trước khi kiểm tra: bật"
screen >"$work/capture-vi-80x24-chosen.txt"
keys Enter
wait_for "Đã lưu: lớp học các mô-đun này"
[ "$(sql "SELECT group_concat(module, ' ') FROM (SELECT module FROM
    class_modules ORDER BY position)")" = "vn.hocso.secrets vn.hocso.kind" ] ||
    fail "the choice in the store: $(sql "SELECT * FROM class_modules")"
[ "$(sql "SELECT modules_chosen || lessons_first FROM classes")" = 11 ] ||
    fail "lessons first not stored"
# the command reads the same model
hocso --lang en class modules 4A >"$work/out"
grep -qx "1       vn.hocso.secrets  8-11  Secure your secrets" "$work/out" ||
    fail "the command disagrees: $(cat "$work/out")"

# A learner of 4A: the 40th, found by typing
keys q
wait_for "Tìm:"
tm send-keys -t hocso -l "sinh 40"
wait_for "▶ Học sinh 40"
keys Enter
wait_for "1. Giữ bí mật của em"
wait_for "2. Tử tế trên mạng"
screen | grep -q "Làm quen với máy tính\|Lo lắng thì hãy kể ra\|3\. " &&
    fail "a hidden module is shown"
# lessons first: the quiz waits
keys Enter
wait_for "3. Bài kiểm tra"
keys 3 Enter
wait_for "Em hãy đọc hết các bài học của chủ đề này trước."
screen | tr -s ' \n' ' ' | grep -qF "Em đã học xong 0 trong 2 bài." ||
    fail "the lessons done are not said"
wait_for "Bấm q để quay lại các bài học."
screen >"$work/capture-vi-blocked.txt"
keys Enter
sleep 0.3
screen | grep -q "Câu 1/5" && fail "Enter started a quiz the lessons block"
[ "$(sql "SELECT count(*) FROM attempts")" = 0 ] || fail "an attempt began"
keys q
wait_for "3. Bài kiểm tra"
# the lessons done (as the lesson screens record them), the quiz opens
uid=$(sql "SELECT id FROM learners WHERE name = 'Học sinh 40'")
sql "INSERT INTO lesson_progress (learner_id, module, lesson, screen,
    screens_seen, completed_at) VALUES
    ($uid, 'vn.hocso.secrets', '01-passwords', 3, 4, '2026-12-06T01:00:00Z'),
    ($uid, 'vn.hocso.secrets', '02-codes', 4, 5, '2026-12-06T01:00:00Z')"
keys 3 Enter
start_quiz
wait_for "Câu 1/5"
keys q
wait_for "3. Bài kiểm tra"
keys q
wait_for "1. Giữ bí mật của em"
keys q
wait_for "Tìm:"
keys Escape
wait_ended "hocso did not quit"

# --- English, 60x20 ---------------------------------------------------
start_at 60 20 en
wait_for "Find:"
teacher "Teacher's PIN" "Class 4A"
keys m
wait_for "Modules class 4A sees, in this order:"
wait_for "Lessons before the quiz: on"
screen | grep -q "▶ \[✓\]  1\. Secure your secrets  *ages 8-11" ||
    fail "60x20: the chosen order"
screen | grep -q "\[ \]     Getting started" || fail "60x20: hidden"
screen | sed -n 20p | grep -q "^ Space tick  u/d move  f lessons  Enter save  Esc cancel$" ||
    fail "60x20: no footer on row 20"
screen >"$work/capture-en-60x20.txt"
keys f Enter
wait_for "Saved: the class sees these modules"
[ "$(sql "SELECT lessons_first FROM classes")" = 0 ] ||
    fail "lessons first not turned off"
keys q
wait_for "Find:"
keys Escape
wait_ended "hocso did not quit"

if [ -n "${HOCSO_CAPTURES:-}" ]; then
	cp "$work"/capture-*.txt "$HOCSO_CAPTURES/"
fi
echo "PASS: a class's modules chosen in teacher mode; the learner sees them; lessons first"
