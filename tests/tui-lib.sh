# SPDX-License-Identifier: GPL-3.0-or-later
# tui-lib.sh: sourced by the tests that drive hocso in a real terminal.
# Each test gets a private tmux server, a fresh data folder holding the
# bundled curriculum, and helpers to type keys and wait for the screen.
set -eu
: "${top_srcdir:?run through make check}" "${top_builddir:?}"
# Built with --disable-nls, hocso speaks English only: the Vietnamese
# the TUI tests expect cannot appear (make check sets HOCSO_NLS).
[ "${HOCSO_NLS:-yes}" != no ] || { echo "SKIP: built without NLS"; exit 77; }
TMUX_BIN=${TMUX_BIN:-tmux}
SQLITE3_BIN=${SQLITE3_BIN:-sqlite3}

work=$(mktemp -d "${TMPDIR:-/tmp}/hocso-tui-XXXXXX")
sock=$work/tmux.sock
data=$work/data
mkdir -p "$data/modules"
cp -R "$top_srcdir/tests/fixtures/secrets-v1" "$data/modules/"
chmod -R u+w "$data"		# distcheck's source tree is read-only
# A school already set up, so the first-run screen stays away (see
# tui-setup.sh, which removes the store to see it).
"$top_builddir/learn/hocso" --data-dir "$data" school --name "Trường thử" \
    --code TEST >/dev/null
unset TMUX

# A new session goes to a new server when the last one has no session
# left: a server whose last session just ended (hocso quit) may still be
# exiting, and a client that reaches it then fails with "server exited
# unexpectedly" (tui-choose.sh, once in a loaded run).
socks=0
tm() {
	if [ "$1" = new-session ] &&
	    ! "$TMUX_BIN" -S "$sock" has-session 2>/dev/null; then
		socks=$((socks + 1))
		sock=$work/tmux.$socks.sock
	fi
	"$TMUX_BIN" -u -f /dev/null -S "$sock" "$@"
}
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	echo "--- screen:"
	screen || true
	exit 1
}

# Starts hocso at 80x24 on the test's data folder with "$@" as options,
# under $HOCSO_TEST_WRAPPER if set (e.g. "valgrind --leak-check=full").
start_hocso() {
	tm new-session -d -s hocso -x 80 -y 24 \
	    "exec env LANG=C.UTF-8 LANGUAGE= TERM=${HOCSO_TEST_TERM:-xterm-256color} \
	    HOCSO_LOCALEDIR='$top_builddir/i18n/locale' ${HOCSO_TEST_ENV:-} \
	    ${HOCSO_TEST_WRAPPER:-} \
	    '$top_builddir/learn/hocso' --data-dir '$data' $*"
}

screen() { tm capture-pane -p -t hocso; }
keys() { tm send-keys -t hocso "$@"; }
hocso_pid() { tm display-message -p -t hocso '#{pane_pid}'; }
sql() { "$SQLITE3_BIN" "$data/hocso.db" "$1"; }

# Waits up to 10 s (100 s under a wrapper) for text to appear.
tries=200
[ -z "${HOCSO_TEST_WRAPPER:-}" ] || tries=2000
wait_for() {
	n=0
	until screen | grep -qF -- "$1"; do
		n=$((n + 1))
		[ $n -le $tries ] || fail "'$1' never appeared"
		sleep 0.05
	done
}

# Waits until hocso has ended (quit, or killed), failing with why after
# 20 s (200 s under a wrapper).
wait_ended() {
	n=0
	while tm has-session -t hocso 2>/dev/null; do
		n=$((n + 1))
		[ $n -le $((tries * 2)) ] || fail "$1"
		sleep 0.05
	done
}

# Waits until the screen shows text and then no longer does (a key was
# taken and the screen moved on).
wait_gone() {
	n=0
	while screen | grep -qF -- "$1"; do
		n=$((n + 1))
		[ $n -le $tries ] || fail "'$1' never went away"
		sleep 0.05
	done
}

# The right answers of the demo quiz in Vietnamese, one a line.
right_answers() {
	sed -n 's/^=\([^#]*\) #.*/\1/p' \
	    "$top_srcdir/tests/fixtures/secrets-v1/quizzes/vi/secrets.gift"
}

# The number (1-9) in front of the choice on screen that is right, or of
# the first choice that is wrong when want is "wrong".
choice_number() {
	want=$1
	s=$(screen)
	right_answers | while IFS= read -r a; do
		printf '%s\n' "$s" | grep -F -- "$a" |
		    sed -n 's/.*) \([1-9]\)\. .*/\1/p'
	done | head -n 1 | {
		read -r n || n=
		if [ "$want" = right ]; then
			echo "$n"
		else
			[ "$n" = 1 ] && echo 2 || echo 1
		fi
	}
}

# On the screen before a quiz: starts it (Enter), once it is shown.
start_quiz() {
	wait_for "Bấm Enter để bắt đầu làm bài."
	keys Enter
}
