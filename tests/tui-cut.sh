#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-cut.sh: text too long for its row is cut at a word (with "…") or
# wrapped, never mid-word: a topic's summary at 60x20, the class totals
# and a removal's confirmation at 80x24.
. "$top_srcdir/tests/tui-lib.sh"

hocso=$top_builddir/learn/hocso
tm new-session -d -s hocso -x 60 -y 20 "exec env LANG=C.UTF-8 LANGUAGE= \
    TERM=xterm-256color HOCSO_LOCALEDIR='$top_builddir/i18n/locale' \
    '$hocso' --data-dir '$data' --lang en"
wait_for "Choose a topic to learn:"
screen | grep -qx "      Learn to make strong passwords and keep one-time…" ||
    fail "the summary is not cut at a word"
keys q
wait_ended "hocso did not quit"

"$hocso" --data-dir "$data" school --teacher-pin 2468 >/dev/null
"$hocso" --data-dir "$data" class add 4A >/dev/null
"$hocso" --data-dir "$data" learner add --class 4A "Nguyễn Văn An" >/dev/null
start_hocso --lang en
wait_for "Find:"
keys F5
wait_for "Teacher's PIN"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Class 4A"
screen | grep -q "1 not started" || fail "the totals are cut"
keys Enter
wait_for "Nguyễn Văn An (4A)"
keys x
wait_for "Remove Nguyễn Văn An?"
screen | grep -q "without a name\.$" || fail "the confirmation is cut"
keys n
wait_gone "Remove Nguyễn"
[ "$(sql "SELECT count(*) FROM learners WHERE name = 'Nguyễn Văn An'")" = 1 ] ||
    fail "removed without a y"
echo "PASS: long text is cut at words or wrapped"
