#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sync-usb.sh: hocso sync over a folder, as a school does it with a USB
# stick.  Activity is written into a fresh data folder the way
# learn/model/progress.c writes it; "sync --to" packs it into signed bundles in
# the outbox and onto the stick (each bundle once, numbers continuing);
# receipts placed on the stick as the district office's server writes
# them make "sync --from" acknowledge the events and empty the outbox;
# a receipt for other contents is refused with one line, and so are bad
# command lines.
set -eu
: "${top_builddir:?run through make check}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
hocso=$top_builddir/learn/hocso
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-sync-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=
export HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
unset HOCSO_DATA_DIR XDG_DATA_HOME
# Small bundles, so that a few dozen events make several.
HOCSO_BUNDLE_EVENTS=10
export HOCSO_BUNDLE_EVENTS
data=$work/data
usb=$work/usb
db=$data/hocso.db
failed=0 passed=0

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

run() {		# run NAME EXPECTED-STATUS ARG...: hocso --lang en ARG...
	name=$1 want=$2
	shift 2
	set +e
	"$hocso" --lang en -d "$data" "$@" >"$work/out" 2>"$work/err"
	got=$?
	set -e
	if [ "$got" = "$want" ]; then ok; else
		fail "$name: exit $got, wanted $want"
		cat "$work/out" "$work/err"
	fi
}

expect() {	# expect NAME FILE TEXT: FILE holds the line TEXT
	if grep -qxF -- "$3" "$2"; then ok; else
		fail "$1: '$3' not a line of:"
		cat "$2"
	fi
}

same() {	# same NAME GOT WANTED
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', wanted '$3'"; fi
}

sql() { "$SQLITE3_BIN" "$db" "$1"; }

uuid="lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
  || substr(lower(hex(randomblob(2))), 2) || '-'
  || substr('89ab', 1 + abs(random()) % 4, 1)
  || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"

# activity LEARNER MINUTES-AGO: one learner's lesson and quiz, as
# progress.c records them: 3 screens, the lesson completed, a quiz
# attempted, 5 answers and a pass (11 events).
activity() {
	who=$1 ago=$2
	sql "CREATE TEMP TABLE a AS SELECT $uuid AS reg;
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 11)
	INSERT INTO events (uuid, ts, actor, verb, object, registration,
	    response, score, success, completion, lang)
	SELECT $uuid,
	    strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-$ago minutes', i || ' minutes'),
	    '$who',
	    CASE WHEN i <= 3 THEN 'experienced' WHEN i = 4 THEN 'completed'
	        WHEN i = 5 THEN 'attempted' WHEN i < 11 THEN 'answered'
	        ELSE 'passed' END,
	    CASE WHEN i <= 3 THEN 'urn:hocso:vn.hocso.passwords:lesson:01-mat-khau:screen:' || i
	        WHEN i = 4 THEN 'urn:hocso:vn.hocso.passwords:lesson:01-mat-khau'
	        WHEN i = 5 THEN 'urn:hocso:vn.hocso.passwords:quiz:quiz.gift'
	        WHEN i < 11 THEN 'urn:hocso:vn.hocso.passwords:question:câu ' || (i - 5)
	        ELSE 'urn:hocso:vn.hocso.passwords:quiz' END,
	    CASE WHEN i >= 5 THEN (SELECT reg FROM a) END,
	    CASE WHEN i BETWEEN 6 AND 10 THEN CAST(i % 4 AS TEXT) END,
	    CASE WHEN i BETWEEN 6 AND 10 THEN (i % 2) WHEN i = 11 THEN 0.8 END,
	    CASE WHEN i BETWEEN 6 AND 10 THEN (i % 2) WHEN i = 11 THEN 1 END,
	    CASE WHEN i IN (4, 11) THEN 1 END,
	    'vi'
	FROM n;"
}

manifest() {	# manifest FILE KEY: a number from a bundle's manifest
	tar -xzOf "$1" manifest.json | sed -n "s/^ *\"$2\": \([0-9]*\),*$/\1/p"
}

# receipt BUNDLE-FILE [SHA256]: the server's receipt for it, on the stick
receipt() {
	f=$1
	sha=${2:-$(sha256sum "$f" | cut -d' ' -f1)}
	n=$(manifest "$f" bundle)
	last=$(manifest "$f" last_seq)
	dev=$(sql "SELECT value FROM meta WHERE key = 'device_id'")
	printf '{"acked_seq":%s,"bundle":%s,"device":"%s","format":1,"received":"2026-12-01T08:00:00.000Z","sha256":"%s","stored":10,"type":"hocso-receipt"}\n' \
	    "$last" "$n" "$dev" "$sha" >"${f%.hsb}.receipt"
}

mkdir "$usb"
# A fresh data folder: nothing to send.
run empty 0 sync --to "$usb"
expect empty "$work/out" "every event is acknowledged by the server"
dev=$(sql "SELECT value FROM meta WHERE key = 'device_id'")
same device-key "$(stat -c %a "$data/device.key")" 600
[ -s "$data/device.pub" ] && ok || fail "no device.pub"

# Three learners' activity: 33 events, bundles of 10.
activity 11111111-1111-4111-8111-111111111111 300
activity 22222222-2222-4222-8222-222222222222 200
activity 33333333-3333-4333-8333-333333333333 100
run to 0 sync --to "$usb"
expect to "$work/out" "packed 33 new events into 4 bundles"
expect to "$work/out" "wrote 4 bundles (33 events) to $usb"
expect to "$work/out" "33 events wait for a receipt (4 bundles in the outbox)"
same usb-files "$(ls "$usb" | grep -c '\.hsb$')" 4
# and the device's ask, which the import answers with its state
[ -f "$usb/hocso-$dev.ask" ] && ok || fail "no ask on the stick"
same usb-others "$(ls "$usb" | wc -l)" 5
same outbox-files "$(ls "$data/outbox" | grep -c '\.hsb$')" 4
b1=$usb/hocso-$dev-000001.hsb
b4=$usb/hocso-$dev-000004.hsb
same layout "$(tar -tzf "$b1" | tr '\n' ' ')" "manifest.json manifest.sig events.bin "
same first "$(manifest "$b1" first_seq)/$(manifest "$b1" last_seq)/$(manifest "$b1" count)" 1/10/10
same last "$(manifest "$b4" after_seq)/$(manifest "$b4" last_seq)" 30/33
tar -xzOf "$b1" manifest.json | grep -qF "\"device\": \"$dev\"" && ok ||
    fail "manifest names another device"
cmp -s "$b1" "$data/outbox/hocso-$dev-000001.hsb" && ok || fail "stick copy differs"

# Again: nothing is written twice, nothing is left half-written.
before=$(ls -l --time-style=+%s.%N "$usb" | md5sum)
run again 0 sync --to "$usb"
expect again "$work/out" "4 bundles were in $usb already"
same again-untouched "$(ls -l --time-style=+%s.%N "$usb" | md5sum)" "$before"
same no-tmp "$(ls -A "$usb" "$data/outbox" | grep -c '\.tmp$' || true)" 0

# More activity: the numbers continue.
activity 11111111-1111-4111-8111-111111111111 50
run more 0 sync --to "$usb"
expect more "$work/out" "packed 11 new events into 2 bundles"
expect more "$work/out" "wrote 2 bundles (11 events) to $usb"
expect more "$work/out" "4 bundles were in $usb already"
b6=$usb/hocso-$dev-000006.hsb
same continues "$(manifest "$b6" after_seq)/$(manifest "$b6" last_seq)" 43/44

# The district office imports the stick and writes receipts for the
# first four; one of them, for other contents, is refused.
for n in 1 2 3; do receipt "$usb/hocso-$dev-00000$n.hsb"; done
receipt "$b4" 0000000000000000000000000000000000000000000000000000000000000000
run bad-receipt 1 sync --from "$usb"
expect bad-receipt "$work/out" "read 3 receipts from $usb: the server has every event up to 30"
same bad-receipt-lines "$(wc -l <"$work/err")" 1
expect bad-receipt "$work/err" "hocso: ${b4%.hsb}.receipt: the receipt for bundle 4 names other contents (another SHA-256)"
expect bad-receipt "$work/out" "14 events wait for a receipt (3 bundles in the outbox)"
same acked "$(sql "SELECT value FROM meta WHERE key = 'sync.acked_seq'")" 30
same outbox-left "$(ls "$data/outbox" | grep -c '\.hsb$')" 3

# The right receipts for the rest: the outbox is empty, nothing waits.
for n in 4 5 6; do receipt "$usb/hocso-$dev-00000$n.hsb"; done
run from 0 sync --from "$usb"
expect from "$work/out" "read 3 receipts from $usb: the server has every event up to 44"
expect from "$work/out" "every event is acknowledged by the server"
same outbox-empty "$(ls "$data/outbox" | grep -c '\.hsb$' || true)" 0
same acked-all "$(sql "SELECT value FROM meta WHERE key = 'sync.acked_seq'")" 44
# The events themselves are all still there: nothing is deleted.
same events-kept "$(sql "SELECT count(*) FROM events")" 44
run from-again 0 sync --from "$usb" --to "$usb"
expect from-again "$work/out" "nothing to write to $usb: every event is acknowledged"

# Bad command lines and missing folders: one line each.
run no-stick 1 sync --to "$work/nowhere"
same no-stick-lines "$(wc -l <"$work/err")" 1
run no-stick-from 1 sync --from "$work/nowhere"
same no-stick-from-lines "$(wc -l <"$work/err")" 1
run usage 2 sync extra
run usage-twice 2 sync --to a --to b
run not-enrolled 1 sync
same not-enrolled-lines "$(wc -l <"$work/err")" 1
run server 1 sync --server http://localhost:1 --tries 1
same server-lines "$(wc -l <"$work/err")" 1

echo "sync-usb.sh: $passed passed, $failed failed"
[ "$failed" = 0 ]
