#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-alerts.sh: safety alerts on the home screen: after signing in, each
# unread alert comes first, newest first, in a box that fits 80x24 (also
# on the Linux console and without colour); Enter says "I have read it"
# and shows the next, then the modules.  Read is per learner: signing in
# again shows nothing, another learner still sees them; an expired alert
# is never shown.  The teacher's overview says how sync is going.  One
# alert comes the real way: published on a hocso-server, fetched by hocso
# sync; the device tells the server, in its next bundle, that it received
# it and that it was read there, and the dashboard's safety page counts
# the devices (the same after a rebuild and after the migration), as
# hocso-server alert list does.
. "$top_srcdir/tests/tui-lib.sh"

hocso=$top_builddir/learn/hocso
"$hocso" --data-dir "$data" school --name "Trường thử" --code TEST \
    --teacher-pin 2468 >/dev/null || fail "school"
"$hocso" --data-dir "$data" class add 4A >/dev/null || fail "class add"
for who in "Nguyễn Văn An" "Lò Thị Bình" "Giàng A Chư"; do
	"$hocso" --data-dir "$data" learner add --class 4A "$who" >/dev/null ||
	    fail "learner add"
done

# Before any sync, the teacher's overview says sync is not set up.
start_hocso --lang vi
wait_for "Tìm:"
keys F5
wait_for "Mã PIN của giáo viên"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Lớp 4A"
screen | grep -q "hocso enroll" || fail "no 'not set up' sync line"
keys q
wait_for "Tìm:"
keys Escape
wait_ended "hocso did not quit"

# Three alerts: one published on a real server and fetched by hocso sync;
# two put in the store as hocso sync keeps them (sync/alert.c,
# alert_save: the file's text in body, by id): one that has expired, and
# the newest, long enough to read on.
cat >"$work/scam.ini" <<'EOF'
[alert]
id = lua-dao-2026-11          ; letters, digits, '.', '-', '_'
expires = 2099-12-31

[vi]
title = Cảnh báo: tin nhắn lừa nhận quà
text = Có tin nhắn mời nhận quà miễn phí qua một đường link lạ.
  Đừng bấm vào link. Hãy hỏi thầy cô hoặc bố mẹ.

[en]
title = Warning: free gift scam messages
text = Messages offer free gifts through a strange link. Do not click it.
EOF
{
	printf '[alert]\nid = tro-choi-nguy-hiem\n[vi]\n'
	printf 'title = Trò chơi thử thách nguy hiểm trên mạng\n'
	printf 'text = Bắt đầu đọc.'
	i=0
	while [ $i -lt 14 ]; do
		printf '\n  Nếu một trò chơi bảo em làm điều nguy hiểm, hãy dừng lại.'
		i=$((i + 1))
	done
	printf ' Hết thông báo.\n'
} >"$work/long.ini"
cat >"$work/old.ini" <<'EOF'
[alert]
id = het-han
expires = 2020-01-31
[vi]
title = Thông báo đã hết hạn
text = Không được hiện.
EOF
server=$top_builddir/server/hocso-server
"$server" --data "$work/srv" init >/dev/null || fail "server init"
"$server" --data "$work/srv" token --school TEST >"$work/token" ||
    fail "server token"
"$server" --data "$work/srv" serve --listen 127.0.0.1:0 \
    --port-file "$work/port" >/dev/null 2>"$work/server.log" &
srvpid=$!
trap 'kill $srvpid 2>/dev/null || true; cleanup' EXIT
n=0
until [ -s "$work/port" ]; do
	n=$((n + 1))
	[ $n -le $tries ] || fail "the server did not start"
	sleep 0.05
done
url=http://127.0.0.1:$(cat "$work/port")
"$hocso" --data-dir "$data" enroll --server "$url" --school TEST \
    --token "$(cat "$work/token")" >/dev/null || fail "enroll"
"$server" --data "$work/srv" alert "$work/scam.ini" >/dev/null ||
    fail "server alert"
"$hocso" --data-dir "$data" sync >"$work/sync.out" 2>&1 ||
    fail "sync: $(cat "$work/sync.out")"
kill $srvpid
wait $srvpid || true
[ "$(sql "SELECT number FROM alerts WHERE id = 'lua-dao-2026-11'")" = 1 ] ||
    fail "hocso sync did not keep the alert"
sql "INSERT INTO alerts (id, number, received, body) VALUES
 ('het-han', 2, '2026-11-28T07:00:00.000Z',
  CAST(readfile('$work/old.ini') AS TEXT)),
 ('tro-choi-nguy-hiem', 3, '2026-11-28T07:00:00.000Z',
  CAST(readfile('$work/long.ini') AS TEXT))"
[ "$(sql "SELECT count(*) FROM alerts WHERE body LIKE '[alert]%'")" = 3 ] ||
    fail "the alerts were not put in the store"

# The box in a capture: every row from its top corner to its bottom one
# has the right border at the same column, within 80 columns, and the
# capture is 24 rows.
check_box() {
	screen >"$work/cap"
	[ "$(wc -l <"$work/cap")" -eq 24 ] || fail "not 24 rows"
	widths=$(sed -n "/$1/,/$2/p" "$work/cap" |
	    sed "s/\\($3\\) *\$/\\1/" | while IFS= read -r l; do
		printf '%s' "$l" | wc -m
	done | sort -u)
	[ -n "$widths" ] || fail "no box"
	[ "$(echo "$widths" | wc -l)" -eq 1 ] ||
	    fail "the box's right border is ragged: $widths"
	[ "$widths" -le 80 ] || fail "the box is wider than 80 columns"
}

# sign_in NAME-FILTER: from the name list to the learner's first screen
sign_in() {
	wait_for "Tìm:"
	tm send-keys -t hocso -l "$1"
	keys Enter
}

start_hocso --lang vi
sign_in "nguyen"
wait_for "Trò chơi thử thách nguy hiểm trên mạng"	# the newest first
screen | grep -q "Nguyễn Văn An" || fail "not signed in as An"
screen | grep -q "1/2" || fail "no 1/2 with two alerts"
screen | grep -q "Bắt đầu đọc" || fail "the text is not shown"
screen | grep -q "Hết thông báo" && fail "the long text is not cut"
screen | grep -q "Thông báo đã hết hạn" && fail "an expired alert is shown"
check_box "┌" "└" "│"
screen | grep -q "▼" || fail "no sign of more to read"
# a key other than Enter does not get past it
keys 1
sleep 0.3
screen | grep -q "Trò chơi thử thách" || fail "a digit skipped the alert"
keys PageDown PageDown PageDown
wait_for "Hết thông báo"
check_box "┌" "└" "│"
[ "$(sql "SELECT count(*) FROM alert_reads")" = 0 ] ||
    fail "marked read before Enter"
keys Enter
wait_for "Cảnh báo: tin nhắn lừa nhận quà"
screen | grep -q "2/2" || fail "no 2/2"
screen | grep -q "Hãy hỏi thầy cô hoặc bố mẹ" || fail "the continuation line"
check_box "┌" "└" "│"
screen >"$work/alert-box.txt"
[ "$(sql "SELECT count(*) FROM alert_reads r JOIN learners l ON
    l.uuid = r.learner WHERE l.name = 'Nguyễn Văn An'")" = 1 ] ||
    fail "the first alert is not marked read for An"
keys Enter
wait_for "1. Giữ bí mật của em"			# the home screen
screen | grep -q "Cảnh báo" && fail "the alert stays on the home screen"
[ "$(sql "SELECT count(*) FROM alert_reads")" = 2 ] ||
    fail "not both marked read"

# signing out and in again: nothing to read
keys q
sign_in "nguyen"
wait_for "1. Giữ bí mật của em"
screen | grep -q "Cảnh báo" && fail "a read alert came again"

# another learner still sees both; q signs out without reading
keys q
sign_in "binh"
wait_for "Trò chơi thử thách nguy hiểm trên mạng"
screen | grep -q "Lò Thị Bình" || fail "not signed in as Bình"
keys q
sign_in "binh"
wait_for "Trò chơi thử thách nguy hiểm trên mạng"
[ "$(sql "SELECT count(*) FROM alert_reads")" = 2 ] ||
    fail "signing out marked an alert read"
keys q
wait_for "Tìm:"
keys Escape
wait_ended "hocso did not quit"

# The Linux console without colour: ASCII stand-ins, the same box.
HOCSO_TEST_TERM=linux HOCSO_TEST_ENV=NO_COLOR=1 start_hocso --lang vi
sign_in "chu"
wait_for "Trò chơi thử thách nguy hiểm trên mạng"
screen | grep -q "Giàng A Chư" || fail "not signed in as Chư"
screen | grep -q "▼" && fail "a Unicode arrow on the Linux console"
check_box "┌" "└" "│"
keys Enter
wait_for "Cảnh báo: tin nhắn lừa nhận quà"
check_box "┌" "└" "│"
keys Enter
wait_for "Giữ bí mật của em"
keys q
wait_for "Tìm:"
keys Escape
wait_ended "hocso did not quit"

# An English-speaking learner gets the English text.
"$hocso" --data-dir "$data" learner add --class 4A --lang en "Mary Smith" \
    >/dev/null || fail "learner add"
start_hocso --lang vi
sign_in "mary"
wait_for "Trò chơi thử thách"		# no English: the Vietnamese one
keys Enter
wait_for "Warning: free gift scam messages"
screen | grep -q "through a strange link" || fail "the English text"
keys Enter
wait_for "Choose a topic"
keys q
wait_for "Tìm:"
keys Escape
wait_ended "hocso did not quit"

# The province is told: one event of the device's when it kept the alert
# from the server, one when a learner there first read each alert (three
# learners read them: still one each), never who; the next sync carries
# them, and the safety page counts the devices.
[ "$(sql "SELECT count(*) FROM events WHERE verb = 'received'
    AND object = 'urn:hocso-alert:lua-dao-2026-11'")" = 1 ] ||
    fail "no event for the alert received"
[ "$(sql "SELECT count(*) FROM events WHERE verb = 'experienced'
    AND object LIKE 'urn:hocso-alert:%'")" = 2 ] ||
    fail "not one event per alert read: $(sql "SELECT verb, object
    FROM events WHERE object LIKE 'urn:hocso-alert:%'")"
[ "$(sql "SELECT count(*) FROM events WHERE object LIKE
    'urn:hocso-alert:%' AND actor <> (SELECT value FROM meta
    WHERE key = 'device_id')")" = 0 ] || fail "an alert event names a learner"
"$server" --data "$work/srv" serve --listen 127.0.0.1:0 \
    --port-file "$work/port2" >/dev/null 2>>"$work/server.log" &
srvpid=$!
n=0
until [ -s "$work/port2" ]; do
	n=$((n + 1))
	[ $n -le $tries ] || fail "the server did not start again"
	sleep 0.05
done
sql "UPDATE meta SET value = 'http://127.0.0.1:$(cat "$work/port2")'
    WHERE key = 'sync.server'"
"$hocso" --data-dir "$data" sync >"$work/sync.out" 2>&1 ||
    fail "sync: $(cat "$work/sync.out")"
kill $srvpid
wait $srvpid || true
page=$top_builddir/tests/dashpage-run
LANGUAGE=en "$page" "$work/srv" province safety /dashboard/safety \
    "download=alerts&format=csv" 2>"$work/page.err" |
    sed '1s/^\xef\xbb\xbf//' | tr -d '\r' >"$work/alerts.csv"
head -n 1 "$work/alerts.csv" | grep -q ",Devices that received it,Devices where it was read$" ||
    fail "the alerts' columns: $(head -n 1 "$work/alerts.csv")"
[ "$(sed -n 2p "$work/alerts.csv" | cut -d, -f1,2,5,6)" = "1,lua-dao-2026-11,1,1" ] ||
    fail "the alert's devices: $(cat "$work/alerts.csv")"
# hocso-server alert list says the same: received and read on 1 device.
"$server" --data "$work/srv" alert list >"$work/list.out" ||
    fail "alert list"
[ "$(awk 'NR > 1 { print $1 "," $2 "," $5 "," $6 }' "$work/list.out")" = \
    "$(sed -n 2p "$work/alerts.csv" | cut -d, -f1,2,5,6)" ] ||
    fail "alert list differs from the safety page: $(cat "$work/list.out")"
srvdb=$work/srv/server.db
# Counted again from the events, or by the migration from a store
# without them (version 8): the same rows.
"$SQLITE3_BIN" "$srvdb" "SELECT * FROM rollup_alert ORDER BY 1, 2" \
    >"$work/ra-1"
grep -q '^lua-dao-2026-11|' "$work/ra-1" || fail "no rollup row: $(cat "$work/ra-1")"
"$server" --data "$work/srv" rebuild-rollups >/dev/null || fail "rebuild"
"$SQLITE3_BIN" "$srvdb" "SELECT * FROM rollup_alert ORDER BY 1, 2" \
    >"$work/ra-2"
cmp -s "$work/ra-1" "$work/ra-2" || fail "rebuilt: $(diff "$work/ra-1" "$work/ra-2")"
"$SQLITE3_BIN" "$srvdb" "DROP TABLE rollup_alert; PRAGMA user_version = 8"
"$server" --data "$work/srv" report >/dev/null || fail "migrate"
"$SQLITE3_BIN" "$srvdb" "SELECT * FROM rollup_alert ORDER BY 1, 2" \
    >"$work/ra-3"
cmp -s "$work/ra-1" "$work/ra-3" || fail "migrated: $(diff "$work/ra-1" "$work/ra-3")"

# The teacher's overview after syncs: the last success in local time,
# the events not yet acknowledged, the last error; cut to the screen.
sql "INSERT INTO events (uuid, ts, actor, verb, object) VALUES
 ('e1', '2026-11-28T07:00:00.000Z', 'a', 'experienced', 'urn:x:1'),
 ('e2', '2026-11-28T07:00:01.000Z', 'a', 'experienced', 'urn:x:2'),
 ('e3', '2026-11-28T07:00:02.000Z', 'a', 'experienced', 'urn:x:3');
 INSERT INTO meta (key, value) VALUES
 ('sync.acked_seq', (SELECT max(seq) - 3 FROM events)),
 ('sync.last_success', '2026-11-28T07:02:00.000Z'),
 ('sync.last_error', 'cannot reach the server')
 ON CONFLICT (key) DO UPDATE SET value = excluded.value"
events=3
HOCSO_TEST_ENV=TZ=Asia/Ho_Chi_Minh start_hocso --lang en
wait_for "Find:"
keys F5
wait_for "PIN"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Class 4A"
# the time in Vietnam's time zone: 07:02 UTC is 14:02 there
line=$(screen | grep "Sync:") || fail "no sync line"
echo "$line" | grep -q "Sync: last 28/11 14:02 · $events events waiting · Error: cannot reach the server" ||
    fail "the sync line: $line"
keys q
wait_for "Find:"
keys Escape
wait_ended "hocso did not quit"

# after a success with every event acknowledged, a long error is cut
sql "UPDATE meta SET value = '2026-12-01T23:30:00.000Z'
 WHERE key = 'sync.last_success';
 UPDATE meta SET value = (SELECT max(seq) FROM events)
 WHERE key = 'sync.acked_seq';
 UPDATE meta SET value = 'the server said 503: it is busy, and this message
 goes on and on past the edge of the screen' WHERE key = 'sync.last_error'"
HOCSO_TEST_ENV=TZ=Asia/Ho_Chi_Minh start_hocso --lang en
wait_for "Find:"
keys F5
wait_for "PIN"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Class 4A"
line=$(screen | grep "Sync:") || fail "no sync line"
echo "$line" | grep -q "Sync: last 02/12 06:30 · nothing waiting · Error: the server said 503" ||
    fail "the sync line: $line"
echo "$line" | grep -q "…\$" || fail "a long line is not cut with …"
[ "$(printf '%s' "$line" | wc -m)" -le 80 ] || fail "the sync line is too wide"
keys q
wait_for "Find:"
keys Escape
wait_ended "hocso did not quit"
# Without a roster, the device's own learner sees and reads it too.
data=$work/solo
mkdir -p "$data/modules"
cp -R "$top_srcdir/tests/fixtures/secrets-v1" "$data/modules/"
chmod -R u+w "$data"
"$hocso" --data-dir "$data" school --name "Trường thử" --code SOLO \
    >/dev/null || fail "school"
sql "INSERT INTO alerts (id, number, received, body) VALUES
 ('lua-dao-2026-11', 1, '2026-11-28T07:00:00.000Z',
  CAST(readfile('$work/scam.ini') AS TEXT))"
start_hocso --lang vi
wait_for "Cảnh báo: tin nhắn lừa nhận quà"
check_box "┌" "└" "│"
keys Enter
wait_for "1. Giữ bí mật của em"
[ "$(sql "SELECT count(*) FROM alert_reads r JOIN learners l ON
    l.uuid = r.learner WHERE l.class_id IS NULL")" = 1 ] ||
    fail "not marked read for the device's learner"
keys q
wait_ended "hocso did not quit"
start_hocso --lang vi
wait_for "1. Giữ bí mật của em"
screen | grep -q "Cảnh báo" && fail "a read alert came again"
keys q
wait_ended "hocso did not quit"

echo "alert box at 80x24:"
cat "$work/alert-box.txt"
