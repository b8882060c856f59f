/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rollup.c: the rollups of the SQLite store.  See rollup.h.
 *
 * Part of the SQLite store (the only other file with the server's SQL):
 * a PostgreSQL store would keep the same figures its own way.  Every
 * figure is a sum over learners, so that it can be kept by adding: each
 * event changes its learner's row (rollup_learner, one per learner,
 * school and module) and adds the difference, old row to new, to the
 * counters of the learner's class now; a learner whose class changes
 * takes their rows' sums from the old class's counters to the new one's.
 * Distinct counts (a lesson completed twice, a learner active twice in a
 * week, a question answered again) are kept distinct by small tables of
 * what was seen.  Nothing here reads the events but rollup_rebuild().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "core/util.h"
#include "server/rollup.h"
#include "server/srvstore.h"
#include "sync/alert.h"

#define MICRO 1000000.0		/* scores are kept in millionths */
#define NO_CLASS "-"
#define ALL_MODULES ""		/* the weekly row of a learner's any module */

const char rollup_schema_sql[] =
    "CREATE TABLE rollup_school (school TEXT PRIMARY KEY,"
    " events INTEGER NOT NULL, last_event TEXT);"
    "CREATE TABLE rollup_learner (learner TEXT NOT NULL,"
    " school TEXT NOT NULL, module TEXT NOT NULL, status INTEGER NOT NULL,"
    " lessons INTEGER NOT NULL, quizzes INTEGER NOT NULL,"
    " attempts INTEGER NOT NULL, passes INTEGER NOT NULL, best INTEGER,"
    " score_sum INTEGER NOT NULL, score_n INTEGER NOT NULL,"
    " last_fail INTEGER, help INTEGER NOT NULL, reg TEXT,"
    " reg_wrong INTEGER NOT NULL, last TEXT NOT NULL, week TEXT NOT NULL,"
    " class TEXT NOT NULL,"
    " PRIMARY KEY (learner, school, module)) WITHOUT ROWID;"
    "CREATE INDEX rollup_learner_school ON rollup_learner (school);"
    "CREATE TABLE rollup_done (learner TEXT NOT NULL, school TEXT NOT NULL,"
    " object TEXT NOT NULL, PRIMARY KEY (learner, school, object))"
    " WITHOUT ROWID;"
    "CREATE TABLE rollup_class (school TEXT NOT NULL, class TEXT NOT NULL,"
    " module TEXT NOT NULL, learners INTEGER NOT NULL,"
    " progress INTEGER NOT NULL, passed INTEGER NOT NULL,"
    " help INTEGER NOT NULL, tried INTEGER NOT NULL,"
    " lessons INTEGER NOT NULL, quizzes INTEGER NOT NULL,"
    " attempts INTEGER NOT NULL, passes INTEGER NOT NULL,"
    " score_sum INTEGER NOT NULL, score_n INTEGER NOT NULL,"
    " PRIMARY KEY (school, class, module)) WITHOUT ROWID;"
    "CREATE INDEX rollup_class_module ON rollup_class (module, school);"
    "CREATE TABLE rollup_learner_week (learner TEXT NOT NULL,"
    " school TEXT NOT NULL, module TEXT NOT NULL, week TEXT NOT NULL,"
    " lessons INTEGER NOT NULL, attempts INTEGER NOT NULL,"
    " passes INTEGER NOT NULL,"
    " PRIMARY KEY (learner, school, module, week)) WITHOUT ROWID;"
    "CREATE TABLE rollup_week (week TEXT NOT NULL, school TEXT NOT NULL,"
    " class TEXT NOT NULL, module TEXT NOT NULL,"
    " learners INTEGER NOT NULL, lessons INTEGER NOT NULL,"
    " attempts INTEGER NOT NULL, passes INTEGER NOT NULL,"
    " PRIMARY KEY (week, school, class, module)) WITHOUT ROWID;"
    "CREATE TABLE rollup_seen (learner TEXT NOT NULL, object TEXT NOT NULL,"
    " PRIMARY KEY (learner, object)) WITHOUT ROWID;"
    "CREATE TABLE rollup_question (module TEXT NOT NULL,"
    " object TEXT NOT NULL, firsts INTEGER NOT NULL,"
    " right_first INTEGER NOT NULL, answers INTEGER NOT NULL,"
    " PRIMARY KEY (module, object)) WITHOUT ROWID;"
    "CREATE TABLE rollup_wrong (object TEXT NOT NULL,"
    " response TEXT NOT NULL, n INTEGER NOT NULL,"
    " PRIMARY KEY (object, response)) WITHOUT ROWID;"
    "CREATE INDEX devices_school ON devices (school, last_seen);"
    "INSERT INTO meta (key, value) SELECT 'rollups', 'rebuild'"
    " WHERE EXISTS (SELECT 1 FROM events);";

/* The alerts' rollup (schema step 9): one row per alert and device, the
 * earliest times of its two events; filled from the events stored
 * already as rollup_alert_event() would. */
#define ALERT_EVENT_WHERE \
	" object GLOB '" ALERT_URN "?*' AND length(object) <= " \
	"length('" ALERT_URN "') + 64 AND actor = device" \
	" AND verb IN ('" ALERT_VERB_RECEIVED "', '" ALERT_VERB_READ "')"
const char rollup_alert_schema_sql[] =
    "CREATE TABLE rollup_alert (alert TEXT NOT NULL, device TEXT NOT NULL,"
    " school TEXT NOT NULL, received TEXT, read TEXT,"
    " PRIMARY KEY (alert, device)) WITHOUT ROWID;"
    "INSERT INTO rollup_alert (alert, device, school, received, read)"
    " SELECT substr(object, length('" ALERT_URN "') + 1), device,"
    " min(school),"
    " min(CASE WHEN verb = '" ALERT_VERB_RECEIVED "' THEN ts END),"
    " min(CASE WHEN verb = '" ALERT_VERB_READ "' THEN ts END)"
    " FROM events WHERE" ALERT_EVENT_WHERE " GROUP BY 1, 2;";

/* A learner's row in one module, as stored. */
struct lrow {
	int exists, status, help, reg_wrong;
	long long lessons, quizzes, attempts, passes, score_sum, score_n;
	long long best, last_fail;	/* millionths; -1: none */
	char reg[64], last[40];
	char week[16];		/* the last week counted in rollup_learner_week */
	char class_name[160];	/* the learner's class now, "-" for none */
};

/* What a learner's row adds to its class's counters. */
struct contrib {
	long long learners, progress, passed, help, tried, lessons, quizzes,
	    attempts, passes, score_sum, score_n;
};

/*
 * The learners' rows of one transaction, kept in memory: a bundle's
 * events touch a few dozen rows a thousand times, so each row is read
 * once and written once, at rollup_flush().  Emptied at every flush and
 * drop, so that nothing outlives the transaction it was read in.
 */
#define CACHE_SLOTS 8192	/* a power of 2 */
#define CACHE_MAX 4096		/* rows held before a flush */

struct centry {
	char *learner, *school, *module;
	struct lrow r;
	int dirty;
};

struct rollup_cache {
	struct centry *slot[CACHE_SLOTS];
	int n;
};

struct rollup_cache *
rollup_cache_new(void)
{
	return xcalloc(1, sizeof(struct rollup_cache));
}

void
rollup_cache_drop(struct rollup_cache *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < CACHE_SLOTS && c->n > 0; i++)
		if (c->slot[i] != NULL) {
			free(c->slot[i]->learner);
			free(c->slot[i]->school);
			free(c->slot[i]->module);
			free(c->slot[i]);
			c->slot[i] = NULL;
			c->n--;
		}
	c->n = 0;
}

void
rollup_cache_free(struct rollup_cache *c)
{
	rollup_cache_drop(c);
	free(c);
}

static unsigned
cache_hash(const char *a, const char *b, const char *c)
{
	unsigned h = 2166136261u;
	const char *p[3] = { a, b, c }, *q;
	int i;

	for (i = 0; i < 3; i++) {
		for (q = p[i]; *q != '\0'; q++)
			h = (h ^ (unsigned char)*q) * 16777619u;
		h = (h ^ 0xff) * 16777619u;
	}
	return h;
}

/* The slot of (learner, school, module): its entry, or the empty slot
 * where it goes. */
static struct centry **
cache_slot(struct rollup_cache *c, const char *learner, const char *school,
    const char *module)
{
	unsigned i = cache_hash(learner, school, module) & (CACHE_SLOTS - 1);
	struct centry *e;

	while ((e = c->slot[i]) != NULL && (strcmp(e->learner, learner) != 0 ||
	    strcmp(e->school, school) != 0 || strcmp(e->module, module) != 0))
		i = (i + 1) & (CACHE_SLOTS - 1);
	return &c->slot[i];
}

static int lrow_put(struct store *db, const char *learner,
    const char *school, const char *module, const struct lrow *r,
    struct hs_error *err);

int
rollup_flush(struct store *db, struct rollup_cache *c, struct hs_error *err)
{
	struct centry *e;
	int i, rc = 0;

	if (c == NULL)
		return 0;
	for (i = 0; i < CACHE_SLOTS && rc == 0; i++)
		if ((e = c->slot[i]) != NULL && e->dirty)
			rc = lrow_put(db, e->learner, e->school, e->module,
			    &e->r, err);
	rollup_cache_drop(c);
	return rc;
}

static void
contrib_of(const struct lrow *r, struct contrib *c)
{
	memset(c, 0, sizeof *c);
	if (!r->exists)
		return;
	c->learners = 1;
	c->progress = r->status == ROLLUP_IN_PROGRESS;
	c->passed = r->status == ROLLUP_PASSED;
	c->help = r->status == ROLLUP_NEEDS_HELP;
	c->tried = r->attempts > 0;
	c->lessons = r->lessons;
	c->quizzes = r->quizzes;
	c->attempts = r->attempts;
	c->passes = r->passes;
	c->score_sum = r->score_sum;
	c->score_n = r->score_n;
}

static long long
micro(double score)
{
	return score >= 0 ? (long long)(score * MICRO + 0.5) :
	    -(long long)(-score * MICRO + 0.5);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
rollup_week(const char *ts, char *buf, size_t len)
{
	int y, m, d, wd, week;
	long long days, thu, jan1;

	buf[0] = '\0';
	if (ts == NULL || sscanf(ts, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return;
	days = days_from_civil(y, m, d);
	wd = (int)(((days % 7) + 7 + 3) % 7) + 1;	/* Monday 1 */
	thu = days - wd + 4;
	/* The week's year is its Thursday's. */
	if (thu < days_from_civil(y, 1, 1))
		y--;
	else if (thu >= days_from_civil(y + 1, 1, 1))
		y++;
	jan1 = days_from_civil(y, 1, 1);
	week = (int)((thu - jan1) / 7) + 1;
	snprintf(buf, len, "%04d-W%02d", y, week);
}

static const char *
col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static long long
opt_int(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(s, i);
}

static void
bind_opt(sqlite3_stmt *s, int i, long long v)
{
	if (v >= 0)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

static int
lrow_read(struct store *db, const char *learner, const char *school,
    const char *module, struct lrow *r, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT status, lessons, quizzes, attempts, passes, best,"
	    " score_sum, score_n, last_fail, help, reg, reg_wrong, last, week,"
	    " class FROM rollup_learner WHERE learner = ? AND school = ?"
	    " AND module = ?";
	sqlite3_stmt *s;
	int rc;

	memset(r, 0, sizeof *r);
	r->best = r->last_fail = -1;
	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, learner);
	store_bind_text(s, 2, school);
	store_bind_text(s, 3, module);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r->exists = 1;
		r->status = sqlite3_column_int(s, 0);
		r->lessons = sqlite3_column_int64(s, 1);
		r->quizzes = sqlite3_column_int64(s, 2);
		r->attempts = sqlite3_column_int64(s, 3);
		r->passes = sqlite3_column_int64(s, 4);
		r->best = opt_int(s, 5);
		r->score_sum = sqlite3_column_int64(s, 6);
		r->score_n = sqlite3_column_int64(s, 7);
		r->last_fail = opt_int(s, 8);
		r->help = sqlite3_column_int(s, 9);
		snprintf(r->reg, sizeof r->reg, "%s", col(s, 10) != NULL ?
		    col(s, 10) : "");
		r->reg_wrong = sqlite3_column_int(s, 11);
		snprintf(r->last, sizeof r->last, "%s", col(s, 12));
		snprintf(r->week, sizeof r->week, "%s", col(s, 13));
		snprintf(r->class_name, sizeof r->class_name, "%s",
		    col(s, 14));
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the rollups"));
	return 0;
}

/* The row, from the cache c (may be NULL) or the store. */
static int
lrow_get(struct store *db, struct rollup_cache *c, const char *learner,
    const char *school, const char *module, struct lrow *r,
    struct hs_error *err)
{
	struct centry **slot, *e;
	int rc;

	if (c == NULL)
		return lrow_read(db, learner, school, module, r, err);
	slot = cache_slot(c, learner, school, module);
	if (*slot != NULL) {
		*r = (*slot)->r;
		return 0;
	}
	if ((rc = lrow_read(db, learner, school, module, r, err)) != 0)
		return rc;
	e = xcalloc(1, sizeof *e);
	e->learner = xstrdup(learner);
	e->school = xstrdup(school);
	e->module = xstrdup(module);
	e->r = *r;
	*slot = e;
	c->n++;
	return 0;
}

/* Writes the row, into the cache c (when it holds it) or the store. */
static int
lrow_set(struct store *db, struct rollup_cache *c, const char *learner,
    const char *school, const char *module, const struct lrow *r,
    struct hs_error *err)
{
	struct centry **slot;

	if (c != NULL && *(slot = cache_slot(c, learner, school, module)) !=
	    NULL) {
		(*slot)->r = *r;
		(*slot)->dirty = 1;
		return 0;
	}
	return lrow_put(db, learner, school, module, r, err);
}

static int
lrow_put(struct store *db, const char *learner, const char *school,
    const char *module, const struct lrow *r, struct hs_error *err)
{
	/* An upsert, not a replace: the row changes in place, and the index
	 * on school is left alone. */
	static const char sql[] =
	    "INSERT INTO rollup_learner (learner, school, module, status,"
	    " lessons, quizzes, attempts, passes, best, score_sum, score_n,"
	    " last_fail, help, reg, reg_wrong, last, week, class) VALUES (?1,"
	    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
	    " ?17, ?18) ON CONFLICT DO UPDATE SET status = ?4, lessons = ?5,"
	    " quizzes = ?6, attempts = ?7, passes = ?8, best = ?9,"
	    " score_sum = ?10, score_n = ?11, last_fail = ?12, help = ?13,"
	    " reg = ?14, reg_wrong = ?15, last = ?16, week = ?17, class = ?18";
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, learner);
	store_bind_text(s, 2, school);
	store_bind_text(s, 3, module);
	sqlite3_bind_int(s, 4, r->status);
	sqlite3_bind_int64(s, 5, r->lessons);
	sqlite3_bind_int64(s, 6, r->quizzes);
	sqlite3_bind_int64(s, 7, r->attempts);
	sqlite3_bind_int64(s, 8, r->passes);
	bind_opt(s, 9, r->best);
	sqlite3_bind_int64(s, 10, r->score_sum);
	sqlite3_bind_int64(s, 11, r->score_n);
	bind_opt(s, 12, r->last_fail);
	sqlite3_bind_int(s, 13, r->help);
	store_bind_text(s, 14, r->reg[0] != '\0' ? r->reg : NULL);
	sqlite3_bind_int(s, 15, r->reg_wrong);
	store_bind_text(s, 16, r->last);
	store_bind_text(s, 17, r->week);
	store_bind_text(s, 18, r->class_name);
	return store_done(db, s, _("cannot record the rollups"), err);
}

/* Adds sign times c to the counters of (school, class, module). */
static int
class_add(struct store *db, const char *school, const char *class_name,
    const char *module, int sign, const struct contrib *c,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO rollup_class (school, class, module, learners,"
	    " progress, passed, help, tried, lessons, quizzes, attempts,"
	    " passes, score_sum, score_n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT DO UPDATE SET"
	    " learners = learners + ?4, progress = progress + ?5,"
	    " passed = passed + ?6, help = help + ?7, tried = tried + ?8,"
	    " lessons = lessons + ?9, quizzes = quizzes + ?10,"
	    " attempts = attempts + ?11, passes = passes + ?12,"
	    " score_sum = score_sum + ?13, score_n = score_n + ?14";
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, school);
	store_bind_text(s, 2, class_name);
	store_bind_text(s, 3, module);
	sqlite3_bind_int64(s, 4, sign * c->learners);
	sqlite3_bind_int64(s, 5, sign * c->progress);
	sqlite3_bind_int64(s, 6, sign * c->passed);
	sqlite3_bind_int64(s, 7, sign * c->help);
	sqlite3_bind_int64(s, 8, sign * c->tried);
	sqlite3_bind_int64(s, 9, sign * c->lessons);
	sqlite3_bind_int64(s, 10, sign * c->quizzes);
	sqlite3_bind_int64(s, 11, sign * c->attempts);
	sqlite3_bind_int64(s, 12, sign * c->passes);
	sqlite3_bind_int64(s, 13, sign * c->score_sum);
	sqlite3_bind_int64(s, 14, sign * c->score_n);
	return store_done(db, s, _("cannot record the rollups"), err);
}

/* Adds to the counters of (week, school, class, module). */
static int
week_add(struct store *db, const char *week, const char *school,
    const char *class_name, const char *module, long long learners,
    long long lessons, long long attempts, long long passes,
    struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO rollup_week (week, school, class, module, learners,"
	    " lessons, attempts, passes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8) ON CONFLICT DO UPDATE SET learners = learners + ?5,"
	    " lessons = lessons + ?6, attempts = attempts + ?7,"
	    " passes = passes + ?8";
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, week);
	store_bind_text(s, 2, school);
	store_bind_text(s, 3, class_name);
	store_bind_text(s, 4, module);
	sqlite3_bind_int64(s, 5, learners);
	sqlite3_bind_int64(s, 6, lessons);
	sqlite3_bind_int64(s, 7, attempts);
	sqlite3_bind_int64(s, 8, passes);
	return store_done(db, s, _("cannot record the rollups"), err);
}

/* The learner's week in module: counted once as active, and the
 * lessons, attempts and passes added to their row and to the class's. */
static int
learner_week(struct store *db, const char *learner, const char *school,
    const char *class_name, const char *module, const char *week,
    long long lessons, long long attempts, long long passes,
    struct hs_error *err)
{
	static const char ins[] =
	    "INSERT OR IGNORE INTO rollup_learner_week (learner, school,"
	    " module, week, lessons, attempts, passes)"
	    " VALUES (?, ?, ?, ?, 0, 0, 0)";
	static const char upd[] =
	    "UPDATE rollup_learner_week SET lessons = lessons + ?5,"
	    " attempts = attempts + ?6, passes = passes + ?7"
	    " WHERE learner = ?1 AND school = ?2 AND module = ?3"
	    " AND week = ?4";
	sqlite3_stmt *s;
	int rc, fresh;

	if ((s = store_prepare(db, ins, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, learner);
	store_bind_text(s, 2, school);
	store_bind_text(s, 3, module);
	store_bind_text(s, 4, week);
	if ((rc = store_done(db, s, _("cannot record the rollups"), err)) != 0)
		return rc;
	fresh = sqlite3_changes(store_db(db)) > 0;
	if (lessons == 0 && attempts == 0 && passes == 0 && !fresh)
		return 0;
	if (lessons != 0 || attempts != 0 || passes != 0) {
		if ((s = store_prepare(db, upd, err)) == NULL)
			return HS_ESTORE;
		store_bind_text(s, 1, learner);
		store_bind_text(s, 2, school);
		store_bind_text(s, 3, module);
		store_bind_text(s, 4, week);
		sqlite3_bind_int64(s, 5, lessons);
		sqlite3_bind_int64(s, 6, attempts);
		sqlite3_bind_int64(s, 7, passes);
		if ((rc = store_done(db, s, _("cannot record the rollups"),
		    err)) != 0)
			return rc;
	}
	return week_add(db, week, school, class_name, module, fresh, lessons,
	    attempts, passes, err);
}

/* Inserts (a, b, c) into a table of things seen; 1 when new. */
static int
seen(struct store *db, const char *sql, const char *a, const char *b,
    const char *c, struct hs_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, a);
	store_bind_text(s, 2, b);
	if (c != NULL)
		store_bind_text(s, 3, c);
	if ((rc = store_done(db, s, _("cannot record the rollups"), err)) != 0)
		return rc;
	return sqlite3_changes(store_db(db)) > 0;
}

int
rollup_school_add(struct store *db, const char *school, long long events,
    const char *last, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO rollup_school (school, events, last_event)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET"
	    " events = events + ?2,"
	    " last_event = max(coalesce(last_event, ?3), ?3)";
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, school);
	sqlite3_bind_int64(s, 2, events);
	store_bind_text(s, 3, last);
	return store_done(db, s, _("cannot record the rollups"), err);
}

static int
class_of(struct store *db, const char *learner, char *buf, size_t len,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT class FROM learner_class WHERE learner = ?";
	sqlite3_stmt *s;
	int rc;

	snprintf(buf, len, "%s", NO_CLASS);
	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, learner);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		snprintf(buf, len, "%s", col(s, 0));
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the rollups"));
	return 0;
}

/* A quiz question answered: its learners, first answers and wrong
 * answers. */
static int
question_add(struct store *db, const char *learner, const char *module,
    const struct statement_event *e, struct hs_error *err)
{
	static const char seen_sql[] =
	    "INSERT OR IGNORE INTO rollup_seen (learner, object) VALUES (?, ?)";
	static const char q_sql[] =
	    "INSERT INTO rollup_question (module, object, firsts, right_first,"
	    " answers) VALUES (?1, ?2, ?3, ?4, 1) ON CONFLICT DO UPDATE SET"
	    " firsts = firsts + ?3, right_first = right_first + ?4,"
	    " answers = answers + 1";
	static const char w_sql[] =
	    "INSERT INTO rollup_wrong (object, response, n) VALUES (?, ?, 1)"
	    " ON CONFLICT DO UPDATE SET n = n + 1";
	sqlite3_stmt *s;
	int first, rc;

	if ((first = seen(db, seen_sql, learner, e->ev.object, NULL,
	    err)) < 0)
		return first;
	if ((s = store_prepare(db, q_sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, module);
	store_bind_text(s, 2, e->ev.object);
	sqlite3_bind_int(s, 3, first);
	sqlite3_bind_int(s, 4, first && e->ev.success == 1);
	if ((rc = store_done(db, s, _("cannot record the rollups"), err)) != 0)
		return rc;
	if (e->ev.success != 0 || e->ev.response == NULL)
		return 0;
	if ((s = store_prepare(db, w_sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, e->ev.object);
	store_bind_text(s, 2, e->ev.response);
	return store_done(db, s, _("cannot record the rollups"), err);
}

int
rollup_alert_event(struct store *db, const char *device, const char *school,
    const struct statement_event *e, struct hs_error *err)
{
	static const char sql[] =
	    "INSERT INTO rollup_alert (alert, device, school, received, read)"
	    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET"
	    " received = coalesce(min(received, ?4), received, ?4),"
	    " read = coalesce(min(read, ?5), read, ?5)";
	const struct store_event *ev = &e->ev;
	const char *id;
	sqlite3_stmt *s;
	int read;

	if (ev->object == NULL || ev->verb == NULL || ev->actor == NULL ||
	    device == NULL || e->ts == NULL ||
	    strncmp(ev->object, ALERT_URN, strlen(ALERT_URN)) != 0 ||
	    strcmp(ev->actor, device) != 0)
		return 0;
	id = ev->object + strlen(ALERT_URN);
	if (*id == '\0' || strlen(id) > ALERT_MAX_ID)
		return 0;
	if (strcmp(ev->verb, ALERT_VERB_READ) == 0)
		read = 1;
	else if (strcmp(ev->verb, ALERT_VERB_RECEIVED) == 0)
		read = 0;
	else
		return 0;
	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, id);
	store_bind_text(s, 2, device);
	store_bind_text(s, 3, school);
	store_bind_text(s, 4, read ? NULL : e->ts);
	store_bind_text(s, 5, read ? e->ts : NULL);
	return store_done(db, s, _("cannot record the rollups"), err);
}

int
rollup_event(struct store *db, struct rollup_cache *c, const char *school,
    const struct statement_event *e, enum statement_kind kind,
    const char *module, struct hs_error *err)
{
	static const char done_sql[] =
	    "INSERT OR IGNORE INTO rollup_done (learner, school, object)"
	    " VALUES (?, ?, ?)";
	const struct store_event *ev = &e->ev;
	const char *verb = ev->verb != NULL ? ev->verb : "";
	struct lrow old, r;
	struct contrib a, b;
	const char *class_name;
	char week[16];
	long long dl = 0, dq = 0, attempt = 0, pass = 0, score;
	int rc, wrong, counted;

	if (ev->actor == NULL || module == NULL)
		return 0;	/* as the report always did */
	if (c != NULL && c->n >= CACHE_MAX &&
	    (rc = rollup_flush(db, c, err)) != 0)
		return rc;
	if ((rc = lrow_get(db, c, ev->actor, school, module, &old, err)) != 0)
		return rc;
	r = old;
	if (!r.exists && (rc = class_of(db, ev->actor, r.class_name,
	    sizeof r.class_name, err)) != 0)
		return rc;
	r.exists = 1;
	class_name = r.class_name;
	if (kind == STATEMENT_LESSON && strcmp(verb, "completed") == 0) {
		if ((rc = seen(db, done_sql, ev->actor, school, ev->object,
		    err)) < 0)
			return rc;
		dl = rc;
	} else if (kind == STATEMENT_QUIZ && (strcmp(verb, "passed") == 0 ||
	    strcmp(verb, "failed") == 0)) {
		attempt = 1;
		score = ev->has_score ? micro(ev->score) : 0;
		if (ev->has_score) {
			r.score_sum += score;
			r.score_n++;
			if (score > r.best)
				r.best = score;
		}
		if (verb[0] == 'p') {
			pass = 1;
			if ((rc = seen(db, done_sql, ev->actor, school,
			    ev->object, err)) < 0)
				return rc;
			dq = rc;
		} else {
			/* failed again without doing better */
			if (r.last_fail >= 0 && score <= r.last_fail)
				r.help = 1;
			r.last_fail = score;
		}
	} else if (kind == STATEMENT_QUESTION &&
	    strcmp(verb, "answered") == 0) {
		wrong = ev->success == 0;
		if (ev->registration != NULL &&
		    strcmp(ev->registration, r.reg) == 0)
			r.reg_wrong += wrong;
		else {
			snprintf(r.reg, sizeof r.reg, "%s",
			    ev->registration != NULL ? ev->registration : "");
			r.reg_wrong = wrong;
		}
		if (r.reg_wrong >= ROLLUP_HELP_WRONG)
			r.help = 1;
		if ((rc = question_add(db, ev->actor, module, e, err)) != 0)
			return rc;
	}
	r.lessons += dl;
	r.quizzes += dq;
	r.attempts += attempt;
	r.passes += pass;
	if (e->ts != NULL && strcmp(e->ts, r.last) > 0)
		snprintf(r.last, sizeof r.last, "%s", e->ts);
	r.status = r.passes > 0 ? ROLLUP_PASSED : r.help ?
	    ROLLUP_NEEDS_HELP : ROLLUP_IN_PROGRESS;
	/* The learner's week rows (in the module, in any module) exist when
	 * this module's row counted the same week last. */
	rollup_week(e->ts, week, sizeof week);
	counted = strcmp(r.week, week) == 0;
	snprintf(r.week, sizeof r.week, "%s", week);
	if ((rc = lrow_set(db, c, ev->actor, school, module, &r, err)) != 0)
		return rc;
	contrib_of(&old, &a);
	contrib_of(&r, &b);
	b.learners -= a.learners;
	b.progress -= a.progress;
	b.passed -= a.passed;
	b.help -= a.help;
	b.tried -= a.tried;
	b.lessons -= a.lessons;
	b.quizzes -= a.quizzes;
	b.attempts -= a.attempts;
	b.passes -= a.passes;
	b.score_sum -= a.score_sum;
	b.score_n -= a.score_n;
	memset(&a, 0, sizeof a);
	if (memcmp(&a, &b, sizeof a) != 0)
		if ((rc = class_add(db, school, class_name, module, 1, &b,
		    err)) != 0)
			return rc;
	if (counted && dl == 0 && attempt == 0 && pass == 0)
		return 0;
	if ((rc = learner_week(db, ev->actor, school, class_name, module,
	    week, dl, attempt, pass, err)) != 0)
		return rc;
	return learner_week(db, ev->actor, school, class_name, ALL_MODULES,
	    week, dl, attempt, pass, err);
}

static const char class_drop[] =
    "DELETE FROM rollup_class WHERE school = ?2 AND class = ?3"
    " AND module = ?4 AND learners = 0";
static const char week_drop[] =
    "DELETE FROM rollup_week WHERE week = ?1 AND school = ?2"
    " AND class = ?3 AND module = ?4 AND learners = 0";

/* A class's counters left with no learner go (all their sums are 0), so
 * that the rows are those a rebuild makes. */
static int
drop_empty(struct store *db, const char *sql, const char *week,
    const char *school, const char *class_name, const char *module,
    struct hs_error *err)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(db, sql, err)) == NULL)
		return HS_ESTORE;
	if (week != NULL)
		store_bind_text(s, 1, week);
	store_bind_text(s, 2, school);
	store_bind_text(s, 3, class_name);
	store_bind_text(s, 4, module);
	return store_done(db, s, _("cannot record the rollups"), err);
}

int
rollup_class_moved(struct store *db, struct rollup_cache *cache,
    const char *learner, const char *from, const char *to,
    struct hs_error *err)
{
	static const char rows[] =
	    "SELECT school, module FROM rollup_learner WHERE learner = ?";
	static const char set_class[] =
	    "UPDATE rollup_learner SET class = ? WHERE learner = ?";
	static const char weeks[] =
	    "SELECT school, module, week, lessons, attempts, passes"
	    " FROM rollup_learner_week WHERE learner = ?";
	struct lrow r;
	struct contrib c;
	sqlite3_stmt *s = NULL;
	char *school, *module;
	int rc = 0, step;

	if (strcmp(from, to) == 0)
		return 0;
	if ((rc = rollup_flush(db, cache, err)) != 0)
		return rc;
	/* Not kept: the walk calls other statements, which could be it. */
	if (sqlite3_prepare_v2(store_db(db), rows, -1, &s, NULL) != SQLITE_OK)
		return store_error(db, err, _("cannot read the rollups"));
	store_bind_text(s, 1, learner);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		school = xstrdup(col(s, 0));
		module = xstrdup(col(s, 1));
		if ((rc = lrow_read(db, learner, school, module, &r, err)) ==
		    0) {
			contrib_of(&r, &c);
			if ((rc = class_add(db, school, from, module, -1, &c,
			    err)) == 0 &&
			    (rc = drop_empty(db, class_drop, NULL, school, from,
			    module, err)) == 0)
				rc = class_add(db, school, to, module, 1, &c,
				    err);
		}
		free(school);
		free(module);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(db, err, _("cannot read the rollups"));
	sqlite3_finalize(s);
	if (rc != 0)
		return rc;
	if ((s = store_prepare(db, set_class, err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, to);
	store_bind_text(s, 2, learner);
	if ((rc = store_done(db, s, _("cannot record the rollups"), err)) != 0)
		return rc;
	if (sqlite3_prepare_v2(store_db(db), weeks, -1, &s, NULL) != SQLITE_OK)
		return store_error(db, err, _("cannot read the rollups"));
	store_bind_text(s, 1, learner);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		long long n[3];
		char *week;

		school = xstrdup(col(s, 0));
		module = xstrdup(col(s, 1));
		week = xstrdup(col(s, 2));
		n[0] = sqlite3_column_int64(s, 3);
		n[1] = sqlite3_column_int64(s, 4);
		n[2] = sqlite3_column_int64(s, 5);
		if ((rc = week_add(db, week, school, from, module, -1, -n[0],
		    -n[1], -n[2], err)) == 0 &&
		    (rc = drop_empty(db, week_drop, week, school, from, module,
		    err)) == 0)
			rc = week_add(db, week, school, to, module, 1, n[0],
			    n[1], n[2], err);
		free(school);
		free(module);
		free(week);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(db, err, _("cannot read the rollups"));
	sqlite3_finalize(s);
	return rc;
}

static int rebuild_walk(struct store *db, long long *events,
    struct hs_error *err);

int
rollup_rebuild(struct store *db, long long *events, struct hs_error *err)
{
	sqlite3_stmt *s = NULL;
	char restore[64];
	long long n = 0;
	int rc, cache = -2000;

	/* Millions of rows change at random places of the rollups' trees: a
	 * page cache of 128 MB for the walk (the connection's own after). */
	if (sqlite3_prepare_v2(store_db(db), "PRAGMA cache_size", -1, &s,
	    NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		cache = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	sqlite3_exec(store_db(db), "PRAGMA cache_size = -131072", NULL, NULL,
	    NULL);
	rc = rebuild_walk(db, &n, err);
	snprintf(restore, sizeof restore, "PRAGMA cache_size = %d", cache);
	sqlite3_exec(store_db(db), restore, NULL, NULL, NULL);
	if (rc == 0 && events != NULL)
		*events = n;
	return rc;
}

static int
rebuild_walk(struct store *db, long long *events, struct hs_error *err)
{
	static const char *const wipe[] = {
		"DELETE FROM rollup_school", "DELETE FROM rollup_learner",
		"DELETE FROM rollup_done", "DELETE FROM rollup_class",
		"DELETE FROM rollup_learner_week", "DELETE FROM rollup_week",
		"DELETE FROM rollup_seen", "DELETE FROM rollup_question",
		"DELETE FROM rollup_wrong", "DELETE FROM rollup_alert",
	};
	static const char school_sql[] =
	    "INSERT INTO rollup_school (school, events, last_event)"
	    " SELECT school, count(*), max(ts) FROM events GROUP BY school";
	static const char sql[] =
	    "SELECT school, seq, uuid, ts, actor, verb, object, registration,"
	    " response, score, success, kind, module, device FROM events"
	    " ORDER BY id";
	struct rollup_cache *c = rollup_cache_new();
	struct statement_event e;
	sqlite3_stmt *s = NULL;
	size_t i;
	long long n = 0;
	int rc = 0, step;

	for (i = 0; i < sizeof wipe / sizeof *wipe; i++)
		if (sqlite3_exec(store_db(db), wipe[i], NULL, NULL, NULL) !=
		    SQLITE_OK)
			return store_error(db, err,
			    _("cannot empty the rollups"));
	if (sqlite3_exec(store_db(db), school_sql, NULL, NULL, NULL) !=
	    SQLITE_OK)
		return store_error(db, err, _("cannot read the events"));
	if (sqlite3_prepare_v2(store_db(db), sql, -1, &s, NULL) != SQLITE_OK)
		return store_error(db, err, _("cannot read the events"));
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&e, 0, sizeof e);
		e.seq = sqlite3_column_int64(s, 1);
		e.uuid = col(s, 2);
		e.ts = col(s, 3);
		e.ev.actor = col(s, 4);
		e.ev.verb = col(s, 5);
		e.ev.object = col(s, 6);
		e.ev.registration = col(s, 7);
		e.ev.response = col(s, 8);
		e.ev.has_score = sqlite3_column_type(s, 9) != SQLITE_NULL;
		e.ev.score = sqlite3_column_double(s, 9);
		e.ev.success = sqlite3_column_type(s, 10) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(s, 10);
		e.ev.completion = e.ev.duration_ms = -1;
		rc = rollup_event(db, c, col(s, 0), &e,
		    (enum statement_kind)sqlite3_column_int(s, 11), col(s, 12),
		    err);
		if (rc == 0)
			rc = rollup_alert_event(db, col(s, 13), col(s, 0), &e,
			    err);
		n++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(db, err, _("cannot read the events"));
	sqlite3_finalize(s);
	if (rc == 0)
		rc = rollup_flush(db, c, err);
	rollup_cache_free(c);
	*events = n;
	return rc;
}

int
rollup_migrated(struct store *db, struct hs_error *err)
{
	char v[16];
	int rc;

	rc = store_meta_get(db, "rollups", v, sizeof v, err);
	if (rc == HS_ENOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	if ((rc = rollup_rebuild(db, NULL, err)) != 0)
		return rc;
	if (sqlite3_exec(store_db(db), "DELETE FROM meta WHERE key = 'rollups'",
	    NULL, NULL, NULL) != SQLITE_OK)
		return store_error(db, err, _("cannot record the rollups"));
	return 0;
}

/*
 * The readers.
 */

#define PCT(sum, n) ROLLUP_AVG_SQL("sum(" sum ")", "sum(" n ")")

static const char *const views[] = {
	[ROLLUP_PROVINCE] =
	    "SELECT (SELECT count(*) FROM schools),"
	    " (SELECT count(DISTINCT school) FROM devices"
	    "  WHERE revoked IS NULL),"
	    " (SELECT coalesce(sum(learners), 0) FROM rollup_week"
	    "  WHERE week = ?1 AND module = ''),"
	    " (SELECT coalesce(sum(lessons), 0) FROM rollup_class),"
	    " (SELECT coalesce(sum(attempts), 0) FROM rollup_class),"
	    " (SELECT coalesce(sum(passes), 0) FROM rollup_class)",
	[ROLLUP_NOT_SYNCED] =
	    "SELECT s.code, count(d.id), max(d.last_seen),"
	    " coalesce((SELECT events FROM rollup_school r"
	    "  WHERE r.school = s.code), 0)"
	    " FROM schools s LEFT JOIN devices d ON d.school = s.code"
	    " GROUP BY s.code"
	    " HAVING max(d.last_seen) IS NULL OR max(d.last_seen) < ?1"
	    " ORDER BY 3, 1",
	[ROLLUP_MODULES] =
	    "SELECT module, sum(learners), sum(lessons), sum(tried),"
	    " sum(passed), sum(help), CASE WHEN sum(tried) > 0 THEN"
	    " round(sum(passed) * 100.0 / sum(tried), 1) END, "
	    PCT("score_sum", "score_n")
	    " FROM rollup_class WHERE ?1 IS NULL OR school = ?1"
	    " GROUP BY module HAVING sum(learners) > 0 ORDER BY module",
	[ROLLUP_WEEKS] =
	    "SELECT week, sum(learners), sum(lessons), sum(attempts),"
	    " sum(passes) FROM rollup_week WHERE week >= ?2 AND module = ''"
	    " AND (?1 IS NULL OR school = ?1) GROUP BY week ORDER BY week",
	[ROLLUP_GRID] =
	    "SELECT class, module, learners, progress, passed, help, lessons, "
	    ROLLUP_AVG_SQL("score_sum", "score_n") " FROM rollup_class"
	    " WHERE school = ?1 AND learners > 0 ORDER BY class, module",
	[ROLLUP_LEARNERS] =
	    "SELECT l.learner, l.module, l.status, l.lessons, l.attempts,"
	    " round(l.best / 10000.0, 1), l.last FROM rollup_learner l"
	    " LEFT JOIN learner_class c ON c.learner = l.learner"
	    " WHERE l.school = ?1 AND coalesce(c.class, '-') = ?2"
	    " ORDER BY l.learner, l.module",
	[ROLLUP_MODULE_SCHOOLS] =
	    "SELECT school, sum(learners), sum(lessons), sum(tried),"
	    " sum(passed), CASE WHEN sum(tried) > 0 THEN"
	    " round(sum(passed) * 100.0 / sum(tried), 1) END, "
	    PCT("score_sum", "score_n")
	    " FROM rollup_class WHERE module = ?1 GROUP BY school"
	    " HAVING sum(learners) > 0 ORDER BY school",
	[ROLLUP_QUESTIONS] =
	    "SELECT q.object, q.firsts, q.right_first,"
	    " round(q.right_first * 100.0 / q.firsts, 1), q.answers,"
	    " (SELECT response FROM rollup_wrong w WHERE w.object = q.object"
	    "  ORDER BY n DESC, response LIMIT 1),"
	    " (SELECT n FROM rollup_wrong w WHERE w.object = q.object"
	    "  ORDER BY n DESC, response LIMIT 1)"
	    " FROM rollup_question q WHERE q.module = ?1"
	    " ORDER BY q.right_first * 1.0 / q.firsts, q.firsts DESC, q.object"
	    " LIMIT 20",
	[ROLLUP_SCHOOLS] =
	    "SELECT s.code,"
	    " (SELECT count(*) FROM devices d WHERE d.school = s.code),"
	    " coalesce((SELECT events FROM rollup_school r"
	    "  WHERE r.school = s.code), 0),"
	    " (SELECT max(last_seen) FROM devices d WHERE d.school = s.code)"
	    " FROM schools s WHERE ?1 IS NULL OR s.code = ?1 ORDER BY s.code",
	[ROLLUP_ALERTS] =
	    "SELECT alert, count(*), count(read) FROM rollup_alert"
	    " WHERE ?1 IS NULL OR school = ?1 GROUP BY alert ORDER BY alert",
};

int
rollup_view(struct srvstore *st, enum rollup_view view, const char *a,
    const char *b, rollup_row_fn fn, void *ctx, struct hs_error *err)
{
	struct store *db = srvstore_sqlite(st);
	const char *cell[16];
	sqlite3_stmt *s;
	int rc, i, n;

	if ((unsigned)view >= sizeof views / sizeof *views)
		return hs_error_set(err, HS_EINVAL, "no such view");
	if ((s = store_prepare(db, views[view], err)) == NULL)
		return HS_ESTORE;
	store_bind_text(s, 1, a);
	if (sqlite3_bind_parameter_count(s) >= 2)
		store_bind_text(s, 2, b);
	n = sqlite3_column_count(s);
	if (n > (int)(sizeof cell / sizeof *cell))
		n = (int)(sizeof cell / sizeof *cell);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			cell[i] = col(s, i);
		if ((rc = fn(n, cell, ctx)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(db, err, _("cannot read the rollups"));
	return 0;
}
