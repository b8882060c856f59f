/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stick.c: teacher mode's USB stick screen (stick.h).  Three views over
 * one model: a menu; a folder chooser that starts at the usual mount
 * points (learn/model/stickdir.h: no link taken for a folder) and lists,
 * under the sub-folders, the module packages found there with their
 * title, version and publisher and what installing would do, or the
 * class lists (.csv) found there; and an import's preview, every row
 * with why it is bad.  Packages are checked and installed by hocso-cmd
 * (learn/model/cmdrun.h: "hocso install --check --porcelain", then
 * "hocso install"), the program that links libarchive, so a refusal is
 * told in hocso install's own words; the class list goes through the
 * import of hocso learner import (learn/model/import.h).  Names from
 * the stick are made printable before they are shown.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/cmdrun.h"
#include "learn/model/import.h"
#include "learn/model/stickdir.h"
#include "learn/screens/app.h"
#include "learn/screens/list.h"
#include "learn/screens/sheetview.h"
#include "learn/screens/stick.h"
#include "learn/screens/ui.h"
#include "quiz/telex.h"

#define LIST_TOP 4		/* the first row of a list */

enum row_kind { ROW_MENU, ROW_ROOT, ROW_UP, ROW_DIR, ROW_PKG, ROW_CSV,
	ROW_KEY };

struct stick_row {
	enum row_kind kind;
	char *path;		/* the folder or file (a menu row: NULL) */
	char *shown;		/* its name, printable */
	/* a package: what --check said, or why it is refused */
	int checked, ok, trusted, marked;
	char *id, *version, *installed, *state, *publisher, *title, *why;
	char *result;		/* after installing: done, or the refusal */
};

struct preview_row {
	int line;
	char *name, *class_name, *why;
	int has_pin, new_class;
};

enum stick_view { VIEW_MENU, VIEW_FOLDER, VIEW_PREVIEW };

struct stick_model {
	int mode;			/* STICK_* */
	enum stick_view view;
	char *dir;			/* the folder shown; NULL: the roots */
	struct stick_row *rows;
	struct list list;
	int typing;			/* a folder being typed */
	char buf[1024];
	size_t buflen;
	struct telex telex;
	/* the import's preview */
	char *csv;
	struct preview_row *prev;
	int nprev;
	struct list plist;
	struct import_summary sum;
	unsigned flags;			/* IMPORT_ADD_CLASSES once asked */
	int asked;			/* the unknown class was asked about */
	int confirm;			/* y/n: add the good rows only */
	int trust;			/* y/n: trust the key selected */
};

static struct stick_model stick;

static void
rows_free(void)
{
	int i;
	struct stick_row *r;

	for (i = 0; i < stick.list.count; i++) {
		r = &stick.rows[i];
		free(r->path);
		free(r->shown);
		free(r->id);
		free(r->version);
		free(r->installed);
		free(r->state);
		free(r->publisher);
		free(r->title);
		free(r->why);
		free(r->result);
	}
	free(stick.rows);
	stick.rows = NULL;
	stick.list.count = 0;
}

static struct stick_row *
row_add(enum row_kind kind, const char *path, const char *name)
{
	struct stick_row *r;
	int n = stick.list.count;

	stick.rows = xrealloc(stick.rows, (n + 1) * sizeof *stick.rows);
	r = &stick.rows[n];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->path = path != NULL ? xstrdup(path) : NULL;
	r->shown = fileio_printable(name);
	stick.list.count = n + 1;
	return r;
}

static void
preview_free(void)
{
	int i;

	for (i = 0; i < stick.nprev; i++) {
		free(stick.prev[i].name);
		free(stick.prev[i].class_name);
		free(stick.prev[i].why);
	}
	free(stick.prev);
	stick.prev = NULL;
	stick.nprev = 0;
	free(stick.csv);
	stick.csv = NULL;
}

/* Splits line at tabs into at most max fields (in place). */
static int
split_tabs(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return n;
}

/* Fills the package rows from what hocso install --check said about
 * the folder. */
static void
stick_check_packages(struct app *app)
{
	const char *args[] = { "install", "--check", "--porcelain", stick.dir,
	    NULL };
	char *out, *errout, *line, *next, *f[9];
	struct stick_row *r;
	struct hs_error err;
	int status, i, n;

	for (i = 0; i < stick.list.count; i++)
		if (stick.rows[i].kind == ROW_PKG)
			break;
	if (i == stick.list.count)
		return;
	if (cmdrun(app->datadir, app->lang, args, &out, &errout, &status,
	    &err) != 0) {
		app_error(app, &err);
		return;
	}
	for (line = out; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		n = split_tabs(line, f, 9);
		if (n < 3)
			continue;
		for (i = 0; i < stick.list.count; i++) {
			r = &stick.rows[i];
			if (r->kind != ROW_PKG || strcmp(r->path, f[1]) != 0)
				continue;
			r->checked = 1;
			if (!strcmp(f[0], "ok") && n == 9) {
				r->ok = 1;
				r->id = xstrdup(f[2]);
				r->version = xstrdup(f[3]);
				r->installed = xstrdup(f[4]);
				r->state = xstrdup(f[5]);
				r->publisher = xstrdup(f[6]);
				r->trusted = !strcmp(f[7], "1");
				r->title = xstrdup(f[8]);
			} else
				r->why = xstrdup(f[2]);
		}
	}
	/* hocso-cmd said something else (it failed as a whole). */
	if (status != 0 && errout[0] != '\0') {
		if ((line = strchr(errout, '\n')) != NULL)
			*line = '\0';
		app_message(app, errout);
	}
	free(out);
	free(errout);
}

/* Shows the folder dir (NULL: the usual places a stick is found). */
static void
stick_open_dir(struct app *app, const char *dir)
{
	struct stickdir_entry *e;
	struct hs_error err;
	char **roots, *path, *parent;
	int i, n;
	enum row_kind kind = stick.mode == STICK_INSTALL ? ROW_PKG : ROW_CSV;

	if (dir != NULL && stickdir_list(dir, stick.mode == STICK_INSTALL ?
	    ".hsm|.pub" : ".csv", &e, &n, &err) != 0) {
		app_error(app, &err);
		return;
	}
	rows_free();
	free(stick.dir);
	stick.dir = NULL;
	stick.view = VIEW_FOLDER;
	if (dir == NULL) {
		stickdir_roots(&roots, &n);
		for (i = 0; i < n; i++)
			row_add(ROW_ROOT, roots[i], roots[i]);
		stickdir_roots_free(roots, n);
	} else {
		stick.dir = xstrdup(dir);
		/* no trailing '/': the paths hocso-cmd says must match */
		for (i = (int)strlen(stick.dir); i > 1 &&
		    stick.dir[i - 1] == '/'; i--)
			stick.dir[i - 1] = '\0';
		parent = stickdir_parent(stick.dir);
		row_add(ROW_UP, parent, "..");
		free(parent);
		for (i = 0; i < n; i++) {
			size_t len = strlen(e[i].name);
			int pub = len > 4 && !strcasecmp(e[i].name + len - 4,
			    ".pub");

			path = util_path_join(stick.dir, e[i].name);
			/* a folder named .hsm is a package hocso install
			 * refuses: shown so */
			row_add(e[i].is_dir && (kind != ROW_PKG || pub ||
			    len < 4 || strcasecmp(e[i].name + len - 4,
			    ".hsm") != 0) ? ROW_DIR : pub ? ROW_KEY : kind,
			    path, e[i].name);
			free(path);
		}
		stickdir_free(e, n);
		if (stick.mode == STICK_INSTALL)
			stick_check_packages(app);
	}
	stick.list.sel = stick.list.top = 0;
	list_set_count(&stick.list, stick.list.count);
	/* the first package or list, when there is one */
	for (i = 0; i < stick.list.count; i++)
		if (stick.rows[i].kind == ROW_PKG ||
		    stick.rows[i].kind == ROW_CSV) {
			list_select(&stick.list, i);
			break;
		}
}

static void
stick_fit(struct app *app)
{
	int n = app->rows - LIST_TOP - 5;

	list_set_height(&stick.list, n < 1 ? 1 : n);
	list_set_height(&stick.plist, n < 1 ? 1 : n);
}

static void
stick_menu(void)
{
	rows_free();
	stick.view = VIEW_MENU;
	row_add(ROW_MENU, NULL, _("Install modules from a USB stick"));
	row_add(ROW_MENU, NULL, _("Import a class list (a spreadsheet saved "
	    "as CSV)"));
	row_add(ROW_MENU, NULL, _("Print a sign-in sheet (names and PINs)"));
	stick.list.sel = stick.list.top = 0;
	list_set_count(&stick.list, 3);
}

static int
stick_enter(struct app *app, int arg)
{
	memset(&stick, 0, sizeof stick);
	stick.mode = arg;
	stick_fit(app);
	if (arg == STICK_MENU)
		stick_menu();
	else
		stick_open_dir(app, NULL);
	return 0;
}

static void
stick_leave(struct app *app)
{
	(void)app;
	rows_free();
	preview_free();
	free(stick.dir);
	memset(&stick, 0, sizeof stick);
}

/* Installs the marked packages (or the one selected), one hocso-cmd
 * each, then reads the catalog and the folder afresh. */
static void
stick_install(struct app *app)
{
	const char *args[] = { "install", NULL, NULL };
	struct stick_row *r;
	struct hs_error err;
	char *out, *errout, *nl, *why, msg[512];
	int i, status, marked = 0, done = 0, refused = 0;
	char *dir;

	for (i = 0; i < stick.list.count; i++)
		marked += stick.rows[i].kind == ROW_PKG && stick.rows[i].marked;
	if (marked == 0) {
		r = &stick.rows[stick.list.sel];
		if (r->kind != ROW_PKG) {
			app_message(app, _("Choose a module first: Space marks "
			    "it, then i installs."));
			return;
		}
		r->marked = 1;
	}
	for (i = 0; i < stick.list.count; i++) {
		r = &stick.rows[i];
		if (r->kind != ROW_PKG || !r->marked)
			continue;
		args[1] = r->path;
		if (cmdrun(app->datadir, app->lang, args, &out, &errout,
		    &status, &err) != 0) {
			app_error(app, &err);
			return;
		}
		if (status == 0)
			done++;
		else {
			/* "hocso: PATH: reason": the reason */
			refused++;
			if ((nl = strchr(errout, '\n')) != NULL)
				*nl = '\0';
			why = strstr(errout, r->path);
			why = why != NULL ? why + strlen(r->path) : errout;
			if (*why == ':')
				why++;
			why += strspn(why, " ");
			if (strncmp(why, "hocso: ", 7) == 0)
				why += 7;	/* not about the file */
			free(r->result);
			r->result = fileio_printable(why);
		}
		free(out);
		free(errout);
	}
	if (done > 0) {
		catalog_free(&app->catalog);
		if (catalog_load(app->datadir, &app->catalog, &err) != 0)
			app_error(app, &err);
	}
	/* the folder afresh: now installed, or the refusal kept */
	{
		int n = stick.list.count, j, sel = stick.list.sel;
		char **paths = xcalloc(n + 1, sizeof *paths);
		char **results = xcalloc(n + 1, sizeof *results);

		for (j = 0; j < n; j++)
			if (stick.rows[j].result != NULL) {
				paths[j] = xstrdup(stick.rows[j].path);
				results[j] = xstrdup(stick.rows[j].result);
			}
		dir = xstrdup(stick.dir);
		stick_open_dir(app, dir);
		free(dir);
		for (j = 0; j < n; j++) {
			for (i = 0; paths[j] != NULL && i < stick.list.count;
			    i++)
				if (stick.rows[i].path != NULL &&
				    !strcmp(stick.rows[i].path, paths[j]))
					stick.rows[i].result = xstrdup(
					    results[j]);
			free(paths[j]);
			free(results[j]);
		}
		free(paths);
		free(results);
		list_select(&stick.list, sel);
	}
	if (refused == 0)
		snprintf(msg, sizeof msg, P_("Installed %d module.",
		    "Installed %d modules.", done), done);
	else
		snprintf(msg, sizeof msg, P_("Installed %d, refused %d: the "
		    "reason is on its row.", "Installed %d, refused %d: the "
		    "reasons are on their rows.", refused), done, refused);
	app_message(app, msg);
}

/* Trusts the publisher's key in the selected row (hocso trust add, in
 * hocso-cmd), then reads the folder afresh: its packages are trusted
 * now. */
static void
stick_trust(struct app *app)
{
	const char *args[] = { "trust", "add", NULL, NULL };
	char *out, *errout, *nl, *dir, *msg;
	struct hs_error err;
	int status;

	args[2] = stick.rows[stick.list.sel].path;
	if (cmdrun(app->datadir, app->lang, args, &out, &errout, &status,
	    &err) != 0) {
		app_error(app, &err);
		return;
	}
	msg = status == 0 ? out : errout;
	if ((nl = strchr(msg, '\n')) != NULL)
		*nl = '\0';
	if (strncmp(msg, "hocso: ", 7) == 0)
		msg += 7;
	msg = fileio_printable(msg);
	dir = xstrdup(stick.dir);
	stick_open_dir(app, dir);
	free(dir);
	app_message(app, msg);
	free(msg);
	free(out);
	free(errout);
}

static void
preview_row(const struct import_preview_row *row, void *arg)
{
	struct preview_row *p;

	(void)arg;
	stick.prev = xrealloc(stick.prev, (stick.nprev + 1) *
	    sizeof *stick.prev);
	p = &stick.prev[stick.nprev++];
	p->line = row->line;
	p->name = fileio_printable(row->name);
	p->class_name = fileio_printable(row->class_name);
	p->why = row->why != NULL ? xstrdup(row->why) : NULL;
	p->has_pin = row->has_pin;
	p->new_class = row->new_class;
}

/* The preview of the class list at path (the import checks all, adds
 * nothing). */
static void
stick_preview(struct app *app, const char *path)
{
	struct hs_error err;
	char *keep = xstrdup(path);
	unsigned flags = stick.flags;

	preview_free();		/* path may be stick.csv: keep is read */
	stick.csv = keep;
	if (import_run(app->store, keep, flags | IMPORT_DRY_RUN, NULL,
	    preview_row, NULL, &stick.sum, &err) != 0) {
		app_error(app, &err);
		preview_free();
		return;
	}
	stick.view = VIEW_PREVIEW;
	stick.confirm = 0;
	stick.plist.sel = stick.plist.top = 0;
	list_set_count(&stick.plist, stick.nprev);
}

/* Adds the rows of the previewed list (the good ones only when
 * skip_bad), then goes back to teacher mode, which reads the classes
 * afresh. */
static void
stick_import(struct app *app, int skip_bad)
{
	struct import_summary sum;
	struct hs_error err;
	char msg[512];

	if (import_run(app->store, stick.csv, stick.flags | (skip_bad ?
	    IMPORT_SKIP_BAD : 0), NULL, NULL, NULL, &sum, &err) != 0) {
		app_error(app, &err);
		return;
	}
	if (sum.bad > 0)
		snprintf(msg, sizeof msg, P_("Added %d learner; %d rows with "
		    "a problem were left out.", "Added %d learners; %d rows "
		    "with a problem were left out.", sum.added), sum.added,
		    sum.bad);
	else
		snprintf(msg, sizeof msg, P_("Added %d learner.",
		    "Added %d learners.", sum.added), sum.added);
	app_pop(app);
	app_message(app, msg);
}

static void
preview_key(struct app *app, int key)
{
	int good = stick.sum.rows - stick.sum.bad, i;

	if (stick.sum.unknown[0] != '\0' && !stick.asked) {
		/* a class that is not there: ask, never make it silently */
		if (key == 'y' || key == 'Y') {
			stick.asked = 1;
			stick.flags |= IMPORT_ADD_CLASSES;
			stick_preview(app, stick.csv);
		} else if (key == 'n' || key == 'N' || key == APP_KEY_BACK)
			stick.asked = 1;
		return;
	}
	if (stick.confirm) {
		stick.confirm = 0;
		if (key == 'y' || key == 'Y')
			stick_import(app, 1);
		return;
	}
	if (list_key(&stick.plist, key))
		return;
	if (key == 'b') {	/* the next bad row */
		for (i = 1; i <= stick.nprev; i++)
			if (stick.prev[(stick.plist.sel + i) %
			    stick.nprev].why != NULL) {
				list_select(&stick.plist, (stick.plist.sel +
				    i) % stick.nprev);
				break;
			}
	} else if (key == '\n') {
		if (good <= 0)
			app_message(app, _("No row can be added: fix the "
			    "file, then read it again (r)."));
		else if (stick.sum.bad > 0)
			stick.confirm = 1;
		else
			stick_import(app, 0);
	} else if (key == 'r')
		stick_preview(app, stick.csv);
	else if (key == APP_KEY_BACK) {
		preview_free();
		stick.view = VIEW_FOLDER;
	}
}

static void
folder_key(struct app *app, int key)
{
	struct stick_row *r = stick.list.count > 0 ?
	    &stick.rows[stick.list.sel] : NULL;
	char *path;

	if (stick.typing) {
		uint32_t c = key == APP_KEY_CHAR ? app->wch : (uint32_t)key;

		if (key == APP_KEY_BACK || key == 27)
			stick.typing = 0;
		else if (key == '\n') {
			stick.typing = 0;
			path = xstrdup(stick.buf);
			stick_open_dir(app, path);
			free(path);
		} else if (key == KEY_BACKSPACE || key == 127 || key == 8)
			telex_backspace(&stick.telex, stick.buf, &stick.buflen);
		else if (key == APP_KEY_CHAR || (key >= ' ' && key <= '~'))
			telex_key(&stick.telex, stick.buf, sizeof stick.buf,
			    &stick.buflen, c);
		return;
	}
	if (stick.trust) {
		stick.trust = 0;
		if (key == 'y' || key == 'Y')
			stick_trust(app);
		return;
	}
	if (list_key(&stick.list, key))
		return;
	if (key == '/') {
		stick.typing = 1;
		snprintf(stick.buf, sizeof stick.buf, "/");
		stick.buflen = 1;
		telex_init(&stick.telex, TELEX_OFF);
	} else if (key == '\n' && r != NULL) {
		if (r->kind == ROW_PKG)
			r->marked = !r->marked;
		else if (r->kind == ROW_KEY)
			stick.trust = 1;
		else if (r->kind == ROW_CSV) {
			stick.flags = 0;
			stick.asked = 0;
			path = xstrdup(r->path);
			stick_preview(app, path);
			free(path);
		} else {
			path = xstrdup(r->path);
			stick_open_dir(app, path);
			free(path);
		}
	} else if (key == ' ' && r != NULL && r->kind == ROW_PKG)
		r->marked = !r->marked;
	else if (key == 'i' && stick.mode == STICK_INSTALL && r != NULL)
		stick_install(app);
	else if ((key == KEY_BACKSPACE || key == 127 || key == 8 ||
	    key == KEY_LEFT) && stick.dir != NULL) {
		path = stickdir_parent(stick.dir);
		stick_open_dir(app, path);
		free(path);
	} else if (key == APP_KEY_BACK)
		app_pop(app);
}

static void
stick_key(struct app *app, int key)
{
	stick_fit(app);
	switch (stick.view) {
	case VIEW_MENU:
		if (list_key(&stick.list, key))
			return;
		if (key >= '1' && key <= '3')
			list_select(&stick.list, key - '1');
		else if (key == '\n') {
			if (stick.list.sel == 2) {
				app_replace(app, &sheetview_screen, 0);
				return;
			}
			stick.mode = stick.list.sel == 0 ? STICK_INSTALL :
			    STICK_IMPORT;
			stick_open_dir(app, NULL);
		} else if (key == APP_KEY_BACK)
			app_pop(app);
		return;
	case VIEW_FOLDER:
		folder_key(app, key);
		return;
	case VIEW_PREVIEW:
		preview_key(app, key);
		return;
	}
}

static int
stick_takes_text(const struct app *app)
{
	(void)app;
	return stick.typing;
}

/* A row of the menu or of a folder. */
static void
folder_row(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	const struct stick_row *r = &stick.rows[i];
	int attr = sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
	int w = app->cols - 4, x;
	char line[1024], what[256], *shown;

	if (sel)
		ui_fill(y, 1, attr);
	switch (r->kind) {
	case ROW_MENU:
		snprintf(line, sizeof line, "%d. %s", i + 1, r->shown);
		ui_puts(y, 2, line, attr, w);
		return;
	case ROW_ROOT:
	case ROW_UP:
	case ROW_DIR:
		if (r->kind == ROW_UP) {
			ui_puts(y, 2, _("[..] the folder above"), sel ? attr :
			    ui_attr(UI_ACCENT), w);
			return;
		}
		shown = ui_path(r->shown, w - 1);	/* and its '/' */
		snprintf(line, sizeof line, "%s/", shown);
		free(shown);
		ui_puts(y, 2, line, sel ? attr : ui_attr(UI_ACCENT), w);
		return;
	case ROW_CSV:
		ui_puts(y, 2, r->shown, attr | A_BOLD, w);
		return;
	case ROW_KEY:
		/* TRANSLATORS: a publisher's key file on a stick. */
		snprintf(line, sizeof line, _("%s: a publisher's key"),
		    r->shown);
		ui_puts(y, 6, line, attr, w - 4);
		return;
	case ROW_PKG:
		break;
	}
	x = 2 + ui_puts(y, 2, r->marked ? ui_sym("[✓] ", "[x] ") : "[ ] ",
	    attr, 4);
	if (r->result != NULL) {
		snprintf(line, sizeof line, "%s: %s", r->shown, r->result);
		ui_puts(y, x, line, sel ? attr : ui_attr(UI_BAD), w - x + 2);
		return;
	}
	if (!r->ok) {
		snprintf(line, sizeof line, "%s: %s", r->shown,
		    r->checked ? r->why : _("not read"));
		ui_puts(y, x, line, sel ? attr : ui_attr(UI_BAD), w - x + 2);
		return;
	}
	if (!strcmp(r->state, "new"))
		snprintf(what, sizeof what, "%s", _("new"));
	else if (!strcmp(r->state, "upgrade"))
		snprintf(what, sizeof what, _("update of %s"), r->installed);
	else if (!strcmp(r->state, "same"))
		snprintf(what, sizeof what, "%s", _("installed"));
	else
		snprintf(what, sizeof what, _("older than %s"), r->installed);
	/* TRANSLATORS: a package on a stick: its title, version,
	 * publisher and "new", "update" or "installed". */
	snprintf(line, sizeof line, _("%s  %s  %s%s  %s"), r->title,
	    r->version, r->publisher[0] != '\0' ? r->publisher :
	    _("unsigned"), r->trusted ? "" : _(" (not trusted)"), what);
	ui_puts(y, x, line, sel ? attr : r->trusted ? (int)A_NORMAL :
	    ui_attr(UI_BAD), w - x + 2);
}

/* A row of the preview: ✓ or ✗, the line, the name and class, or why
 * it is bad. */
static void
preview_row_draw(const void *arg, int i, int y, int sel)
{
	const struct app *app = arg;
	const struct preview_row *p = &stick.prev[i];
	int attr = sel ? ui_attr(UI_SELECTED) : p->why != NULL ?
	    ui_attr(UI_BAD) : (int)A_NORMAL;
	char line[1024];

	if (sel)
		ui_fill(y, 1, attr);
	if (p->why != NULL)
		snprintf(line, sizeof line, "%s %3d  %s  %s", ui_sym("✗", "x"),
		    p->line, p->name[0] != '\0' ? p->name : "?", p->why);
	else
		snprintf(line, sizeof line, "%s %3d  %s  %s%s", ui_sym("✓",
		    "+"), p->line, p->name, p->class_name, p->new_class ?
		    _(" (new class)") : "");
	ui_puts(y, 2, line, attr, app->cols - 4);
}

static void
stick_draw(const struct app *app)
{
	const struct preview_row *p;
	char line[1400], *shown, *printable;
	int w = app->cols - 4, y = app->rows - 4, good;

	switch (stick.view) {
	case VIEW_MENU:
		ui_header(_("hocso › Teacher › USB stick"), NULL);
		ui_wrap(2, 2, _("A USB stick: modules to install, a class list "
		    "to import; and a sheet to print."), A_BOLD, w, 2);
		list_draw(&stick.list, LIST_TOP + 1, 1, app->cols - 1,
		    folder_row, app);
		ui_footer(_("Up/Down or a number, Enter open  Esc back"));
		return;
	case VIEW_FOLDER:
		ui_header(stick.mode == STICK_INSTALL ? _("hocso › Teacher › "
		    "Install modules") : _("hocso › Teacher › Import a class "
		    "list"), NULL);
		if (stick.dir != NULL) {
			/* the label's width, then as much of the path */
			snprintf(line, sizeof line, _("Folder: %s"), "");
			printable = fileio_printable(stick.dir);
			shown = ui_path(printable, w - text_width(line,
			    strlen(line)));
			free(printable);
		} else
			shown = xstrdup(_("choose where the USB stick is"));
		snprintf(line, sizeof line, _("Folder: %s"), shown);
		free(shown);
		ui_puts(2, 2, line, A_BOLD, w);
		list_draw(&stick.list, LIST_TOP, 1, app->cols - 1, folder_row,
		    app);
		if (stick.list.count == 0)
			ui_wrap(LIST_TOP, 2, _("No USB stick found. Plug one "
			    "in, or press / to type a folder."), A_NORMAL, w,
			    2);
		else if (stick.dir != NULL && stick.list.count == 1)
			ui_wrap(LIST_TOP + 2, 2, stick.mode == STICK_INSTALL ?
			    _("No module package (.hsm) here.") : _("No class "
			    "list (.csv) here."), ui_attr(UI_DIM), w, 2);
		if (stick.trust) {
			shown = fileio_printable(stick.rows[stick.list.sel].path);
			snprintf(line, sizeof line, _("Trust the publisher of %s? "
			    "Only a key your education office gave you."),
			    shown);
			free(shown);
			ui_fill(y, 0, ui_attr(UI_SELECTED));
			ui_fill(y + 1, 0, ui_attr(UI_SELECTED));
			ui_wrap(y, 2, line, ui_attr(UI_SELECTED), w, 2);
			ui_footer(_("y trust it  any other key no"));
		} else if (stick.typing) {
			/* the end of a long path, where the typing is */
			snprintf(line, sizeof line, _("Go to the folder: %s_"),
			    "");
			shown = ui_path(stick.buf, w - text_width(line,
			    strlen(line)));
			snprintf(line, sizeof line, _("Go to the folder: %s_"),
			    shown);
			free(shown);
			ui_fill(y + 1, 0, ui_attr(UI_SELECTED));
			ui_puts(y + 1, 2, line, ui_attr(UI_SELECTED), w);
			ui_footer(_("Type the folder, then Enter  Esc cancel"));
		} else if (stick.mode == STICK_INSTALL) {
			ui_wrap(y + 1, 2, _("Modules are checked before they "
			    "are installed: a refusal says why."),
			    ui_attr(UI_DIM), w, 1);
			ui_footer(_("Enter open/mark  i install  / type a "
			    "folder  Esc back"));
		} else
			ui_footer(_("Enter open  / type a folder  Esc back"));
		return;
	case VIEW_PREVIEW:
		break;
	}
	ui_header(_("hocso › Teacher › Import a class list"), NULL);
	good = stick.sum.rows - stick.sum.bad;
	/* the file's name: its folder was chosen on the screen before */
	shown = strrchr(stick.csv, '/');
	shown = fileio_printable(shown != NULL ? shown + 1 : stick.csv);
	snprintf(line, sizeof line, P_("%s: %d learner to add", "%s: %d "
	    "learners to add", good), shown, good);
	free(shown);
	ui_puts(2, 2, line, A_BOLD, w);
	if (stick.sum.bad > 0) {
		snprintf(line, sizeof line, P_("%d row has a problem (✗, b "
		    "finds it): it will not be added.", "%d rows have a "
		    "problem (✗, b finds them): they will not be added.",
		    stick.sum.bad), stick.sum.bad);
		ui_puts(3, 2, line, ui_attr(UI_BAD), w);
	}
	list_draw(&stick.plist, LIST_TOP, 1, app->cols - 1, preview_row_draw,
	    app);
	p = stick.nprev > 0 ? &stick.prev[stick.plist.sel] : NULL;
	if (p != NULL && p->why != NULL) {
		snprintf(line, sizeof line, _("Line %d: %s"), p->line, p->why);
		ui_wrap(y, 2, line, ui_attr(UI_BAD), w, 2);
	}
	if (stick.sum.unknown[0] != '\0' && !stick.asked) {
		shown = fileio_printable(stick.sum.unknown);
		snprintf(line, sizeof line, _("Class %s is not in the school. "
		    "Add it?"), shown);
		free(shown);
		ui_fill(y + 1, 0, ui_attr(UI_SELECTED));
		ui_puts(y + 1, 2, line, ui_attr(UI_SELECTED), w);
		ui_footer(_("y add the class  n no: its rows stay out"));
	} else if (stick.confirm) {
		snprintf(line, sizeof line, P_("Add the %d good row and leave "
		    "out the others?", "Add the %d good rows and leave out the "
		    "others?", good), good);
		ui_fill(y + 1, 0, ui_attr(UI_SELECTED));
		ui_puts(y + 1, 2, line, ui_attr(UI_SELECTED), w);
		ui_footer(_("y add them  any other key no"));
	} else
		ui_footer(_("Enter add  b next problem  r read again  Esc "
		    "back"));
}

/* The screen's own keys in the help panel. */
static int
stick_help(const struct app *app, const char **lines, int max)
{
	/* TRANSLATORS: the USB stick screen's help panel; each line at
	 * most 54 columns. */
	const char *own[] = {
		_("USB stick: keys"),
		"",
		_("Up/Down     a folder, a module, a row"),
		_("Enter       open a folder or a list; mark a module"),
		_("Space       mark a module   i  install the marked"),
		_("Enter on a key (.pub): trust its publisher"),
		_("/           type a folder, e.g. /media/usb"),
		_("Backspace   the folder above"),
		_("b           the next row with a problem"),
		_("Esc         back"),
		"",
		_("Press any key to close."),
	};
	int i, n = sizeof own / sizeof *own;

	(void)app;
	for (i = 0; i < n && i < max; i++)
		lines[i] = own[i];
	return i;
}

const struct screen_ops stick_screen = {
	.name = "stick",
	.enter = stick_enter,
	.leave = stick_leave,
	.key = stick_key,
	.draw = stick_draw,
	.resize = stick_fit,
	.takes_text = stick_takes_text,
	.help = stick_help,
};
