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

/* The banks read so far, kept by the server (server_answer_cache()):
 * one per module, package (its SHA-256) and language. */
struct answertext_cache;

/* The quiz of the newest package published for module, in lang ("vi" or
 * "en"; a bank the module lacks in lang is read in its first language),
 * into *a.  A package is read once: the bank is kept in the server's
 * cache under the package's SHA-256, so a page view costs one store
 * query, and a newer version published is read at its first view.  A
 * module with no package, or one whose file is gone or whose quiz does
 * not read, gives an empty bank (not kept) and returns 0 (the raw
 * responses and ids are shown then); a store or disk error returns its
 * code with err filled.  The package is unpacked into a temporary folder
 * of the server's, removed after.  *a belongs to the cache: valid until
 * the next call or server_close(); the caller holds the server's lock
 * (as every dashboard page does). */
int answertext_load(struct server *s, const char *module, const char *lang,
    const struct answertext **a, struct hs_error *err);

/* The words of response to the question whose activity is object
 * (urn:hocso:M:question:Q): a new string the caller frees, or NULL when
 * the bank has no such question. */
char *answertext_words(const struct answertext *a, const char *object,
    const char *response);

/* The text of the question whose activity is object, as plain words on
 * one line: a new string the caller frees, or NULL when the bank has no
 * such question. */
char *answertext_question(const struct answertext *a, const char *object);

/* Frees the cache and every bank in it (NULL is fine). */
void answertext_cache_free(struct answertext_cache *c);

#endif
