#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# curriculum.sh: keeps the shipped curriculum sound.  Every module in
# lessons/curriculum checks clean with hocso-pack (no problem, no warning:
# every lesson in both languages, every question with its feedback, the
# same question ids in both banks); has 3 to 6 lessons, each with a
# practice question and 4 to 8 screens; a bank of at least 25 questions
# of at least three types; a quiz that draws 10 with a pass mark of 80;
# and Makefile.am ships every file of it.
set -eu
: "${top_srcdir:?run through make check}" "${top_builddir:?}"
pack=$top_builddir/lessons/hocso-pack
cur=$top_srcdir/lessons/curriculum
failed=0

bad() { echo "FAIL: $*"; failed=1; }

# the value of key in module.ini (the first one; comments dropped)
ini() { sed -n "s/^$2[[:space:]]*=[[:space:]]*\([^;#]*\).*/\1/p" "$1/module.ini" |
    head -n 1 | sed 's/[[:space:]]*$//'; }

n=0
for m in "$cur"/*/; do
	m=${m%/}
	name=$(basename "$m")
	n=$((n + 1))
	out=$(LANGUAGE= LC_ALL=C.UTF-8 "$pack" check "$m" 2>&1) ||
	    bad "$name: hocso-pack check fails"
	[ -z "$out" ] || bad "$name: hocso-pack check says:
$out"
	[ "$(ini "$m" languages)" = "vi en" ] || bad "$name: languages vi en"
	case $(ini "$m" age) in 8-11|11-15) ;; *) bad "$name: age 8-11 or 11-15";; esac
	[ "$(ini "$m" questions)" = 10 ] || bad "$name: the quiz draws 10"
	[ "$(ini "$m" pass)" = 80 ] || bad "$name: the pass mark is 80"
	lessons=$(ls "$m/lessons/vi" | grep -c '\.md$' || true)
	[ "$lessons" -ge 3 ] && [ "$lessons" -le 6 ] ||
	    bad "$name: $lessons lessons (3 to 6)"
	for f in "$m"/lessons/*/*.md; do
		screens=$(($(grep -c '^---[[:space:]]*$' "$f" || true) + 1))
		[ "$screens" -ge 4 ] && [ "$screens" -le 8 ] ||
		    bad "$f: $screens screens (4 to 8)"
		grep -q '^```gift' "$f" || bad "$f: no practice question"
	done
	bank=$(ini "$m" bank)
	for l in vi en; do
		q=$(grep -c '^::' "$m/quizzes/$l/$bank" || true)
		[ "$q" -ge 25 ] || bad "$name: $q questions in $l (at least 25)"
	done
	# the types, as hocso-pack stats counts them
	for l in vi en; do
		line=$(LANGUAGE= LC_ALL=C.UTF-8 "$pack" stats "$m" | grep "^$l ")
		types=$(printf '%s\n' "${line#*questions:}" | tr ',' '\n' |
		    grep -c .)
		[ "$types" -ge 3 ] ||
		    bad "$name: $l: questions of $types types (3 at least)"
		practice=$(printf '%s\n' "$line" | sed -n 's/.* \([0-9]*\) practice;.*/\1/p')
		[ "$practice" -ge "$lessons" ] ||
		    bad "$name: $l: $practice practice questions for $lessons lessons"
	done
done
[ "$n" -ge 10 ] || bad "$n modules (10 at least)"

# Makefile.am ships every file (lessons/curriculum/update-files.sh)
want=$(cd "$top_srcdir" && find lessons/curriculum -mindepth 2 -type f \
    \( -name module.ini -o -name '*.md' -o -name '*.gift' \
    -o -path '*/speech/*.txt' \) | LC_ALL=C sort)
have=$(sed -n 's/^[[:space:]]*\(lessons\/curriculum\/[^ ]*\).*/\1/p' \
    "$cur/files.am")
[ "$want" = "$have" ] ||
    bad "lessons/curriculum/files.am is out of date: run lessons/curriculum/update-files.sh"

[ $failed = 0 ] || exit 1
echo "PASS: $n modules check clean, with their lessons, banks and files"
