#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# help-requests.sh: hocso help-requests list|show|mark as a teacher runs
# them, each mistake said in one line with a non-zero exit and the store
# left as it was; a removed learner's requests erased with the learner
# (the counts kept); hocso-pack check refusing a help page at file:line;
# and hocso-server refusing a bundle whose count of requests carries
# words, storing nothing of it.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-helpreq-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

d=$work/school
mkdir -p "$d"
school "$d" school --name "Trường A" --code A01 >/dev/null
school "$d" class add 4A >/dev/null
school "$d" learner add --class 4A "Lan" >/dev/null
lan=$(sqld "$d" "SELECT id FROM learners WHERE name = 'Lan'")
# two requests as the app records them (learn/model/helpreq.c): one of
# Lan's, one without a name
sqld "$d" "INSERT INTO help_requests (created_at, created_ms, week, situation,
    learner_id, message) VALUES
    ('2026-12-06T08:00:00.000Z', 1796544000000, '2026-W49', 'bullying',
     $lan, 'bị trêu'),
    ('2026-12-06T09:00:00.000Z', 1796547600000, '2026-W49', 'stranger',
     NULL, 'người lạ hỏi ảnh');
    INSERT INTO help_counts (week, situation, requests) VALUES
    ('2026-W49', 'bullying', 1), ('2026-W49', 'stranger', 1);"
state() { sqld "$d" "SELECT group_concat(id || state, ' ') FROM
    (SELECT id, state FROM help_requests ORDER BY id)"; }
marks() { sqld "$d" "SELECT count(*) FROM help_marks"; }

status list 0 school "$d" help-requests list
# the stranger's is danger now: first; the anonymous one has no name
expect list "$work/out" "2  danger now    a stranger asking  2026-12-06 09:00  (no name)"
expect list "$work/out" "1  within a day  bullying           2026-12-06 08:00  Lan (4A)"
same "list order" "$(head -n 1 "$work/out" | cut -c1)" 2
status show 0 school "$d" help-requests show 2
expect show "$work/out" "from       (no name)"
expect show "$work/out" "message    người lạ hỏi ảnh"

# mistakes: one line, the exit status, nothing changed
before=$(state)
status "unknown state" 2 school "$d" help-requests mark 2 done
expect "unknown state" "$work/err" "hocso: 'done' is not a state: mark a request talked, passed or closed"
status "new is no mark" 2 school "$d" help-requests mark 2 new
status "no such request" 1 school "$d" help-requests mark 9 closed
expect "no such request" "$work/err" "hocso: there is no request for help number 9"
status "bad number" 2 school "$d" help-requests show x
contains "bad number" "$work/err" "hocso: usage: hocso help-requests"
status "no verb" 2 school "$d" help-requests
status "unknown verb" 2 school "$d" help-requests delete 1
long=$(printf 'x%.0s' $(seq 1 1001))
status "note too long" 1 school "$d" help-requests mark 2 passed --note "$long"
expect "note too long" "$work/err" "hocso: the note is longer than 1000 bytes"
same "nothing changed" "$(state) $(marks)" "$before 0"

status mark 0 school "$d" help-requests mark 2 passed --note "gọi 111"
expect mark "$work/out" "request 2: passed to child protection / 111"
same "marked" "$(state) $(marks)" "1new 2passed 1"
status "list --open" 0 school "$d" help-requests list --open
same "open only" "$(wc -l <"$work/out")" 1

# Lan removed: her request and its marks go, the counts stay
status "learner remove" 0 school "$d" learner remove --class 4A Lan
same "erased with the learner" "$(state)" "2passed"
same "counts kept" "$(sqld "$d" "SELECT sum(requests) FROM help_counts")" 2

# hocso-pack check: a help page without the trusted adult, at file:line
cp -R "$top_srcdir/lessons/curriculum/help" "$work/mod"
chmod -R u+w "$work/mod"
sed -i '/^adult:/d' "$work/mod/help/vi/friend.md"
status "pack check" 1 "$pack" check "$work/mod"
cat "$work/out" "$work/err" >"$work/both"
contains "pack check" "$work/both" "$work/mod/help/vi/friend.md:"
contains "pack check" "$work/both" "no 'adult:' line"

# the server: a count that carries words refuses the whole bundle
server_start
tok=$(srv token --school A01)
status enroll 0 school "$d" enroll --server "$url" --school A01 --token "$tok"
dev=$(sqld "$d" "SELECT value FROM meta WHERE key = 'device_id'")
sqld "$d" "INSERT INTO events (uuid, ts, actor, verb, object, response)
    VALUES ('x', '2026-12-06T10:00:00.000Z', '$dev', 'counted',
    'urn:hocso-help:bullying:2026-W49', 'bị trêu 1')"
status "forged count" 1 school "$d" sync --server "$url"
contains "forged count" "$work/err" "is not a valid count of requests for help"
same "nothing stored" "$(sqls "SELECT count(*) FROM events") $(sqls \
    "SELECT count(*) FROM help_counts")" "0 0"
sync_summary
