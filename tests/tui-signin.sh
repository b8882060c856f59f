#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-signin.sh: signing in from a roster imported from a spreadsheet:
# the class, the name found by typing it without marks, the PIN; wrong
# PINs lock for a while with words a child follows; the learner's work is
# theirs (their random id in the events, never their name); q signs out;
# an English-speaking learner gets the interface in English.
. "$top_srcdir/tests/tui-lib.sh"

cat >"$work/lop.csv" <<'CSV'
Họ và tên;Lớp;Mã PIN
Nguyễn Văn An;4A;1234
Trần Thị Bích Ngọc;4A;5678
Lê Minh;4B;
CSV
"$top_builddir/learn/hocso" --data-dir "$data" learner import "$work/lop.csv" \
    >/dev/null || fail "import"
"$top_builddir/learn/hocso" --data-dir "$data" learner add --class 4B \
    --lang en "Mary Smith" >/dev/null || fail "learner add"

start_hocso --lang vi
wait_for "Em học lớp nào?"
keys 1
wait_for "Tìm:"
tm send-keys -t hocso -l "ngoc"		# without marks
wait_for "▶ Trần Thị Bích Ngọc"
screen | grep -q "Nguyễn Văn An" && fail "the filter let An through"
keys Enter
wait_for "Chào Trần Thị Bích Ngọc!"
for pin in 1111 2222; do
	tm send-keys -t hocso -l "$pin"
	keys Enter
	wait_for "Mã PIN chưa đúng"
	keys BSpace			# the message goes with the next key
done
tm send-keys -t hocso -l 3333
keys Enter
wait_for "thử lại sau 30 giây"
tm send-keys -t hocso -l 5678		# the right one, but locked
keys Enter
wait_for "Em chờ"
screen | grep -q "Chào Trần Thị Bích Ngọc!" || fail "let in while locked"
[ "$(sql "SELECT pin_failures FROM learners WHERE name LIKE 'Trần%'")" = 3 ] ||
    fail "the wrong tries are not counted"
sql "UPDATE learners SET locked_until = NULL"	# the 30 s have passed
tm send-keys -t hocso -l 5678
keys Enter
wait_for "Trần Thị Bích Ngọc"
wait_for "1. Giữ bí mật của em"
[ "$(sql "SELECT pin_failures FROM learners WHERE name LIKE 'Trần%'")" = 0 ] ||
    fail "a right PIN does not reset the count"
keys Enter
wait_for "1. Mật khẩu là gì?"
keys Enter
wait_for "1/"
uuid=$(sql "SELECT uuid FROM learners WHERE name LIKE 'Trần%'")
[ "$(sql "SELECT count(*) FROM events WHERE actor = '$uuid'")" -ge 1 ] ||
    fail "the learner's work is not theirs"
[ "$(sql "SELECT count(*) FROM events WHERE actor LIKE '%Ngọc%' OR
    object LIKE '%Ngọc%'")" = 0 ] || fail "a name in the events"

# q, q, q: back to the sign-in screen for the next learner
keys q
wait_for "1. Mật khẩu là gì?"
keys q
wait_for "1. Giữ bí mật của em"
keys q
wait_for "Em học lớp nào?"
keys 2
wait_for "Tìm:"
tm send-keys -t hocso -l "mary"
wait_for "▶ Mary Smith"
keys Enter				# 4B has no PINs
wait_for "1. Secure your secrets"
screen | grep -q "Mary Smith" || fail "the name is not shown"
echo "PASS: sign in by class, name and PIN; lockout; sign out; language"
