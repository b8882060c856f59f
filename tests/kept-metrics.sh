#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# kept-metrics.sh: bundles kept aside after a 409, and /v1/metrics (issue
# 19, "what a province admin expects").  Two devices restored from an
# old copy of their data folder send events the server has with other
# contents: 409, kept aside.  bundle list and show say what they are;
# resolve --accept takes one in (the server's events stay, the device
# goes on at its next sync); a revoked device's cannot be accepted (one
# line, nothing changed) and is dropped; every resolution is audited.
# /v1/metrics answers loopback only (not a school through the proxy,
# unless serve --metrics-from allows it), in Prometheus' text format
# (checked line by line), with the figures of what happened, the LRS's
# lag and what it set aside.  Over a period the report and the export
# agree.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-kept-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT
HOCSO_BUNDLE_EVENTS=5000
export HOCSO_BUNDLE_EVENTS
server_init
server_start

dev() { sqld "$1" "SELECT value FROM meta WHERE key = 'device_id'"; }
at() { sqls "SELECT count(*) FROM events WHERE device = '$(dev "$1")'"; }
more() { school "$1" simulate --learners 1 --minutes 5 --seed "$2" \
    --class 5A >/dev/null; }
dump() { sqls "SELECT sha256, resolved, resolution FROM kept_aside;
    SELECT count(*), max(id) FROM events; SELECT * FROM devices" | md5sum; }
metrics() { curl -s -o "$work/metrics" -w '%{http_code}' "$@" "$url/v1/metrics"; }
# sample NAME{LABELS}: the value of that sample in $work/metrics.
sample() { awk -v k="$1" '$1 == k { print $2 }' "$work/metrics"; }

# conflict DIR CODE SEED: a device synced, copied, synced more; the copy
# put back and used: its next sync is refused with 409.
conflict() {
	new_school "$1" "$2" 1 40 "$3"	# long enough to take a quiz
	status "enrol-$2" 0 school "$1" enroll --server "$url" --school "$2" \
	    --token "$(srv token --school "$2")"
	status "sync-$2" 0 school "$1" sync
	cp -a "$1" "$1.old"
	more "$1" $(($3 + 10))
	status "sync2-$2" 0 school "$1" sync
	rm -rf "$1"
	mv "$1.old" "$1"
	school "$1" simulate --learners 1 --minutes 15 --seed $(($3 + 20)) \
	    --class 5A >/dev/null
	status "sync3-$2" 1 school "$1" sync
}
a=$work/a b=$work/b
conflict "$a" A01 1
conflict "$b" B02 2
same kept "$(sqls "SELECT count(*) FROM kept_aside")" 2
held_a=$(at "$a")

# The list, oldest first.
status list 0 srv bundle list
same list-lines "$(wc -l <"$work/out")" 3
expect list-head "$work/out" "ID  DEVICE  SCHOOL  RECEIVED  STATE  WHY"
ka=$(sqls "SELECT sha256 FROM kept_aside WHERE device = '$(dev "$a")'")
kb=$(sqls "SELECT sha256 FROM kept_aside WHERE device = '$(dev "$b")'")
grep -q "^$(echo "$ka" | cut -c1-12)  $(dev "$a")  A01  .*  open  event .* came back with other contents\$" \
    "$work/out" && ok || fail "list: A's line: $(cat "$work/out")"

# Show: its header and what it holds.
status show 0 srv bundle show "$(echo "$ka" | cut -c1-8)"
expect show-id "$work/out" "bundle kept aside: $ka"
expect show-device "$work/out" "device: $(dev "$a"), school A01"
expect show-state "$work/out" "state: open"
contains show-events "$work/out" "events, 1 learner; "
contains show-held "$work/out" "the server holds already (up to $(sqls "SELECT acked_seq FROM devices WHERE id = '$(dev "$a")'"))"
refused show-unknown 1 "no bundle kept aside is named abcdef12" srv bundle show abcdef12
refused show-short 1 "no bundle kept aside is named ab" srv bundle show ab
refused show-usage 2 "bundle show: one bundle id" srv bundle show
refused resolve-usage 2 "bundle resolve: ID and --accept or --drop" \
    srv bundle resolve "$ka" --maybe

# A revoked device's bundle cannot be accepted; it is dropped.
status revoke 0 srv device revoke "$(dev "$b")"
refused accept-revoked 1 "cannot be accepted: device $(dev "$b") is not enrolled (or was revoked); drop it" \
    srv bundle resolve "$kb" --accept
status drop 0 srv bundle resolve "$kb" --drop
expect drop "$work/out" "bundle $(echo "$kb" | cut -c1-12) dropped: none of its events is taken; it stays in the store, for the record"
refused drop-again 1 "bundle $(echo "$kb" | cut -c1-12) was dropped on " \
    srv bundle resolve "$kb" --accept

# Accept: what is new is stored, the server's events stay; the device
# goes on by itself.
before=$(sqls "SELECT group_concat(uuid || ts || coalesce(actor, '')) FROM
    (SELECT * FROM events WHERE device = '$(dev "$a")' ORDER BY seq)")
status accept 0 srv bundle resolve "$ka" --accept
contains accept "$work/out" "bundle $(echo "$ka" | cut -c1-12) accepted: "
contains accept-kept "$work/out" "kept as the server had"
same accept-old-same "$(sqls "SELECT group_concat(uuid || ts || coalesce(actor, '')) FROM
    (SELECT * FROM events WHERE device = '$(dev "$a")' AND seq <= (SELECT
    max(seq) FROM events WHERE device = '$(dev "$a")' AND id <= (SELECT max(id)
    FROM events WHERE received < (SELECT resolved FROM kept_aside WHERE
    sha256 = '$ka'))) ORDER BY seq)")" "$before"
[ "$(at "$a")" -gt "$held_a" ] && ok || fail "accept: nothing stored"
same accepted-receipt "$(sqls "SELECT count(*) FROM bundles WHERE sha256 = '$ka'")" 1
status sync4-A01 0 school "$a" sync
same a-after "$(at "$a")" "$(sqld "$a" "SELECT max(seq) FROM events")"
status list2 0 srv bundle list
same list2-lines "$(wc -l <"$work/out")" 1
status list-all 0 srv bundle list --all
same list-all-lines "$(wc -l <"$work/out")" 3
contains list-all-accepted "$work/out" "  accepted  "
contains list-all-dropped "$work/out" "  dropped  "
status audit 0 srv audit
contains audit-accept "$work/out" "  bundle resolve  $ka --accept  ok"
grep -q "  bundle resolve  $kb --accept  " "$work/out" && fail "audit: a refusal recorded" || ok
contains audit-drop "$work/out" "  bundle resolve  $kb --drop  ok"
contains audit-revoke "$work/out" "  device revoke  $(dev "$b")  ok"

# --- /v1/metrics ------------------------------------------------------
same metrics "$(metrics)" 200
same metrics-type "$(curl -s -o /dev/null -w '%{content_type}' "$url/v1/metrics")" \
    "text/plain; version=0.0.4; charset=utf-8"
# The format, line by line: HELP and TYPE before a metric's samples,
# counters ending _total, a number after each sample.
awk '
/^# HELP [a-z_]+ .+$/ { help[$3] = 1; next }
/^# TYPE [a-z_]+ (counter|gauge)$/ {
	if (!($3 in help)) { print "TYPE before HELP: " $0; bad = 1 }
	type[$3] = $4
	if ($4 == "counter" && $3 !~ /_total$/) { print "counter name: " $0; bad = 1 }
	if ($4 != "counter" && $3 ~ /_total$/) { print "gauge name: " $0; bad = 1 }
	next
}
/^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9]+(\.[0-9]+)?$/ {
	name = $1; sub(/\{.*/, "", name)
	if (!(name in type)) { print "no TYPE for: " $0; bad = 1 }
	n++
	next
}
{ print "not a line of the format: " $0; bad = 1 }
END { if (n < 10) { print "only " n " samples"; bad = 1 }; exit bad }
' "$work/metrics" >"$work/format" && ok || { fail "metrics format:"; cat "$work/format" "$work/metrics"; }
same m-bundles "$(sample hocso_bundles_received_total)" \
    "$(sqls "SELECT count(*) FROM bundles WHERE via = 'http' AND sha256 != '$ka'")"
same m-store-bundles "$(sample hocso_store_bundles)" "$(sqls "SELECT count(*) FROM bundles")"
same m-store-events "$(sample hocso_store_events)" "$(sqls "SELECT count(*) FROM events")"
same m-409 "$(sample 'hocso_http_errors_total{route="bundles",code="409",reason="conflict"}')" 2
same m-kept "$(sample hocso_bundles_kept_aside)" 0
same m-devices "$(sample hocso_devices)" 1
same m-quiet7 "$(sample 'hocso_devices_quiet{days="7"}')" 0
sqls "UPDATE devices SET last_seen = '2000-01-01T00:00:00.000Z' WHERE id = '$(dev "$a")'"
metrics >/dev/null
same m-quiet7b "$(sample 'hocso_devices_quiet{days="7"}')" 1
same m-quiet30b "$(sample 'hocso_devices_quiet{days="30"}')" 1
# Sent on by events: the bundles counter grows with a sync.
n=$(sample hocso_events_received_total)
more "$a" 99
status sync5 0 school "$a" sync
metrics >/dev/null
[ "$(sample hocso_events_received_total)" -gt "$n" ] && ok ||
    fail "events counter did not grow: $n"
same m-quiet7c "$(sample 'hocso_devices_quiet{days="7"}')" 0
# Not through the proxy: a school's address in X-Forwarded-For.
same metrics-xff "$(metrics -H 'X-Forwarded-For: 203.0.113.9')" 403
contains metrics-xff-log "$work/server.log" "GET /v1/metrics 403"
same m-403 "$(metrics >/dev/null; sample 'hocso_http_errors_total{route="metrics",code="403",reason="forbidden"}')" 1
server_stop
# --metrics-from: that network may; a bad network is refused.
status bad-cidr 1 srv serve --listen 127.0.0.1:0 --metrics-from 203.0.113.0/99
expect bad-cidr "$work/err" "hocso-server: --metrics-from: '203.0.113.0/99' is not a network (192.0.2.0/24, 2001:db8::/32)"
server_start 127.0.0.1:0 --metrics-from 203.0.113.0/24
same metrics-from "$(metrics -H 'X-Forwarded-For: 203.0.113.9')" 200
same metrics-from-other "$(metrics -H 'X-Forwarded-For: 198.51.100.9')" 403
# A fresh start: the counters from 0, the store's figures as they were.
same m-restart "$(metrics >/dev/null; sample hocso_bundles_received_total)" 0
same m-restart-store "$(sample hocso_store_bundles)" "$(sqls "SELECT count(*) FROM bundles")"

# With a forwarder to an LRS that is not there: its lag and what it set
# aside (the oldest event not sent came in 2000).
server_stop
grep -q '^hocso_lrs' "$work/metrics" && fail "lrs metrics without a forwarder" || ok
first=$(sqls "SELECT min(id) FROM events")
received=$(sqls "SELECT received FROM events WHERE id = $first")
sqls "UPDATE events SET received = '2000-01-01T00:00:00.000Z' WHERE id = $first;
    INSERT INTO forward_dead (id, reason, tries, since) VALUES ($first, 'HTTP 400', 5,
    '2000-01-01T00:00:00.000Z')"
server_start 127.0.0.1:0 --forward-lrs http://127.0.0.1:9/xapi/statements
metrics >/dev/null
lag=$(sample hocso_lrs_lag_seconds)
[ "${lag:-0}" -gt 800000000 ] && ok || fail "lrs lag: '$lag'"
same m-lrs-dead "$(sample hocso_lrs_set_aside)" 1
server_stop
sqls "UPDATE events SET received = '$received' WHERE id = $first"

# --- Periods: the report (weekly rollups) and the export agree --------
today=$(date +%Y-%m-%d)
status period 0 srv report --since "$today" --until "$today"
week=$(sqls "SELECT week FROM rollup_week ORDER BY week DESC LIMIT 1")
expect period-head "$work/out" "Weeks $week to $week (whole ISO weeks, by when the learners did it)"
status period-csv 0 srv report --since "$today" --until "$today" --format csv
expect period-csv-head "$work/out" "$(printf 'week,learners,lessons,attempts,passes\r')"
attempts=$(awk -F, -v w="$week" '$1 == w { print $4 }' "$work/out")
passes=$(awk -F, -v w="$week" '$1 == w { sub(/\r/, "", $5); print $5 }' "$work/out")
status export-period 0 srv export --format xapi --since "$today" --until "$today"
same period-attempts "$(grep -c '"id":"http://adlnet.gov/expapi/verbs/\(passed\|failed\)"' "$work/out")" "$attempts"
same period-passes "$(grep -c '"id":"http://adlnet.gov/expapi/verbs/passed"' "$work/out")" "$passes"
[ "$attempts" -gt 0 ] && ok || fail "period: no attempt to compare"
same export-period-all "$(wc -l <"$work/out")" "$(sqls "SELECT count(*) FROM events")"
# Before: nothing; --until excludes a time, includes a whole date.
status export-before 0 srv export --format xapi --until 2000-01-01
same export-before "$(wc -l <"$work/out")" 0
status period-before 0 srv report --since 2000-01-03 --until 2000-01-09
expect period-before "$work/out" "No learner activity in these weeks."
refused period-one 2 "report: a period needs --since and --until" \
    srv report --since "$today"
refused period-order 2 "report: --until 2000-01-01 is not after --since $today" \
    srv report --since "$today" --until 2000-01-01
refused period-bad 2 "export: '2026-13-01' is not a date (2026-11-28)" \
    srv export --format xapi --until 2026-13-01
refused period-format 2 "report: the report of a period is text or csv, not 'csv-vi'" \
    srv report --since "$today" --until "$today" --format csv-vi

printf 'kept-metrics.sh: '
sync_summary
