#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# school.sh: the roster from the command line, end to end on a fresh data
# folder: classes and learners added and listed (Vietnamese names aligned
# by display width), CSV imports (comma with a BOM, semicolon), a CSV
# with bad rows that adds nothing, and a removal that erases the name
# from the database file while the learner's progress stays.
set -eu
: "${top_builddir:?run through make check}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
hocso=$top_builddir/learn/hocso
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-school-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=
export HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
unset HOCSO_DATA_DIR XDG_DATA_HOME
data=$work/data
db=$data/hocso.db
failed=0 passed=0

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

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

lines() {	# lines NAME FILE N: FILE has N lines
	if [ "$(wc -l <"$2")" = "$3" ]; then ok; else
		fail "$1: $2 has not $3 lines:"
		cat "$2"
	fi
}

sql() { "$SQLITE3_BIN" "$db" "$1"; }

same() {	# same NAME GOT WANTED
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', wanted '$3'"; fi
}

# Classes.
run class-add 0 class add 4A
expect class-add "$work/out" "added class 4A"
run class-pins 0 class add "Lớp 5B" --pins
run class-twice 1 class add 4A
lines class-twice "$work/err" 1
expect class-twice "$work/err" "hocso: there is already a class named 4A"
run class-usage 2 class add
run class-usage2 2 class frob
run class-list 0 class list
cat >"$work/want" <<'EOF'
class   PINs  learners
4A      no    0
Lớp 5B  yes   0
EOF
diff -u "$work/want" "$work/out" && ok || fail "class list"

# Learners, refused ones first: each one line, nothing added.
run short-pin 1 learner add --class 4A "Nguyễn Văn An" --pin 12
expect short-pin "$work/err" "hocso: the PIN must be 4 to 8 digits"
run needs-pin 1 learner add --class "Lớp 5B" "Trần Thị Bích"
expect needs-pin "$work/err" \
    "hocso: class Lớp 5B signs in with a PIN: this learner needs one"
run no-class 1 learner add --class 9Z An
expect no-class "$work/err" "hocso: there is no class named 9Z"
run bad-lang 1 learner add --class 4A An --lang fr
lines bad-lang "$work/err" 1
run no-class-option 2 learner add "Nguyễn Văn An"
lines no-class-option "$work/err" 1
same nothing-added "$(sql 'SELECT count(*) FROM learners')" 0

run add 0 learner add --class 4A "Nguyễn Văn An"
expect add "$work/out" "added Nguyễn Văn An to class 4A"
run add-pin 0 learner add --class "Lớp 5B" --pin 4321 --lang en "Trần Thị Bích"
run add-twice 1 learner add --class 4A "Nguyễn Văn An"
expect add-twice "$work/err" \
    "hocso: there is already a learner named Nguyễn Văn An in class 4A"
run add-ascii 0 learner add --class 4A "Ho Van Ba"
# Columns line up by display width, not bytes: "Nguyễn Văn An" is 13
# columns and 18 bytes.
run list 0 learner list
cat >"$work/want" <<'EOF'
class   name           PIN  language
4A      Nguyễn Văn An  no   vi
4A      Ho Van Ba      no   vi
Lớp 5B  Trần Thị Bích  yes  en
EOF
diff -u "$work/want" "$work/out" && ok || fail "learner list"
run list-class 0 learner list --class "Lớp 5B"
lines list-class "$work/out" 2
run list-no-class 1 learner list --class 9Z
lines list-no-class "$work/err" 1

# A good import: a spreadsheet's CSV with a BOM, CRLF and Vietnamese
# headers, making a new class: refused without --add-classes (a class
# name not there is taken for a typo once the school has classes).
printf '\357\273\277STT,Họ và tên,Lớp,Mã PIN\r\n1,Phạm Thị Hoa,Lớp 4C,1234\r\n2,"Đỗ Minh, Khôi",Lớp 4C,56789\r\n3,Vũ Ánh,Lớp 4C,2468\r\n' \
    >"$work/lop4c.csv"
run import-newclass 1 learner import "$work/lop4c.csv"
expect import-newclass "$work/err" "$work/lop4c.csv:2: there is no class Lớp 4C: check its spelling, or add it first (hocso class add NAME), or import with --add-classes"
expect import-newclass "$work/err" "hocso: $work/lop4c.csv: 3 rows are bad: nothing was added"
same import-newclass-none "$(sql "SELECT count(*) FROM classes WHERE name = 'Lớp 4C'")" 0
run import 0 learner import --add-classes "$work/lop4c.csv"
expect import "$work/out" "added 3 learners from $work/lop4c.csv"
expect import "$work/out" "added 1 new class"
same import-pins "$(sql "SELECT pins FROM classes WHERE name = 'Lớp 4C'")" 1
same import-hashes "$(sql "SELECT count(*) FROM learners WHERE pin_hash LIKE '\$argon2id\$%'")" 4
# A semicolon-separated one, into a class that is there.
printf 'tên;lớp\n"Lê; Văn Tám";4A\nNgô Bảo Châu;4A\n' >"$work/semi.csv"
run import-semi 0 learner import "$work/semi.csv"
expect import-semi "$work/out" "added 2 learners from $work/semi.csv"
run list-4a 0 learner list --class 4A
expect list-4a "$work/out" "4A     Lê; Văn Tám    no   vi"
same after-imports "$(sql 'SELECT count(*) FROM learners')" 8

# An import with two bad rows: both said as FILE:LINE: reason, nothing
# added (not even its good rows or its new class).
cat >"$work/lop4a.csv" <<'EOF'
name,class,pin
Mai Anh,Lớp 3A,1111
Quang,Lớp 3A,2222
Hùng,Lớp 3A,12
Lan,Lớp 3A,3333
Nguyễn Văn An,4A,
EOF
run import-bad 1 learner import --add-classes "$work/lop4a.csv"
cat >"$work/want" <<EOF
$work/lop4a.csv:4: the PIN must be 4 to 8 digits
$work/lop4a.csv:6: there is already a learner named Nguyễn Văn An in class 4A
hocso: $work/lop4a.csv: 2 rows are bad: nothing was added
EOF
diff -u "$work/want" "$work/err" && ok || fail "import with bad rows"
same nothing-imported "$(sql 'SELECT count(*) FROM learners')" 8
same no-new-class "$(sql "SELECT count(*) FROM classes WHERE name = 'Lớp 3A'")" 0
same no-good-row "$(sql "SELECT count(*) FROM learners WHERE name = 'Mai Anh'")" 0
# A typo in one row's class: the row is refused, naming the line and
# the class; nothing is added, no class is made.
printf 'name,class\nTô Văn Hải,4A\nĐinh Thu,4 A\n' >"$work/typo.csv"
before=$(sql 'SELECT count(*) FROM learners')
run import-typo 1 learner import "$work/typo.csv"
cat >"$work/want" <<EOF
$work/typo.csv:3: there is no class 4 A: check its spelling, or add it first (hocso class add NAME), or import with --add-classes
hocso: $work/typo.csv: 1 row is bad: nothing was added
EOF
diff -u "$work/want" "$work/err" && ok || fail "import with a class typo"
same typo-nothing "$(sql 'SELECT count(*) FROM learners')" "$before"
same typo-no-class "$(sql "SELECT count(*) FROM classes WHERE name = '4 A'")" 0
run import-missing 1 learner import "$work/nope.csv"
lines import-missing "$work/err" 1

# Removal: the name and PIN leave the database file; the learner's
# progress and events stay under the random uuid.
id=$(sql "SELECT id FROM learners WHERE name = 'Trần Thị Bích'")
uuid=$(sql "SELECT uuid FROM learners WHERE id = $id")
sql "INSERT INTO lesson_progress (learner_id, module, lesson, screen,
    screens_seen, completed_at) VALUES ($id, 'm', '01', 3, 4, 'now');
    INSERT INTO events (uuid, ts, actor, verb, object)
    VALUES ('e-1', 'now', '$uuid', 'completed', 'urn:hocso:m:lesson:01');"
grep -q "Trần Thị Bích" "$db" && ok || fail "the name is not in the file to begin with"
run remove 0 learner remove --class "Lớp 5B" "Trần Thị Bích"
lines remove "$work/out" 1
same removed-name "$(sql "SELECT count(*) FROM learners WHERE name LIKE '%Bích%'")" 0
same removed-row "$(sql "SELECT name = '' AND pin_hash IS NULL AND removed_at IS NOT NULL FROM learners WHERE uuid = '$uuid'")" 1
same progress-kept "$(sql "SELECT count(*) FROM lesson_progress WHERE learner_id = $id")" 1
same events-kept "$(sql "SELECT count(*) FROM events WHERE actor = '$uuid'")" 1
# (not in the free space or the log either)
if cat "$db"* | grep -q "Trần Thị Bích"; then
	fail "the removed name is still in the database files"
else ok; fi
run list-after 0 learner list --class "Lớp 5B"
expect list-after "$work/out" "no learners yet"
run remove-again 1 learner remove --class "Lớp 5B" "Trần Thị Bích"
lines remove-again "$work/err" 1
run remove-usage 2 learner remove "Ho Van Ba"

# Renaming, moving, a new PIN, the language; each refused when it
# must be, with nothing changed.
run r-add 0 learner add --class 4A "Hờ A Dơ"
run r-add2 0 learner add --class 4A "Hờ A Tú"
run rename 0 learner rename --class 4A "Hờ A Dơ" "Hờ A Dờ"
expect rename "$work/out" "renamed Hờ A Dơ to Hờ A Dờ in class 4A"
run rename-taken 1 learner rename --class 4A "Hờ A Tú" "Hờ A Dờ"
lines rename-taken "$work/err" 1
same rename-kept "$(sql "SELECT count(*) FROM learners WHERE name = 'Hờ A Tú'")" 1
run move-needs-pin 1 learner move --class 4A "Hờ A Dờ" "Lớp 5B"
expect move-needs-pin "$work/err" "hocso: class Lớp 5B signs in with a PIN: this learner needs one"
run new-pin 0 learner pin --class 4A "Hờ A Dờ" 97531
run bad-pin 1 learner pin --class 4A "Hờ A Dờ" 12
run move 0 learner move --class 4A "Hờ A Dờ" "Lớp 5B"
same moved "$(sql "SELECT c.name FROM learners l JOIN classes c ON c.id = l.class_id WHERE l.name = 'Hờ A Dờ'")" "Lớp 5B"
run lang 0 learner lang --class "Lớp 5B" "Hờ A Dờ" en
same lang-set "$(sql "SELECT lang FROM learners WHERE name = 'Hờ A Dờ'")" en
run lang-bad 1 learner lang --class "Lớp 5B" "Hờ A Dờ" fr
run change-usage 2 learner rename "Hờ A Dờ" x
run class-set 0 class set 4A --pins on --break 20 --daily 60
same class-set-kept "$(sql "SELECT pins || break_minutes || '/' || daily_minutes FROM classes WHERE name = '4A'")" "120/60"
run class-set-none 1 class set 9Z --break 5
run class-set-usage 2 class set 4A

# Classes renamed, and removed only when empty.
run class-rename 0 class rename 4A "4A1"
expect class-rename "$work/out" "renamed class 4A to 4A1"
run class-rename-taken 1 class rename 4A1 "Lớp 5B"
run class-remove-full 1 class remove 4A1
expect class-remove-full "$work/err" "hocso: class 4A1 still has 5 learners: move or remove them first"
run class-empty 0 class add "Lớp trống"
run class-remove 0 class remove "Lớp trống"
same class-gone "$(sql "SELECT count(*) FROM classes WHERE name = 'Lớp trống'")" 0

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
