/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * moodle.h: question banks to and from Moodle, for hocso-pack only (it
 * links libxml2, which the app must not): Moodle XML read into the
 * question model, and a bank written as Moodle writes GIFT and Moodle
 * XML.  What GIFT cannot carry is reported question by question, never
 * silently dropped.
 */
#ifndef HOCSO_MOODLE_H
#define HOCSO_MOODLE_H

#include <stddef.h>

#include "core/error.h"
#include "quiz/question.h"

/* Called once per question of a Moodle XML file that could not be
 * carried over: its line, its name, its Moodle type and why. */
typedef void (*moodle_skip_fn)(int line, const char *name, const char *type,
    const char *why, void *ctx);

/* Reads the Moodle XML question bank in the len bytes at buf (file names
 * it in messages) and appends its questions to bank, in order, with
 * their categories, id numbers, tags, feedback and formats; images become
 * their alt text.  Each question it cannot carry over goes to skip.
 * Returns 0, or HS_EINVAL with a one-line err when buf is not Moodle XML
 * (bank then untouched). */
int moodle_xml_read(const char *buf, size_t len, const char *file,
    struct quiz_bank *bank, moodle_skip_fn skip, void *ctx,
    struct hs_error *err);

/* The bank as Moodle's GIFT exporter writes it: "// question: N  name:
 * X" and "// [id:...] [tag:...]" lines, $CATEGORY: lines, [html] where
 * the text is HTML, special characters escaped.  A new string the caller
 * frees; gift_parse() reads it back as the same bank. */
char *moodle_gift_write(const struct quiz_bank *bank);

/* The bank as Moodle XML (a <quiz> of <question>s), which Moodle imports
 * and moodle_xml_read() reads back as the same bank.  A new string the
 * caller frees. */
char *moodle_xml_write(const struct quiz_bank *bank);

#endif
