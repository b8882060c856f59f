#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usb-refused.sh: a USB enrolment the district office refuses comes back
# on the stick with its school and reason (issue 19, defect 9), so the
# school learns it at once instead of after a wasted trip:
#  - hocso-server import writes hocso-DEVICE.refused beside the request;
#  - hocso sync --from says the school and why, exits 1, enrols nothing;
#  - a new request (hocso enroll --to) removes the old refusal, and once
#    imported the device is enrolled and the refusal is gone.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-usbref-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

new_school "$work/a" S01 2 5 1
stick=$work/stick
mkdir "$stick"
dev() { sqld "$work/a" "SELECT value FROM meta WHERE key = 'device_id'"; }
# A token of another school: refused at the office.
status token-other 0 srv token --school S02
status enroll-to 0 school "$work/a" enroll --to "$stick" --school S01 \
    --token "$(cat "$work/out")"
status import 1 srv import "$stick"
contains import "$work/err" "this enrolment token is for another school"
refusal=$stick/hocso-$(dev).refused
[ -s "$refusal" ] && ok || fail "no $refusal on the stick"
contains refusal "$refusal" '"school":"S01"'
contains refusal "$refusal" 'this enrolment token is for another school'
status from 1 school "$work/a" sync --from "$stick"
same from-lines "$(wc -l <"$work/err")" 1
contains from "$work/err" "the district office refused this device's enrolment in school S01: this enrolment token is for another school"
[ ! -e "$work/a/server.pub" ] && ok || fail "enrolled by a refusal"

# A new request with a right token: the old refusal goes.
status token 0 srv token --school S01
status enroll-again 0 school "$work/a" enroll --to "$stick" --school S01 \
    --token "$(cat "$work/out")"
[ ! -e "$refusal" ] && ok || fail "the old refusal is still on the stick"
status import-again 0 srv import "$stick"
[ ! -e "$refusal" ] && ok || fail "a refusal left beside an answer"
status from-again 0 school "$work/a" sync --from "$stick"
contains from-again "$work/out" "enrolled in school S01 (by USB stick)"

printf 'usb-refused.sh: '
sync_summary
