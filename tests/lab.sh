#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# lab.sh: forty hocso processes on one data folder at once, as on a
# school's lab server: every one finishes, no "database is locked" (or
# any error) reaches a learner, and no write is lost: the events in the
# store are exactly the commits the processes report.  tests/bench/lab
# times the same run.
set -eu
: "${top_srcdir:?run through make check}" "${top_builddir:?}"
command -v "${SQLITE3_BIN:-sqlite3}" >/dev/null 2>&1 || exit 77
out=$(LEARNERS=40 MINUTES=5 SPEED=0 top_srcdir=$top_srcdir \
    top_builddir=$top_builddir "$top_srcdir/tests/bench/lab") || {
	echo "FAIL: $out"
	exit 1
}
echo "$out"
echo "PASS: 40 processes at once, nothing lost, no lock error"
