#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-telex.sh: an English word typed with Vietnamese typing on (issue
# #13, defect 4).  Telex is on by default, so "deepfake" shows composed
# on the screen; the answer is accepted because the keys as typed match,
# and the keys are what is recorded and what the review shows.  A
# Vietnamese answer typed in Telex is recorded as composed; a backspace
# takes the last key back from both.
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets-v1"
cp -R "$top_srcdir/tests/fixtures/every-type" "$data/modules/"
chmod -R u+w "$data"
cat >"$data/modules/every-type/quizzes/vi/all.gift" <<'GIFT'
::en:: Video giả làm bằng AI gọi là gì? (Gõ một từ) {=deepfake =deep fake}

::vi:: Thứ em không cho ai biết? {=mật khẩu}

::sai:: Gõ chữ deepfake lần nữa {=deepfake}
GIFT

start_hocso
wait_for "1. Mọi loại câu hỏi"
keys Enter
wait_for "2. Bài kiểm tra"
keys 2 Enter
start_quiz
wait_for "Câu 1/3"
wait_for "Gõ tiếng Việt: Telex"
tm send-keys -t hocso -l "deepfakk"
keys BSpace
tm send-keys -t hocso -l "e"
sleep 0.3
screen | grep -q "│ deepfake " && fail "Telex did not compose (the test needs it on)"
keys Enter
wait_for "Câu 2/3"
tm send-keys -t hocso -l "maatj khaaur"
wait_for "│ mật khẩu "
keys Enter
wait_for "Câu 3/3"
tm send-keys -t hocso -l "deepfak"	# wrong either way
keys Enter
wait_for "Kết quả"
[ "$(sql "SELECT group_concat(response || '=' || fraction, '|') FROM
    (SELECT response, fraction FROM answers WHERE position < 2
    ORDER BY position)")" = "deepfake=1.0|mật khẩu=1.0" ] ||
    fail "stored: $(sql "SELECT response, fraction FROM answers")"
# wrong either way: what was on the screen is stored
[ "$(sql "SELECT fraction FROM answers WHERE position = 2")" = 0.0 ] ||
    fail "a wrong answer was accepted"
[ "$(sql "SELECT response FROM answers WHERE position = 2")" != deepfak ] ||
    fail "a wrong answer is stored as keys, not as shown"
screen | grep -q "deepfake" || fail "the review does not show what was typed"
echo "PASS: Telex: the keys as typed are accepted, recorded and reviewed"
