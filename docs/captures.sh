#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# captures.sh: the screen captures of docs/teacher-guide.md, taken from the
# real app at 80x24 in tmux, in English and in Vietnamese.
#
#   docs/captures.sh OUTDIR      writes OUTDIR/en/NAME.txt, OUTDIR/vi/NAME.txt
#
# `make captures` runs it into docs/captures/ and puts the English ones into
# the guide (docs/captures.awk); the Vietnamese ones reach docs/vi/ through
# the translation (docs/captures-po.awk makes them a compendium that po4a's
# msgmerge reads).  tests/doc-captures.sh runs it into a temporary folder
# and fails when the committed captures are no longer what the app shows.
#
# The school is made the way a teacher would today: the first-run form in
# the app, then the commands (install, class, learner), and the children's
# work loaded from docs/captures/class-4a.sql.  The clock is fixed (HOCSO_TEST_NOW) so that the captures do not
# change from one run to the next.  A folder stands for the USB stick (the
# modules' packages and a class list with bad rows), a fake lp for the
# printer; two requests for help are put in the store as F9 would.
set -eu
: "${top_srcdir:?run through make captures}" "${top_builddir:?}"
out=${1:?usage: docs/captures.sh OUTDIR}
TMUX_BIN=${TMUX_BIN:-tmux}
SQLITE3_BIN=${SQLITE3_BIN:-sqlite3}
hocso=$top_builddir/learn/hocso
pack=$top_builddir/lessons/hocso-pack
now=1796630400000		# 2026-12-07 08:00 UTC, a Monday morning

# Always under /tmp, whatever TMPDIR says: the screens show the data
# folder and the stick by their paths, and a longer folder would not fit
# in 80 columns before the lines below rename it (a TMPDIR of 40
# characters cut the sign-in sheet's "Save in" and failed the test).
work=$(mktemp -d /tmp/hocso-captures-XXXXXX)
runs=0
sock=$work/tmux.0
unset TMUX
tm() { "$TMUX_BIN" -u -f /dev/null -S "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
die() { echo "captures.sh: $*" >&2; exit 1; }

# Starts hocso at 80x24 on data folder $1, in language $2.
start() {
	tm kill-server 2>/dev/null || true
	runs=$((runs + 1))
	sock=$work/tmux.$runs		# a new server: the old may be ending
	tm new-session -d -s hocso -x 80 -y 24 \
	    "exec env LANG=C.UTF-8 LANGUAGE= TERM=xterm-256color \
	    TZ=UTC PATH='$work/bin':\"\$PATH\" \
	    HOCSO_LOCALEDIR='$top_builddir/i18n/locale' HOCSO_TEST_NOW=$now \
	    '$hocso' --data-dir '$1' --lang $2"
	pid=$(tm display-message -p -t hocso '#{pane_pid}')
	woken=-1
	settle
}
screen() { tm capture-pane -p -t hocso; }
# How many times the app has gone to sleep (to wait for a key, for a
# child, for its clock); -2 once it has ended.
sleeps() {
	awk '/^voluntary_ctxt_switches/ { print $2; found = 1 }
	    END { if (!found) print -2 }' "/proc/$pid/status" 2>/dev/null ||
	    echo -2
}
# Whether the app is asleep and has no child running (hocso-cmd).
asleep() {
	[ ! -d "/proc/$pid" ] && return 0
	[ "$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$pid/stat" \
	    2>/dev/null)" = S ] || return 1
	[ -z "$(cat /proc/"$pid"/task/*/children 2>/dev/null | tr -d ' ')" ]
}
keys() { woken=$(sleeps); tm send-keys -t hocso "$@"; }
text() { woken=$(sleeps); tm send-keys -t hocso -l "$1"; settle; }

# Waits until the app has taken the keys and drawn what they asked for:
# it has gone to sleep since they were sent, it is asleep with no child
# running, and the screen has stayed the same for a few polls.  Not a
# guess at how long a screen takes: a slow or busy machine only waits
# longer.
settle() {
	n=0 same=0 prev=
	while [ $same -lt 4 ]; do
		n=$((n + 1))
		[ $n -le 600 ] || die "the screen never settled:
$(screen)"
		sleep 0.05
		cur=$(screen)
		if [ "$cur" = "$prev" ] && [ -n "$cur" ] && asleep &&
		    [ "$(sleeps)" -gt "$woken" ] || [ "$(sleeps)" = -2 ]; then
			same=$((same + 1))
		else
			same=0
		fi
		prev=$cur
	done
}
# Keys, then the screen they lead to.
press() { keys "$@"; settle; }
# Writes the screen as it is to OUTDIR/LANG/$1.txt.  The stick and the
# data folder are folders of $work, a new name at each run: a screen that
# shows them shows them where a stick is mounted and where hocso keeps
# its data by default; a teacher's change names the computer's account,
# shown as a school's would be named.
user=$(id -un)
shot() {
	screen | sed -e "s|$work/stick|/media/usb|g" \
	    -e "s|$work/day|/home/giaovien/.local/share/hocso|g" \
	    -e "s|, $user)|, giaovien)|g" >"$out/$lang/$1.txt"
}
# Opens the stick's folder in the folder chooser.
stickdir() { press /; text "${work#/}/stick"; press Enter; }

# A printer (CUPS' lp), so that the sign-in sheet's screen is the same on
# every machine; no capture prints.
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "request id is Laser-1 (1 file(s))"\n' >"$work/bin/lp"
chmod +x "$work/bin/lp"

# The school every capture after the first run shows: ten modules
# installed, class 4A of ten children with PINs and a morning of their
# work (docs/captures/class-4a.sql), class 4B.
school=$work/school
h() { HOCSO_TEST_NOW=$now "$hocso" --data-dir "$school" "$@" >/dev/null; }
h trust add "$top_srcdir/lessons/demo-key/hocso-demo.pub"
h school --name "Trường Tiểu học Bản Lầu" --code LC-001 --teacher-pin 2468
mkdir -p "$work/stick"
for m in "$top_srcdir"/lessons/curriculum/*/; do
	name=$(basename "$m")
	"$pack" build "$m" -o "$work/stick/$name.hsm" \
	    --key "$top_srcdir/lessons/demo-key/hocso-demo.key" >/dev/null
	h install "$work/stick/$name.hsm"
done
# "Secure your secrets" as a school may set it: two attempts of 15 minutes.
printf 'attempts = 2\nminutes = 15\n' >>"$school/modules/vn.hocso.secrets/module.ini"
h class add 4A
i=1
for who in "Nguyễn Văn An" "Lò Thị Bình" "Giàng A Chư" "Hoàng Thị Dung" \
    "Vàng Văn Giang" "Sùng Thị Hoa" "Lý Văn Khánh" "Đặng Thị Lan" \
    "Ma Văn Minh" "Triệu Thị Ngọc"; do
	h learner add --class 4A "$who" --pin "$((1000 + i * 111))"
	i=$((i + 1))
done
"$SQLITE3_BIN" "$school/hocso.db" <"$top_srcdir/docs/captures/class-4a.sql"
h class set 4A --pins on
h class add 4B
h learner add --class 4B "Lục Văn Phong"
# A class list on the stick, as a spreadsheet saves it: two bad rows.
{
	echo "Họ và tên;Lớp;Mã PIN"
	echo "Lục Văn Phong;4B;"
	echo "Hầu Thị Mỷ;4B;"
	echo ";4B;"
	echo "Chảo Văn Sơn;4B;"
	echo "Hầu Thị Mỷ;4B;"
	echo "Tẩn Thị Xuân;4B;"
} >"$work/stick/lop4b.csv"

for lang in en vi; do
	mkdir -p "$out/$lang"

	# A new school: the first-run form, ending in teacher mode.
	rm -rf "$work/new"
	start "$work/new" $lang
	if [ $lang = vi ]; then
		text "Trường Tiểu học Bản Lầu"
	else
		text "Ban Lau Primary School"
	fi
	press Enter
	text LC-001
	press Enter
	text 2468
	press Enter
	shot firstrun
	text 2468
	press Enter
	shot teacher-first
	press '?'
	shot teacher-keys

	# A child signs in.
	rm -rf "$work/day"
	cp -R "$school" "$work/day"
	HOCSO_TEST_NOW=$now "$hocso" --data-dir "$work/day" learner lang \
	    --class 4A "Đặng Thị Lan" $lang >/dev/null
	start "$work/day" $lang
	shot signin-class
	press Enter
	text lan
	shot signin-name
	press Enter
	shot signin-pin
	text 0000
	press Enter
	shot pin-wrong
	text 1888
	press Enter
	shot topics
	press '?'
	shot child-help
	press Space
	press Enter
	press 5
	press Enter
	shot quiz-start
	press q
	press q
	press q

	# The teacher reads the results.
	press F5
	text 2468
	press Enter
	shot grid
	press Down Down
	press Enter
	shot learner
	press q
	press d
	shot hard
	press q
	press s
	shot settings
	press Escape

	# The modules the class sees.
	press m
	shot modules
	press Escape

	# The USB stick: modules, a class list, the sign-in sheet.
	press u
	shot stick-menu
	press Enter
	stickdir
	shot stick-install
	press Escape
	press u 2 Enter
	stickdir
	press Enter
	shot stick-import
	press Escape
	press Escape
	press u 3 Enter
	shot sheet
	press Escape

	# One child's changes: five more minutes today, the wrong answers.
	press Enter
	press o
	press Right
	press Enter
	shot overrides
	press Left
	press Down Down Down Down Enter
	shot wrong-answers
	press q
	press q
	press q
	press q

	# Two children asked for help (F9): the teacher's mode opens on them.
	tm kill-server 2>/dev/null || true
	"$SQLITE3_BIN" "$work/day/hocso.db" <<-SQL
	INSERT INTO help_requests (created_at, created_ms, week, situation,
	    learner_id, message, lang) VALUES
	    ('2026-12-07T07:40:00.000Z', $((now - 1200000)), '2026-W50',
	    'bullying', NULL, 'bị trêu chọc trong nhóm lớp', 'vi'),
	    ('2026-12-07T07:50:00.000Z', $((now - 600000)), '2026-W50',
	    'stranger', 3, 'có người lạ hỏi ảnh của em', 'vi');
	SQL
	start "$work/day" $lang
	press F5
	text 2468
	press Enter
	shot help-requests
	press Enter
	shot help-request
	press q
	press q
done
