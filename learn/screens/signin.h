/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * signin.h: the sign-in screen (signin.c), and its model, which the
 * tests read (tests/check_screens.c); other screens only open it.
 */
#ifndef HOCSO_SIGNIN_H
#define HOCSO_SIGNIN_H

#include "learn/screens/app.h"
#include "learn/screens/list.h"

extern const struct screen_ops signin_screen;

/* Whether the school signs its learners in: 1 when a class has
 * learners, 0 when not, or a negative code with err filled. */
int signin_needed(struct app *app, struct hs_error *err);

/* Signing in: the class, then the learner's name (found by typing),
 * then the PIN when the class uses them. */
enum signin_step {
	SIGNIN_CLASS,
	SIGNIN_NAME,
	SIGNIN_PIN,
};

struct signin_class {
	long long id;
	char *name;
	int learners;
};

struct signin_learner {
	long long id;
	char uuid[UUID_LEN + 1];
	char *name;
	char *bare;			/* the name folded, without marks;
					 * NULL until a letter is typed */
	int needs_pin;
	char lang[8];
};

struct signin_model {
	enum signin_step step;
	struct signin_class *classes;
	int nclasses;
	struct list class_list;		/* over classes */
	struct signin_learner *learners;	/* of the chosen class */
	int nlearners;
	int *shown;			/* learners matching the filter */
	struct list name_list;		/* over shown */
	char filter[128];
	size_t filterlen;
	char pin[16];
	size_t pinlen;
};

/* The model of the open sign-in screen, for the tests. */
const struct signin_model *signin_model(void);

#endif
