/*
 * gift.h: reading question banks in Moodle's GIFT format.
 *
 * Questions are separated by blank lines; "//" lines are comments;
 * "$CATEGORY:" lines set the category of the questions that follow.  A
 * question is "::title::" (optional), a "[markdown]"-style format marker
 * (optional, ignored), its text, and an answer block in braces.  Inside
 * the block "=" marks a right answer and "~" a wrong one, "%50%" gives a
 * weight, "#" starts an answer's feedback and "####" the general
 * feedback.  "\~ \= \# \{ \} \: \\ \n" are escapes.  Text after the block
 * makes it a missing-word question ("____" shows the gap).
 *
 * Every GIFT type is read: multiple choice, multiple answers (weights,
 * no '='), true/false ({T} {FALSE#if wrong#if right}), short answer
 * (only '='), matching ('=a -> b'), numerical ('{#3:0.1}', '{#1..5}',
 * several '=' answers), essay ('{}') and description (no block).  See
 * docs/quiz-format.md.
 */
#ifndef HOCSO_GIFT_H
#define HOCSO_GIFT_H

#include <stddef.h>

#include "core/error.h"
#include "quiz/question.h"

/* Largest number of choices a question may have. */
#define GIFT_MAX_CHOICES 10

/* Parses the len bytes at buf, read from file (used in messages), and
 * appends the questions to bank.  Returns 0, or HS_EINVAL with err giving
 * file:line:column of the first problem; bank is then left as it was. */
int gift_parse(const char *buf, size_t len, const char *file,
    struct quiz_bank *bank, struct hs_error *err);

/* Reads the GIFT file at path into bank.  Returns 0 or a negative code
 * with err filled. */
int gift_load(const char *path, struct quiz_bank *bank, struct hs_error *err);

#endif
