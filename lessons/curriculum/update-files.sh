#!/bin/sh
# SPDX-License-Identifier: CC-BY-SA-4.0
# update-files.sh: writes lessons/curriculum/files.am, the list of the
# curriculum's files that Makefile.am ships and installs.  Run it after
# adding or renaming a file; tests/curriculum.sh fails while the list is
# out of date.
set -eu
cd "$(dirname "$0")/../.."
{
	echo "# SPDX-License-Identifier: CC-BY-SA-4.0"
	echo "## Written by lessons/curriculum/update-files.sh: do not edit."
	printf 'CURRICULUM_FILES ='
	find lessons/curriculum -mindepth 2 -type f \
	    \( -name module.ini -o -name '*.md' -o -name '*.gift' \
	    -o -path '*/speech/*.txt' \) |
	    LC_ALL=C sort | while read -r f; do printf ' \\\n\t%s' "$f"; done
	echo
} >lessons/curriculum/files.am
