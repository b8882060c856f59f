#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-tryit.sh: a lesson's type-it boxes at 80x24, in Vietnamese.  On
# TERM=linux the picture's labels lose their marks and keep their
# columns.  The password box waits to be tried (Right and an empty
# Enter are refused, nothing recorded), takes q as a letter, rates a
# weak password "rất yếu" with a tip, a strong one "rất mạnh", and
# Enter records only "strength N/4, L characters": no password text
# anywhere in the store.  The Telex box composes "Hoaf" as "Hoà",
# Backspace works, and it records "N letters, M with marks".  Esc in a
# box leaves without recording; F1 lists the box's keys; with mastery,
# a try that is not right sends the learner back to the first box,
# fresh; read-aloud says the prompt.  The password box with its meter is saved to
# /tmp/captures/tryit.txt for the release notes.
# The meter is "hocso-cmd password-meter", a child of hocso's that runs
# while a password box is open and is collected when it closes.  When
# it dies at once, cannot be found, or does not answer in time, the box
# says so once, in place of its tip, shows "chưa đo được", takes keys
# without a hang and records "strength unknown, L characters", not
# right; after a kill -9 of hocso, the meter ends too.  hocso itself
# links no zxcvbn.
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets-v1"
cp -R "$top_srcdir/tests/fixtures/tryit" "$data/modules/"
chmod -R u+w "$data"

practice() { sql "SELECT count(*) FROM practice"; }
last_try() {
	sql "SELECT question || '|' || response || '|' || fraction FROM
	    practice ORDER BY rowid DESC LIMIT 1"
}

# The meter's pid, a child of hocso's, or nothing.
meter_pid() {
	ps -o pid=,args= --ppid "$(hocso_pid)" 2>/dev/null |
	    sed -n 's/^ *\([0-9][0-9]*\) .*hocso-cmd.* password-meter$/\1/p'
}
# hocso's children that are left, zombies included.
children() { ps -o pid=,stat=,args= --ppid "$(hocso_pid)" 2>/dev/null || true; }

# Columns before the picture's label line, as drawn.
label_indent() {
	screen | sed -n '/| M.*N H.*NH |/s/^\( *\)|.*/\1/p' | head -n 1 |
	    tr -d '\n' | wc -c
}

# --- TERM=linux: the labels without marks, in their columns
HOCSO_TEST_TERM=linux start_hocso
wait_for "1. Thử gõ"
keys Enter
wait_for "1. Thử gõ"
keys Enter
wait_for "1/4"
wait_for "| MAN HINH |   <- Day la man hinh"
wait_for "[BAN PHIM]    <- go chu o day"
screen | grep -q "MÀN HÌNH" && fail "marks shown on TERM=linux"
linux_indent=$(label_indent)
keys q
wait_for "1. Thử gõ"
keys q
wait_for "Chọn một chủ đề để học"
keys q
wait_ended "hocso did not quit"

# --- a UTF-8 terminal: the labels as written, in the same columns
start_hocso
wait_for "1. Thử gõ"
keys Enter
wait_for "1. Thử gõ"
keys Enter
wait_for "1/4"
wait_for "| MÀN HÌNH |   <- Đây là màn hình"
wait_for "[BÀN PHÍM]"
[ "$(label_indent)" = "$linux_indent" ] ||
    fail "the label moved: $(label_indent) columns, $linux_indent on linux"

# --- the password box
keys Enter
wait_for "2/4"
wait_for "Gõ thử một mật khẩu và xem nó mạnh đến đâu."
wait_for "Đừng gõ mật khẩu thật của em."
wait_for "Độ mạnh:"
wait_for "F1 trợ giúp"
# the open password box has its meter running beside hocso
n=0
until [ -n "$(meter_pid)" ]; do
	n=$((n + 1))
	[ $n -le $tries ] || fail "no hocso-cmd password-meter: $(children)"
	sleep 0.05
done
# the screen waits for the box
keys Right
wait_for "Em thử ô gõ trước đã: gõ rồi bấm Enter."
screen | grep -qF "2/4" || fail "Right moved on before the box was tried"
keys Enter
wait_for "Em gõ gì đó trước, rồi bấm Enter."
[ "$(practice)" = 0 ] || fail "an empty box was recorded"
# q and ? are letters in the box, not "back" and "help"
keys -l "q?"
wait_for "›  q?"
keys BSpace BSpace
wait_gone "›  q?"
# F1: the box's keys
keys F1
wait_for "Các phím của ô gõ"
wait_for "Esc               ra ngoài, không lưu gì"
wait_for "Gọi 111"
keys Space
wait_gone "Các phím của ô gõ"
# a weak password, then a strong one
keys -l "matkhau"
wait_for "rất yếu"
wait_for "Từ quen thuộc hay tên người bị đoán trước tiên"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
wait_gone "matkhau"
keys -l "123456789"
wait_for "Chỉ có số thì đoán ra nhanh lắm"
screen | grep -qF "rất yếu" || screen | grep -qF " yếu" ||
    fail "123456789 is not weak"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
wait_gone "123456789"
keys -l "voi-xanh-an-kem-muoi"
wait_for "rất mạnh"
wait_for "Dài và khó đoán: giỏi lắm!"
mkdir -p /tmp/captures
screen >/tmp/captures/tryit.txt
[ "$(practice)" = 0 ] || fail "recorded before Enter"
keys Enter
wait_for "Đã lưu: chỉ lưu độ mạnh, không lưu những gì em gõ."
# the box is closed: its meter ended and was collected (no zombie)
[ -z "$(children)" ] || fail "left behind: $(children)"
[ "$(sql "SELECT question || '|' || response || '|' || fraction FROM
    practice")" = "manh1|strength 4/4, 20 characters|1.0" ] ||
    fail "the try is not recorded as a summary: $(sql "SELECT * FROM practice")"
[ "$(sql "SELECT response FROM events WHERE verb = 'answered'")" = \
    "strength 4/4, 20 characters" ] || fail "the event is not the summary"
# nothing typed is anywhere in the store
dump=$("$SQLITE3_BIN" "$data/hocso.db" .dump)
for typed in voi-xanh matkhau 123456789; do
	printf '%s\n' "$dump" | grep -qF -- "$typed" &&
	    fail "'$typed' was stored"
done

# --- the Telex box
keys Enter
wait_for "3/4"
wait_for 'Gõ tên em bằng Telex: "Hoaf" thành "Hoà".'
keys -l "Hoaf"
wait_for "›  Hoà"
keys -l " Nguyeenx"
wait_for "›  Hoà Nguyễn"
keys BSpace
wait_for "›  Hoà Nguyên"
keys Enter
wait_for "Đã lưu: chỉ lưu số chữ cái, không lưu những gì em gõ."
[ "$(sql "SELECT response || '|' || fraction FROM practice WHERE
    question = 'try2'")" = "9 letters, 2 with marks|1.0" ] ||
    fail "the Telex try: $(sql "SELECT * FROM practice")"
printf '%s\n' "$("$SQLITE3_BIN" "$data/hocso.db" .dump)" |
    grep -qF "Nguy" && fail "the name typed was stored"

# --- t opens the box again; Esc leaves it with nothing recorded
keys t
wait_gone "Đã lưu: chỉ lưu số chữ cái"
keys -l "abc"
wait_for "›  abc"
# a text longer than the field: its end, being typed, stays in sight
keys BSpace BSpace BSpace
wait_gone "›  abc"
keys -l "$(printf 'bc %.0s' $(seq 26))Q"
wait_for "bc bc Q"
keys -l "K"
wait_for "Ô đã đầy rồi."
screen | grep -q "bc QK" && fail "a full box took one more letter"
keys Escape
wait_for "1. Thử gõ"
[ "$(practice)" = 2 ] || fail "Esc recorded the box"

# --- coming back: the box says it was tried, and the screen moves on
keys Enter
wait_for "3/4"
wait_for "Em đã thử ô này rồi. Bấm t để thử lại."
keys Enter
wait_for "4/4"

# mastery (1 of the last 1 right): a Telex try with no mark is not
# right, so the end sends the learner back to the first box, fresh
keys q
wait_for "1. Thử gõ"
keys q
wait_for "Chọn một chủ đề để học"
keys q
wait_ended "hocso did not quit"
sed -i 's|^languages = vi en$|languages = vi en\nmastery = 1/1|' \
    "$data/modules/tryit/module.ini"
start_hocso
wait_for "1. Thử gõ"
keys Enter
wait_for "1. Thử gõ"
keys Enter
wait_for "4/4"
keys Left
wait_for "Em đã thử ô này rồi. Bấm t để thử lại."
keys t
keys -l "An"
wait_for "›  An"
keys Enter
wait_for "Đã lưu: chỉ lưu số chữ cái"
[ "$(sql "SELECT response || '|' || fraction FROM practice ORDER BY rowid
    DESC LIMIT 1")" = "2 letters, 0 with marks|0.0" ] ||
    fail "a Telex try without marks: $(sql "SELECT * FROM practice")"
keys Enter
wait_for "4/4"
keys Enter
wait_for "Mình luyện thêm một lần nhé"
wait_for "2/4"
wait_for "Gõ thử một mật khẩu và xem nó mạnh đến đâu."
screen | grep -q "Em đã thử ô này rồi" && fail "the box is not fresh"
screen | grep -qF "rất mạnh" && fail "the old meter is shown"
keys Right
wait_for "Em thử ô gõ trước đã: gõ rồi bấm Enter."

# read-aloud says the prompt (the words the voice is given)
"$top_builddir/learn/hocso" --data-dir "$data" --lang vi speak --print \
    "$data/modules/tryit/lessons/vi/01-thu.md" 2 |
    grep -qF "Gõ thử một mật khẩu và xem nó mạnh đến đâu." ||
    fail "read-aloud does not say the prompt"

# --- the meter not working: the box still records, and says it once
keys Escape
wait_for "1. Thử gõ"
keys q
wait_for "Chọn một chủ đề để học"
keys q
wait_ended "hocso did not quit"

# A tmux server of its own for each hocso started from here on: a new
# session on a server still ending after its last one closed fails
# ("server exited unexpectedly").
fresh_tmux() { sock=$work/tmux-$1.sock; }

# Opens the lesson on its password box, fresh (t when it was tried).
password_box() {
	wait_for "1. Thử gõ"
	keys Enter
	wait_for "1. Thử gõ"
	keys Enter
	wait_for "/4"
	n=0
	until screen | grep -qF "2/4"; do
		n=$((n + 1))
		[ $n -le 10 ] || fail "the password box was not reached"
		if screen | grep -qF "1/4"; then keys Right; else keys Left; fi
		sleep 0.2
	done
	wait_for "Độ mạnh:"
	if screen | grep -qF "Bấm t để thử lại"; then
		keys t
		wait_gone "Bấm t để thử lại"
	fi
}

# Types a strong password into a meter that does not work, and checks
# what the box says, shows and records.
meter_lost() {
	before=$(practice)
	keys -l "voi-xanh-an-kem-muoi"
	wait_for "›  voi-xanh-an-kem-muoi"
	wait_for "Lúc này không đo được độ mạnh mật khẩu; ô gõ vẫn lưu độ dài."
	wait_for "chưa đo được"
	screen | grep -qF "rất mạnh" && fail "$1: a strength without a meter"
	# said once, in the box, and it stays there as keys are typed
	keys BSpace
	wait_gone "›  voi-xanh-an-kem-muoi"
	keys -l "i"
	wait_for "›  voi-xanh-an-kem-muoi"
	[ "$(screen | grep -c "Lúc này không đo được")" = 1 ] ||
	    fail "$1: not said once"
	keys Enter
	wait_for "Đã lưu: chỉ lưu độ mạnh, không lưu những gì em gõ."
	[ "$(practice)" = $((before + 1)) ] || fail "$1: not recorded"
	[ "$(last_try)" = "manh1|strength unknown, 20 characters|0.0" ] ||
	    fail "$1: recorded $(last_try)"
	[ -z "$(children)" ] || fail "$1: left behind: $(children)"
}

# the meter dies before its first answer
fresh_tmux die
HOCSO_TEST_ENV="HOCSO_TEST_METER=die" start_hocso
password_box
meter_lost "a meter that died"
keys q
wait_for "1. Thử gõ"
keys q
wait_for "Chọn một chủ đề để học"
keys q
wait_ended "hocso did not quit"

# the meter answers each key a second late: after a few keys of ~0.3 s
# it is given up, and the rest of the keys are taken at once
fresh_tmux slow
HOCSO_TEST_ENV="HOCSO_TEST_METER=slow" start_hocso
password_box
t0=$(date +%s)
meter_lost "a meter too slow"
[ $(($(date +%s) - t0)) -le 6 ] || fail "a slow meter made the box slow"
keys q
wait_for "1. Thử gõ"
keys q
wait_for "Chọn một chủ đề để học"
keys q
wait_ended "hocso did not quit"

# no hocso-cmd beside hocso (nor installed, where hocso looks next:
# the PKGLIBEXECDIR it was built with): the meter cannot start
libexec=$(tr -c '[:print:]' '\n' <"$top_builddir/learn/hocso" |
    grep -m 1 '^/.*/libexec/hocso$' || true)
if [ -n "$libexec" ] && [ ! -e "$libexec/hocso-cmd" ]; then
	mkdir -p "$work/alone/learn"
	cp "$top_builddir/learn/hocso" "$work/alone/learn/"
	ln -s "$top_builddir/i18n" "$work/alone/i18n"
	fresh_tmux alone
	built=$top_builddir
	top_builddir=$work/alone
	start_hocso
	top_builddir=$built
	wait_for "Thử gõ"
	[ "$(readlink "/proc/$(hocso_pid)/exe")" = "$work/alone/learn/hocso" ] ||
	    fail "not the hocso without hocso-cmd"
	password_box
	meter_lost "no hocso-cmd"
	keys q
	wait_for "1. Thử gõ"
	keys q
	wait_for "Chọn một chủ đề để học"
	keys q
	wait_ended "hocso did not quit"
fi

# kill -9 of hocso with its meter running: the meter ends too
fresh_tmux kill
start_hocso
password_box
n=0
until [ -n "$(meter_pid)" ]; do
	n=$((n + 1))
	[ $n -le $tries ] || fail "no meter to kill hocso over"
	sleep 0.05
done
meter=$(meter_pid)
kill -9 "$(hocso_pid)"
wait_ended "hocso survived SIGKILL"
n=0
while ps -o stat= -p "$meter" 2>/dev/null | grep -qv '^Z'; do
	n=$((n + 1))
	[ $n -le $tries ] || fail "the meter $meter outlived hocso"
	sleep 0.05
done

# zxcvbn is in hocso-cmd only: hocso neither defines nor imports it (its
# archive cannot go into the static-pie hocso)
if command -v nm >/dev/null 2>&1; then
	syms() { { nm "$1"; nm -D "$1"; } 2>/dev/null; }
	syms "$top_builddir/learn/hocso" | grep -E '\bZxcvbn' &&
	    fail "hocso links zxcvbn"
	syms "$top_builddir/learn/hocso-cmd" | grep -qE '\bZxcvbnMatch\b' ||
	    fail "hocso-cmd has no ZxcvbnMatch: is nm telling the truth?"
fi

echo "PASS: the type-it boxes"
