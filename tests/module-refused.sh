#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# module-refused.sh: a module from a publisher a school does not trust is
# refused once, and then remembered (issue 19, defect 9, second half):
# the next syncs neither download it again nor fail on it, until the
# school trusts the publisher or the server offers another version.  A
# real server on loopback; its log counts the downloads.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-modref-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

# module VERSION: the basics module as VERSION, signed by the other key.
module() {
	rm -rf "$work/m"
	cp -R "$top_srcdir/lessons/curriculum/basics" "$work/m"
	chmod -R u+w "$work/m"
	sed -i "s/^version = .*/version = $1/" "$work/m/module.ini"
	"$pack" build "$work/m" -o "$work/m-$1.hsm" \
	    --key "$work/other.key" >/dev/null
}
downloads() { grep -c "GET /v1/modules/" "$work/server.log" || true; }

"$pack" keygen -o "$work/other" --name "Other publisher" >/dev/null
server_start
new_school "$work/a" A01 2 5 1
status enrol 0 school "$work/a" enroll --server "$url" --school A01 \
    --token "$(srv token --school A01)"
module 2.0.0
status publish 0 srv publish "$work/m-2.0.0.hsm"
status first 1 school "$work/a" sync
contains first "$work/err" "module vn.hocso.basics 2.0.0 was not installed"
same first-downloads "$(downloads)" 1
status second 0 school "$work/a" sync
contains second "$work/out" "module vn.hocso.basics 2.0.0 is not installed: it was refused before"
same second-downloads "$(downloads)" 1
status third 0 school "$work/a" sync
same third-downloads "$(downloads)" 1
# Another version: tried again (and refused again).
module 2.1.0
status publish-2 0 srv publish "$work/m-2.1.0.hsm"
status newer 1 school "$work/a" sync
same newer-downloads "$(downloads)" 2
# The school trusts the publisher now: tried again, installed.
status trust 0 school "$work/a" trust add "$work/other.pub"
status trusted 0 school "$work/a" sync
contains trusted "$work/out" "installed vn.hocso.basics 2.1.0"
same trusted-downloads "$(downloads)" 3

printf 'module-refused.sh: '
sync_summary
