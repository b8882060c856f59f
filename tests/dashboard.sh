#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dashboard.sh: the dashboard's accounts and sessions on a real
# hocso-server over loopback, with curl: `hocso-server user` and each of
# its bad inputs (one line, a non-zero exit, the store as it was);
# the password asked on a terminal (tmux) twice with echo off;
# passwords kept as Argon2id hashes only; sign-in refused without the
# form's CSRF token; the session cookie's flags (Secure only through a
# TLS proxy on this machine); a school account refused (403) on another
# school's page and on the province's pages, on every URL; a POST
# without the session's CSRF token refused; sign-out ends the session;
# five wrong passwords lock the account for 15 minutes, and twenty from
# one address throttle it (X-Forwarded-For believed from loopback
# only); sessions end after an hour unused or 12 hours in all (the
# server restarted with its clock moved on); the audit log.
set -eu
: "${top_builddir:?run through make check}" "${top_srcdir:?}"
[ -n "${SQLITE3_BIN:-}" ] || { echo "SKIP: sqlite3 not installed"; exit 77; }
command -v curl >/dev/null 2>&1 || { echo "SKIP: curl not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-dashboard-XXXXXX")
. "$top_srcdir/tests/sync-lib.sh"
trap sync_cleanup EXIT

dump() { sqls .dump | md5sum; }

# refused NAME STATUS TEXT CMD...: one line holding TEXT, exit STATUS,
# the store unchanged.
refused() {
	name=$1 want=$2 text=$3
	shift 3
	before=$(dump)
	status "$name" "$want" "$@"
	same "$name: lines" "$(wc -l <"$work/err")" 1
	contains "$name" "$work/err" "hocso-server: "
	contains "$name" "$work/err" "$text"
	same "$name: store unchanged" "$(dump)" "$before"
}
# pw PASSWORD CMD...: CMD with PASSWORD on its standard input.
pw() { p=$1; shift; printf '%s\n' "$p" | "$@"; }

# --- hocso-server user ------------------------------------------------
status token-1 0 srv token --school S01
status token-2 0 srv token --school S02
status add-province 0 pw 'tinh-mat-khau-1' srv user add officer \
    --role province --password-stdin
expect add-province "$work/out" "account officer added"
status add-school 0 pw 'truong-mat-khau' srv user add hieutruong \
    --school S01 --role school --password-stdin

refused unknown-school 1 "no school S09: make its enrolment token first" \
    pw 'longenough1' srv user add x --role school --school S09 --password-stdin
refused short-password 1 "too short: at least 8" \
    pw 'short' srv user add x --role province --password-stdin
refused no-role 2 "--role province or --role school is needed" \
    pw 'longenough1' srv user add x --password-stdin
refused bad-role 2 "not 'admin'" \
    pw 'longenough1' srv user add x --role admin --password-stdin
refused school-no-code 2 "needs --school CODE" \
    pw 'longenough1' srv user add x --role school --password-stdin
refused province-school 2 "has no --school" \
    pw 'longenough1' srv user add x --role province --school S01 --password-stdin
refused bad-name 1 "'bad name' cannot name an account" \
    pw 'longenough1' srv user add 'bad name' --role province --password-stdin
refused taken 1 "there is a user named officer already" \
    pw 'longenough1' srv user add officer --role province --password-stdin
refused no-stdin 1 "no password on standard input" \
    srv user add x --role province --password-stdin </dev/null
refused no-tty 1 "no terminal to ask the password on" \
    setsid -w "$server" --data "$work/srv" user add x --role province </dev/null
refused passwd-unknown 1 "no user named nobody" \
    pw 'longenough1' srv user passwd nobody --password-stdin
refused remove-unknown 1 "no user named nobody" srv user remove nobody
refused user-what 2 "user: add, list, passwd, remove or audit?" srv user
refused user-frob 2 "unknown subcommand 'frob'" srv user frob
refused add-no-name 2 "an account name is needed" srv user add --role province
refused audit-limit 2 "--limit wants a whole number" srv user audit --limit 0

# On a terminal (tmux): the password asked twice with echo off; two
# that differ change nothing.
if [ -n "${TMUX_BIN:-}" ]; then
	sock=$work/tmux.sock
	tm() { "$TMUX_BIN" -u -f /dev/null -S "$sock" "$@"; }
	# pane NAME: what the terminal NAME shows once its command ended.
	pane() {
		n=0
		until tm capture-pane -p -t "$1" | grep -q '^rc='; do
			n=$((n + 1))
			[ $n -le 200 ] || { fail "$1: never ended"; break; }
			sleep 0.05
		done
		tm capture-pane -p -t "$1" >"$work/pane"
	}
	prompt() {	# prompt NAME TEXT: waits for TEXT, then types a line
		n=0
		until tm capture-pane -p -t "$1" | grep -qF "$2"; do
			n=$((n + 1))
			[ $n -le 200 ] || { fail "$1: no '$2'"; break; }
			sleep 0.05
		done
	}
	for t in differ same; do
		before=$(dump)
		tm new-session -d -s "$t" -x 100 -y 10 "env LANG=C.UTF-8 \
		    LANGUAGE= '$server' --data '$work/srv' user add tty-$t \
		    --role province; echo rc=\$?; sleep 60"
		prompt "$t" "New password:"
		tm send-keys -t "$t" "secret-pass-1" Enter
		prompt "$t" "The same again:"
		[ "$t" = same ] && again=secret-pass-1 || again=secret-pass-2
		tm send-keys -t "$t" "$again" Enter
		pane "$t"
		grep -q secret-pass "$work/pane" && fail "tty-$t: the password was echoed" || ok
		if [ "$t" = differ ]; then
			contains tty-differ "$work/pane" "the two passwords differ: nothing changed"
			contains tty-differ "$work/pane" "rc=1"
			same tty-differ-store "$(dump)" "$before"
		else
			contains tty-same "$work/pane" "account tty-same added"
			contains tty-same "$work/pane" "rc=0"
		fi
	done
	tm kill-server 2>/dev/null || true
	status tty-remove 0 srv user remove tty-same
fi

status list 0 srv user list
same list-lines "$(wc -l <"$work/out")" 3
grep -q '^hieutruong *school *S01 ' "$work/out" && ok || fail "list: $(cat "$work/out")"
grep -q '^officer *province *- ' "$work/out" && ok || fail "list: $(cat "$work/out")"
same hash-kind "$(sqls "SELECT count(*) FROM users WHERE hash LIKE '\$argon2id\$%'")" 2
same hash-not-clear "$(sqls "SELECT count(*) FROM users WHERE hash LIKE '%mat-khau%'")" 0

# --- Signing in over HTTP -----------------------------------------------
t0=1796000000000			# 2026-11-30T...: the server's clock
HOCSO_TEST_NOW=$t0 server_start

# get NAME JAR PATH [CURL-ARG...]: the page, headers in $work/h, body in
# $work/b; prints the status.
get() {
	n=$1 jar=$2 p=$3
	shift 3
	curl -s -o "$work/b" -D "$work/h" -c "$work/$jar" -b "$work/$jar" \
	    -H 'Accept-Language: en-GB,en;q=0.8' -w '%{http_code}' "$@" "$url$p"
}
# signin JAR NAME PASSWORD [CURL-ARG...]: the form read, then posted with
# its token; prints the status.
signin() {
	jar=$1 name=$2 pass=$3
	shift 3
	get form "$jar" /dashboard/login >/dev/null
	tok=$(awk '$6 == "hocso_signin" { print $7 }' "$work/$jar")
	get signin "$jar" /dashboard/login --data-urlencode "csrf=$tok" \
	    --data-urlencode "name=$name" --data-urlencode "password=$pass" "$@"
}
header() { tr -d '\r' <"$work/h" | sed -n "s/^$1: //Ip"; }
csrf_of() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$work/b" | head -1; }

same no-session "$(get a j0 /dashboard/)" 303
same no-session-to "$(header Location)" /dashboard/login
same login-page "$(get a j0 /dashboard/login)" 200
contains csp "$work/h" "Content-Security-Policy: default-src 'none'"
contains login-form "$work/b" 'name="password" type="password"'

# The form without its token, or with another one: refused, no session.
same no-token "$(get a j1 /dashboard/login --data 'name=officer&password=tinh-mat-khau-1')" 403
same bad-token "$(get a j1 /dashboard/login --data 'csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&name=officer&password=tinh-mat-khau-1')" 403
contains bad-token "$work/b" "did not come from this dashboard"
same no-token-session "$(sqls "SELECT count(*) FROM sessions")" 0

# The right password: a session, its cookie HttpOnly and SameSite=Strict,
# not Secure over plain HTTP; stored as a hash only.
same province-in "$(signin jp officer tinh-mat-khau-1)" 303
same province-to "$(header Location)" /dashboard/
header Set-Cookie | grep hocso_session= >"$work/cookie"
contains cookie-httponly "$work/cookie" "HttpOnly"
contains cookie-samesite "$work/cookie" "SameSite=Strict"
grep -q Secure "$work/cookie" && fail "Secure over plain HTTP" || ok
cookie=$(awk '$6 == "hocso_session" { print $7 }' "$work/jp")
same cookie-len "${#cookie}" 43
same session-hashed "$(sqls "SELECT count(*) FROM sessions WHERE hash = '$cookie'")" 0
same session-row "$(sqls "SELECT count(*) FROM sessions WHERE user = 'officer'")" 1
same overview "$(get a jp /dashboard/)" 200
contains overview-s01 "$work/b" 'href="/dashboard/school/S01"'
contains overview-s02 "$work/b" 'href="/dashboard/school/S02"'
contains overview-who "$work/b" 'officer'
same province-school "$(get a jp /dashboard/school/S02)" 200
same province-safety "$(get a jp /dashboard/safety)" 200
same no-such-page "$(get a jp /dashboard/nowhere)" 404
same no-such-school "$(get a jp /dashboard/school/S77)" 404
same lang-en "$(get a jp '/dashboard/?lang=en')" 200
contains lang-en "$work/b" '<html lang="en">'
contains lang-en-cookie "$work/h" 'hocso_lang=en'
same lang-kept "$(get a jp /dashboard/)" 200
contains lang-kept "$work/b" '<html lang="en">'
if [ "${HOCSO_NLS:-no}" = yes ]; then
	get a jp '/dashboard/?lang=vi' >/dev/null
	contains lang-vi "$work/b" 'Đăng xuất'
	# No choice made: Vietnamese.
	curl -s "$url/dashboard/login" >"$work/b"
	contains lang-default "$work/b" 'Đăng nhập trang tổng quan'
fi

# Secure when a TLS proxy on this machine says so.
same tls-in "$(signin jt officer tinh-mat-khau-1 -H 'X-Forwarded-Proto: https')" 303
header Set-Cookie | grep hocso_session= >"$work/cookie"
contains cookie-secure "$work/cookie" "; Secure"

# A school account: its own school, nothing else, whatever the URL.
same school-in "$(signin js hieutruong truong-mat-khau)" 303
same school-to "$(header Location)" /dashboard/school/S01
same own-school "$(get a js /dashboard/school/S01)" 200
contains own-school "$work/b" 'hieutruong · S01'
for p in /dashboard/school/S02 /dashboard/ /dashboard/safety \
    /dashboard/module/vn.hocso.safety /dashboard/school/S01x \
    /dashboard/school/S0 '/dashboard/school/S02?school=S01'; do
	same "school-403 $p" "$(get a js "$p")" 403
	contains "school-403 $p" "$work/b" "not open to your account"
done
same school-dotdot "$(get a js /dashboard/school/S01/../S02 --path-as-is)" 404

# A POST without the session's token, or another session's: refused,
# and the session lives on.
same logout-no-token "$(get a js /dashboard/logout --data '')" 403
same logout-other-token "$(get a js /dashboard/logout --data "csrf=$(get a jp /dashboard/ >/dev/null; csrf_of)")" 403
same still-in "$(get a js /dashboard/school/S01)" 200
# Sign-out: the session ends; the old cookie gets the sign-in page.
old=$(awk '$6 == "hocso_session" { print $7 }' "$work/js")
same logout "$(get a js /dashboard/logout --data "csrf=$(csrf_of)")" 303
same logout-to "$(header Location)" /dashboard/login
same logged-out "$(sqls "SELECT count(*) FROM sessions WHERE user = 'hieutruong'")" 0
same old-cookie "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' \
    -b "hocso_session=$old" "$url/dashboard/school/S01")" \
    "303 $url/dashboard/login"
same old-cookie-post "$(curl -s -o /dev/null -w '%{http_code}' \
    -b "hocso_session=$old" --data "csrf=x" "$url/dashboard/logout")" 403

# A form too large for its route.
head -c 5000 /dev/zero | tr '\0' a >"$work/big"
same too-large "$(get a jp /dashboard/logout --data-binary @"$work/big")" 413

# --- Lockout and throttle -----------------------------------------------
for i in 1 2 3 4; do
	same "wrong $i" "$(signin jw officer wrong-password-$i)" 401
	contains "wrong $i" "$work/b" "Wrong account name or password."
done
same wrong-5 "$(signin jw officer wrong-password-5)" 429
contains wrong-5 "$work/b" "this account is locked for 15 minutes"
same locked-right "$(signin jw officer tinh-mat-khau-1)" 429
contains locked-right "$work/b" "locked for 15 minutes"
same locked-retry "$(header Retry-After)" 900
same locked-no-session "$(sqls "SELECT count(*) FROM sessions WHERE user = 'officer'")" 2
status locked-list 0 srv user list
grep -q '^officer .*20[0-9-]*T' "$work/out" && ok || fail "locked-list: $(cat "$work/out")"
status audit 0 srv user audit officer
same audit-lockout "$(grep -c ' lockout ' "$work/out")" 1
same audit-failure "$(grep -c ' failure ' "$work/out")" 5
same audit-refused "$(grep -c ' refused-locked ' "$work/out")" 1
same audit-signin "$(grep -c ' signin ' "$work/out")" 2
# An unknown name locks too: the answer does not tell names apart.
for i in 1 2 3 4 5; do signin ju nobody wrong-$i >/dev/null; done
contains unknown-locked "$work/b" "locked for 15 minutes"

# Twenty failures from one address (behind the proxy) throttle it; the
# proxy's other clients are not.
for i in $(seq 1 20); do
	signin jx "name$i" wrong -H 'X-Forwarded-For: 198.51.100.1, 203.0.113.7' >/dev/null
done
same throttled "$(signin jx hieutruong truong-mat-khau -H 'X-Forwarded-For: 203.0.113.7')" 429
contains throttled "$work/b" "from this computer"
same other-client "$(signin jy hieutruong truong-mat-khau -H 'X-Forwarded-For: 203.0.113.8')" 303
status audit-address 0 srv user audit --limit 3
contains audit-address "$work/out" "203.0.113.8"
server_stop

# --- Time: the lock lifts, sessions end ---------------------------------
HOCSO_TEST_NOW=$((t0 + 16 * 60000)) server_start
same unlocked "$(signin jw officer tinh-mat-khau-1)" 303
same session-alive "$(get a jw /dashboard/)" 200
server_stop
HOCSO_TEST_NOW=$((t0 + 16 * 60000 + 59 * 60000)) server_start
same idle-59 "$(get a jw /dashboard/)" 200
server_stop
HOCSO_TEST_NOW=$((t0 + 16 * 60000 + 59 * 60000 + 61 * 60000)) server_start
same idle-61 "$(get a jw /dashboard/)" 303
same idle-61-to "$(header Location)" /dashboard/login
same idle-61-cleared "$(header Set-Cookie | grep -c 'hocso_session=;')" 1
# 12 hours in all, however busy.
same fresh "$(signin jz officer tinh-mat-khau-1)" 303
sqls "UPDATE sessions SET created = '2026-01-01T00:00:00.000Z'"
same absolute "$(get a jz /dashboard/)" 303

# passwd: a new password ends the sessions and lifts a lock.
same before-passwd "$(signin jq hieutruong truong-mat-khau)" 303
status passwd 0 pw 'moi-mat-khau-2' srv user passwd hieutruong --password-stdin
same passwd-ended "$(get a jq /dashboard/school/S01)" 303
same passwd-old "$(signin jq hieutruong truong-mat-khau)" 401
same passwd-new "$(signin jq hieutruong moi-mat-khau-2)" 303
status remove 0 srv user remove hieutruong
same removed-session "$(get a jq /dashboard/school/S01)" 303
same removed-rows "$(sqls "SELECT count(*) FROM users WHERE name = 'hieutruong'")" 0

sync_summary
