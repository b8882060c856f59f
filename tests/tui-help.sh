#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-help.sh: a child asks for help (issue 16).  The help module is
# installed as a school installs it (signed, checked); a signed-
# in child opens help with F9 from a lesson screen, searches without
# marks ("bi bat nat"), reads the steps (111, a trusted adult), types a
# few words with Telex and sends them without a name; the teacher's mode
# opens on the request, first, with no name anywhere, and the teacher
# marks it talked with the child; the next sync to a real hocso-server on
# loopback carries the week's count, and the server's store holds no word
# of the request and no learner (sqlite3 on it).  With HOCSO_CAPTURES set
# to a folder, the screens are saved there as text.
. "$top_srcdir/tests/tui-lib.sh"
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }

hocso=$top_builddir/learn/hocso
server=$top_builddir/server/hocso-server
capture() { [ -z "${HOCSO_CAPTURES:-}" ] || screen >"$HOCSO_CAPTURES/$1.txt"; }

"$hocso" --data-dir "$data" school --teacher-pin 2468 >/dev/null ||
    fail "school"
"$hocso" --data-dir "$data" class add 4A >/dev/null || fail "class add"
"$hocso" --data-dir "$data" learner add --class 4A "Nguyễn Văn An" \
    >/dev/null || fail "learner add"
"$hocso" --data-dir "$data" trust add \
    "$top_srcdir/lessons/demo-key/hocso-demo.pub" >/dev/null || fail "trust"
"$top_builddir/lessons/hocso-pack" build "$top_srcdir/lessons/curriculum/help" \
    -o "$work/help.hsm" --key "$top_srcdir/lessons/demo-key/hocso-demo.key" \
    >/dev/null || fail "pack build"
"$hocso" --data-dir "$data" install "$work/help.hsm" >/dev/null ||
    fail "install"
# The index is the app's, made when the help list opens: not the store's.
[ "$(sql "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'help_index%'")" = 0 ] ||
    fail "the store holds a help index"

# --- the child ---------------------------------------------------------
start_hocso --lang vi
wait_for "Tìm:"				# one class: its names at once
tm send-keys -t hocso -l "an"
wait_for "▶ Nguyễn Văn An"
keys Enter
wait_for "2. Giữ bí mật của em"
keys 2 Enter
wait_for "1. Mật khẩu là gì?"
keys Enter
wait_for "1/"
screen | tail -n 1 | grep -q "F9 Em cần giúp đỡ" ||
    fail "the lesson's footer does not show the help key"
capture lesson
keys F9
wait_for "Chuyện gì đang xảy ra?"
screen | grep -q "Chuyện khác" || fail "not every situation is listed"
capture help-list
tm send-keys -t hocso -l "bi bat nat"	# no marks
wait_for "Tìm: bi bat nat"
wait_for "▶ Có người bắt nạt em"
screen | grep -q "Tài khoản hay tiền của em bị lấy mất" &&
    fail "the search kept a situation without those words"
capture help-search
keys Enter
wait_for "Đừng trả lời lại và đừng bắt nạt lại"
screen | grep -q "Gọi 111 — miễn phí, cả ngày lẫn đêm." ||
    fail "the steps do not say 111"
screen | grep -q "Kể với một người lớn em tin tưởng" ||
    fail "the steps do not say to tell an adult"
capture help-steps
keys Enter
wait_for "Ai sẽ đọc, và sau đó thế nào:"
screen | grep -q "thầy cô phải báo cho người có nhiệm vụ" ||
    fail "the screen promises secrecy: it must say who is told"
tm send-keys -t hocso -l "bij treeu chocj trong nhom lowps"	# Telex
wait_for "bị trêu chọc trong nhom lớp"
keys Enter				# to the ways of sending
keys Enter				# none chosen yet
wait_for "Em chọn cách gửi trước"
[ "$(sql "SELECT count(*) FROM help_requests")" = 0 ] ||
    fail "sent without the child choosing how"
keys Down Down
wait_for "▶ không ghi tên"
capture help-tell
keys Enter
wait_for "Đã gửi. Thầy cô sẽ thấy lời nhắn"
screen | grep -q "gọi ngay 111" || fail "no word on what to do if urgent"
capture help-sent
[ "$(sql "SELECT count(*) || ' ' || ifnull(learner_id, 'none') || ' ' ||
    situation || ' ' || message FROM help_requests")" = \
    "1 none bullying bị trêu chọc trong nhom lớp" ] ||
    fail "the request is not kept as sent: $(sql "SELECT * FROM help_requests")"
keys Enter
wait_for "1/"				# back on the lesson
keys q
wait_for "1. Mật khẩu là gì?"
keys q
wait_for "Chọn một chủ đề để học:"
keys q					# signed out
wait_for "Tìm:"
# before sign-in too: F9 on the sign-in screen, and Esc back to it
screen | tail -n 1 | grep -q "F9 Em cần giúp đỡ" ||
    fail "the sign-in footer does not show the help key"
keys F9
wait_for "Chuyện gì đang xảy ra?"
keys Escape
wait_for "Tìm:"

# --- the teacher -------------------------------------------------------
keys F5
wait_for "Mã PIN của giáo viên"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "1 lời nhờ giúp đỡ đang chờ"
screen | grep -q "▶1 *trong ngày *bị bắt nạt .*(không ghi tên)" ||
    fail "the request is not first, with its urgency and no name"
screen | grep -q "Nguyễn" && fail "a name shows with a request sent without one"
capture teacher-list
keys Enter
wait_for "Lời của em:"
screen | grep -q "bị trêu chọc trong nhom lớp" || fail "the child's words"
screen | grep -q "Nguyễn" && fail "a name shows on the request"
keys t
wait_for "Đánh dấu: đã nói chuyện với em"
tm send-keys -t hocso -l "Ddax gawpj em"
keys Enter
wait_for "Lời nhờ 1: đã nói chuyện với em."
screen | grep -q "đã nói chuyện với em: Đã gặp em" || fail "the note"
capture teacher-request
[ "$(sql "SELECT state FROM help_requests")" = talked ] || fail "not marked"
[ "$(sql "SELECT requests || ' ' || in_time FROM help_counts")" = "1 1" ] ||
    fail "not counted as handled in time"
keys q
wait_for "Mọi lời nhờ đã được xử lý."
keys q
wait_for "Lớp 4A"
tm kill-server
"$hocso" --data-dir "$data" help-requests list >"$work/list" ||
    fail "help-requests list"
grep -q "^1  đã nói chuyện với em  bị bắt nạt" "$work/list" ||
    fail "help-requests list: $(cat "$work/list")"

# --- the province ------------------------------------------------------
"$server" --data "$work/srv" init >/dev/null || fail "hocso-server init"
"$server" --data "$work/srv" serve --listen 127.0.0.1:0 \
    --port-file "$work/port" >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
cleanup_all() { kill "$server_pid" 2>/dev/null || true; cleanup; }
trap cleanup_all EXIT
n=0
until [ -s "$work/port" ] && curl -sf -o /dev/null \
    "http://127.0.0.1:$(cat "$work/port")/v1/health"; do
	n=$((n + 1))
	[ $n -le 100 ] || fail "hocso-server did not start: $(cat "$work/server.log")"
	sleep 0.1
done
url=http://127.0.0.1:$(cat "$work/port")
tok=$("$server" --data "$work/srv" token --school TEST) || fail "token"
"$hocso" --data-dir "$data" enroll --server "$url" --school TEST \
    --token "$tok" >/dev/null || fail "enroll"
"$hocso" --data-dir "$data" sync --server "$url" >"$work/sync" 2>&1 ||
    fail "sync: $(cat "$work/sync")"
week=$(sql "SELECT week FROM help_counts")
srvdb=$work/srv/server.db
[ "$("$SQLITE3_BIN" "$srvdb" "SELECT school || ' ' || week || ' ' ||
    situation || ' ' || requests || ' ' || in_time FROM help_counts")" = \
    "TEST $week bullying 1 1" ] || fail "the server has not the count"
"$SQLITE3_BIN" "$srvdb" .dump >"$work/dump"
for word in "trêu chọc" "nhom lớp" "Đã gặp em" "Nguyễn"; do
	grep -q -- "$word" "$work/dump" &&
	    fail "the server's store holds '$word' of the request"
done
device=$(sql "SELECT value FROM meta WHERE key = 'device_id'")
[ "$("$SQLITE3_BIN" "$srvdb" "SELECT actor FROM events
    WHERE object = 'urn:hocso-help:bullying:$week'")" = "$device" ] ||
    fail "the count did not travel as its own statement, by the device"
"$server" --data "$work/srv" report >"$work/report" || fail "report"
grep -q "^TEST  *$week  *bullying  *1  *1$" "$work/report" ||
    fail "the report: $(cat "$work/report")"
# The dashboard's safety page shows the count per situation, no word.
"$top_builddir/tests/dashpage-run" "$work/srv" province safety \
    /dashboard/safety >"$work/safety.html" 2>/dev/null ||
    fail "the safety page"
tr -d '\n' <"$work/safety.html" | grep -q \
    '<td>bullying</td><td class="num">1</td><td class="num">1</td>' ||
    fail "the safety page: no count for bullying"
echo "PASS: help asked, triaged and counted"
