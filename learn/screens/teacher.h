/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teacher.h: teacher mode (teacher*.c), opened from the sign-in screen
 * in its place.
 */
#ifndef HOCSO_TEACHER_H
#define HOCSO_TEACHER_H

#include "learn/screens/app.h"

extern const struct screen_ops teacher_screen;

#endif
