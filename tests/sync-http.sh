#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sync-http.sh: the whole sync story on loopback, as a province runs it.
# A real hocso-server is started; school A is enrolled with a one-time
# token and sends its learners' activity over HTTP; school B, which has
# no link at all, enrols and sends its own on one trip of a USB stick
# that the district office imports, and reads the receipts back; the report shows both schools; a module
# published at the province is installed by school A's next sync, and a
# safety alert reaches its store.  Then the faults of the client's side:
# the server killed in the middle of uploads and restarted, the
# connection cut after k bytes for many k, and the same bundle by HTTP
# and then by USB.  Each time every event is at the server exactly once.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-synchttp-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

a=$work/a b=$work/b stick=$work/stick
mkdir "$stick"

# at_server DIR: the device's events the server holds, and how many
# times the most repeated one is there (1: none doubled).
at_server() {
	dev=$(sqld "$1" "SELECT value FROM meta WHERE key = 'device_id'")
	sqls "SELECT count(*) || ' ' || ifnull(max(c), 0) FROM
	    (SELECT count(*) AS c FROM events WHERE device = '$dev'
	     GROUP BY uuid)"
}
events_of() { sqld "$1" "SELECT count(*) FROM events"; }
waiting() { sqld "$1" "SELECT count(*) FROM events WHERE seq >
    ifnull((SELECT value FROM meta WHERE key = 'sync.acked_seq'), 0)"; }

# --- A province server and two schools ------------------------------
server_start
new_school "$a" A01 6 20 1
new_school "$b" B02 4 20 2
na=$(events_of "$a") nb=$(events_of "$b")
[ "$na" -gt 100 ] && [ "$nb" -gt 50 ] && ok ||
    fail "too little activity: $na and $nb events"

# A token, and school A enrolled with it over the network.
status token 0 srv token --school A01
tok=$(cat "$work/out")
[ -n "$tok" ] && ok || fail "no token printed"
status enroll 0 school "$a" enroll --server "$url" --school A01 --token "$tok"
contains enroll "$work/out" "enrolled"
cmp -s "$a/server.pub" "$work/srv/server.pub" && ok ||
    fail "enroll: server.pub is not the server's key"
same school-code "$(sqld "$a" "SELECT value FROM meta WHERE
    key = 'school.code'")" A01
# The same token again is refused, and changes nothing.
status used-token 1 school "$b" enroll --server "$url" --school A01 \
    --token "$tok"
[ ! -e "$b/server.pub" ] && ok || fail "used token: server.pub written"

# School A's activity over HTTP, in small bundles.
HOCSO_BUNDLE_EVENTS=40 status sync-a 0 school "$a" sync
same sync-a-server "$(at_server "$a")" "$na 1"
same sync-a-waiting "$(waiting "$a")" 0
same sync-a-outbox "$(find "$a/outbox" -name '*.hsb' | wc -l)" 0
[ -n "$(sqld "$a" "SELECT value FROM meta WHERE
    key = 'sync.last_success'")" ] && ok || fail "no sync.last_success"
same sync-a-error "$(sqld "$a" "SELECT ifnull((SELECT value FROM meta
    WHERE key = 'sync.last_error'), '')")" ""
# Nothing new: a second sync sends nothing and stores nothing.
status sync-a-again 0 school "$a" sync
same sync-a-again-server "$(at_server "$a")" "$na 1"

# --- School B: no link at all; one trip of a USB stick ----------------
# It enrols and sends its bundles on the stick; the district office
# imports it (the enrolment first, then the bundles); back at school the
# stick completes the enrolment and acknowledges every event.
tok=$(srv token --school B02)
status enroll-b 0 school "$b" enroll --to "$stick" --school B02 \
    --token "$tok"
[ ! -e "$b/server.pub" ] && ok || fail "enroll --to: server.pub written"
HOCSO_BUNDLE_EVENTS=25 status usb-to 0 school "$b" sync --to "$stick"
nbundles=$(find "$stick" -name '*.hsb' | wc -l)
[ "$nbundles" -gt 1 ] && ok || fail "usb: only $nbundles bundles"
status import 0 srv import "$stick"
contains import "$work/out" "enrolled 1 device"
same import-server "$(at_server "$b")" "$nb 1"
same import-receipts "$(find "$stick" -name '*.receipt' | wc -l)" "$nbundles"
status usb-from 0 school "$b" sync --from "$stick"
contains usb-from "$work/out" "enrolled in school B02 (by USB stick)"
cmp -s "$b/server.pub" "$work/srv/server.pub" && ok ||
    fail "usb enrolment: server.pub is not the server's key"
same usb-waiting "$(waiting "$b")" 0
# Importing the stick again stores nothing and writes the same receipts.
cat "$stick"/*.receipt >"$work/receipts1"
status import-again 0 srv import "$stick"
cat "$stick"/*.receipt >"$work/receipts2"
cmp -s "$work/receipts1" "$work/receipts2" && ok ||
    fail "import again: receipts changed"
same import-again-server "$(at_server "$b")" "$nb 1"

# --- The report shows both schools ----------------------------------
status report 0 srv report
contains report-a "$work/out" A01
contains report-b "$work/out" B02
contains report-class "$work/out" 5A
status report-csv 0 srv report --format csv
contains report-csv "$work/out" "A01"
status report-one 0 srv report --school B02
if grep -q A01 "$work/out"; then fail "report --school B02 shows A01"
else ok; fi

# Every statement is exported once, and valid JSON.
status export 0 srv export --format xapi
same export-count "$(wc -l <"$work/out")" $((na + nb))
same export-unique "$(sed 's/.*"id":"\([^"]*\)","object":.*/\1/' "$work/out" |
    sort -u | wc -l)" $((na + nb))

# --- Downstream: a newer module and a safety alert ------------------
# (a version newer than the shipped one: the schools have the curriculum)
cp -R "$top_srcdir/lessons/curriculum/secrets" "$work/secrets"
chmod -R u+w "$work/secrets"
sed -i 's/^version = .*$/version = 2.0.0/' "$work/secrets/module.ini"
"$pack" build "$work/secrets" -o "$work/secrets.hsm" \
    --key "$top_srcdir/lessons/demo-key/hocso-demo.key" >/dev/null
status publish 0 srv publish "$work/secrets.hsm"
cat >"$work/alert.ini" <<'EOF'
[alert]
id = lua-dao-2026-11

[vi]
title = Cảnh báo: tin nhắn lừa nhận quà
text = Có tin nhắn mời nhận quà miễn phí qua một đường link lạ.
  Đừng bấm vào link. Hãy hỏi thầy cô hoặc bố mẹ.

[en]
title = Warning: free gift scam messages
text = Messages offer a free gift through a strange link.
  Do not click it. Ask a teacher or your parents.
EOF
status alert 0 srv alert "$work/alert.ini"
status sync-down 0 school "$a" sync
contains sync-down "$work/out" "vn.hocso.secrets"
status modules 0 school "$a" modules
contains modules "$work/out" "2.0.0"
same alert-kept "$(sqld "$a" "SELECT count(*) FROM alerts
    WHERE id = 'lua-dao-2026-11'")" 1
# Once only, however often the school syncs.
status sync-down-again 0 school "$a" sync
same alert-once "$(sqld "$a" "SELECT count(*) FROM alerts")" 1
same module-once "$(grep -c "vn.hocso.secrets" "$work/out" || true)" 0

# --- Faults: the server killed in the middle, then restarted ---------
school "$a" simulate --learners 6 --minutes 20 --seed 7 --class 5A >/dev/null
na=$(events_of "$a")
( HOCSO_BUNDLE_EVENTS=1 school "$a" sync --tries 60 \
    >"$work/kill.out" 2>"$work/kill.err"; echo $? >"$work/kill.rc" ) &
client=$!
# Kill it once some bundles of this run are in, and restart it after a
# moment on the same port: the client retries until it gets through.
before=$(sqls "SELECT count(*) FROM bundles")
i=0
while [ "$(sqls "SELECT count(*) FROM bundles")" -lt $((before + 3)) ] &&
    [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
server_stop KILL
sleep 0.5
server_start "127.0.0.1:$port"
wait "$client" || true
same killed-rc "$(cat "$work/kill.rc")" 0
same killed-server "$(at_server "$a")" "$na 1"
same killed-waiting "$(waiting "$a")" 0

# --- Faults: the connection cut after k bytes, for many k ------------
for k in 1 17 100 180 400 1000 2000 4000; do
	school "$a" simulate --learners 2 --minutes 20 --seed $((k + 100)) \
	    --class 5A >/dev/null
	na=$(events_of "$a")
	rm -f "$work/proxyport"
	# The first three connections are cut after k bytes up.
	"$top_builddir/tests/cutproxy" --port-file "$work/proxyport" \
	    --to "127.0.0.1:$port" --cut $k --cuts 3 2>>"$work/proxy.log" &
	proxy=$!
	i=0
	while [ ! -s "$work/proxyport" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	HOCSO_BUNDLE_EVENTS=20 status "cut-$k" 0 school "$a" sync \
	    --server "http://127.0.0.1:$(cat "$work/proxyport")" --tries 10
	kill "$proxy"
	wait "$proxy" 2>/dev/null || true
	cuts=$(grep -c "after $k bytes" "$work/proxy.log" || true)
	[ "$cuts" -ge 1 ] && ok || fail "cut-$k: the proxy cut nothing"
	same "cut-$k-server" "$(at_server "$a")" "$na 1"
	same "cut-$k-waiting" "$(waiting "$a")" 0
done

# --- Faults: the same bundle by HTTP, then by USB --------------------
school "$a" simulate --learners 2 --minutes 5 --seed 99 --class 5A >/dev/null
na=$(events_of "$a")
rm -rf "$stick" && mkdir "$stick"
status both-to 0 school "$a" sync --to "$stick"
status both-http 0 school "$a" sync
same both-http-server "$(at_server "$a")" "$na 1"
status both-import 0 srv import "$stick"
same both-import-server "$(at_server "$a")" "$na 1"
for r in "$stick"/*.receipt; do
	sha=$(sqls "SELECT sha256 FROM bundles WHERE via = 'http' AND
	    receipt = readfile('$r')" 2>/dev/null || true)
	[ -n "$sha" ] && ok || fail "$r: not the receipt the HTTP upload got"
done
status both-from 0 school "$a" sync --from "$stick"

server_stop
sync_summary
