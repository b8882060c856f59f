/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gift.h: reading question banks in Moodle's GIFT format, as Moodle's own
 * importer reads them (question/format/gift), so that a bank exported from
 * Moodle loads with the same questions, answers, weights and feedback.
 *
 * Questions are separated by blank lines; "//" lines are comments, and
 * the "[id:...]" and "[tag:...]" in a question's comment lines give its
 * id number and tags (Moodle writes them there); "$CATEGORY:" lines set
 * the category of the questions that follow.  A question is "::title::"
 * (optional), a "[html]"-style format marker (optional), its text, and an
 * answer block in braces.  Inside the block the last "####" starts the
 * general feedback; "=" marks a right answer and "~" a wrong one, "%50%"
 * gives a weight, "#" starts an answer's feedback.  A format marker at the
 * start of an answer, a feedback or a matching item is dropped, as Moodle
 * does.  "\~ \= \# \{ \} \: \\ \n" are escapes.  Text after the block
 * makes it a missing-word question ("_____" shows the gap).
 *
 * The type is decided as Moodle decides it: no block, a description; an
 * empty block, an essay; "#" first, numerical ("~" then gives the feedback
 * for any other answer); a "~", multiple choice (one answer or, with no
 * "=", several); "=" and "->", matching; T, TRUE, F or FALSE, true/false;
 * anything else, a short answer ("*" a wildcard).  hocso's own extension,
 * decided before all of these: a block that starts with ">>" is an
 * ordering question, ">> first >> second >> third", the items in the
 * right order.  See docs/quiz-format.md.
 */
#ifndef HOCSO_GIFT_H
#define HOCSO_GIFT_H

#include <stddef.h>

#include "core/error.h"
#include "quiz/question.h"

/* Largest number of choices a question may have. */
#define GIFT_MAX_CHOICES 26	/* a-z for matching options */

/* How many items an ordering question may have (hocso's extension: a
 * block whose first mark is ">>", one ">>" before each item, written in
 * the right order). */
#define GIFT_ORDER_MIN 2
#define GIFT_ORDER_MAX 8

/* What a question may carry in its warnings: read as Moodle reads it, but
 * probably not what the author meant, or refused when Moodle saves it.
 * hocso-pack check says each (gift_warning_text()). */
enum {
	GIFT_WARN_TITLE_OPEN = 1 << 0,	/* "::" with no closing "::" */
	GIFT_WARN_SHORT_LINES = 1 << 1,	/* a short answer spans lines */
	GIFT_WARN_SHORT_CHOICES = 1 << 2, /* short answers that look like
					 * choices (a forgotten '~') */
	GIFT_WARN_TF_CASE = 1 << 3,	/* {true}: a short answer "true" */
	GIFT_WARN_WEIGHT = 1 << 4,	/* a weight not on Moodle's list */
	GIFT_WARN_MULTI_SUM = 1 << 5,	/* multiple answers' right weights
					 * do not add up to 100% */
	GIFT_WARN_NO_FULL = 1 << 6,	/* no answer gives full marks */
	GIFT_WARN_EMPTY = 1 << 7,	/* an empty answer was left out */
};

/* The warning of bit w (one GIFT_WARN_* bit) in English, marked for
 * translation: show it through _(). */
const char *gift_warning_text(unsigned w);

/* Parses the len bytes at buf, read from file (used in messages), and
 * appends the questions to bank.  Returns 0, or HS_EINVAL with err giving
 * file:line:column of the first problem; bank is then left as it was. */
int gift_parse(const char *buf, size_t len, const char *file,
    struct quiz_bank *bank, struct hs_error *err);

/* Reads the GIFT file at path into bank.  Returns 0 or a negative code
 * with err filled. */
int gift_load(const char *path, struct quiz_bank *bank, struct hs_error *err);

#endif
