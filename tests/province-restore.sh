#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# province-restore.sh: a province server lost and restored from its
# backup, and every school heals by itself (issue 19, defects 1 and 2).
#
# Three schools sync over HTTP with a real hocso-server; the server is
# backed up while it runs (hocso-server backup: the store by SQLite's
# backup API, the packages, a manifest); the schools go on (A and B sync
# more; C is enrolled after the backup); the disk is lost; the backup is
# restored into a new folder (hocso-server restore) and the key typed
# back from its paper form.  Then, with no command at any school but its
# usual "hocso sync":
#  - B, with nothing new, learns from the catalog that the server lacks
#    its events, and sends them again;
#  - A, with new events, gets 422 with what the server holds, goes back
#    and sends again;
#  - C, unknown to the restored server, is told to enrol again; with a
#    new token it does, and sends everything from event 1;
# and the server ends with every event of every school once.  Then the
# packages: one restored with the store is downloaded; one whose file is
# lost is named in the log and on the device, which does not call the
# server "no hocso server" and still takes the new safety alert.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-restore-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT
HOCSO_BUNDLE_EVENTS=40
export HOCSO_BUNDLE_EVENTS

a=$work/a b=$work/b c=$work/c
dev() { sqld "$1" "SELECT value FROM meta WHERE key = 'device_id'"; }
# at DIR: the events of DIR's device at the server; all DIR has.
at() { sqls "SELECT count(*) FROM events WHERE device = '$(dev "$1")'"; }
has() { sqld "$1" "SELECT count(*) FROM events"; }
doubled() { sqls "SELECT count(*) - count(DISTINCT uuid) FROM events"; }
more() { school "$1" simulate --learners 2 --minutes 5 --seed "$2" \
    --class 5A >/dev/null; }
enrol() {
	status "enrol-$2" 0 school "$1" enroll --server "$url" --school "$2" \
	    --token "$(srv token --school "$2")"
}
# module DIR VERSION: the basics module as version VERSION, packed.
module() {
	rm -rf "$work/m"
	cp -R "$top_srcdir/lessons/curriculum/basics" "$work/m"
	chmod -R u+w "$work/m"
	sed -i "s/^version = .*/version = $2/" "$work/m/module.ini"
	"$pack" build "$work/m" -o "$1" \
	    --key "$top_srcdir/lessons/demo-key/hocso-demo.key" >/dev/null
}

status paper 0 srv key paper
cp "$work/out" "$work/paper"
server_start
new_school "$a" A01 3 10 1
new_school "$b" B02 3 10 2
new_school "$c" C03 2 10 3
enrol "$a" A01
enrol "$b" B02
module "$work/m2.hsm" 1.3.0
status publish 0 srv publish "$work/m2.hsm"
status sync-a 0 school "$a" sync
status sync-b 0 school "$b" sync
same a-sent "$(at "$a")" "$(has "$a")"

# The backup, while the server runs.
status backup 0 srv backup "$work/bk"
contains backup "$work/out" "1 module package"
[ -f "$work/bk/manifest.json" ] && ok || fail "no manifest"
[ -e "$work/bk/server.key" ] && fail "the secret key is in the backup" || ok
status backup-again 1 srv backup "$work/bk"
contains backup-again "$work/err" "is not empty"
backed_a=$(at "$a") backed_b=$(at "$b")

# Life goes on: more from A and B, and C enrolled after the backup.
more "$a" 11
more "$b" 12
status sync-a2 0 school "$a" sync
status sync-b2 0 school "$b" sync
enrol "$c" C03
status sync-c 0 school "$c" sync
[ "$(at "$a")" -gt "$backed_a" ] && ok || fail "A sent nothing new"
[ "$(at "$b")" -gt "$backed_b" ] && ok || fail "B sent nothing new"
same c-sent "$(at "$c")" "$(has "$c")"
more "$a" 13			# new events at A, not sent before the fire

# The disk is lost.  Restored into a new folder, the key from paper.
server_stop
mv "$work/srv" "$work/lost"
status restore-no-backup 1 srv restore "$work/nowhere"
[ -e "$work/srv/server.db" ] && fail "a failed restore made a store" || ok
status restore 0 srv restore "$work/bk"
contains restore "$work/out" "hocso-server key restore"
status key-restore 0 sh -c "\"$server\" --data \"$work/srv\" key restore \
    <\"$work/paper\""
cmp -s "$work/srv/server.key" "$work/lost/server.key" && ok ||
    fail "the key typed back is not the key"
status restore-over 1 srv restore "$work/bk"
contains restore-over "$work/err" "holds a server already"
same restored-a "$(at "$a")" "$backed_a"
same restored-b "$(at "$b")" "$backed_b"
same restored-c "$(at "$c")" 0
rm -f "$work/server.log"
server_start "127.0.0.1:$port"		# the address the schools know

# B has nothing new: the catalog tells it what the server lacks.
status heal-b 0 school "$b" sync
contains heal-b "$work/out" "the server holds this device's events only up to $backed_b"
expect heal-b "$work/out" "every event is acknowledged by the server"
same healed-b "$(at "$b")" "$(has "$b")"
# A has new events: 422, and it goes back by itself.
status heal-a 0 school "$a" sync
contains heal-a "$work/out" "the server holds this device's events only up to $backed_a"
expect heal-a "$work/out" "every event is acknowledged by the server"
same healed-a "$(at "$a")" "$(has "$a")"
# C is unknown now: told so; enrolled again with a new token, it sends
# all it has, from event 1.
status heal-c 1 school "$c" sync
contains heal-c "$work/err" "the server does not know this device"
status reenrol-c 0 school "$c" enroll --server "$url" --school C03 \
    --token "$(srv token --school C03)"
status heal-c2 0 school "$c" sync
expect heal-c2 "$work/out" "every event is acknowledged by the server"
same healed-c "$(at "$c")" "$(has "$c")"
# Every event once, and a second sync changes nothing.
same doubled "$(doubled)" 0
same all "$(sqls "SELECT count(*) FROM events")" \
    $(($(has "$a") + $(has "$b") + $(has "$c")))
status again-a 0 school "$a" sync
status again-b 0 school "$b" sync
grep -q "sent again" "$work/out" && fail "B went back twice" || ok
same doubled-again "$(doubled)" 0

# The packages: the restored one is served ...
status module-fetched 0 school "$c" modules
contains module-fetched "$work/out" "1.3.0"
# ... and one whose file is lost: named in the log and at the school;
# the alert published after it still arrives.
module "$work/m3.hsm" 1.4.0
status publish-3 0 srv publish "$work/m3.hsm"
rm "$work/srv/modules/$(sha256sum "$work/m3.hsm" | cut -d' ' -f1).hsm"
printf '[alert]\nid = restore-1\nexpires = 2099-12-31\n\n[vi]\n' \
    >"$work/alert.ini"
printf 'title = Cảnh báo\ntext = Đừng bấm vào link lạ.\n' >>"$work/alert.ini"
status alert 0 srv alert "$work/alert.ini"
status missing-module 1 school "$b" sync
contains missing-module "$work/err" "module vn.hocso.basics 1.4.0 could not be downloaded: the server lists it but does not have its package (HTTP 404)"
grep -q "no hocso server" "$work/err" && fail "404 of a package: said no server" || ok
expect missing-module "$work/out" "received 1 safety alert"
contains missing-log "$work/server.log" "cannot be served"
server_stop

printf 'province-restore.sh: '
sync_summary
