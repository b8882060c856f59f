/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * devstore.c: the device's database, hocso.db in the data folder: its
 * kind (the migrations of every table on the device, each step naming
 * the module that owns its tables and queries them) and its identity,
 * a random device id made with the meta table.  Opening it is here, at
 * the lowest layer that reads it (sync reads its events, alerts and
 * identity; learn/model its roster and progress); the SQLite layer
 * itself is core/store.c, which knows none of these tables.
 */
#include "config.h"

#include <stddef.h>

#include "core/i18n.h"
#include "core/store.h"
#include "core/uuid.h"
#include "sync/devstore.h"

/*
 * steps[i] takes the schema from version i to version i + 1.  Once
 * released, a step never changes: a new version appends a new step, and
 * DEVSTORE_VERSION with it.
 */
static const struct store_migration devstore_steps[] = {
	/* 0 -> 1: identity and the events log.
	 * Owners: meta, core/store.c; events, core/store.c (appends) and
	 * sync/outbox.c (reads); learners, learn/model/school.c. */
	{ 1,
	    "CREATE TABLE meta ("
	    "  key TEXT PRIMARY KEY,"
	    "  value TEXT NOT NULL);"
	    "CREATE TABLE learners ("
	    "  id INTEGER PRIMARY KEY,"
	    "  uuid TEXT NOT NULL UNIQUE,"
	    "  name TEXT NOT NULL,"
	    "  created_at TEXT NOT NULL);"
	    "CREATE TABLE events ("
	    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	    "  uuid TEXT NOT NULL UNIQUE,"
	    "  ts TEXT NOT NULL,"
	    "  actor TEXT NOT NULL,"
	    "  verb TEXT NOT NULL,"
	    "  object TEXT NOT NULL,"
	    "  registration TEXT,"
	    "  response TEXT,"
	    "  score REAL,"
	    "  success INTEGER,"
	    "  completion INTEGER,"
	    "  duration_ms INTEGER,"
	    "  lang TEXT);"
	    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	    "  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;"
	    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	    "  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;" },

	/* 1 -> 2: lesson progress, quiz attempts and their answers.
	 * Owner: learn/model/progress.c. */
	{ 2,
	    "CREATE TABLE lesson_progress ("
	    "  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	    "  module TEXT NOT NULL,"
	    "  lesson TEXT NOT NULL,"
	    "  screen INTEGER NOT NULL DEFAULT 0,"
	    "  screens_seen INTEGER NOT NULL DEFAULT 0,"
	    "  completed_at TEXT,"
	    "  PRIMARY KEY (learner_id, module, lesson));"
	    "CREATE TABLE attempts ("
	    "  id INTEGER PRIMARY KEY,"
	    "  uuid TEXT NOT NULL UNIQUE,"
	    "  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	    "  module TEXT NOT NULL,"
	    "  quiz TEXT NOT NULL,"
	    "  seed INTEGER NOT NULL,"
	    "  lang TEXT NOT NULL,"
	    "  question_count INTEGER NOT NULL,"
	    "  started_at TEXT NOT NULL,"
	    "  finished_at TEXT,"
	    "  score REAL);"
	    "CREATE INDEX attempts_by_learner ON attempts(learner_id, module);"
	    "CREATE TABLE answers ("
	    "  attempt_id INTEGER NOT NULL REFERENCES attempts(id),"
	    "  position INTEGER NOT NULL,"
	    "  question TEXT NOT NULL,"
	    "  response TEXT NOT NULL,"
	    "  fraction REAL NOT NULL,"
	    "  answered_at TEXT NOT NULL,"
	    "  PRIMARY KEY (attempt_id, position));" },

	/* 2 -> 3: answers to the practice questions inside lessons.
	 * Owner: learn/model/progress.c. */
	{ 3,
	    "CREATE TABLE practice ("
	    "  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	    "  module TEXT NOT NULL,"
	    "  lesson TEXT NOT NULL,"
	    "  question TEXT NOT NULL,"
	    "  response TEXT NOT NULL,"
	    "  fraction REAL NOT NULL,"
	    "  answered_at TEXT NOT NULL);"
	    "CREATE INDEX practice_by_question"
	    "  ON practice(learner_id, module, lesson, question);" },

	/* 3 -> 4: the school's roster.  The device's own learner (from
	 * version 1) has no class.  A removed learner keeps their row,
	 * uuid and progress with name '' and no PIN.
	 * Owner: learn/model/school.c. */
	{ 4,
	    "CREATE TABLE classes ("
	    "  id INTEGER PRIMARY KEY,"
	    "  uuid TEXT NOT NULL UNIQUE,"
	    "  name TEXT NOT NULL UNIQUE,"
	    "  pins INTEGER NOT NULL DEFAULT 0,"
	    "  created_at TEXT NOT NULL);"
	    "ALTER TABLE learners ADD COLUMN class_id INTEGER"
	    "  REFERENCES classes(id);"
	    "ALTER TABLE learners ADD COLUMN lang TEXT;"
	    "ALTER TABLE learners ADD COLUMN pin_hash TEXT;"
	    "ALTER TABLE learners ADD COLUMN pin_failures INTEGER NOT NULL"
	    "  DEFAULT 0;"
	    "ALTER TABLE learners ADD COLUMN locked_until TEXT;"
	    "ALTER TABLE learners ADD COLUMN removed_at TEXT;"
	    "CREATE UNIQUE INDEX learners_name_in_class ON learners(class_id, name)"
	    "  WHERE removed_at IS NULL;" },

	/* 4 -> 5: screen time: a class's break reminder and daily limit
	 * (minutes, 0: none), and each learner's seconds in the app a day.
	 * Owner: learn/model/screentime.c. */
	{ 5,
	    "ALTER TABLE classes ADD COLUMN break_minutes INTEGER NOT NULL"
	    "  DEFAULT 0;"
	    "ALTER TABLE classes ADD COLUMN daily_minutes INTEGER NOT NULL"
	    "  DEFAULT 0;"
	    "CREATE TABLE screen_time ("
	    "  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	    "  day TEXT NOT NULL,"
	    "  seconds INTEGER NOT NULL DEFAULT 0,"
	    "  PRIMARY KEY (learner_id, day));" },

	/* 5 -> 6: safety alerts from the server, each kept once with its
	 * file's text as received, and which learner (UUID) read which.
	 * Owner: sync/alert.c. */
	{ 6,
	    "CREATE TABLE alerts ("
	    "  id TEXT PRIMARY KEY,"
	    "  number INTEGER NOT NULL,"
	    "  received TEXT NOT NULL,"
	    "  body TEXT NOT NULL);"
	    "CREATE TABLE alert_reads ("
	    "  alert_id TEXT NOT NULL REFERENCES alerts(id),"
	    "  learner TEXT NOT NULL,"
	    "  read_at TEXT NOT NULL,"
	    "  PRIMARY KEY (alert_id, learner));" },

	/* 6 -> 7: which modules a class sees, in which order (rows only
	 * once the teacher chose: modules_chosen), whether its quizzes wait
	 * for the lessons, and the teacher's overrides for one learner
	 * (extra time, attempts given back or added, a PIN lockout lifted),
	 * each with who made it and when.  Owners: learn/model/classmods.c
	 * and learn/model/override.c.  branch assign */
	{ 7,
	    "ALTER TABLE classes ADD COLUMN modules_chosen INTEGER NOT NULL"
	    "  DEFAULT 0;"
	    "ALTER TABLE classes ADD COLUMN lessons_first INTEGER NOT NULL"
	    "  DEFAULT 0;"
	    "CREATE TABLE class_modules ("
	    "  class_id INTEGER NOT NULL REFERENCES classes(id)"
	    "    ON DELETE CASCADE,"
	    "  module TEXT NOT NULL,"
	    "  position INTEGER NOT NULL,"
	    "  PRIMARY KEY (class_id, module));"
	    "CREATE TABLE overrides ("
	    "  id INTEGER PRIMARY KEY,"
	    "  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	    "  module TEXT,"
	    "  kind TEXT NOT NULL,"
	    "  amount INTEGER NOT NULL DEFAULT 0,"
	    "  day TEXT,"
	    "  mark INTEGER NOT NULL DEFAULT 0,"
	    "  by_whom TEXT NOT NULL,"
	    "  at TEXT NOT NULL);"
	    "CREATE INDEX overrides_by_learner ON overrides(learner_id, module);" },

	/* 7 -> 8: children's requests for help (a learner, or NULL when
	 * sent without a name), what the teacher did with each (appended,
	 * never changed), the counts per ISO week and situation that are
	 * all that leaves the school (and what was sent of them), and the
	 * full-text index of the help content, its text folded
	 * (text_fold()).  Owner: learn/model/helpreq.c and helpindex.c.
	 * branch help */
	{ 8,
	    "CREATE TABLE help_requests ("
	    "  id INTEGER PRIMARY KEY,"
	    "  created_at TEXT NOT NULL,"
	    "  created_ms INTEGER NOT NULL,"
	    "  week TEXT NOT NULL,"
	    "  situation TEXT NOT NULL,"
	    "  learner_id INTEGER REFERENCES learners(id),"
	    "  message TEXT NOT NULL DEFAULT '',"
	    "  lang TEXT,"
	    "  state TEXT NOT NULL DEFAULT 'new',"
	    "  handled_ms INTEGER);"
	    "CREATE INDEX help_requests_by_learner ON help_requests(learner_id);"
	    "CREATE TABLE help_marks ("
	    "  id INTEGER PRIMARY KEY,"
	    "  request_id INTEGER NOT NULL REFERENCES help_requests(id),"
	    "  at TEXT NOT NULL,"
	    "  at_ms INTEGER NOT NULL,"
	    "  state TEXT NOT NULL,"
	    "  note TEXT NOT NULL DEFAULT '');"
	    "CREATE TABLE help_counts ("
	    "  week TEXT NOT NULL,"
	    "  situation TEXT NOT NULL,"
	    "  requests INTEGER NOT NULL DEFAULT 0,"
	    "  in_time INTEGER NOT NULL DEFAULT 0,"
	    "  sent_requests INTEGER NOT NULL DEFAULT 0,"
	    "  sent_in_time INTEGER NOT NULL DEFAULT 0,"
	    "  PRIMARY KEY (week, situation));"
	    "CREATE VIRTUAL TABLE help_index USING fts5("
	    "  module UNINDEXED, lang UNINDEXED, situation UNINDEXED, text,"
	    "  tokenize = 'unicode61 remove_diacritics 0');" },

	/* 8 -> 9: how fast read-aloud speaks for a learner, in words a
	 * minute; NULL is the school's speed (meta speech_rate).  Owner:
	 * learn/model/readaloud.c.  branch speed */
	{ 9,
	    "ALTER TABLE learners ADD COLUMN speech_rate INTEGER;" },

	/* 9 -> 10: what every start reads, made smaller (tests/bench/
	 * startup).  The help search's index leaves the store for a table
	 * of the app's own connection (temp.help_index, owner learn/model/
	 * helpindex.c): it is made again from the modules in milliseconds,
	 * and its six schema entries were parsed at every start.  A class's
	 * learners in the order they were added, the sign-in list, come
	 * from an index in that order, not through a sort (owner
	 * learn/model/roster.c). */
	{ 10,
	    "DROP TABLE IF EXISTS help_index;"
	    "DELETE FROM meta WHERE key = 'help.index';"
	    "CREATE INDEX IF NOT EXISTS learners_in_class"
	    "  ON learners(class_id, id)"
	    "  WHERE removed_at IS NULL;" },
};

_Static_assert(sizeof devstore_steps / sizeof *devstore_steps ==
    DEVSTORE_VERSION, "one step per version");

/* The device id is made in the transaction that makes the meta table. */
static int
devstore_migrated(struct store *s, int version, struct hs_error *err)
{
	char id[UUID_LEN + 1];

	(void)version;
	if (store_meta_get(s, DEVSTORE_DEVICE_ID, id, sizeof id, NULL) !=
	    HS_ENOTFOUND)
		return 0;
	uuid_generate(id);
	return store_meta_set(s, DEVSTORE_DEVICE_ID, id, err);
}

static const struct store_schema devstore_schema = {
	.program = "hocso",
	.steps = devstore_steps,
	.nsteps = DEVSTORE_VERSION,
	.migrated = devstore_migrated,
};

int
devstore_open(const char *path, struct store **sp, struct hs_error *err)
{
	return store_open_schema(path, &devstore_schema, DEVSTORE_VERSION, sp,
	    err);
}

int
devstore_open_at_version(const char *path, int version, struct store **sp,
    struct hs_error *err)
{
	return store_open_schema(path, &devstore_schema, version, sp, err);
}

int
devstore_device_id(struct store *s, char *buf, int len, struct hs_error *err)
{
	int rc = store_meta_get(s, DEVSTORE_DEVICE_ID, buf, len, err);

	/* Never made anew here: a new id would be a new device. */
	if (rc == HS_ENOTFOUND)
		rc = hs_error_set(err, HS_EINVAL, "%s", _("the store (hocso.db) "
		    "holds no device id: it was damaged; restore hocso.db "
		    "from a backup (nothing was sent)"));
	return rc;
}
