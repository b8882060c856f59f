/*
 * main.c: hocso-server, the province server's commands (serve, token,
 * device, import, publish, alert, report, export).  Each command parses
 * its options, opens the server's data folder and calls server/server.h
 * (or the HTTP front, server/http.h); errors are one line on stderr.
 * Exit: 0 ok, 1 failure, 2 usage.
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/locale.h"
#include "server/http.h"
#include "server/report.h"
#include "server/server.h"
#include "server/srvstore.h"

#define PROG "hocso-server"
#define DEFAULT_DATA "/var/lib/hocso-server"

static void
usage(FILE *f)
{
	fprintf(f, _("Usage: %s [--data DIR] COMMAND [OPTIONS]\n"), PROG);
	fputs(_("The province server: receives the schools' progress, offers "
	    "them modules and alerts.\n\n"), f);
	fputs(_("Commands:\n"
	    "  serve [--listen ADDR:PORT] [--port-file FILE]\n"
	    "        [--max-connections N] [--per-client N] [--timeout SECONDS]\n"
	    "        [--forward-lrs URL] [--lrs-auth USER:PASSWORD]\n"
	    "                          answer the devices over HTTP\n"
	    "  token --school CODE [--days N]\n"
	    "                          make a one-time enrolment token\n"
	    "  device list [--school CODE]\n"
	    "                          the devices enrolled\n"
	    "  device revoke DEVICE    refuse the device's later bundles\n"
	    "  import DIR              take the enrolment requests and the\n"
	    "                          bundles on a USB stick\n"
	    "  publish PKG.hsm         offer a module package to every school\n"
	    "  alert FILE              send a safety alert to every device\n"
	    "  report [--school CODE] [--format text|csv]\n"
	    "                          progress per school, class and module\n"
	    "  export --format xapi [--since TIME]\n"
	    "                          every statement as JSON lines\n"
	    "  rebuild-rollups         count the report's figures again from "
	    "the events\n"
	    "  forward list            the statements the LRS refused, set "
	    "aside\n"
	    "  forward retry [ID...]   send them (all, or those) again\n"
	    "  forward drop ID...      never send those\n\n"), f);
	fputs(_("Options:\n"
	    "  --data DIR   the server's data folder (default "
	    "$HOCSO_SERVER_DATA,\n"
	    "               else /var/lib/hocso-server)\n"
	    "  --help       show this help\n"
	    "  --version    show the version\n"), f);
}

static int
fail(const struct hs_error *err)
{
	char buf[1024];

	fprintf(stderr, "%s: %s\n", PROG, hs_error_format(err, buf,
	    sizeof buf));
	return 1;
}

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Says what is wrong with the command line; returns 2. */
static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", PROG);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _(" (see %s --help)\n"), PROG);
	return 2;
}

/* Parses a whole number in [min, max]: 0 or -1. */
static int
number(const char *s, long min, long max, int *out)
{
	char *end;
	long v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* Parses a command's options with getopt_long from argv[0] (the
 * command's name); returns the index of the first operand, or -1 after
 * a usage error was said. */
static int
parse(int argc, char **argv, const struct option *opts,
    int (*take)(int c, const char *arg, void *ctx), void *ctx)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			usage_error(_("%s: unknown option or missing value"),
			    argv[optind - 1]);
			return -1;
		}
		if (take(c, optarg, ctx) != 0)
			return -1;
	}
	return optind;
}

/*
 * serve
 */

static int
take_serve(int c, const char *arg, void *ctx)
{
	struct http_options *o = ctx;
	const char *name[] = { "--max-connections", "--per-client",
	    "--timeout" };
	int *field[] = { &o->max_connections, &o->per_client, &o->timeout };
	int i;

	switch (c) {
	case 'l':
		o->listen = arg;
		return 0;
	case 'p':
		o->port_file = arg;
		return 0;
	case 'f':
		o->forward_lrs = arg;
		return 0;
	case 'a':
		o->lrs_auth = arg;
		return 0;
	case 'm': case 'c': case 't':
		i = c == 'm' ? 0 : c == 'c' ? 1 : 2;
		if (number(arg, 1, 100000, field[i]) != 0) {
			usage_error(_("%s wants a whole number from 1"),
			    name[i]);
			return -1;
		}
		return 0;
	}
	return -1;
}

static int
cmd_serve(struct server *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "port-file", required_argument, NULL, 'p' },
		{ "max-connections", required_argument, NULL, 'm' },
		{ "per-client", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "forward-lrs", required_argument, NULL, 'f' },
		{ "lrs-auth", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct http_options o = { "127.0.0.1:8417", NULL, 0, 0, 0, NULL,
	    NULL };
	struct hs_error err;
	int i;

	if ((i = parse(argc, argv, opts, take_serve, &o)) < 0)
		return 2;
	if (i < argc)
		return usage_error(_("serve: unexpected '%s'"), argv[i]);
	if (o.lrs_auth != NULL && o.forward_lrs == NULL)
		return usage_error("%s", _("--lrs-auth goes with --forward-lrs"));
	hs_error_clear(&err);
	if (http_serve(s, &o, &err) != 0)
		return fail(&err);
	return 0;
}

/*
 * token, device
 */

struct school_opts {
	const char *school;
	const char *format;
	const char *since;
	int days;
};

static int
take_school(int c, const char *arg, void *ctx)
{
	struct school_opts *o = ctx;

	switch (c) {
	case 's':
		o->school = arg;
		return 0;
	case 'f':
		o->format = arg;
		return 0;
	case 'S':
		o->since = arg;
		return 0;
	case 'd':
		if (number(arg, 1, 3650, &o->days) != 0) {
			usage_error("%s", _("--days wants a number of days from "
			    "1 to 3650"));
			return -1;
		}
		return 0;
	}
	return -1;
}

static const struct option school_opts[] = {
	{ "school", required_argument, NULL, 's' },
	{ "days", required_argument, NULL, 'd' },
	{ "format", required_argument, NULL, 'f' },
	{ "since", required_argument, NULL, 'S' },
	{ NULL, 0, NULL, 0 }
};

/* Parses the options of a command that takes some of school_opts and
 * no operands beyond nargs; only the options in allowed count. */
static int
parse_school(int argc, char **argv, const char *allowed, int nargs,
    struct school_opts *o)
{
	struct option opts[8];
	int i, n = 0;

	for (i = 0; school_opts[i].name != NULL; i++)
		if (strchr(allowed, school_opts[i].val) != NULL)
			opts[n++] = school_opts[i];
	memset(&opts[n], 0, sizeof opts[n]);
	if ((i = parse(argc, argv, opts, take_school, o)) < 0)
		return -1;
	if (argc - i != nargs) {
		if (argc - i > nargs)
			usage_error(_("%s: too many arguments"), argv[0]);
		else
			usage_error(_("%s: an argument is missing"), argv[0]);
		return -1;
	}
	return i;
}

static int
cmd_token(struct server *s, int argc, char **argv)
{
	struct school_opts o = { NULL, NULL, NULL, 30 };
	struct hs_error err;
	char token[64];

	if (parse_school(argc, argv, "sd", 0, &o) < 0)
		return 2;
	if (o.school == NULL)
		return usage_error("%s", _("token: --school CODE is needed"));
	if (server_token_new(s, o.school, o.days, token, sizeof token,
	    &err) != 0)
		return fail(&err);
	printf("%s\n", token);
	return 0;
}

static int
print_device(const struct srvstore_device *d, void *ctx)
{
	(void)ctx;
	printf("%s  %s  %.10s  %lld  %lld  %s\n", d->id, d->school,
	    d->enrolled, d->last_number, d->events, d->revoked[0] != '\0' ?
	    _("revoked") : "-");
	return 0;
}

static int
cmd_device(struct server *s, int argc, char **argv)
{
	struct school_opts o = { NULL, NULL, NULL, 0 };
	struct hs_error err;

	if (argc < 2)
		return usage_error("%s", _("device: list or revoke?"));
	if (strcmp(argv[1], "list") == 0) {
		if (parse_school(argc - 1, argv + 1, "s", 0, &o) < 0)
			return 2;
		/* TRANSLATORS: the columns of hocso-server device list. */
		printf("%s\n", _("DEVICE  SCHOOL  ENROLLED  LAST-BUNDLE  EVENTS  "
		    "REVOKED"));
		if (srvstore_device_each(server_store(s), o.school,
		    print_device, NULL, &err) != 0)
			return fail(&err);
		return 0;
	}
	if (strcmp(argv[1], "revoke") == 0) {
		if (parse_school(argc - 1, argv + 1, "", 1, &o) < 0)
			return 2;
		if (server_device_revoke(s, argv[argc - 1], &err) != 0)
			return fail(&err);
		printf(_("device %s revoked\n"), argv[argc - 1]);
		return 0;
	}
	return usage_error(_("device: unknown subcommand '%s'"), argv[1]);
}

/*
 * import, publish, alert
 */

static void
refused(const char *path, const char *why, void *ctx)
{
	/* A name from a stick: no control character reaches the terminal. */
	char *p = fileio_printable(path), *w = fileio_printable(why);

	(void)ctx;
	fprintf(stderr, "%s: %s: %s\n", PROG, p, w);
	free(p);
	free(w);
}

static int
cmd_import(struct server *s, int argc, char **argv)
{
	struct server_import_totals t;
	struct school_opts o = { 0 };
	struct hs_error err;

	if (parse_school(argc, argv, "", 1, &o) < 0)
		return 2;
	if (server_import(s, argv[argc - 1], &t, refused, NULL, &err) != 0)
		return fail(&err);
	if (t.enrolled > 0 || t.enrolled_before > 0) {
		printf(P_("enrolled %d device", "enrolled %d devices",
		    t.enrolled), t.enrolled);
		if (t.enrolled_before > 0)
			printf(P_(", %d enrolled before", ", %d enrolled before",
			    t.enrolled_before), t.enrolled_before);
		putchar('\n');
	}
	printf(P_("%d bundle stored, ", "%d bundles stored, ", t.bundles),
	    t.bundles);
	printf(P_("%lld event, ", "%lld events, ", t.events), t.events);
	printf(P_("%d had before, ", "%d had before, ", t.again), t.again);
	printf(P_("%d refused\n", "%d refused\n", t.refused), t.refused);
	return t.refused > 0 ? 1 : 0;
}

static int
cmd_publish(struct server *s, int argc, char **argv)
{
	struct school_opts o = { 0 };
	struct hs_error err;
	char *id, *version;

	if (parse_school(argc, argv, "", 1, &o) < 0)
		return 2;
	if (server_publish(s, argv[argc - 1], &id, &version, &err) != 0)
		return fail(&err);
	printf(_("published %s %s\n"), id, version);
	free(id);
	free(version);
	return 0;
}

static int
cmd_alert(struct server *s, int argc, char **argv)
{
	struct school_opts o = { 0 };
	struct hs_error err;
	long long number;

	if (parse_school(argc, argv, "", 1, &o) < 0)
		return 2;
	if (server_alert(s, argv[argc - 1], &number, &err) != 0)
		return fail(&err);
	printf(_("alert %lld published\n"), number);
	return 0;
}

/*
 * report, export
 */

static int
cmd_report(struct server *s, int argc, char **argv)
{
	struct school_opts o = { NULL, "text", NULL, 0 };
	enum server_report_format f;
	struct hs_error err;

	if (parse_school(argc, argv, "sf", 0, &o) < 0)
		return 2;
	if (strcmp(o.format, "text") == 0)
		f = SERVER_REPORT_TEXT;
	else if (strcmp(o.format, "csv") == 0)
		f = SERVER_REPORT_CSV;
	else
		return usage_error(_("report: format '%s' is not text or csv"),
		    o.format);
	if (server_report(s, o.school, f, stdout, &err) != 0)
		return fail(&err);
	return 0;
}

static int
cmd_rebuild(struct server *s, int argc, char **argv)
{
	struct hs_error err;
	long long n;

	if (argc > 1)
		return usage_error(_("rebuild-rollups: unexpected '%s'"),
		    argv[1]);
	if (srvstore_rollups_rebuild(server_store(s), &n, &err) != 0)
		return fail(&err);
	printf(P_("The rollups are counted again from %lld event.\n",
	    "The rollups are counted again from %lld events.\n", n), n);
	return 0;
}

static int
print_statement(long long id, const char *text, size_t len, void *ctx)
{
	(void)id;
	(void)ctx;
	if (fwrite(text, 1, len, stdout) != len || putchar('\n') == EOF)
		return HS_EIO;
	return 0;
}

static int
cmd_export(struct server *s, int argc, char **argv)
{
	struct school_opts o = { 0 };
	struct hs_error err;
	long long ms;
	int rc;

	if (parse_school(argc, argv, "fS", 0, &o) < 0)
		return 2;
	if (o.format == NULL || strcmp(o.format, "xapi") != 0)
		return usage_error("%s", _("export: --format xapi is needed"));
	if (o.since != NULL && server_time_parse(o.since, &ms) != 0)
		return usage_error(_("export: '%s' is not an ISO 8601 time "
		    "(2026-11-28 or 2026-11-28T10:00:00Z)"), o.since);
	hs_error_clear(&err);
	rc = server_export(s, 0, o.since, print_statement, NULL, &err);
	if (rc == 0 && fflush(stdout) != 0)
		rc = HS_EIO;
	if (rc == HS_EIO && err.msg[0] == '\0')
		hs_error_set(&err, HS_EIO, _("cannot write the statements"));
	if (rc != 0)
		return fail(&err);
	return 0;
}

/*
 * forward: the statements the LRS refused (server/forward.c)
 */

static int
print_dead(const struct srvstore_dead *d, void *ctx)
{
	char *reason = fileio_printable(d->reason);

	(void)ctx;
	printf("%lld  %s  %s  %lld  %d  %.19s  %s  %s\n", d->id,
	    d->uuid != NULL ? d->uuid : "-", d->device != NULL ? d->device :
	    "-", d->seq, d->tries, d->since, d->retry ? _("retry") : "-",
	    reason != NULL ? reason : "?");
	free(reason);
	return 0;
}

static int
collect_dead(const struct srvstore_dead *d, void *ctx)
{
	int *n = ctx;

	(void)d;
	(*n)++;
	return 0;
}

static int
mark_all(const struct srvstore_dead *d, void *ctx)
{
	struct srvstore *st = ctx;
	struct hs_error err;

	return srvstore_dead_mark(st, d->id, 1, &err) == 0 ? 0 : -1;
}

static int
cmd_forward(struct server *s, int argc, char **argv)
{
	struct srvstore *st = server_store(s);
	struct hs_error err;
	long long id;
	char *end;
	int i, n = 0, retry, rc;

	hs_error_clear(&err);
	if (argc < 2)
		return usage_error("%s", _("forward: list, retry or drop?"));
	if (strcmp(argv[1], "list") == 0) {
		if (argc > 2)
			return usage_error("%s", _("forward list takes no "
			    "operand"));
		/* TRANSLATORS: the columns of hocso-server forward list. */
		printf("%s\n", _("ID  STATEMENT  DEVICE  SEQ  TRIES  SINCE  "
		    "RETRY  REASON"));
		return srvstore_dead_each(st, print_dead, NULL, &err) != 0 ?
		    fail(&err) : 0;
	}
	if (strcmp(argv[1], "retry") != 0 && strcmp(argv[1], "drop") != 0)
		return usage_error(_("forward: unknown subcommand '%s'"),
		    argv[1]);
	retry = strcmp(argv[1], "retry") == 0;
	if (!retry && argc < 3)
		return usage_error("%s", _("forward drop: which statements? "
		    "(their ids, from hocso-server forward list)"));
	for (i = 2; i < argc; i++) {
		id = strtoll(argv[i], &end, 10);
		if (argv[i][0] == '\0' || *end != '\0' || id < 1)
			return usage_error(_("forward %s: '%s' is not a "
			    "statement id (see hocso-server forward list)"),
			    argv[1], argv[i]);
	}
	/* All or nothing: one transaction. */
	if ((rc = srvstore_begin(st, &err)) != 0)
		return fail(&err);
	if (argc == 2) {
		rc = srvstore_dead_each(st, collect_dead, &n, &err);
		if (rc == 0 && srvstore_dead_each(st, mark_all, st, &err) != 0)
			rc = hs_error_set(&err, HS_ESTORE, "%s",
			    _("cannot change a refused statement"));
	}
	for (i = 2; rc == 0 && i < argc; i++, n++)
		rc = srvstore_dead_mark(st, atoll(argv[i]), retry, &err);
	if (rc == 0)
		rc = srvstore_commit(st, &err);
	if (rc != 0) {
		srvstore_rollback(st);
		return fail(&err);
	}
	if (retry)
		printf(P_("%d statement will be sent again\n",
		    "%d statements will be sent again\n", n), n);
	else
		printf(P_("%d statement dropped: it will never be sent\n",
		    "%d statements dropped: they will never be sent\n", n), n);
	return 0;
}

static const struct {
	const char *name;
	int (*run)(struct server *, int, char **);
} commands[] = {
	{ "serve", cmd_serve },
	{ "token", cmd_token },
	{ "device", cmd_device },
	{ "import", cmd_import },
	{ "publish", cmd_publish },
	{ "alert", cmd_alert },
	{ "report", cmd_report },
	{ "export", cmd_export },
	{ "forward", cmd_forward },
	{ "rebuild-rollups", cmd_rebuild },
};

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *data = NULL;
	struct server *s;
	struct hs_error err;
	size_t i;
	int c, rc;

	locale_setup(0, NULL);
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			data = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("%s %s\n", PROG, PACKAGE_VERSION);
			return 0;
		default:
			return usage_error(_("%s: unknown option or missing "
			    "value"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("%s", _("a command is needed"));
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			break;
	if (i == sizeof commands / sizeof commands[0])
		return usage_error(_("unknown command '%s'"), argv[optind]);
	if (data == NULL)
		data = getenv("HOCSO_SERVER_DATA");
	if (data == NULL || *data == '\0')
		data = DEFAULT_DATA;
	if (server_open(data, &s, &err) != 0)
		return fail(&err);
	rc = commands[i].run(s, argc - optind, argv + optind);
	server_close(s);
	return rc;
}
