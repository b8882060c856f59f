#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cli.sh: hocso's command line: --help, --version, bad options, the data
# folder rules, and a broken store refused with one line and left as it
# was.
set -eu
: "${top_builddir:?run through make check}"
# Built with --disable-nls, hocso speaks English only: the Vietnamese
# help and messages this test expects cannot appear (make check sets
# HOCSO_NLS).
[ "${HOCSO_NLS:-yes}" != no ] || { echo "SKIP: built without NLS"; exit 77; }
hocso=$top_builddir/learn/hocso
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=
export HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
unset HOCSO_DATA_DIR XDG_DATA_HOME
failed=0 passed=0

check() {	# check NAME EXPECTED-STATUS COMMAND...: runs it, keeps its output
	name=$1 want=$2
	shift 2
	set +e
	"$@" >"$work/out" 2>"$work/err"
	got=$?
	set -e
	if [ "$got" != "$want" ]; then
		echo "FAIL: $name: exit $got, wanted $want"
		cat "$work/err"
		failed=$((failed + 1))
		return 1
	fi
	passed=$((passed + 1))
}

expect() {	# expect NAME FILE TEXT: FILE holds TEXT
	if grep -qF -- "$3" "$2"; then
		passed=$((passed + 1))
	else
		echo "FAIL: $1: '$3' not in:"
		cat "$2"
		failed=$((failed + 1))
	fi
}

one_line() {	# one_line NAME: stderr is exactly one line
	if [ "$(wc -l <"$work/err")" = 1 ]; then
		passed=$((passed + 1))
	else
		echo "FAIL: $1: stderr is not one line:"
		cat "$work/err"
		failed=$((failed + 1))
	fi
}

check help 0 "$hocso" --help && expect help "$work/out" "--data-dir"
check help-en 0 "$hocso" --lang en --help && expect help-en "$work/out" "Usage: hocso"
check help-vi 0 "$hocso" --lang vi --help && expect help-vi "$work/out" "Cách dùng"
check version 0 "$hocso" --version && expect version "$work/out" "hocso 0.1.0"
check bad-option 2 "$hocso" --bogus && one_line bad-option &&
    expect bad-option "$work/err" "--bogus"
check missing-value 2 "$hocso" --data-dir && one_line missing-value
check bad-lang 2 "$hocso" --lang fr && one_line bad-lang &&
    expect bad-lang "$work/err" "fr"
check extra-arg 2 "$hocso" frobnicate && one_line extra-arg

# The data folder: --data-dir, then HOCSO_DATA_DIR, then XDG_DATA_HOME.
# (TERM names no terminal, so hocso stops after opening its data.)
export TERM=no-such-terminal
check env-dir 1 env HOCSO_DATA_DIR="$work/env" "$hocso" && one_line env-dir
[ -f "$work/env/hocso.db" ] && passed=$((passed + 1)) ||
    { echo "FAIL: HOCSO_DATA_DIR not used"; failed=$((failed + 1)); }
check opt-dir 1 env HOCSO_DATA_DIR="$work/env" "$hocso" -d "$work/opt"
[ -f "$work/opt/hocso.db" ] && passed=$((passed + 1)) ||
    { echo "FAIL: --data-dir not used"; failed=$((failed + 1)); }
check xdg-dir 1 env XDG_DATA_HOME="$work/xdg" "$hocso"
[ -f "$work/xdg/hocso/hocso.db" ] && passed=$((passed + 1)) ||
    { echo "FAIL: XDG_DATA_HOME not used"; failed=$((failed + 1)); }
expect terminal "$work/err" "TERM"

# A data folder that is a file, and a store that is not a database.
: >"$work/plain-file"
check file-as-dir 1 "$hocso" -d "$work/plain-file" && one_line file-as-dir
mkdir -p "$work/broken"
echo "not a database" >"$work/broken/hocso.db"
cp "$work/broken/hocso.db" "$work/before"
check broken-store 1 "$hocso" -d "$work/broken" && one_line broken-store &&
    expect broken-store "$work/err" "$work/broken/hocso.db"
cmp -s "$work/before" "$work/broken/hocso.db" && passed=$((passed + 1)) ||
    { echo "FAIL: the broken store was changed"; failed=$((failed + 1)); }

# Without a UTF-8 locale hocso switches to one (C.UTF-8) and runs; a
# system that says nothing of language gets Vietnamese; LANG and LANGUAGE
# are obeyed.
check c-locale 0 env LANG=C LC_ALL=C "$hocso" --version
check no-locale 0 env -i HOCSO_LOCALEDIR="$HOCSO_LOCALEDIR" "$hocso" --help &&
    expect no-locale "$work/out" "Cách dùng"
check lang-en 0 env -i LANG=en_US.UTF-8 HOCSO_LOCALEDIR="$HOCSO_LOCALEDIR" \
    "$hocso" --help && expect lang-en "$work/out" "Usage: hocso"
check language-en 0 env LANGUAGE=en "$hocso" --help &&
    expect language-en "$work/out" "Usage: hocso"
check c-lang-option 0 env -i LANG=C HOCSO_LOCALEDIR="$HOCSO_LOCALEDIR" \
    "$hocso" --lang en --help && expect c-lang-option "$work/out" "Usage: hocso"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
