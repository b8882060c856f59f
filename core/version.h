/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * version.h: what --version prints for each of the four programs: the
 * program's name and version, the copyright and the licences (the code
 * under GPL-3.0-or-later, the curriculum under CC BY-SA 4.0).
 */
#ifndef HOCSO_VERSION_H
#define HOCSO_VERSION_H

#include <stdio.h>

/* Writes prog's version and licence to f. */
void version_print(FILE *f, const char *prog);

#endif
