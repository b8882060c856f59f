/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * appmodules.c: the modules the signed-in learner sees, in their
 * class's order (learn/model/classmods.h), as indexes into the app's
 * catalog; the home screen lists them through app_module().  Teacher
 * mode reads the whole catalog.  See app.h.
 */
#include "config.h"

#include <stdlib.h>

#include "learn/model/classmods.h"
#include "learn/screens/app.h"

int
app_module(const struct app *app, int i)
{
	return app->shown != NULL ? app->shown[i] : i;
}

int
app_nmodules(const struct app *app)
{
	return app->shown != NULL ? app->nshown : app->catalog.n;
}

void
app_set_modules(struct app *app, long long learner_id)
{
	struct hs_error err;

	free(app->shown);
	app->shown = NULL;
	app->nshown = 0;
	app->lessons_first = 0;
	if (learner_id == 0)
		return;
	/* A store that cannot be read shows every module, and says so. */
	if (classmods_for_learner(app->store, learner_id, &app->catalog,
	    &app->shown, &app->nshown, &app->lessons_first, &err) != 0)
		app_error(app, &err);
}
