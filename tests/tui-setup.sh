#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-setup.sh: the first run on a new data folder asks for the school's
# name (typed in Telex), its code and the teacher's PIN twice, in
# Vietnamese or English; refuses a bad code and PINs that differ; keeps
# the PIN only as a hash; and opens teacher mode (tui-firstrun.sh goes
# on there), out of which the modules.  Esc leaves it for later.
. "$top_srcdir/tests/tui-lib.sh"

rm -f "$data"/hocso.db*			# a new data folder
start_hocso --lang vi
wait_for "Chào mừng"
keys F2					# English, and back
wait_for "Welcome"
keys F2
wait_for "Chào mừng"
tm send-keys -t hocso -l "Truwowngf Tieeur hocj Banr Laauf"
wait_for "Trường Tiểu học Bản Lầu"
keys Enter
tm send-keys -t hocso -l "LC 001"		# the space is not taken
wait_for "LC001"
keys BSpace BSpace BSpace
tm send-keys -t hocso -l -- "-001"
keys Enter
tm send-keys -t hocso -l 2468
keys Enter
tm send-keys -t hocso -l 2469
keys Enter
wait_for "hai mã PIN khác nhau"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Đây là chế độ giáo viên"		# the teacher goes on there
keys q					# no class yet: the modules
wait_for "1. Giữ bí mật của em"
[ "$(sql "SELECT value FROM meta WHERE key = 'school.name'")" = \
    "Trường Tiểu học Bản Lầu" ] || fail "the school's name"
[ "$(sql "SELECT value FROM meta WHERE key = 'school.code'")" = LC-001 ] ||
    fail "the school's code: $(sql "SELECT value FROM meta WHERE key = 'school.code'")"
sql "SELECT value FROM meta WHERE key = 'teacher.pin_hash'" |
    grep -q '^\$argon2id\$' || fail "the PIN is not an Argon2id hash"
sql "SELECT value FROM meta" | grep -q 2468 && fail "the PIN is stored"
[ -f "$data/device.key" ] && [ -f "$data/device.pub" ] ||
    fail "no device key pair for sync"
[ "$(stat -c %a "$data/device.key")" = 600 ] || fail "device.key not 0600"
keys q
wait_ended "hocso did not quit"

# set up: not asked again; a new folder left for later with Esc
start_hocso --lang vi
wait_for "1. Giữ bí mật của em"
keys q
wait_ended "hocso did not quit"
rm -f "$data"/hocso.db*
start_hocso --lang vi
wait_for "Chào mừng"
keys Escape
wait_for "1. Giữ bí mật của em"
echo "PASS: first run: school, code and teacher PIN, checked and kept"
