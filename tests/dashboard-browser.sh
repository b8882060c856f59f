#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dashboard-browser.sh: the dashboard in a real browser, Debian's
# chromium headless, driven over its DevTools pipe by
# tests/browser/dashboard.py: sign in, the overview, a school with a
# real school's activity (hocso simulate in three schools, carried on a
# stick and imported), a module with its wrong answers in words (the
# curriculum published), the language switch, a form without its CSRF
# token refused, sign-out ending the session (the old cookie gets the
# sign-in page), a principal refused (403) on another school's and the
# province's pages, five wrong passwords locking.  Screenshots (PNG) of
# the pages go to tests/screenshots/ in the build folder (the whole
# page's length), and to $HOCSO_CAPTURES when set.
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

# Three schools of a province, each with a real school's activity
# (hocso simulate: several modules, right and wrong answers) over the
# weeks of the term (the device's clock set back), one device each; the
# curriculum's packages published, so that a module's wrong answers are
# said in words.
mkdir "$work/usb"
for s in "S01 5 10 3 Trường TH Bản Vền" "S02 4 7 5 Trường TH Nậm Cang" \
    "S03 6 13 7 Trường TH Tả Van"; do
	set -- $s
	code=$1 n=$2 pace=$3 seed=$4
	shift 4
	srv school add "$code" --name "$*" --province "Lào Cai" >/dev/null
	srv token --school "$code" >/dev/null
	# A session starts again at the first module, so each is longer
	# than the last: pace tenths of 30, 50, 70, 90 and 110 minutes.
	HOCSO_TEST_NOW=2026-09-08T08:00:00Z
	export HOCSO_TEST_NOW
	new_school "$work/$code" "$code" "$n" $((30 * pace / 10)) "$seed"
	for r in 2026-09-29:50 2026-10-20:70 2026-11-17:90 now:110; do
		if [ "${r%%:*}" = now ]; then
			unset HOCSO_TEST_NOW
		else
			HOCSO_TEST_NOW=${r%%:*}T08:00:00Z
		fi
		school "$work/$code" simulate --learners "$n" \
		    --minutes $((${r#*:} * pace / 10)) --seed "$seed" \
		    --class 5A >/dev/null
	done
	school "$work/$code" sync --to "$work/usb" >/dev/null
	dev=$(sqld "$work/$code" "SELECT value FROM meta WHERE key = 'device_id'")
	key=$(cut -d' ' -f2 "$work/$code/device.pub")
	sqls "INSERT INTO devices (id, school, key, enrolled)
	    VALUES ('$dev', '$code', '$key', '2026-01-01T00:00:00.000Z')"
done
status import 0 srv import "$work/usb"
for m in "$top_srcdir/lessons/curriculum/"*/; do
	"$pack" build "$m" -o "$work/m.hsm" \
	    --key "$top_srcdir/lessons/demo-key/hocso-demo.key" >/dev/null
	srv publish "$work/m.hsm" >/dev/null || fail "publish $m"
done
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
# For the notes: HOCSO_CAPTURES=DIR gets the overview, a school and a
# module as dashboard-*.png.
if [ -n "${HOCSO_CAPTURES:-}" ]; then
	mkdir -p "$HOCSO_CAPTURES"
	for f in overview school module; do
		cp "$shots/$f.png" "$HOCSO_CAPTURES/dashboard-$f.png"
	done
fi
sync_summary
