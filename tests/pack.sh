#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pack.sh: an author's round trip with hocso-pack: new, check, a mistake
# reported at its line, keygen, build twice to the same bytes, inspect,
# and the command line's errors.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
pack=$top_builddir/lessons/hocso-pack
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-pack-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
unset HOCSO_PACK_KEY
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

"$pack" --version | grep -q "hocso-pack" || fail "--version"
"$pack" --help | grep -q "keygen" || fail "--help"
set +e
"$pack" frobnicate x 2>err; [ $? = 2 ] || fail "unknown command exit"
set -e
[ "$(wc -l <err)" = 1 ] || fail "unknown command: not one line"

"$pack" new safety >/dev/null
"$pack" check safety >out || fail "a new module has problems: $(cat out)"
[ ! -s out ] || fail "a new module has warnings in one of its languages: $(cat out)"

# a deliberate mistake: an answer block left open (line 10 of the file)
printf '// x\n\nQ2 {=a ~b\n' >>safety/quizzes/en/quiz.gift
set +e
"$pack" check safety >out 2>err; rc=$?
set -e
[ $rc = 1 ] || fail "check exit $rc with a mistake"
grep -q "safety/quizzes/en/quiz.gift:10:4: the answer block is not closed" out ||
    fail "the mistake is not reported at its line: $(cat out)"
grep -q "1 problem" err || fail "no count: $(cat err)"
sed -i '$d' safety/quizzes/en/quiz.gift
"$pack" check safety >/dev/null || fail "fixed module still has problems"

"$pack" keygen -o tester --name "Sở GD&ĐT Lào Cai" >/dev/null
mv tester.key demo.key; mv tester.pub demo.pub
[ "$(stat -c %a demo.key)" = 600 ] || fail "the secret key is not 0600"
grep -q "^hocso-ed25519-public [^ ]* tester Sở GD&ĐT Lào Cai$" demo.pub ||
    fail "the display name: $(cat demo.pub)"
set +e
"$pack" keygen -o "Sở GD" 2>err; rc=$?
set -e
[ $rc = 1 ] && [ "$(wc -l <err)" = 1 ] && grep -q "bad key file name 'Sở GD'" err ||
    fail "a file name with spaces: $rc $(cat err)"
[ ! -e "Sở GD.key" ] || fail "a key was written"
set +e
"$pack" keygen -o ok --name "$(printf 'two\nlines')" 2>err; rc=$?
set -e
[ $rc = 1 ] && grep -q "display name" err && [ ! -e ok.key ] ||
    fail "a display name with a line break: $rc $(cat err)"
set +e
"$pack" keygen -o demo 2>err; rc=$?
set -e
[ $rc = 1 ] || fail "keygen overwrote a key"
set +e
"$pack" build safety -o a.hsm 2>err; rc=$?
set -e
[ $rc = 2 ] && grep -q "no key" err || fail "build without a key"

"$pack" build safety -o a.hsm --key demo.key >/dev/null
HOCSO_PACK_KEY=demo.key "$pack" build safety -o b.hsm >/dev/null
cmp -s a.hsm b.hsm || fail "two builds differ"
tar -tzf a.hsm | head -n 2 | tr '\n' ' ' | grep -q "^MANIFEST.json MANIFEST.sig " ||
    fail "plain tar does not read it"
"$pack" inspect a.hsm >out
grep -q "vn.example.safety 0.1.0" out || fail "inspect: $(cat out)"
grep -q "signed by  tester" out || fail "inspect signer: $(cat out)"
grep -q "questions  2" out || fail "inspect questions: $(cat out)"
"$pack" stats "$top_srcdir/tests/fixtures/every-type" >out
grep -q "^vi      1 lessons, 1 screens, 0 practice; 8 questions: 2 multiple choice, 1 multiple answers, 1 true/false, 1 short answer, 1 matching, 1 numerical, 1 essay$" out ||
    fail "stats: $(cat out)"
# an ordering question is counted as one (it was left out of the list)
"$pack" stats "$top_srcdir/tests/fixtures/order-module" >out
grep -q "^vi      1 lessons, 2 screens, 1 practice; 2 questions: 1 true/false, 1 ordering$" out ||
    fail "stats with an ordering question: $(cat out)"

# a byte changed in the manifest breaks the signature
mkdir x && (cd x && tar -xzf ../a.hsm)
sed -i 's/0.1.0/0.1.1/' x/MANIFEST.json
(cd x && tar -czf ../c.hsm MANIFEST.json MANIFEST.sig module.ini lessons quizzes)
set +e
"$pack" inspect c.hsm 2>err; rc=$?
set -e
[ $rc = 1 ] && grep -q "does not match" err || fail "a changed manifest passed"
# every module we ship checks clean
for m in "$top_srcdir"/lessons/curriculum/*/; do
	"$pack" check "$m" >out 2>&1 || fail "$m: $(cat out)"
	! grep -q . out || fail "$m has warnings: $(cat out)"
done
echo "PASS: new, check, build, inspect; the curriculum checks clean"
