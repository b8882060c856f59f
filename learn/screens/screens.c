/*
 * screens.c: the app's first screen and the way out to sign-in.  See
 * screens.h.
 */
#include "config.h"

#include "learn/screens/home.h"
#include "learn/screens/screens.h"
#include "learn/screens/setup.h"
#include "learn/screens/signin.h"

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
	app_reset(app, &signin_screen, 0);
}
