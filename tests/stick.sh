#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# stick.sh: the teacher's first day from the command line, as the app's
# USB stick and sheet screens run it: "hocso install --check" says what
# installing each package on a stick folder would do (new, an upgrade,
# already there, older) and refuses a link, a FIFO, a huge file and junk
# in hocso install's own words, the catalog untouched; "hocso learner
# import --skip-bad" adds the good rows of a list of 40 with 3 bad ones;
# "hocso class sheet" writes the names (and, for a class with PINs, new
# PINs that then work, and only with --new-pins) as a page of 80
# columns, sends it to lp (a fake one that records its arguments), and
# refuses without changing anything: no lp, a link where the sheet goes,
# an unknown class.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
hocso=$top_builddir/learn/hocso
pack=$top_builddir/lessons/hocso-pack
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-stick-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=
export HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
unset HOCSO_DATA_DIR XDG_DATA_HOME
data=$work/data
db=$data/hocso.db
stick=$work/stick
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
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: '$2', wanted '$3'"; fi; }
sql() { "$SQLITE3_BIN" "$db" "$1"; }
catalog() { (cd "$data/modules" && find . -mindepth 1 | sort | xargs ls -ld --time-style=+%s) | sha256sum; }

# A school that trusts the demo publisher and has basics 1.0.0.
key=$top_srcdir/lessons/demo-key/hocso-demo.key
mkdir -p "$stick" "$work/src"
run school 0 school --name "Trường Bản Lầu" --code LC-001
run trust 0 trust add "$top_srcdir/lessons/demo-key/hocso-demo.pub"
build() {	# build MODULE VERSION OUT
	rm -rf "$work/src/$1"
	cp -R "$top_srcdir/lessons/curriculum/$1" "$work/src/$1"
	chmod -R u+w "$work/src/$1"
	sed -i "s/^version *=.*/version = $2/" "$work/src/$1/module.ini"
	"$pack" build "$work/src/$1" -o "$3" --key "$key" >/dev/null
}
build basics 1.1.0 "$work/basics-1.1.0.hsm"
run install-basics 0 install "$work/basics-1.1.0.hsm"
build basics 1.0.0 "$stick/basics.hsm"
build secrets 1.2.0 "$stick/secrets.hsm"
build facts 1.0.0 "$stick/facts.hsm"
run install-facts 0 install "$stick/facts.hsm"
build secrets 1.0.0 "$work/secrets-1.0.0.hsm"
run install-secrets 0 install "$work/secrets-1.0.0.hsm"
# the hostile entries: a link out of the stick, a FIFO, a huge file
# (sparse), junk, and a folder that is a link (never entered)
printf 'canary\n' >"$work/canary"
ln -s "$work/canary" "$stick/link.hsm"
mkfifo "$stick/fifo.hsm"
truncate -s 300M "$stick/huge.hsm"
head -c 5000 /dev/urandom >"$stick/junk.hsm"
mkdir "$work/elsewhere"
cp "$stick/secrets.hsm" "$work/elsewhere/"
ln -s "$work/elsewhere" "$stick/linked-folder.hsm"
before=$(catalog)

run check 1 install --check "$stick"
expect check-older "$work/out" "$stick/basics.hsm: vn.hocso.basics 1.0.0 \"Getting started\", publisher hocso-demo (trusted): older than the installed 1.1.0"
expect check-same "$work/out" "$stick/facts.hsm: vn.hocso.facts 1.0.0 \"Check before you trust\", publisher hocso-demo (trusted): already installed"
expect check-upgrade "$work/out" "$stick/secrets.hsm: vn.hocso.secrets 1.2.0 \"Secure your secrets\", publisher hocso-demo (trusted): an upgrade of 1.0.0"
expect check-link "$work/err" "hocso: $stick/link.hsm: not a regular file (a symbolic link): refused"
expect check-fifo "$work/err" "hocso: $stick/fifo.hsm: not a regular file (a FIFO): refused"
expect check-huge "$work/err" "hocso: $stick/huge.hsm: larger than 268435456 bytes: refused"
expect check-junk "$work/err" "hocso: $stick/junk.hsm: not a module package (Unrecognized archive format)"
expect check-linked-folder "$work/err" "hocso: $stick/linked-folder.hsm: not a regular file (a symbolic link): refused"
same check-lines "$(wc -l <"$work/out") $(wc -l <"$work/err")" "3 5"
same check-catalog "$(catalog)" "$before"
same check-canary "$(cat "$work/canary")" canary
# the same words as hocso install itself
run install-link 1 install "$stick/link.hsm"
expect install-link "$work/err" "hocso: $stick/link.hsm: not a regular file (a symbolic link): refused"
run install-older 1 install "$stick/basics.hsm"
run check-older-one 0 install --check "$stick/basics.hsm"
same check-older-words "$(sed 's/.*: //' "$work/out")" "older than the installed 1.1.0"
# --porcelain: tab-separated, for the app
run porcelain 1 install --check --porcelain "$stick"
expect porcelain-ok "$work/out" "$(printf 'ok\t%s\tvn.hocso.secrets\t1.2.0\t1.0.0\tupgrade\thocso-demo\t1\tSecure your secrets' "$stick/secrets.hsm")"
expect porcelain-refused "$work/out" "$(printf 'refused\t%s\tnot a regular file (a FIFO): refused' "$stick/fifo.hsm")"
run check-usage 2 install --check --force "$stick"
run porcelain-usage 2 install --porcelain "$stick/secrets.hsm"
same check-catalog-after "$(catalog)" "$before"

# A class list of 40 with 3 bad rows: --skip-bad adds the 37 good ones.
run class 0 class add 4A
{
	echo "Họ và tên;Lớp"
	i=1
	while [ $i -le 40 ]; do
		case $i in
		7) echo "Lò Văn Bảy;4AA" ;;	# no such class
		19) echo ";4A" ;;		# no name
		33) echo "Học sinh số 2;4A" ;;	# twice
		*) echo "Học sinh số $i;4A" ;;
		esac
		i=$((i + 1))
	done
} >"$stick/lop4a.csv"
run import-all-or-none 1 learner import "$stick/lop4a.csv"
same import-none "$(sql "SELECT count(*) FROM learners")" 0
run import-skip 0 learner import --skip-bad "$stick/lop4a.csv"
expect import-skip "$work/out" "added 37 learners from $stick/lop4a.csv"
expect import-skip-left "$work/out" "left out 3 bad rows"
expect import-skip-why "$work/err" "$stick/lop4a.csv:8: there is no class 4AA: check its spelling, or add it first (hocso class add NAME), or import with --add-classes"
same import-37 "$(sql "SELECT count(*) FROM learners")" 37
same import-no-4AA "$(sql "SELECT count(*) FROM classes WHERE name = '4AA'")" 0

# The sheet of a class without PINs: names, 80 columns, A4 pages.
run sheet 0 class sheet 4A --out "$work/4a.txt"
expect sheet-said "$work/out" "wrote the sign-in sheet of class 4A (37 learners) to $work/4a.txt"
expect sheet-row "$work/4a.txt" "    1  Học sinh số 1"
same sheet-width "$(awk '{ if (length($0) > 80) n++ } END { print n + 0 }' "$work/4a.txt")" 0
same sheet-one-page "$(tr -cd '\f' <"$work/4a.txt" | wc -c)" 0
run sheet-default 0 class sheet 4A
same sheet-default-file "$(ls "$data/sheets")" "sign-in-4A-$(date +%Y-%m-%d).txt"
run sheet-pins-refused 1 class sheet 4A --new-pins --out "$work/x.txt"
[ ! -e "$work/x.txt" ] && ok || fail "a refused sheet was written"

# A class with PINs: only with --new-pins, and then the PINs work.
run class-pins 0 class add 5B --pins
i=1
while [ $i -le 70 ]; do
	echo "Em số $i,5B,1234" 
	i=$((i + 1))
done | { echo "name,class,pin"; cat; } >"$work/5b.csv"
run import-5b 0 learner import "$work/5b.csv"
hashes() { sql "SELECT group_concat(pin_hash) FROM learners l JOIN classes c ON c.id = l.class_id WHERE c.name = '5B'" | sha256sum; }
h0=$(hashes)
run sheet-no-new-pins 1 class sheet 5B --out "$work/5b.txt"
expect sheet-no-new-pins "$work/err" "hocso: class 5B signs in with a PIN, and PINs are kept only in a form no one can read: the sheet can show only new ones (--new-pins)"
same sheet-no-new-pins-kept "$(hashes)" "$h0"
[ ! -e "$work/5b.txt" ] && ok || fail "a refused sheet was written"
# a link where the sheet goes: refused before any PIN changes
ln -s "$work/canary" "$work/5b-link.txt"
run sheet-link 1 class sheet 5B --new-pins --out "$work/5b-link.txt"
expect sheet-link "$work/err" "hocso: $work/5b-link.txt: not a regular file (a symbolic link): refused"
same sheet-link-pins "$(hashes)" "$h0"
same sheet-link-canary "$(cat "$work/canary")" canary
# no lp: --print refused, nothing changed
mkdir "$work/bin" "$work/nolp"
ln -s "$(command -v sh)" "$work/nolp/sh"
set +e
PATH=$work/nolp "$hocso" --lang en -d "$data" class sheet 5B --new-pins \
    --print --out "$work/5b.txt" >"$work/out" 2>"$work/err"
got=$?
set -e
same sheet-no-lp "$got" 1
expect sheet-no-lp "$work/err" "hocso: there is no printing here (CUPS' lp is not installed): nothing was changed"
same sheet-no-lp-pins "$(hashes)" "$h0"
run sheet-unknown 1 class sheet 9Z --out "$work/9z.txt"
run sheet-usage 2 class sheet
# with a fake lp that records its arguments
cat >"$work/bin/lp" <<LP
#!/bin/sh
printf '%s\n' "\$@" >"$work/lp.args"
echo "request id is Laser-7 (1 file(s))"
LP
chmod +x "$work/bin/lp"
set +e
PATH=$work/bin:$PATH "$hocso" --lang en -d "$data" class sheet 5B \
    --new-pins --print --out "$work/5b.txt" >"$work/out" 2>"$work/err"
got=$?
set -e
same sheet-print "$got" 0
expect sheet-print "$work/out" "sent to the printer: request id is Laser-7 (1 file(s))"
expect sheet-new-pins "$work/out" "70 learners have a new PIN: the old ones no longer work"
same lp-args "$(cat "$work/lp.args" | tr '\n' ' ')" "-t hocso 5B -- $work/5b.txt "
[ "$(hashes)" != "$h0" ] && ok || fail "the PINs are not new"
same sheet-pages "$(tr -cd '\f' <"$work/5b.txt" | wc -c)" 1
same sheet-page-lines "$(awk 'BEGIN { RS = "\f" } { n = split($0, l, "\n"); if (n > m) m = n } END { print (m <= 61) }' "$work/5b.txt")" 1
same sheet-pins-distinct "$(grep -cE '^ +[0-9]+  Em số [0-9]+ +[0-9]{4}$' "$work/5b.txt") $(grep -oE '[0-9]{4}$' "$work/5b.txt" | sort -u | wc -l)" "70 70"
# (that a PIN on the sheet signs its learner in: tui-firstday.sh)

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
