/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * enroll.c: hocso enroll --server URL --school CODE --token TOKEN
 * [--force], or --to DIR: enrols this device with the province's server
 * (docs/sync-protocol.md, "Enrolment"), over HTTP through sync/client.c,
 * or by a request written on a USB stick that the district office's
 * hocso-server import answers (read back by hocso sync --from DIR).
 */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "learn/model/school.h"
#include "sync/client.h"
#include "sync/outbox.h"

/* hocso enroll --to DIR: the request written on the stick for the
 * district office's hocso-server import; the answer comes back with
 * hocso sync --from DIR.  Returns 0 or -1 (said). */
static int
enroll_to_dir(struct client *r, const char *dir, const char *code,
    const char *body)
{
	struct hs_error err;
	struct stat st;
	char why[640], *path;
	int rc = -1;

	path = client_enrol_path(dir, r->o->device, 0);
	if (fileio_write(path, body, strlen(body), 0644, &err) != 0 ||
	    store_meta_put(r->store, OUTBOX_ENROLL_PENDING, code, &err) != 0)
		client_fail(r, "%s", hs_error_format(&err, why, sizeof why));
	else {
		/* A refusal of an earlier request is old news now. */
		free(path);
		path = client_enrol_path(dir, r->o->device, 2);
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
			unlink(path);
		free(path);
		path = client_enrol_path(dir, r->o->device, 0);
		printf(_("wrote the enrolment request to %s: take the stick to "
		    "the district office, then run hocso sync --from %s\n"),
		    path, dir);
		rc = 0;
	}
	free(path);
	return rc;
}

int
enroll_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	static const char use[] = "hocso enroll --server URL --school CODE "
	    "--token TOKEN [--force], or hocso enroll --to DIR --school CODE "
	    "--token TOKEN";
	static const struct option opts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, 'o' },
		{ "school", required_argument, NULL, 'c' },
		{ "token", required_argument, NULL, 't' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *url = NULL, *to = NULL, *code = NULL, *token = NULL;
	struct hs_error err;
	struct outbox o;
	struct client r;
	struct store *s;
	char *body = NULL;
	int c, force = 0, rc = 1;

	(void)lang;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		if (c == 's' && url == NULL)
			url = optarg;
		else if (c == 'o' && to == NULL)
			to = optarg;
		else if (c == 'c' && code == NULL)
			code = optarg;
		else if (c == 't' && token == NULL)
			token = optarg;
		else if (c == 'f')
			force = 1;
		else
			goto usage;
	}
	if (optind != argc || (url == NULL) == (to == NULL) || code == NULL ||
	    token == NULL || (to != NULL && force))
		goto usage;
	if (school_code_valid(code, &err) != 0)
		return commands_say_error(&err);
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	/* The outbox makes the device's key on first use, and its lock
	 * keeps a sync from running meanwhile. */
	if (outbox_open(&o, datadir, s, &err) != 0) {
		store_close(s);
		return commands_say_error(&err);
	}
	/* An old device enrols under the id its key gives. */
	if (outbox_adopt_derived_id(&o, &err) != 0) {
		outbox_close(&o);
		store_close(s);
		return commands_say_error(&err);
	}
	signal(SIGPIPE, SIG_IGN);
	client_init(&r, datadir, s, &o, SYNCHTTP_TRIES);
	if ((body = client_enrol_request(&o, code, token)) == NULL)
		client_fail(&r, "%s",
		    _("the enrolment cannot be written: a value is not UTF-8"));
	else if (to != NULL)
		rc = enroll_to_dir(&r, to, code, body) != 0;
	else if (client_open(&r, url) == 0 &&
	    client_enrol_post(&r, body, code, url, force) == 0) {
		printf(_("enrolled in school %s at %s\n"), code, url);
		rc = 0;
	}
	client_close(&r);
	free(body);
	outbox_close(&o);
	store_close(s);
	return rc != 0 || fflush(stdout) != 0 ? 1 : 0;
usage:
	return commands_usage_error(use);
}
