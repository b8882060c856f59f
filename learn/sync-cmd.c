/*
 * sync-cmd.c: hocso sync [--to DIR] [--from DIR], the device's side of
 * sync over a folder (a USB stick the district office imports): receipts
 * read first, then new events packed into bundles, then the outbox
 * written to the folder, then what still waits.  A thin layer over
 * sync/outbox.c that parses and prints.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/commands.h"
#include "sync/outbox.h"

static int
sync_error(const struct hs_error *err)
{
	char line[1024];

	fprintf(stderr, "hocso: %s\n", hs_error_format(err, line,
	    sizeof line));
	return 1;
}

/* A receipt in the folder that could not be applied: one line each. */
static void
bad_receipt(const struct hs_error *err, void *ctx)
{
	sync_error(err);
}

/* The limits of a bundle, from the environment for the tests (small
 * bundles without thousands of events), else the defaults. */
static void
limits(int *events, long *bytes)
{
	const char *e = getenv("HOCSO_BUNDLE_EVENTS");
	const char *b = getenv("HOCSO_BUNDLE_BYTES");

	*events = e != NULL ? atoi(e) : 0;
	*bytes = b != NULL ? atol(b) : 0;
}

int
sync_command(const char *datadir, const char *lang, int argc, char **argv)
{
	static const char use[] = "hocso sync [--to DIR] [--from DIR]";
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "server", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char *to = NULL, *from = NULL, *server = NULL;
	struct hs_error err;
	struct outbox o;
	struct outbox_entry *l;
	struct store *s;
	long long events, waiting;
	char *db;
	int c, rc = 0, bundles, written, already, applied, seen, bad, n;
	int max_events;
	long max_bytes;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		if (c == 't' && to == NULL)
			to = optarg;
		else if (c == 'f' && from == NULL)
			from = optarg;
		else if (c == 's' && server == NULL)
			server = optarg;
		else
			goto usage;
	}
	if (optind != argc)
		goto usage;
	if (server != NULL) {
		fprintf(stderr, "hocso: %s\n", _("sending to a server is not "
		    "built yet: use --to DIR and --from DIR with a USB stick"));
		return 1;
	}
	db = util_path_join(datadir, "hocso.db");
	rc = store_open(db, &s, &err);
	free(db);
	if (rc != 0)
		return sync_error(&err);
	if ((rc = outbox_open(&o, datadir, s, &err)) != 0) {
		store_close(s);
		return sync_error(&err);
	}
	if (o.repacked > 0)
		printf(P_("%d bundle of the outbox was damaged or missing: its "
		    "events are packed again\n", "%d bundles of the outbox were "
		    "damaged or missing: their events are packed again\n",
		    o.repacked), o.repacked);

	if (from != NULL) {
		if ((rc = outbox_from_dir(&o, from, bad_receipt, NULL, &applied,
		    &seen, &bad, &err)) != 0)
			goto fail;
		if (applied > 0)
			printf(P_("read %d receipt from %s: the server has "
			    "every event up to %lld\n", "read %d receipts from "
			    "%s: the server has every event up to %lld\n",
			    applied), applied, from, o.acked);
		else if (seen == 0 && bad == 0)
			printf(_("no receipts for this device in %s\n"), from);
		if (bad > 0)
			rc = 1;
	}

	limits(&max_events, &max_bytes);
	if (outbox_fill(&o, max_events, max_bytes, &bundles, &events,
	    &err) != 0)
		goto fail;
	if (bundles > 0) {
		printf(P_("packed %lld new event", "packed %lld new events",
		    (unsigned long)events), events);
		printf(P_(" into %d bundle\n", " into %d bundles\n", bundles),
		    bundles);
	}

	if (to != NULL) {
		if (outbox_to_dir(&o, to, &written, &already, &events,
		    &err) != 0)
			goto fail;
		if (written > 0)
			printf(P_("wrote %d bundle (%lld events) to %s\n",
			    "wrote %d bundles (%lld events) to %s\n", written),
			    written, events, to);
		if (already > 0)
			printf(P_("%d bundle was in %s already\n", "%d bundles "
			    "were in %s already\n", already), already, to);
		if (written + already == 0)
			printf(_("nothing to write to %s: every event is "
			    "acknowledged\n"), to);
	}

	if (outbox_waiting(&o, &waiting, &err) != 0 ||
	    outbox_list(&o, &l, &n, &err) != 0)
		goto fail;
	free(l);
	if (waiting == 0)
		puts(_("every event is acknowledged by the server"));
	else {
		printf(P_("%lld event waits for a receipt", "%lld events wait "
		    "for a receipt", (unsigned long)waiting), waiting);
		printf(P_(" (%d bundle in the outbox)\n", " (%d bundles in the "
		    "outbox)\n", n), n);
	}
	outbox_close(&o);
	store_close(s);
	return rc != 0 || fflush(stdout) != 0 ? 1 : 0;
fail:
	outbox_close(&o);
	store_close(s);
	return sync_error(&err);
usage:
	fprintf(stderr, _("hocso: usage: %s (see hocso --help)\n"), use);
	return 2;
}
