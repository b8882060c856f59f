#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-lang.sh: run from its build folder, as `./quickstart run` does,
# hocso finds its catalog without HOCSO_LOCALEDIR: --lang vi shows
# Vietnamese menus; and the title reads "Học Số" in both languages.
. "$top_srcdir/tests/tui-lib.sh"

start_plain() {
	tm new-session -d -s hocso -x 80 -y 24 \
	    "exec env -u HOCSO_LOCALEDIR LANG=C.UTF-8 LANGUAGE= \
	    TERM=xterm-256color '$top_builddir/learn/hocso' \
	    --data-dir '$data' $*"
}
start_plain --lang vi
wait_for "Chọn một chủ đề để học:"
screen | grep -q "Học Số" || fail "the title in Vietnamese"
screen | grep -q "trợ giúp" || fail "the footer in Vietnamese"
keys q
wait_ended "hocso did not quit"
start_plain --lang en
wait_for "Choose a topic to learn:"
screen | grep -q "Học Số - learning to be safe online" ||
    fail "the English title lost its marks"
keys q
wait_ended "hocso did not quit"
echo "PASS: the build's catalog found without HOCSO_LOCALEDIR"
