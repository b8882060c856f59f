#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sync-usbenroll.sh: a school that never has a network link enrols by USB
# stick, in one trip: "hocso enroll --to STICK" writes the request,
# "hocso sync --to STICK" the bundles (made before the enrolment, so
# with no school code in them), "hocso-server import STICK" enrols the
# device first and then stores its bundles and writes the receipts in
# the same run, and "hocso sync --from STICK" completes the enrolment
# (the server's key, the school code) and reads the receipts signed by
# that key.  Bad cases leave everything as it was: an intercepted request
# rewritten to bind the device's id to another key (import exits 1, no
# answer, the bundles refused, nothing stored; the real request is then
# answered), a used token (its message names the device that used it and
# when), an answer
# for another device, for another school, with a garbled key, or from
# another server (sync --from refuses with one line, no server.pub, the
# meta table unchanged); importing the same stick twice doubles nothing.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-usbenroll-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT
# Small bundles, so that a school's activity makes several.
HOCSO_BUNDLE_EVENTS=40
export HOCSO_BUNDLE_EVENTS

dump() { sqls .dump | md5sum; }			# the server's whole store
meta() { sqld "$1" "SELECT key || '=' || value FROM meta ORDER BY key" |
    md5sum; }					# a school's meta table
files() { (cd "$1" && ls -lA --time-style=+%s.%N && cat ./*) | md5sum; }
dev_of() { sqld "$1" "SELECT value FROM meta WHERE key = 'device_id'"; }
pending() { sqld "$1" "SELECT value FROM meta WHERE key = 'sync.enroll_pending'"; }
code_of() { sqld "$1" "SELECT value FROM meta WHERE key = 'school.code'"; }

# A school with activity, whose bundles carry no school code (it was
# never set on the device: enrolment sets it).
new_school "$work/a" S01 3 15 11
sqld "$work/a" "DELETE FROM meta WHERE key = 'school.code'"
status token 0 srv token --school S01
token=$(cat "$work/out")
srvkey=$(cut -d' ' -f2 "$work/srv/server.pub")
events=$(sqld "$work/a" "SELECT count(*) FROM events")
stick=$work/stick
mkdir "$stick"

# The device writes its request on the stick; nothing else changes yet.
status enroll-to 0 school "$work/a" enroll --to "$stick" --school S01 \
    --token "$token"
same enroll-to-lines "$(wc -l <"$work/out")" 1
contains enroll-to "$work/out" "take the stick to the district office"
contains enroll-to "$work/out" "hocso sync --from $stick"
# The device took the id its key gives (issue 14, finding 4): a version 8
# UUID.
dev=$(dev_of "$work/a")
same derived-id "$(printf '%s' "$dev" | cut -c15)" 8
req=$stick/hocso-$dev.enroll
[ -s "$req" ] && ok || fail "no $req"
key=$(cut -d' ' -f2 "$work/a/device.pub")
# Signed by the device's key over the token, school, id and time.
contains request "$req" \
    "{\"token\":\"$token\",\"school\":\"S01\",\"device\":\"$dev\",\"key\":\"$key\",\"time\":\""
contains request-sig "$req" '","sig":"'
same enroll-pending "$(pending "$work/a")" S01
same enroll-no-code "$(code_of "$work/a")" ""
[ ! -e "$work/a/server.pub" ] && ok || fail "server.pub before the answer"
same enroll-no-tmp "$(ls -A "$stick" | grep -c '\.tmp$' || true)" 0

# Bad command lines.
status enroll-both 2 school "$work/a" enroll --to "$stick" --server \
    http://127.0.0.1:1 --school S01 --token "$token"
status enroll-force 2 school "$work/a" enroll --to "$stick" --school S01 \
    --token "$token" --force
status enroll-no-stick 1 school "$work/a" enroll --to "$work/nowhere" \
    --school S01 --token "$token"
same enroll-no-stick-lines "$(wc -l <"$work/err")" 1
contains enroll-no-stick "$work/err" "$work/nowhere"

# A sync --from before the office has answered: nothing happens.
status from-early 0 school "$work/a" sync --from "$stick"
contains from-early "$work/out" "not answered in $stick yet"
[ ! -e "$work/a/server.pub" ] && ok || fail "server.pub without an answer"

# The bundles, made before the enrolment.
school "$work/a" sync --to "$stick" >/dev/null
nb=$(ls "$stick" | grep -c '\.hsb$')
[ "$nb" -ge 2 ] && ok || fail "$nb bundles on the stick, wanted several"
tar -xzOf "$stick/hocso-$dev-000001.hsb" manifest.json |
    grep -qF '"school": ""' && ok || fail "the bundle names a school"

# The district office: one run enrols the device and takes its bundles.
status import 0 srv import "$stick"
expect import "$work/out" "enrolled 1 device"
expect import "$work/out" "$nb bundles stored, $events events, 0 had before, 0 refused"
answer=$stick/hocso-$dev.enrolled
same answer "$(cat "$answer")" \
    "{\"acked_seq\":0,\"device\":\"$dev\",\"school\":\"S01\",\"server_key\":\"$srvkey\"}"
same receipts "$(ls "$stick" | grep -c '\.receipt$')" "$nb"
same stored "$(sqls "SELECT count(*) FROM events")" "$events"
same registry "$(sqls "SELECT school || ' ' || key FROM devices WHERE id = '$dev'")" \
    "S01 $key"
same token-used "$(sqls "SELECT device FROM tokens")" "$dev"
same events-school "$(sqls "SELECT DISTINCT school FROM events")" S01
same import-no-tmp "$(ls -A "$stick" | grep -c '\.tmp$' || true)" 0

# The same stick again: nothing doubled, the same files.
before=$(dump)
sum=$(files "$stick")
status import-again 0 srv import "$stick"
expect import-again "$work/out" "enrolled 0 devices, 1 enrolled before"
expect import-again "$work/out" "0 bundles stored, 0 events, $nb had before, 0 refused"
same import-again-store "$(dump)" "$before"
same import-again-files "$(files "$stick")" "$sum"

# The report counts the learners under the device's school.
status report 0 srv report --format csv --school S01
contains report "$work/out" "S01,1,$events,"
learners=$(sqld "$work/a" "SELECT count(DISTINCT actor) FROM events")
same report-learners "$(sqls "SELECT count(DISTINCT actor) FROM events
    WHERE school = 'S01'")" "$learners"

# Back at school: enrolled, every event acknowledged.
status from 0 school "$work/a" sync --from "$stick"
expect from "$work/out" "enrolled in school S01 (by USB stick)"
expect from "$work/out" "every event is acknowledged by the server"
cmp -s "$work/a/server.pub" "$work/srv/server.pub" && ok ||
    fail "server.pub is not the server's"
same from-code "$(code_of "$work/a")" S01
same from-pending "$(pending "$work/a")" ""
same from-no-url "$(sqld "$work/a" "SELECT count(*) FROM meta
    WHERE key = 'sync.server'")" 0
same from-acked "$(sqld "$work/a" "SELECT value FROM meta
    WHERE key = 'sync.acked_seq'")" "$events"
same from-outbox "$(ls "$work/a/outbox" | grep -c '\.hsb$' || true)" 0
same server-events "$(sqls "SELECT count(*) FROM events")" \
    "$(sqld "$work/a" "SELECT count(*) FROM events")"
# The stick read again: nothing more to do, no error.
status from-again 0 school "$work/a" sync --from "$stick"
same from-again-lines "$(wc -l <"$work/err")" 0

# Issue 14, finding 5: school B's request is intercepted on its way.
# Whoever holds it makes a request of their own (device C) with B's
# token and rewrites it to bind B's id to C's key, before the office
# imports B's: refused, as are B's bundles beside it; nothing stored.
new_school "$work/b" S02 2 10 5
new_school "$work/c" S09 1 5 6
status token2 0 srv token --school S02
token2=$(cat "$work/out")
stick2=$work/stick2
mkdir "$stick2"
school "$work/b" enroll --to "$stick2" --school S02 --token "$token2" \
    >/dev/null
devb=$(dev_of "$work/b")
school "$work/b" sync --to "$stick2" >/dev/null
nb2=$(ls "$stick2" | grep -c '\.hsb$')
mkdir "$work/other"
status enroll-c 0 school "$work/c" enroll --to "$work/other" --school S02 \
    --token "$token2"
devc=$(dev_of "$work/c")
sed "s/$devc/$devb/" "$work/other/hocso-$devc.enroll" \
    >"$stick2/hocso-$devb.enroll.forged"
mkdir "$work/forged"
cp "$stick2"/*.hsb "$work/forged/"
mv "$stick2/hocso-$devb.enroll.forged" "$work/forged/hocso-$devb.enroll"
before=$(dump)
status import-forged 1 srv import "$work/forged"
same import-forged-lines "$(wc -l <"$work/err")" $((nb2 + 1))
expect import-forged "$work/err" \
    "hocso-server: $work/forged/hocso-$devb.enroll: the enrolment request is not signed by the key it names: it was changed, or made by another device"
contains import-forged "$work/err" "not enrolled"
expect import-forged "$work/out" "0 bundles stored, 0 events, 0 had before, $((nb2 + 1)) refused"
same import-forged-store "$(dump)" "$before"
[ ! -e "$work/forged/hocso-$devb.enrolled" ] && ok ||
    fail "an answer to a forged request"
same import-forged-receipts "$(ls "$work/forged" | grep -c '\.receipt$' ||
    true)" 0
same import-forged-token "$(sqls "SELECT count(*) FROM tokens
    WHERE used_at IS NOT NULL")" 1

# B's own request, imported next, is answered and its bundles stored.
status import-b 0 srv import "$stick2"
expect import-b "$work/out" "enrolled 1 device"
[ -e "$stick2/hocso-$devb.enrolled" ] && ok || fail "no answer for B"
rm "$stick2/hocso-$devb.enrolled"

# C's own request with B's token, now used: the message says by whom
# and when, and what to do if that was not B.
before=$(dump)
status import-used 1 srv import "$work/other"
same import-used-lines "$(wc -l <"$work/err")" 1
contains import-used "$work/err" \
    "this enrolment token was already used to enrol device $devb on $(date -u +%Y-%m-%d); if that was not this device, revoke it (hocso-server device revoke $devb) and make a new token"
same import-used-store "$(dump)" "$before"
[ ! -e "$work/other/hocso-$devc.enrolled" ] && ok ||
    fail "an answer to a used token"

# Answers the device must refuse: one line, no server.pub, meta as it was.
# refuse NAME TEXT ANSWER-JSON: the answer on the stick for device b.
refuse() {
	printf '%s' "$3" >"$stick2/hocso-$devb.enrolled"
	m=$(meta "$work/b")
	o=$(ls "$work/b/outbox" | md5sum)
	status "$1" 1 school "$work/b" sync --from "$stick2"
	same "$1: lines" "$(wc -l <"$work/err")" 1
	contains "$1" "$work/err" "hocso: $stick2/hocso-$devb.enrolled: "
	contains "$1" "$work/err" "$2"
	[ ! -e "$work/b/server.pub" ] && ok || fail "$1: server.pub written"
	same "$1: meta" "$(meta "$work/b")" "$m"
	same "$1: outbox" "$(ls "$work/b/outbox" | md5sum)" "$o"
	same "$1: pending" "$(pending "$work/b")" S02
}
refuse answer-other-device "for another device ($dev)" \
    "{\"device\":\"$dev\",\"school\":\"S02\",\"server_key\":\"$srvkey\"}"
refuse answer-garbled-key "no valid server key" \
    "{\"device\":\"$devb\",\"school\":\"S02\",\"server_key\":\"bm90IGEga2V5\"}"
refuse answer-other-school "for school S01, not S02" \
    "{\"device\":\"$devb\",\"school\":\"S01\",\"server_key\":\"$srvkey\"}"
refuse answer-not-json "not what hocso expects" "<html>"

# An answer from another server to a device enrolled already: refused,
# its server.pub kept.
status enroll-again 0 school "$work/a" enroll --to "$stick" --school S01 \
    --token "$token"
other=$("$server" --data "$work/srv2" init >/dev/null &&
    cut -d' ' -f2 "$work/srv2/server.pub")
printf '{"device":"%s","school":"S01","server_key":"%s"}' "$dev" "$other" \
    >"$stick/hocso-$dev.enrolled"
m=$(meta "$work/a")
status answer-other-server 1 school "$work/a" sync --from "$stick"
same answer-other-server-lines "$(wc -l <"$work/err")" 1
contains answer-other-server "$work/err" "enrolled with another server"
contains answer-other-server "$work/err" "no --force"
cmp -s "$work/a/server.pub" "$work/srv/server.pub" && ok ||
    fail "answer-other-server: server.pub replaced"
same answer-other-server-meta "$(meta "$work/a")" "$m"

sync_summary
