/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lessonview.h: reading a lesson (lessonview.c), opened over the module
 * screen with the lesson's index in the module.
 */
#ifndef HOCSO_LESSONVIEW_H
#define HOCSO_LESSONVIEW_H

#include "learn/screens/app.h"

extern const struct screen_ops lesson_screen;

#endif
