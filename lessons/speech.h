/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * speech.h: what read-aloud says, as plain text: a lesson screen, or a
 * question with its numbered choices and feedback, with art, frames and
 * symbols left out and words replaced the way a child says them.
 *
 * A module may carry a pronunciation list per language,
 * speech/<lang>.txt: one "WORD = how it is said" a line ("OTP = ô tê
 * pê", "111 = một một một"), "#" starts a comment.  A WORD is one word
 * (letters, digits, "-" or "."), matched whole and case-sensitively.
 * Nothing here speaks: learn/model/readaloud.c does, through espeak-ng.
 */
#ifndef HOCSO_SPEECH_H
#define HOCSO_SPEECH_H

#include <stddef.h>

#include "core/error.h"
#include "lessons/lesson.h"
#include "quiz/question.h"

struct speech_entry {
	char *word;
	char *said;
};

struct speech_lexicon {
	struct speech_entry *entries;
	int n;
};

/* Parses a pronunciation list (len bytes; file names it in messages,
 * with the line).  Returns 0 and fills lex (the caller empties it with
 * speech_lexicon_free), or HS_EINVAL on a line that is not "WORD =
 * SAID" or a word given twice. */
int speech_lexicon_parse(const char *buf, size_t len, const char *file,
    struct speech_lexicon *lex, struct hs_error *err);

/* Reads the module folder dir's list for lang (speech/<lang>.txt).  A
 * module without one has an empty list: returns 0. */
int speech_lexicon_load(const char *dir, const char *lang,
    struct speech_lexicon *lex, struct hs_error *err);

void speech_lexicon_free(struct speech_lexicon *lex);

/* The words of a lesson screen to say: headings, paragraphs and list
 * items in order, each ending a sentence; a practice question with its
 * choices numbered and, once answered, its verdict.  Art blocks and code
 * are left out.  Returns a string the caller frees (never NULL). */
char *speech_screen_text(const struct lesson_screen *screen,
    const struct speech_lexicon *lex);

/* The words of a question (its plain text, already rendered where the
 * author wrote HTML: text), its choices numbered from 1 (NULL choices:
 * none), and feedback (or NULL).  The caller frees the result. */
char *speech_question_text(const char *text, const char *const *choices,
    int nchoices, const char *feedback, const struct speech_lexicon *lex);

/* text made ready to say: symbols, frame and block characters dropped,
 * spaces folded, each word of lex replaced.  The caller frees it. */
char *speech_clean(const char *text, const struct speech_lexicon *lex);

/* How many words text has (runs of letters or digits). */
int speech_words(const char *text);

#endif
