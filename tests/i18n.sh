#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# i18n.sh: every string the programs show is translated in i18n/vi.po
# (no string left untranslated or fuzzy), and every file with strings is
# listed in i18n/POTFILES.in.
set -eu
: "${top_srcdir:?run through make check}"
for t in xgettext msgmerge msgattrib; do
	command -v $t >/dev/null 2>&1 || exit 77
done
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-i18n-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$top_srcdir"
fail() { echo "FAIL: $*"; exit 1; }

listed=$(grep -v '^#' i18n/POTFILES.in | sort)
marked=$(grep -l '\b_("\|\bP_("\|\bN_("' core/*.c quiz/*.c lessons/*.c \
    learn/*.c learn/*/*.c sync/*.c server/*.c 2>/dev/null | sort)
missing=$(printf '%s\n' "$marked" | while read -r f; do
	printf '%s\n' "$listed" | grep -qx "$f" || echo "$f"
done)
[ -z "$missing" ] || fail "not in i18n/POTFILES.in: $missing"

printf '%s\n' "$listed" >"$work/files"
xgettext --from-code=UTF-8 -k_ -kN_ -kP_:1,2 -o "$work/hocso.pot" \
    -f "$work/files"
cp i18n/vi.po "$work/vi.po"
msgmerge -q --no-fuzzy-matching -U "$work/vi.po" "$work/hocso.pot"
left=$(msgattrib --untranslated --no-obsolete "$work/vi.po" |
    grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/vi.po" |
    grep -c '^msgid ' || true)
# msgattrib prints the header entry as well when anything is printed
[ "$left" -le 1 ] || fail "$((left - 1)) strings not translated in vi.po:
$(msgattrib --untranslated --no-obsolete "$work/vi.po" | grep -A1 '^msgid ' | head -40)"
[ "$fuzzy" -le 1 ] || fail "$((fuzzy - 1)) fuzzy translations in vi.po"
echo "PASS: every string is translated in vi.po"
