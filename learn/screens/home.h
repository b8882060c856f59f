/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * home.h: the home screen (home.c): the modules, and the safety alerts
 * before them.
 */
#ifndef HOCSO_HOME_H
#define HOCSO_HOME_H

#include "learn/screens/app.h"

extern const struct screen_ops home_screen;

#endif
