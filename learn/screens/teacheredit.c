/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teacheredit.c: the changes a teacher types in teacher mode, on the
 * last rows of the screen: on the overview a new learner ('a', then 'A'
 * for their PIN when the class uses PINs), a new class ('n') or a class's
 * new name ('e'); on a learner's detail a new name ('r'), a new PIN
 * ('p'), another class ('m'), the language ('l') or their removal ('x').
 * Each is applied through learn/model/school.h, then the class is read
 * afresh.  See teacherview.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "learn/model/pin.h"
#include "learn/model/roster.h"
#include "learn/model/screentime.h"
#include "learn/screens/teacherview.h"

static void teacheredit_apply(struct app *app);

/* The buffers the name goes through are the same size. */
_Static_assert(sizeof teacher.name == sizeof teacher.buf, "name, buf");

/* Whether an edit takes words (a name) rather than digits. */
int
teacheredit_is_text(int edit)
{
	return edit == 'r' || edit == 'a' || edit == 'n' || edit == 'e';
}

void
teacheredit_start(struct app *app, int edit)
{
	struct teacher_model *tm = &teacher;

	tm->edit = edit;
	tm->buf[0] = tm->name[0] = '\0';
	tm->buflen = 0;
	tm->move_to = edit == 'l' ? 0 : tm->class_list.sel;
	telex_init(&tm->telex, teacheredit_is_text(edit) ? app->typing :
	    TELEX_OFF);
}

/* Adds a class ('n'), or a learner to the class on screen ('a' for the
 * name; 'A' for the PIN when the class uses PINs), then shows the class
 * afresh. */
static void
teacheredit_add_apply(struct app *app)
{
	struct teacher_model *tm = &teacher;
	const char *cls = teacher_class();
	struct hs_error err;
	char msg[256];
	int rc, pins = 0, b, d, i;

	if (tm->edit == 'n' || tm->edit == 'e') {
		rc = tm->edit == 'n' ? roster_class_add(app->store, tm->buf, 0,
		    &err) : roster_class_rename(app->store, cls, tm->buf, &err);
		if (rc != 0) {
			app_error(app, &err);
			return;
		}
		if (tm->edit == 'n')
			snprintf(msg, sizeof msg, _("Class %s is added."),
			    tm->buf);
		else
			snprintf(msg, sizeof msg, _("Class %s is now %s."), cls,
			    tm->buf);
		teacher_reload_classes(app);
		for (i = 0; i < tm->class_list.count; i++)
			if (!strcmp(tm->classes[i], tm->buf))
				list_select(&tm->class_list, i);
		tm->edit = 0;
		memset(tm->buf, 0, sizeof tm->buf);
		tm->buflen = 0;
		tm->grid.sel = tm->grid.top = 0;
		teacher_load(app);
		app_message(app, msg);
		return;
	}
	if (cls == NULL)
		return;
	if (tm->edit == 'a') {
		if (screentime_class_get(app->store, cls, &pins, &b, &d,
		    &err) != 0) {
			app_error(app, &err);
			return;
		}
		if (pins) {		/* its PIN next */
			memcpy(tm->name, tm->buf, sizeof tm->name);
			memset(tm->buf, 0, sizeof tm->buf);
			tm->buflen = 0;
			tm->edit = 'A';
			telex_init(&tm->telex, TELEX_OFF);
			return;
		}
		memcpy(tm->name, tm->buf, sizeof tm->name);
	}
	rc = roster_learner_add(app->store, cls, tm->name, tm->edit == 'A' ?
	    tm->buf : NULL, app->lang, NULL, &err);
	memset(tm->buf, 0, sizeof tm->buf);
	tm->buflen = 0;
	if (rc != 0) {
		tm->edit = 0;
		app_error(app, &err);
		return;
	}
	snprintf(msg, sizeof msg, _("%s is added to class %s."), tm->name, cls);
	tm->edit = 0;
	teacher_load(app);
	app_message(app, msg);
}

/* Applies the change being made to the learner on the detail view,
 * then shows the class afresh. */
static void
teacheredit_apply(struct app *app)
{
	struct teacher_model *tm = &teacher;
	const struct report_learner *l;
	char cls[128], name[128], msg[256];
	struct hs_error err;
	int rc, edit = tm->edit;

	if (edit == 'a' || edit == 'n' || edit == 'A' || edit == 'e') {
		teacheredit_add_apply(app);
		return;
	}
	if (tm->report.nlearners == 0)
		return;
	l = &tm->report.learners[tm->grid.sel];
	snprintf(cls, sizeof cls, "%s", l->class_name);
	snprintf(name, sizeof name, "%s", l->name);
	if (edit == 'x')
		rc = roster_learner_remove(app->store, cls, name, &err);
	else if (edit == 'm')
		rc = roster_learner_change(app->store, cls, name, ROSTER_MOVE,
		    tm->classes[tm->move_to], &err);
	else if (edit == 'l')
		rc = roster_learner_change(app->store, cls, name, ROSTER_LANG,
		    tm->move_to ? "en" : "vi", &err);
	else
		rc = roster_learner_change(app->store, cls, name, edit == 'r' ?
		    ROSTER_RENAME : ROSTER_PIN, tm->buf, &err);
	memset(tm->buf, 0, sizeof tm->buf);
	tm->buflen = 0;
	if (rc != 0) {
		app_error(app, &err);
		return;
	}
	tm->edit = 0;
	if (edit == 'x')
		snprintf(msg, sizeof msg, _("%s is removed: their name and PIN "
		    "are erased, their progress is kept without a name."),
		    name);
	else if (edit == 'm')
		snprintf(msg, sizeof msg, _("%s is now in class %s."), name,
		    tm->classes[tm->move_to]);
	else if (edit == 'p')
		snprintf(msg, sizeof msg, _("%s has a new PIN."), name);
	else if (edit == 'l')
		snprintf(msg, sizeof msg, _("%s now learns in %s."), name,
		    tm->move_to ? _("English") : _("Vietnamese"));
	else
		snprintf(msg, sizeof msg, _("Renamed."));
	teacher_load(app);		/* back on the overview */
	app_message(app, msg);
}

void
teacheredit_key(struct app *app, int key)
{
	struct teacher_model *tm = &teacher;
	uint32_t c = key == APP_KEY_CHAR ? app->wch : (uint32_t)key;

	if (key == APP_KEY_BACK || key == 27) {
		memset(tm->buf, 0, sizeof tm->buf);
		tm->buflen = 0;
		tm->edit = 0;
		return;
	}
	switch (tm->edit) {
	case 'x':
		if (key == 'y' || key == 'Y')
			teacheredit_apply(app);
		else
			tm->edit = 0;
		return;
	case 'l':
		if (key == KEY_LEFT || key == KEY_RIGHT || key == '\t')
			tm->move_to = !tm->move_to;
		else if (key == '\n')
			teacheredit_apply(app);
		return;
	case 'm':
		if (key == KEY_LEFT && tm->class_list.count > 0)
			tm->move_to = (tm->move_to + tm->class_list.count - 1) %
			    tm->class_list.count;
		else if ((key == KEY_RIGHT || key == '\t') && tm->class_list.count > 0)
			tm->move_to = (tm->move_to + 1) % tm->class_list.count;
		else if (key == '\n')
			teacheredit_apply(app);
		return;
	}
	if (key == '\n')
		teacheredit_apply(app);
	else if (key == KEY_BACKSPACE || key == 127 || key == 8)
		telex_backspace(&tm->telex, tm->buf, &tm->buflen);
	else if ((key == APP_KEY_CHAR || (key >= ' ' && key <= '~')) &&
	    (teacheredit_is_text(tm->edit) || (c >= '0' && c <= '9' &&
	    tm->buflen < PIN_MAX)))
		telex_key(&tm->telex, tm->buf, teacheredit_is_text(tm->edit) ?
		    61 * 4 : PIN_MAX + 1, &tm->buflen, c);
}

/* The change being made, on the last rows. */
void
teacheredit_draw(const struct app *app)
{
	const struct teacher_model *tm = &teacher;
	const char *name = tm->report.nlearners > 0 ?
	    tm->report.learners[tm->grid.sel].name : "";
	char line[512], dots[64] = "";
	int y = app->rows - 3, w = app->cols - 4;
	size_t i;

	ui_fill(y, 0, ui_attr(UI_SELECTED));
	switch (tm->edit) {
	case 'r':
		snprintf(line, sizeof line, _("New name for %s: %s_"), name,
		    tm->buf);
		ui_footer(_("Type, then Enter  Esc cancel"));
		break;
	case 'a':
		snprintf(line, sizeof line, _("A new learner in class %s: %s_"),
		    tm->class_list.count > 0 ? teacher_class() : "-", tm->buf);
		ui_footer(_("Type the name, then Enter  Esc cancel"));
		break;
	case 'e':
		snprintf(line, sizeof line, _("New name for class %s: %s_"),
		    teacher_class(), tm->buf);
		ui_footer(_("Type the name, then Enter  Esc cancel"));
		break;
	case 'n':
		snprintf(line, sizeof line, _("A new class: %s_"), tm->buf);
		ui_footer(_("Type the name, then Enter  Esc cancel"));
		break;
	case 'A':
		name = tm->name;
		/* FALLTHROUGH */
	case 'p':
		for (i = 0; i < tm->buflen && i < 8; i++)
			strcat(dots, ui_sym("●", "*"));
		snprintf(line, sizeof line, _("New PIN for %s (4-8 digits): "
		    "%s_"), name, dots);
		ui_footer(_("Digits, then Enter  Esc cancel"));
		break;
	case 'm':
		snprintf(line, sizeof line, _("Move %s to class: %s %s %s"),
		    name, ui_sym("‹", "<"), tm->class_list.count > 0 ?
		    tm->classes[tm->move_to] : "-", ui_sym("›", ">"));
		ui_footer(_("Left/Right class  Enter move  Esc cancel"));
		break;
	case 'l':
		snprintf(line, sizeof line, _("%s learns in: %s %s %s"), name,
		    ui_sym("‹", "<"), tm->move_to ? _("English") :
		    _("Vietnamese"), ui_sym("›", ">"));
		ui_footer(_("Left/Right language  Enter save  Esc cancel"));
		break;
	default:
		snprintf(line, sizeof line, _("Remove %s? Their name and PIN "
		    "are erased; their progress stays, without a name."),
		    name);
		ui_footer(_("y remove  any other key keep"));
		/* on two rows, cut at a word when longer */
		ui_fill(y - 1, 0, ui_attr(UI_SELECTED));
		ui_wrap(y - 1, 2, line, ui_attr(UI_SELECTED), w, 2);
		return;
	}
	ui_puts(y, 2, line, ui_attr(UI_SELECTED), w);
}

