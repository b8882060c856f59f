#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# alert-admin.sh: safety alerts that cannot silently fail (issue 19,
# defect 5), with a real server and a school over HTTP:
#  - an alert whose expiry is past is refused in one line, nothing
#    published;
#  - hocso-server alert list shows what was published and withdrawn,
#    and the devices that received each and read it, as the dashboard's
#    safety page counts them;
#  - alert withdraw removes the alert from the device at its next sync
#    (a signed withdrawal); a second withdrawal, or an unknown id, is
#    refused;
#  - after a restore, an alert numbered below what the device has seen
#    is still fetched (the epoch changed; numbers went backwards).
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-alerts-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

a=$work/a
# alert NAME EXPIRES: an alert file $work/NAME.ini.
alert() {
	printf '[alert]\nid = %s\nexpires = %s\n\n[vi]\ntitle = %s\ntext = %s\n' \
	    "$1" "$2" "Cảnh báo $1" "Đừng bấm vào link lạ." >"$work/$1.ini"
}
kept() { sqld "$a" "SELECT group_concat(id, ' ') FROM
    (SELECT id FROM alerts ORDER BY id)"; }
dump() { sqls "SELECT * FROM alerts" | md5sum; }

server_start
new_school "$a" A01 2 5 1
status enrol 0 school "$a" enroll --server "$url" --school A01 \
    --token "$(srv token --school A01)"

alert lua-dao 2099-12-31
status publish 0 srv alert "$work/lua-dao.ini"
status sync 0 school "$a" sync
expect sync "$work/out" "received 1 safety alert"
same kept "$(kept)" lua-dao

# Past expiry: refused, nothing published.
alert old 2020-01-01
before=$(dump)
status past 1 srv alert "$work/old.ini"
same past-lines "$(wc -l <"$work/err")" 1
contains past "$work/err" "$work/old.ini: it expires on 2020-01-01, which is past"
same past-unchanged "$(dump)" "$before"

# The list, and a withdrawal that reaches the device.  Its next sync
# tells the province the device received the alert: the list counts the
# devices as the dashboard's safety page does.
status list-before 0 srv alert list
expect list-before "$work/out" "1  lua-dao  2099-12-31  -  0  0  Cảnh báo lua-dao"
status sync-told 0 school "$a" sync
status list 0 srv alert list
expect list-head "$work/out" "NUMBER  ID  EXPIRES  WITHDRAWN  RECEIVED  READ  TITLE"
expect list "$work/out" "1  lua-dao  2099-12-31  -  1  0  Cảnh báo lua-dao"
awk 'NR > 1 { print $2 "," $5 "," $6 }' "$work/out" >"$work/list-counts"
LANGUAGE=en "$top_builddir/tests/dashpage-run" "$work/srv" province safety \
    /dashboard/safety "download=alerts&format=csv" 2>/dev/null |
    sed '1s/^\xef\xbb\xbf//' | tr -d '\r' | tail -n +2 |
    cut -d, -f2,5,6 >"$work/page-counts"
same list-is-page "$(cat "$work/list-counts")" "$(cat "$work/page-counts")"
same list-counts "$(cat "$work/list-counts")" "lua-dao,1,0"
status withdraw 0 srv alert withdraw lua-dao
contains withdraw "$work/out" "alert lua-dao withdrawn"
status list2 0 srv alert list
expect list2 "$work/out" "1  lua-dao  2099-12-31  withdrawn  1  0  Cảnh báo lua-dao"
before=$(dump)
status withdraw-again 1 srv alert withdraw lua-dao
contains withdraw-again "$work/err" "alert 'lua-dao' is withdrawn already"
status withdraw-unknown 1 srv alert withdraw nope
contains withdraw-unknown "$work/err" "no alert 'nope' was published"
same withdraw-unchanged "$(dump)" "$before"
status sync-withdrawn 0 school "$a" sync
same withdrawn-on-device "$(kept)" ""

# A restore: alerts published after the backup are lost, and the next
# one takes a number the device has seen.
status backup 0 srv backup "$work/bk"
alert a2 2099-12-31
alert a3 2099-12-31
status publish-a2 0 srv alert "$work/a2.ini"
status publish-a3 0 srv alert "$work/a3.ini"
status sync-a3 0 school "$a" sync
same kept-a3 "$(kept)" "a2 a3"
same alert-no "$(sqld "$a" "SELECT value FROM meta WHERE key = 'sync.alert_no'")" 4
server_stop
cp "$work/srv/server.key" "$work/server.key"
mv "$work/srv" "$work/lost"
status restore 0 srv restore "$work/bk"
cp "$work/server.key" "$work/srv/server.key"
server_start "127.0.0.1:$port"
alert a4 2099-12-31
status publish-a4 0 srv alert "$work/a4.ini"
expect publish-a4 "$work/out" "alert 3 published"
status sync-after 0 school "$a" sync
contains sync-after "$work/out" "the server's alerts were numbered again"
same kept-a4 "$(kept)" "a2 a3 a4"
status sync-again 0 school "$a" sync
grep -q "numbered again" "$work/out" && fail "took them all twice" || ok

printf 'alert-admin.sh: '
sync_summary
