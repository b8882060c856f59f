/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * school.c: hocso school [--name NAME] [--code CODE]
 * [--teacher-pin PIN] [--speech-rate WPM]: the school's name and code, the
 * teacher's PIN for teacher mode (kept as an Argon2id hash), and how fast
 * read-aloud speaks (words a minute).  Without options it shows what is
 * set, never the PIN.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "learn/model/pin.h"
#include "learn/model/readaloud.h"
#include "learn/model/school.h"
#include "sync/outbox.h"

int
school_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "code", required_argument, NULL, 'c' },
		{ "teacher-pin", required_argument, NULL, 'p' },
		{ "speech-rate", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = NULL, *code = NULL, *pin = NULL, *rate = NULL;
	char *clean = NULL, v[256];
	struct store *s;
	struct hs_error err;
	int opt, rc = 0, wpm = 0;
	char *end;

	(void)lang;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+n:c:p:r:", opts, NULL)) != -1) {
		if (opt == 'n')
			name = optarg;
		else if (opt == 'c')
			code = optarg;
		else if (opt == 'p')
			pin = optarg;
		else if (opt == 'r')
			rate = optarg;
		else
			goto usage;
	}
	if (optind != argc)
		goto usage;
	if (rate != NULL) {
		long n = strtol(rate, &end, 10);

		if (*rate == '\0' || *end != '\0' || n < READALOUD_RATE_MIN ||
		    n > READALOUD_RATE_MAX)
			return commands_usage_error(_("hocso school "
			    "--speech-rate WPM: 80 to 300 words a minute"));
		wpm = (int)n;
	}
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (name != NULL && (rc = school_name_clean(name, &clean, &err)) == 0)
		rc = store_meta_put(s, SCHOOL_DISPLAY_NAME, clean, &err);
	if (rc == 0 && code != NULL && (rc = school_code_valid(code,
	    &err)) == 0)
		rc = store_meta_put(s, OUTBOX_SCHOOL_CODE, code, &err);
	if (rc == 0 && pin != NULL)
		rc = pin_teacher_set(s, pin, &err);
	if (rc == 0 && wpm != 0)
		rc = readaloud_rate_set(s, wpm, &err);
	if (rc == 0 && name == NULL && code == NULL && pin == NULL &&
	    wpm == 0) {
		printf(_("school       %s\n"), store_meta_get(s,
		    SCHOOL_DISPLAY_NAME, v, sizeof v, &err) == 0 ? v :
		    _("(not set)"));
		printf(_("code         %s\n"), store_meta_get(s,
		    OUTBOX_SCHOOL_CODE, v, sizeof v, &err) == 0 ? v :
		    _("(not set)"));
		printf(_("teacher PIN  %s\n"), store_meta_get(s,
		    PIN_TEACHER_HASH, v, sizeof v, &err) == 0 ? _("set") :
		    _("(not set)"));
		if (readaloud_rate_get(s, &wpm, &err) == 0)
			printf(_("read-aloud   %d words a minute\n"), wpm);
	}
	free(clean);
	store_close(s);
	if (rc != 0)
		goto fail;
	return 0;
fail:
	return commands_say_error(&err);
usage:
	return commands_usage_error("hocso school [--name NAME] [--code CODE] [--teacher-pin PIN] "
	    "[--speech-rate WPM]");
}
