#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# readaloud.sh: read-aloud's words and sound without a terminal (issue
# 18).  "hocso speak --wav" synthesises a Vietnamese lesson screen and a
# question from the shipped curriculum with espeak-ng; sox says the
# sound is not silence and that its length fits its words at the rate
# asked (and that a slower rate is longer).  The module's pronunciation
# list is used ("111" said as a child says a hotline); hocso-pack check
# refuses a broken one at its line; bad screens, rates and lists are
# refused in one line with nothing written; the teacher's rate is kept.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
hocso=$top_builddir/learn/hocso
pack=$top_builddir/lessons/hocso-pack
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-speak-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
fail() { echo "FAIL: $*"; exit 1; }
command -v sox >/dev/null || fail "sox is needed (./quickstart installs it)"
cur=$top_srcdir/lessons/curriculum
cd "$work"
data=$work/data
mkdir -p "$data"
speak() { "$hocso" --data-dir "$data" --lang vi speak "$@"; }

# Whether WAV file $1 is sound (RMS over 0.02) of a length that fits $2
# words at $3 words a minute: between 0.4 and 1.6 times words/rate.
check_wav() {
	soxi -t "$1" | grep -q wav || fail "$1 is not a WAV file"
	secs=$(soxi -D "$1")
	rms=$(sox "$1" -n stat 2>&1 | sed -n 's/^RMS *amplitude: *//p')
	echo "$1: $2 words at $3 wpm: $secs s, RMS $rms"
	awk -v s="$secs" -v w="$2" -v r="$3" -v rms="$rms" 'BEGIN {
		want = w * 60 / r
		exit !(rms > 0.02 && s > 0.4 * want && s < 1.6 * want) }' ||
	    fail "$1: $secs s and RMS $rms do not fit $2 words at $3 wpm"
}

# A lesson screen: the words the voice is given, then the sound.
lesson=$cur/devices/lessons/vi/05-something-wrong.md
speak --print "$lesson" 3 >"$work/said.txt"
grep -q "gọi Tổng đài quốc gia bảo vệ trẻ em một một một" "$work/said.txt" ||
    fail "111 not said as the module's list says: $(cat "$work/said.txt")"
grep -q '\*\*\|111' "$work/said.txt" && fail "marks or 111 left: $(cat "$work/said.txt")"
speak --wav "$work/lesson.wav" "$lesson" 3 >out
words=$(sed -n 's/.*: \([0-9]*\) [^,]*, .*/\1/p' out)
[ "$words" -gt 50 ] || fail "too few words: $(cat out)"
check_wav "$work/lesson.wav" "$words" 130

# A question with its choices, slower (the youngest) and faster.
quiz=$cur/devices/quizzes/vi/devices.gift
speak --print "$quiz" 1 | grep -q " 1\. .* 2\. .* 3\. " ||
    fail "the choices are not numbered: $(speak --print "$quiz" 1)"
speak --rate 90 --wav "$work/slow.wav" "$quiz" 1 >out
words=$(sed -n 's/.*: \([0-9]*\) [^,]*, .*/\1/p' out)
check_wav "$work/slow.wav" "$words" 90
speak --rate 200 --wav "$work/fast.wav" "$quiz" 1 >/dev/null
check_wav "$work/fast.wav" "$words" 200
awk -v a="$(soxi -D "$work/slow.wav")" -v b="$(soxi -D "$work/fast.wav")" \
    'BEGIN { exit !(a > 1.5 * b) }' || fail "90 wpm is not slower than 200"

# English, with the module's English list.
"$hocso" --data-dir "$data" --lang en speak --wav "$work/en.wav" \
    "$cur/devices/lessons/en/05-something-wrong.md" 3 >out
words=$(sed -n 's/.*: \([0-9]*\) [^,]*, .*/\1/p' out)
check_wav "$work/en.wav" "$words" 130

# Bad input: one line, a non-zero exit, no WAV written.
bad() {	# want-status want-text args...
	want=$1 text=$2
	shift 2
	set +e
	"$hocso" --data-dir "$data" --lang en speak "$@" >out 2>err
	rc=$?
	set -e
	[ "$rc" = "$want" ] || fail "speak $*: exit $rc, not $want"
	[ "$(wc -l <err)" = 1 ] || fail "speak $*: not one line: $(cat err)"
	grep -qF -- "$text" err || fail "speak $*: $(cat err)"
	[ ! -e "$work/bad.wav" ] || fail "speak $*: a WAV was written"
}
bad 1 "has 7 screens: there is no screen 99" --wav "$work/bad.wav" "$lesson" 99
bad 1 "there is no question 0" --wav "$work/bad.wav" "$quiz" 0
bad 2 "80 to 300 words a minute" --rate 20 --wav "$work/bad.wav" "$lesson" 1
bad 2 "[--wav FILE | --print]" --wav "$work/bad.wav" --print "$lesson" 1
printf 'OTP = ô tê pê\nmã OTP = x\n' >"$work/list.txt"
bad 1 "list.txt:2: a pronunciation is for one word" \
    --speech "$work/list.txt" --wav "$work/bad.wav" "$lesson" 1
bad 1 "no-such.md" --wav "$work/bad.wav" "$work/no-such.md" 1

# No sound device (sound output that fails): one line, status 3.
: >"$work/empty-alsa.conf"
set +e
ALSA_CONFIG_PATH=$work/empty-alsa.conf PULSE_SERVER=unix:$work/no-pulse \
    "$hocso" --data-dir "$data" --lang en speak "$lesson" 1 >out 2>err
rc=$?
set -e
[ "$rc" = 3 ] || fail "no sound device: exit $rc"
[ "$(cat err)" = "hocso: no sound device: read-aloud is off" ] ||
    fail "no sound device: $(cat err)"

# hocso-pack check: a module's broken list, at its line; a good one
# passes.
cp -R "$cur/devices" "$work/devices"
chmod -R u+w "$work/devices"
"$pack" check "$work/devices" >out 2>&1 || fail "devices: $(cat out)"
printf '# ok\nOTP = ô tê pê\nOTP = o t p\n' >"$work/devices/speech/vi.txt"
set +e
"$pack" check "$work/devices" >out 2>&1
rc=$?
set -e
[ "$rc" != 0 ] || fail "hocso-pack check passed a broken list"
grep -q "speech/vi.txt:3: \"OTP\" has a pronunciation already" out ||
    fail "hocso-pack check: $(cat out)"

# The teacher's rate: kept, shown, and refused outside 80-300.
"$hocso" --data-dir "$data" --lang en school --speech-rate 100 >/dev/null
"$hocso" --data-dir "$data" --lang en school | grep -q "read-aloud   100 words a minute" ||
    fail "the rate is not kept"
set +e
"$hocso" --data-dir "$data" --lang en school --speech-rate 400 2>err
rc=$?
set -e
[ "$rc" = 2 ] && [ "$(wc -l <err)" = 1 ] || fail "rate 400: exit $rc: $(cat err)"
"$hocso" --data-dir "$data" --lang en school | grep -q "read-aloud   100 words a minute" ||
    fail "a refused rate changed the setting"
echo "PASS: read-aloud into WAV fits its words; bad input refused"
