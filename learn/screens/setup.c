/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * setup.c: the first run.  When the data folder has no school yet (no
 * name, no classes), the app asks for the school's name and code and a
 * teacher's PIN (twice), in Vietnamese or English (F2 switches), before
 * anything else, and makes the device's key pair for sync, then opens
 * teacher mode, so that the teacher adds the classes at once; Esc leaves
 * it for later.  What it asks is what
 * `hocso school` sets.  See screen.h for the model/draw split.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "core/keys.h"
#include "learn/model/pin.h"
#include "learn/model/school.h"
#include "learn/screens/home.h"
#include "learn/screens/setup.h"
#include "learn/screens/signin.h"
#include "learn/screens/teacher.h"
#include "learn/screens/ui.h"
#include "sync/devstore.h"
#include "sync/outbox.h"

#define SETUP_TOP 4

/* The first run: the school's name, code and the teacher's PIN twice. */
struct setup_model {
	int field;			/* 0 name, 1 code, 2 PIN, 3 PIN again */
	char text[4][128];
	size_t len[4];
	struct telex telex;
};

static struct setup_model setup;

int
setup_needed(struct app *app)
{
	struct hs_error err;
	char v[8];

	return !app->roster && store_meta_get(app->store, SCHOOL_DISPLAY_NAME,
	    v, sizeof v, &err) == HS_ENOTFOUND;
}

static int
setup_enter(struct app *app, int arg)
{
	(void)arg;
	memset(&setup, 0, sizeof setup);
	telex_init(&setup.telex, app->typing);
	return 0;
}

static void
setup_leave(struct app *app)
{
	(void)app;
	memset(&setup, 0, sizeof setup);
}

/* Done or skipped: on to the learners' screens. */
static void
setup_done(struct app *app)
{
	app_replace(app, app->roster ? &signin_screen : &home_screen, 0);
}

/* The device's identity for sync: its id (made with the store) and its
 * Ed25519 key pair, made here if sync has not made it yet. */
static int
setup_device_key(struct app *app, struct hs_error *err)
{
	char id[64], *base = util_path_join(app->datadir, OUTBOX_DEVICE_KEY);
	char *key = xmalloc(strlen(base) + 5);
	int rc;

	sprintf(key, "%s.key", base);
	if ((rc = devstore_device_id(app->store, id, sizeof id, err)) == 0 &&
	    access(key, F_OK) != 0)
		rc = keys_generate(base, id, err);
	free(base);
	free(key);
	return rc;
}

/* Checks every field, then keeps them: the PIN first (the slow part), the
 * name last, since a name set means the set-up is done. */
static void
setup_save(struct app *app)
{
	struct setup_model *sm = &setup;
	struct hs_error err;
	char *name = NULL;
	int rc;

	if ((rc = school_name_clean(sm->text[0], &name, &err)) != 0)
		sm->field = 0;
	else if ((rc = school_code_valid(sm->text[1], &err)) != 0)
		sm->field = 1;
	else if ((rc = pin_valid(sm->text[2], &err)) != 0)
		sm->field = 2;
	else if (strcmp(sm->text[2], sm->text[3]) != 0) {
		rc = hs_error_set(&err, HS_EINVAL, _("the two PINs differ: "
		    "type the same PIN twice"));
		sm->field = 3;
		sm->len[3] = 0;
		sm->text[3][0] = '\0';
	} else if ((rc = setup_device_key(app, &err)) == 0 &&
	    (rc = pin_teacher_set(app->store, sm->text[2], &err)) == 0 &&
	    (rc = store_meta_put(app->store, OUTBOX_SCHOOL_CODE, sm->text[1],
	    &err)) == 0)
		rc = store_meta_put(app->store, SCHOOL_DISPLAY_NAME, name,
		    &err);
	free(name);
	if (rc != 0) {
		app_error(app, &err);
		return;
	}
	/* The teacher who just set the PIN goes on in teacher mode, to add
	 * the classes and their learners. */
	app_reset(app, &teacher_screen, 1);
	app_message(app, _("Saved. This is teacher mode: n adds a class, a "
	    "its learners. F5 opens it again before a learner signs in."));
}

static void
setup_next(struct app *app)
{
	struct setup_model *sm = &setup;

	if (sm->field == 3) {
		setup_save(app);
		return;
	}
	sm->field++;
	telex_init(&sm->telex, sm->field == 0 ? app->typing : TELEX_OFF);
}

static void
setup_key(struct app *app, int key)
{
	struct setup_model *sm = &setup;
	char *t = sm->text[sm->field];
	size_t cap = sm->field >= 2 ? 9 : sizeof sm->text[0];
	uint32_t c = key == APP_KEY_CHAR ? app->wch : (uint32_t)key;

	if (key == APP_KEY_BACK) {	/* later */
		setup_done(app);
		return;
	}
	if (key == KEY_F(2)) {		/* the other language */
		app_set_language(app, !strcmp(app->lang, "vi") ? "en" : "vi");
		app->start_lang = app->lang;
		return;
	}
	if (key == '\n' || key == '\t') {
		setup_next(app);
		return;
	}
	if (key == KEY_UP || key == KEY_BTAB) {
		if (sm->field > 0)
			sm->field--;
		telex_init(&sm->telex, TELEX_OFF);
		return;
	}
	if (key == KEY_BACKSPACE || key == 127 || key == 8) {
		telex_backspace(&sm->telex, t, &sm->len[sm->field]);
		return;
	}
	if (key != APP_KEY_CHAR && (key < ' ' || key > '~'))
		return;
	if (sm->field >= 2 && (c < '0' || c > '9'))
		return;			/* a PIN is digits */
	if (sm->field == 1 && (c > 127 || !strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_.", (int)c)))
		return;
	telex_key(&sm->telex, t, cap, &sm->len[sm->field], c);
}

static void
setup_draw(const struct app *app)
{
	const struct setup_model *sm = &setup;
	const char *labels[4] = { _("School's name:"), _("School's code:"),
	    _("Teacher's PIN (4-8 digits):"), _("The PIN again:") };
	char shown[160];
	int i, y, w = app->cols - 4, lw = 30;

	ui_header(_("hocso › First run"), NULL);
	ui_puts(2, 2, _("Welcome! Tell hocso about your school once."),
	    A_BOLD, w);
	for (i = 0; i < 4; i++) {
		y = SETUP_TOP + i * 2;
		ui_puts(y, 2, labels[i], i == sm->field ? A_BOLD :
		    (int)A_NORMAL, lw);
		if (i >= 2) {
			memset(shown, 0, sizeof shown);
			for (size_t k = 0; k < sm->len[i] && k < 16; k++)
				strcat(shown, ui_sym("●", "*"));
		} else
			snprintf(shown, sizeof shown, "%s", sm->text[i]);
		ui_puts(y, 2 + lw, shown, i == sm->field ?
		    ui_attr(UI_SELECTED) : (int)A_NORMAL, w - lw);
		if (i == sm->field)
			mvhline(y, 2 + lw + text_width(shown, strlen(shown)),
			    '_', 1);
	}
	ui_puts(SETUP_TOP + 9, 2, _("The code is the one your province gave "
	    "the school."), ui_attr(UI_DIM), w);
	ui_puts(SETUP_TOP + 10, 2, _("The teacher's PIN is kept only as a "
	    "hash: nobody can read it back."), ui_attr(UI_DIM), w);
	ui_footer(_("Enter next  Up back  F2 English/Tiếng Việt  Esc later  "
	    "F1 help"));
}

/* The set-up takes words in every field. */
static int
setup_takes_text(const struct app *app)
{
	(void)app;
	return 1;
}

const struct screen_ops setup_screen = {
	.name = "setup",
	.no_catalog = 1,
	.enter = setup_enter,
	.leave = setup_leave,
	.key = setup_key,
	.draw = setup_draw,
	.takes_text = setup_takes_text,
};
