#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# readspeed.sh: "hocso learner speech-rate" (issue 18).  The teacher sets
# a learner's read-aloud speed (slow, normal, fast: 100, 130 and 170
# words a minute) or gives them back the school's; without a speed it
# says the one in use.  Bad input (no such learner or class, a speed
# that is not one of those, a missing class) is refused in one line with
# a non-zero exit and nothing changed.  A store made before speeds
# existed (schema 8) is brought up to date with every learner at the
# school's speed.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-speed-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
SQLITE3_BIN=${SQLITE3_BIN:-sqlite3}
fail() { echo "FAIL: $*"; exit 1; }
data=$work/data
mkdir -p "$data"
cd "$work"
hocso() { "$top_builddir/learn/hocso" --data-dir "$data" --lang en "$@"; }
sql() { "$SQLITE3_BIN" "$data/hocso.db" "$1"; }
rates() { sql "SELECT name || '=' || coalesce(speech_rate, '-') FROM learners
    ORDER BY id" | tr '\n' ' '; }

hocso school --speech-rate 120 >/dev/null
hocso class add 2A >/dev/null
hocso learner add --class 2A "Lò Thị Mai" >/dev/null
hocso learner add --class 2A Tú >/dev/null

# Unset: the school's speed.
[ "$(hocso learner speech-rate --class 2A "Lò Thị Mai")" = \
    "Lò Thị Mai of class 2A: read-aloud at the school's speed, 120 words a minute" ] ||
    fail "unset: $(hocso learner speech-rate --class 2A "Lò Thị Mai")"
# Each named speed, kept as words a minute.
for s in slow:100 normal:130 fast:170; do
	out=$(hocso learner speech-rate --class 2A "Lò Thị Mai" "${s%:*}")
	[ "$out" = "Lò Thị Mai of class 2A: read-aloud ${s%:*}, ${s#*:} words a minute" ] ||
	    fail "${s%:*}: $out"
	[ "$(sql "SELECT speech_rate FROM learners WHERE name = 'Lò Thị Mai'")" = "${s#*:}" ] ||
	    fail "${s%:*} not kept"
done
[ "$(hocso learner speech-rate --class 2A "Lò Thị Mai")" = \
    "Lò Thị Mai of class 2A: read-aloud fast, 170 words a minute" ] ||
    fail "shown: $(hocso learner speech-rate --class 2A "Lò Thị Mai")"
[ "$(rates)" = "Lò Thị Mai=170 Tú=- " ] || fail "the other learner changed: $(rates)"
# In Vietnamese (a build without NLS speaks English only).
out=$("$top_builddir/learn/hocso" --data-dir "$data" --lang vi learner \
    speech-rate --class 2A Tú slow)
if [ "${HOCSO_NLS:-yes}" != no ]; then
	[ "$out" = "Tú lớp 2A: đọc to chậm, 100 từ một phút" ] ||
	    fail "vi: $out"
else
	[ "$out" = "Tú of class 2A: read-aloud slow, 100 words a minute" ] ||
	    fail "vi without NLS: $out"
fi
# school: none of their own again.
hocso learner speech-rate --class 2A Tú school | grep -q "at the school's speed, 120" ||
    fail "school"
[ "$(rates)" = "Lò Thị Mai=170 Tú=- " ] || fail "school not kept: $(rates)"

# Bad input: one line, a non-zero exit, nothing changed.
bad() {	# want-status want-text args...
	want=$1 text=$2
	shift 2
	before=$(rates)
	set +e
	hocso learner speech-rate "$@" >out 2>err
	rc=$?
	set -e
	[ "$rc" = "$want" ] || fail "speech-rate $*: exit $rc, not $want"
	[ "$(wc -l <err)" = 1 ] || fail "speech-rate $*: not one line: $(cat err)"
	grep -qF -- "$text" err || fail "speech-rate $*: $(cat err)"
	[ ! -s out ] || fail "speech-rate $*: said $(cat out)"
	[ "$(rates)" = "$before" ] || fail "speech-rate $*: changed $(rates)"
}
bad 1 "hocso: there is no learner named Nobody in class 2A" --class 2A Nobody slow
bad 1 "hocso: there is no class named 9Z" --class 9Z Tú slow
bad 1 "hocso: unknown reading speed 'turbo': use slow, normal, fast or school" \
    --class 2A Tú turbo
bad 1 "unknown reading speed '130'" --class 2A Tú 130
bad 1 "unknown reading speed ''" --class 2A Tú ""
bad 2 "learner speech-rate --class C NAME [slow|normal|fast|school]" Tú slow
bad 2 "learner speech-rate --class C NAME" --class 2A Tú slow fast
# A removed learner has no speed to set.
hocso learner remove --class 2A Tú >/dev/null
bad 1 "there is no learner named Tú in class 2A" --class 2A Tú fast

# A store from before speeds (schema 8): migrated, every learner at the
# school's speed.
sql "ALTER TABLE learners DROP COLUMN speech_rate; PRAGMA user_version = 8"
hocso learner speech-rate --class 2A "Lò Thị Mai" | grep -q "school's speed, 120" ||
    fail "after the migration"
[ "$(sql "PRAGMA user_version")" = 10 ] || fail "not migrated"
hocso learner speech-rate --class 2A "Lò Thị Mai" slow >/dev/null
[ "$(rates)" = "Lò Thị Mai=100 =- " ] || fail "after the migration: $(rates)"
echo "PASS: a learner's read-aloud speed: set, shown, refused when bad"
