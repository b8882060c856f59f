# SPDX-License-Identifier: GPL-3.0-or-later
# sync-lib.sh: what the sync tests share, sourced by them: checks that
# count, a province server on loopback, and school data folders with
# real activity.  Needs $top_builddir, $top_srcdir and $work (a fresh
# temporary folder the caller removes).

hocso=$top_builddir/learn/hocso
server=$top_builddir/server/hocso-server
pack=$top_builddir/lessons/hocso-pack
export LANG=C.UTF-8 LANGUAGE=
export HOCSO_LOCALEDIR="$top_builddir/i18n/locale"
unset HOCSO_DATA_DIR XDG_DATA_HOME HOCSO_SERVER_DATA
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
# Retries a few hundred milliseconds apart, not seconds.
HOCSO_SYNC_BACKOFF_MS=100 HOCSO_SYNC_BACKOFF_CAP_MS=1000
export HOCSO_SYNC_BACKOFF_MS HOCSO_SYNC_BACKOFF_CAP_MS
failed=0 passed=0
server_pid=

ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

same() {	# same NAME GOT WANTED
	if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', wanted '$3'"; fi
}

expect() {	# expect NAME FILE TEXT: FILE holds the line TEXT
	if grep -qxF -- "$3" "$2"; then ok; else
		fail "$1: '$3' not a line of $2:"
		cat "$2"
	fi
}

# contains NAME FILE TEXT: FILE holds TEXT in some line, within 5 s (a
# server writes its log line after the answer has gone: the client may
# read the file first).
contains() {
	if log_grep -F "$3" "$2"; then ok; else
		fail "$1: '$3' not in $2:"
		cat "$2"
	fi
}

# refused NAME STATUS TEXT CMD...: CMD exits with STATUS and says one
# line holding TEXT, and the test's dump() is the same after it as
# before (the command changed nothing).
refused() {
	name=$1 want=$2 text=$3
	shift 3
	before=$(dump)
	status "$name" "$want" "$@"
	same "$name: lines" "$(wc -l <"$work/err")" 1
	contains "$name" "$work/err" "$text"
	same "$name: nothing changed" "$(dump)" "$before"
}

# log_grep -E|-F PATTERN FILE: FILE has a line matching PATTERN, now or
# within 5 s.
log_grep() {
	_n=0
	until grep -q "$1" -- "$2" "$3" 2>/dev/null; do
		_n=$((_n + 1))
		[ $_n -le 100 ] || return 1
		sleep 0.05
	done
}

# status NAME WANTED CMD...: runs CMD, its output in $work/out and
# $work/err, and checks its exit status.
status() {
	name=$1 want=$2
	shift 2
	set +e
	"$@" >"$work/out" 2>"$work/err"
	got=$?
	set -e
	if [ "$got" = "$want" ]; then ok; else
		fail "$name: exit $got, wanted $want: $*"
		cat "$work/out" "$work/err"
	fi
}

# school DIR: hocso --lang en on the data folder DIR.
school() {
	dir=$1
	shift
	"$hocso" --lang en -d "$dir" "$@"
}

# srv ARG...: hocso-server on the server's data folder.
srv() { "$server" --data "$work/srv" "$@"; }

sqls() { "$SQLITE3_BIN" "$work/srv/server.db" "$1"; }	# the server's store
sqld() { "$SQLITE3_BIN" "$1/hocso.db" "$2"; }		# a school's store

# server_start [ADDR:PORT] [SERVE-OPTION...]: starts hocso-server serve in
# the background (its log in $work/server.log) and waits until it
# answers; $port and $url are set.
server_start() {
	listen=${1:-127.0.0.1:0}
	[ $# -gt 0 ] && shift
	rm -f "$work/port"
	# Not through srv(): $! must be the server, not a subshell.
	"$server" --data "$work/srv" serve --listen "$listen" \
	    --port-file "$work/port" "$@" \
	    >>"$work/server.out" 2>>"$work/server.log" &
	server_pid=$!
	i=0
	while [ ! -s "$work/port" ] || ! curl -sf -o /dev/null \
	    "http://127.0.0.1:$(cat "$work/port")/v1/health"; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$server_pid" 2>/dev/null; then
			echo "FAIL: hocso-server did not start:"
			cat "$work/server.log"
			exit 1
		fi
		sleep 0.1
	done
	port=$(cat "$work/port")
	url=http://127.0.0.1:$port
}

server_stop() {		# server_stop [SIGNAL]
	[ -n "$server_pid" ] || return 0
	kill "-${1:-TERM}" "$server_pid" 2>/dev/null || true
	wait "$server_pid" 2>/dev/null || true
	server_pid=
}

# new_school DIR CODE LEARNERS MINUTES SEED: a school's data folder with
# the curriculum, a class 5A and LEARNERS learners who each worked
# MINUTES minutes (hocso simulate: the app's own code paths).
new_school() {
	dir=$1
	mkdir -p "$dir/modules"
	for m in "$top_srcdir/lessons/curriculum/"*/; do
		id=$(sed -n 's/^id = //p' "$m/module.ini")
		cp -R "$m" "$dir/modules/$id"
	done
	chmod -R u+w "$dir"
	school "$dir" school --name "Trường $2" --code "$2" \
	    --teacher-pin 2468 >/dev/null
	school "$dir" trust add "$top_srcdir/lessons/demo-key/hocso-demo.pub" \
	    >/dev/null
	school "$dir" class add 5A >/dev/null
	school "$dir" simulate --learners "$3" --minutes "$4" --seed "$5" \
	    --class 5A >/dev/null
}

# server_init: makes the province server's data folder (only
# hocso-server init makes one); every test that sources this has it.
server_init() {
	[ -f "$work/srv/server.db" ] ||
	    "$server" --data "$work/srv" init >/dev/null ||
	    { echo "FAIL: hocso-server init"; exit 1; }
}

# Stops the server and any helper still running when a test ends.
sync_cleanup() {
	server_stop KILL
	for p in $(jobs -p); do kill -9 "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}

sync_summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}

server_init
