#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-mouse.sh: the mouse in a real terminal: a click opens a module and
# the quiz, a click picks a choice and a second click on it answers.
# Clicks are sent as the terminal sends them (xterm's SGR mouse report).
. "$top_srcdir/tests/tui-lib.sh"

click() {	# click COLUMN ROW (0-based)
	keys -l "$(printf '\033[<0;%d;%dM' $(($1 + 1)) $(($2 + 1)))"
	keys -l "$(printf '\033[<0;%d;%dm' $(($1 + 1)) $(($2 + 1)))"
}

start_hocso
wait_for "1. Giữ bí mật của em"
click 10 4
wait_for "3. Bài kiểm tra"
row=$(screen | grep -n "3. Bài kiểm tra" | cut -d: -f1)
click 10 $((row - 1))
wait_for "Bấm Enter để bắt đầu làm bài."
click 10 0			# not on the line that asks: nothing
sleep 0.3
[ "$(sql "SELECT count(*) FROM attempts")" = 0 ] || fail "a stray click started"
row=$(screen | grep -n "Bấm Enter để bắt đầu" | cut -d: -f1)
click 10 $((row - 1))
wait_for "Câu 1/5"
row=$(screen | grep -n ") 2\. " | cut -d: -f1)
click 12 $((row - 1))
wait_for "(•) 2."
[ "$(sql "SELECT count(*) FROM answers")" = 0 ] || fail "one click answered"
click 12 $((row - 1))
wait_for "Câu 2/5"
[ "$(sql "SELECT count(*) FROM answers")" = 1 ] || fail "no answer stored"
echo "PASS: clicks open, choose and answer"
