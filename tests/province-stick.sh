#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# province-stick.sh: schools that sync only by USB stick heal by
# themselves after the province server is restored from a backup
# (issue 19, defect 1, the stick's side; province-restore.sh is HTTP's).
#
# At each trip the district office runs hocso-server import on the
# stick and the school its usual "hocso sync --from STICK --to STICK".
# The server is backed up; the schools go on (A and B send more, C is
# enrolled); the disk is lost and the backup restored.  Then, with no
# other command at any school:
#  - the import takes nothing of A's new bundle (it follows events the
#    server lost), says so without calling it refused, and writes on
#    the stick, signed, what it holds of each device there;
#  - A (new events) and B (nothing new, only its ask on the stick) read
#    it, go back and write their events again; the next import stores
#    them, and the server ends with every event once;
#  - C, unknown to the restored server, is told to enrol again.
# A state on the stick that was changed, or signed by another key, is
# refused and changes nothing.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-pstick-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT
HOCSO_BUNDLE_EVENTS=40
export HOCSO_BUNDLE_EVENTS LANGUAGE=en
server_init

stick=$work/stick
mkdir -p "$stick"
a=$work/a b=$work/b c=$work/c
dev() { sqld "$1" "SELECT value FROM meta WHERE key = 'device_id'"; }
acked() { sqld "$1" "SELECT value FROM meta WHERE key = 'sync.acked_seq'"; }
at() { sqls "SELECT count(*) FROM events WHERE device = '$(dev "$1")'"; }
has() { sqld "$1" "SELECT count(*) FROM events"; }
doubled() { sqls "SELECT count(*) - count(DISTINCT uuid) FROM events"; }
more() { school "$1" simulate --learners 2 --minutes 5 --seed "$2" \
    --class 5A >/dev/null; }
# at_school NAME DIR WANT: the school's usual sync with the stick.
at_school() { status "$1" "$3" school "$2" sync --from "$stick" --to "$stick"; }
enrol() {
	status "enrol-$2" 0 school "$1" enroll --to "$stick" --school "$2" \
	    --token "$(srv token --school "$2")"
	school "$1" sync --to "$stick" >/dev/null
}

status paper 0 srv key paper
cp "$work/out" "$work/paper"
new_school "$a" A01 3 10 1
new_school "$b" B02 3 10 2
new_school "$c" C03 2 10 3
enrol "$a" A01
enrol "$b" B02
status import-1 0 srv import "$stick"
at_school back-a1 "$a" 0
at_school back-b1 "$b" 0
expect back-b1 "$work/out" "every event is acknowledged by the server"
same a-sent "$(at "$a")" "$(has "$a")"
[ -f "$stick/hocso-$(dev "$b").state" ] && ok || fail "no state for B"

status backup 0 srv backup "$work/bk"
backed_a=$(at "$a") backed_b=$(at "$b")

# Life goes on: more from A and B, C enrolled after the backup.
more "$a" 11
more "$b" 12
at_school send-a2 "$a" 0
at_school send-b2 "$b" 0
enrol "$c" C03
status import-2 0 srv import "$stick"
at_school back-a2 "$a" 0
at_school back-b2 "$b" 0
at_school back-c2 "$c" 0
[ "$(at "$a")" -gt "$backed_a" ] && ok || fail "A sent nothing new"
same b-acked "$(acked "$b")" "$(has "$b")"
same c-sent "$(at "$c")" "$(has "$c")"
# The answered enrolment requests are taken off the stick (C's token
# will be unknown to the restored server).
rm -f "$stick/"*.enroll "$stick/"*.enrolled
more "$a" 13
at_school send-a3 "$a" 0		# on the stick, not yet imported

# The disk is lost; the backup restored, the key typed back.
mv "$work/srv" "$work/lost"
status restore 0 srv restore "$work/bk"
status key-restore 0 sh -c "\"$server\" --data \"$work/srv\" key restore \
    <\"$work/paper\""
same restored-a "$(at "$a")" "$backed_a"

# The first import after: A's bundle follows what the server lost.
status import-3 0 srv import "$stick"
contains import-3 "$work/out" "0 refused"
contains import-3 "$work/out" "this server does not hold (restored from a backup?)"
same import-3-a "$(at "$a")" "$backed_a"
# A state changed on the way is refused, and changes nothing.
state_b=$stick/hocso-$(dev "$b").state
cp "$state_b" "$work/state-b"
sed -i "1s/\"acked_seq\":$backed_b/\"acked_seq\":0/" "$state_b"
acked_b=$(acked "$b")
at_school forged-b "$b" 1
contains forged-b "$work/err" "$state_b"
contains forged-b "$work/err" "does not match its signature"
same forged-unchanged "$(acked "$b")" "$acked_b"
# ... and one signed by another server's key.
"$server" --data "$work/other" init >/dev/null
mkdir -p "$work/stick2"
cp "$stick/hocso-$(dev "$b").ask" "$work/stick2/"
status other-import 0 "$server" --data "$work/other" import "$work/stick2"
cp "$work/stick2/hocso-$(dev "$b").state" "$state_b"
at_school other-key "$b" 1
contains other-key "$work/err" "not signed by the server this device is enrolled with"
same other-unchanged "$(acked "$b")" "$acked_b"
cp "$work/state-b" "$state_b"

# The schools' usual sync: each goes back by itself.
at_school heal-a "$a" 0
contains heal-a "$work/out" "the server holds this device's events only up to $backed_a"
at_school heal-b "$b" 0
contains heal-b "$work/out" "the server holds this device's events only up to $backed_b"
at_school heal-c "$c" 1
contains heal-c "$work/err" "the server does not know this device"
status import-4 0 srv import "$stick"
contains import-4 "$work/out" "0 refused"
at_school back-a4 "$a" 0
expect back-a4 "$work/out" "every event is acknowledged by the server"
at_school back-b4 "$b" 0
expect back-b4 "$work/out" "every event is acknowledged by the server"
same healed-a "$(at "$a")" "$(has "$a")"
same healed-b "$(at "$b")" "$(has "$b")"
same doubled "$(doubled)" 0
same kept "$(sqls "SELECT count(*) FROM kept_aside")" 0
# Once more: nothing is sent again, nothing goes back.
status import-5 0 srv import "$stick"
at_school again-a "$a" 0
grep -q "sent again" "$work/out" && fail "A went back twice" || ok
at_school again-b "$b" 0
grep -q "sent again" "$work/out" && fail "B went back twice" || ok
same doubled-again "$(doubled)" 0
same all "$(sqls "SELECT count(*) FROM events")" $(($(has "$a") + $(has "$b")))
ls "$stick" | grep -q "^hocso-$(dev "$a")-.*\.hsb$" &&
    fail "A's bundles stay on the stick" || ok

printf 'province-stick.sh: '
sync_summary
