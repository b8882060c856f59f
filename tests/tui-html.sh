#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-html.sh: a question as Moodle exports it, in [html], at 80x24: its
# text shows with no tag, no entity and no "[html]", bold as the
# terminal's bold, the list as a list; after an answer the answer's
# feedback and the general feedback show, each its own paragraph, with no
# "####".  A description before it shows first, on its own screen, and
# is neither answered nor counted.  A question with twelve answers
# scrolls, and its twelfth can be chosen.  Then the same at TERM=linux.
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets-v1"
cp -R "$top_srcdir/tests/fixtures/html-module" "$data/modules/"
chmod -R u+w "$data"

no_markup() {	# the screen shows no tag, entity or GIFT mark
	s=$(screen | tail -n +3)	# below the progress bar (#### at TERM=linux)
	case $s in
	*"<"*|*"&amp;"*|*"&nbsp;"*|*"[html]"*|*"####"*|*'\='*|*'\:'*)
		fail "markup on screen ($1)" ;;
	esac
}

run() {
	dot="(•)"
	[ "$1" != linux ] || dot="(*)"	# the radio button there
	sql "DELETE FROM answers; DELETE FROM attempts" 2>/dev/null || true
	start_hocso
	wait_for "1. Câu hỏi HTML"
	keys Enter
	wait_for "2. Bài kiểm tra"
	keys 2 Enter
	start_quiz
	# The description first, on a screen of its own, not counted.
	wait_for "Đọc kỹ: mật khẩu là chìa khóa của em."
	no_markup "description"
	keys Enter
	wait_for "Câu 1/2"
	wait_for "Bạn được phép chia sẻ mật khẩu với ai?"
	# <br>: the second sentence on a line of its own, "&amp;" as "&"
	screen | grep -q "^ *Chọn một câu trả lời & nhấn Enter\. *$" ||
	    fail "<br> or &amp; not rendered"
	screen | grep -q "• Nghĩ kỹ trước khi trả lời" || fail "no list"
	screen | grep -q ") 1\. Không ai cả" || fail "the choice"
	no_markup "question"
	keys 1 Enter
	wait_for "Đúng: mật khẩu là của riêng em."
	wait_for "Mật khẩu giống như chìa khóa nhà"
	no_markup "feedback"
	if [ "$1" = xterm ]; then
		# <strong> in the general feedback (not bold as a whole): the
		# bold escape before "không cho ai mượn", none before "Mật".
		tm capture-pane -e -p -t hocso >"$work/esc.txt"
		esc=$(printf '\033')
		grep "chìa khóa nhà" "$work/esc.txt" |
		    grep -q "$esc\[[0-9;]*1[0-9;]*mkhông cho ai mượn" ||
		    fail "<strong> not bold"
		grep "chìa khóa nhà" "$work/esc.txt" |
		    grep -q "$esc\[[0-9;]*1[0-9;]*mMật" && fail "all bold"
	fi
	# The general feedback is a paragraph of its own: a blank line
	# before it, not glued to the answer's feedback.
	screen | awk '/Đúng: mật khẩu/ { f = NR } /chìa khóa nhà/ { g = NR }
	    END { exit !(f && g > f + 1) }' || fail "general feedback glued"
	screen | grep -q "Đúng: mật khẩu.*chìa khóa" && fail "on one line"
	screen >"$work/capture-$1.txt"
	# Twelve answers at 80x24: the list scrolls to the selection,
	# digits pick 1-9, the twelfth can be chosen and is right.
	keys Enter
	wait_for "Câu 2/2"
	screen | grep -q ") 1\. Câu trả lời một" || fail "the first answer"
	screen | grep -q "12\. Bật xác thực" && fail "all twelve fit?"
	keys 9
	wait_for "${dot} 9. Câu trả lời chín,"
	keys Down Down Down
	wait_for "${dot}12. Bật xác thực hai bước"
	screen | grep -q ") 1\. Câu trả lời một" && fail "did not scroll"
	keys 1
	wait_for "${dot} 1. Câu trả lời một,"
	keys Up Down Down Down Down Down Down Down Down Down Down Down Down
	wait_for "${dot}12. Bật xác thực hai bước"
	keys Enter
	wait_for "Đúng."
	keys Enter
	wait_for "Kết quả"
	no_markup "review"
	[ "$(sql "SELECT count(*) FROM answers")" = 2 ] ||
	    fail "the description was answered"
	[ "$(sql "SELECT sum(fraction) FROM answers")" = 2.0 ] ||
	    fail "the twelfth answer was not graded right"
	screen | grep -q "2 trên 2" || fail "the description was counted"
	tm kill-session -t hocso
	wait_ended "hocso did not end"
}

run xterm
[ -z "${HOCSO_CAPTURE:-}" ] || cp "$work/capture-xterm.txt" "$HOCSO_CAPTURE"
HOCSO_TEST_TERM=linux
run linux
echo "PASS: an [html] question and its feedback render as terminal text"
