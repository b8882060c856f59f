#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-stick.sh: teacher mode's USB stick and sign-in sheet screens, at
# 80x24 and 60x20.  On a stick folder made here (packages built by
# hocso-pack from lessons/curriculum, a link to a file outside the stick
# and a FIFO named .hsm, a class list of 40 with 3 bad rows): the modules
# are listed with title, publisher and new/installed, the link and the
# FIFO refused in hocso install's words (the file outside untouched) and
# the others installed; the list's preview marks the 3 bad rows with
# their reason, asks about the class the school does not have (no: it is
# not made; yes, at 60x20: it is, with its row), adds nothing when the
# teacher says no, then adds the good rows; the sheet of a class without PINs goes to the data folder and to
# lp (a fake one that records its arguments); a class with PINs is told
# and asked first: no leaves its PINs as they were, yes makes new ones.
. "$top_srcdir/tests/tui-lib.sh"

hocso=$top_builddir/learn/hocso
pack=$top_builddir/lessons/hocso-pack
stick=$work/stick
mkdir -p "$stick/photos" "$work/bin" "$work/home"
for m in basics secrets; do
	"$pack" build "$top_srcdir/lessons/curriculum/$m" -o "$stick/$m.hsm" \
	    --key "$top_srcdir/lessons/demo-key/hocso-demo.key" >/dev/null ||
	    fail "hocso-pack build $m"
done
printf 'canary\n' >"$work/canary"
ln -s "$work/canary" "$stick/link.hsm"
mkfifo "$stick/fifo.hsm"
{
	echo "tên,lớp"
	i=1
	while [ $i -le 40 ]; do
		case $i in
		7) echo "Lò Văn Bảy,4AA" ;;	# no such class
		19) echo ",4A" ;;		# no name
		33) echo "Học sinh số 2,4A" ;;	# twice
		*) echo "Học sinh số $i,4A" ;;
		esac
		i=$((i + 1))
	done
} >"$stick/lop4a.csv"
cat >"$work/bin/lp" <<LP
#!/bin/sh
printf '%s\n' "\$@" >"$work/lp.args"
echo "request id is Laser-7 (1 file(s))"
LP
chmod +x "$work/bin/lp"

# run_at COLSxROWS: the three screens on a new data folder.
run_at() {
	size=$1
	data=$work/data-$size
	rm -rf "$data" "$work/lp.args"
	mkdir -p "$data"
	"$hocso" --data-dir "$data" school --name "Trường Bản Lầu" \
	    --code LC-001 --teacher-pin 2468 >/dev/null || fail "school"
	"$hocso" --data-dir "$data" trust add \
	    "$top_srcdir/lessons/demo-key/hocso-demo.pub" >/dev/null
	"$hocso" --data-dir "$data" class add 4A >/dev/null
	"$hocso" --data-dir "$data" class add 5B --pins >/dev/null
	for who in "Vàng Thị Dua" "Sùng A Páo" "Lý Thị Mai"; do
		"$hocso" --data-dir "$data" learner add --class 5B "$who" \
		    --pin 1357 >/dev/null
	done
	tm kill-server 2>/dev/null || true
	tm new-session -d -s hocso -x "${size%x*}" -y "${size#*x}" \
	    "exec env LANG=C.UTF-8 LANGUAGE= TERM=xterm-256color \
	    HOME='$work/home' PATH='$work/bin':\"\$PATH\" \
	    HOCSO_LOCALEDIR='$top_builddir/i18n/locale' \
	    ${HOCSO_TEST_WRAPPER:-} \
	    '$hocso' --data-dir '$data' --lang vi"
	wait_for "Tìm:"
	keys F5
	wait_for "Mã PIN của giáo viên"
	tm send-keys -t hocso -l 2468
	keys Enter
	wait_for "Lớp 4A"
	screen | grep -q "u USB" || fail "$size: no u in the footer"

	# Modules from the stick.
	keys u
	wait_for "Cài mô-đun từ USB"
	screen >"$work/menu-$size.txt"
	keys Enter
	wait_for "chọn nơi có USB"
	# $HOME, whole, or "…" and its end when it is wider than the list
	# (a long TMPDIR): the end names the folder.
	row=$(screen | grep -F "${work##*/}/home/") ||
	    fail "$size: \$HOME is not offered"
	if [ $((${#work} + 6)) -le $((${size%x*} - 4)) ]; then
		printf '%s\n' "$row" | grep -qF "$work/home/" ||
		    fail "$size: \$HOME is cut though it fits: $row"
	else
		printf '%s\n' "$row" | grep -q "^  ….*${work##*/}/home/ *\$" ||
		    fail "$size: a long \$HOME is not shown by its end: $row"
	fi
	keys /
	tm send-keys -t hocso -l "${stick#/}"
	keys Enter
	wait_for "Giữ bí mật của em"
	s=$(screen)
	for want in "Làm quen với máy tính  1.2.0  hocso-demo  mới" \
	    "fifo.hsm: không phải tệp thường (một FIFO)" \
	    "link.hsm: không phải tệp thường (một liên kết mềm)" \
	    "photos/"; do
		printf '%s\n' "$s" | grep -qF "$want" || fail "$size: no '$want'"
	done
	screen >"$work/install-$size.txt"
	# [..], photos/, basics (selected), fifo, link, secrets
	keys Space Down Down Space Down Space
	keys i
	wait_for "Đã cài 2, từ chối 1"
	wait_for "Làm quen với máy tính  1.2.0  hocso-demo  đã cài"
	screen | grep -qF "Giữ bí mật của em  1.2.0  hocso-demo  đã cài" ||
	    fail "$size: secrets is not said installed"
	[ -d "$data/modules/vn.hocso.basics" ] &&
	    [ -d "$data/modules/vn.hocso.secrets" ] ||
	    fail "$size: the modules are not installed"
	[ "$(cat "$work/canary")" = canary ] || fail "$size: the canary changed"
	[ -L "$stick/link.hsm" ] && [ -p "$stick/fifo.hsm" ] ||
	    fail "$size: the stick was changed"
	keys Escape
	wait_for "Lớp 4A"

	# A class list, with a preview.
	keys u 2 Enter
	wait_for "Thư mục: chọn nơi có USB"
	keys /
	tm send-keys -t hocso -l "${stick#/}"
	keys Enter
	wait_for "lop4a.csv"
	screen | grep -q "\.hsm" && fail "$size: packages in the list chooser"
	keys Enter
	wait_for "37 học sinh sẽ được thêm"
	wait_for "Trường chưa có lớp 4AA. Thêm lớp này?"
	screen | grep -q "3 dòng có lỗi" || fail "$size: the bad rows not counted"
	if [ "$size" = 80x24 ]; then	# no: the class is not made
		keys n
		wait_gone "Thêm lớp này?"
		keys b
		wait_for "Dòng 8: không có lớp 4AA"
		screen >"$work/import-$size.txt"
		good=37 bad=3 classes=0
	else				# yes: it is, and said so
		keys y
		wait_for "38 học sinh sẽ được thêm"
		wait_for "Lò Văn Bảy  4AA (lớp mới)"
		good=38 bad=2 classes=1
	fi
	keys b
	wait_for "Dòng 20:"
	keys b
	wait_for "Dòng 34: học sinh Học sinh số 2 của lớp 4A"
	keys Enter
	wait_for "Thêm $good dòng đúng và bỏ qua các dòng lỗi?"
	keys n				# no: nothing added
	wait_gone "Thêm $good dòng đúng"
	[ "$(sql "SELECT count(*) FROM learners")" = 3 ] ||
	    fail "$size: learners added after no"
	[ "$(sql "SELECT count(*) FROM classes WHERE name = '4AA'")" = 0 ] ||
	    fail "$size: class 4AA made before the import"
	keys Enter
	wait_for "Thêm $good dòng đúng"
	keys y
	wait_for "Đã thêm $good học sinh; $bad dòng có lỗi được bỏ qua."
	wait_for "Học sinh số 1"
	[ "$(sql "SELECT count(*) FROM learners l JOIN classes c ON \
	    c.id = l.class_id WHERE c.name = '4A'")" = 37 ] ||
	    fail "$size: not 37 learners in 4A"
	[ "$(sql "SELECT count(*) FROM classes WHERE name = '4AA'")" = \
	    "$classes" ] || fail "$size: class 4AA made: not $classes"

	# The sign-in sheet: 4A (no PINs), then 5B (PINs).
	keys u 3 Enter
	wait_for "Phiếu đăng nhập"
	wait_for "Lớp 4A có 37 học sinh."
	screen >"$work/sheet-$size.txt"
	keys Enter
	wait_for "Đã lưu vào"
	wait_for "Đã gửi tới máy in."
	file=$data/sheets/sign-in-4A-$(date +%Y-%m-%d).txt
	grep -q "^    1  Học sinh số 1$" "$file" || fail "$size: no sheet"
	[ "$(sed -n 4p "$work/lp.args")" = "$file" ] ||
	    fail "$size: lp was not given the sheet"
	wait_for "Học sinh số 1"
	keys Enter
	wait_for "Lớp 4A"
	pins() { sql "SELECT group_concat(pin_hash) FROM learners WHERE \
	    class_id = (SELECT id FROM classes WHERE name = '5B')"; }
	before=$(pins)
	keys u 3 Enter
	wait_for "Phiếu đăng nhập"
	keys Right
	[ "$classes" = 0 ] || keys Right	# 4A, 4AA, 5B
	wait_for "Lớp 5B có 3 học sinh."
	wait_for "mỗi học sinh nhận một mã PIN mới"
	keys Enter
	wait_for "Tạo mã PIN mới cho 3 học sinh của lớp 5B?"
	keys n
	wait_gone "Tạo mã PIN mới"
	[ "$(pins)" = "$before" ] || fail "$size: PINs changed after no"
	keys Enter
	wait_for "Tạo mã PIN mới"
	keys y
	wait_for "Đã gửi tới máy in."
	wait_for "Lý Thị Mai"
	[ "$(pins)" != "$before" ] || fail "$size: the PINs are not new"
	grep -qE "^ +[0-9]+  Lý Thị Mai +[0-9]{4}$" \
	    "$data/sheets/sign-in-5B-$(date +%Y-%m-%d).txt" ||
	    fail "$size: no PIN on the sheet"
	keys Escape
	wait_for "Lớp 4A"
	keys q
	tm kill-server 2>/dev/null || true
}

run_at 80x24
run_at 60x20
# The screens at 80x24, for whoever reads the log.
for f in menu install import sheet; do
	echo "--- $f at 80x24:"
	cat "$work/$f-80x24.txt"
done
echo "PASS"
