#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# moodlexml.sh: hocso-pack import and export with Moodle: a Moodle XML
# bank into a new module and into an existing one, the questions it
# cannot carry named one a line, bad files refused with nothing written,
# and a curriculum module exported as Moodle XML and imported back giving
# the same bank.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
pack=$top_builddir/lessons/hocso-pack
fx=$top_srcdir/tests/fixtures/moodle
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-moodle-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

# A new module from our Moodle 4 export: 9 questions, 4 named as left out.
"$pack" import "$fx/bank-vi.xml" -o tin-hoc >out 2>err ||
    fail "import exit $?: $(cat err)"
[ "$(grep -c 'not carried over' out)" = 4 ] || fail "skips: $(cat out)"
grep -q "bank-vi.xml:[0-9]*: 'Diện tích' (calculated) not carried over" out ||
    fail "no line for the calculated question: $(cat out)"
grep -q "(ddwtos) not carried over: several gaps" out || fail "ddwtos"
grep -q "imported 9 questions into tin-hoc/quizzes/vi/bank-vi.gift" out ||
    fail "no summary: $(cat out)"
[ -f tin-hoc/module.ini ] || fail "no module.ini"
"$pack" stats tin-hoc | grep -q "9 questions" || fail "stats: $("$pack" stats tin-hoc)"
grep -q '^// \[id:mk-01\] \[tag:mật khẩu\] \[tag:lớp 4\]$' \
    tin-hoc/quizzes/vi/bank-vi.gift || fail "id and tags comment"
grep -q '^\$CATEGORY: \$course\$/top/An toàn số/Trên mạng$' \
    tin-hoc/quizzes/vi/bank-vi.gift || fail "category"
grep -q '^::Mật khẩu mạnh::\[html\]' tin-hoc/quizzes/vi/bank-vi.gift ||
    fail "[html]"
grep -q '=Mèo\\#Đen\\{2024\\}\\:Vui\\~#' tin-hoc/quizzes/vi/bank-vi.gift ||
    fail "escapes"

# Into the same module again: refused, the bank untouched; under another
# name: added.
sum=$(md5sum <tin-hoc/quizzes/vi/bank-vi.gift)
set +e
"$pack" import "$fx/bank-vi.xml" -o tin-hoc >out 2>err; rc=$?
set -e
[ $rc = 1 ] || fail "a second import over the bank: exit $rc"
[ "$(wc -l <err)" = 1 ] || fail "not one line: $(cat err)"
[ "$(md5sum <tin-hoc/quizzes/vi/bank-vi.gift)" = "$sum" ] || fail "overwritten"
"$pack" import "$fx/bank-vi.xml" -o tin-hoc --name lan-hai >out
[ -f tin-hoc/quizzes/vi/lan-hai.gift ] || fail "--name"
grep -q "list lan-hai.gift in module.ini" out || fail "no hint: $(cat out)"

# Bad files: one line, exit 1, nothing written.
for f in bad.xml not-quiz.xml; do
	set +e
	"$pack" import "$fx/$f" -o new-$f >out 2>err; rc=$?
	set -e
	[ $rc = 1 ] || fail "$f: exit $rc"
	[ "$(wc -l <err)" = 1 ] || fail "$f: not one line: $(cat err)"
	grep -q "not a Moodle XML question bank" err || fail "$f: $(cat err)"
	[ ! -e new-$f ] || fail "$f: a folder was made"
done
[ -z "$(ls -A | grep import)" ] || fail "a temporary folder was left"
set +e
"$pack" import "$fx/bank-vi.xml" 2>err; rc=$?
set -e
[ $rc = 2 ] || fail "no -o: exit $rc"
mkdir empty empty2
set +e
"$pack" import "$fx/bad.xml" -o empty2 2>/dev/null; rc=$?
set -e
[ $rc = 1 ] && [ -d empty2 ] && [ -z "$(ls -A empty2)" ] ||
    fail "a bad file changed an empty folder"
"$pack" import "$fx/bank-vi.xml" -o empty >/dev/null || fail "an empty folder"
[ -f empty/module.ini ] || fail "an empty folder: no module.ini"
mkdir plain; touch plain/x
set +e
"$pack" import "$fx/bank-vi.xml" -o plain 2>err; rc=$?
set -e
[ $rc = 1 ] && grep -q "is not a module" err || fail "a plain folder: $rc $(cat err)"

# Export: GIFT and XML; the XML imported back is the same bank.
mod=$top_srcdir/lessons/curriculum/secrets
"$pack" export --format xml "$mod" -o secrets.xml
head -2 secrets.xml | grep -q '^<quiz>$' || fail "not Moodle XML"
"$pack" export "$mod" >secrets.gift
grep -q '^// question: 1  name: ' secrets.gift || fail "GIFT header"
"$pack" import secrets.xml -o back >/dev/null
"$pack" export back >back.gift
cmp secrets.gift back.gift || fail "XML round trip: $(diff secrets.gift back.gift | head)"
"$pack" export --format xml --lang en "$mod" | grep -q '<question type=' ||
    fail "--lang en"
set +e
"$pack" export --format pdf "$mod" 2>err; rc=$?
set -e
[ $rc = 2 ] || fail "--format pdf: exit $rc"
echo "PASS: moodlexml"
