#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# server-life.sh: a province server's life (issue 19, defects 6 and 4).
#  - Only "hocso-server init" makes a server: every other command on a
#    folder that is not a server's (a mistyped --data) says so in one
#    line, exits 1 and makes nothing; init on a server refuses and
#    changes nothing.
#  - The key is checked at start: one changed character in server.key
#    (either half), or another server's key, is refused in one line;
#    a missing or wrong server.pub is made again from the key.
#  - "key paper" writes the key with a check per line; "key restore"
#    names a mistyped line, refuses another server's paper key and a
#    different key file in the way, and writes back the very bytes.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-life-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

tree() { (cd "$1" && find . -type f ! -name '*-wal' ! -name '*-shm' \
    -exec stat -c '%n %s %Y' {} + | sort |
    md5sum); }

# refused NAME TEXT CMD...: exit 1, one line "hocso-server: ...TEXT...",
# and $work/srv as it was (every file's name, size and time).
refused() {
	name=$1 text=$2
	shift 2
	before=$(tree "$work/srv")
	status "$name" 1 "$@"
	same "$name: lines" "$(wc -l <"$work/err")" 1
	contains "$name" "$work/err" "hocso-server: "
	contains "$name" "$work/err" "$text"
	same "$name: nothing changed" "$(tree "$work/srv")" "$before"
}

# --- Defect 6: only init makes a server -------------------------------
for c in "token --school S01" "report" "device list" "export --format xapi" \
    "serve --listen 127.0.0.1:0" "key paper" "alert x.ini" "publish x.hsm"; do
	# shellcheck disable=SC2086
	status "typo: $c" 1 "$server" --data "$work/srvv" $c
	same "typo: $c: lines" "$(wc -l <"$work/err")" 1
	contains "typo: $c" "$work/err" "$work/srvv is not a hocso server's data folder (it has no server.db): make a new server with \"hocso-server --data $work/srvv init\""
	[ -e "$work/srvv" ] && fail "typo: $c made $work/srvv" || ok
done
# An empty folder (as systemd's StateDirectory makes) is no server either.
mkdir "$work/empty"
status empty-report 1 "$server" --data "$work/empty" report
same empty-untouched "$(ls -A "$work/empty")" ""
status init-empty 0 "$server" --data "$work/empty" init
contains init-empty "$work/out" "a new hocso server in $work/empty"
same init-key-mode "$(stat -c %a "$work/empty/server.key")" 600
[ -d "$work/empty/modules" ] && ok || fail "init: no modules folder"
status after-init 0 "$server" --data "$work/empty" report
refused init-again "is a hocso server's data folder already" srv init
rm "$work/empty/server.db"
status init-key-no-store 1 "$server" --data "$work/empty" init
contains init-key-no-store "$work/err" "holds a server key but no store"

# --- Defect 4: the key checked at start --------------------------------
status token 0 srv token --school S01
cp "$work/srv/server.key" "$work/good.key"
cp "$work/srv/server.pub" "$work/good.pub"
# flip FILE POS: the base64 character at POS of the key changed.
flip() {
	awk -v i="$2" '{ c = substr($2, i + 1, 1) == "A" ? "B" : "A"
	    $2 = substr($2, 1, i) c substr($2, i + 2); print }' "$1" \
	    >"$1.new" && mv "$1.new" "$1"
}
for pos in 5 30 60 80; do
	cp "$work/good.key" "$work/srv/server.key"
	flip "$work/srv/server.key" $pos
	refused "typo-$pos" "the key is damaged" srv token --school S01
done
# Another server's whole key: not the one the devices know.
"$server" --data "$work/other" init >/dev/null
cp "$work/other/server.key" "$work/srv/server.key"
refused other-key "not the key this server enrolled its devices with" \
    srv report
cp "$work/good.key" "$work/srv/server.key"
# server.pub lost, or overwritten by another: made again from the key.
rm "$work/srv/server.pub"
status pub-missing 0 srv report
cmp -s "$work/srv/server.pub" "$work/good.pub" && ok ||
    fail "server.pub not made again"
cp "$work/other/server.pub" "$work/srv/server.pub"
status pub-wrong 0 srv report
cmp -s "$work/srv/server.pub" "$work/good.pub" && ok ||
    fail "a wrong server.pub not made again"

# --- The key on paper ---------------------------------------------------
status paper 0 srv key paper
cp "$work/out" "$work/paper"
same paper-lines "$(grep -cE '^[1-4]: ([0-9A-F]{4} ){4} [0-9A-F]{2}$' \
    "$work/paper")" 4
grep -q '^fingerprint: ' "$work/paper" && ok || fail "no fingerprint"
grep -qF "$(cut -d' ' -f2 "$work/good.key")" "$work/paper" &&
    fail "the paper form holds the key file's text" || ok
mv "$work/srv/server.key" "$work/lost.key"
refused key-missing "server.key is missing" srv report
# One digit mistyped on line 3: that line is named.
sed '/^3: /{s/^3: 0/3: 1/;t;s/^3: ./3: 0/;}' "$work/paper" >"$work/typo"
cmp -s "$work/paper" "$work/typo" && fail "the typo changed nothing" || ok
refused paper-typo "line 3 of the paper key is mistyped" \
    sh -c "\"$server\" --data \"$work/srv\" key restore <\"$work/typo\""
sed '/^2:/d' "$work/paper" >"$work/short"
refused paper-short "line 2 of the paper key is missing" \
    sh -c "\"$server\" --data \"$work/srv\" key restore <\"$work/short\""
"$server" --data "$work/other" key paper >"$work/other.paper"
refused paper-other "is not this server's key" \
    sh -c "\"$server\" --data \"$work/srv\" key restore <\"$work/other.paper\""
cp "$work/other/server.key" "$work/srv/server.key"
refused paper-in-the-way "holds another key: move it away first" \
    sh -c "\"$server\" --data \"$work/srv\" key restore <\"$work/paper\""
rm "$work/srv/server.key" "$work/srv/server.pub"
status paper-restore 0 sh -c \
    "\"$server\" --data \"$work/srv\" key restore <\"$work/paper\""
cmp -s "$work/srv/server.key" "$work/good.key" && ok ||
    fail "the restored key is not the key"
cmp -s "$work/srv/server.pub" "$work/good.pub" && ok ||
    fail "the restored server.pub is not the key's"
same restored-mode "$(stat -c %a "$work/srv/server.key")" 600
status restored-works 0 srv token --school S01
status paper-no-server 1 sh -c \
    "\"$server\" --data \"$work/nowhere\" key restore <\"$work/paper\""
[ -e "$work/nowhere" ] && fail "key restore made a folder" || ok

# --- A backup refused, and a damaged backup never restored -----------
"$pack" build "$top_srcdir/lessons/curriculum/basics" -o "$work/b.hsm" \
    --key "$top_srcdir/lessons/demo-key/hocso-demo.key" >/dev/null
status publish 0 srv publish "$work/b.hsm"
# From standard input (a package the service user cannot read).
status publish-stdin 0 sh -c "\"$server\" --data \"$work/srv\" publish - \
    <\"$work/b.hsm\""
contains publish-stdin "$work/out" "published vn.hocso.basics 1.2.0"
refused publish-stdin-empty "no package on standard input" \
    sh -c "\"$server\" --data \"$work/srv\" publish - </dev/null"
[ -z "$(ls -A "$work/srv" | grep publish)" ] && ok ||
    fail "publish -: a temporary file left"
mkdir "$work/full" && touch "$work/full/x"
refused backup-not-empty "$work/full is not empty" srv backup "$work/full"
same backup-not-empty-left "$(ls "$work/full")" x
status backup 0 srv backup "$work/bk"
# restore-refused NAME TEXT: restore of $work/bad into $work/r refused
# in one line, $work/r not made.
restore_refused() {
	rm -rf "$work/r"
	status "$1" 1 "$server" --data "$work/r" restore "$work/bad"
	same "$1: lines" "$(wc -l <"$work/err")" 1
	contains "$1" "$work/err" "$2"
	[ -e "$work/r" ] && fail "$1: $work/r made" || ok
}
rm -rf "$work/bad" && cp -R "$work/bk" "$work/bad"
printf 'x' >>"$work/bad/server.db"
restore_refused restore-store-damaged "server.db: damaged"
rm -rf "$work/bad" && cp -R "$work/bk" "$work/bad"
m=$(ls "$work/bad/modules/"*.hsm)
printf 'x' >>"$m"
restore_refused restore-module-damaged "$m: damaged"
rm -f "$m"
restore_refused restore-module-missing "$m"
rm -rf "$work/bad" && cp -R "$work/bk" "$work/bad"
rm "$work/bad/manifest.json"
restore_refused restore-no-manifest "manifest.json"
echo '{"format": 1}' >"$work/bad/manifest.json"
restore_refused restore-bad-manifest "not a hocso-server backup's manifest"
# A package gone from the data folder: named, the backup made, exit 1.
rm "$work/srv/modules/"*.hsm
status backup-missing 1 srv backup "$work/bk2"
contains backup-missing "$work/err" "module vn.hocso.basics 1.2.0 is not in the backup"
[ -f "$work/bk2/manifest.json" ] && ok || fail "backup-missing: no manifest"

# Root on a folder another user owns: refused, nothing made (issue 19,
# defect 8: root's files broke the service's next start).
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	chown -R nobody "$work/srv"
	refused root "belongs to nobody: run hocso-server as that user (sudo -u nobody" \
	    srv token --school S01
	[ -z "$(find "$work/srv" -user root)" ] && ok ||
	    fail "root made files in a folder nobody owns"
	chown -R root "$work/srv"
else
	echo "(not root: the root check is not tried)"
fi

printf 'server-life.sh: '
sync_summary
