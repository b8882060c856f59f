# SPDX-License-Identifier: GPL-3.0-or-later
# captures.awk: puts the screen captures into a guide.  After each line
#   <!-- capture NAME -->
# the fenced block that follows (```text ... ```) is replaced by the
# contents of DIR/NAME.txt; a missing capture is an error.
#   awk -v dir=docs/captures/en -f docs/captures.awk docs/teacher-guide.md
function fail(msg) { print "captures.awk: " FILENAME ":" FNR ": " msg >"/dev/stderr"; bad = 1; exit 1 }
/^<!-- capture [a-z0-9-]+ -->$/ {
	print
	name = $3
	if ((getline line) <= 0 || line != "```text")
		fail("a capture marker not followed by ```text")
	print line
	while ((getline line) > 0 && line != "```")
		;
	if (line != "```")
		fail("the block of capture " name " is not closed")
	file = dir "/" name ".txt"
	while ((r = (getline l < file)) > 0)
		print l
	if (r < 0)
		fail("no capture " file)
	close(file)
	print "```"
	next
}
{ print }
END { if (bad) exit 1 }
