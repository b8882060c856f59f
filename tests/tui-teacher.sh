#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-teacher.sh: teacher mode behind the teacher's PIN: the class
# overview gives each learner's status by symbol (the same as hocso
# report), the learner detail lists the attempts, and the hard questions
# come worst first with the wrong answer chosen most.  A wrong teacher
# PIN is refused and counted.
. "$top_srcdir/tests/tui-lib.sh"

hocso=$top_builddir/learn/hocso
"$hocso" --data-dir "$data" school --name "Trường Tiểu học Bản Lầu" \
    --code LC-001 --teacher-pin 2468 >/dev/null || fail "school"
"$hocso" --data-dir "$data" class add 4A >/dev/null || fail "class add"
"$hocso" --data-dir "$data" class add 4B >/dev/null || fail "class add"
for who in "Nguyễn Văn An" "Lò Thị Bình" "Giàng A Chư"; do
	"$hocso" --data-dir "$data" learner add --class 4A "$who" >/dev/null
done
id() { sql "SELECT id FROM learners WHERE name = '$1'"; }
# An passed; Bình answered Q2 and Q3 wrongly (choice 1) three times.
sql "
INSERT INTO attempts (uuid, learner_id, module, quiz, seed, lang,
    question_count, started_at, finished_at, score) VALUES
 ('a1', $(id 'Nguyễn Văn An'), 'vn.hocso.secrets', 'secrets.gift', 1, 'vi',
  5, '2026-11-20T08:00:00.000Z', '2026-11-20T08:04:00.000Z', 1.0),
 ('b1', $(id 'Lò Thị Bình'), 'vn.hocso.secrets', 'secrets.gift', 2, 'vi',
  5, '2026-11-20T08:00:00.000Z', NULL, NULL);
INSERT INTO answers (attempt_id, position, question, response, fraction,
    answered_at) SELECT a.id, 0, 'Q2 Kim cương miễn phí', '1', 0,
    '2026-11-20T08:01:00.000Z' FROM attempts a WHERE uuid = 'b1';
INSERT INTO answers (attempt_id, position, question, response, fraction,
    answered_at) SELECT a.id, 1, 'Q3 Tin nhắn người thân', '1', 0,
    '2026-11-20T08:02:00.000Z' FROM attempts a WHERE uuid = 'b1';
INSERT INTO answers (attempt_id, position, question, response, fraction,
    answered_at) SELECT a.id, 2, 'Q4 Ai được hỏi mã OTP', '1', 0,
    '2026-11-20T08:03:00.000Z' FROM attempts a WHERE uuid = 'b1';
INSERT INTO answers (attempt_id, position, question, response, fraction,
    answered_at) SELECT a.id, 0, 'Q2 Kim cương miễn phí', '0', 1,
    '2026-11-20T08:01:00.000Z' FROM attempts a WHERE uuid = 'a1';
"
"$hocso" --data-dir "$data" report --class 4A >"$work/report"

start_hocso --lang vi
wait_for "Tìm:"				# only 4A has learners yet
keys F5
wait_for "Mã PIN của giáo viên, rồi bấm Enter"
tm send-keys -t hocso -l 1357
keys Enter
wait_for "Sai mã PIN"
[ "$(sql "SELECT value FROM meta WHERE key = 'teacher.pin_failures'")" = 1 ] ||
    fail "the wrong try is not counted"
keys BSpace
tm send-keys -t hocso -l 2468
keys Enter
wait_for "Lớp 4A"
# the grid says what hocso report says, learner by learner
for who in "Nguyễn Văn An" "Lò Thị Bình" "Giàng A Chư"; do
	want=$(grep "^$who " "$work/report" | awk '{print $NF}')
	got=$(screen | grep "$who" | awk '{print $NF}')
	[ -n "$want" ] && [ "$want" = "$got" ] ||
	    fail "$who: '$got' on screen, '$want' in the report"
done
screen | grep -q "✓ 1 đạt  ! 1 cần giúp" || fail "the module's totals"
keys Down Enter				# Lò Thị Bình's detail
wait_for "Lò Thị Bình (4A)"
screen | grep -q "Thời gian dùng hocso: 0 phút trong 0 ngày" ||
    fail "no time spent in the detail"
screen | grep -q "chưa xong, đã trả lời 3 trên 5" || fail "the attempt"
keys q
wait_for "Lớp 4A"
keys d
wait_for "câu khó nhất"
screen | grep -n "đúng ngay lần đầu" | head -n 1 | grep -q "0%" ||
    fail "the worst question is not first"
screen | grep -q "Cho mật khẩu để nhận kim cương" ||
    fail "the wrong answer chosen most is not named"
keys q
wait_for "Lớp 4A"

# managing the class from a learner's detail: a new PIN, a new name,
# another class, and a learner removed
keys Down Enter				# Giàng A Chư (the grid's 3rd)
wait_for "Giàng A Chư (4A)"
keys p
wait_for "Mã PIN mới cho Giàng A Chư"
tm send-keys -t hocso -l 4321
keys Enter
wait_for "Giàng A Chư đã có mã PIN mới"
sql "SELECT pin_hash FROM learners WHERE name = 'Giàng A Chư'" |
    grep -q '^\$argon2id\$' || fail "the new PIN is not kept"
keys Enter				# the detail again, the row stays
wait_for "Giàng A Chư (4A)"
keys r
wait_for "Tên mới cho Giàng A Chư"
tm send-keys -t hocso -l "Giangf A Chuw Quaan"	# q is a letter here
keys Enter
wait_for "Đã đổi tên"
[ "$(sql "SELECT count(*) FROM learners WHERE name = 'Giàng A Chư Quân'")" = 1 ] ||
    fail "not renamed: $(sql "SELECT name FROM learners")"
keys Up Enter				# Lò Thị Bình
wait_for "Lò Thị Bình (4A)"
keys m
wait_for "Chuyển Lò Thị Bình sang lớp"
keys Right Enter
wait_for "Lò Thị Bình đã sang lớp 4B"
[ "$(sql "SELECT c.name FROM learners l JOIN classes c ON c.id = l.class_id
    WHERE l.name = 'Lò Thị Bình'")" = 4B ] || fail "not moved"
keys Up Enter				# Nguyễn Văn An
wait_for "Nguyễn Văn An (4A)"
keys l
wait_for "Nguyễn Văn An học bằng"
keys Right Enter
wait_for "Nguyễn Văn An từ nay học bằng tiếng Anh"
[ "$(sql "SELECT lang FROM learners WHERE name = 'Nguyễn Văn An'")" = en ] ||
    fail "the language is not kept"
keys Enter
wait_for "Nguyễn Văn An (4A)"
keys x
wait_for "Xóa Nguyễn Văn An?"
keys y
wait_for "đã được xóa"
[ "$(sql "SELECT count(*) FROM learners WHERE name = 'Nguyễn Văn An'")" = 0 ] ||
    fail "not removed"
[ "$(sql "SELECT count(*) FROM attempts WHERE uuid = 'a1'")" = 1 ] ||
    fail "the removed learner's progress is gone"
# adding a class, and a learner to it (the new class has no PINs)
keys n
wait_for "Lớp mới:"
tm send-keys -t hocso -l "5C"
keys Enter
wait_for "Đã thêm lớp 5C"
wait_for "Lớp 5C"
keys a
wait_for "Học sinh mới của lớp 5C"
tm send-keys -t hocso -l "Hoangf Thij Quys"	# Hoàng Thị Quý, q a letter
keys Enter
wait_for "Đã thêm Hoàng Thị Quý vào lớp 5C"
[ "$(sql "SELECT count(*) FROM learners l JOIN classes c ON c.id = l.class_id
    WHERE l.name = 'Hoàng Thị Quý' AND c.name = '5C'")" = 1 ] ||
    fail "the learner is not added: $(sql "SELECT name FROM learners")"
keys e					# and renamed
wait_for "Tên mới cho lớp 5C"
tm send-keys -t hocso -l "5D"
keys Enter
wait_for "Lớp 5C đã đổi tên thành 5D"
[ "$(sql "SELECT count(*) FROM classes WHERE name = '5D'")" = 1 ] ||
    fail "the class is not renamed"
keys c					# back to 4A (the classes go round)
while ! screen | grep -q "Lớp 4A"; do keys c; sleep 0.1; done

# the class's settings: PINs on, a break reminder every 10 minutes
keys s
wait_for "Cài đặt của lớp 4A"
keys Right Down Right Right Enter
wait_for "Đã lưu"
[ "$(sql "SELECT pins || '/' || break_minutes || '/' || daily_minutes FROM
    classes WHERE name = '4A'")" = "1/10/0" ] || fail "the settings"
keys q
wait_for "Em học lớp nào?"
echo "PASS: teacher mode: overview as in the report, detail, hard questions, managing learners"
