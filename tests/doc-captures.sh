#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# doc-captures.sh: the screen captures in docs/teacher-guide.md are what
# the app shows today: docs/captures.sh takes them again (tmux, 80x24,
# English and Vietnamese) and they must be the ones committed in
# docs/captures/, and the guide must hold the English ones.  When a screen
# changed on purpose: make captures, then translate what it left fuzzy.
set -eu
: "${top_srcdir:?run through make check}" "${top_builddir:?}"
[ "${HOCSO_NLS:-yes}" != no ] || { echo "SKIP: built without NLS"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-doccap-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

sh "$top_srcdir/docs/captures.sh" "$work/captures" ||
    fail "docs/captures.sh could not take the captures"
for lang in en vi; do
	diff -r -u "$top_srcdir/docs/captures/$lang" "$work/captures/$lang" \
	    >"$work/diff" || {
		head -60 "$work/diff"
		fail "the $lang captures are not what the app shows: make captures"
	}
done
awk -v dir="$top_srcdir/docs/captures/en" -f "$top_srcdir/docs/captures.awk" \
    "$top_srcdir/docs/teacher-guide.md" >"$work/guide.md" ||
    fail "docs/captures.awk"
diff -u "$top_srcdir/docs/teacher-guide.md" "$work/guide.md" ||
    fail "docs/teacher-guide.md does not hold the captures: make captures"
echo "PASS: the guide's captures are the app's screens"
