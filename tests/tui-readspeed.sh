#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-readspeed.sh: each learner's read-aloud speed (issue 18).  In a
# real terminal (tmux, 80x24): the learner's help panels list F4 and F6;
# F6 goes to the next of slow, normal and fast from the school's speed,
# says it on the message line and keeps it with the learner before the
# next key; F4 then speaks at it ("hocso-cmd speak --play --rate N"); F6
# while it reads starts the reading again at the new speed.  Another
# learner, who chose nothing, is read to at the school's speed.  In
# teacher mode, a learner's detail says their speed and s changes it:
# slow, normal, fast, the school's again.  The sound is thrown away at
# a device's pace (HOCSO_TEST_SPEAK_SINK=null).
. "$top_srcdir/tests/tui-lib.sh"

hocso() { "$top_builddir/learn/hocso" --data-dir "$data" "$@"; }
hocso school --speech-rate 120 --teacher-pin 2468 >/dev/null || fail "school"
hocso class add 4B >/dev/null || fail "class"
hocso learner add --class 4B "Lê Minh" >/dev/null || fail "learner add"
hocso learner add --class 4B "Hà Vy" >/dev/null || fail "learner add"
rate_of() { sql "SELECT coalesce(speech_rate, 'school') FROM learners
    WHERE name = '$1'"; }

# The child speaking: its command line, or nothing.
speaker() {
	ps -ww -o args= --ppid "$(hocso_pid)" 2>/dev/null |
	    grep -F -- "speak --play" || true
}

# Waits for a child speaking at rate $1.
wait_speaker_at() {
	n=0
	until speaker | grep -qF -- "--rate $1 "; do
		n=$((n + 1))
		[ $n -le $tries ] || fail "no child speaking at $1: $(speaker)"
		sleep 0.05
	done
}

sign_in() {	# name typed, name shown (one class: no class to choose)
	wait_for "Tìm:"
	tm send-keys -t hocso -l "$1"
	wait_for "▶ $2"
	keys Enter
	wait_for "1. Giữ bí mật của em"
}

HOCSO_TEST_ENV="HOCSO_TEST_SPEAK_SINK=null" start_hocso --lang vi
sign_in minh "Lê Minh"

# The learner's help panel says both keys.
keys "?"
wait_for "F4                đọc to"
wait_for "F6                đọc chậm hơn hoặc nhanh hơn"
wait_for "Bấm phím bất kỳ để đóng"
keys Right
wait_gone "F6                đọc"

# From the school's 120 (nearest: normal) to fast, then slow: kept.
[ "$(rate_of "Lê Minh")" = school ] || fail "a speed before any was chosen"
keys F6
wait_for "Tốc độ đọc: nhanh."
[ "$(rate_of "Lê Minh")" = 170 ] || fail "fast not kept: $(rate_of "Lê Minh")"
keys F6
wait_for "Tốc độ đọc: chậm."
[ "$(rate_of "Lê Minh")" = 100 ] || fail "slow not kept: $(rate_of "Lê Minh")"

# F4 reads at the learner's speed; F6 while it reads starts again at
# the next one, and any other key still stops it.
keys Enter
wait_for "1. Mật khẩu là gì?"
keys Enter
wait_for "Mật khẩu giống như chìa khóa"
# The lesson's help panel says them too, whole at 80x24.
keys "?"
wait_for "F4                đọc to    F6  chậm hơn, nhanh hơn"
wait_for "Bấm phím bất kỳ để đóng"
keys Right
wait_gone "F6  chậm hơn"
screen | grep -q "1/" || fail "the key that closed the help moved on"
keys F4
wait_for "Đang đọc to"
wait_speaker_at 100
keys F6
wait_for "Tốc độ đọc: vừa. Bấm phím bất kỳ để dừng."
wait_speaker_at 130
[ "$(speaker | wc -l)" = 1 ] || fail "more than one child: $(speaker)"
[ "$(rate_of "Lê Minh")" = 130 ] || fail "normal not kept: $(rate_of "Lê Minh")"
keys x
wait_gone "Tốc độ đọc"
n=0
while [ -n "$(speaker)" ]; do
	n=$((n + 1))
	[ $n -le $tries ] || fail "the child still speaks: $(speaker)"
	sleep 0.05
done
screen | grep -q "1/" || fail "the key that stopped read-aloud moved on"

# Another learner keeps the school's speed.
keys q
wait_for "1. Mật khẩu là gì?"
keys q
wait_for "1. Giữ bí mật của em"
keys q
sign_in vy "Hà Vy"
keys Enter
wait_for "1. Mật khẩu là gì?"
keys Enter
wait_for "Mật khẩu giống như chìa khóa"
keys F4
wait_speaker_at 120
keys x
[ "$(rate_of "Hà Vy")" = school ] || fail "Vy's speed changed: $(rate_of "Hà Vy")"
[ "$(rate_of "Lê Minh")" = 130 ] || fail "Minh's speed changed"
keys q
wait_for "1. Mật khẩu là gì?"
keys q
wait_for "1. Giữ bí mật của em"
keys q

# Signed out, F6 is no one's: the last learner's speed stays.
wait_for "Tìm:"
keys F6
wait_for "Em đăng nhập trước rồi mới chọn được tốc độ đọc to."
[ "$(rate_of "Hà Vy")" = school ] || fail "F6 signed out changed Vy's speed"

# The teacher: the learner's detail says the speed; s goes on to the
# next, then back to the school's.  F6 there changes no one's.
keys F5
wait_for "Mã PIN của giáo viên, rồi bấm Enter"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Lớp 4B"
keys F6
sleep 0.3
screen | grep -q "Tốc độ đọc\|Em đăng nhập trước" && fail "F6 in teacher mode"
[ "$(rate_of "Hà Vy")" = school ] || fail "F6 in teacher mode changed Vy's speed"
keys Enter
wait_for "Lê Minh (4B)"
wait_for "Đọc to: vừa, 130 từ một phút (s để đổi)"
keys s
wait_for "Đọc to: nhanh, 170 từ một phút (s để đổi)"
[ "$(rate_of "Lê Minh")" = 170 ] || fail "the teacher's fast not kept"
keys s
wait_for "Đọc to: theo tốc độ của trường, 120 từ một phút (s để đổi)"
[ "$(rate_of "Lê Minh")" = school ] || fail "the school's speed not given back"
keys s
wait_for "Đọc to: chậm, 100 từ một phút (s để đổi)"
[ "$(rate_of "Lê Minh")" = 100 ] || fail "the teacher's slow not kept"
[ "$(rate_of "Hà Vy")" = school ] || fail "Vy's speed changed"
echo "PASS: F6 sets the learner's own reading speed, F4 reads at it"
