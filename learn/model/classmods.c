/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * classmods.c: the modules each class sees, their order, and "lessons
 * first", over the classes and class_modules tables.  See classmods.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/classmods.h"

/* The class's id, whether the teacher chose, and lessons first. */
static int
classmods_class(struct store *s, const char *class_name, long long *id,
    int *chosen, int *lessons_first, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT id, modules_chosen, lessons_first FROM classes"
	    " WHERE name = ?";
	sqlite3_stmt *q;
	int rc;

	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_text(q, 1, class_name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		*chosen = sqlite3_column_int(q, 1);
		*lessons_first = sqlite3_column_int(q, 2);
	}
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return hs_error_set(err, HS_ENOTFOUND, _("there is no class "
		    "named %s"), class_name);
	if (rc != SQLITE_ROW)
		return store_error(s, err, _("cannot read the roster"));
	return 0;
}

/* The catalog indexes of class_id's chosen modules, in order, into
 * order (room for c->n); *n of them.  Chosen modules no longer
 * installed are skipped. */
static int
classmods_chosen(struct store *s, long long class_id,
    const struct catalog *c, int *order, int *n, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT module FROM class_modules WHERE class_id = ?"
	    " ORDER BY position";
	sqlite3_stmt *q;
	const struct module *m;
	int rc, i;

	*n = 0;
	if ((q = store_prepare(s, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(q, 1, class_id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		m = catalog_find(c, (const char *)sqlite3_column_text(q, 0));
		if (m == NULL)
			continue;
		i = (int)(m - c->modules);
		if (*n < c->n)
			order[(*n)++] = i;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_error(s, err, _("cannot read the class's "
		    "modules"));
	return 0;
}

int
classmods_load(struct store *s, const char *class_name,
    const struct catalog *c, struct classmods *cm, struct hs_error *err)
{
	long long id;
	int rc, nseen, i, k, *in;

	memset(cm, 0, sizeof *cm);
	if ((rc = classmods_class(s, class_name, &id, &cm->chosen,
	    &cm->lessons_first, err)) != 0)
		return rc;
	cm->module = xcalloc(c->n + 1, sizeof *cm->module);
	cm->seen = xcalloc(c->n + 1, sizeof *cm->seen);
	in = xcalloc(c->n + 1, sizeof *in);
	nseen = 0;
	if (cm->chosen) {
		if ((rc = classmods_chosen(s, id, c, cm->module, &nseen,
		    err)) != 0) {
			free(in);
			classmods_free(cm);
			return rc;
		}
	} else
		for (; nseen < c->n; nseen++)
			cm->module[nseen] = nseen;
	for (i = 0; i < nseen; i++) {
		cm->seen[i] = 1;
		in[cm->module[i]] = 1;
	}
	for (k = nseen, i = 0; i < c->n; i++)
		if (!in[i])
			cm->module[k++] = i;
	cm->n = c->n;
	free(in);
	return 0;
}

int
classmods_save(struct store *s, const char *class_name,
    const struct catalog *c, const struct classmods *cm,
    struct hs_error *err)
{
	static const char drop[] =
	    "DELETE FROM class_modules WHERE class_id = ?";
	static const char add[] =
	    "INSERT INTO class_modules (class_id, module, position)"
	    " VALUES (?, ?, ?)";
	static const char mark[] =
	    "UPDATE classes SET modules_chosen = 1 WHERE id = ?";
	sqlite3_stmt *q;
	long long id;
	int rc, chosen, first, i, pos = 0;

	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((rc = classmods_class(s, class_name, &id, &chosen, &first,
	    err)) != 0)
		goto fail;
	if ((q = store_prepare(s, drop, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_int64(q, 1, id);
	if ((rc = store_step_done(s, q, err)) != 0)
		goto fail;
	for (i = 0; i < cm->n; i++) {
		if (!cm->seen[i])
			continue;
		if (cm->module[i] < 0 || cm->module[i] >= c->n) {
			rc = hs_error_set(err, HS_EINVAL, "%s", _("the list of "
			    "modules changed: read it again"));
			goto fail;
		}
		if ((q = store_prepare(s, add, err)) == NULL) {
			rc = HS_ESTORE;
			goto fail;
		}
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, c->modules[cm->module[i]].id, -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(q, 3, ++pos);
		if ((rc = store_step_done(s, q, err)) != 0)
			goto fail;
	}
	if ((q = store_prepare(s, mark, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_int64(q, 1, id);
	if ((rc = store_step_done(s, q, err)) != 0)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

int
classmods_set_lessons_first(struct store *s, const char *class_name,
    int on, struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE classes SET lessons_first = ? WHERE name = ?";
	sqlite3_stmt *q;
	int rc;

	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((q = store_prepare(s, sql, err)) == NULL) {
		store_rollback(s);
		return HS_ESTORE;
	}
	sqlite3_bind_int(q, 1, on != 0);
	sqlite3_bind_text(q, 2, class_name, -1, SQLITE_STATIC);
	if ((rc = store_step_done(s, q, err)) != 0) {
		store_rollback(s);
		return rc;
	}
	if (sqlite3_changes(store_db(s)) == 0) {
		store_rollback(s);
		return hs_error_set(err, HS_ENOTFOUND, _("there is no class "
		    "named %s"), class_name);
	}
	return store_commit(s, err);
}

int
classmods_find(const struct classmods *cm, const struct catalog *c,
    const char *id)
{
	int i;

	for (i = 0; i < cm->n; i++)
		if (!strcmp(c->modules[cm->module[i]].id, id))
			return i;
	return -1;
}

void
classmods_move(struct classmods *cm, int i, int to)
{
	int m, seen;

	if (cm->n == 0)
		return;
	i = i < 0 ? 0 : i >= cm->n ? cm->n - 1 : i;
	to = to < 0 ? 0 : to >= cm->n ? cm->n - 1 : to;
	m = cm->module[i];
	seen = cm->seen[i];
	for (; i < to; i++) {
		cm->module[i] = cm->module[i + 1];
		cm->seen[i] = cm->seen[i + 1];
	}
	for (; i > to; i--) {
		cm->module[i] = cm->module[i - 1];
		cm->seen[i] = cm->seen[i - 1];
	}
	cm->module[to] = m;
	cm->seen[to] = seen;
}

int
classmods_show_at(struct classmods *cm, int i, int at)
{
	int r, k = 0, last = -1, to = -1;

	cm->seen[i] = 0;
	for (r = 0; r < cm->n; r++) {
		if (!cm->seen[r])
			continue;
		if (++k == at && to < 0)
			to = r;
		last = r;
	}
	if (to < 0)			/* after the last seen */
		to = last < 0 ? 0 : last + 1;
	if (to > i)			/* the rows between shift up */
		to--;
	classmods_move(cm, i, to);
	cm->seen[to] = 1;
	return to;
}

int
classmods_count_seen(const struct classmods *cm)
{
	int i, k = 0;

	for (i = 0; i < cm->n; i++)
		k += cm->seen[i] != 0;
	return k;
}

void
classmods_free(struct classmods *cm)
{
	free(cm->module);
	free(cm->seen);
	memset(cm, 0, sizeof *cm);
}

int
classmods_for_learner(struct store *s, long long learner_id,
    const struct catalog *c, int **order, int *n, int *lessons_first,
    struct hs_error *err)
{
	static const char sql[] =
	    "SELECT c.id, c.modules_chosen, c.lessons_first FROM learners l"
	    " JOIN classes c ON c.id = l.class_id WHERE l.id = ?";
	sqlite3_stmt *q;
	long long class_id = 0;
	int rc, chosen = 0, i;

	*order = xcalloc(c->n + 1, sizeof **order);
	*n = 0;
	*lessons_first = 0;
	if ((q = store_prepare(s, sql, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	sqlite3_bind_int64(q, 1, learner_id);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		class_id = sqlite3_column_int64(q, 0);
		chosen = sqlite3_column_int(q, 1);
		*lessons_first = sqlite3_column_int(q, 2);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rc = store_error(s, err, _("cannot read the roster"));
		goto fail;
	}
	if (!chosen) {
		for (i = 0; i < c->n; i++)
			(*order)[i] = i;
		*n = c->n;
		return 0;
	}
	if ((rc = classmods_chosen(s, class_id, c, *order, n, err)) == 0)
		return 0;
fail:
	free(*order);
	*order = NULL;
	*n = 0;
	return rc;
}
