#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# assign.sh: the teacher's choices from the command line, on a fresh
# data folder with four real modules and a class of 40 imported from a
# spreadsheet: hocso class modules (the default, set, add --at, remove,
# lessons-first) and hocso learner attempts | unlock | answers.  Every
# bad input is refused with one line and a non-zero exit, and the
# database is byte for byte what it was.
set -eu
: "${top_srcdir:?run through make check}" "${top_builddir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
hocso=$top_builddir/learn/hocso
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-assign-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=
export HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
unset HOCSO_DATA_DIR XDG_DATA_HOME
data=$work/data
db=$data/hocso.db
failed=0 passed=0

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
sql() { "$SQLITE3_BIN" "$db" "$1"; }

run() {		# run NAME EXPECTED-STATUS ARG...: hocso --lang en ARG...
	name=$1 want=$2
	shift 2
	set +e
	"$hocso" --lang en -d "$data" "$@" >"$work/out" 2>"$work/err"
	got=$?
	set -e
	if [ "$got" = "$want" ]; then ok; else
		fail "$name: exit $got, wanted $want"
		cat "$work/out" "$work/err"
	fi
}

expect() {	# expect NAME FILE TEXT: FILE holds the line TEXT
	if grep -qxF -- "$3" "$2"; then ok; else
		fail "$1: '$3' not a line of:"
		cat "$2"
	fi
}

# refused NAME STATUS LINE ARG...: hocso ARG... says LINE (its only line
# on stderr), exits STATUS and changes nothing in the database.
refused() {
	name=$1 want=$2 line=$3
	shift 3
	"$SQLITE3_BIN" "$db" .dump >"$work/before"
	run "$name" "$want" "$@"
	expect "$name" "$work/err" "$line"
	[ "$(wc -l <"$work/err")" = 1 ] && ok ||
	    fail "$name: more than one line on stderr"
	"$SQLITE3_BIN" "$db" .dump >"$work/after"
	cmp -s "$work/before" "$work/after" && ok ||
	    fail "$name: the database changed"
}

mkdir -p "$data/modules"
for m in basics kind help; do
	cp -R "$top_srcdir/lessons/curriculum/$m" "$data/modules/"
done
cp -R "$top_srcdir/tests/fixtures/secrets-v1" "$data/modules/"
chmod -R u+w "$data"
printf 'attempts = 2\nminutes = 5\n' >>"$data/modules/secrets-v1/module.ini"
{
	echo "name,class,pin"
	i=1
	while [ $i -le 40 ]; do
		printf 'Học sinh %02d,4A,%04d\n' $i $((1000 + i))
		i=$((i + 1))
	done
	echo "Học sinh 01,4B,2222"
} >"$work/lop.csv"
run import 0 learner import --add-classes "$work/lop.csv"
expect import "$work/out" "added 41 learners from $work/lop.csv"

# --- hocso class modules ---------------------------------------------
run "modules, default" 0 class modules 4A
expect "default" "$work/out" "class 4A sees every module, in the catalog's order (the teacher has not chosen):"
expect "default" "$work/out" "lessons before the quiz: off"
expect "default row" "$work/out" "1  vn.hocso.basics   8-11  Getting started"
expect "default row" "$work/out" "4  vn.hocso.secrets  8-11  Secure your secrets"
run "set" 0 class modules 4A set vn.hocso.secrets vn.hocso.basics
expect "set" "$work/out" "class 4A sees 2 of 4 modules, in this order:"
expect "set row" "$work/out" "1       vn.hocso.secrets  8-11  Secure your secrets"
expect "set row" "$work/out" "2       vn.hocso.basics   8-11  Getting started"
expect "set row" "$work/out" "hidden  vn.hocso.kind     8-11  Be kind online"
[ "$(sql "SELECT group_concat(module, ' ') FROM (SELECT module FROM
    class_modules ORDER BY position)")" = "vn.hocso.secrets vn.hocso.basics" ] &&
    ok || fail "set: the store"
run "add --at" 0 class modules 4A add vn.hocso.kind --at 1
run "list" 0 class modules 4A list
expect "add --at" "$work/out" "1       vn.hocso.kind     8-11  Be kind online"
expect "add --at" "$work/out" "2       vn.hocso.secrets  8-11  Secure your secrets"
run "add last" 0 class modules 4A add vn.hocso.help
run "remove" 0 class modules 4A remove vn.hocso.basics
run "list" 0 class modules 4A
expect "remove" "$work/out" "class 4A sees 3 of 4 modules, in this order:"
expect "remove" "$work/out" "3       vn.hocso.help     8-11  When in doubt, talk it out"
expect "remove" "$work/out" "hidden  vn.hocso.basics   8-11  Getting started"
run "lessons-first" 0 class modules 4A lessons-first on
expect "lessons-first" "$work/out" "lessons before the quiz: on"
[ "$(sql "SELECT lessons_first FROM classes WHERE name = '4A'")" = 1 ] &&
    ok || fail "lessons-first: the store"
run "other class" 0 class modules 4B
expect "other class" "$work/out" "class 4B sees every module, in the catalog's order (the teacher has not chosen):"

refused "no such module" 1 "hocso: there is no module vn.hocso.nope installed (see hocso modules)" \
    class modules 4A set vn.hocso.kind vn.hocso.nope
refused "named twice" 1 "hocso: module vn.hocso.kind is named twice" \
    class modules 4A set vn.hocso.kind vn.hocso.help vn.hocso.kind
refused "no such class" 1 "hocso: there is no class named 4Z" \
    class modules 4Z set vn.hocso.kind
refused "not seen" 1 "hocso: the class does not see module vn.hocso.basics: nothing to remove" \
    class modules 4A remove vn.hocso.basics
use="hocso: usage: hocso class modules CLASS [list | set ID... | add ID [--at N] | remove ID | lessons-first on|off] (see hocso --help)"
refused "bad --at" 2 "$use" class modules 4A add vn.hocso.basics --at 0
refused "bad --at" 2 "$use" class modules 4A add vn.hocso.basics --at x
refused "set nothing" 2 "$use" class modules 4A set
refused "lessons-first maybe" 2 "$use" class modules 4A lessons-first maybe
refused "no action" 2 "$use" class modules 4A shuffle
refused "no class" 2 "$use" class modules

# --- hocso learner attempts -------------------------------------------
an=$(sql "SELECT l.id FROM learners l JOIN classes c ON c.id = l.class_id
    WHERE c.name = '4A' AND l.name = 'Học sinh 07'")
run "attempts" 0 learner attempts "Học sinh 07" vn.hocso.secrets
expect "attempts" "$work/out" "Học sinh 07 (4A), Secure your secrets:"
expect "attempts" "$work/out" "  attempts: 0 finished, 0 added, 2 of 2 left"
expect "attempts" "$work/out" "  time today: 5 min (the quiz's 5 + 0 extra)"
# Two attempts finished: none left.
for u in a1 a2; do
	sql "INSERT INTO attempts (uuid, learner_id, module, quiz, seed, lang,
	    question_count, started_at, finished_at, score) VALUES ('$u', $an,
	    'vn.hocso.secrets', 'secrets.gift', 1, 'en', 5,
	    '2026-12-06T02:00:00.000Z', '2026-12-06T02:04:00.000Z', 0.2)"
done
run "used up" 0 learner attempts "$an" vn.hocso.secrets list
expect "by id" "$work/out" "Học sinh 07 (4A), Secure your secrets:"
expect "used up" "$work/out" "  attempts: 2 finished, 0 added, 0 of 2 left"
run "extra time" 0 learner attempts --class 4A "Học sinh 07" vn.hocso.secrets extra-time 10
expect "extra time" "$work/out" "  time today: 15 min (the quiz's 5 + 10 extra)"
grep -q "vn.hocso.secrets: +10 min of quiz time (command, " "$work/out" &&
    ok || fail "extra time: not listed with who"
run "reset" 0 learner attempts "Học sinh 07" vn.hocso.secrets reset
expect "reset" "$work/out" "  attempts: 0 finished, 0 added, 2 of 2 left"
run "add" 0 learner attempts "Học sinh 07" vn.hocso.secrets add 2
expect "add" "$work/out" "  attempts: 0 finished, 2 added, 4 of 4 left"
[ "$(sql "SELECT count(*) FROM attempts")" = 2 ] && ok ||
    fail "reset deleted attempts"

refused "ambiguous" 1 "hocso: more than one class has a learner named Học sinh 01: say which with --class" \
    learner attempts "Học sinh 01" vn.hocso.secrets reset
refused "no learner" 1 "hocso: there is no learner Chi (see hocso learner list)" \
    learner attempts Chi vn.hocso.secrets reset
refused "no learner in class" 1 "hocso: there is no learner Học sinh 07 in class 4B" \
    learner attempts --class 4B "Học sinh 07" vn.hocso.secrets reset
refused "no module" 1 "hocso: there is no module vn.hocso.nope installed (see hocso modules)" \
    learner attempts "Học sinh 07" vn.hocso.nope extra-time 5
refused "untimed" 1 "hocso: the quiz of vn.hocso.kind has no time limit: there is no time to add" \
    learner attempts "Học sinh 07" vn.hocso.kind extra-time 5
refused "unlimited" 1 "hocso: the quiz of vn.hocso.kind has no limit on attempts: there are none to add" \
    learner attempts "Học sinh 07" vn.hocso.kind add 1
use="hocso: usage: hocso learner attempts [--class C] NAME|ID MODULE [list | reset | add N | extra-time MINUTES] (see hocso --help)"
refused "0 minutes" 2 "$use" learner attempts "Học sinh 07" vn.hocso.secrets extra-time 0
refused "241 minutes" 2 "$use" learner attempts "Học sinh 07" vn.hocso.secrets extra-time 241
refused "add 0" 2 "$use" learner attempts "Học sinh 07" vn.hocso.secrets add 0
refused "add what" 2 "$use" learner attempts "Học sinh 07" vn.hocso.secrets add
refused "bad option" 2 "$use" learner attempts --klass 4A "Học sinh 07" vn.hocso.secrets
refused "no module named" 2 "$use" learner attempts "Học sinh 07"

# --- hocso learner unlock ---------------------------------------------
sql "UPDATE learners SET pin_failures = 5,
    locked_until = '2999-01-01T00:00:00.000Z' WHERE id = $an"
run "unlock" 0 learner unlock "Học sinh 07"
expect "unlock" "$work/out" "Học sinh 07 (4A) can sign in again: the PIN lockout is lifted"
[ "$(sql "SELECT pin_failures || '/' || coalesce(locked_until, '-')
    FROM learners WHERE id = $an")" = "0/-" ] && ok || fail "unlock: the store"
[ "$(sql "SELECT count(*) FROM overrides WHERE kind = 'unlock'
    AND learner_id = $an AND by_whom LIKE 'cmd:%'")" = 1 ] && ok ||
    fail "unlock: not recorded"
"$SQLITE3_BIN" "$db" .dump >"$work/before"
run "not locked" 0 learner unlock "Học sinh 07"
expect "not locked" "$work/out" "Học sinh 07 (4A) was not locked out: nothing changed"
"$SQLITE3_BIN" "$db" .dump >"$work/after"
cmp -s "$work/before" "$work/after" && ok || fail "not locked: the database changed"
refused "unlock whom" 2 "hocso: usage: hocso learner unlock [--class C] NAME|ID (see hocso --help)" \
    learner unlock

# --- hocso learner answers --------------------------------------------
run "no answers" 0 learner answers "Học sinh 07" vn.hocso.secrets
expect "no answers" "$work/out" "  no answers yet"
att=$(sql "SELECT max(id) FROM attempts")
sql "UPDATE attempts SET lang = 'en' WHERE id = $att;
    INSERT INTO answers VALUES ($att, 0, 'Q1 Strong password', '1', 0, 'x');
    INSERT INTO answers VALUES ($att, 1, 'Q2 Free diamonds', '0', 1, 'x');
    INSERT INTO answers VALUES ($att, 2, 'Q4 Typed', 'mat khau', 0, 'x');"
run "answers" 0 learner answers "Học sinh 07" vn.hocso.secrets
expect "answers" "$work/out" "  attempt 2, 2026-12-06: 20%, 2 of 5 questions not right"
expect "answers" "$work/out" "1. Which password is the strongest?"
expect "answers" "$work/out" "   answered: minh2015"
expect "answers" "$work/out" "   right answer: voi-kem-may-ghe-sao"
expect "answers" "$work/out" "   feedback: A name and a birth year are easy to guess. Bad people try these first."
expect "answers" "$work/out" "3. (question Q4 Typed, no longer in the module)"
expect "answers" "$work/out" "   answered: mat khau"
grep -q "Free diamonds\|free diamonds" "$work/out" && fail "a right answer listed" || ok
refused "answers, no module" 1 "hocso: there is no module vn.hocso.nope installed (see hocso modules)" \
    learner answers "Học sinh 07" vn.hocso.nope

# In Vietnamese (a build without NLS speaks English only).
if [ "${HOCSO_NLS:-yes}" != no ]; then
	LANGUAGE=vi "$hocso" --lang vi -d "$data" learner attempts \
	    "Học sinh 07" vn.hocso.secrets >"$work/out"
	expect "vi" "$work/out" "  lượt làm bài: xong 0, thêm 2, còn 4 trong 4"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
