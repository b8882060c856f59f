#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# health.sh: GET /v1/health says whether the server can do its work, and
# the log says why not (issue 19, defect 3), on a real server:
#  - ok on a healthy server;
#  - 503 on a full disk, with the reason in the log (the threshold is
#    injected: HOCSO_HEALTH_MIN_FREE_MB above the disk's free space; a
#    real full tmpfs is tried in sync-faults.sh where a mount namespace
#    can be had);
#  - 503 on a damaged store (pages overwritten): PRAGMA quick_check on
#    the first health request, and then on a schedule;
#  - 503 when server.key is no longer the key the server signs with;
#  - every 4xx/5xx logged with its reason, the device and the school;
#  - X-Forwarded-For honoured from loopback (the reverse proxy) only.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-health-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

# health: GET /v1/health; the status in $code, the body in $work/body.
health() {
	code=$(curl -s -o "$work/body" -w '%{http_code}' "$url/v1/health") ||
	    code=000
}
# start_raw [ENV...]: the server started, waiting only for its port (a
# sick server never answers health 200).
start_raw() {
	rm -f "$work/port" "$work/server.log"
	env "$@" "$server" --data "$work/srv" serve --listen 127.0.0.1:0 \
	    --port-file "$work/port" >/dev/null 2>"$work/server.log" &
	server_pid=$!
	i=0
	while [ ! -s "$work/port" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || { fail "the server did not start"; return; }
		sleep 0.1
	done
	port=$(cat "$work/port")
	url=http://127.0.0.1:$port
}

server_start
health
same healthy "$code" 200
same healthy-body "$(cat "$work/body")" ok

# Every refusal logged with its reason, device and school: a bundle of
# a device that never enrolled.
new_school "$work/a" A01 2 5 1
mkdir "$work/stick"
school "$work/a" sync --to "$work/stick" >/dev/null
f=$(ls "$work/stick"/*.hsb | head -n 1)
dev=$(sqld "$work/a" "SELECT value FROM meta WHERE key = 'device_id'")
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT \
    -H 'Content-Type: application/vnd.hocso.bundle' -T "$f" \
    -H 'X-Forwarded-For: 198.51.100.9, 203.0.113.7' \
    "$url/v1/bundles/$(sha256sum "$f" | cut -d' ' -f1)") || code=000
same refused "$code" 403
log_grep -E "^[^ ]+ 203\.0\.113\.7 PUT /v1/bundles/[0-9a-f]{64} 403 [0-9]+ [0-9]+ms device=$dev school=A01: device $dev is not enrolled" \
    "$work/server.log" && ok ||
    fail "403 not logged with the proxy's client, device, school, reason: $(tail -n 3 "$work/server.log")"
# From another address than loopback, X-Forwarded-For is not believed.
curl -s -o /dev/null --interface 127.0.0.2 -H 'X-Forwarded-For: 192.0.2.66' \
    "$url/v1/nowhere" || true
log_grep -E " 127\.0\.0\.2 GET /v1/nowhere 404 0 [0-9]*ms device=- school=-: no such path$" \
    "$work/server.log" && ok || fail "404 from 127.0.0.2: $(tail -n 2 "$work/server.log")"
grep -q "192\.0\.2\.66" "$work/server.log" && fail "a forged X-Forwarded-For believed" || ok
server_stop

# A full disk: less free than the threshold.
start_raw HOCSO_HEALTH_MIN_FREE_MB=1000000000
health
same full "$code" 503
contains full-body "$work/body" "the disk of $work/srv is full"
contains full-log "$work/server.log" "GET /v1/health 503"
contains full-log "$work/server.log" "is full:"
server_stop

# server.key changed under the running server.
server_start
cp "$work/srv/server.key" "$work/key.saved"
"$server" --data "$work/other" init >/dev/null
cp "$work/other/server.key" "$work/srv/server.key"
health
same key-changed "$code" 503
contains key-changed "$work/body" "server.key is not the key the server started with"
cp "$work/key.saved" "$work/srv/server.key"
health
same key-back "$code" 200
server_stop

# A damaged store: pages of the events' tables overwritten, not the
# schema's, which the server reads as it opens (a later migration's
# tables are written near the file's end: the last pages were those).
pages=$("$SQLITE3_BIN" "$work/srv/server.db" "SELECT pageno FROM dbstat
    WHERE name IN ('events', 'bundles', 'kept_aside', 'help_counts')
    ORDER BY pageno LIMIT 4")
[ "$(echo "$pages" | wc -w)" = 4 ] && ok ||
    fail "the tables have too few pages: $pages"
cp "$work/srv/server.db" "$work/db.saved"
for p in $pages; do
	dd if=/dev/urandom of="$work/srv/server.db" bs=4096 seek=$((p - 1)) \
	    count=1 conv=notrunc 2>/dev/null
done
start_raw HOCSO_HEALTH_CHECK_S=3600
health
same damaged "$code" 503
contains damaged-body "$work/body" "the store is damaged (PRAGMA quick_check"
contains damaged-log "$work/server.log" "GET /v1/health 503"
contains damaged-log "$work/server.log" "the store is damaged"
# Between two checks it stays unhealthy: the damage does not heal.
health
same damaged-again "$code" 503
server_stop
cp "$work/db.saved" "$work/srv/server.db"
server_start
health
same repaired "$code" 200

printf 'health.sh: '
sync_summary
