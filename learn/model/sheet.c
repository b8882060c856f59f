/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sheet.c: the sign-in sheet of a class (see sheet.h): its learners read
 * from the roster, new PINs made and stored, the page laid out in
 * columns by display width, written through fileio, printed through lp.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "learn/model/cmdrun.h"
#include "learn/model/pin.h"
#include "learn/model/roster.h"
#include "learn/model/school.h"
#include "learn/model/sheet.h"

#define NAME_COLS 56

struct sheet_row {
	long long id;
	char *name;
	char pin[PIN_MAX + 1];
	char hash[crypto_pwhash_STRBYTES];
};

struct sheet {
	struct sheet_row *rows;
	int n;
};

static int
collect(const struct roster_learner *l, void *arg)
{
	struct sheet *sh = arg;

	sh->rows = xrealloc(sh->rows, (sh->n + 1) * sizeof *sh->rows);
	memset(&sh->rows[sh->n], 0, sizeof *sh->rows);
	sh->rows[sh->n].id = l->id;
	sh->rows[sh->n].name = xstrdup(l->name);
	sh->n++;
	return 0;
}

static void
sheet_free(struct sheet *sh)
{
	int i;

	for (i = 0; i < sh->n; i++)
		free(sh->rows[i].name);
	if (sh->rows != NULL)
		sodium_memzero(sh->rows, sh->n * sizeof *sh->rows);
	free(sh->rows);
}

int
sheet_class_info(struct store *s, const char *class_name, int *learners,
    int *pins, struct hs_error *err)
{
	struct sheet sh = { NULL, 0 };
	long long id;
	int rc;

	if ((rc = roster_class_find(s, class_name, &id, pins, err)) != 0)
		return rc;
	rc = roster_learner_list(s, class_name, collect, &sh, err);
	*learners = sh.n;
	sheet_free(&sh);
	return rc;
}

char *
sheet_default_path(const char *dir, const char *class_name, long long now_ms)
{
	char name[256], day[16], *p, *path;
	time_t t = (time_t)(now_ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(day, sizeof day, "%Y-%m-%d", &tm) == 0)
		snprintf(day, sizeof day, "today");
	snprintf(name, sizeof name, "sign-in-%s-%s.txt", class_name, day);
	for (p = name; *p != '\0'; p++)
		if (*p == '/' || (unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '_';
	path = util_path_join(dir, name);
	return path;
}

/* Whether pin is one a child would guess: one digit repeated, or a run
 * up or down (1234, 9876). */
static int
pin_guessable(const char *pin)
{
	int i, same = 1, up = 1, down = 1;

	for (i = 1; pin[i] != '\0'; i++) {
		same &= pin[i] == pin[0];
		up &= pin[i] == pin[i - 1] + 1;
		down &= pin[i] == pin[i - 1] - 1;
	}
	return same || up || down;
}

/* A new 4-digit PIN for each row, none guessable, none twice in the
 * class, and its hash (slow: before the transaction). */
static int
make_pins(struct sheet *sh, struct hs_error *err)
{
	int i, j, rc;

	for (i = 0; i < sh->n; i++) {
		do {
			snprintf(sh->rows[i].pin, sizeof sh->rows[i].pin,
			    "%04u", (unsigned)randombytes_uniform(10000));
			for (j = 0; j < i; j++)
				if (!strcmp(sh->rows[j].pin, sh->rows[i].pin))
					break;
		} while (j < i || pin_guessable(sh->rows[i].pin));
		if ((rc = pin_hash(sh->rows[i].pin, sh->rows[i].hash,
		    err)) != 0)
			return rc;
	}
	return 0;
}

/* s padded with spaces to cols columns (cut at a character when wider)
 * into out; cols 0: s whole, as it is. */
static void
put_padded(FILE *out, const char *s, int cols)
{
	int used;
	size_t fit;

	if (cols == 0) {
		fputs(s, out);
		return;
	}
	fit = text_fit(s, strlen(s), cols, &used);

	fwrite(s, 1, fit, out);
	for (; used < cols; used++)
		fputc(' ', out);
}

/* The heading of a page. */
static void
page_head(FILE *out, const char *school, const char *class_name,
    const char *day, int page, int pages, int pins)
{
	char line[512];

	/* TRANSLATORS: the sign-in sheet's title, at most 80 columns. */
	fprintf(out, "%s\n", _("hocso: sign-in sheet"));
	snprintf(line, sizeof line, _("School: %s   Class: %s   Date: %s   "
	    "Page %d of %d"), school, class_name, day, page, pages);
	fprintf(out, "%s\n\n", line);
	if (page == 1) {
		fprintf(out, "%s\n", _("To sign in: choose your class, type "
		    "the first letters of your name,"));
		fprintf(out, "%s\n", pins ? _("press Enter, then type your "
		    "PIN. Keep your PIN to yourself.") : _("then press "
		    "Enter."));
		fprintf(out, "\n");
	}
	fprintf(out, "  %3s  ", "#");
	put_padded(out, _("Name"), pins ? NAME_COLS : 0);
	if (pins)
		fprintf(out, "  %s", _("PIN"));
	fprintf(out, "\n");
}

/* The whole sheet into out. */
static void
sheet_text(FILE *out, const struct sheet *sh, const char *school,
    const char *class_name, const char *day, int pins)
{
	/* Lines on page 1 before the rows: 3 + 3 + 1; on the others 3 + 1. */
	int first = SHEET_PAGE_LINES - 7, other = SHEET_PAGE_LINES - 4;
	int pages = 1, i, page = 1, on_page = 0;

	if (sh->n > first)
		pages += (sh->n - first + other - 1) / other;
	page_head(out, school, class_name, day, 1, pages, pins);
	if (sh->n == 0)
		fprintf(out, "\n%s\n", _("No learners in this class yet."));
	for (i = 0; i < sh->n; i++) {
		if (on_page == (page == 1 ? first : other)) {
			fputc('\f', out);
			page_head(out, school, class_name, day, ++page, pages,
			    pins);
			on_page = 0;
		}
		fprintf(out, "  %3d  ", i + 1);
		if (pins) {
			put_padded(out, sh->rows[i].name, NAME_COLS);
			fprintf(out, "  %s", sh->rows[i].pin);
		} else
			put_padded(out, sh->rows[i].name, 0);
		fprintf(out, "\n");
		on_page++;
	}
}

int
sheet_make(struct store *s, const char *class_name, unsigned flags,
    const char *path, int *learners, struct hs_error *err)
{
	struct sheet sh = { NULL, 0 };
	struct fileio_tmp t = { -1, 0, NULL, NULL };
	char school[256], day[16];
	long long class_id, now = clock_now_ms();
	time_t secs = (time_t)(now / 1000);
	struct tm tm;
	FILE *out = NULL;
	int rc, pins, i, began = 0, fd;

	if (learners != NULL)
		*learners = 0;
	if ((rc = roster_class_find(s, class_name, &class_id, &pins,
	    err)) != 0)
		return rc;
	if (pins && !(flags & SHEET_NEW_PINS))
		return hs_error_set(err, HS_EINVAL, _("class %s signs in with "
		    "a PIN, and PINs are kept only in a form no one can read: "
		    "the sheet can show only new ones (--new-pins)"),
		    class_name);
	if (!pins && (flags & SHEET_NEW_PINS))
		return hs_error_set(err, HS_EINVAL, _("class %s signs in "
		    "without a PIN: turn PINs on first (hocso class set %s "
		    "--pins on)"), class_name, class_name);
	/* A link or a FIFO where the sheet goes is refused now, before
	 * any PIN changes. */
	if ((rc = fileio_check(path, err)) != 0)
		return rc;
	if (store_meta_get(s, SCHOOL_DISPLAY_NAME, school, sizeof school,
	    NULL) != 0)
		school[0] = '\0';
	if (localtime_r(&secs, &tm) == NULL ||
	    strftime(day, sizeof day, "%Y-%m-%d", &tm) == 0)
		day[0] = '\0';
	if ((rc = roster_learner_list(s, class_name, collect, &sh, err)) != 0)
		goto out;
	if (pins && (rc = make_pins(&sh, err)) != 0)
		goto out;
	if ((rc = fileio_begin(&t, path, 0644, err)) != 0)
		goto out;
	if ((fd = dup(t.fd)) < 0 || (out = fdopen(fd, "w")) == NULL) {
		rc = hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
		    strerror(errno));
		goto out;
	}
	sheet_text(out, &sh, school, class_name, day, pins);
	if (fclose(out) != 0) {
		out = NULL;
		rc = hs_error_set_at(err, HS_EIO, path, 0, 0, "%s",
		    strerror(errno));
		goto out;
	}
	out = NULL;
	if (pins) {
		if ((rc = store_begin(s, err)) != 0)
			goto out;
		began = 1;
		for (i = 0; i < sh.n; i++)
			if ((rc = roster_learner_set_pin_hash(s, sh.rows[i].id,
			    sh.rows[i].hash, err)) != 0)
				goto out;
		began = 0;
		if ((rc = store_commit(s, err)) != 0)
			goto out;
	}
	if ((rc = fileio_commit(&t, err)) != 0) {
		if (pins) {
			char why[sizeof err->msg];

			hs_error_format(err, why, sizeof why);
			hs_error_set(err, rc, _("the class's PINs are new, but "
			    "the sheet could not be written (%s): make the "
			    "sheet again"), why);
		}
		goto out;
	}
	if (learners != NULL)
		*learners = sh.n;
out:
	if (out != NULL)
		fclose(out);
	if (began)
		store_rollback(s);
	fileio_abort(&t);
	sheet_free(&sh);
	return rc;
}

int
sheet_can_print(void)
{
	return cmdrun_found("lp");
}

int
sheet_print(const char *path, const char *class_name, char *msg,
    size_t msglen, struct hs_error *err)
{
	char title[256], *out = NULL, *errout = NULL, *nl;
	const char *argv[] = { "lp", "-t", title, "--", path, NULL };
	int rc, status;

	snprintf(title, sizeof title, "hocso %s", class_name);
	msg[0] = '\0';
	if ((rc = cmdrun_program(argv, &out, &errout, &status, err)) != 0)
		return rc;
	if (status != 0) {
		if ((nl = strchr(errout, '\n')) != NULL)
			*nl = '\0';
		rc = hs_error_set(err, HS_EIO, _("the printer refused the "
		    "sheet: %s"), errout[0] != '\0' ? errout : "lp");
	} else {
		if ((nl = strchr(out, '\n')) != NULL)
			*nl = '\0';
		snprintf(msg, msglen, "%s", out);
	}
	free(out);
	free(errout);
	return rc;
}
