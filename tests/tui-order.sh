#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-order.sh: an ordering question in a real terminal at 80x24, in
# Vietnamese: its steps come shuffled, never in the right order; Enter
# picks a step up (marked so that TERM=linux with no colour shows it too)
# and the arrows carry it; SIGKILL mid-question loses nothing committed
# and the same order comes back; digits reorder, Tab and Enter answer,
# F4 reads the steps as they are on the screen, and the partial grade
# (longest ordered subset) is shown and stored.
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets-v1"
cp -R "$top_srcdir/tests/fixtures/order-module" "$data/modules/"
chmod -R u+w "$data"

# The items, top to bottom, as their numbers in the bank (the right
# order is 0 1 2 3).
items() {
	screen | sed -n 6,9p | sed 's/^.*[0-9]\. //' | while read -r t; do
		case $t in
		"Bật công tắc nguồn") echo 0 ;;
		"Chờ máy khởi động xong") echo 1 ;;
		"Chọn tên của em") echo 2 ;;
		"Gõ mật khẩu rồi bấm Enter") echo 3 ;;
		*) echo "?" ;;
		esac
	done | tr '\n' ' '
}
# The row (1-4) that item $1 is on now.
row_of() { items | tr ' ' '\n' | grep -nx "$1" | cut -d: -f1; }

open_quiz() {
	wait_for "1. Xếp theo thứ tự"
	keys Enter
	wait_for "2. Bài kiểm tra"
	keys 2 Enter
}

HOCSO_TEST_ENV=HOCSO_TEST_SPEAK_SINK=null start_hocso
open_quiz
start_quiz
wait_for "Câu 1/2"
wait_for "Xếp các bước đăng nhập máy tính"
first=$(items)
case $first in *"?"*) fail "an item is not shown whole: $first" ;; esac
[ "$first" != "0 1 2 3 " ] || fail "shown in the right order"
screen | grep -q "Enter nhấc" || fail "the key bar does not say how to pick up"

# F4 reads the steps in the order they are on the screen
keys F4
n=0
until ps -ww -o args= --ppid "$(hocso_pid)" | grep -q "speak --play"; do
	n=$((n + 1)); [ $n -le $tries ] || fail "nothing read aloud"
	sleep 0.05
done
said=$(ps -ww -o args= --ppid "$(hocso_pid)" | grep "speak --play")
want=$(screen | sed -n 6,9p | sed 's/^ *//' | tr '\n' '|' |
    sed 's/|$/./; s/|/. /g')
case $said in
*"$want"*) ;;
*) fail "not read in the order on screen: $said (want $want)" ;;
esac
keys x
wait_gone "Đang đọc to"

keys Enter				# the first step picked up
wait_for " ⇅  1."
screen | grep -q "Enter/1-8 đặt xuống" || fail "the key bar does not say how to put down"
mkdir -p /tmp/captures
screen >/tmp/captures/order.txt
keys Down				# carried one place down
wait_for " ⇅  2."
held=$(echo "$first" | cut -d' ' -f1)
[ "$(row_of "$held")" = 2 ] || fail "the step did not move down"
keys '?'
wait_for "Xếp các bước theo thứ tự: các phím"
keys Space
wait_gone "Xếp các bước theo thứ tự: các phím"

# SIGKILL mid-question: nothing was answered, and the same order is back
kill -9 "$(hocso_pid)"
wait_ended "hocso survived SIGKILL"
[ "$(sql "SELECT count(*) FROM answers")" = 0 ] || fail "an answer was stored"
sql "PRAGMA integrity_check" | grep -qx ok || fail "the store is damaged"

# ... at TERM=linux with no colour, the step picked up is still marked
HOCSO_TEST_TERM=linux HOCSO_TEST_ENV=NO_COLOR=1 start_hocso
open_quiz
wait_for "Câu 1/2"
[ "$(items)" = "$first" ] || fail "another order on resume: $(items), was $first"
keys 3
wait_for ">>  3."
keys Enter
wait_gone ">>  3."

# 1 2 3 0: the steps after the first in order, the first last
for item in 1 2 3; do
	keys "$(row_of $item)" "$item"
	n=0
	until [ "$(row_of $item)" = "$item" ]; do
		n=$((n + 1)); [ $n -le 100 ] || fail "step $item not moved"
		sleep 0.05
	done
done
[ "$(items)" = "1 2 3 0 " ] || fail "not reordered: $(items)"
keys Tab Enter
wait_for "3 trên 4 bước đúng thứ tự."
[ "$(sql "SELECT response FROM answers")" = "step2[,]step3[,]step4[,]step1" ] ||
    fail "the response stored: $(sql "SELECT response FROM answers")"
[ "$(sql "SELECT fraction FROM answers")" = 0.75 ] || fail "the grade stored"
[ "$(sql "SELECT count(*) FROM events WHERE verb='answered'")" = 1 ] ||
    fail "no event for the answer"
screen | grep -q "Đáp án đúng: Bật công tắc nguồn -> Chờ máy" ||
    fail "the right order is not shown"
keys Enter
wait_for "Câu 2/2"
keys 1 Enter
wait_for "Đúng"
keys Enter
wait_for "Kết quả"
wait_for "88%"
screen | grep -q "Đúng một phần: 75% số điểm." || fail "the review's grade"
[ "$(sql "SELECT score FROM attempts")" = 0.875 ] || fail "the score"

# The same as a lesson's practice block: shuffled, Tab answers; a first
# answer not all right leaves the steps for a second try.
keys Enter
wait_for "2. Bài kiểm tra"
keys 1 Enter
wait_for "Một màn hình."
keys Enter
wait_for "Xếp các bước tắt máy"
lesson_items() {
	screen | sed -n 8,10p | sed 's/^.*[0-9]\. //' | while read -r t; do
		case $t in
		"Lưu bài đang làm") echo 0 ;;
		"Đóng các chương trình") echo 1 ;;
		"Chọn Tắt máy") echo 2 ;;
		*) echo "?" ;;
		esac
	done | tr '\n' ' '
}
shown=$(lesson_items)
case $shown in *"?"*|"0 1 2 ") fail "the practice's steps: $shown" ;; esac
keys Enter
wait_for ">>  1."
keys Enter
wait_gone ">>  1."
keys Tab
wait_for "bước đúng thứ tự. Em thử lại lần nữa nhé."
[ "$(sql "SELECT count(*) FROM practice")" = 1 ] || fail "the try not stored"
[ "$(lesson_items)" = "$shown" ] || fail "the steps moved on a wrong try"
# put them right: "Lưu" first, then "Đóng"
r=$(lesson_items | tr ' ' '\n' | grep -nx 0 | cut -d: -f1)
keys "$r" 1
wait_for "1. Lưu bài đang làm"
r=$(lesson_items | tr ' ' '\n' | grep -nx 1 | cut -d: -f1)
keys "$r" 2
wait_for "2. Đóng các chương trình"
keys Tab
wait_for "+ Đúng rồi!"
[ "$(sql "SELECT response || ' ' || fraction FROM practice ORDER BY rowid DESC LIMIT 1")" = "step1[,]step2[,]step3 1.0" ] ||
    fail "the practice answer stored: $(sql "SELECT response, fraction FROM practice")"
[ "$(sql "SELECT count(*) FROM events WHERE object LIKE '%:practice:%'")" = 2 ] ||
    fail "no events for the practice answers"
echo "PASS: an ordering question reordered, resumed after SIGKILL, graded 3/4; and in a lesson"
