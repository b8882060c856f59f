#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-school.sh: the whole school story in one run, as a teacher and a
# child would live it: a new data folder and its first run (the school
# and the teacher's PIN); a class imported from a spreadsheet; a child
# signs in with her PIN and takes the quiz; the teacher sees her pass on
# the class overview and in her detail; and `hocso report --format csv`
# gives the same figures as the screen.
. "$top_srcdir/tests/tui-lib.sh"

hocso=$top_builddir/learn/hocso
rm -f "$data"/hocso.db*			# a new data folder

# 1. first run
start_hocso --lang vi
wait_for "Chào mừng"
tm send-keys -t hocso -l "Truwowngf Tieeur hocj Muwowngf Hum"
keys Enter
tm send-keys -t hocso -l "LC-017"
keys Enter
tm send-keys -t hocso -l 2468
keys Enter
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Đây là chế độ giáo viên"	# the first run ends in teacher mode
keys q
wait_for "1. Giữ bí mật của em"
keys q
wait_ended "hocso did not quit"

# 2. the class from a spreadsheet (Excel's CSV: BOM, semicolons, CRLF)
printf '\357\273\277Họ và tên;Lớp;Mã PIN\r\nSùng Thị Mỷ;4A;1357\r\nVàng A Páo;4A;8642\r\n' \
    >"$work/4a.csv"
"$hocso" --data-dir "$data" learner import "$work/4a.csv" >/dev/null ||
    fail "import"

# 3. Mỷ signs in with her PIN and takes the quiz: all right
start_hocso --lang vi
wait_for "Tìm:"
tm send-keys -t hocso -l "my"
wait_for "▶ Sùng Thị Mỷ"
keys Enter
wait_for "Chào Sùng Thị Mỷ!"
tm send-keys -t hocso -l 1357
keys Enter
wait_for "1. Giữ bí mật của em"
keys Enter
wait_for "3. Bài kiểm tra"
keys 3 Enter
start_quiz
for q in 1 2 3 4 5; do
	wait_for "Câu $q/5"
	n=$(choice_number right)
	[ -n "$n" ] || fail "cannot find the choices of question $q"
	keys "$n" Enter
	[ $q = 5 ] || wait_gone "Câu $q/5"
done
wait_for "5 trên 5"
keys Enter
wait_for "cao nhất 100%"
keys q
wait_for "1. Giữ bí mật của em"
keys q					# signs out
wait_for "Tìm:"

# 4. the teacher's view
keys F5
wait_for "Mã PIN của giáo viên"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Lớp 4A"
row=$(screen | grep "Sùng Thị Mỷ")
printf '%s\n' "$row" | grep -q "✓" || fail "Mỷ has not passed on screen: $row"
screen | grep "Vàng A Páo" | grep -q "·" || fail "Páo has started?"
screen | grep -q "✓ 1 đạt" || fail "the module's totals"
keys Enter				# Mỷ's detail
wait_for "Sùng Thị Mỷ (4A)"
screen | grep -q "100% trong" || fail "the attempt in the detail"

# 5. the report says the same
"$hocso" --data-dir "$data" --lang en report --class 4A --format csv \
    >"$work/csv"
grep -q '^4A,Sùng Thị Mỷ,vn.hocso.secrets,.*,passed,0,2,1,100,100,' \
    "$work/csv" || fail "Mỷ's row: $(grep Mỷ "$work/csv")"
grep -q '^4A,Vàng A Páo,vn.hocso.secrets,.*,not started,0,2,0,,,' \
    "$work/csv" || fail "Páo's row: $(grep Páo "$work/csv")"
[ "$(sql "SELECT count(*) FROM events e JOIN learners l ON l.uuid = e.actor
    WHERE l.name = 'Sùng Thị Mỷ' AND e.verb = 'passed'")" = 1 ] ||
    fail "her pass is not an event of hers"
echo "PASS: first run, CSV class, PIN sign-in, quiz, teacher view and report agree"
