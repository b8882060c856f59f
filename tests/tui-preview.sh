#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui-preview.sh: hocso-pack preview, run from the build tree with no
# hocso on PATH, finds the hocso beside it and opens straight on the
# module (no school's name or PIN asked), then cleans its data folder
# away; with no hocso to run it fails with one line and a non-zero
# status.
. "$top_srcdir/tests/tui-lib.sh"

pack=$top_builddir/lessons/hocso-pack
"$pack" new "$work/xem" >/dev/null
before=$(ls /tmp | grep -c '^hocso-preview-' || true)
tm new-session -d -s hocso -x 80 -y 24 \
    "env -u HOCSO PATH=/usr/bin:/bin LANG=C.UTF-8 LANGUAGE= \
    TERM=xterm-256color HOCSO_LOCALEDIR='$top_builddir/i18n/locale' \
    '$pack' preview '$work/xem'; echo \"status \$?\"; sleep 30"
wait_for "Chủ đề mới"
screen | grep -q "Chào mừng\|Welcome" && fail "the school's set-up was asked"
keys q
wait_for "status 0"
[ "$(ls /tmp | grep -c '^hocso-preview-' || true)" = "$before" ] ||
    fail "the preview's data folder was left"
tm kill-server

# No hocso beside a copy of hocso-pack, none on PATH: one line, status 1.
cp "$pack" "$work/hocso-pack"
set +e
env -u HOCSO PATH=/usr/bin:/bin "$work/hocso-pack" preview "$work/xem" \
    >"$work/out" 2>"$work/err"; rc=$?
set -e
[ $rc = 1 ] || fail "no hocso: exit $rc"
[ "$(wc -l <"$work/err")" = 1 ] || fail "not one line: $(cat "$work/err")"
grep -q "cannot find hocso" "$work/err" || fail "$(cat "$work/err")"
set +e
HOCSO=$work/nothing "$pack" preview "$work/xem" 2>"$work/err"; rc=$?
set -e
[ $rc = 1 ] && grep -q "cannot run .*nothing" "$work/err" ||
    fail "HOCSO not there: $rc $(cat "$work/err")"
echo "PASS: tui-preview"
