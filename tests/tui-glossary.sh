#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-glossary.sh: glossary terms in a lesson (tests/fixtures/glossary),
# in Vietnamese at 80x24: marked words are shown as written, without
# their brackets; Tab selects the first, Shift-Tab the one before; Enter
# opens the selected word's screen (its explanation and its picture) and
# Enter goes back to the same lesson screen; Enter with nothing selected
# still goes on to the next screen; g lists the module's words, Enter
# opens one, q goes back; a click on a word opens it; ? lists the keys;
# on the module's screen too.  With HOCSO_CAPTURE_DIR set, a term's
# screen is saved there (glossary-term.txt).
. "$top_srcdir/tests/tui-lib.sh"

cp -R "$top_srcdir/tests/fixtures/glossary" "$data/modules/"
chmod -R u+w "$data"

click() {	# click COLUMN ROW (0-based), as xterm's SGR mouse report
	keys -l "$(printf '\033[<0;%d;%dM' $(($1 + 1)) $(($2 + 1)))"
	keys -l "$(printf '\033[<0;%d;%dm' $(($1 + 1)) $(($2 + 1)))"
}
chmod -R u+w "$data"

# The child reading aloud (F4, tui-readaloud.sh): its command line.
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
wait_for "Mật khẩu và đường link"
n=$(screen | grep -F "Mật khẩu và đường link" |
    sed -n 's/.* \([1-9]\)\. Mật khẩu và đường link.*/\1/p' | head -n 1)
[ -n "$n" ] || fail "the module is not listed"
keys "$n" Enter
wait_for "1. Mật khẩu"
keys Enter
wait_for "1/3"
# shown as written, no brackets, the bar's target hidden
wait_for "Mật khẩu giữ tài khoản của em an toàn."
screen | grep -qF "[[" && fail "brackets are shown"
screen | grep -qF "Đừng cho ai biết mật khẩu mạnh của" ||
    fail "[[shown|term]] is not shown as 'shown'"
screen | grep -qF "|mật khẩu" && fail "a mark's target is shown"
screen | grep -qF "Tab, Shift-Tab" && fail "help shown before ?"
# read aloud, a mark is its shown words
keys F4
wait_speaker
case $(speaker) in
*"["*|*"|"*) fail "a mark's brackets are read: $(speaker)" ;;
*"Đừng cho ai biết mật khẩu mạnh của em."*) ;;
*) fail "not the screen's words: $(speaker)" ;;
esac
keys x
wait_no_speaker

# ? lists the new keys
keys "?"
wait_for "Tab, Shift-Tab    chọn một từ khó"
screen | grep -qF "g                 mọi từ khó của mô-đun" ||
    fail "the help panel does not list g"
keys Space
wait_gone "Tab, Shift-Tab"

# a term is bold and underlined (and in colour); the selected one in
# reverse too; other words are not
attrs() { tm capture-pane -e -p -t hocso | grep -F "$1" | tr '\033' '~'; }
attrs "an toàn" | grep -qF "~[1;4m~[36mtài khoản" ||
    fail "the term is not bold and underlined: $(attrs "an toàn")"
attrs "an toàn" | grep -qF "[7m" && fail "a term is selected before Tab"
# Tab, Tab: the second term (tài khoản); Shift-Tab back to the first
keys Tab
wait_for "Enter xem nghĩa"
attrs "an toàn" | grep -qF "~[1;4;7m~[36mMật khẩu" ||
    fail "Tab does not select the first term: $(attrs "an toàn")"
keys Tab BTab Tab
sleep 0.2
keys Enter
wait_for "Mật khẩu và đường link › Từ khó"
wait_for "tài khoản"
screen | grep -qF "Chỗ của em trên một trang web hay ứng dụng." ||
    fail "the term's explanation is not shown"
screen | grep -qF "Enter hoặc q quay lại" || fail "the term's footer"
# back with Enter to the same lesson screen
keys Enter
wait_for "1/3"
screen | grep -qF "Mật khẩu giữ tài khoản" || fail "not back on screen 1"
# Shift-Tab from nothing selected: the last word on the screen, which
# opens the entry 'mật khẩu' ([[mật khẩu mạnh|mật khẩu]])
keys BTab
wait_for "Enter xem nghĩa"
keys Enter
wait_for "› Từ khó"
wait_for "Một từ bí mật chỉ em biết, để mở tài khoản của em."
screen | grep -qF "[ * * * * * ]  (khóa)" || fail "the term's picture"
# a capture for the docs when asked: HOCSO_CAPTURE_DIR=/tmp/captures
[ -z "${HOCSO_CAPTURE_DIR:-}" ] ||
    screen >"$HOCSO_CAPTURE_DIR/glossary-term.txt"
# F4 reads the term and its explanation, not its picture
keys F4
wait_speaker
case $(speaker) in
*"khóa"*|*"*"*) fail "the picture is read: $(speaker)" ;;
*"--text mật khẩu. Một từ bí mật chỉ em biết, để mở tài khoản của em."*) ;;
*) fail "not the term's words: $(speaker)" ;;
esac
keys x
wait_no_speaker
screen | grep -qF "Một từ bí mật chỉ em biết" || fail "x left the term"
keys Escape
wait_for "1/3"

# Enter with nothing selected keeps its meaning: the next screen
keys Enter
wait_for "2/3"
# [[Mật khẩu]] opens 'mật khẩu' whatever its case; here [[mã OTP|OTP]]
keys Tab Enter
wait_for "Mã số dùng một lần"
screen | grep -qF "| 482913 |" || fail "the OTP picture"
keys q
wait_for "2/3"

# g: the module's words, in the glossary's order; Enter opens one
keys g
wait_for "› Từ khó"
wait_for "Chọn một từ để xem nghĩa của nó."
for w in "mật khẩu" "tài khoản" "OTP" "đường link"; do
	screen | grep -qF -- "$w" || fail "'$w' is not in the list"
done
keys Down Down Down Enter
wait_for "Dòng chữ em bấm vào để mở một trang khác."
keys Enter
wait_for "Chọn một từ để xem nghĩa của nó."
keys q
wait_for "2/3"
screen | grep -qF "Không bấm vào đường link lạ." || fail "not back on 2/3"

# a click on a word opens it (the mouse is on: tui-mouse.sh)
row=$(screen | grep -n "Không đọc mã OTP cho ai." | cut -d: -f1)
col=$(screen | sed -n "${row}p" | sed 's/OTP cho ai.*//' | wc -m)
click "$col" $((row - 1))
wait_for "Mã số dùng một lần"
keys Enter
wait_for "2/3"
keys q
wait_for "1. Mật khẩu"
# the module's screen: ? lists g, and g opens the same list
keys "?"
wait_for "g                 mọi từ khó của mô-đun"
keys Space
wait_gone "mọi từ khó của mô-đun"
keys g
wait_for "Chọn một từ để xem nghĩa của nó."
keys q
wait_for "1. Mật khẩu"
keys q q
wait_ended "q on the first screen did not quit"
echo "PASS: glossary terms open, go back and are listed"
