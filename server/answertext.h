/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * answertext.h: the words of a learner's answer to a quiz question, read
 * from the module's package as the province published it, for the
 * dashboard's hardest questions (server/dashpages-views.c).
 *
 * An event carries only the response as stored (quiz/response.h): a
 * choice's index ("2"), ticked indexes ("0[,]2"), or the text typed.  The
 * newest published package of the module holds the GIFT banks that give
 * the indexes their words, in each language the module has.
 */
#ifndef HOCSO_ANSWERTEXT_H
#define HOCSO_ANSWERTEXT_H

#include "core/error.h"
#include "quiz/question.h"

struct server;

struct answertext {
	struct quiz_bank bank;		/* empty when no package was read */
};

/* Reads the quiz of the newest package published for module, in lang
 * ("vi" or "en"; a bank the module lacks in lang is read in its first
 * language).  A module with no package, or one whose quiz does not read,
 * leaves a empty and returns 0 (the raw responses are shown then); a
 * store or disk error returns its code with err filled.  The package is
 * unpacked into a temporary folder of the server's, removed after.
 * Free with answertext_free(). */
int answertext_load(struct server *s, const char *module, const char *lang,
    struct answertext *a, struct hs_error *err);

/* The words of response to the question whose activity is object
 * (urn:hocso:M:question:Q): a new string the caller frees, or NULL when
 * the bank has no such question. */
char *answertext_words(const struct answertext *a, const char *object,
    const char *response);

void answertext_free(struct answertext *a);

#endif
