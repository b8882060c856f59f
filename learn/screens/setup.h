/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * setup.h: the first-run screen (setup.c).
 */
#ifndef HOCSO_SETUP_H
#define HOCSO_SETUP_H

#include "learn/screens/app.h"

extern const struct screen_ops setup_screen;

/* Whether the school is not set up yet (no name, no roster). */
int setup_needed(struct app *app);

#endif
