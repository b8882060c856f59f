/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sheetview.c: teacher mode's sign-in sheet screen (sheetview.h): three
 * settings changed with Left/Right (the class, the folder the sheet is
 * saved in: the data folder's sheets/ or a USB stick, and whether it goes
 * to the printer when CUPS' lp is there), then Enter.  A class that signs
 * in with PINs gets new PINs for all its learners, which the teacher is
 * told and asked first (PINs are kept only as hashes: learn/model/
 * sheet.h).  The sheet made is shown on screen too, so that a school
 * with no printer can copy it out.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/roster.h"
#include "learn/model/sheet.h"
#include "learn/model/stickdir.h"
#include "learn/screens/app.h"
#include "learn/screens/list.h"
#include "learn/screens/sheetview.h"
#include "learn/screens/ui.h"
#include "quiz/telex.h"

enum { ROW_CLASS, ROW_FOLDER, ROW_PRINT };

struct sheetview_model {
	char **classes;
	int nclasses, cls;
	char **folders;			/* [0] the data folder's sheets/ */
	int nfolders, folder;
	int can_print, print;
	int learners, pins;		/* of the class chosen */
	struct list rows;		/* over the settings */
	int confirm;			/* y/n: new PINs for the class */
	int typing;			/* a folder being typed */
	char buf[1024];
	size_t buflen;
	struct telex telex;
	int done;			/* the sheet is made: shown below */
	char said[1024];		/* where it went */
	char printed[640];		/* what the printer said, or "" */
	char **lines;			/* the sheet, line by line */
	int nlines;
	struct list page;
};

static struct sheetview_model sv;
static char start_class[128];

void
sheetview_set_class(const char *class_name)
{
	snprintf(start_class, sizeof start_class, "%s",
	    class_name != NULL ? class_name : "");
}

static int
collect_class(const struct roster_class *c, void *arg)
{
	(void)arg;
	sv.classes = xrealloc(sv.classes, (sv.nclasses + 1) *
	    sizeof *sv.classes);
	sv.classes[sv.nclasses++] = xstrdup(c->name);
	return 0;
}

static void
add_folder(const char *path)
{
	sv.folders = xrealloc(sv.folders, (sv.nfolders + 1) *
	    sizeof *sv.folders);
	sv.folders[sv.nfolders++] = xstrdup(path);
}

/* The chosen class's learners and whether it uses PINs. */
static void
sheetview_class_info(struct app *app)
{
	struct hs_error err;

	sv.learners = sv.pins = 0;
	if (sv.nclasses > 0 && sheet_class_info(app->store,
	    sv.classes[sv.cls], &sv.learners, &sv.pins, &err) != 0)
		app_error(app, &err);
}

static void
sheetview_fit(struct app *app)
{
	int n = app->rows - 8;

	list_set_height(&sv.rows, 3);
	list_set_height(&sv.page, n < 1 ? 1 : n);
}

static int
sheetview_enter(struct app *app, int arg)
{
	struct hs_error err;
	char **roots, *sheets;
	int i, n;

	(void)arg;
	memset(&sv, 0, sizeof sv);
	sv.page.pager = 1;
	if (roster_class_list(app->store, collect_class, NULL, &err) != 0) {
		app_error(app, &err);
		return -1;
	}
	if (sv.nclasses == 0) {
		free(sv.classes);
		app_message(app, _("No class yet: add a class first."));
		return -1;
	}
	for (i = 0; i < sv.nclasses; i++)
		if (!strcmp(sv.classes[i], start_class))
			sv.cls = i;
	sheets = util_path_join(app->datadir, "sheets");
	add_folder(sheets);
	free(sheets);
	stickdir_roots(&roots, &n);
	for (i = 0; i < n; i++)
		if (strncmp(roots[i], "/media/", 7) == 0 ||
		    strncmp(roots[i], "/run/media/", 11) == 0)
			add_folder(roots[i]);
	stickdir_roots_free(roots, n);
	sv.can_print = sv.print = sheet_can_print();
	list_set_count(&sv.rows, sv.can_print ? 3 : 2);
	sheetview_fit(app);
	sheetview_class_info(app);
	return 0;
}

static void
lines_free(void)
{
	int i;

	for (i = 0; i < sv.nlines; i++)
		free(sv.lines[i]);
	free(sv.lines);
	sv.lines = NULL;
	sv.nlines = 0;
}

static void
sheetview_leave(struct app *app)
{
	int i;

	(void)app;
	for (i = 0; i < sv.nclasses; i++)
		free(sv.classes[i]);
	free(sv.classes);
	for (i = 0; i < sv.nfolders; i++)
		free(sv.folders[i]);
	free(sv.folders);
	lines_free();
	memset(&sv, 0, sizeof sv);
}

/* Reads the sheet written at path back, to show it (form feeds as
 * blank lines). */
static void
sheetview_show(const char *path)
{
	struct hs_error err;
	char *text, *p, *nl;
	size_t len;

	lines_free();
	if (fileio_read(path, 1 << 20, &text, &len, &err) != 0)
		return;
	for (p = text; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p) - 1;
		else
			*nl = '\0';
		if (*p == '\f')
			p++;
		sv.lines = xrealloc(sv.lines, (sv.nlines + 1) *
		    sizeof *sv.lines);
		sv.lines[sv.nlines++] = xstrdup(p);
		if (nl[1] == '\0')
			break;
	}
	free(text);
	list_set_count(&sv.page, sv.nlines);
}

/* Makes the sheet (with new PINs when the class uses them), saves it
 * and prints it. */
static void
sheetview_make(struct app *app)
{
	const char *cls = sv.classes[sv.cls];
	char *path, msg[512], *shown;
	struct hs_error err;
	int n;

	if (util_mkdir_p(sv.folders[sv.folder], &err) != 0) {
		app_error(app, &err);
		return;
	}
	path = sheet_default_path(sv.folders[sv.folder], cls, clock_now_ms());
	if (sheet_make(app->store, cls, sv.pins ? SHEET_NEW_PINS : 0, path,
	    &n, &err) != 0) {
		app_error(app, &err);
		free(path);
		return;
	}
	shown = fileio_printable(path);
	snprintf(sv.said, sizeof sv.said, _("Saved in %s."), shown);
	free(shown);
	sv.printed[0] = '\0';
	if (sv.print) {
		if (sheet_print(path, cls, msg, sizeof msg, &err) != 0)
			hs_error_format(&err, sv.printed, sizeof sv.printed);
		else
			snprintf(sv.printed, sizeof sv.printed, "%s",
			    _("Sent to the printer."));
	}
	sheetview_show(path);
	free(path);
	sv.done = 1;
	list_select(&sv.page, 0);
}

static void
sheetview_key(struct app *app, int key)
{
	int row = sv.rows.sel, step;

	sheetview_fit(app);
	if (sv.done) {
		if (!list_key(&sv.page, key) && (key == APP_KEY_BACK ||
		    key == '\n'))
			app_pop(app);
		return;
	}
	if (sv.typing) {
		uint32_t c = key == APP_KEY_CHAR ? app->wch : (uint32_t)key;

		if (key == APP_KEY_BACK || key == 27)
			sv.typing = 0;
		else if (key == '\n') {
			sv.typing = 0;
			add_folder(sv.buf);
			sv.folder = sv.nfolders - 1;
		} else if (key == KEY_BACKSPACE || key == 127 || key == 8)
			telex_backspace(&sv.telex, sv.buf, &sv.buflen);
		else if (key == APP_KEY_CHAR || (key >= ' ' && key <= '~'))
			telex_key(&sv.telex, sv.buf, sizeof sv.buf, &sv.buflen,
			    c);
		return;
	}
	if (sv.confirm) {
		sv.confirm = 0;
		if (key == 'y' || key == 'Y')
			sheetview_make(app);
		return;
	}
	if (key == '\t')
		key = KEY_DOWN;
	if (list_key(&sv.rows, key))
		return;
	step = key == KEY_RIGHT || key == ' ' ? 1 : key == KEY_LEFT ? -1 : 0;
	if (step != 0 && row == ROW_CLASS) {
		sv.cls = (sv.cls + sv.nclasses + step) % sv.nclasses;
		sheetview_class_info(app);
	} else if (step != 0 && row == ROW_FOLDER)
		sv.folder = (sv.folder + sv.nfolders + step) % sv.nfolders;
	else if (step != 0 && row == ROW_PRINT)
		sv.print = !sv.print;
	else if (key == '/') {
		sv.typing = 1;
		snprintf(sv.buf, sizeof sv.buf, "/");
		sv.buflen = 1;
		telex_init(&sv.telex, TELEX_OFF);
	} else if (key == '\n') {
		if (sv.learners == 0)
			app_message(app, _("No learners in this class yet."));
		else if (sv.pins)
			sv.confirm = 1;
		else
			sheetview_make(app);
	} else if (key == APP_KEY_BACK)
		app_pop(app);
}

static int
sheetview_takes_text(const struct app *app)
{
	(void)app;
	return sv.typing;
}

static void
setting_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	int attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
	char line[1200], *shown = NULL;
	const char *val;

	if (i == ROW_CLASS)
		val = sv.classes[sv.cls];
	else if (i == ROW_FOLDER) {
		char *printable = fileio_printable(sv.folders[sv.folder]);

		/* the brackets and their spaces take 4 columns */
		val = shown = ui_path(printable, app->cols - 19 - 4);
		free(printable);
	}
	else
		val = sv.print ? _("yes") : _("no");
	snprintf(line, sizeof line, "%s %s %s", ui_sym("‹", "<"), val,
	    ui_sym("›", ">"));
	free(shown);
	ui_puts(y, 2, i == ROW_CLASS ? _("Class") : i == ROW_FOLDER ?
	    _("Save in") : _("Print it"), attr, 14);
	ui_puts(y, 17, line, attr, app->cols - 19);
}

static void
page_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;

	(void)sel;
	ui_puts(y, 1, sv.lines[i], A_NORMAL, app->cols - 3);
}

static void
sheetview_draw(const struct app *app)
{
	char line[512];
	int w = app->cols - 4, y;

	ui_header(_("hocso › Teacher › Sign-in sheet"), NULL);
	if (sv.done) {
		ui_wrap(2, 2, sv.said, A_BOLD, w, 2);
		ui_puts(4, 2, sv.printed, A_BOLD, w);
		list_draw(&sv.page, 6, 1, app->cols - 1, page_row, app);
		ui_footer(_("Up/Down read  Enter or Esc done"));
		return;
	}
	list_draw(&sv.rows, 2, 2, app->cols - 1, setting_row, app);
	y = 9;
	snprintf(line, sizeof line, P_("%d learner in class %s.",
	    "%d learners in class %s.", sv.learners), sv.learners,
	    sv.classes[sv.cls]);
	ui_puts(y, 2, line, A_NORMAL, w);
	if (sv.pins)
		ui_wrap(y + 1, 2, _("This class signs in with PINs. PINs are "
		    "kept secret, so the sheet shows new ones: every learner "
		    "gets a new PIN, and the old PINs stop working."),
		    ui_attr(UI_BAD), w, 4);
	else
		ui_wrap(y + 1, 2, _("This class signs in without PINs: the "
		    "sheet lists the names."), ui_attr(UI_DIM), w, 2);
	if (!sv.can_print)
		ui_wrap(app->rows - 5, 2, _("No printer is set up here: "
		    "print the file from another computer."),
		    ui_attr(UI_DIM), w, 2);
	if (sv.typing) {
		char *typed;

		/* the end of a long path, where the typing is */
		snprintf(line, sizeof line, _("Save in the folder: %s_"), "");
		typed = ui_path(sv.buf, w - text_width(line, strlen(line)));
		snprintf(line, sizeof line, _("Save in the folder: %s_"),
		    typed);
		free(typed);
		ui_fill(app->rows - 3, 0, ui_attr(UI_SELECTED));
		ui_puts(app->rows - 3, 2, line, ui_attr(UI_SELECTED), w);
		ui_footer(_("Type the folder, then Enter  Esc cancel"));
	} else if (sv.confirm) {
		snprintf(line, sizeof line, P_("New PINs for the %d learner of "
		    "class %s?", "New PINs for the %d learners of class %s?",
		    sv.learners), sv.learners, sv.classes[sv.cls]);
		ui_fill(app->rows - 3, 0, ui_attr(UI_SELECTED));
		ui_puts(app->rows - 3, 2, line, ui_attr(UI_SELECTED), w);
		ui_footer(_("y yes, new PINs and the sheet  any other key no"));
	} else
		ui_footer(_("Up/Down  Left/Right change  / folder  Enter make  "
		    "Esc back"));
}

const struct screen_ops sheetview_screen = {
	.name = "sheet",
	.enter = sheetview_enter,
	.leave = sheetview_leave,
	.key = sheetview_key,
	.draw = sheetview_draw,
	.resize = sheetview_fit,
	.takes_text = sheetview_takes_text,
};
