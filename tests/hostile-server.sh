#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# hostile-server.sh: what a rogue school device, a tampered school store
# or a wrong clock can do to the province server and its LRS (issue 14,
# findings 6, 7 and 10), on a real server on loopback:
#
#  - a row written straight into a school's store with a malformed time
#    (1969's "...00.-720Z", a five-digit year): the bundle is refused
#    (400, the event's sequence number named), nothing of it is stored,
#    and another school is served within 2 s all the same;
#  - an LRS that refuses one statement: the rest arrive, the poison one
#    is set aside (hocso-server forward list), and forward retry and
#    forward drop work;
#  - device B's class map naming school A's learner: A's class in the
#    report is unchanged;
#  - device clocks in 1969 and in the year 10000: every time the server
#    stores is a valid xAPI time.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-hostile-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
sink_pid=
trap 'if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true;
    fi; sync_cleanup' EXIT
HOCSO_FORWARD_DEAD_TRIES=2
export HOCSO_FORWARD_DEAD_TRIES

a=$work/a b=$work/b
dump() { sqls "SELECT * FROM events; SELECT * FROM learner_class;
    SELECT * FROM bundles; SELECT * FROM forward_dead" | md5sum; }
rows() { sqls "SELECT count(*) FROM events"; }
device_of() { sqld "$1" "SELECT value FROM meta WHERE key = 'device_id'"; }
uuid() { cat /proc/sys/kernel/random/uuid; }

# enrol DIR CODE: DIR enrolled in school CODE over HTTP.
enrol() {
	status "enrol-$2" 0 school "$1" enroll --server "$url" --school "$2" \
	    --token "$(srv token --school "$2")"
}

# raw DIR ACTOR TS: a row written straight into DIR's store: a copy of
# its last event, with a new id, actor ACTOR and time TS.
raw() {
	cols=$(sqld "$1" "SELECT group_concat(name, ', ') FROM
	    pragma_table_info('events') WHERE name NOT IN ('seq', 'uuid',
	    'actor', 'ts')")
	sqld "$1" "INSERT INTO events (uuid, actor, ts, $cols) SELECT
	    '$(uuid)', '$2', '$3', $cols FROM events ORDER BY seq DESC LIMIT 1"
}

server_start
new_school "$a" A01 3 10 1
new_school "$b" B02 3 10 2
enrol "$a" A01
enrol "$b" B02
status sync-a 0 school "$a" sync
status sync-b 0 school "$b" sync
n=$(rows)
[ "$n" -gt 20 ] && ok || fail "too little activity: $n events"

# --- Finding 6 and 10: a malformed time, refused at ingest -------------
# Each in a school of its own: its refused bundle stays in its outbox.
k=0
for ts in '1970-01-01T00:00:00.-720Z' '10000-01-01T00:00:00.000Z'; do
	k=$((k + 1))
	d=$work/d$k
	new_school "$d" "D0$k" 1 5 $((k + 4))
	enrol "$d" "D0$k"
	status "bad-time $ts: first sync" 0 school "$d" sync
	raw "$d" "$(sqld "$d" "SELECT actor FROM events LIMIT 1")" "$ts"
	seq=$(sqld "$d" "SELECT max(seq) FROM events")
	before=$(dump)
	status "bad-time $ts" 1 school "$d" sync --tries 1
	contains "bad-time $ts: names the event" "$work/err" \
	    "event $seq of device $(device_of "$d") is not a valid statement"
	contains "bad-time $ts: says why" "$work/err" "statement.timestamp"
	same "bad-time $ts: nothing stored" "$(dump)" "$before"
	# Another school is served at once all the same.
	raw "$b" "$(sqld "$b" "SELECT actor FROM events LIMIT 1")" \
	    "2026-11-28T09:00:0$k.000Z"
	t0=$(date +%s%N)
	status "bad-time $ts: another school" 0 school "$b" sync
	t1=$(date +%s%N)
	[ $(((t1 - t0) / 1000000)) -lt 2000 ] && ok ||
	    fail "bad-time: the other school waited $(((t1 - t0) / 1000000)) ms"
	same "bad-time $ts: health" "$(curl -s "$url/v1/health")" ok
done
same "bad-time: the server is up" "$(curl -s "$url/v1/health")" ok

# --- Finding 7: B's class map names A's learner --------------------------
victim=$(sqls "SELECT learner FROM learner_class WHERE school = 'A01'
    LIMIT 1")
vclass=$(sqls "SELECT class FROM learner_class WHERE learner = '$victim'")
same "class: A's learner has a class" "$vclass" 5A
sqld "$b" "INSERT INTO classes (uuid, name, created_at) VALUES ('$(uuid)',
    'HACKED by B02', '2026-11-28T00:00:00.000Z');
    INSERT INTO learners (uuid, name, created_at, class_id) VALUES
    ('$victim', 'Kẻ mạo danh', '2026-11-28T00:00:00.000Z',
    (SELECT id FROM classes WHERE name = 'HACKED by B02'))"
raw "$b" "$victim" "2026-11-28T10:00:00.000Z"
# And a learner of A's that A never sent a class for yet: named by B
# first, still not B's to name.
fresh=$(uuid)
raw "$a" "$fresh" "2026-11-28T10:00:00.000Z"
sqld "$b" "INSERT INTO learners (uuid, name, created_at, class_id) VALUES
    ('$fresh', 'Kẻ mạo danh 2', '2026-11-28T00:00:00.000Z',
    (SELECT id FROM classes WHERE name = 'HACKED by B02'))"
status class-sync-a 0 school "$a" sync
raw "$b" "$fresh" "2026-11-28T10:00:01.000Z"
status class-sync-b 0 school "$b" sync
same "class: B's events stored" "$(sqls "SELECT count(*) FROM events
    WHERE actor IN ('$victim', '$fresh') AND school = 'B02'")" 2
same "class: A's learner's class" "$(sqls "SELECT class FROM learner_class
    WHERE learner = '$victim'")" 5A
same "class: no class from B for A's new learner" "$(sqls "SELECT
    count(*) FROM learner_class WHERE learner = '$fresh'")" 0
status report 0 srv report
if grep -q HACKED "$work/out"; then
	fail "class: the report shows B's label:"
	cat "$work/out"
else ok; fi
# B still names its own learners' classes.
same "class: B's own" "$(sqls "SELECT count(*) FROM learner_class
    WHERE school = 'B02' AND class = '5A'")" \
    "$(sqld "$b" "SELECT count(DISTINCT actor) FROM events WHERE actor IN
    (SELECT l.uuid FROM learners l JOIN classes c ON c.id = l.class_id
    WHERE c.name = '5A')")"

# --- Finding 10: device clocks in 1969 and in 10000 -----------------------
for when in -86400000 253402300800000; do
	c=$work/c$when
	HOCSO_TEST_NOW=$when new_school "$c" "C$when" 1 5 3
	enrol "$c" "C$when"
	HOCSO_TEST_NOW=$when status "clock $when: sync" 0 school "$c" sync
	dev=$(device_of "$c")
	same "clock $when: stored" "$(sqls "SELECT count(*) FROM events WHERE
	    device = '$dev'")" "$(sqld "$c" "SELECT count(*) FROM events")"
	same "clock $when: times" "$(sqls "SELECT DISTINCT ts FROM events
	    WHERE device = '$dev'")" "$([ "$when" -lt 0 ] &&
	    echo 1970-01-01T00:00:00.000Z || echo 9999-12-31T23:59:59.999Z)"
done

# --- Finding 6: one statement the LRS refuses ------------------------------
server_stop
n=$(rows)
poison=$(sqls "SELECT uuid FROM events ORDER BY id LIMIT 1 OFFSET 5")
pid=$(sqls "SELECT id FROM events WHERE uuid = '$poison'")
echo "$poison" >"$work/refuse"
rm -f "$work/lrs.port"
"$top_builddir/tests/lrs-sink" --port-file "$work/lrs.port" \
    --out "$work/lrs.out" --refuse "$work/refuse" 2>>"$work/lrs.log" &
sink_pid=$!
i=0
while [ ! -s "$work/lrs.port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
lrs=http://127.0.0.1:$(cat "$work/lrs.port")/xapi/statements
server_start "127.0.0.1:$port" --forward-lrs "$lrs"	# the schools' URL
# waitfor N: waits until the LRS holds N statements.
waitfor() {
	i=0
	while [ "$(cat "$work/lrs.out" 2>/dev/null | wc -l)" -lt "$1" ] &&
	    [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
waitfor $((n - 1))
i=0
while [ "$(sqls "SELECT count(*) FROM forward_dead")" = 0 ] && [ $i -lt 50 ]
do
	sleep 0.1
	i=$((i + 1))
done
same "lrs: the rest arrived" "$(wc -l <"$work/lrs.out")" $((n - 1))
grep -qF "$poison" "$work/lrs.out" && fail "lrs: the refused one arrived" ||
    ok
status forward-list 0 srv forward list
contains forward-list "$work/out" "$pid  $poison  "
contains forward-list "$work/out" "refused on purpose (--refuse)"
contains "lrs: logged" "$work/server.log" "statement $pid set aside after 2"
# Bad uses change nothing.
before=$(dump)
status forward-what 2 srv forward frob
contains forward-what "$work/err" "unknown subcommand 'frob'"
status forward-retry-bad 2 srv forward retry x1
contains forward-retry-bad "$work/err" "'x1' is not a statement id"
status forward-drop-none 2 srv forward drop
contains forward-drop-none "$work/err" "which statements?"
status forward-retry-unknown 1 srv forward retry "$pid" 999999
same forward-retry-unknown "$(cat "$work/err")" \
    "hocso-server: 999999 is not a statement set aside (see hocso-server forward list)"
same "forward: bad uses changed nothing" "$(dump)" "$before"
# Retried while the LRS still refuses it: aside again.
status forward-retry-again 0 srv forward retry "$pid"
expect forward-retry-again "$work/out" "1 statement will be sent again"
i=0
while [ "$(sqls "SELECT retry FROM forward_dead")" != 0 ] && [ $i -lt 100 ]
do
	sleep 0.1
	i=$((i + 1))
done
same "retry refused: aside again" "$(sqls "SELECT retry || ' ' || tries
    FROM forward_dead WHERE id = $pid")" "0 3"
# The LRS takes it now: retried, it arrives, and is aside no more.
: >"$work/refuse"
status forward-retry 0 srv forward retry
expect forward-retry "$work/out" "1 statement will be sent again"
waitfor "$n"
same "retry: arrived" "$(grep -cF "$poison" "$work/lrs.out")" 1
i=0
while [ "$(sqls "SELECT count(*) FROM forward_dead")" != 0 ] && [ $i -lt 50 ]
do
	sleep 0.1
	i=$((i + 1))
done
same "retry: aside no more" "$(sqls "SELECT count(*) FROM forward_dead")" 0
# Another poison statement, new activity behind it; dropped.  A
# statement's id is the server's to derive (from the device's key and the
# event's number), so the new events reach the server by stick while it
# is stopped, and the LRS is told which one to refuse before it starts.
actor=$(sqld "$a" "SELECT actor FROM events LIMIT 1")
raw "$a" "$actor" "2026-11-28T11:00:00.000Z"
raw "$a" "$actor" "2026-11-28T11:00:01.000Z"
raw "$a" "$actor" "2026-11-28T11:00:02.000Z"
server_stop
before=$(rows)
mkdir "$work/more"
status sync-a-more 0 school "$a" sync --to "$work/more"
status import-a-more 0 srv import "$work/more"
more=$(($(rows) - before))
[ "$more" -ge 2 ] && ok || fail "more: only $more new events stored"
want=$(($(rows) - 1))		# every statement but the poison
# the last but one: one is sent before it, and one after
second=$(sqls "SELECT uuid FROM events WHERE device = '$(device_of "$a")'
    ORDER BY seq DESC LIMIT 1 OFFSET 1")
echo "$second" >"$work/refuse"
server_start "127.0.0.1:$port" --forward-lrs "$lrs"
waitfor $want
i=0
while [ "$(sqls "SELECT count(*) FROM forward_dead")" = 0 ] && [ $i -lt 50 ]
do
	sleep 0.1
	i=$((i + 1))
done
waitfor $want
sid=$(sqls "SELECT id FROM events WHERE uuid = '$second'")
same "second: the one after it arrived" "$(wc -l <"$work/lrs.out")" \
    $want
status forward-drop 0 srv forward drop "$sid"
expect forward-drop "$work/out" "1 statement dropped: it will never be sent"
status forward-list-empty 0 srv forward list
same forward-list-empty "$(wc -l <"$work/out")" 1
same "drop: still stored" "$(sqls "SELECT count(*) FROM events
    WHERE uuid = '$second'")" 1
same "lrs: the server is up" "$(curl -s "$url/v1/health")" ok

printf 'hostile-server.sh: '
sync_summary
