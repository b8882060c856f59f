#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sync-forge.sh: issue 14, finding 3.  One enrolled device must not be
# able to block another by sending the other's events first.  School A
# leaves its unsent bundle on a shared stick; device B takes A's events
# out of it (here straight from A's store, which is what decoding the
# bundle gives: the same rows, the same ids) and sends them, signed by
# its own key, over HTTP to a real server on loopback.  Since bundle
# format 2 an event's id is derived from its device's key and seq, so
# B's upload cannot carry A's ids: B's events get B's ids, A's next sync
# is accepted, and every event of A is at the server exactly once.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-syncforge-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

a=$work/a b=$work/b stick=$work/stick
mkdir "$stick"
devid() { sqld "$1" "SELECT value FROM meta WHERE key = 'device_id'"; }
at_server() {	# the device's events at the server, and the most doubled
	sqls "SELECT count(*) || ' ' || ifnull(max(c), 0) FROM
	    (SELECT count(*) AS c FROM events WHERE device = '$(devid "$1")'
	     GROUP BY uuid)"
}

server_start
new_school "$a" A01 3 10 1
new_school "$b" B02 2 10 2
na=$(sqld "$a" "SELECT count(*) FROM events")
for s in a:A01 b:B02; do
	dir=$work/${s%%:*}
	tok=$(srv token --school "${s#*:}")
	status "enroll-${s%%:*}" 0 school "$dir" enroll --server "$url" \
	    --school "${s#*:}" --token "$tok"
done

# A's bundle waits on the shared stick.
status a-to-stick 0 school "$a" sync --to "$stick"
[ "$(find "$stick" -name "hocso-$(devid "$a")-*.hsb" | wc -l)" -ge 1 ] &&
    ok || fail "no bundle of A on the stick"

# B takes A's events, ids and all, and sends them as its own.
sqld "$b" "ATTACH '$a/hocso.db' AS a;
    INSERT INTO events (uuid, ts, actor, verb, object, registration,
      response, score, success, completion, duration_ms, lang)
    SELECT uuid, ts, actor, verb, object, registration, response, score,
      success, completion, duration_ms, lang FROM a.events ORDER BY seq;"
status b-sends 0 school "$b" sync
# None of A's ids is at the server under B: B could not send them.
same b-has-no-a-id "$(sqls "ATTACH '$a/hocso.db' AS a;
    SELECT count(*) FROM events WHERE uuid IN (SELECT uuid FROM a.events)")" 0

# A's own sync is accepted, and stores each of its events once.
status a-sync 0 school "$a" sync
same a-at-server "$(at_server "$a")" "$na 1"
same a-kept-aside "$(sqls "SELECT count(*) FROM kept_aside")" 0
same a-waiting "$(sqld "$a" "SELECT count(*) FROM events WHERE seq >
    (SELECT value FROM meta WHERE key = 'sync.acked_seq')")" 0
# The ids at the server are the ones A's key gives: version 8 UUIDs.
same a-ids-v8 "$(sqls "SELECT count(*) FROM events WHERE device =
    '$(devid "$a")' AND substr(uuid, 15, 1) = '8'")" "$na"
# And the stick's bundle, imported later, changes nothing.
status import 0 srv import "$stick"
same a-after-import "$(at_server "$a")" "$na 1"

sync_summary
