#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# glossary.sh: glossary marks and files through hocso-pack (issue #18):
# check passes the fixture module (tests/fixtures/glossary) without a
# word; each mistake is one line at its file:line, exit 1, the folder
# untouched, and build refuses it; an entry no lesson marks is a
# warning; the glossary is packed, installed, and a package without one
# still installs; stats gives the figures per lesson, in a table and as
# TSV, for a folder and for a package.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
pack=$top_builddir/lessons/hocso-pack
hocso=$top_builddir/learn/hocso
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-glossary-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
export TMPDIR="$work/tmp"
mkdir "$TMPDIR"
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
fixture=$top_srcdir/tests/fixtures/glossary
tree() { (cd m && find . -type f | sort | xargs sha256sum); }

"$pack" check "$fixture" >out 2>err || fail "the fixture: $(cat out err)"
[ ! -s out ] && [ ! -s err ] || fail "the fixture is not clean: $(cat out err)"

# bad FILE SED-SCRIPT LINE: the mistake sed makes in FILE is reported as
# LINE, alone, with exit 1, and nothing in the folder changes
bad() {
	rm -rf m && cp -R "$fixture" m && chmod -R u+w m
	sed -i "$2" "m/$1"
	before=$(tree)
	set +e
	"$pack" check m >out 2>err; rc=$?
	set -e
	[ $rc = 1 ] || fail "$1 ($2): exit $rc: $(cat out)"
	grep -v '(warning)$' out >errors || true
	[ "$(cat errors)" = "$3" ] || fail "$1 ($2): $(cat out)"
	[ "$(wc -l <err)" = 1 ] && grep -qx "hocso-pack: 1 problem" err ||
	    fail "$1: no count: $(cat err)"
	[ "$(tree)" = "$before" ] || fail "$1: check changed the folder"
	set +e
	"$pack" build m -o m.hsm --unsigned >/dev/null 2>err; rc=$?
	set -e
	[ $rc != 0 ] && [ ! -e m.hsm ] || fail "$1: built with a mistake"
}
bad lessons/vi/01-mat-khau.md 's/\[\[tài khoản\]\]/[[tai khoan]]/' \
    "m/lessons/vi/01-mat-khau.md:3: glossary term 'tai khoan' is not in glossary/vi.md"
bad lessons/en/01-mat-khau.md 's/|OTP\]\]/|otp code]]/' \
    "m/lessons/en/01-mat-khau.md:16: glossary term 'otp code' is not in glossary/en.md"
bad lessons/vi/02-link.md 's/\[\[đường link\]\] lạ/[[đường link lạ/' \
    "m/lessons/vi/02-link.md:3: a glossary mark opened with '[[' is not closed with ']]'"
# In a list item too (the list's walk once dropped what its items found).
bad lessons/vi/02-link.md '$a \\n- Một mục có [[đường link\n- Mục hai' \
    "m/lessons/vi/02-link.md:6: a glossary mark opened with '[[' is not closed with ']]'"
bad lessons/vi/02-link.md 's/Hãy hỏi/Hãy ]] hỏi/' \
    "m/lessons/vi/02-link.md:4: ']]' closes no glossary mark: a mark is written [[term]]"
bad lessons/vi/02-link.md 's/\[\[đường link\]\]/[[ ]]/' \
    "m/lessons/vi/02-link.md:3: an empty glossary mark: write [[term]] or [[words shown|term]]"
bad lessons/vi/01-mat-khau.md 's/| \* \* \* \* \* |/| [[OTP]] * * |/' \
    "m/lessons/vi/01-mat-khau.md:8: a glossary mark cannot be inside an art, code or practice block"
bad lessons/en/01-mat-khau.md 's/Who may know your OTP code?/Who may know your [[OTP]]?/' \
    "m/lessons/en/01-mat-khau.md:24: a glossary mark cannot be inside an art, code or practice block"
bad glossary/vi.md '$a \\n## Mật Khẩu\nLần nữa, viết hoa.' \
    "m/glossary/vi.md:25: the glossary has 'Mật Khẩu' at line 3 already: each term once"
bad glossary/en.md '/^Your place on a website/d' \
    "m/glossary/en.md:10: the glossary term 'account' has no text: explain it in a sentence or two"
bad glossary/en.md "s/^Your place on a website.*/$(printf 'word %.0s' $(seq 41))/" \
    "m/glossary/en.md:10: the glossary term 'account' is explained in 41 words: at most 40"
bad glossary/vi.md 's/(khóa)$/🔒/' \
    "m/glossary/vi.md:7: the picture of 'mật khẩu' has U+1F512, which a terminal may not show: draw with ASCII and box drawing"
bad glossary/en.md 's/| 482913 |/|\t482913 |/' \
    "m/glossary/en.md:18: the picture of 'OTP' has U+0009, which a terminal may not show: draw with ASCII and box drawing"
bad glossary/vi.md '1i Chữ trước mục đầu tiên.\n' \
    "m/glossary/vi.md:1: text before the first entry: each entry starts with '## term'"

# a file in glossary/ that is not a language of module.ini
rm -rf m && cp -R "$fixture" m && chmod -R u+w m
cp m/glossary/en.md m/glossary/fr.md
set +e
"$pack" check m >out 2>/dev/null; rc=$?
set -e
[ $rc = 1 ] && [ "$(cat out)" = "m/glossary/fr.md: not a glossary: glossary/ holds one <lang>.md per language of module.ini" ] ||
    fail "glossary/fr.md: $rc $(cat out)"

# a language without a glossary reads the first language's, as with
# lessons: a warning, and its marks must name that glossary's terms
rm -rf m && cp -R "$fixture" m && chmod -R u+w m && rm m/glossary/en.md
set +e
"$pack" check m >out 2>err; rc=$?
set -e
[ $rc = 1 ] && grep -qx "m/lessons/en/02-link.md:3: glossary term 'link' is not in glossary/vi.md" out &&
    grep -qx "m/glossary/en.md: missing: learners in en will read the glossary in vi (warning)" out &&
    [ "$(grep -c "(warning)" out)" = 1 ] || fail "no glossary in en: $rc $(cat out)"

# an entry that no lesson marks: a warning, which does not stop a build
rm -rf m && cp -R "$fixture" m && chmod -R u+w m
printf '\n## mạng xã hội\nTrang web để kết bạn và chia sẻ ảnh.\n' >>m/glossary/vi.md
"$pack" check m >out || fail "a warning failed check: $(cat out)"
[ "$(cat out)" = "m/glossary/vi.md:25: no lesson in vi marks the glossary term 'mạng xã hội' (warning)" ] ||
    fail "unused entry: $(cat out)"

# packed and installed; a package without a glossary installs as well
"$pack" build "$fixture" -o g.hsm --unsigned >/dev/null
tar -tzf g.hsm | grep -qx "glossary/vi.md" && tar -tzf g.hsm | grep -qx "glossary/en.md" ||
    fail "the glossary is not packed: $(tar -tzf g.hsm)"
tar -xzOf g.hsm MANIFEST.json | grep -q '"glossary/en.md"' ||
    fail "the glossary is not in the manifest"
"$hocso" -d data install --allow-unsigned g.hsm >/dev/null
cmp -s data/modules/vn.test.glossary/glossary/vi.md "$fixture/glossary/vi.md" ||
    fail "the glossary is not installed: $(ls -R data/modules)"
rm -rf m && cp -R "$fixture" m && chmod -R u+w m && rm -r m/glossary
sed -i 's/\[\[\([^]|]*|\)\{0,1\}\([^]]*\)\]\]/\2/g' m/lessons/*/*.md
sed -i 's/^version = 1.0/version = 1.1/' m/module.ini
"$pack" build m -o n.hsm --unsigned >/dev/null
"$hocso" -d data install --allow-unsigned n.hsm >/dev/null
[ ! -e data/modules/vn.test.glossary/glossary ] ||
    fail "the glossary of the old version stayed"

# stats: per lesson and language, then the total; the same from the
# package; no temporary folder left behind
cat >want <<'TSV'
lang	lesson	screens	words	words_per_screen	words_max	pictures	bare_run	practice	terms
vi	01-mat-khau	3	47	15.7	27	1	2	1	4
vi	02-link	1	20	20.0	20	0	1	0	1
vi	total	4	67	16.8	27	1	2	1	4
en	01-mat-khau	3	39	13.0	26	1	2	1	4
en	02-link	1	18	18.0	18	0	1	0	1
en	total	4	57	14.3	26	1	2	1	4
TSV
"$pack" stats "$fixture" --porcelain >out
cmp -s out want || fail "stats --porcelain: $(diff want out)"
"$pack" stats --porcelain g.hsm >out
cmp -s out want || fail "stats of the package: $(diff want out)"
[ -z "$(ls "$TMPDIR")" ] || fail "stats left $(ls "$TMPDIR")"
"$pack" stats "$fixture" >out
grep -q "^vi      2 lessons, 4 screens, 1 practice; 0 questions:$" out ||
    fail "stats summary: $(cat out)"
grep -qx "vi    01-mat-khau               3      47   15.7    27      1     2      1     4" out ||
    fail "stats table: $(cat out)"
grep -qx "en    total                     4      57   14.3    26      1     2      1     4" out ||
    fail "stats total: $(cat out)"
awk 'length > 80' out | grep -q . && fail "stats is wider than 80 columns"
if [ "${HOCSO_NLS:-yes}" != no ]; then	# else English only
	LANGUAGE=vi "$pack" stats "$fixture" >out
	grep -q "^vi    tổng  *4  *67  *16.8" out ||
	    fail "stats in Vietnamese: $(cat out)"
fi

# stats' mistakes: one line, exit 1 (2 for usage), nothing left behind
printf 'not a package' >bad.hsm
set +e
"$pack" stats bad.hsm >out 2>err; rc=$?
set -e
[ $rc = 1 ] && [ "$(wc -l <err)" = 1 ] && [ ! -s out ] ||
    fail "stats of a bad package: $rc $(cat err)"
[ -z "$(ls "$TMPDIR")" ] || fail "a bad package left $(ls "$TMPDIR")"
for args in "" "--porcelain" "a b" "--bogus $fixture"; do
	set +e
	# shellcheck disable=SC2086
	"$pack" stats $args >out 2>err; rc=$?
	set -e
	[ $rc = 2 ] && [ "$(cat err)" = "hocso-pack: usage: stats DIR|PACKAGE [--porcelain]" ] ||
	    fail "stats $args: $rc $(cat err)"
done
set +e
"$pack" stats nowhere >out 2>err; rc=$?
set -e
[ $rc = 1 ] && grep -qx "hocso-pack: nowhere: No such file or directory" err ||
    fail "stats nowhere: $rc $(cat err)"
echo "PASS: glossary check, pack, install and stats"
