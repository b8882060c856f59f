#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# hostile-errors.sh: the unclear errors of issue 14, finding 12, each fed
# its bad input: a lost device.key, a 0-byte store, a store with no
# device id, a -wal file left by root, a folder named like an enrolment
# request on a stick.  Each gives one line that says what happened and
# what to do, a non-zero exit, and changes nothing: no new device
# identity, nothing written to the stick.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-errors-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

s=$work/s
new_school "$s" E01 1 3 1
mkdir "$work/stick"
status first 0 school "$s" sync --to "$work/stick"
id=$(sqld "$s" "SELECT value FROM meta WHERE key = 'device_id'")
# tree DIR: every file under DIR with its contents' hash.
tree() { (cd "$1" && find . -type f -exec md5sum {} + | sort); }

# broken NAME TEXT: copies the school to $b, for the caller to break;
# then check NAME TEXT: hocso sync --to fails with one line holding
# TEXT, writes nothing on the stick, and leaves $b as it was.
broken() { rm -rf "$work/b"; cp -a "$s" "$work/b"; b=$work/b; }
check() {
	before=$(tree "$b") stick=$(tree "$work/stick")
	status "$1" 1 school "$b" sync --to "$work/stick"
	same "$1: one line" "$(wc -l <"$work/err")" 1
	contains "$1" "$work/err" "$2"
	same "$1: the school unchanged" "$(tree "$b")" "$before"
	same "$1: nothing on the stick" "$(tree "$work/stick")" "$stick"
}

broken
rm "$b/device.key"
check lost-key "device.key: missing, though device.pub is there: this device's secret key is lost; restore device.key from a backup"
grep -q "already exists" "$work/err" && fail "lost-key: 'already exists'" || ok

broken
: >"$b/hocso.db"
rm -f "$b/hocso.db-wal" "$b/hocso.db-shm"
status empty-store 1 school "$b" sync --to "$work/stick"
# (the key keeps the name it was made with; the store had adopted the id
# derived from the key, $id)
contains empty-store "$work/err" "device.key: made for device "
contains empty-store "$work/err" ", but the store (hocso.db) is device "
contains empty-store "$work/err" "the store was emptied or replaced; restore hocso.db from a backup (nothing was sent)"
grep -q "acknowledged" "$work/out" && fail "empty-store: 'acknowledged'" || ok

broken
sqld "$b" "DELETE FROM meta WHERE key = 'device_id'"
check no-device-id "the store (hocso.db) holds no device id: it was damaged; restore hocso.db from a backup (nothing was sent)"

# A -wal file left by root, readable but not writable by the teacher's
# account (this test runs as root: the teacher is nobody).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	broken
	"$SQLITE3_BIN" "$b/hocso.db" "PRAGMA wal_autocheckpoint = 0;
	    INSERT INTO meta VALUES ('x', 'y')" >/dev/null
	# sqlite3 checkpoints on close: leave a -wal as a crash would.
	[ -e "$b/hocso.db-wal" ] || : >"$b/hocso.db-wal"
	chown -R nobody "$b"
	chown root "$b/hocso.db-wal"
	chmod 644 "$b/hocso.db-wal"
	chmod 755 "$work"
	status readonly-wal 1 setpriv --reuid=nobody --regid=nogroup \
	    --clear-groups "$hocso" --lang en -d "$b" class add 6B
	contains readonly-wal "$work/err" "$b/hocso.db-wal: "
	contains readonly-wal "$work/err" "this file belongs to root and this user cannot write it: run hocso as root, or give the file back to this user (chown)"
	grep -q "readonly database" "$work/err" && fail "readonly-wal: SQLite's words" || ok
else
	echo "SKIP (this part only): readonly -wal needs root and setpriv"
fi

# A folder named like an enrolment request, and like a bundle, on a stick.
mkdir -p "$work/stick2/hocso-x.enroll" "$work/stick2/x.hsb"
status enroll-folder 1 "$server" --data "$work/srv" import "$work/stick2"
contains enroll-folder "$work/err" "hocso-x.enroll: not a regular file (a directory): refused"
grep -q "read error" "$work/err" && fail "enroll-folder: 'read error'" || ok

# A folder where the enrolment answer should be.
broken
mkdir "$work/stick3"
status enroll-to 0 school "$b" enroll --to "$work/stick3" --school E01 \
    --token "$("$server" --data "$work/srv" token --school E01)"
mkdir "$work/stick3/hocso-$id.enrolled"
before=$(tree "$b")
status enrolled-folder 1 school "$b" sync --from "$work/stick3"
same enrolled-folder "$(cat "$work/err")" "hocso: $work/stick3/hocso-$id.enrolled: not a regular file (a directory): refused"
same "enrolled-folder: the school unchanged" "$(tree "$b")" "$before"

printf 'hostile-errors.sh: '
sync_summary
