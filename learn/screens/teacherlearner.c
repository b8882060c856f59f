/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teacherlearner.c: teacher mode's detail of the learner selected on the
 * overview: their time in hocso, their status in each module, and their
 * quiz attempts, as lines that scroll; and the keys that change them
 * (teacheredit.c; s, their read-aloud speed, here).  See teacherview.h.
 */
#include "config.h"

#include <stdlib.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/override.h"
#include "learn/model/readaloud.h"
#include "learn/model/screentime.h"
#include "learn/screens/teachermods.h"
#include "learn/screens/teacherview.h"

/* A change by the teacher (override.h): when, what, who. */
static int
change_line(const struct override_entry *e, void *arg)
{
	char line[512];

	(void)arg;
	teacher_add_line(UI_DIM, xstrdup(override_describe(e, line,
	    sizeof line)));
	return 0;
}

static void
build_learner(struct app *app)
{
	struct teacher_model *tm = &teacher;
	const struct report_learner *l = &tm->report.learners[tm->grid.sel];
	long long secs;
	struct hs_error err;
	int m, i, days, n, rate, own;

	teacher_add_line(UI_HEADING, teacher_fmt("%s (%s)", l->name,
	    l->class_name));
	if (screentime_total(app->store, l->id, &secs, &days, &err) == 0)
		teacher_add_line(UI_DIM, teacher_fmt(P_("Time in hocso: %lld "
		    "min over %d day", "Time in hocso: %lld min over %d days",
		    days), (secs + 59) / 60, days));
	if (readaloud_learner_rate(app->store, l->id, &rate, &own,
	    &err) == 0)
		teacher_add_line(UI_DIM, own ?
		    /* TRANSLATORS: %s is slow, normal or fast. */
		    teacher_fmt(_("Read-aloud: %s, %d words a minute "
		    "(s to change)"), _(readaloud_speed_name(rate)), rate) :
		    teacher_fmt(_("Read-aloud: the school's speed, %d words "
		    "a minute (s to change)"), rate));
	for (m = 0; m < tm->report.nmodules; m++) {
		const struct report_cell *c = &l->cells[m];

		teacher_add_line(teacher_status_role(c->status),
		    teacher_fmt(_("%s %s: %s; lessons %d/%d; attempts %d"),
		    report_status_symbol(c->status, ui_unicode()),
		    module_title(&app->catalog.modules[m], app->lang),
		    report_status_name(c->status), c->lessons_done,
		    app->catalog.modules[m].nlessons, c->attempts));
		if (c->best >= 0 || c->last_activity[0] != '\0')
			teacher_add_line(UI_DIM, teacher_fmt(_("    best "
			    "%d%%, last %d%%, last active %.10s"),
			    c->best >= 0 ? (int)(c->best * 100 + 0.5) : 0,
			    c->last >= 0 ? (int)(c->last * 100 + 0.5) : 0,
			    c->last_activity));
	}
	teacher_add_line(UI_NORMAL, xstrdup(""));
	teacher_add_line(UI_HEADING, xstrdup(_("Quiz attempts")));
	if (tm->nattempts == 0)
		teacher_add_line(UI_NORMAL, xstrdup(_("None yet.")));
	for (i = 0; i < tm->nattempts; i++) {
		const struct report_attempt *a = &tm->attempts[i];
		const struct module *m2 = catalog_find(&app->catalog, a->module);
		const char *title = m2 != NULL ? module_title(m2, app->lang) :
		    a->module;

		if (a->finished)
			teacher_add_line(UI_NORMAL, teacher_fmt(_("%.10s  "
			    "%s: %d%% in %lld min"), a->started, title,
			    (int)(a->score * 100 + 0.5),
			    (a->seconds + 59) / 60));
		else
			teacher_add_line(UI_DIM, teacher_fmt(_("%.10s  %s: "
			    "not finished, %d of %d answered"), a->started,
			    title, a->answered, a->count));
	}
	teacher_add_line(UI_NORMAL, xstrdup(""));
	teacher_add_line(UI_HEADING, xstrdup(_("Changes by the teacher")));
	n = tm->page.count;
	if (override_list(app->store, l->id, NULL, change_line, NULL,
	    &err) != 0)
		app_error(app, &err);
	else if (tm->page.count == n)
		teacher_add_line(UI_NORMAL, xstrdup(_("None yet.")));
	list_set_count(&tm->page, tm->page.count);
}

void
teacherlearner_open(struct app *app)
{
	struct teacher_model *tm = &teacher;
	struct hs_error err;

	if (tm->report.nlearners == 0)
		return;
	free(tm->attempts);
	tm->attempts = NULL;
	tm->nattempts = 0;
	if (report_attempts(app->store, tm->report.learners[tm->grid.sel].id,
	    &tm->attempts, &tm->nattempts, &err) != 0) {
		app_error(app, &err);
		return;
	}
	teacher_free_lines();
	build_learner(app);
	tm->view = TEACHER_LEARNER;
}

/* s: the learner's read-aloud speed, the next of the school's, slow,
 * normal and fast; kept, then the lines say it. */
static void
teacherlearner_speed(struct app *app)
{
	const struct report_learner *l =
	    &teacher.report.learners[teacher.grid.sel];
	struct hs_error err;
	int rate, own, top = teacher.page.top;

	if (readaloud_learner_rate(app->store, l->id, &rate, &own,
	    &err) != 0 || readaloud_learner_rate_set(app->store, l->id,
	    !own ? READALOUD_RATE_SLOW : rate == READALOUD_RATE_FAST ? 0 :
	    readaloud_speed_next(rate), &err) != 0) {
		app_error(app, &err);
		return;
	}
	teacher_free_lines();
	build_learner(app);
	teacher.page.top = top;
}

void
teacherlearner_key(struct app *app, int key)
{
	const struct report_learner *l;

	if (key == 'r' || key == 'p' || key == 'm' || key == 'x' ||
	    key == 'l')
		teacheredit_start(app, key);
	else if (key == 's')
		teacherlearner_speed(app);
	else if (key == 'o') {		/* teacherover.c */
		l = &teacher.report.learners[teacher.grid.sel];
		teacherover_open(app, l->id, l->name, l->class_name);
	}
	else if (list_key(&teacher.page, key))
		return;
	else if (key == APP_KEY_BACK || key == '\n')
		teacher.view = TEACHER_OVERVIEW;
}

void
teacherlearner_draw(const struct app *app)
{
	teacher_draw_lines(app);
	if (teacher.edit != 0)
		teacheredit_draw(app);
	else
		ui_footer(_("o time/tries/PIN  r rename  p PIN  m move  "
		    "l language  x remove  q back"));
}
