#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# layers.sh: the folders include each other only downwards, core <- quiz
# <- lessons <- sync <- server, learn (server and learn never each other);
# inside learn/, the model names no screen or command and screens and
# commands do not name each other; curses is included in learn/screens
# only (learn/main.c starts the screens through screens/app.h and needs no
# curses of its own); a screen holds no SQL.  Each violation is printed as
# FILE:LINE: reason and the test fails.  Run from the tree given as
# $top_srcdir, or from the current folder.
set -eu
cd "${top_srcdir:-.}"
for d in core quiz lessons sync server learn; do
	[ -d "$d" ] || { echo "layers.sh: no $d/ here: run it at the top" \
	    "of the tree" >&2; exit 99; }
done

find core quiz lessons sync server learn -type f \( -name '*.c' -o \
    -name '*.h' \) | LC_ALL=C sort | xargs awk '
BEGIN {
	# Which top folders each folder may include.
	may["core"] = " core "
	may["quiz"] = " core quiz "
	may["lessons"] = " core quiz lessons "
	may["sync"] = " core quiz lessons sync "
	may["server"] = " core quiz lessons sync server "
	may["learn"] = " core quiz lessons sync learn "
	# Which learn/ layers each learn/ layer may not include.
	not["model"] = " screens commands "
	not["commands"] = " screens "
	not["screens"] = " commands "
	sql = "\"[ \t]*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|" \
	    "ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|WITH)[ \t]"
	bad = 0
}
function slashed(list,    out, n, i, w) {	# " a b " -> " a/, b/"
	n = split(list, w, " ")
	for (i = 1; i <= n; i++)
		out = out (i > 1 ? ", " : " ") w[i] "/"
	return out
}
function fail(why) {
	printf "%s:%d: %s\n", FILENAME, FNR, why
	bad++
}
FNR == 1 {
	split(FILENAME, part, "/")
	top = part[1]
	sub_ = (top == "learn" && FILENAME ~ /^learn\/[a-z]+\//) ? part[2] : ""
	screen = sub_ == "screens"
}
/^[ \t]*#[ \t]*include[ \t]*"[a-z]+\// {
	inc = $0
	sub(/^[^"]*"/, "", inc)
	sub(/".*/, "", inc)
	split(inc, ip, "/")
	if (index(may[top], " " ip[1] " ") == 0)
		fail(top "/ includes " inc ": " top "/ may include only" \
		    slashed(may[top]))
	else if (sub_ != "" && ip[1] == "learn" && \
	    index(not[sub_], " " ip[2] " ") != 0)
		fail("learn/" sub_ "/ includes " inc ": learn/" sub_ \
		    "/ never includes learn/" ip[2] "/")
}
/^[ \t]*#[ \t]*include[ \t]*<(ncursesw?\/)?n?curses\.h>/ {
	if (sub_ != "screens")
		fail("includes curses: only learn/screens/ may")
}
screen && /sqlite3_/ {
	fail("a screen uses sqlite3_: its SQL belongs in learn/model/")
}
screen && /store_prepare/ {
	fail("a screen prepares a statement: its SQL belongs in learn/model/")
}
screen && $0 ~ sql {
	fail("a screen holds an SQL statement: it belongs in learn/model/")
}
END { exit bad != 0 }
' && exit 0
echo "FAIL: the layers are crossed above (docs: STYLE.md, habits 1 and 2)"
exit 1
