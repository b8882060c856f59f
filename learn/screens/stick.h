/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stick.h: teacher mode's USB stick screen: a menu (arg STICK_MENU), the
 * modules on a stick to install (STICK_INSTALL), a class list to import
 * with a preview (STICK_IMPORT).  The sign-in sheet has its own screen
 * (sheetview.h), which the menu opens.
 */
#ifndef HOCSO_STICK_H
#define HOCSO_STICK_H

#include "learn/screens/screen.h"

enum {
	STICK_MENU,
	STICK_INSTALL,
	STICK_IMPORT,
};

extern const struct screen_ops stick_screen;

#endif
