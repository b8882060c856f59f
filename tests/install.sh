#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# install.sh: a school's side of packages from the command line: trust a
# publisher, install, list, refuse a bad package with one line and the
# catalog untouched, remove; and progress survives all of it.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
hocso=$top_builddir/learn/hocso
pack=$top_builddir/lessons/hocso-pack
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-install-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

"$pack" keygen -o school-test --name "Sở GD&ĐT Thử" >/dev/null
"$pack" build "$top_srcdir/tests/fixtures/secrets-v1" -o s.hsm --key school-test.key >/dev/null

set +e
"$hocso" -d data install s.hsm 2>err; rc=$?
set -e
[ $rc = 1 ] && grep -q "no publisher is trusted" err || fail "installed untrusted"
"$hocso" -d data trust add school-test.pub | grep -q "trusted publisher Sở GD&ĐT Thử" ||
    fail "trust add"
"$hocso" -d data trust list | grep -q "^school-test " || fail "trust list"
"$hocso" -d data install s.hsm | grep -q "installed vn.hocso.secrets 1.0.0" ||
    fail "install"
"$hocso" -d data modules | grep -q "^vn.hocso.secrets 1.0.0  Secure your secrets" ||
    fail "modules"

# the same version again only with --force
set +e
"$hocso" -d data install s.hsm 2>err; rc=$?
set -e
[ $rc = 1 ] && grep -q "already installed" err || fail "reinstalled without --force"
"$hocso" -d data install --force s.hsm | grep -q "installed" || fail "--force"

# a byte flipped in the middle of the package
before=$(cd data && find . -type f | sort | xargs sha256sum)
cp s.hsm bad.hsm
size=$(stat -c %s bad.hsm)
printf 'X' | dd of=bad.hsm bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
set +e
"$hocso" -d data install bad.hsm 2>err; rc=$?
set -e
[ $rc = 1 ] || fail "a damaged package installed"
[ "$(wc -l <err)" = 1 ] || fail "not one line: $(cat err)"
grep -q "bad.hsm" err || fail "the message does not name the package"
after=$(cd data && find . -type f | sort | xargs sha256sum)
[ "$before" = "$after" ] || fail "the data folder changed"
ls -a data/modules | grep -q "^\.tmp" && fail "a temporary folder was left"

# several packages at once: each installed or refused, status 1 if any failed
set +e
"$hocso" -d data install --force s.hsm bad.hsm >out 2>err; rc=$?
set -e
[ $rc = 1 ] || fail "status $rc with one bad package of two"
grep -q "installed vn.hocso.secrets" out || fail "the good one not installed"
[ "$(wc -l <err)" = 1 ] && grep -q "bad.hsm" err ||
    fail "not one line for bad.hsm"

# a module damaged on disk can still be replaced, then removed
echo "bogus = 1" >>data/modules/vn.hocso.secrets/module.ini
"$hocso" -d data install s.hsm | grep -q "installed" ||
    fail "damaged not replaced"
echo "bogus = 1" >>data/modules/vn.hocso.secrets/module.ini
"$hocso" -d data remove vn.hocso.secrets | grep -q "removed" ||
    fail "damaged not removed"
"$hocso" -d data install s.hsm >/dev/null

"$hocso" -d data remove vn.hocso.secrets | grep -q "removed" || fail "remove"
[ -z "$("$hocso" -d data modules)" ] || fail "still listed"
set +e
"$hocso" -d data remove vn.hocso.secrets 2>err; rc=$?
set -e
[ $rc = 1 ] || fail "removed twice"
# an author's own unsigned build, allowed and marked
"$pack" build "$top_srcdir/tests/fixtures/secrets-v1" -o u.hsm --unsigned >/dev/null
set +e
"$hocso" -d data install u.hsm 2>err; rc=$?
set -e
[ $rc = 1 ] && grep -q "not signed" err || fail "an unsigned package installed"
"$hocso" -d data install --allow-unsigned u.hsm >/dev/null
"$hocso" -d data modules | grep -q "(unsigned)" || fail "not marked unsigned"
echo "PASS: trust, install, refuse, several, damaged, remove, unsigned"
