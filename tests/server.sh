#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# server.sh: hocso-server's commands on a real data folder.  Every bad
# input (unknown command, missing option, bad alert, missing file, bad
# package, unknown device, a damaged bundle on the stick) gives one line
# naming the file or the reason and a non-zero exit, and leaves the
# store as it was; a school's real activity (hocso simulate, then hocso
# sync --to a stick) is imported with receipts written beside the
# bundles, which the school then reads back (hocso sync --from); the
# report and the export show it.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-server-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

dump() { sqls .dump | md5sum; }		# the whole store, as a hash

# refused NAME STATUS TEXT CMD...: CMD exits STATUS with one line on
# stderr that starts "hocso-server: " and holds TEXT; the store is as
# it was.
refused() {
	name=$1 want=$2 text=$3
	shift 3
	before=$(dump)
	status "$name" "$want" "$@"
	same "$name: lines" "$(wc -l <"$work/err")" 1
	contains "$name" "$work/err" "hocso-server: "
	contains "$name" "$work/err" "$text"
	same "$name: store unchanged" "$(dump)" "$before"
}

# A new data folder: made by hocso-server init (sync-lib.sh), with its
# key pair.
status token 0 srv token --school S01
grep -qxE '[0-9A-Z]{4}(-[0-9A-Z]{1,4}){6}' "$work/out" && ok ||
    fail "token: '$(cat "$work/out")' is not a token"
same key-mode "$(stat -c %a "$work/srv/server.key")" 600
[ -s "$work/srv/server.pub" ] && ok || fail "no server.pub"
same token-stored "$(sqls "SELECT count(*) FROM tokens WHERE school = 'S01'")" 1
sqls "SELECT hash FROM tokens" | grep -qF "$(cat "$work/out")" &&
    fail "the token is stored in clear" || ok

# Command lines.
refused unknown-command 2 "unknown command 'frobnicate'" srv frobnicate
refused no-command 2 "a command is needed" srv
refused token-no-school 2 "--school" srv token
refused token-bad-days 2 "--days" srv token --school S01 --days 0
refused report-format 2 "'xml'" srv report --format xml
refused export-format 2 "--format xapi" srv export
refused export-since 2 "'yesterday'" srv export --format xapi --since yesterday
refused import-nothing 2 "missing" srv import
refused device-what 2 "device" srv device frob
refused revoke-unknown 1 "no device 00000000-0000-4000-8000-000000000000" \
    srv device revoke 00000000-0000-4000-8000-000000000000
refused import-missing 1 "$work/nowhere" srv import "$work/nowhere"
status help 0 srv --help
contains help "$work/out" "report [--school CODE] [--format text|csv|csv-vi|help-csv]"
status version 0 srv --version

# Alerts: a bad file, a missing one, a good one, the same id again.
cat >"$work/bad.ini" <<'EOF'
[alert]
id = no sections here
EOF
cat >"$work/alert.ini" <<'EOF'
[alert]
id = lua-dao-2026-11
expires = 2099-12-31

[vi]
title = Cảnh báo: tin nhắn lừa nhận quà
text = Đừng bấm vào link lạ.
  Hãy hỏi thầy cô hoặc bố mẹ.
EOF
refused alert-bad 1 "$work/bad.ini" srv alert "$work/bad.ini"
refused alert-missing 1 "$work/missing.ini" srv alert "$work/missing.ini"
head -c 20000 /dev/zero | tr '\0' 'x' >"$work/big.ini"
refused alert-big 1 "$work/big.ini" srv alert "$work/big.ini"
status alert 0 srv alert "$work/alert.ini"
expect alert "$work/out" "alert 1 published"
refused alert-again 1 "lua-dao-2026-11" srv alert "$work/alert.ini"
same alert-stored "$(sqls "SELECT number || ' ' || id FROM alerts")" \
    "1 lua-dao-2026-11"

# Packages: junk, unsigned, missing, then a signed one.
echo "not a package" >"$work/junk.hsm"
refused publish-junk 1 "$work/junk.hsm" srv publish "$work/junk.hsm"
"$pack" build "$top_srcdir/lessons/curriculum/basics" -o "$work/u.hsm" \
    --unsigned >/dev/null 2>&1
refused publish-unsigned 1 "not signed" srv publish "$work/u.hsm"
refused publish-missing 1 "$work/none.hsm" srv publish "$work/none.hsm"
"$pack" build "$top_srcdir/lessons/curriculum/basics" -o "$work/b.hsm" \
    --key "$top_srcdir/lessons/demo-key/hocso-demo.key" >/dev/null
status publish 0 srv publish "$work/b.hsm"
sha=$(sha256sum "$work/b.hsm" | cut -d' ' -f1)
cmp -s "$work/b.hsm" "$work/srv/modules/$sha.hsm" && ok ||
    fail "publish: the package was not copied"
same modules "$(sqls "SELECT count(*) FROM modules")" 1

# A school's activity on a stick.
new_school "$work/a" S01 4 20 7
mkdir "$work/usb"
HOCSO_BUNDLE_EVENTS=50 school "$work/a" sync --to "$work/usb" >/dev/null
dev=$(sqld "$work/a" "SELECT value FROM meta WHERE key = 'device_id'")
events=$(sqld "$work/a" "SELECT count(*) FROM events")
nb=$(ls "$work/usb" | grep -c '\.hsb$')
[ "$nb" -ge 2 ] && ok || fail "$nb bundles on the stick, wanted several"

# Not enrolled yet: every bundle refused, one line each, nothing stored.
before=$(dump)
status import-stranger 1 srv import "$work/usb"
same import-stranger-lines "$(wc -l <"$work/err")" "$nb"
contains import-stranger "$work/err" "not enrolled"
same import-stranger-store "$(dump)" "$before"
same no-receipts "$(ls "$work/usb" | grep -c '\.receipt$' || true)" 0

# Enrolled (as POST /v1/enroll records it) with the device's own key.
key=$(cut -d' ' -f2 "$work/a/device.pub")
sqls "INSERT INTO devices (id, school, key, enrolled)
    VALUES ('$dev', 'S01', '$key', '2026-01-01T00:00:00.000Z')"

# A damaged bundle among the good ones.
echo "damaged" >"$work/usb/hocso-$dev-999999.hsb"
status import 1 srv import "$work/usb"
same import-lines "$(wc -l <"$work/err")" 1
contains import "$work/err" "hocso-server: $work/usb/hocso-$dev-999999.hsb: "
expect import "$work/out" "$nb bundles stored, $events events, 0 had before, 1 refused"
same stored "$(sqls "SELECT count(*) FROM events")" "$events"
same receipts "$(ls "$work/usb" | grep -c '\.receipt$')" "$nb"
same via "$(sqls "SELECT DISTINCT via FROM bundles")" usb
same no-tmp "$(ls -A "$work/usb" | grep -c '\.tmp$' || true)" 0
rm "$work/usb/hocso-$dev-999999.hsb"

# The school reads the receipts: everything acknowledged.
status from 0 school "$work/a" sync --from "$work/usb"
contains from "$work/out" "every event is acknowledged by the server"

# The same stick again: nothing new, the same receipts.
sum=$(cat "$work/usb"/*.receipt | md5sum)
status import-again 0 srv import "$work/usb"
expect import-again "$work/out" "0 bundles stored, 0 events, $nb had before, 0 refused"
same same-receipts "$(cat "$work/usb"/*.receipt | md5sum)" "$sum"

# Devices, revoking.
status device-list 0 srv device list --school S01
contains device-list "$work/out" "$dev  S01  2026-01-01"
status revoke 0 srv device revoke "$dev"
status device-list 0 srv device list
contains device-list-revoked "$work/out" "revoked"
same kept "$(sqls "SELECT count(*) FROM events")" "$events"

# The report: text and CSV.
status report 0 srv report
contains report "$work/out" "S01: 1 device, $events events"
contains report "$work/out" "5A"
status report-csv 0 srv report --format csv --school S01
same bom "$(head -c 3 "$work/out" | od -An -tx1 | tr -d ' ')" efbbbf
contains report-csv "$work/out" "S01,1,$events,"
contains report-csv "$work/out" ",5A,"
refused report-unknown 1 "no school NOPE" srv report --school NOPE

# The export: one valid line per event.
status export 0 srv export --format xapi
same export-lines "$(wc -l <"$work/out")" "$events"
contains export "$work/out" '"version":"1.0.3"'
status export-future 0 srv export --format xapi --since 2999-01-01
same export-future "$(wc -l <"$work/out")" 0
status export-past 0 srv export --format xapi --since 2000-01-01T00:00:00+07:00
same export-past "$(wc -l <"$work/out")" "$events"

# A server whose key is lost is not given a new one: its devices would
# refuse it.  Nothing is made, and the key restored works again.
mv "$work/srv/server.key" "$work/server.key.saved"
refused key-lost 1 "server.key is missing, but this server has a store" \
    srv device list
[ ! -e "$work/srv/server.key" ] && ok || fail "key-lost: a new key was made"
mv "$work/server.key.saved" "$work/srv/server.key"
status key-restored 0 srv device list

sync_summary
