# SPDX-License-Identifier: GPL-3.0-or-later
# captures-po.awk: a gettext compendium that translates each English
# capture into the Vietnamese one, for po4a's msgmerge: the msgid is the
# fenced block as po4a reads it from docs/teacher-guide.md (each line and
# its newline), the msgstr the same capture taken with --lang vi.
#   awk -v en=docs/captures/en -v vi=docs/captures/vi \
#       -f docs/captures-po.awk NAME...
function quote(file,    s, l, r, out) {
	out = ""
	while ((r = (getline l < file)) > 0) {
		gsub(/\\/, "\\\\", l)
		gsub(/"/, "\\\"", l)
		out = out "\"" l "\\n\"\n"
	}
	if (r < 0) {
		print "captures-po.awk: cannot read " file >"/dev/stderr"
		exit 1
	}
	close(file)
	return out
}
BEGIN {
	print "msgid \"\""
	print "msgstr \"\""
	print "\"Content-Type: text/plain; charset=UTF-8\\n\""
	for (i = 1; i < ARGC; i++) {
		print ""
		print "#, no-wrap"
		printf "msgid \"\"\n%s", quote(en "/" ARGV[i] ".txt")
		printf "msgstr \"\"\n%s", quote(vi "/" ARGV[i] ".txt")
	}
	exit 0
}
