/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * modview.h: a module's screen (modview.c), opened with the module's
 * index in the catalog, and what the lesson and quiz screens over it read
 * of it.
 */
#ifndef HOCSO_MODVIEW_H
#define HOCSO_MODVIEW_H

#include "learn/screens/app.h"

extern const struct screen_ops module_screen;

/* The module open on the module screen (and the lesson and quiz screens
 * over it). */
const struct module *modview_module(const struct app *app);

/* Lesson i of that module: its title (its first heading), and whether
 * the learner has completed it. */
const char *modview_title(int i);
int modview_done(int i);

#endif
