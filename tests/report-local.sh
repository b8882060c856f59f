#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report-local.sh: the province's report in its local time and as a
# Vietnamese spreadsheet reads a CSV (issue 19, defect 10), on a real
# server with a school's real activity:
#  - the last bundle's time in the server's time zone, ISO 8601 to the
#    minute with its offset (TZ=ICT-7: Vietnam, no tzdata needed);
#  - --format csv-vi: a UTF-8 BOM, ';' between fields, a decimal comma;
#  - an unknown format refused in one line.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-replocal-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT
TZ=ICT-7
export TZ

new_school "$work/a" S01 3 60 1
mkdir "$work/stick"
status token 0 srv token --school S01
status enroll 0 school "$work/a" enroll --to "$work/stick" --school S01 \
    --token "$(cat "$work/out")"
status pack 0 school "$work/a" sync --to "$work/stick"
status import 0 srv import "$work/stick"
utc=$(sqls "SELECT max(received) FROM bundles")
lt=$(sqls "SELECT strftime('%Y-%m-%dT%H:%M', '$utc', '+7 hours')")+07:00
status report 0 srv report
contains report "$work/out" "last bundle $lt"
grep -q "Z$" "$work/out" && fail "a UTC time left in the report" || ok
status csv-vi 0 srv report --format csv-vi
same bom "$(head -c 3 "$work/out" | od -An -tx1 | tr -d ' ')" efbbbf
grep -q "^.*;5A;" "$work/out" && ok || fail "csv-vi: no ';' row for 5A"
grep -qE ';[0-9]+,[0-9]' "$work/out" && ok ||
    fail "csv-vi: no decimal comma: $(cat "$work/out")"
contains csv-vi-time "$work/out" ";$lt;"
status csv 0 srv report --format csv
contains csv-time "$work/out" ",$lt,"
status bad-format 2 srv report --format xlsx
contains bad-format "$work/err" "report: format 'xlsx' is not text, csv, csv-vi or help-csv"

printf 'report-local.sh: '
sync_summary
