#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# docs-po.sh: the Vietnamese guides and man pages are in step with the
# English, as tests/i18n.sh is for the interface: docs/po4a.cfg's PO files
# brought up to date with the English documents (in a copy: po4a as `make
# update-docs-po` runs it, with the captures' compendium) have no message
# untranslated or fuzzy.  Also: every user-facing guide and man page is
# in docs/po4a.cfg, and every PO it names exists.
set -eu
: "${top_srcdir:?run through make check}"
for t in po4a msgattrib; do
	command -v $t >/dev/null 2>&1 || { echo "SKIP: no $t"; exit 77; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-docspo-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The documents for teachers, authors and admins (docs/po4a.cfg says why
# the developers' formats are not among them), and those of them whose
# translation is not written yet: named, so that nobody takes the list
# for done, until they reach docs/po4a.cfg.
users="docs/hocso.1 docs/hocso-pack.1 docs/hocso-server.1
docs/teacher-guide.md docs/admin-guide.md docs/module-format.md
docs/quiz-format.md docs/curriculum.md docs/privacy.md docs/help.md
docs/sign-in-sheet.md"
pending=$(sed -n 's/^# pending: //p' "$top_srcdir/docs/po4a.cfg")
for d in $users; do
	if grep -q "^\[type: [a-z]*\] $d " "$top_srcdir/docs/po4a.cfg"; then
		case " $pending " in *" $d "*)
			fail "$d is translated: take it off '# pending:'" ;;
		esac
	else
		case " $pending " in
		*" $d "*) echo "NOTE: $d is not translated yet" ;;
		*) fail "$d has no Vietnamese translation in docs/po4a.cfg" ;;
		esac
	fi
done

mkdir -p "$work/docs"
cp -R "$top_srcdir/docs/." "$work/docs/"
chmod -R u+w "$work"			# distcheck's tree is read-only
rm -rf "$work/docs/vi"
cd "$work"
awk -v en=docs/captures/en -v vi=docs/captures/vi \
    -f docs/captures-po.awk $(ls docs/captures/en | sed 's/\.txt$//') \
    >captures.po
po4a --no-translations --msgmerge-opt "--compendium=$work/captures.po" \
    docs/po4a.cfg >po4a.log 2>&1 || { cat po4a.log; fail "po4a"; }
bad=0
for po in $(sed -n 's/^\[type: [a-z]*\] docs\/\([^ ]*\) .* pot=\([^ ]*\).*/\2/p' \
    docs/po4a.cfg); do
	f=docs/po/$po.vi.po
	[ -f "$f" ] || fail "$f is missing"
	left=$(msgattrib --untranslated --no-obsolete "$f" |
	    grep -c '^msgid ' || true)
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$f" |
	    grep -c '^msgid ' || true)
	# msgattrib prints the header entry too when it prints anything
	[ "$left" -le 1 ] && [ "$fuzzy" -le 1 ] && continue
	bad=1
	echo "FAIL: $f: $((left > 0 ? left - 1 : 0)) untranslated," \
	    "$((fuzzy > 0 ? fuzzy - 1 : 0)) fuzzy; run make update-docs-po and translate:"
	{ msgattrib --untranslated --no-obsolete "$f"
	  msgattrib --only-fuzzy --no-obsolete "$f"; } |
	    grep -A3 '^msgid ' | head -16
done
[ $bad = 0 ] || exit 1
echo "PASS: the Vietnamese guides and man pages are in step with the English"
