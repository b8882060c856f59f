#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# privacy.sh: children's data on the province server (issue 19):
# hocso-server report --by commune adds up to the province report;
# school merge moves the counts of help and the rollups (the report
# equals rebuild-rollups'); purge of a learner and of a school erases
# their events, classes, counts of help and kept-aside bundles, refuses
# without --yes and changes nothing on bad input, and the report stays
# equal to rebuild-rollups'; a purged learner's device is still taken
# (its later bundles, and its erased events sent again); retention DAYS
# is applied by purge --expired and by serve, with the sign-in audit.
#
# Three schools enrol and sync by USB stick (hocso's own code paths).
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-privacy-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT
export HOCSO_TEST_NOW=2026-12-06T10:00:00Z
export LANGUAGE=en
HOCSO_BUNDLE_EVENTS=40
export HOCSO_BUNDLE_EVENTS
server_init

dump() { sqls .dump | md5sum; }
# Every rollup table's rows, in key order.
rollups() {
	for t in rollup_school rollup_learner rollup_done rollup_class \
	    rollup_learner_week rollup_week rollup_seen rollup_question \
	    rollup_wrong; do
		echo "== $t"
		sqls "SELECT * FROM $t" | LC_ALL=C sort
	done
}
# agrees NAME: the rollups and the report as kept equal those that
# rebuild-rollups counts from the events.
agrees() {
	rollups >"$work/kept"
	srv report --format csv >"$work/report-kept"
	srv rebuild-rollups >/dev/null
	rollups >"$work/rebuilt"
	srv report --format csv >"$work/report-rebuilt"
	cmp -s "$work/kept" "$work/rebuilt" && ok ||
	    fail "$1: the rollups differ from rebuild-rollups'"
	cmp -s "$work/report-kept" "$work/report-rebuilt" && ok ||
	    fail "$1: the report differs from rebuild-rollups'"
}
ev() { sqls "SELECT count(*) FROM events WHERE $1"; }
stick=$work/stick
mkdir -p "$stick"
trip() {	# trip DIR...: each school to the stick, the import, back
	for d in "$@"; do school "$d" sync --to "$stick" >/dev/null; done
	status "import-$trips" 0 srv import "$stick"
	contains "import-$trips" "$work/out" " 0 refused"
	for d in "$@"; do school "$d" sync --from "$stick" >/dev/null; done
	rm -f "$stick/"*
	trips=$((trips + 1))
}
trips=1

new_school "$work/a" S01 3 20 11
new_school "$work/b" S02 2 20 12
new_school "$work/c" S03 2 15 13
# Counts of requests for help as the app keeps them (learn/model/
# helpreq.c): they leave the school as counts only.
for d in b c; do
	sqld "$work/$d" "INSERT INTO help_counts (week, situation, requests)
	    VALUES ('2026-W49', 'bullying', 2), ('2026-W48', 'stranger', 1)"
done
for s in a:S01 b:S02 c:S03; do
	school "$work/${s%%:*}" enroll --to "$stick" --school "${s#*:}" \
	    --token "$(srv token --school "${s#*:}")" >/dev/null
done
trip "$work/a" "$work/b" "$work/c"
same help-in "$(sqls "SELECT count(*) FROM help_counts")" 4

# --- The report by commune.
srv school rename S01 --commune "Xã Tả Van" >/dev/null
srv school rename S02 --commune "Xã Tả Van" >/dev/null
srv school rename S03 --commune "Phường Sa Pa" >/dev/null
status commune-text 0 srv report --by commune
contains commune-text "$work/out" "Xã Tả Van"
contains commune-text "$work/out" "Phường Sa Pa"
status commune-csv 0 srv report --by commune --format csv
cp "$work/out" "$work/communes.csv"
status province-csv 0 srv report --format csv
cp "$work/out" "$work/province.csv"
# Per module: learners, lessons, passed summed over the communes and
# over the province's rows; events over the communes and the schools.
sums() {	# sums FILE MODULE-COLUMN FIRST-FIGURE-COLUMN
	tail -n +2 "$1" | tr -d '\r' | awk -F, -v m="$2" -v f="$3" \
	    '$m != "" { a[$m] += $f; b[$m] += $(f + 1); c[$m] += $(f + 2) }
	    END { for (k in a) print k, a[k], b[k], c[k] }' | LC_ALL=C sort
}
same commune-sums "$(sums "$work/communes.csv" 5 6)" \
    "$(sums "$work/province.csv" 6 7)"
[ -n "$(sums "$work/communes.csv" 5 6)" ] && ok || fail "no module rows"
same commune-events "$(tail -n +2 "$work/communes.csv" | tr -d '\r' |
    awk -F, '!s[$1]++ { n += $4 } END { print n }')" "$(ev 1)"
same commune-schools "$(tail -n +2 "$work/communes.csv" | tr -d '\r' |
    awk -F, '!s[$1]++ { n += $2 } END { print n }')" 3
status commune-one 0 srv report --by commune --commune "Phường Sa Pa" \
    --format csv
same commune-one "$(tail -n +2 "$work/out" | cut -d, -f1 | sort -u)" \
    "Phường Sa Pa"
status commune-none 1 srv report --by commune --commune "Xã Không Có"
expect commune-none "$work/err" "hocso-server: no school in commune 'Xã Không Có' (see hocso-server school list)"
status commune-by 2 srv report --by district
contains commune-by "$work/err" "only commune"
status commune-school 2 srv report --by commune --school S01
status commune-format 2 srv report --by commune --format csv-vi

# --- School merge: S03 into S01; the counts of help go with it and the
# rollups are those rebuild-rollups counts.
c_events=$(ev "school = 'S03'")
a_events=$(ev "school = 'S01'")
status merge 0 srv school merge S03 S01
same merged-events "$(ev "school = 'S01'")" $((a_events + c_events))
same merged-help "$(sqls "SELECT count(*) FROM help_counts
    WHERE school = 'S03'")" 0
same merged-help-into "$(sqls "SELECT count(*) FROM help_counts
    WHERE school = 'S01'")" 2
same merged-rollup "$(sqls "SELECT count(*) FROM rollup_class
    WHERE school = 'S03'")" 0
agrees merge

# --- Purge: bad input changes nothing.
# A learner of school a's with events (S01 also holds the learners of
# S03, merged into it above, who are not on a's roster).
kid=
for u in $("$SQLITE3_BIN" "$work/a/hocso.db" \
    "SELECT uuid FROM learners ORDER BY id"); do
	[ "$(ev "actor = '$u'")" = 0 ] || { kid=$u; break; }
done
[ -n "$kid" ] || fail "no learner of school a has events"
kid_events=$(ev "actor = '$kid'")
# The school's teacher finds that id by the child's name.
status learner-ids 0 school "$work/a" learner list --class 5A --ids
contains learner-ids "$work/out" "$kid"
grep -q "^class  *name  *PIN  *language  *id$" "$work/out" && ok ||
    fail "learner list --ids: no id column"
status learner-noids 0 school "$work/a" learner list --class 5A
grep -q -F "$kid" "$work/out" && fail "an id without --ids" || ok
status learner-ids-add 2 school "$work/a" learner add --ids --class 5A X
[ "$kid_events" -gt 0 ] && ok || fail "no learner to purge"
before=$(dump)
status purge-nothing 2 srv purge
status purge-both 2 srv purge --school S01 --dry-run --yes
status purge-expired-with 2 srv purge --expired --school S01
status purge-operand 2 srv purge --school S01 extra
status purge-unknown 1 srv purge --school S09 --yes
expect purge-unknown "$work/err" "hocso-server: no school S09 in the registry (see hocso-server school list)"
status purge-bad-school 1 srv purge --school "S 01" --yes
expect purge-bad-school "$work/err" "hocso-server: 'S 01' is not a school code"
status purge-bad-learner 1 srv purge --learner 12345 --yes
expect purge-bad-learner "$work/err" "hocso-server: '12345' is not a learner id (the UUID the reports show)"
status purge-bad-date 1 srv purge --school S01 --before 2026-02-30x --yes
expect purge-bad-date "$work/err" "hocso-server: --before: '2026-02-30x' is not a date (YYYY-MM-DD)"
status purge-no-retention 1 srv purge --expired --yes
expect purge-no-retention "$work/err" "hocso-server: no retention is set: set one with hocso-server retention DAYS"
# Without --yes: what would go, and nothing goes.
status purge-ask 1 srv purge --learner "$kid"
expect purge-ask "$work/out" "This would be erased:"
contains purge-ask "$work/out" "  $kid_events events of 1 learner "
expect purge-ask "$work/err" "hocso-server: nothing was erased: run it again with --yes to erase this for good"
status purge-dry 0 srv purge --learner "$kid" --dry-run
expect purge-dry "$work/out" "Nothing was erased (--dry-run)."
same purge-unchanged "$(dump)" "$before"

# --- A learner's data.
status purge-learner 0 srv purge --learner "$kid" --yes
expect purge-learner "$work/out" "Erased:"
contains purge-learner "$work/out" "  $kid_events events of 1 learner "
expect purge-learner "$work/out" "  1 learner's class"
same learner-gone "$(ev "actor = '$kid'")" 0
same learner-class "$(sqls "SELECT count(*) FROM learner_class
    WHERE learner = '$kid'")" 0
same learner-rollup "$(sqls "SELECT count(*) FROM rollup_learner
    WHERE learner = '$kid'")" 0
expect purge-learner "$work/out" "Run hocso-server compact when the server is quiet: until then the erased bytes may stay in the store's free space."
# After compact, the id is in no page of the store nor of its
# write-ahead log (a purge overwrites what it erases, but an older
# copy may lie in a page's free space until then).
status compact 0 srv compact
contains compact "$work/out" "The store was rewritten with only what it holds: "
status compact-usage 2 srv compact now
cat "$work/srv/server.db" "$work/srv/server.db-wal" 2>/dev/null |
    grep -c -a -F "$kid" >"$work/found" || true
same learner-bytes "$(cat "$work/found")" 0
agrees purge-learner
# The school goes on: new work is taken (acknowledgements stayed) ...
school "$work/a" simulate --learners 3 --minutes 10 --seed 21 \
    --class 5A >/dev/null
a_before=$(ev "school = 'S01'")
trip "$work/a"
[ "$(ev "school = 'S01'")" -gt "$a_before" ] && ok ||
    fail "the purged learner's school's new bundle was not stored"
# ... and a device restored from an old backup of its own sends every
# event again, the erased ones with them: taken, not stored again, not
# kept aside.
sqld "$work/a" "UPDATE meta SET value = '0' WHERE key IN
    ('sync.acked_seq', 'sync.bundled_seq')"
rm -f "$work/a/outbox/"*.hsb
all_before=$(ev 1)
trip "$work/a"
contains resent "$work/out" " 0 refused"
same resent-events "$(ev 1)" "$all_before"
same resent-learner "$(ev "actor = '$kid'")" 0
same resent-kept "$(sqls "SELECT count(*) FROM kept_aside")" 0
agrees resent

# --- A school's data, and a bundle kept aside of one of its devices
# (as server.c keeps one after a conflict).
dev_b=$(sqls "SELECT id FROM devices WHERE school = 'S02'")
sqls "INSERT INTO kept_aside (sha256, device, reason, received, data)
    VALUES ('$(printf 'x%.0s' $(seq 64) | tr x a)', '$dev_b', 'test',
    '2026-12-06T10:00:00.000Z', x'00')"
b_events=$(ev "school = 'S02'")
status purge-school 0 srv purge --school s02 --yes
contains purge-school "$work/out" "  $b_events events of 2 learners "
expect purge-school "$work/out" "  2 counts of requests for help"
expect purge-school "$work/out" "  1 bundle kept aside"
same school-gone "$(ev "school = 'S02'")" 0
same school-help "$(sqls "SELECT count(*) FROM help_counts
    WHERE school = 'S02'")" 0
same school-kept "$(sqls "SELECT count(*) FROM kept_aside")" 0
same school-classes "$(sqls "SELECT count(*) FROM learner_class
    WHERE school = 'S02'")" 0
same school-others "$(ev "school = 'S01'")" "$(ev 1)"
agrees purge-school

# --- The retention, by purge --expired and by serve; the sign-in
# audit rows go with it.
status retention-bad 2 srv retention 0
status retention-word 2 srv retention forever
status retention-none 0 srv retention
expect retention-none "$work/out" "No retention is set: children's data is kept until it is purged."
status retention-set 0 srv retention 30
expect retention-set "$work/out" "Children's data is kept 30 days after it reaches the server; hocso-server serve erases what is older once a day."
status retention-read 0 srv retention
expect retention-read "$work/out" "Children's data is kept 30 days after it reaches the server; hocso-server serve erases what is older once a day."
sqls "INSERT INTO signin_audit (at, name, address, event) VALUES
    ('2026-10-01T08:00:00.000Z', 'lan', '10.0.0.1', 'signed in'),
    ('2027-01-20T08:00:00.000Z', 'lan', '10.0.0.1', 'signed in')"
status expired-none 0 srv purge --expired --dry-run
contains expired-none "$work/out" "  0 events of 0 learners "
expect expired-none "$work/out" "  1 sign-in audit row"
n=$(ev 1)
status expired-ask 0 env HOCSO_TEST_NOW=2027-02-01T00:00:00Z \
    "$server" --data "$work/srv" purge --expired --dry-run
contains expired-ask "$work/out" "  $n events of "
same expired-unchanged "$(ev 1)" "$n"
status expired 0 env HOCSO_TEST_NOW=2027-02-01T00:00:00Z \
    "$server" --data "$work/srv" purge --expired --yes
contains expired "$work/out" "  $n events of "
expect expired "$work/out" "  1 sign-in audit row"
same expired-gone "$(ev 1)" 0
same expired-help "$(sqls "SELECT count(*) FROM help_counts")" 0
same audit-left "$(sqls "SELECT at FROM signin_audit")" \
    "2027-01-20T08:00:00.000Z"
agrees expired
# serve: new events come (now), and a serve started 31 days on erases
# them by itself.
school "$work/a" simulate --learners 2 --minutes 5 --seed 31 \
    --class 5A >/dev/null
trip "$work/a"
[ "$(ev 1)" -gt 0 ] && ok || fail "nothing new stored"
HOCSO_TEST_NOW=2027-03-10T00:00:00Z
server_start
i=0
while ! grep -q "retention applied" "$work/server.log" && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
server_stop
contains serve-retention "$work/server.log" "hocso-server: retention applied: erased "
same serve-gone "$(ev 1)" 0
same audit-serve "$(sqls "SELECT count(*) FROM signin_audit")" 0
agrees serve

printf 'privacy.sh: '
sync_summary
