#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-types.sh: a quiz with a question of every type, taken in a real
# terminal: one answer, several answers, true/false, a short answer typed
# in Telex, matching, a number, an essay and a missing word.  hocso is
# killed (SIGKILL) in the middle, comes back at the same question with
# every earlier answer intact, and the result screen and the stored
# answers are checked.  Then a timed attempt whose time ran out while the
# program was closed ends, graded, when it is opened again.
. "$top_srcdir/tests/tui-lib.sh"

rm -rf "$data/modules/secrets-v1"
cp -R "$top_srcdir/tests/fixtures/every-type" "$data/modules/"
chmod -R u+w "$data"

# The letter of a matching option on screen (the options are shuffled).
letter_of() {
	screen | sed -n "s/^ *\([a-j]\))  *$1\$/\1/p"
}

open_quiz() {
	start_hocso
	wait_for "1. Mọi loại câu hỏi"
	keys Enter
	wait_for "2. Bài kiểm tra"
	keys 2 Enter
}

open_quiz
start_quiz
wait_for "Câu 1/8"
screen | grep -q "( ) 1. Sáu" || fail "one answer: no radio buttons"
keys 1 Enter
wait_for "Câu 2/8"
screen | grep -q "\[ \] 3. Tên trường" || fail "several answers: no boxes"
keys 1 3
wait_for "3. Tên trường"
screen | grep -q "\[✓\] 3. Tên trường" || fail "3 not ticked"
keys Enter
wait_for "Câu 3/8"
screen | grep -q "( ) 2. Sai" || fail "true/false in Vietnamese"
keys 2 Enter
wait_for "Câu 4/8"
# plain typing (F2), cleared (Ctrl-U), then Telex again
keys F2
wait_for "Gõ không dấu"
tm send-keys -t hocso -l "dd"
wait_for "│ dd "
keys C-u F2
wait_for "Gõ tiếng Việt: Telex"
tm send-keys -t hocso -l "maatj khaaur"
wait_for "│ mật khẩu "
keys Enter
wait_for "Câu 5/8"
screen | grep -q "PIN  →  ___" || fail "matching: no rows"
keys "$(letter_of "mã dùng một lần")" "$(letter_of "số bí mật ngắn")"
wait_for "PIN  →  $(letter_of "số bí mật ngắn")) số bí mật ngắn"
keys Enter
wait_for "Câu 6/8"
tm send-keys -t hocso -l "1x"		# typed, not yet answered
wait_for "│ 1 "

kill -9 "$(hocso_pid)"
wait_ended "hocso survived SIGKILL"
[ "$(sql "SELECT group_concat(response, '|') FROM (SELECT response FROM
    answers ORDER BY position)")" = "0|0[,]2|1|mật khẩu|0[,]1" ] ||
    fail "answers lost: $(sql "SELECT response FROM answers")"
[ "$(sql "SELECT group_concat(fraction, '|') FROM (SELECT fraction FROM
    answers ORDER BY position)")" = "1.0|0.0|1.0|1.0|1.0" ] ||
    fail "grades lost: $(sql "SELECT fraction FROM answers")"
sql "PRAGMA integrity_check" | grep -qx ok || fail "the store is damaged"

open_quiz
wait_for "Câu 6/8"
screen | grep -q "bao nhiêu ký tự" || fail "not the same question 6"
screen | grep -q "│ 1 " && fail "an unanswered box came back filled"
keys 2 0 Enter
wait_for "Câu 7/8"
tm send-keys -t hocso -l "Khoong cho ai"
keys Enter
tm send-keys -t hocso -l "quas ?"	# q and ? are letters in a box
wait_for "quá ?"
keys Tab Enter
wait_for "Câu 8/8"
screen | grep -q "cho ai _____ của em" || fail "missing word"
keys 2 Enter
wait_for "Kết quả"
wait_for "Em trả lời đúng 5 trên 8 câu: 71%."
screen | grep -q "Em chọn: Mật khẩu; Tên trường" || fail "review of ticks"
screen | grep -q "Em chọn: OTP → mã dùng một lần; PIN → số bí mật ngắn" ||
    fail "review of pairs"
keys PageDown
wait_for "Thầy cô sẽ đọc câu trả lời này."
screen | grep -q "Đáp án đúng: mã OTP" || fail "review: the right answer"

[ "$(sql "SELECT count(*) FROM answers")" = 8 ] || fail "8 answers"
[ "$(sql "SELECT response FROM answers WHERE position = 5")" = 20 ] ||
    fail "the number"
[ "$(sql "SELECT response || '|' || fraction FROM answers WHERE
    position = 6")" = "Không cho ai
quá ?|-1.0" ] || fail "the essay: $(sql "SELECT response FROM answers")"
[ "$(sql "SELECT count(*) FROM events WHERE verb = 'answered' AND
    score IS NULL")" = 1 ] || fail "the essay's event has a score"
[ "$(sql "SELECT verb || ' ' || round(score, 4) FROM events WHERE
    verb IN ('passed', 'failed')")" = "passed 0.7143" ] || fail "the score"

# A timed quiz: the attempt began 2 minutes ago, the limit is 1 minute.
keys Enter
wait_for "2. Bài kiểm tra"
keys q
wait_for "1. Mọi loại câu hỏi"
keys q
wait_ended "hocso did not quit"
echo "minutes = 1" >>"$data/modules/every-type/module.ini"
open_quiz
start_quiz
wait_for "Câu 1/8"
screen | grep -q "còn 0:5[0-9]\|còn 1:00" || fail "no clock"
keys 1 Enter
wait_for "Câu 2/8"
keys q
wait_for "2. Bài kiểm tra"
sql "UPDATE attempts SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ',
    'now', '-2 minutes') WHERE finished_at IS NULL"
keys 2 Enter
wait_for "Hết giờ"
wait_for "Em trả lời đúng 1 trên 8 câu: 13%."
[ "$(sql "SELECT count(*) FROM attempts WHERE finished_at IS NULL")" = 0 ] ||
    fail "the timed attempt is still open"
# Two banks: the quiz draws from both.
keys q
wait_for "2. Bài kiểm tra"
printf '::them:: Câu thêm? {T#Sai.#Đúng.}\n' \
    >"$data/modules/every-type/quizzes/vi/them.gift"
sed -i 's/^bank = all.gift$/bank = all.gift them.gift/' \
    "$data/modules/every-type/module.ini"
echo "minutes = 0" >>"$data/modules/every-type/module.ini"
keys q
wait_for "1. Mọi loại câu hỏi"
keys q
wait_ended "hocso did not quit"
open_quiz
start_quiz
wait_for "Câu 1/9"
echo "PASS: every type taken, SIGKILL survived, the review and the store agree"
