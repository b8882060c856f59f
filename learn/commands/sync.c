/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sync.c: hocso sync [--server URL] [--tries N] [--to DIR] [--from DIR],
 * the device's side of sync (docs/sync-protocol.md): options, the order
 * of a run, and what it prints.
 *
 * Over a folder (sync --to DIR, --from DIR; a USB stick the district
 * office imports): receipts read first, then new events packed into
 * bundles, then the outbox written to the folder, then what still waits.
 * An enrolment answer the district office wrote on the stick is read
 * first of all.
 *
 * Over HTTP (sync without a folder, to the server enrolled with or
 * --server): new events packed, each bundle of the outbox sent in order
 * and its receipt applied, then newer modules installed from the
 * server's catalog, then new safety alerts kept; what happened is
 * recorded in the meta table (sync.last_attempt, sync.last_success,
 * sync.last_error) for the teacher mode.  The protocol itself is
 * sync/client.c; the outbox sync/outbox.c.
 */
#include "config.h"

#include <errno.h>
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
#include "learn/model/helpreq.h"
#include "sync/client.h"
#include "sync/outbox.h"

#define ENROLLED_MAX CLIENT_ENROLLED_MAX	/* bytes of an answer read */

/* A receipt in the folder that could not be applied: one line each. */
static void
bad_receipt(const struct hs_error *err, void *ctx)
{
	(void)ctx;
	commands_say_error(err);
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

/* Packs the events not yet in a bundle and says so. */
static int
fill(struct outbox *o, struct hs_error *err)
{
	long long events;
	long max_bytes;
	int bundles, max_events, rc;

	limits(&max_events, &max_bytes);
	/* The week's counts of requests for help go as events of their
	 * own: counts only, never a word or a learner. */
	if ((rc = helpreq_counts_flush(o->store, NULL, err)) != 0)
		return rc;
	if ((rc = outbox_fill(o, max_events, max_bytes, &bundles, &events,
	    err)) != 0)
		return rc;
	if (bundles > 0) {
		printf(P_("packed %lld new event", "packed %lld new events",
		    (unsigned long)events), events);
		printf(P_(" into %d bundle\n", " into %d bundles\n", bundles),
		    bundles);
	}
	return 0;
}

/* The last lines of a sync: what still waits for a receipt. */
static int
say_waiting(struct outbox *o, struct hs_error *err)
{
	struct outbox_entry *l;
	long long waiting;
	int n;

	if (outbox_waiting(o, &waiting, err) != 0 ||
	    outbox_list(o, &l, &n, err) != 0)
		return -1;
	free(l);
	if (waiting == 0)
		puts(_("every event is acknowledged by the server"));
	else {
		printf(P_("%lld event waits for a receipt", "%lld events wait "
		    "for a receipt", (unsigned long)waiting), waiting);
		printf(P_(" (%d bundle in the outbox)\n", " (%d bundles in the "
		    "outbox)\n", n), n);
	}
	return 0;
}

/* hocso sync --to DIR / --from DIR: the USB folder. */
static int
folder_sync(struct outbox *o, const char *to, const char *from)
{
	struct receipt_state st;
	struct hs_error err;
	long long events, was;
	int rc = 0, written, already, applied, seen, bad;

	if (from != NULL) {
		if (outbox_from_dir(o, from, bad_receipt, NULL, &applied,
		    &seen, &bad, &err) != 0)
			return commands_say_error(&err);
		if (applied > 0)
			printf(P_("read %d receipt from %s: the server has "
			    "every event up to %lld\n", "read %d receipts from "
			    "%s: the server has every event up to %lld\n",
			    applied), applied, from, o->acked);
		else if (seen == 0 && bad == 0)
			printf(_("no receipts for this device in %s\n"), from);
		if (bad > 0)
			rc = 1;
		/* What the server holds of this device: after a restore,
		 * it goes back by itself (outbox.h). */
		was = o->acked;
		switch (outbox_state_from_dir(o, from, &st, &err)) {
		case 0:
			break;
		case 1:
			printf(_("the server holds this device's events only up "
			    "to %lld, not %lld (restored from a backup?): the "
			    "events after it are sent again\n"), st.acked_seq,
			    was);
			break;
		case 2:
			fprintf(stderr, "hocso: %s\n", _("the server does not "
			    "know this device (was it restored from a "
			    "backup?): ask the province admin for a new token "
			    "and run hocso enroll --to DIR --token TOKEN; its "
			    "events are then sent again"));
			rc = 1;
			break;
		default:
			commands_say_error(&err);
			rc = 1;
		}
	}
	if (fill(o, &err) != 0)
		return commands_say_error(&err);
	if (to != NULL) {
		if (outbox_to_dir(o, to, &written, &already, &events,
		    &err) != 0)
			return commands_say_error(&err);
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
	if (say_waiting(o, &err) != 0)
		return commands_say_error(&err);
	return rc;
}

/* A module installed from the server's catalog: as hocso install says
 * it. */
static void
say_installed(const char *id, const char *version, const char *publisher,
    void *arg)
{
	(void)arg;
	printf(_("installed %s %s (publisher %s)\n"), id, version, publisher);
}

/* Sends the outbox and says what went; when the server turned out to
 * hold fewer of this device's events than it thought (a restore), packs
 * them again and sends once more.  Returns 0 when every bundle is
 * acknowledged, else -1. */
static int
send_all(struct client *r, const char *server)
{
	struct hs_error err;
	char why[640];
	long long events;
	int up, sent, pass;

	for (pass = 0; pass < 2; pass++) {
		r->rewound = 0;
		up = client_send_outbox(r, &sent, &events);
		if (sent > 0)
			printf(P_("sent %d bundle (%lld events) to %s\n",
			    "sent %d bundles (%lld events) to %s\n", sent),
			    sent, events, server);
		if (!r->rewound)
			break;
		if (fill(r->o, &err) != 0) {
			client_fail(r, "%s", hs_error_format(&err, why,
			    sizeof why));
			return -1;
		}
	}
	return up;
}

/* hocso sync over HTTP to server. */
static int
http_sync(struct client *r, const char *server)
{
	struct hs_error err;
	char now[32], why[640];
	long long newest = -1;
	int up, kept = 0;

	client_now(now, sizeof now);
	client_record(r, OUTBOX_LAST_ATTEMPT, now);
	if (fill(r->o, &err) != 0)
		client_fail(r, "%s", hs_error_format(&err, why, sizeof why));
	else if (client_open(r, server) == 0) {
		up = send_all(r, server);
		/* Modules and alerts come down even when the server refused
		 * a bundle or a module failed; not when it cannot be reached
		 * at all. */
		if (up == 0 || !r->unreachable) {
			client_fetch_modules(r, say_installed, NULL, &newest);
			if (!r->unreachable) {
				client_fetch_alerts(r, newest, &kept);
				if (kept > 0)
					printf(P_("received %d safety alert\n",
					    "received %d safety alerts\n",
					    kept), kept);
			}
			/* The catalog said the server lacks events this
			 * device thought stored (a restore). */
			if (r->rewound && !r->unreachable) {
				if (fill(r->o, &err) != 0)
					client_fail(r, "%s", hs_error_format(
					    &err, why, sizeof why));
				else
					send_all(r, server);
			}
		}
	}
	client_close(r);
	if (say_waiting(r->o, &err) != 0)
		client_fail(r, "%s", hs_error_format(&err, why, sizeof why));
	if (r->problem[0] == '\0') {
		client_now(now, sizeof now);
		client_record(r, OUTBOX_LAST_SUCCESS, now);
	}
	client_record(r, OUTBOX_LAST_ERROR, r->problem);
	return r->problem[0] != '\0';
}

static int usb_enrolled(const char *datadir, struct store *s,
    struct outbox *o, const char *dir);

int
sync_command(const char *datadir, const char *lang, int argc, char **argv)
{
	static const char use[] = "hocso sync [--server URL] [--tries N] "
	    "[--to DIR] [--from DIR]";
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "server", required_argument, NULL, 's' },
		{ "tries", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *to = NULL, *from = NULL, *server = NULL;
	char meta_server[1024], *end;
	struct hs_error err;
	struct outbox o;
	struct client r;
	struct store *s;
	long tries = SYNCHTTP_TRIES;
	int c, rc, tries_set = 0;

	(void)lang;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:", opts, NULL)) != -1) {
		if (c == 't' && to == NULL)
			to = optarg;
		else if (c == 'f' && from == NULL)
			from = optarg;
		else if (c == 's' && server == NULL)
			server = optarg;
		else if (c == 'n' && !tries_set) {
			errno = 0;
			tries = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || tries < 1 ||
			    tries > 1000)
				goto usage;
			tries_set = 1;
		} else
			goto usage;
	}
	if (optind != argc || ((to != NULL || from != NULL) &&
	    (server != NULL || tries_set)))
		goto usage;
	if ((s = commands_open_store(datadir)) == NULL)
		return 1;
	if (to == NULL && from == NULL && server == NULL) {
		if (store_meta_get(s, OUTBOX_SERVER_URL, meta_server,
		    sizeof meta_server, NULL) != 0 || meta_server[0] == '\0') {
			store_close(s);
			fprintf(stderr, "hocso: %s\n", _("this device is not "
			    "enrolled: run hocso enroll, or use --to DIR"));
			return 1;
		}
		server = meta_server;
	}
	if ((rc = outbox_open(&o, datadir, s, &err)) != 0) {
		store_close(s);
		return commands_say_error(&err);
	}
	if (o.repacked > 0)
		printf(P_("%d bundle of the outbox was damaged or missing: its "
		    "events are packed again\n", "%d bundles of the outbox were "
		    "damaged or missing: their events are packed again\n",
		    o.repacked), o.repacked);
	/* An enrolment answer on the stick first: the receipts beside it
	 * are signed by that server, so the outbox is opened again to
	 * know its key. */
	rc = from != NULL ? usb_enrolled(datadir, s, &o, from) : 0;
	if (rc == 1) {
		outbox_close(&o);
		if (outbox_open(&o, datadir, s, &err) != 0) {
			store_close(s);
			return commands_say_error(&err);
		}
	}
	if (rc < 0)
		rc = 1;
	else if (server == NULL)
		rc = folder_sync(&o, to, from);
	else {
		/* A connection cut while writing must be an error, not the
		 * end of the program. */
		signal(SIGPIPE, SIG_IGN);
		client_init(&r, datadir, s, &o, (int)tries);
		rc = http_sync(&r, server);
	}
	outbox_close(&o);
	store_close(s);
	return rc != 0 || fflush(stdout) != 0 ? 1 : 0;
usage:
	return commands_usage_error(use);
}

/* The district office's refusal of this device's enrolment request, if
 * it wrote one in dir (hocso-DEVICE.refused): said, with the reason.
 * Returns -1 when there is one, else 0. */
static int
usb_refused(struct outbox *o, const char *dir, const char *code)
{
	struct hs_error err;
	char *path, *text, *p, why[600], school[80];
	size_t len;
	int rc = 0;

	path = client_enrol_path(dir, o->device, 2);
	if (access(path, F_OK) != 0 ||
	    fileio_read(path, ENROLLED_MAX, &text, &len, &err) != 0) {
		free(path);
		return 0;
	}
	if (client_enrol_refusal(text, len, school, sizeof school, why,
	    sizeof why) == 0 && (p = fileio_printable(why)) != NULL) {
		fprintf(stderr, _("hocso: the district office refused this "
		    "device's enrolment in school %s: %s; ask the province admin "
		    "for a new token, then run hocso enroll --to %s again\n"),
		    school[0] != '\0' ? school : code, p, dir);
		free(p);
		rc = -1;
	}
	free(text);
	free(path);
	return rc;
}

/* hocso sync --from DIR on a device whose enrolment request is on its
 * way (meta sync.enroll_pending): completes the enrolment with the
 * answer the district office's server wrote in DIR.  Returns 1 when
 * enrolled now, 0 when there is nothing to do, -1 when the answer is
 * refused (said; nothing changed). */
static int
usb_enrolled(const char *datadir, struct store *s, struct outbox *o,
    const char *dir)
{
	struct hs_error err;
	struct stat st;
	struct client r;
	char code[128], *path, *text;
	size_t len;
	int rc;

	if (store_meta_get(s, OUTBOX_ENROLL_PENDING, code, sizeof code,
	    NULL) != 0 || code[0] == '\0')
		return 0;
	path = client_enrol_path(dir, o->device, 1);
	if (lstat(path, &st) != 0) {	/* a link there is refused below */
		free(path);
		if (errno == ENOENT && (rc = usb_refused(o, dir, code)) != 0)
			return rc;
		if (errno == ENOENT && access(dir, F_OK) == 0)
			printf(_("the enrolment request is not answered in %s "
			    "yet: take the stick to the district office\n"),
			    dir);
		return 0;
	}
	client_init(&r, datadir, s, o, SYNCHTTP_TRIES);
	if (fileio_read(path, ENROLLED_MAX, &text, &len, &err) != 0) {
		commands_say_error(&err);
		rc = -1;
	} else if ((rc = client_enrol_complete(&r, text, len, code, NULL, 0,
	    path)) == 0) {
		printf(_("enrolled in school %s (by USB stick)\n"), code);
		rc = 1;
	}
	free(text);
	free(path);
	return rc;
}
