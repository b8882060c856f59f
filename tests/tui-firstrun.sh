#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-firstrun.sh: a new school reaches teacher mode without a shell.
# The first run ends in teacher mode with the PIN just set, where the
# teacher adds a class and a learner; F5, the teacher's key, opens teacher
# mode from home (no roster yet) and from each step of the sign-in screen,
# with one class (where letters go to the name search) and with several;
# the footers show it; teacher mode has its own help.  At 80x24 and 60x20.
. "$top_srcdir/tests/tui-lib.sh"

rm -f "$data"/hocso.db*			# a new data folder
start_hocso --lang en
wait_for "Welcome"
tm send-keys -t hocso -l "Ban Lau School"
keys Enter
tm send-keys -t hocso -l LC-001
keys Enter
keys F5					# not yet: the PIN is set here
wait_for "The teacher's PIN is set here first"
tm send-keys -t hocso -l 2468
keys Enter
tm send-keys -t hocso -l 2468
keys Enter
wait_for "This is teacher mode"
wait_for "Press n to add a class"
screen | grep -q "n add a class" || fail "no footer in teacher mode"
screen >"$work/firstrun-80x24.txt"
keys n
wait_for "A new class:"
tm send-keys -t hocso -l 4A
keys Enter
wait_for "Class 4A is added."
keys a
wait_for "A new learner in class 4A"
tm send-keys -t hocso -l "Lo Thi Binh"
keys Enter
wait_for "Lo Thi Binh is added to class 4A."
[ "$(sql "SELECT count(*) FROM learners l JOIN classes c ON c.id = \
    l.class_id WHERE c.name = '4A' AND l.name = 'Lo Thi Binh'")" = 1 ] ||
    fail "the learner is not in class 4A"
keys '?'				# teacher mode's own help
wait_for "Teacher mode: keys"
screen | grep -q "add a learner to the class" || fail "teacher help"
screen | grep -q "Call 111" && fail "the child's help in teacher mode"
screen >"$work/teacherhelp-80x24.txt"
keys Space
wait_gone "Teacher mode: keys"
keys q					# out: the class has a learner now
wait_for "type a few letters of your name"
screen | grep -q "F5 teacher" || fail "no F5 in the sign-in footer"
# one class: t is a letter of the name, F5 the teacher's key
keys t
wait_for "Find: t_"
keys F5
wait_for "Teacher's PIN, then Enter"
keys Escape
wait_for "type a few letters of your name"
# at the PIN step too
"$top_builddir/learn/hocso" --data-dir "$data" class set 4A --pins on \
    >/dev/null || fail "class set"
"$top_builddir/learn/hocso" --data-dir "$data" learner pin --class 4A \
    "Lo Thi Binh" 1111 >/dev/null || fail "learner pin"
keys BSpace Escape
wait_ended "hocso did not quit"
start_hocso --lang en
wait_for "type a few letters of your name"
keys Enter
wait_for "Type your PIN"
screen | grep -q "F5 teacher" || fail "no F5 at the PIN step"
keys F5
wait_for "Teacher's PIN, then Enter"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Class 4A (c: next class)"
keys n
tm send-keys -t hocso -l 4B
keys Enter
wait_for "Class 4B is added."
keys a
tm send-keys -t hocso -l "Ha Van Tu"
keys Enter
wait_for "Ha Van Tu is added to class 4B."
keys q
# several classes: F5 on the class list
wait_for "Which class are you in?"
screen | grep -q "F5 teacher" || fail "no F5 on the class list"
keys t					# no longer a teacher key
sleep 0.3
screen | grep -q "Teacher's PIN" && fail "t opened teacher mode"
keys F5
wait_for "Teacher's PIN, then Enter"
keys q
wait_for "Which class are you in?"
keys q
wait_ended "hocso did not quit"

# At 60x20: the first run's end and the teacher's help fit.
rm -f "$data"/hocso.db*
tm new-session -d -s small -x 60 -y 20 "exec env LANG=C.UTF-8 LANGUAGE= \
    TERM=xterm-256color HOCSO_LOCALEDIR='$top_builddir/i18n/locale' \
    '$top_builddir/learn/hocso' --data-dir '$data' --lang vi"
small() { tm capture-pane -p -t small; }
n=0
until small | grep -q "Chào mừng"; do
	n=$((n + 1)); [ $n -le 200 ] || fail "no first run at 60x20"
	sleep 0.05
done
tm send-keys -t small -l "Truong Ban Lau"
tm send-keys -t small Enter
tm send-keys -t small -l LC-002
tm send-keys -t small Enter
tm send-keys -t small -l 2468
tm send-keys -t small Enter
tm send-keys -t small -l 2468
tm send-keys -t small Enter
n=0
until small | grep -q "Chưa có lớp nào"; do
	n=$((n + 1)); [ $n -le 200 ] || { small; fail "not in teacher mode at 60x20"; }
	sleep 0.05
done
small | grep -q "F5" || { small; fail "the message at 60x20"; }
tm send-keys -t small '?'
sleep 0.3
small | grep -q "thêm một học sinh" || { small; fail "teacher help at 60x20"; }
small >"$work/teacherhelp-60x20.txt"
[ "$(small | LC_ALL=C.UTF-8 wc -L)" -le 60 ] ||
    fail "a line wider than 60 columns"
if [ -n "${HOCSO_CAPTURES:-}" ]; then
	cp "$work"/firstrun-80x24.txt "$work"/teacherhelp-80x24.txt \
	    "$work"/teacherhelp-60x20.txt "$HOCSO_CAPTURES"/
fi
echo "PASS: first run ends in teacher mode; F5 opens it before sign-in"
