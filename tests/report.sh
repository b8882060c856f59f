#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report.sh: hocso report gives each learner's status per module (not
# started, in progress, passed, needs help) from what is in the store,
# with totals, as text and as CSV for a spreadsheet.
set -eu
: "${top_srcdir:?run through make check}" "${top_builddir:?}"
SQLITE3_BIN=${SQLITE3_BIN:-sqlite3}
command -v "$SQLITE3_BIN" >/dev/null 2>&1 || exit 77
hocso=$top_builddir/learn/hocso
export LANG=C.UTF-8 LANGUAGE=en HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-report-XXXXXX")
trap 'rm -rf "$work"' EXIT
data=$work/data
fail() { echo "FAIL: $*"; exit 1; }
sql() { "$SQLITE3_BIN" "$data/hocso.db" "$1"; }

mkdir -p "$data/modules"
cp -R "$top_srcdir/tests/fixtures/secrets-v1" "$data/modules/"
chmod -R u+w "$data"
"$hocso" -d "$data" class add 5A >/dev/null
for who in "An" "Bình" "Chi" "Dũng" "Lê, Em"; do
	"$hocso" -d "$data" learner add --class 5A "$who" >/dev/null
done
id() { sql "SELECT id FROM learners WHERE name = '$1'"; }
# An passed; Bình got 3 wrong in an attempt; Chi failed twice without
# doing better; Dũng read a lesson; Em has done nothing.
sql "
INSERT INTO attempts (uuid, learner_id, module, quiz, seed, lang,
    question_count, started_at, finished_at, score) VALUES
 ('a1', $(id An), 'vn.hocso.secrets', 'secrets.gift', 1, 'vi', 5,
  '2026-11-20T08:00:00.000Z', '2026-11-20T08:05:00.000Z', 0.8),
 ('b1', $(id Bình), 'vn.hocso.secrets', 'secrets.gift', 2, 'vi', 5,
  '2026-11-20T08:00:00.000Z', NULL, NULL),
 ('c1', $(id Chi), 'vn.hocso.secrets', 'secrets.gift', 3, 'vi', 5,
  '2026-11-20T08:00:00.000Z', '2026-11-20T08:05:00.000Z', 0.6),
 ('c2', $(id Chi), 'vn.hocso.secrets', 'secrets.gift', 4, 'vi', 5,
  '2026-11-21T08:00:00.000Z', '2026-11-21T08:05:00.000Z', 0.6);
INSERT INTO answers (attempt_id, position, question, response, fraction,
    answered_at)
 SELECT id, p.n, 'q' || p.n, '1', 0, '2026-11-20T08:0' || p.n || ':00.000Z'
 FROM attempts, (SELECT 0 AS n UNION SELECT 1 UNION SELECT 2) p
 WHERE uuid = 'b1';
INSERT INTO lesson_progress (learner_id, module, lesson, screen,
    screens_seen) VALUES ($(id Dũng), 'vn.hocso.secrets', '01-passwords', 2, 3);
"
"$hocso" -d "$data" report --class 5A >"$work/out" || fail "report"
grep -q "^Class 5A: 5 learners" "$work/out" || fail "heading: $(cat "$work/out")"
for row in "An:✓" "Bình:!" "Chi:!" "Dũng:…" "Lê, Em:·"; do
	name=${row%:*}
	sym=${row##*:}
	grep -q "^$name  *$sym\$" "$work/out" ||
	    fail "$name is not $sym: $(cat "$work/out")"
done
grep -q "^passed  *1\$" "$work/out" || fail "passed total"
grep -q "^needs help  *2\$" "$work/out" || fail "needs help total"

# The CSV: times in the device's local time, ISO 8601 with the offset.
TZ=Asia/Ho_Chi_Minh "$hocso" -d "$data" report --class 5A --format csv \
    >"$work/csv" || fail "csv"
head -c 3 "$work/csv" | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM"
[ "$(grep -c "vn.hocso.secrets" "$work/csv")" = 5 ] || fail "csv rows"
head -n 1 "$work/csv" | grep -q '^.\{0,3\}class,learner,module,module_title,status,' ||
    fail "English headings: $(head -n 1 "$work/csv")"
grep -q '^5A,An,vn.hocso.secrets,Secure your secrets,passed,0,2,1,80,80,2026-11-20T15:05+07:00' \
    "$work/csv" || fail "An's row: $(cat "$work/csv")"
grep -q '^5A,"Lê, Em",vn.hocso.secrets,.*,not started,0,2,0,,,' \
    "$work/csv" || fail "a name with a comma is not quoted"
grep -q '^5A,Chi,.*,needs help,0,2,2,60,60,2026-11-21T15:05+07:00' \
    "$work/csv" || fail "Chi's row: $(grep Chi "$work/csv")"
# In a Vietnamese school (--lang vi, or no --lang with LANG=C.UTF-8):
# Vietnamese headings and statuses (not in a build without NLS, which
# speaks English only: make check sets HOCSO_NLS).
[ "${HOCSO_NLS:-yes}" != no ] &&
for how in "--lang vi" ""; do
	TZ=Asia/Ho_Chi_Minh LANGUAGE= "$hocso" -d "$data" $how report \
	    --class 5A --format csv >"$work/csv-vi" || fail "csv in Vietnamese"
	head -n 1 "$work/csv-vi" | grep -q 'lớp,học sinh,mô-đun,tên mô-đun,trạng thái,' ||
	    fail "Vietnamese headings ($how): $(head -n 1 "$work/csv-vi")"
	grep -q '^5A,An,.*,2026-11-20T15:05+07:00' "$work/csv-vi" ||
	    fail "An's row in Vietnamese: $(grep An "$work/csv-vi")"
done

"$hocso" -d "$data" report --class 9Z 2>"$work/err" && fail "no such class"
grep -q "no class named 9Z" "$work/err" || fail "message: $(cat "$work/err")"
"$hocso" -d "$data" report --format pdf 2>/dev/null && fail "a bad format"
echo "PASS: report statuses, totals and CSV"
