#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# token-admin.sh: the admin's tokens (issue 19, "what a province admin
# expects"): list pending and used, cancel, make in bulk from a CSV of
# schools for a mail merge; each bad input refused in one line with the
# store unchanged.  A cancelled token no longer enrols.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-tokens-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

dump() { sqls "SELECT * FROM tokens" | md5sum; }

# Bulk, from a CSV with a header, ';' or ',' and a count.
printf '\357\273\277school;devices\r\nLC-001;2\r\nlc-002\r\n"LC-003",1\r\n' \
    >"$work/schools.csv"
status bulk 0 srv token bulk --days 10 "$work/schools.csv"
same bulk-lines "$(wc -l <"$work/out")" 5
expect bulk "$work/out" "$(printf 'school,token,expires\r')"
same bulk-lc001 "$(grep -c '^LC-001,' "$work/out")" 2
same bulk-lc002 "$(grep -c '^LC-002,' "$work/out")" 1
same stored "$(sqls "SELECT count(*) FROM tokens")" 4
printf 'LC-004\nLC 005\n' >"$work/bad.csv"
refused bulk-bad 1 "$work/bad.csv:2: 'LC 005' is not a school code: nothing was made" \
    srv token bulk "$work/bad.csv"
printf 'LC-004;1\nLC-005;0\n' >"$work/badn.csv"
refused bulk-count 1 "the number of tokens must be 1 to 100" \
    srv token bulk "$work/badn.csv"
refused bulk-missing 1 "$work/none.csv" srv token bulk "$work/none.csv"

# The list, and a cancel.
status list 0 srv token list --school LC-001
same list-lines "$(wc -l <"$work/out")" 3
same list-pending "$(grep -c '  pending  -$' "$work/out")" 2
id=$(sed -n 2p "$work/out" | cut -d' ' -f1)
status cancel 0 srv token cancel "$id"
status list2 0 srv token list --school LC-001
same list-cancelled "$(grep -c '  cancelled  -$' "$work/out")" 1
refused cancel-unknown 1 "no token 0000000000" srv token cancel 0000000000
refused cancel-bad 2 "is not a token id" srv token cancel x
# A cancelled token enrols nothing.
status one 0 srv token --school LC-009
tok=$(cat "$work/out")
id=$(srv token list --school LC-009 | sed -n 2p | cut -d' ' -f1)
status cancel-9 0 srv token cancel "$id"
new_school "$work/a" LC-009 1 2 1
mkdir "$work/stick"
status enroll-to 0 school "$work/a" enroll --to "$work/stick" --school LC-009 \
    --token "$tok"
status import 1 srv import "$work/stick"
contains import "$work/err" "expired"

printf 'token-admin.sh: '
sync_summary
