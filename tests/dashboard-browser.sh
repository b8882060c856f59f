#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dashboard-browser.sh: the dashboard in a real browser, Debian's
# chromium headless, driven over its DevTools pipe by
# tests/browser/dashboard.py: sign in, the overview, a school with a
# real school's activity (hocso simulate, carried on a stick and
# imported), a module, the language switch, a form without its CSRF
# token refused, sign-out ending the session (the old cookie gets the
# sign-in page), a principal refused (403) on another school's and the
# province's pages, five wrong passwords locking.  Screenshots (PNG) of
# the pages go to tests/screenshots/ in the build folder.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
chromium=${CHROMIUM:-$(command -v chromium || true)}
[ -n "$chromium" ] || { echo "SKIP: chromium not installed"; exit 77; }
export PYTHONDONTWRITEBYTECODE=1	# nothing written beside the sources
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-browser-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

# Two schools; S01 with a real school's activity.
srv token --school S01 >/dev/null
srv token --school S02 >/dev/null
new_school "$work/a" S01 5 20 3
mkdir "$work/usb"
school "$work/a" sync --to "$work/usb" >/dev/null
dev=$(sqld "$work/a" "SELECT value FROM meta WHERE key = 'device_id'")
key=$(cut -d' ' -f2 "$work/a/device.pub")
sqls "INSERT INTO devices (id, school, key, enrolled)
    VALUES ('$dev', 'S01', '$key', '2026-01-01T00:00:00.000Z')"
status import 0 srv import "$work/usb"
printf 'tinh-mat-khau-1\n' | srv user add officer --role province \
    --password-stdin >/dev/null
printf 'truong-mat-khau\n' | srv user add hieutruong --role school \
    --school S01 --password-stdin >/dev/null
server_start

shots=$top_builddir/tests/screenshots
mkdir -p "$shots" "$work/profile"
status browser 0 python3 "$top_srcdir/tests/browser/dashboard.py" \
    "$chromium" "$url" "$work/profile" "$shots" S01 S02
cat "$work/out"
for f in login overview school module module-vi forbidden locked; do
	[ -s "$shots/$f.png" ] && ok || fail "no screenshot $f.png"
done
sync_summary
