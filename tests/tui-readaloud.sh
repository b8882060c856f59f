#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-readaloud.sh: F4 reads the screen aloud (issue 18).  In a real
# terminal (tmux, 80x24): F4 on a lesson screen starts "hocso-cmd speak
# --play" in the background with the screen's words (art left out, the
# module's pronunciation list applied), the app goes on drawing, and any
# key stops it and does nothing else; on a quiz question the choices are
# read numbered.  The sound is thrown away at a device's pace
# (HOCSO_TEST_SPEAK_SINK=null).  Then on a machine whose sound output
# fails (no ALSA card, no PulseAudio): one message, no hang, the app goes
# on, and F4 again says the same at once.
. "$top_srcdir/tests/tui-lib.sh"

mkdir -p "$data/modules/secrets-v1/speech"
printf 'OTP = ô tê pê\n' >"$data/modules/secrets-v1/speech/vi.txt"

# The child speaking: its command line, or nothing.
speaker() {
	ps -ww -o args= --ppid "$(hocso_pid)" 2>/dev/null |
	    grep -F -- "speak --play" || true
}

wait_speaker() {
	n=0
	until [ -n "$(speaker)" ]; do
		n=$((n + 1))
		[ $n -le $tries ] || fail "no child speaking"
		sleep 0.05
	done
}

wait_no_speaker() {
	n=0
	while [ -n "$(speaker)" ]; do
		n=$((n + 1))
		[ $n -le $tries ] || fail "the child still speaks: $(speaker)"
		sleep 0.05
	done
}

HOCSO_TEST_ENV="HOCSO_TEST_SPEAK_SINK=null" start_hocso
wait_for "1. Giữ bí mật của em"
keys Enter
wait_for "2. Mã OTP là gì?"
keys 2 Enter
wait_for "Mã OTP là gì?"
wait_for "1/"
keys F4
wait_for "Đang đọc to"
wait_speaker
args=$(speaker)
case $args in
*"--text Mã ô tê pê là gì? Khi đăng nhập hay chuyển tiền"*) ;;
*) fail "not the screen's words, OTP as a child says it: $args" ;;
esac
case $args in
*"**"*) fail "Markdown marks are read: $args" ;;
esac
# Any key stops it and does only that: still on screen 1.
keys Right
wait_gone "Đang đọc to"
wait_no_speaker
screen | grep -q "1/" || fail "the key that stopped read-aloud moved on"

# Lesson 1's first screen: its art is not read.
keys q
wait_for "1. Mật khẩu là gì?"
keys Up Enter
wait_for "Mật khẩu giống như chìa khóa"
keys F4
wait_speaker
case $(speaker) in
*"----"*|*"()"*) fail "the art is read: $(speaker)" ;;
*"Mật khẩu là gì? Mật khẩu giống như chìa khóa nhà em."*) ;;
*) fail "not the first screen's words: $(speaker)" ;;
esac
keys x
wait_no_speaker

# A quiz question: its choices numbered as on screen.
keys q
wait_for "3. Bài kiểm tra"
keys 3 Enter
start_quiz
wait_for "Câu 1/"
keys F4
wait_speaker
case $(speaker) in
*" 1. "*" 2. "*) ;;
*) fail "the choices are not read numbered: $(speaker)" ;;
esac
keys Escape
wait_no_speaker
screen | grep -q "Câu 1/" || fail "Esc that stopped read-aloud left the quiz"
tm kill-server
sleep 0.2

# No sound device: ALSA with no card, no PulseAudio server.
: >"$work/empty-alsa.conf"
HOCSO_TEST_ENV="ALSA_CONFIG_PATH=$work/empty-alsa.conf \
    PULSE_SERVER=unix:$work/no-pulse PULSE_RUNTIME_PATH=$work/no-pulse" \
    start_hocso
wait_for "1. Giữ bí mật của em"
keys Enter
wait_for "1. Mật khẩu là gì?"
keys Enter
wait_for "Mật khẩu giống như chìa khóa"
keys F4
wait_for "Không có thiết bị âm thanh"
n=$(screen | grep -c "Không có thiết bị âm thanh")
[ "$n" = 1 ] || fail "the message is said $n times"
wait_no_speaker
# The app goes on.
keys Right
wait_gone "Không có thiết bị âm thanh"
wait_for "2/"
# F4 again: the same message at once, no child.
keys F4
wait_for "Không có thiết bị âm thanh"
[ -z "$(speaker)" ] || fail "a child started with no sound device"
keys q
wait_for "3. Bài kiểm tra"
echo "PASS: read-aloud starts on F4, stops on any key, says once there is no sound"
