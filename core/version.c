/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * version.c: the --version text of hocso, hocso-cmd, hocso-pack and
 * hocso-server, one for all four so that the licence is said the same
 * way everywhere (COPYING; LICENSES/).
 */
#include "config.h"

#include "core/i18n.h"
#include "core/version.h"

void
version_print(FILE *f, const char *prog)
{
	fprintf(f, "%s %s\n", prog, PACKAGE_VERSION);
	fputs(_("Copyright (C) 2026 the hocso authors.\n"
	    "License GPLv3+: GNU GPL version 3 or later "
	    "<https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute "
	    "it.\n"
	    "There is NO WARRANTY, to the extent permitted by law.\n"
	    "The lessons shipped with hocso (lessons/curriculum) are under "
	    "CC BY-SA 4.0.\n"), f);
}
