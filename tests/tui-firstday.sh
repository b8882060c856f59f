#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-firstday.sh: a new school's whole first day with no shell command,
# at 80x24, in Vietnamese.  The first run (the school, the teacher's PIN)
# ends in teacher mode; from there, u: the publisher's key on the stick is
# trusted and the modules on it installed; the class list on the stick
# (40 learners with the PINs the office typed) is previewed and imported;
# the sign-in sheet gives the class new PINs and goes to the printer (a
# fake lp); then a child signs in with the PIN printed on the sheet (the
# one typed in the list no longer works) and takes a quiz with one wrong
# answer; the teacher gives her extra time and her attempt back, and
# reads her wrong answer.
. "$top_srcdir/tests/tui-lib.sh"

hocso=$top_builddir/learn/hocso
pack=$top_builddir/lessons/hocso-pack
stick=$work/stick
mkdir -p "$stick" "$work/bin" "$work/home"
rm -rf "$data"
mkdir "$data"					# a new school
key=$top_srcdir/lessons/demo-key/hocso-demo.key
# The quiz: one attempt in 5 minutes (the teacher gives more below).
cp -R "$top_srcdir/tests/fixtures/secrets-v1" "$work/secrets"
chmod -R u+w "$work/secrets"
printf 'attempts = 1\nminutes = 5\n' >>"$work/secrets/module.ini"
"$pack" build "$work/secrets" \
    -o "$stick/secrets.hsm" --key "$key" >/dev/null || fail "pack secrets"
"$pack" build "$top_srcdir/lessons/curriculum/basics" \
    -o "$stick/basics.hsm" --key "$key" >/dev/null || fail "pack basics"
cp "$top_srcdir/lessons/demo-key/hocso-demo.pub" "$stick/"
{
	echo "Họ và tên;Lớp;Mã PIN"
	i=1
	while [ $i -le 39 ]; do
		echo "Học sinh số $i;4A;1111"
		i=$((i + 1))
	done
	echo "Lò Thị Bình;4A;1111"
} >"$stick/lop4a.csv"
cat >"$work/bin/lp" <<LP
#!/bin/sh
printf '%s\n' "\$@" >"$work/lp.args"
echo "request id is Laser-7 (1 file(s))"
LP
chmod +x "$work/bin/lp"
tm new-session -d -s hocso -x 80 -y 24 \
    "exec env LANG=C.UTF-8 LANGUAGE= TERM=xterm-256color \
    HOME='$work/home' PATH='$work/bin':\"\$PATH\" \
    HOCSO_LOCALEDIR='$top_builddir/i18n/locale' ${HOCSO_TEST_WRAPPER:-} \
    '$hocso' --data-dir '$data' --lang vi"

# The first run.
wait_for "Chào mừng!"
tm send-keys -t hocso -l "Trường Tiểu học Bản Lầu"
keys Enter
tm send-keys -t hocso -l LC-001
keys Enter
tm send-keys -t hocso -l 2468
keys Enter
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Bấm n để thêm một lớp"

# Modules from the stick: its publisher's key first.
keys u
wait_for "Cài mô-đun từ USB"
keys Enter
wait_for "chọn nơi có USB"
keys /
tm send-keys -t hocso -l "${stick#/}"
keys Enter
wait_for "Giữ bí mật của em  1.0.0  hocso-demo (chưa tin cậy)  mới"
keys i
wait_for "basics.hsm: chưa tin cậy nhà xuất bản nào"	# install's words
[ ! -d "$data/modules/vn.hocso.basics" ] || fail "an untrusted install"
keys Down
wait_for "hocso-demo.pub: khóa của một nhà xuất bản"
keys Enter
wait_for "Tin cậy nhà xuất bản"
keys y
wait_for "đã tin cậy nhà xuất bản hocso-demo"
wait_for "Giữ bí mật của em  1.0.0  hocso-demo  mới"
# [..], basics (selected), the key, secrets
keys Space Down Down Space i
wait_for "Đã cài 2 mô-đun."
keys Escape
wait_for "Bấm n để thêm một lớp"

# The class list.
keys u 2 Enter
wait_for "Thư mục: chọn nơi có USB"
keys /
tm send-keys -t hocso -l "${stick#/}"
keys Enter
wait_for "lop4a.csv"
keys Enter
wait_for "lop4a.csv: 40 học sinh sẽ được thêm"
wait_for "Học sinh số 1  4A (lớp mới)"
keys Enter
wait_for "Đã thêm 40 học sinh."
wait_for "Lớp 4A"
got=$(sql "SELECT count(*) FROM learners WHERE class_id IS NOT NULL")
[ "$got" = 40 ] || fail "not 40 learners: $got"

# The sheet: new PINs, to the printer.
keys u 3 Enter
wait_for "Lớp 4A có 40 học sinh."
keys Enter
wait_for "Tạo mã PIN mới cho 40 học sinh của lớp 4A?"
keys y
wait_for "Đã gửi tới máy in."
sheet=$data/sheets/sign-in-4A-$(date +%Y-%m-%d).txt
[ "$(sed -n 4p "$work/lp.args")" = "$sheet" ] || fail "lp was not given the sheet"
pin=$(sed -n 's/^ *[0-9]*  Lò Thị Bình  *\([0-9]\{4\}\)$/\1/p' "$sheet")
[ -n "$pin" ] || fail "no PIN for Lò Thị Bình on the sheet"
keys Enter
wait_for "Lớp 4A"
keys q

# A child signs in with the PIN on the sheet.
wait_for "Tìm:"
tm send-keys -t hocso -l "binh"
wait_for "▶ Lò Thị Bình"
keys Enter
wait_for "Chào Lò Thị Bình!"
if [ "$pin" != 1111 ]; then			# the list's PIN is gone
	tm send-keys -t hocso -l 1111
	keys Enter
	wait_for "Mã PIN chưa đúng"
	keys BSpace
fi
tm send-keys -t hocso -l "$pin"
keys Enter
wait_for "Giữ bí mật của em"
n=$(screen | sed -n 's/^ *▶\{0,1\} *\([0-9]\)\. Giữ bí mật của em.*/\1/p' | head -n 1)
[ -n "$n" ] || fail "the module is not numbered"
keys "$n" Enter
wait_for "3. Bài kiểm tra"
keys 3 Enter
start_quiz
for q in 1 2 3 4 5; do
	wait_for "Câu $q/5"
	# Question 1 wrong: the teacher reads it below.
	[ $q = 1 ] && n=$(choice_number wrong) || n=$(choice_number right)
	[ -n "$n" ] || fail "cannot find the choices of question $q"
	keys "$n" Enter
	[ $q = 5 ] || wait_gone "Câu $q/5"
done
wait_for "Kết quả"
wait_for "4 trên 5"
[ "$(sql "SELECT a.score FROM attempts a JOIN learners l ON \
    l.id = a.learner_id WHERE l.name = 'Lò Thị Bình'")" = 0.8 ] ||
    fail "the attempt is not recorded"
keys Enter
wait_for "3. Bài kiểm tra"
keys q q					# the module, home: signed out
wait_for "Tìm:"

# The teacher gives Bình five more minutes and her attempt back, and
# reads her wrong answer.
keys F5
wait_for "PIN của giáo viên"
tm send-keys -t hocso -l 2468
keys Enter
wait_for "hocso › Giáo viên"
# Bình is the 40th of the class: the list scrolls to her.
keys $(seq 39 | sed 's/.*/Down/')
wait_for "Lò Thị Bình             ·   ✓"
keys Enter
wait_for "Lò Thị Bình (4A)"
keys o
wait_for "Mô-đun: ‹ Làm quen với máy tính ›"
keys Right
wait_for "Mô-đun: ‹ Giữ bí mật của em ›"
wait_for "Lượt làm bài: xong 1, còn 0 trong 1"
wait_for "Thời gian làm bài hôm nay: 5 phút (5 + 0 thêm)"
keys Enter
wait_for "Thời gian làm bài hôm nay: 10 phút (5 + 5 thêm)"
keys Down Enter
wait_for "Lượt làm bài: xong 0, còn 1 trong 1"
keys Down Down Down Enter
wait_for "1 trong 5 câu chưa đúng"
wait_for "Đã trả lời:"
wait_for "Đáp án đúng:"
got=$(sql "SELECT count(*) FROM overrides")
[ "$got" -ge 2 ] || fail "the overrides are not recorded: $got"
echo "PASS"
