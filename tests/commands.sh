#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# commands.sh: the one table of commands (learn/commands/table.h): every
# command that hocso --help lists reaches its own handler, in hocso-cmd
# or in hocso itself, which says its own usage for a bad command line
# (exit 2); a name not in the table is refused by both programs with one
# line; and hocso itself links neither libarchive nor libcurl.
set -eu
: "${top_builddir:?run through make check}"
hocso=$top_builddir/learn/hocso
cmd=$top_builddir/learn/hocso-cmd
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-commands-XXXXXX")
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LANGUAGE=en
export HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
unset HOCSO_DATA_DIR XDG_DATA_HOME
failed=0 passed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

"$hocso" --help >"$work/help"
names=$(sed -n '/^Commands/,/^$/p' "$work/help" |
    sed -n 's/^  \([a-z][a-z]*\) .*/\1/p; s/^  \([a-z][a-z]*\)$/\1/p' |
    uniq)
n=$(printf '%s\n' "$names" | wc -l)
[ "$n" -ge 11 ] && pass || fail "only $n commands in hocso --help: $names"
for c in $names; do
	set +e
	"$hocso" --data-dir "$work/data" "$c" --no-such-option \
	    --no-such-option >"$work/out" 2>"$work/err"
	got=$?
	set -e
	if [ "$got" = 2 ] && grep -q "^hocso: usage: hocso $c" "$work/err"; then
		pass
	else
		fail "hocso $c with a bad option: exit $got:"
		cat "$work/err"
	fi
done

for p in "$hocso" "$cmd --data-dir $work/data"; do
	set +e
	$p frobnicate >"$work/out" 2>"$work/err"
	got=$?
	set -e
	if [ "$got" = 2 ] && [ "$(wc -l <"$work/err")" = 1 ] &&
	    grep -q "unknown command 'frobnicate'" "$work/err"; then
		pass
	else
		fail "$p frobnicate: exit $got:"
		cat "$work/err"
	fi
done

# hocso may be linked statically (--enable-static-app): look for the
# libraries' own functions, defined or imported, not only at ldd.
syms() { { nm "$1"; nm -D "$1"; } 2>/dev/null; }
if command -v nm >/dev/null 2>&1; then
	if syms "$hocso" | grep -E '\b(archive_read_new|curl_easy_init)\b'
	then
		fail "hocso links libarchive or libcurl"
	else
		pass
	fi
	syms "$cmd" | grep -qE '\bcurl_easy_init\b' && pass ||
	    fail "hocso-cmd has no curl_easy_init: is nm telling the truth?"
fi
if command -v ldd >/dev/null 2>&1; then
	if ldd "$hocso" 2>&1 | grep -E 'libarchive|libcurl'; then
		fail "hocso loads libarchive or libcurl"
	else
		pass
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
