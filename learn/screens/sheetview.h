/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sheetview.h: teacher mode's sign-in sheet screen: a class's names (and
 * new PINs) as a page to print, saved in a folder and sent to the
 * printer where there is one (learn/model/sheet.h).
 */
#ifndef HOCSO_SHEETVIEW_H
#define HOCSO_SHEETVIEW_H

#include "learn/screens/screen.h"

extern const struct screen_ops sheetview_screen;

/* The class whose sheet the screen opens on, set before it is pushed
 * (the screen copies it); NULL or "" for the first class. */
void sheetview_set_class(const char *class_name);

#endif
