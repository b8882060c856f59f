#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# stick-hostile.sh: a hostile USB stick cannot make hocso or hocso-server
# write outside the stick, nor hang them.  At every name the programs
# write on a stick (the bundles of "hocso sync --to", the request of
# "hocso enroll --to", the receipts and enrolment answers of
# "hocso-server import") and at the temporary names older versions used,
# the stick holds in turn a symbolic link to a canary file outside it, to
# the device's hocso.db, to the server's server.key, a dangling link, a
# FIFO and a folder.  Each time the command refuses with a message that
# names the file (or, at an old temporary name, succeeds without using
# it), the canary, hocso.db and server.key keep their bytes, what was
# planted is still there, and nothing hangs (each command runs under
# "timeout 20"; 124 is a hang).  A FIFO or a link in place of a bundle, a
# receipt, an enrolment request or answer, or a package that the programs
# read is refused at once.  And "hocso install" removes the temporary
# folders a killed install left; a new data folder is 0700, hocso.db 0600.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v timeout >/dev/null || { echo "SKIP: no timeout(1)"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-hostile-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT
HOCSO_BUNDLE_EVENTS=1000
export HOCSO_BUNDLE_EVENTS

dev_of() { sqld "$1" "SELECT value FROM meta WHERE key = 'device_id'"; }

# A school enrolled by stick, with its events sent and acknowledged, so
# that its hocso.db no longer changes; and one more device, b, that is
# not enrolled yet.
new_school "$work/a" S01 2 10 7
new_school "$work/b" S01 1 5 3
status token 0 srv token --school S01
token=$(cat "$work/out")
status token-b 0 srv token --school S01
token_b=$(cat "$work/out")
mkdir "$work/setup"
status setup-enroll 0 school "$work/a" enroll --to "$work/setup" \
    --school S01 --token "$token"
# (Read after its first enrolment: a new device takes the id its key
# gives then, docs/sync-protocol.md.)
dev=$(dev_of "$work/a")
status setup-to 0 school "$work/a" sync --to "$work/setup"
status setup-import 0 srv import "$work/setup"
status setup-from 0 school "$work/a" sync --from "$work/setup"
# One bundle that the server has (its receipt is written again on each
# import), kept aside.
school "$work/a" simulate --learners 1 --minutes 2 --seed 9 --class 5A \
    >/dev/null
mkdir "$work/kept"
status kept 0 school "$work/a" sync --to "$work/kept"
bundle=$(cd "$work/kept" && ls | grep '\.hsb$')
[ -n "$bundle" ] && ok || fail "no bundle to keep"
receipt=${bundle%.hsb}.receipt
# Device b's enrolment request, kept aside.
mkdir "$work/req"
status req-b 0 school "$work/b" enroll --to "$work/req" --school S01 \
    --token "$token_b"
devb=$(dev_of "$work/b")

canary=$work/canary
printf 'canary: nothing may write here\n' >"$canary"
db=$work/a/hocso.db
key=$work/srv/server.key
sums() { cat "$canary" "$db" "$key" "$work/b/hocso.db" | sha256sum; }
before=$(sums)

# plant KIND PATH: what a hostile stick holds at PATH.
plant() {
	case $1 in
	link-canary) ln -s "$canary" "$2" ;;
	link-db) ln -s "$db" "$2" ;;
	link-key) ln -s "$key" "$2" ;;
	dangling) ln -s "$work/made-through-a-link" "$2" ;;
	fifo) mkfifo "$2" ;;
	dir) mkdir "$2" ;;
	esac
}

# still KIND PATH: PATH is still what plant made.
still() {
	case $1 in
	link-*|dangling) [ -L "$2" ] ;;
	fifo) [ -p "$2" ] ;;
	dir) [ -d "$2" ] && [ ! -L "$2" ] ;;
	esac
}

kinds="link-canary link-db link-key dangling fifo dir"

# guarded NAME WANT CMD...: status under timeout 20, a hang named so.
guarded() {
	name=$1 want=$2
	shift 2
	status "$name" "$want" timeout 20 "$@"
	[ "$got" != 124 ] || fail "$name: hung"
}

# attack KIND: a fresh copy of $src as $s with KIND planted at $file,
# then $cmd run on the copy (the word STICK in it is replaced by its
# path); it must fail naming the file, leave the file as planted and
# everything else as it was ($hn names the case).
attack() {
	s=$work/stick-$1
	rm -rf "$s"
	cp -R "$src" "$s"
	rm -rf "${s:?}/$file"
	plant "$1" "$s/$file"
	set --
	for a in $cmd; do
		case $a in STICK*) a=$s${a#STICK} ;; esac
		set -- "$@" "$a"
	done
	guarded "$hn/$k" 1 "$@"
	contains "$hn/$k names the file" "$work/err" "$s/$file"
	contains "$hn/$k says why" "$work/err" "refused"
	same "$hn/$k sums" "$(sums)" "$before"
	still "$k" "$s/$file" && ok || fail "$hn/$k: $file replaced"
}

# hostile NAME STICK FILE CMD...: for each kind, a fresh copy of STICK
# (a folder) with the kind planted at FILE, then CMD run on the copy
# (the word STICK in CMD is replaced by its path); CMD must fail naming
# FILE, and leave everything else as it was.
hostile() {
	hn=$1 src=$2 file=$3
	for k in $kinds; do
		attack "$k"
		[ ! -e "$work/made-through-a-link" ] && ok ||
		    fail "$hn/$k: a file made through a dangling link"
		same "$hn/$k no tmp" "$(ls -A "$s" | grep -c '\.tmp$' || true)" 0
		rm -rf "$s"
	done
}

# The writers.
mkdir "$work/empty"
cmd="$hocso --lang en -d $work/a sync --to STICK"
hostile sync-to-bundle "$work/kept" "$bundle"
cmd="$hocso --lang en -d $work/b enroll --to STICK --school S01 --token $token_b"
hostile enroll-to "$work/empty" "hocso-$devb.enroll"
cmd="$server --data $work/srv import STICK"
hostile import-receipt "$work/kept" "$receipt"
cmd="$server --data $work/srv import STICK"
hostile import-answer "$work/req" "hocso-$devb.enrolled"
# The refused requests did not use device b's token.
same token-b-unused "$(sqls "SELECT count(*) FROM tokens
    WHERE device IS NOT NULL AND device <> ''")" 1

# The old, predictable temporary names are not used: a link there stays,
# and the file is written whole beside it.
for k in link-canary link-db link-key fifo; do
	s=$work/stick-old-$k
	rm -rf "$s"
	mkdir "$s"
	plant "$k" "$s/.$bundle.tmp"
	guarded "old-tmp/sync-to/$k" 0 "$hocso" --lang en -d "$work/a" sync \
	    --to "$s"
	cmp -s "$s/$bundle" "$work/kept/$bundle" && ok ||
	    fail "old-tmp/sync-to/$k: the bundle is not whole"
	still "$k" "$s/.$bundle.tmp" && ok || fail "old-tmp/sync-to/$k: replaced"
	plant "$k" "$s/.$receipt.tmp"
	guarded "old-tmp/import/$k" 0 "$server" --data "$work/srv" import "$s"
	[ -f "$s/$receipt" ] && [ ! -L "$s/$receipt" ] && ok ||
	    fail "old-tmp/import/$k: no receipt"
	still "$k" "$s/.$receipt.tmp" && ok || fail "old-tmp/import/$k: replaced"
	same "old-tmp/$k sums" "$(sums)" "$before"
	rm -rf "$s"
done

# The readers: a FIFO or a link where a file is read is refused at once.
# reader NAME FILE SRC CMD...: as hostile, but for the kinds a reader
# meets (a link to the canary, a dangling link, a FIFO).
reader() {
	hn=$1 file=$2 src=$3
	for k in link-canary dangling fifo; do
		attack "$k"
		rm -rf "$s"
	done
}
cmd="$server --data $work/srv import STICK"
reader import-bundle "$bundle" "$work/empty"
reader import-request "hocso-$devb.enroll" "$work/empty"
cmd="$hocso --lang en -d $work/a sync --from STICK"
reader from-receipt "$receipt" "$work/empty"
# Device b waits for its answer (its request was written above).
status b-pending 0 school "$work/b" enroll --to "$work/empty" --school S01 \
    --token "$token_b"
rm -f "$work/empty/hocso-$devb.enroll"
before=$(sums)
cmd="$hocso --lang en -d $work/b sync --from STICK"
reader from-answer "hocso-$devb.enrolled" "$work/empty"
# A package to install.
cmd="$hocso --lang en -d $work/a install STICK/m.hsm"
reader install-package m.hsm "$work/empty"

# A name with control characters is printed without them.
s=$work/stick-names
mkdir "$s"
mkfifo "$s/$(printf 'evil\033[2J\033]0;x\007')-000001.hsb"
guarded control-chars 1 "$server" --data "$work/srv" import "$s"
if LC_ALL=C grep -q "$(printf '\033')" "$work/err"; then
	fail "control-chars: an escape reached the terminal"
else ok; fi
contains control-chars "$work/err" "evil?[2J?]0;x?-000001.hsb"

# hocso install removes what an install killed midway left.
mkdir -p "$work/a/modules/.tmp-Xy12Ab/lessons" "$work/a/modules/.old-gone"
echo stale >"$work/a/modules/.tmp-Xy12Ab/module.ini"
"$pack" keygen -o "$work/pub" --name hostile-test >/dev/null
"$pack" build "$top_srcdir/tests/fixtures/secrets-v1" -o "$work/s.hsm" \
    --key "$work/pub.key" >/dev/null
school "$work/a" trust add "$work/pub.pub" >/dev/null
status install 0 school "$work/a" install --force "$work/s.hsm"
same install-stale "$(ls -A "$work/a/modules" | grep -c '^\.\(tmp\|old\)-' ||
    true)" 0

# A new data folder is private, and so is its store.
status new-data 0 "$hocso" --lang en -d "$work/new/data" school --name X \
    --code S09 --teacher-pin 2468
same data-mode "$(stat -c %a "$work/new/data")" 700
same db-mode "$(stat -c %a "$work/new/data/hocso.db")" 600

sync_summary
