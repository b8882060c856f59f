#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tryit-check.sh: hocso-pack check and build refuse a bad type-it box
# (```try ...) at its line, in one line, with exit status 1, and change
# nothing: the module's folder is as it was and no package is written.
# Each case breaks one thing in a copy of tests/fixtures/tryit.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
pack=$top_builddir/lessons/hocso-pack
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-tryit-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
unset HOCSO_PACK_KEY
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

"$pack" keygen -o key --name "Test" >/dev/null
[ -f key.key ] || fail "no key to build with"

# The fixture is good to begin with.
cp -R "$top_srcdir/tests/fixtures/tryit" m
chmod -R u+w m
"$pack" check m || fail "the fixture has problems"
lesson=m/lessons/vi/01-thu.md

# refused SED-SCRIPT FILE:LINE MESSAGE: the lesson edited by SED-SCRIPT is
# refused by check with exactly "m/FILE:LINE: MESSAGE" (the problems on
# stdout, their count on stderr), and by build, which sends to check.
refused() {
	rm -rf m
	cp -R "$top_srcdir/tests/fixtures/tryit" m
	chmod -R u+w m
	sed -i "$1" "$lesson"
	before=$(find m -type f -exec sha256sum {} + | sort)
	set +e
	"$pack" check m >out 2>err
	rc=$?
	set -e
	[ $rc = 1 ] || fail "check exits $rc for: $3"
	[ "$(cat out)" = "m/$2: $3" ] ||
	    fail "check says '$(cat out)', not 'm/$2: $3'"
	[ "$(cat err)" = "hocso-pack: 1 problem" ] ||
	    fail "check's summary: $(cat err)"
	set +e
	"$pack" build m -o m.hsm --key key.key >out 2>err
	rc=$?
	set -e
	[ $rc = 1 ] || fail "build exits $rc for: $3"
	[ "$(cat err)" = "hocso-pack: m: 1 problem: see hocso-pack check" ] ||
	    fail "build says: $(cat out err)"
	[ ! -e m.hsm ] || fail "build wrote a package for: $3"
	[ "$(find m -type f -exec sha256sum {} + | sort)" = "$before" ] ||
	    fail "the module's folder changed"
}

refused 's/^```try telex$/```try tele/' \
    "lessons/vi/01-thu.md:26" \
    "unknown kind of try block 'tele': use password or telex"
refused 's/^```try telex$/```try/' \
    "lessons/vi/01-thu.md:26" \
    "a try block needs a kind: 'try password' or 'try telex'"
refused 's/^```try telex$/```try telex manh1/' \
    "lessons/vi/01-thu.md:26" \
    "the id 'manh1' is used twice in this lesson"
refused 's/^```try telex$/```try telex ten em/' \
    "lessons/vi/01-thu.md:26" \
    "a try block takes a kind and an id, no more words"
refused '/^Gõ tên em bằng Telex/d' \
    "lessons/vi/01-thu.md:26" \
    "a try block needs a prompt: a line that says what to type"
refused 's/^Gõ tên em bằng Telex.*/Một.\nHai.\nBa./' \
    "lessons/vi/01-thu.md:26" \
    "a try block's prompt is one or two lines"

# A try block in a quiz bank: refused at its line in the bank.
rm -rf m
cp -R "$top_srcdir/tests/fixtures/tryit" m
chmod -R u+w m
mkdir -p m/quizzes/vi
printf '::q1:: Mật khẩu nào mạnh? {\n=voi-xanh-an-kem #Đúng.\n~123456 #Chưa đúng.\n}\n\n```try password\nGõ thử.\n```\n' \
    >m/quizzes/vi/q.gift
printf '\n[quiz]\nbank = q.gift\n' >>m/module.ini
before=$(find m -type f -exec sha256sum {} + | sort)
set +e
"$pack" check m >out 2>err
rc=$?
set -e
[ $rc = 1 ] || fail "check exits $rc for a try block in a bank"
grep -qx "m/quizzes/vi/q.gift:6: a try block belongs in a lesson, not in a quiz bank" out ||
    fail "a try block in a bank: $(cat out err)"
set +e
"$pack" build m -o m.hsm --key key.key >out 2>err
set -e
[ ! -e m.hsm ] || fail "build wrote a package with a try block in a bank"
[ "$(find m -type f -exec sha256sum {} + | sort)" = "$before" ] ||
    fail "the module's folder changed"
echo "PASS: bad type-it boxes are refused at their line"
