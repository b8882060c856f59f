/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * syncinfo.c: the sync state as the teacher sees it.  See syncinfo.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "core/i18n.h"
#include "learn/model/syncinfo.h"
#include "sync/outbox.h"

int
syncinfo_waiting(struct store *store, long long *n, struct hs_error *err)
{
	static const char sql[] = "SELECT count(*) FROM events WHERE seq > ?";
	sqlite3_stmt *st;
	char acked[32];
	int rc;

	*n = 0;
	if (store_meta_get(store, OUTBOX_ACKED_SEQ, acked, sizeof acked,
	    NULL) != 0)
		snprintf(acked, sizeof acked, "0");
	if ((st = store_prepare(store, sql, err)) == NULL)
		return HS_ESTORE;
	sqlite3_bind_int64(st, 1, strtoll(acked, NULL, 10));
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_error(store, err, _("database error"));
	return 0;
}
