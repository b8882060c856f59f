/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screens.h: the one place that names screens for the app: which screen
 * it opens with, and where a signed-out learner goes.  app.c calls these
 * and otherwise knows screens only as struct screen_ops.
 */
#ifndef HOCSO_SCREENS_H
#define HOCSO_SCREENS_H

#include "learn/screens/app.h"

/* Reads whether the school's learners sign in (app->roster) and, when
 * they do not, opens the device's learner's progress.  Returns 0 or a
 * negative code with err filled. */
int screens_open(struct app *app, struct hs_error *err);

/* The screen the app opens with: the first run's when the school is not
 * set up, else sign-in with a roster, else home. */
const struct screen_ops *screens_first(struct app *app);

/* Closes every screen for the sign-in screen, or for home when the
 * school has no roster (read afresh: the teacher may have changed it). */
void screens_sign_out(struct app *app);

/* The teacher's key (F5): opens teacher mode, at its PIN, in place of
 * the first screen (sign-in, or home when the school has no roster) while
 * no learner is signed in; on the first run's form it says the PIN is set
 * there.  Returns 1 when the key was taken, else 0 (the screen gets it). */
int screens_teacher_key(struct app *app);

/* The child's help key (F9, from every screen but teacher mode's): opens
 * "I need help" (helpscreens.h) over the screen shown, before and after
 * sign-in.  Returns 1 when the key was taken, else 0. */
#define SCREENS_HELP_KEY KEY_F(9)
int screens_help_key(struct app *app);

/* The learner whose keys these are, for their own settings (F6, the
 * reading speed): the one signed in, or the device's own when the school
 * has no roster; 0 before sign-in; -1 in teacher mode (or the first
 * run's form), where the learner's keys are not theirs. */
long long screens_learner(const struct app *app);

/* The help key's words for the footer of the screen on top ("F9 I need
 * help"), or NULL where the key does nothing. */
const char *screens_help_hint(const struct app *app);

#endif
