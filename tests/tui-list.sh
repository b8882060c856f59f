#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-list.sh: a long list keeps its selection on screen.  A class of 40
# imported from a spreadsheet, at 80x24 and at 60x20: Down 39 times
# reaches the 40th name, which is on screen and highlighted, and Enter
# signs in as that name (not as one the child cannot see); PgDn and
# PgUp page through it; marks show that names are hidden above or below.
. "$top_srcdir/tests/tui-lib.sh"

{
	echo "Họ và tên;Lớp;Mã PIN"
	i=1
	while [ $i -le 40 ]; do
		printf 'Học sinh %02d;5A;\n' $i
		i=$((i + 1))
	done
} >"$work/lop.csv"
"$top_builddir/learn/hocso" --data-dir "$data" learner import "$work/lop.csv" \
    >/dev/null || fail "import"

# As start_hocso, at cols x rows.
start_at() {
	tm new-session -d -s hocso -x "$1" -y "$2" \
	    "exec env LANG=C.UTF-8 LANGUAGE= TERM=xterm-256color \
	    HOCSO_LOCALEDIR='$top_builddir/i18n/locale' \
	    '$top_builddir/learn/hocso' --data-dir '$data' --lang vi"
}

for size in "80 24" "60 20"; do
	set -- $size
	start_at "$1" "$2"
	wait_for "Tìm:"			# one class: the names at once
	wait_for "▶ Học sinh 01"
	screen | grep -q "Học sinh 40" && fail "$size: all 40 fit?"
	screen | grep -q "▼" || fail "$size: no mark for the names below"
	keys NPage NPage NPage NPage
	wait_for "▶ Học sinh 40"
	keys PPage PPage PPage PPage
	wait_for "▶ Học sinh 01"
	# shellcheck disable=SC2046
	keys $(yes Down | head -n 39)
	wait_for "▶ Học sinh 40"
	[ "$(screen | grep -c "▶")" = 1 ] || fail "$size: one name highlighted"
	screen | grep -q "Học sinh 01" && fail "$size: the list did not scroll"
	screen | grep -q "▲" || fail "$size: no mark for the names above"
	screen | grep -q "▼" && fail "$size: a mark below the last name"
	# Home and End as tmux, screen and the Linux console send them,
	# whatever TERM says: a move, not text typed into the search.
	tm send-keys -t hocso -l "$(printf '\033[1~')"
	wait_for "▶ Học sinh 01"
	tm send-keys -t hocso -l "$(printf '\033[4~')"
	wait_for "▶ Học sinh 40"
	screen | grep -Eq "Tìm: _? *$" || fail "$size: Home/End typed as text"
	screen | grep -q '\[[14]~' && fail "$size: Home/End typed as text"
	keys Enter
	wait_for "Giữ bí mật của em"
	screen | head -n 1 | grep -q "Học sinh 40" ||
	    fail "$size: not signed in as the 40th"
	keys q				# signs out
	wait_for "Tìm:"
	keys Escape			# one class: Esc quits
	wait_ended "$size: hocso did not quit"
done
echo "PASS: a class of 40 scrolls to its last name at 80x24 and 60x20"
