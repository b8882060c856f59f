/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * help_requests.c: hocso help-requests list [--open] | show ID |
 * mark ID talked|passed|closed [--note TEXT]: the children's requests for
 * help, for the teacher, as teacher mode shows them (learn/model/
 * helpreq.h).  A request sent without a name shows no name, here as
 * everywhere.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/store.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "learn/model/helpreq.h"

#define USAGE "hocso help-requests list [--open] | show ID | " \
	"mark ID talked|passed|closed [--note TEXT]"

/* The request number in s, or -1. */
static long long
request_id(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	return errno == 0 && end != s && *end == '\0' && v > 0 ? v : -1;
}

static int
list(struct store *s, int open_only)
{
	struct commands_table t = { 5, 0, 0, NULL };
	struct hs_error err;
	struct helpreq *r;
	char id[24], name[200], when[20];
	int n, i;

	if (helpreq_list(s, open_only, &r, &n, &err) != 0)
		return commands_say_error(&err);
	if (n == 0) {
		printf("%s\n", open_only ? _("No request for help is waiting.") :
		    _("No child has asked for help."));
		helpreq_list_free(r, n);
		return 0;
	}
	for (i = 0; i < n; i++) {
		const char *cells[5];

		snprintf(id, sizeof id, "%lld", r[i].id);
		helpreq_local_time(r[i].created_ms, when, sizeof when);
		helpreq_who(&r[i], name, sizeof name);
		cells[0] = id;
		cells[1] = r[i].state == HELPREQ_NEW ?
		    helpreq_urgency_words(r[i].urgency) : helpreq_state_words(r[i].state);
		cells[2] = helpreq_situation_words(r[i].situation);
		cells[3] = when;
		cells[4] = name;
		commands_table_add(&t, cells);
	}
	commands_table_print(&t);
	commands_table_free(&t);
	helpreq_list_free(r, n);
	return 0;
}

static int
show(struct store *s, long long id)
{
	struct hs_error err;
	struct helpreq r;
	char name[200], when[24], *msg;
	int i;

	if (helpreq_get(s, id, &r, &err) != 0)
		return commands_say_error(&err);
	helpreq_who(&r, name, sizeof name);
	printf(_("request    %lld\n"), r.id);
	helpreq_local_time(r.created_ms, when, sizeof when);
	printf(_("sent       %s\n"), when);
	printf(_("situation  %s\n"), helpreq_situation_words(r.situation));
	printf(_("urgency    %s\n"), helpreq_urgency_words(r.urgency));
	printf(_("from       %s\n"), name);
	printf(_("state      %s\n"), helpreq_state_words(r.state));
	/* Words from a child's text box: control characters are
	 * dropped before they reach the teacher's terminal. */
	msg = fileio_printable(r.message);
	printf(_("message    %s\n"), msg != NULL && msg[0] != '\0' ? msg :
	    _("(no words)"));
	free(msg);
	for (i = 0; i < r.nmarks; i++) {
		helpreq_local_time(r.marks[i].at_ms, when, sizeof when);
		printf(_("marked     %s  %s%s%s\n"), when,
		    helpreq_state_words(r.marks[i].state),
		    r.marks[i].note[0] != '\0' ? ": " : "", r.marks[i].note);
	}
	helpreq_free(&r);
	return 0;
}

int
help_requests_command(const char *datadir, const char *lang, int argc,
    char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "open", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *note = NULL, *what;
	struct hs_error err;
	struct store *s;
	long long id = -1;
	int opt, open_only = 0, state = -1, rc;

	(void)lang;
	optind = 0;		/* all afresh: options may follow the operands */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "n:o", opts, NULL)) != -1) {
		if (opt == 'n')
			note = optarg;
		else if (opt == 'o')
			open_only = 1;
		else
			return commands_usage_error(USAGE);
	}
	if (optind >= argc)
		return commands_usage_error(USAGE);
	what = argv[optind];
	if (!strcmp(what, "list")) {
		if (optind + 1 != argc || note != NULL)
			return commands_usage_error(USAGE);
	} else if (!strcmp(what, "show")) {
		if (optind + 2 != argc || note != NULL || open_only ||
		    (id = request_id(argv[optind + 1])) < 0)
			return commands_usage_error(USAGE);
	} else if (!strcmp(what, "mark")) {
		if (optind + 3 != argc || open_only ||
		    (id = request_id(argv[optind + 1])) < 0)
			return commands_usage_error(USAGE);
		state = helpreq_state_from_name(argv[optind + 2]);
		if (state <= HELPREQ_NEW) {
			fprintf(stderr, _("hocso: '%s' is not a state: mark a "
			    "request talked, passed or closed\n"),
			    argv[optind + 2]);
			return 2;
		}
	} else
		return commands_usage_error(USAGE);

	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (!strcmp(what, "list"))
		rc = list(s, open_only);
	else if (!strcmp(what, "show"))
		rc = show(s, id);
	else if ((rc = helpreq_mark(s, id, state, note, &err)) != 0)
		rc = commands_say_error(&err);
	else
		printf(_("request %lld: %s\n"), id, helpreq_state_words(state));
	store_close(s);
	return rc;
}
