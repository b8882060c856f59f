/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * readaloud.c: read-aloud in the background (see readaloud.h).  The
 * speaking is done by "hocso-cmd speak --play" (learn/commands/speak.c,
 * through voice.c and espeak-ng) in a child process, so that the app
 * neither waits for it nor loads the synthesiser and the sound libraries
 * itself (hocso stays small and may be linked wholly static); any key
 * ends the child with a signal.  What is said is built elsewhere
 * (lessons/speech.c).
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
