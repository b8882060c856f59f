/*
 * app.h: the terminal app's state.
 *
 * The app is a set of screens, each a plain model updated by keys
 * (*_key) and drawn by a function that only reads it (*_draw).  The main
 * loop in app.c reads a key, hands it to the current screen, and redraws
 * only when something changed.  Learner actions go through progress.c and
 * are committed before the model moves on.
 */
#ifndef HOCSO_APP_H
#define HOCSO_APP_H

#include "core/store.h"
#include "lessons/catalog.h"
#include "lessons/lesson.h"
#include "learn/model/progress.h"
#include "learn/model/report.h"
#include "learn/model/screentime.h"
#include "quiz/gift.h"
#include "quiz/response.h"
#include "quiz/telex.h"
#include "sync/alert.h"

enum app_screen {
	SCREEN_SETUP,
	SCREEN_SIGNIN,
	SCREEN_TEACHER,
	SCREEN_HOME,
	SCREEN_MODULE,
	SCREEN_LESSON,
	SCREEN_QUIZ,
	SCREEN_RESULT,
};

/* Keys beyond curses' own, as the screens see them. */
enum {
	APP_KEY_BACK = 0x10000,		/* q or Esc */
	APP_KEY_CLICK,			/* a mouse click at app.click_y/x */
	APP_KEY_CHAR,			/* a typed character beyond ASCII:
					 * app.wch */
	APP_KEY_TICK,			/* a second passed (timed quizzes) */
};

/* The first run: the school's name, code and the teacher's PIN twice. */
struct setup_model {
	int field;			/* 0 name, 1 code, 2 PIN, 3 PIN again */
	char text[4][128];
	size_t len[4];
	struct telex telex;
};

/* Signing in: the class, then the learner's name (found by typing),
 * then the PIN when the class uses them. */
enum signin_step {
	SIGNIN_CLASS,
	SIGNIN_NAME,
	SIGNIN_PIN,
};

struct signin_class {
	long long id;
	char *name;
	int learners;
};

struct signin_learner {
	long long id;
	char uuid[UUID_LEN + 1];
	char *name;
	char *bare;			/* the name folded, without marks */
	int needs_pin;
	char lang[8];
};

struct signin_model {
	enum signin_step step;
	struct signin_class *classes;
	int nclasses;
	int class_sel;
	struct signin_learner *learners;	/* of the chosen class */
	int nlearners;
	int *shown;			/* learners matching the filter */
	int nshown;
	int sel, top;			/* in shown */
	char filter[128];
	size_t filterlen;
	char pin[16];
	size_t pinlen;
};

/* Teacher mode: the PIN, then the class overview, a learner's detail or
 * the hard questions of the selected module.  The detail views are
 * built as lines when opened. */
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
	int nclasses;
	int class_sel;
	struct report report;		/* of the chosen class */
	int row, col, top;		/* the grid's cursor: learner, module */
	struct report_attempt *attempts;
	int nattempts;
	struct report_question *questions;
	int nquestions;
	char **lines;			/* a detail view's text */
	int *roles;
	int nlines;
	int scroll;
	/* Changing the learner on the detail view: 'r' rename, 'p' a new
	 * PIN, 'm' move to another class, 'l' language, 'x' remove; on the
	 * overview 'a' add a learner ('A' their PIN), 'n' add a class; 0
	 * when not. */
	int edit;
	char buf[128];
	size_t buflen;
	struct telex telex;
	int move_to;			/* index in classes */
	char name[128];			/* adding: the new learner's name */
	int set[3];			/* settings: PINs, break, daily limit */
	int set_row;
	char sync[1024];		/* the sync state, in words */
};

struct home_model {
	int sel;
	int top;			/* first module shown */
	int *done;			/* per module: lessons completed */
	double *best;			/* per module: best quiz score, or -1 */
	/* Safety alerts the learner has not read, shown one by one before
	 * the modules until each is marked read (sync/alert.h). */
	struct alert *alerts;
	int nalerts;
	int alert_at;			/* the one shown; nalerts: none left */
	int alert_scroll;		/* its first line shown */
};

struct module_model {
	int module;			/* index in the catalog */
	int sel;			/* lessons first, then the quiz */
	char **titles;			/* each lesson's first heading */
	int *done;			/* each lesson completed? */
	double best;			/* best quiz score, -1 if none */
	double latest;			/* latest quiz score, -1 if none */
	int attempts;
};

struct lesson_model {
	int lesson;			/* index in the module */
	struct lesson *doc;
	int screen;
	int scroll;			/* first line shown */
	struct lesson_page page;	/* screen laid out at page_width */
	int page_width;
	struct lesson_block *practice;	/* the screen's practice question */
	int sel;			/* its highlighted choice */
	int again;			/* practising again for mastery: the
					 * questions start unanswered */
};

struct quiz_model {
	struct quiz_bank bank;
	struct attempt attempt;
	int *order;			/* bank index per position */
	int corder[GIFT_MAX_CHOICES];	/* choice order at the current position */
	int sel;			/* highlighted row (0-based); a row
					 * past the last is the Answer button */
	int showing;			/* practice mode: the last answer's feedback */
	/* The answer being given at the current position, by type. */
	int ticks[GIFT_MAX_CHOICES];	/* multiple answers: ticked, by row */
	int lefts[GIFT_MAX_CHOICES];	/* matching: bank index of each row */
	int nlefts;
	int rights[GIFT_MAX_CHOICES];	/* matching: bank index per option */
	int nrights;
	int pick[GIFT_MAX_CHOICES];	/* matching: option per row, or -1 */
	char text[RESPONSE_MAX];	/* short answer, number, essay */
	size_t textlen;
	struct telex telex;
	int on_button;			/* essay: the Answer button has focus */
	long long deadline_ms;		/* when time is up; 0: no limit */
	int timed_out;			/* the attempt ended when time was up */
	/* The result screen: the review as paragraphs (text, style and
	 * the ui_role to draw it in), laid out in review at review_width
	 * with the role of each line in line_roles. */
	char **texts;
	unsigned *styles;
	int *roles;
	int *hangs;			/* indent of a paragraph's later lines */
	int ntexts;
	struct lesson_page review;
	int *line_roles;
	int review_width;
	int scroll;
};

struct app {
	const char *datadir;
	const char *lang;
	const char *start_lang;		/* the language before signing in */
	struct store *store;
	struct progress progress;
	struct catalog catalog;

	enum app_screen screen;
	int roster;			/* learners sign in (the school has a
					 * roster); else the device's learner */
	char signed_in[64];		/* the learner's name, when signed in */
	int help;			/* the help panel is open */
	int quit;
	int dirty;
	int rows, cols;
	int click_y, click_x;
	unsigned wch;			/* the character of APP_KEY_CHAR */
	enum telex_mode typing;		/* how text boxes take keys */
	enum telex_mode typing_vi;	/* Telex or VNI, for F2 to go back to */
	char message[512];		/* shown above the footer until a key */

	struct screentime screentime;	/* the signed-in learner's */
	struct setup_model setup;
	struct signin_model signin;
	struct teacher_model teacher;
	struct home_model home;
	struct module_model mod;
	struct lesson_model lesson;
	struct quiz_model quiz;
};

/* Opens the store and catalog of datadir for lang.  Returns 0 or a
 * negative code with err filled; on failure app holds nothing. */
int app_open(struct app *app, const char *datadir, const char *lang,
    struct hs_error *err);

/* Runs the terminal app until the learner quits.  Returns 0, or -1 when
 * the terminal could not be used. */
int app_run(struct app *app);

void app_close(struct app *app);

/* Shows msg (an error, in one line) until the next key. */
void app_message(struct app *app, const char *msg);
void app_error(struct app *app, const struct hs_error *err);

/* The screens (signin.c, home.c, lessonview.c, quizview.c). */
int setup_needed(struct app *app);
void setup_enter(struct app *app);
void setup_key(struct app *app, int key);
void setup_draw(const struct app *app);
int signin_needed(struct app *app, struct hs_error *err);
void signin_enter(struct app *app);
void signin_leave(struct app *app);
void signin_key(struct app *app, int key);
void signin_draw(const struct app *app);
int signin_takes_text(const struct app *app);
void teacher_enter(struct app *app);
void teacher_leave(struct app *app);
void teacher_key(struct app *app, int key);
void teacher_draw(const struct app *app);
int teacher_takes_text(const struct app *app);
void home_refresh(struct app *app);
void home_leave(struct app *app);
void home_key(struct app *app, int key);
void home_draw(const struct app *app);
void modview_enter(struct app *app, int module);
void modview_leave(struct app *app);
void modview_key(struct app *app, int key);
void modview_draw(const struct app *app);
void lessonview_enter(struct app *app, int lesson);
void lessonview_leave(struct app *app);
void lessonview_resize(struct app *app);
void lessonview_key(struct app *app, int key);
void lessonview_draw(const struct app *app);
void quizview_enter(struct app *app);
void quizview_leave(struct app *app);
void quizview_key(struct app *app, int key);
void quizview_draw(const struct app *app);
void quizview_result_resize(struct app *app);
void quizview_result_key(struct app *app, int key);
void quizview_result_draw(const struct app *app);
/* Whether the quiz screen takes typed text now (then q and ? are
 * letters: Esc goes back and F1 opens the help), and where its cursor is
 * (0 and nothing to show when it has none). */
int quizview_takes_text(const struct app *app);
int quizview_cursor(const struct app *app, int *y, int *x);
/* A second passed on a timed quiz. */
void quizview_tick(struct app *app);

/* Counts the learner's screen time: a break reminder, or the day's time
 * used up (then the learner is signed out). */
void app_screentime(struct app *app);

/* The interface in lang (vi or en) from now on, with the text boxes'
 * typing to match (Telex for Vietnamese). */
void app_set_language(struct app *app, const char *lang);

/* Leaves whatever screen is open for the sign-in screen. */
void app_sign_out(struct app *app);

/* The module open on the module, lesson and quiz screens. */
const struct module *app_module(const struct app *app);

#endif
