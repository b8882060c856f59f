#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-tryit.sh: a lesson's type-it boxes at 80x24, in Vietnamese.  On
# TERM=linux the picture's labels lose their marks and keep their
# columns.  The password box waits to be tried (Right and an empty
# Enter are refused, nothing recorded), takes q as a letter, rates a
# weak password "rất yếu" with a tip, a strong one "rất mạnh", and
# Enter records only "strength N/4, L characters": no password text
# anywhere in the store.  The Telex box composes "Hoaf" as "Hoà",
# Backspace works, and it records "N letters, M with marks".  Esc in a
# box leaves without recording; F1 lists the box's keys; with mastery,
# a try that is not right sends the learner back to the first box,
# fresh; read-aloud says the prompt.  The password box with its meter is saved to
# /tmp/captures/tryit.txt for the release notes.
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets-v1"
cp -R "$top_srcdir/tests/fixtures/tryit" "$data/modules/"
chmod -R u+w "$data"

practice() { sql "SELECT count(*) FROM practice"; }

# Columns before the picture's label line, as drawn.
label_indent() {
	screen | sed -n '/| M.*N H.*NH |/s/^\( *\)|.*/\1/p' | head -n 1 |
	    tr -d '\n' | wc -c
}

# --- TERM=linux: the labels without marks, in their columns
HOCSO_TEST_TERM=linux start_hocso
wait_for "1. Thử gõ"
keys Enter
wait_for "1. Thử gõ"
keys Enter
wait_for "1/4"
wait_for "| MAN HINH |   <- Day la man hinh"
wait_for "[BAN PHIM]    <- go chu o day"
screen | grep -q "MÀN HÌNH" && fail "marks shown on TERM=linux"
linux_indent=$(label_indent)
keys q
wait_for "1. Thử gõ"
keys q
wait_for "Chọn một chủ đề để học"
keys q
wait_ended "hocso did not quit"

# --- a UTF-8 terminal: the labels as written, in the same columns
start_hocso
wait_for "1. Thử gõ"
keys Enter
wait_for "1. Thử gõ"
keys Enter
wait_for "1/4"
wait_for "| MÀN HÌNH |   <- Đây là màn hình"
wait_for "[BÀN PHÍM]"
[ "$(label_indent)" = "$linux_indent" ] ||
    fail "the label moved: $(label_indent) columns, $linux_indent on linux"

# --- the password box
keys Enter
wait_for "2/4"
wait_for "Gõ thử một mật khẩu và xem nó mạnh đến đâu."
wait_for "Đừng gõ mật khẩu thật của em."
wait_for "Độ mạnh:"
wait_for "F1 trợ giúp"
# the screen waits for the box
keys Right
wait_for "Em thử ô gõ trước đã: gõ rồi bấm Enter."
screen | grep -qF "2/4" || fail "Right moved on before the box was tried"
keys Enter
wait_for "Em gõ gì đó trước, rồi bấm Enter."
[ "$(practice)" = 0 ] || fail "an empty box was recorded"
# q and ? are letters in the box, not "back" and "help"
keys -l "q?"
wait_for "›  q?"
keys BSpace BSpace
wait_gone "›  q?"
# F1: the box's keys
keys F1
wait_for "Các phím của ô gõ"
wait_for "Esc               ra ngoài, không lưu gì"
wait_for "Gọi 111"
keys Space
wait_gone "Các phím của ô gõ"
# a weak password, then a strong one
keys -l "matkhau"
wait_for "rất yếu"
wait_for "Từ quen thuộc hay tên người bị đoán trước tiên"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
wait_gone "matkhau"
keys -l "123456789"
wait_for "Chỉ có số thì đoán ra nhanh lắm"
screen | grep -qF "rất yếu" || screen | grep -qF " yếu" ||
    fail "123456789 is not weak"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
wait_gone "123456789"
keys -l "voi-xanh-an-kem-muoi"
wait_for "rất mạnh"
wait_for "Dài và khó đoán: giỏi lắm!"
mkdir -p /tmp/captures
screen >/tmp/captures/tryit.txt
[ "$(practice)" = 0 ] || fail "recorded before Enter"
keys Enter
wait_for "Đã lưu: chỉ lưu độ mạnh, không lưu những gì em gõ."
[ "$(sql "SELECT question || '|' || response || '|' || fraction FROM
    practice")" = "manh1|strength 4/4, 20 characters|1.0" ] ||
    fail "the try is not recorded as a summary: $(sql "SELECT * FROM practice")"
[ "$(sql "SELECT response FROM events WHERE verb = 'answered'")" = \
    "strength 4/4, 20 characters" ] || fail "the event is not the summary"
# nothing typed is anywhere in the store
dump=$("$SQLITE3_BIN" "$data/hocso.db" .dump)
for typed in voi-xanh matkhau 123456789; do
	printf '%s\n' "$dump" | grep -qF -- "$typed" &&
	    fail "'$typed' was stored"
done

# --- the Telex box
keys Enter
wait_for "3/4"
wait_for 'Gõ tên em bằng Telex: "Hoaf" thành "Hoà".'
keys -l "Hoaf"
wait_for "›  Hoà"
keys -l " Nguyeenx"
wait_for "›  Hoà Nguyễn"
keys BSpace
wait_for "›  Hoà Nguyên"
keys Enter
wait_for "Đã lưu: chỉ lưu số chữ cái, không lưu những gì em gõ."
[ "$(sql "SELECT response || '|' || fraction FROM practice WHERE
    question = 'try2'")" = "9 letters, 2 with marks|1.0" ] ||
    fail "the Telex try: $(sql "SELECT * FROM practice")"
printf '%s\n' "$("$SQLITE3_BIN" "$data/hocso.db" .dump)" |
    grep -qF "Nguy" && fail "the name typed was stored"

# --- t opens the box again; Esc leaves it with nothing recorded
keys t
wait_gone "Đã lưu: chỉ lưu số chữ cái"
keys -l "abc"
wait_for "›  abc"
# a text longer than the field: its end, being typed, stays in sight
keys BSpace BSpace BSpace
wait_gone "›  abc"
keys -l "$(printf 'bc %.0s' $(seq 26))Q"
wait_for "bc bc Q"
keys -l "K"
wait_for "Ô đã đầy rồi."
screen | grep -q "bc QK" && fail "a full box took one more letter"
keys Escape
wait_for "1. Thử gõ"
[ "$(practice)" = 2 ] || fail "Esc recorded the box"

# --- coming back: the box says it was tried, and the screen moves on
keys Enter
wait_for "3/4"
wait_for "Em đã thử ô này rồi. Bấm t để thử lại."
keys Enter
wait_for "4/4"

# mastery (1 of the last 1 right): a Telex try with no mark is not
# right, so the end sends the learner back to the first box, fresh
keys q
wait_for "1. Thử gõ"
keys q
wait_for "Chọn một chủ đề để học"
keys q
wait_ended "hocso did not quit"
sed -i 's|^languages = vi en$|languages = vi en\nmastery = 1/1|' \
    "$data/modules/tryit/module.ini"
start_hocso
wait_for "1. Thử gõ"
keys Enter
wait_for "1. Thử gõ"
keys Enter
wait_for "4/4"
keys Left
wait_for "Em đã thử ô này rồi. Bấm t để thử lại."
keys t
keys -l "An"
wait_for "›  An"
keys Enter
wait_for "Đã lưu: chỉ lưu số chữ cái"
[ "$(sql "SELECT response || '|' || fraction FROM practice ORDER BY rowid
    DESC LIMIT 1")" = "2 letters, 0 with marks|0.0" ] ||
    fail "a Telex try without marks: $(sql "SELECT * FROM practice")"
keys Enter
wait_for "4/4"
keys Enter
wait_for "Mình luyện thêm một lần nhé"
wait_for "2/4"
wait_for "Gõ thử một mật khẩu và xem nó mạnh đến đâu."
screen | grep -q "Em đã thử ô này rồi" && fail "the box is not fresh"
screen | grep -qF "rất mạnh" && fail "the old meter is shown"
keys Right
wait_for "Em thử ô gõ trước đã: gõ rồi bấm Enter."

# read-aloud says the prompt (the words the voice is given)
"$top_builddir/learn/hocso" --data-dir "$data" --lang vi speak --print \
    "$data/modules/tryit/lessons/vi/01-thu.md" 2 |
    grep -qF "Gõ thử một mật khẩu và xem nó mạnh đến đâu." ||
    fail "read-aloud does not say the prompt"
echo "PASS: the type-it boxes"
