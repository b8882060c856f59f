#!/bin/sh
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
wait_for "Tìm:"				# one class: the names at once
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
keys q
wait_for "Tìm:"
echo "PASS: teacher mode: overview as in the report, detail, hard questions"
