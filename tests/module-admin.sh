#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# module-admin.sh: a province admin's modules and audit log (issue 19,
# "what a province admin expects"): module list shows what is
# published and offered; a version older than the one offered, or the
# same version with other contents, is refused in one line with nothing
# changed (--force keeps an older one beside it, the newer one still
# offered); module withdraw takes a version out of the catalog (a device
# then gets the older one; the package file stays), publishing the same
# file offers it again; every change is in the audit log, failures too.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-modadmin-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT
server_init

# module FILE VERSION [WORD]: the basics module as VERSION, packed (WORD
# changes its contents).
module() {
	rm -rf "$work/m"
	cp -R "$top_srcdir/lessons/curriculum/basics" "$work/m"
	chmod -R u+w "$work/m"
	sed -i "s/^version = .*/version = $2/" "$work/m/module.ini"
	[ -z "${3:-}" ] || echo "$3" >>"$work/m/module.ini"
	"$pack" build "$work/m" -o "$1" \
	    --key "$top_srcdir/lessons/demo-key/hocso-demo.key" >/dev/null
}
sha() { sha256sum "$1" | cut -c1-64; }
dump() { sqls "SELECT * FROM modules" | md5sum; ls "$work/srv/modules" | md5sum; }
catalog() { curl -sf "$url/v1/catalog"; }

module "$work/m10.hsm" 1.0.0
module "$work/m11.hsm" 1.1.0
module "$work/m11b.hsm" 1.1.0 "# other"
module "$work/m09.hsm" 0.9.0
status publish-10 0 srv publish "$work/m10.hsm"
status publish-11 0 srv publish "$work/m11.hsm"
expect publish-11 "$work/out" "published vn.hocso.basics 1.1.0"

# The list: both, the newer offered, the publisher's key recorded.
status list 0 srv module list
same list-lines "$(wc -l <"$work/out")" 3
expect list-head "$work/out" "MODULE  VERSION  PUBLISHER  PUBLISHED  BYTES  STATE  PACKAGE"
pub=$(cut -d" " -f2 "$top_srcdir/lessons/demo-key/hocso-demo.pub" | cut -c1-12)
same pub-len "${#pub}" 12
contains list-11 "$work/out" "vn.hocso.basics  1.1.0  $pub"
grep -q "^vn.hocso.basics  1\.1\.0 .*  offered  $(sha "$work/m11.hsm" | cut -c1-12)\$" \
    "$work/out" && ok || fail "list: 1.1.0 not offered: $(cat "$work/out")"
grep -q "^vn.hocso.basics  1\.0\.0 .*  $(stat -c %s "$work/m10.hsm")  older  " \
    "$work/out" && ok || fail "list: 1.0.0 not older: $(cat "$work/out")"

# Refused: older than offered, the same version with other contents.
refused older 1 "the catalog offers vn.hocso.basics 1.1.0, newer than 0.9.0" \
    srv publish "$work/m09.hsm"
contains older-how "$work/err" "module withdraw vn.hocso.basics 1.1.0"
refused other 1 "vn.hocso.basics 1.1.0 was published on" \
    srv publish "$work/m11b.hsm"
refused older-stdin 1 "the catalog offers vn.hocso.basics 1.1.0" \
    sh -c '"$0" --data "$1" publish - <"$2"' "$server" "$work/srv" "$work/m09.hsm"
# The same file again changes nothing and says so plainly.
status same-again 0 srv publish "$work/m11.hsm"
same same-again-rows "$(sqls "SELECT count(*) FROM modules")" 2
# --force: kept beside, the newer one still offered.
status force 0 srv publish --force "$work/m09.hsm"
expect force "$work/out" "the catalog still offers vn.hocso.basics 1.1.0: devices install 0.9.0 only where they have no vn.hocso.basics yet"

server_start
catalog >"$work/cat"
contains catalog-11 "$work/cat" "\"version\":\"1.1.0\""

# Withdraw 1.1.0: the catalog offers 1.0.0; the file stays, unserved.
refused withdraw-unknown 1 "the catalog does not offer vn.hocso.nothing" \
    srv module withdraw vn.hocso.nothing
refused withdraw-version 1 "the catalog does not offer vn.hocso.basics 7.0.0" \
    srv module withdraw vn.hocso.basics 7.0.0
refused withdraw-usage 2 "module withdraw: a module id" srv module withdraw
status withdraw 0 srv module withdraw vn.hocso.basics 1.1.0
expect withdraw "$work/out" "1 package of vn.hocso.basics withdrawn: the catalog no longer offers it; devices keep what they installed"
catalog >"$work/cat"
contains catalog-10 "$work/cat" "\"version\":\"1.0.0\""
grep -q '1\.1\.0' "$work/cat" && fail "catalog still offers 1.1.0" || ok
[ -f "$work/srv/modules/$(sha "$work/m11.hsm").hsm" ] && ok ||
    fail "the withdrawn package file is gone"
same withdrawn-404 "$(curl -s -o /dev/null -w '%{http_code}' \
    "$url/v1/modules/$(sha "$work/m11.hsm")")" 404
status list2 0 srv module list
grep -q "^vn.hocso.basics  1\.1\.0 .*  withdrawn  " "$work/out" && ok ||
    fail "list: 1.1.0 not withdrawn: $(cat "$work/out")"
grep -q "^vn.hocso.basics  1\.0\.0 .*  offered  " "$work/out" && ok ||
    fail "list: 1.0.0 not offered: $(cat "$work/out")"
# A school enrolled now, without basics, installs 1.0.0 (new_school
# copies the curriculum, whose basics may be newer).
new_school "$work/a" A01 1 5 1
rm -rf "$work/a/modules/vn.hocso.basics"
status enrol 0 school "$work/a" enroll --server "$url" --school A01 \
    --token "$(srv token --school A01)"
status sync 0 school "$work/a" sync
same installed "$(sed -n 's/^version = //p' "$work/a/modules/vn.hocso.basics/module.ini")" 1.0.0
# The kept file published again: offered again.
status republish 0 srv publish "$work/srv/modules/$(sha "$work/m11.hsm").hsm"
catalog >"$work/cat"
contains catalog-11-again "$work/cat" "\"version\":\"1.1.0\""

# The audit log: each change, who did it, and the failures.
status audit 0 srv audit
me=$(id -un)
expect audit-head "$work/out" "WHEN  WHO  ACTION  OBJECT  RESULT"
contains audit-publish "$work/out" "  $me  publish  $work/m11.hsm  ok"
contains audit-force "$work/out" "  $me  publish  --force $work/m09.hsm  ok"
# A refused action changed nothing, the log included.
grep -q "  publish  $work/m09.hsm  " "$work/out" && fail "audit: a refusal recorded" || ok
contains audit-withdraw "$work/out" "  $me  module withdraw  vn.hocso.basics 1.1.0  ok"
contains audit-token "$work/out" "  $me  token make  --school A01  ok"
grep -q "^[^ ]*  [^ ]*  \(module list\|audit\|token list\)  " "$work/out" && fail "audit: a listing recorded" || ok
# In the same transaction as the action: a store that cannot write the
# log refuses the action, and nothing of it stays.
sqls "CREATE TRIGGER no_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'no audit'); END"
status withdraw-noaudit 1 srv module withdraw vn.hocso.basics 1.0.0
same withdraw-noaudit-kept "$(sqls "SELECT withdrawn IS NULL FROM modules WHERE version = '1.0.0'")" 1
sqls "DROP TRIGGER no_audit"
# An import that stored a bundle and refused another: partly done.
school "$work/a" simulate --learners 1 --minutes 5 --seed 3 --class 5A >/dev/null
mkdir "$work/stick"
status sync-to 0 school "$work/a" sync --to "$work/stick"
echo "not a bundle" >"$work/stick/$(printf '%064d' 0).hsb"
status import 1 srv import "$work/stick"
contains import "$work/out" "1 bundle stored"
status audit-import 0 srv audit
contains audit-import "$work/out" "  $me  import  $work/stick  partly done (exit 1): 1 bundles stored, 1 refused"
# A restore and a key restore: recorded in the server they made.
status paper 0 srv key paper
cp "$work/out" "$work/paper"
status backup 0 srv backup "$work/bk"
status restore 0 "$server" --data "$work/srv2" restore "$work/bk"
status key-restore 0 sh -c '"$0" --data "$1" key restore <"$2"' "$server" \
    "$work/srv2" "$work/paper"
status audit-restored 0 "$server" --data "$work/srv2" audit
contains audit-restore "$work/out" "  $me  restore  $work/bk  ok"
contains audit-key-restore "$work/out" "  $me  key restore  -  ok"
contains audit-restored-old "$work/out" "  $me  module withdraw  vn.hocso.basics 1.1.0  ok"
# Periods and limits; local times, to the minute.
status audit-limit 0 srv audit --limit 2
same audit-limit-lines "$(wc -l <"$work/out")" 3
expect audit-last "$work/out" "$(srv audit | tail -1)"
status audit-future 0 srv audit --since 2999-01-01
same audit-future-lines "$(wc -l <"$work/out")" 1
status audit-until 0 srv audit --until 2000-01-02
same audit-until-lines "$(wc -l <"$work/out")" 1
status audit-today 0 srv audit --since "$(date +%Y-%m-%d)" --until "$(date +%Y-%m-%d)"
same audit-today-lines "$(wc -l <"$work/out")" "$(srv audit | wc -l)"
status audit-bad 2 srv audit --since yesterday
contains audit-bad "$work/err" "audit: 'yesterday' is not a date (2026-11-28)"
status audit-bad-limit 2 srv audit --limit 0
contains audit-bad-limit "$work/err" "--limit wants a whole number from 1"

printf 'module-admin.sh: '
sync_summary
