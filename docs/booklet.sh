#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# booklet.sh: a guide in Markdown as a booklet to print (A5 pages, PDF).
#
#   docs/booklet.sh GUIDE.md LANG STYLE.css OUT.pdf
#
# cmark (Debian: cmark) makes HTML of the Markdown; weasyprint (Debian:
# weasyprint) lays it out with Pango, so Vietnamese letters with two marks
# (ệ, ữ, ằ) come out whole.  groff -Tpdf cannot: its PDF fonts have no
# glyph for them and it drops the letter.  The screen captures stay 80
# columns of DejaVu Sans Mono, which has every character the app draws.
set -eu
md=${1:?usage: booklet.sh GUIDE.md LANG STYLE.css OUT.pdf}
lang=${2:?} css=${3:?} out=${4:?}
for t in cmark weasyprint; do
	command -v $t >/dev/null 2>&1 || {
		echo "booklet.sh: $t is missing (Debian package $t)" >&2
		exit 1
	}
done
title=$(sed -n 's/^# //p' "$md" | head -n 1)
html=$out.html
{
	printf '<!DOCTYPE html>\n<html lang="%s">\n<head><meta charset="utf-8">\n' \
	    "$lang"
	printf '<title>%s</title>\n</head>\n<body>\n' "$title"
	cmark "$md"
	printf '</body>\n</html>\n'
} >"$html"
weasyprint -s "$css" "$html" "$out.tmp"
mv "$out.tmp" "$out"
rm -f "$html"
