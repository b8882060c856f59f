/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quizstart.h: the screen before a quiz starts (quizstart.c).
 */
#ifndef HOCSO_QUIZSTART_H
#define HOCSO_QUIZSTART_H

#include "learn/screens/app.h"

extern const struct screen_ops quizstart_screen;

/* Opens the module's quiz over the module screen: the start screen, or
 * the quiz itself when an attempt is in progress.  Returns 0, or -1 when
 * it could not (said with app_error). */
int quizstart_open(struct app *app);

#endif
