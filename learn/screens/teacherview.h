/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teacherview.h: what the files of teacher mode share, and no other
 * file includes (but the tests): its model, and each view's keys and
 * drawing.  teacher.c owns the model, the PIN and the dispatch;
 * teachergrid.c the class overview; teacherlearner.c a learner's detail;
 * teacheredit.c the changes typed on those two; teacherquestions.c the
 * hard questions; teachersettings.c a class's settings.
 */
#ifndef HOCSO_TEACHERVIEW_H
#define HOCSO_TEACHERVIEW_H

#include "learn/model/report.h"
#include "learn/screens/app.h"
#include "learn/screens/list.h"
#include "learn/screens/ui.h"

enum teacher_view {
	TEACHER_PIN,
	TEACHER_OVERVIEW,
	TEACHER_LEARNER,
	TEACHER_QUESTIONS,
	TEACHER_SETTINGS,
};

struct teacher_model {
	enum teacher_view view;
	char pin[16];
	size_t pinlen;
	char **classes;
	struct list class_list;		/* over classes: the one shown */
	struct report report;		/* of the chosen class */
	struct list grid;		/* over the report's learners */
	int col;			/* the grid's module */
	struct report_attempt *attempts;
	int nattempts;
	struct report_question *questions;
	int nquestions;
	char **lines;			/* a detail view's text */
	int *roles;
	struct list page;		/* over lines, a pager */
	/* Changing the learner on the detail view: 'r' rename, 'p' a new
	 * PIN, 'm' move to another class, 'l' language, 'x' remove; on the
	 * overview 'a' add a learner ('A' their PIN), 'n' add a class, 'e'
	 * rename it; 0 when not. */
	int edit;
	char buf[128];
	size_t buflen;
	struct telex telex;
	int move_to;			/* index in classes */
	char name[128];			/* adding: the new learner's name */
	int set[3];			/* settings: PINs, break, daily limit */
	struct list set_rows;		/* over set */
	char sync[1024];		/* the sync state, in words */
};

/* Teacher mode's model (teacher.c); one at a time. */
extern struct teacher_model teacher;

/* teacher.c: the class chosen, its report read afresh (back on the
 * overview); the classes read afresh; the detail views' lines. */
const char *teacher_class(void);
void teacher_load(struct app *app);
void teacher_reload_classes(struct app *app);
void teacher_free_lines(void);
void teacher_add_line(int role, char *s);
char *teacher_fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
void teacher_draw_lines(const struct app *app);
enum ui_role teacher_status_role(enum report_status st);

/* teachergrid.c: the class overview. */
void teachergrid_fit(struct app *app);
void teachergrid_key(struct app *app, int key);
void teachergrid_draw(const struct app *app);

/* teacherlearner.c: the selected learner's detail. */
void teacherlearner_open(struct app *app);
void teacherlearner_key(struct app *app, int key);
void teacherlearner_draw(const struct app *app);

/* teacheredit.c: a change being typed (teacher.edit != 0). */
void teacheredit_start(struct app *app, int edit);
int teacheredit_is_text(int edit);
void teacheredit_key(struct app *app, int key);
void teacheredit_draw(const struct app *app);

/* teacherquestions.c: the questions the class finds hardest in the
 * selected module. */
void teacherquestions_open(struct app *app);
void teacherquestions_key(struct app *app, int key);
void teacherquestions_draw(const struct app *app);

/* teachersettings.c: the class's settings. */
void teachersettings_open(struct app *app);
void teachersettings_key(struct app *app, int key);
void teachersettings_draw(const struct app *app);

#endif
