#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# rollups.sh: the rollups kept at ingest (server/rollup.c) after a
# realistic simulated sync of two schools in two rounds, a learner moved
# to another class between them: the same rows as hocso-server
# rebuild-rollups makes from the events, and as the migration from a
# store without rollups makes; the report read from them gives the
# figures the events give (the old query, run here with sqlite3, its
# average counted in integer millionths as the rollups count it: equal
# to the last digit); the module page says the wrong answer chosen most
# in words once the module's package is published, and each question's
# text next to its id (the id alone when the package is gone); the
# dashboard's pages (called through tests/dashpage-run on the same
# store) and their CSV and .xlsx downloads agree with the report; a
# school account is refused another school's page and the province's;
# the pages' figures say "1 device" and "2 schools";
# bad input to rebuild-rollups changes nothing.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-rollups-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT
page=$top_builddir/tests/dashpage-run
export HOCSO_TEST_NOW=2026-12-06T10:00:00Z
export LANGUAGE=en

dump() { sqls .dump | md5sum; }
# Every rollup table's rows, in key order.
rollups() {
	for t in rollup_school rollup_learner rollup_done rollup_class \
	    rollup_learner_week rollup_week rollup_seen rollup_question \
	    rollup_wrong rollup_alert; do
		echo "== $t"
		sqls "SELECT * FROM $t" | LC_ALL=C sort
	done
}
# The report's figures from the events themselves (the query the report
# ran before the rollups): school|class|module|learners|lessons|passed|avg
# The average is taken as the rollups take it, each score in millionths
# as an integer, the sum rounded to a tenth of a % in integers: exact, so
# the two sides agree to the last digit whatever order they add in.
from_events() {
	sqls "WITH q AS (SELECT e.school, coalesce(c.class, '-') AS cls,
	    e.module, e.actor, e.verb, e.kind, e.object,
	    CASE WHEN e.verb IN ('passed', 'failed') AND e.kind = 5
	        AND e.score IS NOT NULL
	        THEN CAST(round(e.score * 1000000) AS INTEGER) END AS m
	    FROM events e LEFT JOIN learner_class c ON c.learner = e.actor
	    WHERE e.module IS NOT NULL AND e.actor IS NOT NULL),
	    g AS (SELECT school, cls, module,
	    count(DISTINCT actor) AS learners,
	    count(DISTINCT CASE WHEN verb = 'completed' AND kind = 2
	        THEN actor || ' ' || object END) AS lessons,
	    count(DISTINCT CASE WHEN verb = 'passed' AND kind = 5
	        THEN actor || ' ' || object END) AS passed,
	    sum(m) AS s, count(m) AS n
	    FROM q GROUP BY school, cls, module)
	    SELECT school, cls, module, learners, lessons, passed,
	    CASE WHEN n > 0 THEN printf('%.1f', (CASE WHEN s >= 0
	        THEN (s + n * 500) / (n * 1000)
	        ELSE -((-s + n * 500) / (n * 1000)) END) / 10.0) ELSE '' END
	    FROM g ORDER BY school, cls, module"
}
# The report's CSV rows as school|class|module|learners|lessons|passed|avg
report_rows() {
	srv report --format csv | tail -n +2 | tr -d '\r' |
	    awk -F, 'NF == 10 && $5 != "" { print $1 "|" $5 "|" $6 "|" $7 "|" $8 "|" $9 "|" $10 }'
}
# A page's CSV download of one table, without the BOM and CRs.
csv() {	# csv WHO PAGE PATH TABLE
	"$page" "$work/srv" "$1" "$2" "$3" "download=$4&format=csv" \
	    2>"$work/page.err" | sed '1s/^\xef\xbb\xbf//' | tr -d '\r'
}

# Two schools enrol by USB stick and send their first weeks.
stick=$work/stick
mkdir -p "$stick"
new_school "$work/a" S01 6 30 11
new_school "$work/b" S02 4 20 12
for s in a:S01 b:S02; do
	dir=$work/${s%%:*}
	tok=$(srv token --school "${s#*:}")
	school "$dir" enroll --to "$stick" --school "${s#*:}" --token "$tok" \
	    >/dev/null
	HOCSO_BUNDLE_EVENTS=40 school "$dir" sync --to "$stick" >/dev/null
done
status import-1 0 srv import "$stick"
for d in a b; do school "$work/$d" sync --from "$stick" >/dev/null; done
rm -f "$stick"/*

# The second round: more work, one learner of S01 now in class 5B.
school "$work/a" class add 5B >/dev/null
who=$(sqld "$work/a" "SELECT l.name FROM learners l JOIN events e
    ON e.actor = l.uuid ORDER BY e.seq LIMIT 1")
school "$work/a" simulate --learners 6 --minutes 20 --seed 11 --class 5A \
    >/dev/null
status move 0 school "$work/a" learner move --class 5A "$who" 5B
school "$work/b" simulate --learners 4 --minutes 10 --seed 12 --class 5A \
    >/dev/null
for d in a b; do
	HOCSO_BUNDLE_EVENTS=40 school "$work/$d" sync --to "$stick" >/dev/null
done
status import-2 0 srv import "$stick"
events=$(sqls "SELECT count(*) FROM events")
[ "$events" -gt 500 ] && ok || fail "only $events events"
same moved "$(sqls "SELECT count(*) FROM learner_class WHERE class = '5B'")" 1
[ "$(sqls "SELECT count(*) FROM rollup_class WHERE class = '5B'")" -gt 0 ] &&
    ok || fail "the moved learner's figures are not in 5B"
[ "$(sqls "SELECT count(*) FROM rollup_question")" -gt 0 ] && ok ||
    fail "no question answered"

# The report gives what the events give.
from_events >"$work/events.txt"
report_rows >"$work/report.txt"
[ -s "$work/report.txt" ] && ok || fail "the report has no rows"
if cmp -s "$work/events.txt" "$work/report.txt"; then ok; else
	fail "the report is not what the events give:"
	diff "$work/events.txt" "$work/report.txt" || true
fi
srv report >"$work/out"
contains report-text "$work/out" "S01: 1 device, $(sqls "SELECT count(*) FROM events WHERE school = 'S01'") events"

# The export agrees: a statement per event the report counts.
srv export --format xapi >"$work/export.jsonl"
same export-events "$(wc -l <"$work/export.jsonl")" "$(srv report --format csv |
    tail -n +2 | tr -d '\r' | awk -F, '!seen[$1]++ { n += $3 } END { print n }')"
same export-passed "$(grep -c 'expapi/verbs/passed"' "$work/export.jsonl")" \
    "$(sqls "SELECT coalesce(sum(passes), 0) FROM rollup_class")"

# Rebuilt from the events: the same rows.
rollups >"$work/incremental.txt"
status rebuild 0 srv rebuild-rollups
expect rebuild "$work/out" "The rollups are counted again from $events events."
rollups >"$work/rebuilt.txt"
if cmp -s "$work/incremental.txt" "$work/rebuilt.txt"; then ok; else
	fail "rebuild differs from the rollups kept at ingest:"
	diff "$work/incremental.txt" "$work/rebuilt.txt" | head -20
fi

# A store from before the rollups (version 5): the migration counts them.
cp "$work/srv/server.db" "$work/v2.db"
"$SQLITE3_BIN" "$work/v2.db" "DROP TABLE rollup_school; DROP TABLE
    rollup_learner; DROP TABLE rollup_done; DROP TABLE rollup_class;
    DROP TABLE rollup_learner_week; DROP TABLE rollup_week; DROP TABLE
    rollup_seen; DROP TABLE rollup_question; DROP TABLE rollup_wrong;
    DROP TABLE rollup_alert; DROP INDEX devices_school; DROP TABLE audit;
    DROP INDEX kept_aside_open; ALTER TABLE kept_aside DROP COLUMN resolved;
    ALTER TABLE kept_aside DROP COLUMN resolution; ALTER TABLE modules DROP
    COLUMN publisher; ALTER TABLE modules DROP COLUMN withdrawn;
    PRAGMA user_version = 5"
mkdir "$work/old"
cp "$work/v2.db" "$work/old/server.db"
cp "$work/srv/server.key" "$work/srv/server.pub" "$work/old/"
"$server" --data "$work/old" report >/dev/null
same migrated-version "$("$SQLITE3_BIN" "$work/old/server.db" "PRAGMA user_version")" 9
same migrated-mark "$("$SQLITE3_BIN" "$work/old/server.db" "SELECT count(*) FROM meta WHERE key = 'rollups'")" 0
mv "$work/srv" "$work/srv.keep"
mv "$work/old" "$work/srv"
rollups >"$work/migrated.txt"
mv "$work/srv" "$work/old"
mv "$work/srv.keep" "$work/srv"
if cmp -s "$work/incremental.txt" "$work/migrated.txt"; then ok; else
	fail "the migration's rollups differ:"
	diff "$work/incremental.txt" "$work/migrated.txt" | head -20
fi

# Bad input: one line, exit 2, the store as it was.
before=$(dump)
status rebuild-extra 2 srv rebuild-rollups now
same rebuild-extra-lines "$(wc -l <"$work/err")" 1
contains rebuild-extra "$work/err" "rebuild-rollups: unexpected 'now'"
same rebuild-extra-store "$(dump)" "$before"

# The overview: its module table is the report's sum per module.
"$page" "$work/srv" province overview /dashboard/ >"$work/overview.html" \
    2>"$work/page.err"
contains overview-status "$work/page.err" "status 200 text/html"
contains overview-svg "$work/overview.html" "<svg"
contains overview-chart "$work/overview.html" "Learners active per week"
contains overview-help "$work/overview.html" "not synced for 30 days"
awk -F'|' '{ l[$3] += $4; s[$3] += $5; p[$3] += $6 }
    END { for (m in l) print m "," l[m] "," s[m] }' "$work/report.txt" |
    sort >"$work/want-modules"
csv province overview /dashboard/ modules | tail -n +2 | cut -d, -f1-3 |
    sort >"$work/got-modules"
contains modules-csv "$work/page.err" "status 200 text/csv; charset=utf-8 modules.csv"
if [ -s "$work/want-modules" ] && cmp -s "$work/want-modules" "$work/got-modules"; then ok; else
	fail "overview modules differ from the report:"
	diff "$work/want-modules" "$work/got-modules" || true
fi
# Two schools, both enrolled; none late at HOCSO_TEST_NOW... the import
# ran now, by the wall clock, so both are in the future of the test's
# clock: neither is late.
same province "$(csv province overview /dashboard/ province | tail -n +2 |
    cut -d, -f1,2)" "2,2"
# Learners active this week (2026-W49) per the rollups' weeks.
wk=$(sqls "SELECT coalesce(sum(learners), 0) FROM rollup_week
    WHERE week = '2026-W49' AND module = ''")
same active-week "$(csv province overview /dashboard/ province | tail -n +2 |
    cut -d, -f3)" "$wk"
# Every school, linked to its page, with the events stored from it.
contains overview-schools "$work/overview.html" 'id="t-schools"'
contains overview-link-S02 "$work/overview.html" 'href="/dashboard/school/S02"'
same overview-schools-csv "$(csv province overview /dashboard/ schools |
    tail -n +2 | cut -d, -f1,3)" "$(sqls "SELECT s.code || ',' ||
    (SELECT count(*) FROM events e WHERE e.school = s.code)
    FROM schools s ORDER BY s.code")"

# A school: its grid is the report's rows of that school.
grep '^S01|' "$work/report.txt" | cut -d'|' -f2-5 | tr '|' , >"$work/want-grid"
csv province school /dashboard/school/S01 grid | tail -n +2 |
    awk -F, '{ print $1 "," $2 "," $3 "," $7 }' >"$work/got-grid"
if [ -s "$work/want-grid" ] && cmp -s "$work/want-grid" "$work/got-grid"; then ok; else
	fail "the school's grid differs from the report:"
	diff "$work/want-grid" "$work/got-grid" || true
fi
"$page" "$work/srv" school:S01 school /dashboard/school/S01 "class=5B" \
    >"$work/school.html" 2>"$work/page.err"
contains school-own "$work/page.err" "status 200"
contains school-grid "$work/school.html" 'id="t-grid-pivot"'
contains school-learner "$work/school.html" "L-"
grep -q "$who" "$work/school.html" && fail "a learner's name on the page" || ok
# Devices: S01's one device.
same devices "$(csv province school /dashboard/school/S01 devices |
    tail -n +2 | wc -l)" 1

# Plurals: a figure's label agrees with its number (one form in
# Vietnamese, two in English).
fig() {	# fig FILE: each figure as "NUMBER LABEL"
	sed -n 's|.*<span class="value">\([^<]*\)</span> <span class="label">\([^<]*\)</span>.*|\1 \2|p' "$1"
}
"$page" "$work/srv" province school /dashboard/school/S01 \
    >"$work/school-S01.html" 2>"$work/page.err"
contains plural-one "$(fig "$work/school-S01.html" >"$work/fig"; echo "$work/fig")" "1 device"
grep -qx "1 devices" "$work/fig" && fail "1 devices" || ok
contains plural-many "$(fig "$work/overview.html" >"$work/fig"; echo "$work/fig")" "2 schools in the province"
grep -q "^1 [a-z]*s\b" "$work/fig" && fail "a plural after 1: $(cat "$work/fig")" || ok
if [ "${HOCSO_NLS:-yes}" != no ]; then
	LANGUAGE=vi "$page" "$work/srv" province school /dashboard/school/S01 \
	    >"$work/school-vi.html" 2>"$work/page.err"
	contains plural-vi "$(fig "$work/school-vi.html" >"$work/fig"; echo "$work/fig")" "1 thiết bị"
fi

# A module: its schools are the report's, summed per school.
mod=$(head -n 1 "$work/report.txt" | cut -d'|' -f3)
awk -F'|' -v m="$mod" '$3 == m { l[$1] += $4; s[$1] += $5 }
    END { for (k in l) print k "," l[k] "," s[k] }' "$work/report.txt" |
    sort >"$work/want-mod"
csv province module "/dashboard/module/$mod" schools | tail -n +2 |
    cut -d, -f1-3 | sort >"$work/got-mod"
if cmp -s "$work/want-mod" "$work/got-mod"; then ok; else
	fail "module $mod per school differs from the report:"
	diff "$work/want-mod" "$work/got-mod" || true
fi
"$page" "$work/srv" province module "/dashboard/module/$mod" \
    >"$work/module.html" 2>"$work/page.err"
contains module-questions "$work/module.html" "Wrong answer chosen most"
# The hardest question: fewest right the first time, as the events say.
q=$(csv province module "/dashboard/module/$mod" questions | sed -n 2p |
    cut -d, -f1)
[ -n "$q" ] && ok || fail "module $mod: no question"

# The wrong answer chosen most in words, from the module's published
# package, in the page's language; a raw response until a package is
# published, and again when its file is gone.
mb=vn.hocso.basics
questions() {	# questions LANG: the module's questions CSV, fields by "|"
	LANGUAGE=$1 csv province module "/dashboard/module/$mb" questions |
	    tail -n +2 | python3 -c 'import csv, sys
for r in csv.reader(sys.stdin, delimiter=sys.argv[1]): print("|".join(r))' \
	    "$([ "$1" = vi ] && echo ';' || echo ',')"
}
# The choice text of question $1's choice $2 in the module's bank in $3.
gift_choice() {
	awk -v q="// [id:$1]" -v n="$2" '$0 == q { on = 1; i = 0; next }
	    on && /}/ { exit } on && /^[~=]/ { if (i++ == n) {
	        sub(/^[~=](%[-0-9.]*%)?/, ""); sub(/ *#.*/, ""); print; exit } }' \
	    "$top_srcdir/lessons/curriculum/basics/quizzes/$3/basics.gift"
}
# The text of question $1 in the module's bank in $2 (a question on one
# line: its title and the answers' brace gone).
gift_text() {
	awk -v q="// [id:$1]" '$0 == q { getline; sub(/^::[^:]*:: */, "");
	    sub(/ *\{$/, ""); print; exit }' \
	    "$top_srcdir/lessons/curriculum/basics/quizzes/$2/basics.gift"
}
questions en >"$work/q-raw.txt"
pick=$(awk -F'|' '$7 ~ /^[0-9]$/ { print $1 "|" $7 }' "$work/q-raw.txt" |
    while IFS='|' read -r qid n; do
	t=$(gift_choice "$qid" "$n" en)
	[ -n "$t" ] && { echo "$qid|$n"; break; }
    done)
[ -n "$pick" ] && ok || fail "no single-choice wrong answer in $mb: $(cat "$work/q-raw.txt")"
qid=${pick%%|*} n=${pick#*|}
# html: stdin as the dashboard writes it in a page (&, ", ' escaped).
html() { sed "s/&/\\&amp;/g; s/\"/\\&quot;/g; s/'/\\&#39;/g"; }
"$pack" build "$top_srcdir/lessons/curriculum/basics" -o "$work/basics.hsm" \
    --key "$top_srcdir/lessons/demo-key/hocso-demo.key" >/dev/null
status publish-basics 0 srv publish "$work/basics.hsm"
questions en >"$work/q-en.txt"
same wrong-words-en "$(awk -F'|' -v q="$qid" '$1 == q { print $7 }' \
    "$work/q-en.txt")" "$(gift_choice "$qid" "$n" en)"
# The question's text next to its id: none before the package, its
# words from the bank once published, in the page's language.
same qtext-raw "$(cut -d'|' -f2 "$work/q-raw.txt" | sort -u)" ""
same qtext-en "$(awk -F'|' -v q="$qid" '$1 == q { print $2 }' \
    "$work/q-en.txt")" "$(gift_text "$qid" en)"
[ -n "$(gift_text "$qid" en)" ] && ok || fail "no text for $qid in the bank"
# Every other cell as before: only the words changed.
same wrong-words-rest "$(cut -d'|' -f1,3-6,8 "$work/q-en.txt")" \
    "$(cut -d'|' -f1,3-6,8 "$work/q-raw.txt")"
grep -q '^[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|[0-9]\[' "$work/q-en.txt" &&
    fail "a multiple answer left raw: $(cat "$work/q-en.txt")" || ok
"$page" "$work/srv" province module "/dashboard/module/$mb" \
    >"$work/module-b.html" 2>"$work/page.err"
contains wrong-words-html "$work/module-b.html" \
    "$(gift_choice "$qid" "$n" en | html)"
# On the page: the id small, its text (whole in the title) next to it.
grep "<td class=\"id qid\">$qid</td>" "$work/module-b.html" |
    sed 's|.*<td class="id qid">[^<]*</td><td>\(<span title="[^"]*">\)\{0,1\}||; s|…\{0,1\}\(</span>\)\{0,1\}</td>.*||' \
    >"$work/qtext-shown"
shown=$(cat "$work/qtext-shown")
whole=$(gift_text "$qid" en | html)
[ -n "$shown" ] && case $whole in "$shown"*) true ;; *) false ;; esac &&
    ok || fail "qtext-html: '$shown' is not the start of '$whole'"
if [ "${HOCSO_NLS:-yes}" != no ]; then
	questions vi >"$work/q-vi.txt"
	same wrong-words-vi "$(awk -F'|' -v q="$qid" '$1 == q { print $7 }' \
	    "$work/q-vi.txt")" "$(gift_choice "$qid" "$n" vi)"
	same qtext-vi "$(awk -F'|' -v q="$qid" '$1 == q { print $2 }' \
	    "$work/q-vi.txt")" "$(gift_text "$qid" vi)"
fi
ls -a "$work/srv" | grep -q '^\.answers-' && fail "package folder left" || ok
# The package's file gone: the raw response again, the page still there.
mv "$work/srv/modules" "$work/modules.away"
questions en >"$work/q-gone.txt"
contains gone-status "$work/page.err" "status 200"
same wrong-words-gone "$(cat "$work/q-gone.txt")" "$(cat "$work/q-raw.txt")"
same qtext-gone "$(cut -d'|' -f2 "$work/q-gone.txt" | sort -u)" ""
mv "$work/modules.away" "$work/srv/modules"

# The .xlsx download: a zip (an Office Open XML file) named so.
"$page" "$work/srv" province overview /dashboard/ \
    "download=modules&format=xlsx" >"$work/m.xlsx" 2>"$work/page.err"
contains xlsx "$work/page.err" "sheet modules.xlsx"
same xlsx-magic "$(head -c 2 "$work/m.xlsx")" "PK"
ls "${TMPDIR:-/tmp}" | grep -q "^hocso-xlsx-" && fail "xlsx: temporary folder left" || ok

# No folder for the spreadsheet: the page fails (the shell answers 500),
# nothing is left behind.
status xlsx-no-tmp 1 env TMPDIR="$work/none" "$page" "$work/srv" province \
    overview /dashboard/ "download=modules&format=xlsx"
contains xlsx-no-tmp "$work/err" "page failed"
same xlsx-no-tmp-out "$(wc -c <"$work/out")" 0

# In Vietnamese: ";" between fields, a decimal comma.
if [ "${HOCSO_NLS:-yes}" != no ]; then
	LANGUAGE=vi csv province overview /dashboard/ modules >"$work/vi.csv"
	head -n 1 "$work/vi.csv" | grep -q ';' && ok || fail "vi csv: $(head -n 1 "$work/vi.csv")"
	grep -qE ';[0-9]+,[0-9]$' "$work/vi.csv" && ok ||
	    fail "vi csv has no decimal comma: $(cat "$work/vi.csv")"
fi

# Who may see what: 403, and 404 for what is not there.
for p in "school:S01 school /dashboard/school/S02" \
    "school:S01 overview /dashboard/" \
    "school:S01 module /dashboard/module/$mod" \
    "school:S01 safety /dashboard/safety"; do
	set -- $p
	"$page" "$work/srv" "$@" >/dev/null 2>"$work/page.err"
	contains "403 $p" "$work/page.err" "status 403"
done
"$page" "$work/srv" province school /dashboard/school/NOPE >/dev/null \
    2>"$work/page.err"
contains 404-school "$work/page.err" "status 404"
"$page" "$work/srv" province overview /dashboard/ "download=nope&format=csv" \
    >/dev/null 2>"$work/page.err"
contains 404-table "$work/page.err" "status 404"
"$page" "$work/srv" province overview /dashboard/ "download=modules&format=pdf" \
    >/dev/null 2>"$work/page.err"
contains 400-format "$work/page.err" "status 400"
"$page" "$work/srv" province safety /dashboard/safety >"$work/safety.html" \
    2>"$work/page.err"
contains safety "$work/safety.html" 'id="t-help-requests"'

sync_summary
