/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * screens.c: the app's first screen, the way out to sign-in, the
 * teacher's key (F5) that opens teacher mode from any screen shown before
 * a learner signs in, and the child's help key (F9) that opens "I need
 * help" from any screen but teacher mode's.  See screens.h.
 */
#include "config.h"

#include "core/i18n.h"
#include "learn/screens/helpscreens.h"
#include "learn/screens/home.h"
#include "learn/screens/screens.h"
#include "learn/screens/setup.h"
#include "learn/screens/signin.h"
#include "learn/screens/teacher.h"

int
screens_open(struct app *app, struct hs_error *err)
{
	int rc;

	if ((rc = signin_needed(app, err)) < 0)
		return rc;
	app->roster = rc;
	if (!app->roster)
		return progress_open(&app->progress, app->store, app->lang, err);
	return 0;
}

const struct screen_ops *
screens_first(struct app *app)
{
	if (setup_needed(app))
		return &setup_screen;
	return app->roster ? &signin_screen : &home_screen;
}

void
screens_sign_out(struct app *app)
{
	struct hs_error err;

	/* The teacher may have added the first class, or removed the
	 * last learner: sign-in or the device's learner, afresh. */
	if (screens_open(app, &err) != 0)
		app_error(app, &err);
	app_reset(app, app->roster ? &signin_screen : &home_screen, 0);
}

int
screens_teacher_key(struct app *app)
{
	const struct screen_ops *top = app_top(app);

	if (top == NULL || top == &teacher_screen || app->depth != 1 ||
	    app->signed_in[0] != '\0')
		return 0;
	if (top == &setup_screen) {
		app_message(app, _("The teacher's PIN is set here first: "
		    "fill in the form, then Enter."));
		return 1;
	}
	app_reset(app, &teacher_screen, 0);
	return 1;
}

/* Whether teacher mode (or the first run's form, the teacher's too) is
 * open: every screen of it lies over teacher_screen, and there F9 is not
 * the child's. */
static int
screens_teacher_shown(const struct app *app)
{
	int i;

	for (i = 0; i < app->depth; i++)
		if (app->stack[i] == &teacher_screen ||
		    app->stack[i] == &setup_screen)
			return 1;
	return 0;
}

long long
screens_learner(const struct app *app)
{
	if (screens_teacher_shown(app))
		return -1;
	if (app->roster && app->signed_in[0] == '\0')
		return 0;
	return app->progress.learner_id;
}

int
screens_help_key(struct app *app)
{
	const struct screen_ops *top = app_top(app);

	if (top == NULL || screens_teacher_shown(app) ||
	    helpscreens_is_child(top))
		return 0;
	app_push(app, &help_list_screen, 0);
	return 1;
}

const char *
screens_help_hint(const struct app *app)
{
	const struct screen_ops *top = app_top(app);

	if (top == NULL || screens_teacher_shown(app) ||
	    helpscreens_is_child(top))
		return NULL;
	/* TRANSLATORS: on the right of every footer; keep it short. */
	return _("F9 I need help");
}
