#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-screentime.sh: the teacher's screen-time settings for a class: a
# gentle break reminder every N minutes, and a daily limit after which
# the learner is signed out with kind words and cannot sign in again
# that day.  Minutes are shortened to one second (HOCSO_MINUTE_MS).
. "$top_srcdir/tests/tui-lib.sh"

hocso=$top_builddir/learn/hocso
"$hocso" --data-dir "$data" class add 4A >/dev/null || fail "class add"
"$hocso" --data-dir "$data" learner add --class 4A "Lò Văn An" >/dev/null
"$hocso" --data-dir "$data" --lang en class set 4A --break 2 --daily 5 \
    >"$work/out" ||
    fail "class set"
grep -q "break reminder every 2 min, daily limit 5 min a day" "$work/out" ||
    fail "class set says: $(cat "$work/out")"
"$hocso" --data-dir "$data" class set 4A --daily 99999 2>/dev/null &&
    fail "a daily limit beyond a day is taken"

HOCSO_TEST_ENV="HOCSO_MINUTE_MS=1000"
start_hocso --lang vi
wait_for "Tìm:"
keys Enter				# the one learner of the one class
wait_for "Lò Văn An"
wait_for "nghỉ một chút"		# after 2 "minutes"
wait_for "Em đã dùng hết thời gian học hôm nay"	# after 5
screen | grep -q "Tìm:" || fail "not signed out"
[ "$(sql "SELECT seconds >= 5 FROM screen_time")" = 1 ] ||
    fail "the time was not kept: $(sql "SELECT * FROM screen_time")"
keys Enter				# and again: refused for today
wait_for "hết thời gian học hôm nay. Hẹn gặp"
screen | grep -q "Tìm:" || fail "let in after the daily limit"
echo "PASS: break reminder, daily limit, sign-out, refused until tomorrow"
