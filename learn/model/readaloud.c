/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readaloud.c: read-aloud in the background (see readaloud.h).  The
 * speaking is done by "hocso-cmd speak --play" (learn/commands/speak.c,
 * through voice.c and espeak-ng) in a child process, so that the app
 * neither waits for it nor loads the synthesiser and the sound libraries
 * itself (hocso stays small and may be linked wholly static); any key
 * ends the child with a signal.  What is said is built elsewhere
 * (lessons/speech.c).  The speeds are kept here too: the school's in the
 * meta table, a learner's own in learners.speech_rate (this file owns
 * that column).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/i18n.h"
#include "learn/model/cmdrun.h"
#include "learn/model/readaloud.h"

#define READALOUD_TEXT_MAX (64 * 1024)	/* bytes of text said, at most */

/* The named speeds, slowest first. */
static const struct {
	const char *name;
	int wpm;
} readaloud_speeds[] = {
	{ N_("slow"), READALOUD_RATE_SLOW },
	{ N_("normal"), READALOUD_RATE_NORMAL },
	{ N_("fast"), READALOUD_RATE_FAST },
};
#define READALOUD_NSPEEDS \
	((int)(sizeof readaloud_speeds / sizeof *readaloud_speeds))

int
readaloud_start(struct readaloud *ra, const char *datadir, const char *text,
    const char *lang, int wpm, struct hs_error *err)
{
	char rate[32];
	const char *args[] = { "speak", "--play", "--rate", rate, "--text",
	    text, NULL };
	char *cut = NULL;
	struct hs_error why;

	readaloud_stop(ra);
	/* One argument holds at most 128 KiB (MAX_ARG_STRLEN); a screen is
	 * far less, and a longer text is read to a character's end. */
	if (strlen(text) > READALOUD_TEXT_MAX) {
		size_t n = READALOUD_TEXT_MAX;

		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		if ((cut = strndup(text, n)) == NULL)
			return hs_error_set(err, HS_ENOMEM, "%s",
			    strerror(ENOMEM));
		args[5] = cut;
	}
	snprintf(rate, sizeof rate, "%d", wpm);
	if (cmdrun_start(datadir, lang, args, &ra->pid, NULL, NULL,
	    &why) != 0) {
		free(cut);
		return hs_error_set(err, HS_EIO,
		    _("read-aloud could not start: %s"), why.msg);
	}
	free(cut);
	return 0;
}

int
readaloud_speaking(const struct readaloud *ra)
{
	return ra->pid > 0;
}

enum readaloud_state
readaloud_poll(struct readaloud *ra)
{
	int status;
	pid_t r;

	if (ra->pid <= 0)
		return READALOUD_IDLE;
	r = waitpid(ra->pid, &status, WNOHANG);
	if (r == 0)
		return READALOUD_SPEAKING;
	ra->pid = 0;
	if (r < 0 || !WIFEXITED(status))
		return READALOUD_IDLE;	/* stopped by a signal */
	switch (WEXITSTATUS(status)) {
	case 0:
		return READALOUD_IDLE;
	case READALOUD_EXIT_NODEVICE:
		return READALOUD_NODEVICE;
	default:
		return READALOUD_FAILED;
	}
}

void
readaloud_stop(struct readaloud *ra)
{
	cmdrun_stop(&ra->pid);
}

int
readaloud_rate_get(struct store *s, int *wpm, struct hs_error *err)
{
	char buf[32];
	int rc;
	long v;

	*wpm = READALOUD_RATE_DEFAULT;
	rc = store_meta_get(s, READALOUD_META_RATE, buf, sizeof buf, err);
	if (rc == HS_ENOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	v = strtol(buf, NULL, 10);
	if (v >= READALOUD_RATE_MIN && v <= READALOUD_RATE_MAX)
		*wpm = (int)v;
	return 0;
}

int
readaloud_rate_set(struct store *s, int wpm, struct hs_error *err)
{
	char buf[32];

	if (wpm < READALOUD_RATE_MIN || wpm > READALOUD_RATE_MAX)
		return hs_error_set(err, HS_EINVAL,
		    _("the reading speed is %d to %d words a minute"),
		    READALOUD_RATE_MIN, READALOUD_RATE_MAX);
	snprintf(buf, sizeof buf, "%d", wpm);
	return store_meta_put(s, READALOUD_META_RATE, buf, err);
}

int
readaloud_speed_wpm(const char *name)
{
	int i;

	if (!strcmp(name, "school"))
		return 0;
	for (i = 0; i < READALOUD_NSPEEDS; i++)
		if (!strcmp(name, readaloud_speeds[i].name))
			return readaloud_speeds[i].wpm;
	return -1;
}

/* The index of the named speed nearest to wpm (the slower on a tie). */
static int
readaloud_speed_nearest(int wpm)
{
	int i, best = 0;

	for (i = 1; i < READALOUD_NSPEEDS; i++)
		if (abs(readaloud_speeds[i].wpm - wpm) <
		    abs(readaloud_speeds[best].wpm - wpm))
			best = i;
	return best;
}

const char *
readaloud_speed_name(int wpm)
{
	return readaloud_speeds[readaloud_speed_nearest(wpm)].name;
}

int
readaloud_speed_next(int wpm)
{
	return readaloud_speeds[(readaloud_speed_nearest(wpm) + 1) %
	    READALOUD_NSPEEDS].wpm;
}

int
readaloud_learner_rate(struct store *s, long long learner_id, int *wpm,
    int *own, struct hs_error *err)
{
	static const char sql[] =
	    "SELECT speech_rate FROM learners WHERE id = ?1"
	    " AND speech_rate IS NOT NULL";
	sqlite3_stmt *st;
	int rc, v = 0;

	if (own != NULL)
		*own = 0;
	if (learner_id > 0) {
		if ((st = store_prepare(s, sql, err)) == NULL)
			return HS_ESTORE;
		sqlite3_bind_int64(st, 1, learner_id);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_error(s, err,
			    _("cannot read the learner's reading speed"));
		if (v >= READALOUD_RATE_MIN && v <= READALOUD_RATE_MAX) {
			*wpm = v;
			if (own != NULL)
				*own = 1;
			return 0;
		}
	}
	return readaloud_rate_get(s, wpm, err);
}

int
readaloud_learner_rate_set(struct store *s, long long learner_id, int wpm,
    struct hs_error *err)
{
	static const char sql[] =
	    "UPDATE learners SET speech_rate = ?1"
	    " WHERE id = ?2 AND removed_at IS NULL";
	sqlite3_stmt *st;
	int rc;

	if (wpm != 0 && (wpm < READALOUD_RATE_MIN ||
	    wpm > READALOUD_RATE_MAX))
		return hs_error_set(err, HS_EINVAL,
		    _("the reading speed is %d to %d words a minute"),
		    READALOUD_RATE_MIN, READALOUD_RATE_MAX);
	if ((rc = store_begin(s, err)) != 0)
		return rc;
	if ((st = store_prepare(s, sql, err)) == NULL) {
		rc = HS_ESTORE;
		goto fail;
	}
	if (wpm != 0)
		sqlite3_bind_int(st, 1, wpm);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int64(st, 2, learner_id);
	if ((rc = store_step_done(s, st, err)) != 0)
		goto fail;
	if (sqlite3_changes(store_db(s)) != 1) {
		rc = hs_error_set(err, HS_ENOTFOUND,
		    _("there is no such learner"));
		goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}
