#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# school-registry.sh: one school-code rule on both sides, case-insensitive,
# and the province's school registry (issue 19, defect 7), on a real
# server with schools syncing over HTTP:
#  - codes the device refuses ("LC 003", 64 characters) are refused by
#    the server too, in one line, nothing stored;
#  - lc-001 and LC-001 are one school: the token of one enrols a device
#    that calls itself the other;
#  - school add | rename | list | remove | merge, each bad input refused
#    in one line with the store unchanged.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-schools-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

dump() { sqls ".dump" | md5sum; }
long=$(printf '%064d' 0)

# One rule: what the device refuses, the server refuses.
status device-space 1 school "$work/x" school --code "LC 003"
refused token-space 2 "'LC 003' is not a school code" srv token --school "LC 003"
refused token-long 2 "is not a school code" srv token --school "$long"
# Case-insensitive: one school, kept in upper case.
status token-lower 0 srv token --school lc-001
tok=$(cat "$work/out")
status token-upper 0 srv token --school LC-001
same one-school "$(sqls "SELECT group_concat(code) FROM schools")" LC-001
server_start
new_school "$work/a" lc-001 2 5 1
status enrol-lower 0 school "$work/a" enroll --server "$url" --school lc-001 \
    --token "$tok"
status sync-a 0 school "$work/a" sync
same device-school "$(sqls "SELECT school FROM devices")" LC-001
status device-list 0 srv device list --school lc-001
same device-list-lines "$(wc -l <"$work/out")" 2
refused device-list-bad 2 "is not a school code" srv device list --school "a b"

# The registry.
status add 0 srv school add LC-002 --name "Trường TH Bản Vền" \
    --commune "Xã Bản Vền" --province "Lào Cai"
status list 0 srv school list
expect list "$work/out" "LC-002  Trường TH Bản Vền  Xã Bản Vền  Lào Cai  0  0"
contains list "$work/out" "LC-001  -  -  -  1  "
refused add-again 1 "school LC-002 is in the registry already" \
    srv school add lc-002 --name Other
refused add-no-name 2 "--name NAME is needed" srv school add LC-003
refused add-bad-code 1 "'LC 3' is not a school code" srv school add "LC 3" --name X
refused add-bad-name 1 "the name must be text" srv school add LC-004 \
    --name "$(printf 'a\tb')"
status rename 0 srv school rename lc-002 --commune "Xã Mới"
status list2 0 srv school list
expect list2 "$work/out" "LC-002  Trường TH Bản Vền  Xã Mới  Lào Cai  0  0"
refused rename-unknown 1 "no school LC-009 in the registry" \
    srv school rename LC-009 --name X
refused rename-nothing 2 "--name, --commune or --province is needed" \
    srv school rename LC-002
refused remove-used 1 "school LC-001 has devices or events" \
    srv school remove LC-001
refused remove-unknown 1 "no school LC-009" srv school remove LC-009
refused merge-unknown 1 "no school LC-009" srv school merge LC-009 LC-001
refused merge-self 1 "cannot be merged into itself" srv school merge LC-001 LC-001
refused school-what 2 "unknown subcommand 'frob'" srv school frob
events=$(sqls "SELECT count(*) FROM events")
status merge 0 srv school merge LC-001 LC-002
same merged-devices "$(sqls "SELECT school FROM devices")" LC-002
same merged-events "$(sqls "SELECT count(*) FROM events WHERE school = 'LC-002'")" "$events"
same merged-gone "$(sqls "SELECT count(*) FROM schools WHERE code = 'LC-001'")" 0
status token-3 0 srv token --school LC-003
status remove 0 srv school remove lc-003
same removed "$(sqls "SELECT count(*) FROM schools WHERE code = 'LC-003'")/$(sqls "SELECT count(*) FROM tokens WHERE school = 'LC-003'")" 0/0

printf 'school-registry.sh: '
sync_summary
