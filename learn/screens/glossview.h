/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * glossview.h: a module's glossary in the app (glossview.c): one term's
 * screen (the term, its explanation, its picture) and the list of the
 * module's terms.  Both are pushed over the screen that opens them and
 * go back to it with Esc, q or Enter (the term) or Esc and q (the list).
 */
#ifndef HOCSO_GLOSSVIEW_H
#define HOCSO_GLOSSVIEW_H

#include "learn/screens/app.h"
#include "lessons/glossary.h"

/* Opens entry e (copied: it need not outlive the call) over the screen
 * on top.  Returns 0, or -1 when it could not (said with app_message). */
int glossview_open_term(struct app *app, const struct glossary_entry *e,
    const char *lang);

/* Opens the list of the terms of the module on the module screen, in
 * lang (or the first language that has a glossary).  Says so and
 * returns -1 when the module has none. */
int glossview_open_list(struct app *app, const char *lang);

#endif
