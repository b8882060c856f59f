/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: hocso-server, the province server's commands (serve, token,
 * device, import, publish, alert, report, export).  Each command parses
 * its options, opens the server's data folder and calls server/server.h
 * (or the HTTP front, server/http.h); errors are one line on stderr.
 * Exit: 0 ok, 1 failure, 2 usage.
 */
#include "config.h"

#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/fileio.h"
#include "core/i18n.h"
#include "core/keys.h"
#include "core/locale.h"
#include "core/util.h"
#include "core/version.h"
#include "server/audit.h"
#include "server/cmd-admin.h"
#include "server/cmd-user.h"
#include "server/cmdsay.h"
#include "server/http.h"
#include "server/localise.h"
#include "server/purge.h"
#include "server/report.h"
#include "server/server.h"
#include "server/srvstore.h"
#include "server/srvstore-admin.h"
#include "sync/schoolcode.h"

#define PROG "hocso-server"
#define DEFAULT_DATA "/var/lib/hocso-server"

static void
usage(FILE *f)
{
	fprintf(f, _("Usage: %s [--data DIR] COMMAND [OPTIONS]\n"), PROG);
	fputs(_("The province server: receives the schools' progress, offers "
	    "them\nmodules and alerts.\n\n"), f);
	fputs(_("Commands:\n"
	    "  serve [--listen ADDR:PORT] [--port-file FILE]\n"
	    "        [--max-connections N] [--per-client N] [--timeout SECONDS]\n"
	    "        [--forward-lrs URL] [--lrs-auth USER:PASSWORD]\n"
	    "        [--metrics-from CIDR]\n"
	    "                          answer the devices over HTTP\n"
	    "  token --school CODE [--days N]\n"
	    "                          make a one-time enrolment token\n"
	    "  device list [--school CODE]\n"
	    "                          the devices enrolled\n"
	    "  device revoke DEVICE    refuse the device's later bundles\n"
	    "  import DIR              take the enrolment requests and the\n"
	    "                          bundles on a USB stick\n"
	    "  publish [--force] PKG.hsm\n"
	    "                          offer a module package to every school\n"
	    "  alert FILE              send a safety alert to every device\n"
	    "  report [--school CODE] [--format text|csv|csv-vi|help-csv]\n"
	    "                          progress per school, class and module\n"
	    "  report --since DAY --until DAY [--school CODE] [--format csv]\n"
	    "                          per ISO week: lessons, attempts, passes\n"
	    "  export --format xapi [--since TIME] [--until TIME]\n"
	    "                          the statements (received then) as JSON "
	    "lines\n"
	    "  rebuild-rollups         count the report's figures again from "
	    "the events\n"
	    "  forward list            the statements the LRS refused, set "
	    "aside\n"
	    "  forward retry [ID...]   send them (all, or those) again\n"
	    "  forward drop ID...      never send those\n\n"), f);
	fputs(_("A server's life:\n"
	    "  init                    make a new server in the data folder\n"
	    "  key paper               the server's key on paper, to keep\n"
	    "  key restore             type the paper key back (from stdin)\n"
	    "  token list [--school CODE] | cancel ID | bulk [--days N] FILE.csv\n"
	    "                          the tokens; many from a CSV of schools\n"
	    "  alert list              the alerts published\n"
	    "  alert withdraw ID       remove an alert from every device\n"
	    "  module list | withdraw ID [VERSION]\n"
	    "                          the modules published; stop offering one\n"
	    "  bundle list [--all] | show ID | resolve ID --accept|--drop\n"
	    "                          the bundles kept aside after a 409\n"
	    "  audit [--since TIME] [--until TIME] [--limit N]\n"
	    "                          who changed what, when\n"
	    "  school add CODE --name NAME [--commune C] [--province P]\n"
	    "  school rename CODE [--name N] [--commune C] [--province P]\n"
	    "  school list | remove CODE | merge FROM INTO\n"
	    "                          the school registry\n"
	    "  backup DIR              back the server up into a new folder,\n"
	    "                          while it runs\n"
	    "  restore DIR             restore a backup into an empty data "
	    "folder\n"
	    "\n"), f);
	fputs(_("Reports by commune and children's data:\n"
	    "  report --by commune [--commune C] [--format text|csv]\n"
	    "                          progress per commune and module\n"
	    "  purge --school CODE | --learner ID [--before YYYY-MM-DD]\n"
	    "        [--dry-run | --yes]  erase a school's or a learner's data\n"
	    "  purge --expired [--dry-run | --yes]\n"
	    "                          erase what the retention has passed\n"
	    "  retention [DAYS|off]    how long children's data is kept\n"
	    "  compact                 rewrite the store so that erased data\n"
	    "                          leaves no trace in its free space\n"
	    "\n"), f);
	fputs(_("  user add NAME --role province|school [--school CODE]\n"
	    "       [--password-stdin]  a dashboard account\n"
	    "  user list               the accounts\n"
	    "  user passwd NAME [--password-stdin]\n"
	    "                          set its password, end its sessions\n"
	    "  user remove NAME        remove the account\n"
	    "  user audit [NAME] [--limit N]\n"
	    "                          the last sign-ins, failures, lockouts"
	    "\n\n"), f);
	fputs(_("Options:\n"
	    "  --data DIR   the server's data folder (default "
	    "$HOCSO_SERVER_DATA,\n"
	    "               else /var/lib/hocso-server)\n"
	    "  --help       show this help\n"
	    "  --version    show the version\n"), f);
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
			cmdsay_usage(_("%s: unknown option or missing value"),
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
	case 'M':
		o->metrics_from = arg;
		return 0;
	case 'm': case 'c': case 't':
		i = c == 'm' ? 0 : c == 'c' ? 1 : 2;
		if (number(arg, 1, 100000, field[i]) != 0) {
			cmdsay_usage(_("%s wants a whole number from 1"),
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
		{ "metrics-from", required_argument, NULL, 'M' },
		{ NULL, 0, NULL, 0 }
	};
	struct http_options o = { "127.0.0.1:8417", NULL, 0, 0, 0, NULL,
	    NULL, NULL };
	struct hs_error err;
	int i;

	if ((i = parse(argc, argv, opts, take_serve, &o)) < 0)
		return 2;
	if (i < argc)
		return cmdsay_usage(_("serve: unexpected '%s'"), argv[i]);
	if (o.lrs_auth != NULL && o.forward_lrs == NULL)
		return cmdsay_usage("%s",
		    _("--lrs-auth goes with --forward-lrs"));
	hs_error_clear(&err);
	if (http_serve(s, &o, &err) != 0)
		return cmdsay_fail(&err);
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
	char canon[SCHOOLCODE_MAX + 1];	/* the --school given, canonical */
	const char *by, *commune;	/* report --by, --commune */
	const char *until;
};

static int
take_school(int c, const char *arg, void *ctx)
{
	struct school_opts *o = ctx;

	switch (c) {
	case 's':
		/* Case does not matter (sync/schoolcode.h): the store keeps
		 * the upper case. */
		if (schoolcode_canon(arg, o->canon, sizeof o->canon,
		    NULL) != 0) {
			cmdsay_usage(_("--school: '%s' is not a school code"),
			    arg);
			return -1;
		}
		o->school = o->canon;
		return 0;
	case 'f':
		o->format = arg;
		return 0;
	case 'S':
		o->since = arg;
		return 0;
	case 'b':
		o->by = arg;
		return 0;
	case 'C':
		o->commune = arg;
		return 0;
	case 'U':
		o->until = arg;
		return 0;
	case 'd':
		if (number(arg, 1, 3650, &o->days) != 0) {
			cmdsay_usage("%s",
			    _("--days wants a number of days from "
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
	{ "by", required_argument, NULL, 'b' },
	{ "commune", required_argument, NULL, 'C' },
	{ "until", required_argument, NULL, 'U' },
	{ NULL, 0, NULL, 0 }
};

/* Parses the options of a command that takes some of school_opts and
 * no operands beyond nargs; only the options in allowed count. */
static int
parse_school(int argc, char **argv, const char *allowed, int nargs,
    struct school_opts *o)
{
	struct option opts[sizeof school_opts / sizeof school_opts[0]];
	int i, n = 0;

	for (i = 0; school_opts[i].name != NULL; i++)
		if (strchr(allowed, school_opts[i].val) != NULL)
			opts[n++] = school_opts[i];
	memset(&opts[n], 0, sizeof opts[n]);
	if ((i = parse(argc, argv, opts, take_school, o)) < 0)
		return -1;
	if (argc - i != nargs) {
		if (argc - i > nargs)
			cmdsay_usage(_("%s: too many arguments"), argv[0]);
		else
			cmdsay_usage(_("%s: an argument is missing"), argv[0]);
		return -1;
	}
	return i;
}

static int
print_token(const char *hash, const struct srvstore_token *t, void *ctx)
{
	const char *now = ctx, *state;

	if (t->used_at[0] != '\0')
		state = _("used");
	else if (strcmp(t->expires, t->created) == 0)
		state = _("cancelled");
	else if (strcmp(t->expires, now) < 0)
		state = _("expired");
	else
		state = _("pending");
	printf("%.10s  %s  %.10s  %.10s  %s  %s\n", hash, t->school,
	    t->created, t->expires, state, t->device[0] != '\0' ? t->device :
	    "-");
	return 0;
}

/* token bulk FILE: a token per school (or N) of a CSV file (school code
 * first, a count second; ',' or ';'; a header line skipped), all
 * checked before any is made; the tokens as CSV on standard output,
 * for a mail merge. */
static int
token_bulk(struct server *s, const char *file, int days)
{
	struct hs_error err;
	char **codes = NULL, *text, *line, *save = NULL, *f, *c;
	char token[64], expires[32], canon[SCHOOLCODE_MAX + 1];
	int *counts = NULL, n = 0, i, j, lineno = 0, rc = 0, count, bad;
	size_t len;

	hs_error_clear(&err);
	if (fileio_read(file, 1 << 20, &text, &len, &err) != 0)
		return cmdsay_fail(&err);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		line[strcspn(line, "\r")] = '\0';
		if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0)
			line += 3;
		f = line + strspn(line, " \t\"");
		c = f + strcspn(f, ",;");
		count = 1;
		bad = 0;
		if (*c != '\0') {
			char *end;

			*c++ = '\0';
			c += strspn(c, " \t\"");
			if (*c != '\0') {
				count = (int)strtol(c, &end, 10);
				end += strspn(end, " \t\"");
				bad = end == c || *end != '\0' || count < 1 ||
				    count > 100;
			}
		}
		/* Trailing spaces and the closing quote go; inside ones
		 * stay, for the code's rule to refuse. */
		for (len = strlen(f); len > 0 && strchr(" \t\"", f[len - 1]) !=
		    NULL; len--)
			f[len - 1] = '\0';
		/* A header: a first line whose count is no number, or
		 * whose first field says what the column is. */
		if (lineno == 1 && (bad || strcasecmp(f, "school") == 0 ||
		    strcasecmp(f, "code") == 0))
			continue;
		if (bad) {
			rc = hs_error_set_at(&err, HS_EINVAL, file, lineno, 0,
			    _("the number of tokens must be 1 to 100: nothing "
			    "was made"));
			break;
		}
		if (*f == '\0')
			continue;
		if (schoolcode_canon(f, canon, sizeof canon, NULL) != 0) {
			rc = hs_error_set_at(&err, HS_EINVAL, file, lineno, 0,
			    _("'%s' is not a school code: nothing was made"), f);
			break;
		}
		codes = xrealloc(codes, (size_t)(n + 1) * sizeof *codes);
		counts = xrealloc(counts, (size_t)(n + 1) * sizeof *counts);
		codes[n] = xstrdup(canon);
		counts[n++] = count;
	}
	free(text);
	if (rc == 0 && n == 0)
		rc = hs_error_set_at(&err, HS_EINVAL, file, 0, 0, _("no school "
		    "code in it: nothing was made"));
	util_iso8601(clock_now_ms() + (long long)days * 86400000LL, expires,
	    sizeof expires);
	if (rc == 0)
		printf("school,token,expires\r\n");
	for (i = 0; rc == 0 && i < n; i++)
		for (j = 0; rc == 0 && j < counts[i]; j++)
			if ((rc = server_token_new(s, codes[i], days, token,
			    sizeof token, &err)) == 0)
				printf("%s,%s,%.10s\r\n", codes[i], token,
				    expires);
	for (i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	free(counts);
	return rc != 0 ? cmdsay_fail(&err) : 0;
}

static int
cmd_token(struct server *s, int argc, char **argv)
{
	struct school_opts o = { NULL, NULL, NULL, 30, "", NULL, NULL, NULL };
	struct hs_error err;
	char token[64], now[32];
	int rc;

	hs_error_clear(&err);
	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		if (parse_school(argc - 1, argv + 1, "s", 0, &o) < 0)
			return 2;
		util_iso8601(clock_now_ms(), now, sizeof now);
		/* TRANSLATORS: the columns of hocso-server token list. */
		printf("%s\n", _("ID  SCHOOL  MADE  EXPIRES  STATE  DEVICE"));
		return srvstore_token_each(server_store(s), o.school,
		    print_token, now, &err) != 0 ? cmdsay_fail(&err) : 0;
	}
	if (argc >= 2 && strcmp(argv[1], "cancel") == 0) {
		if (parse_school(argc - 1, argv + 1, "", 1, &o) < 0)
			return 2;
		if (strlen(argv[argc - 1]) < 6 || strspn(argv[argc - 1],
		    "0123456789abcdef") != strlen(argv[argc - 1]))
			return cmdsay_usage(
			    _("token cancel: '%s' is not a token "
			    "id (see hocso-server token list)"), argv[argc - 1]);
		if ((rc = srvstore_begin(server_store(s), &err)) == 0 &&
		    (rc = srvstore_token_cancel(server_store(s),
		    argv[argc - 1], &err)) == 0)
			rc = srvstore_commit(server_store(s), &err);
		else
			srvstore_rollback(server_store(s));
		if (rc == HS_ENOTFOUND || rc == HS_EINVAL || rc == 1) {
			hs_error_set(&err, HS_EINVAL, rc == 1 ? _("token %s was "
			    "used already: revoke its device instead "
			    "(hocso-server device revoke)") : rc == HS_EINVAL ?
			    _("more than one token starts with %s: give more of "
			    "its id") : _("no token %s (see hocso-server token "
			    "list)"), argv[argc - 1]);
			return cmdsay_fail(&err);
		}
		if (rc != 0)
			return cmdsay_fail(&err);
		printf(_("token %s cancelled\n"), argv[argc - 1]);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "bulk") == 0) {
		if (parse_school(argc - 1, argv + 1, "d", 1, &o) < 0)
			return 2;
		return token_bulk(s, argv[argc - 1], o.days);
	}
	if (parse_school(argc, argv, "sd", 0, &o) < 0)
		return 2;
	if (o.school == NULL)
		return cmdsay_usage("%s", _("token: --school CODE is needed"));
	if (server_token_new(s, o.school, o.days, token, sizeof token,
	    &err) != 0)
		return cmdsay_fail(&err);
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
	struct school_opts o = { NULL, NULL, NULL, 0, "", NULL, NULL, NULL };
	struct hs_error err;

	if (argc < 2)
		return cmdsay_usage("%s", _("device: list or revoke?"));
	if (strcmp(argv[1], "list") == 0) {
		if (parse_school(argc - 1, argv + 1, "s", 0, &o) < 0)
			return 2;
		/* TRANSLATORS: the columns of hocso-server device list. */
		printf("%s\n", _("DEVICE  SCHOOL  ENROLLED  LAST-BUNDLE  EVENTS  "
		    "REVOKED"));
		if (srvstore_device_each(server_store(s), o.school,
		    print_device, NULL, &err) != 0)
			return cmdsay_fail(&err);
		return 0;
	}
	if (strcmp(argv[1], "revoke") == 0) {
		if (parse_school(argc - 1, argv + 1, "", 1, &o) < 0)
			return 2;
		if (server_device_revoke(s, argv[argc - 1], &err) != 0)
			return cmdsay_fail(&err);
		printf(_("device %s revoked\n"), argv[argc - 1]);
		return 0;
	}
	return cmdsay_usage(_("device: unknown subcommand '%s'"), argv[1]);
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
		return cmdsay_fail(&err);
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
	if (t.behind > 0)
		printf(P_("%d bundle follows events this server does not hold "
		    "(restored from a backup?): its device is told on the "
		    "stick, and sends them again\n", "%d bundles follow events "
		    "this server does not hold (restored from a backup?): "
		    "their devices are told on the stick, and send them "
		    "again\n", t.behind), t.behind);
	if (t.refused > 0) {		/* the audit row's reason */
		char why[64];

		snprintf(why, sizeof why, "%d bundles stored, %d refused",
		    t.bundles, t.refused);
		audit_note_error(why);
	}
	return t.refused > 0 ? 1 : 0;
}

/* Publishes the package on standard input, through a temporary file of
 * fileio's in the data folder that is never committed. */
static int
publish_stdin(struct server *s, int force, char **id, char **version,
    char **offered, struct hs_error *err)
{
	struct fileio_tmp t;
	char buf[65536], *path;
	size_t n;
	ssize_t w;
	long long total = 0;
	int rc;

	path = util_path_join(server_dir(s), ".publish-stdin.hsm");
	rc = fileio_begin(&t, path, 0600, err);
	free(path);
	if (rc != 0)
		return rc;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
		if ((w = write(t.fd, buf, n)) < 0 || (size_t)w != n) {
			fileio_abort(&t);
			return hs_error_set(err, HS_EIO, _("cannot keep the "
			    "package read from standard input"));
		}
		total += (long long)n;
	}
	if (ferror(stdin) || total == 0) {
		fileio_abort(&t);
		return hs_error_set(err, HS_EINVAL, _("no package on standard "
		    "input"));
	}
	rc = server_publish_ex(s, t.tmp, force, id, version, offered, err);
	fileio_abort(&t);
	return rc;
}

static int
cmd_publish(struct server *s, int argc, char **argv)
{
	struct school_opts o = { 0 };
	struct hs_error err;
	char *id, *version, *offered = NULL;
	int force = 0;

	/* --force: an older version than the catalog offers, beside it. */
	if (argc >= 2 && strcmp(argv[1], "--force") == 0) {
		force = 1;
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	if (parse_school(argc, argv, "", 1, &o) < 0)
		return 2;
	hs_error_clear(&err);
	/* "-": the package on standard input, for one the service user
	 * cannot read (in the admin's 0700 home): sudo -u hocso
	 * hocso-server publish - <~/pkg.hsm. */
	if (strcmp(argv[argc - 1], "-") == 0) {
		if (publish_stdin(s, force, &id, &version, &offered, &err) != 0)
			return cmdsay_fail(&err);
	} else if (server_publish_ex(s, argv[argc - 1], force, &id, &version,
	    &offered, &err) != 0)
		return cmdsay_fail(&err);
	printf(_("published %s %s\n"), id, version);
	if (offered != NULL)
		printf(_("the catalog still offers %s %s: devices install "
		    "%s only where they have no %s yet\n"), id, offered,
		    version, id);
	free(id);
	free(version);
	free(offered);
	return 0;
}

static int
print_alert(const struct server_alert_row *r, void *arg)
{
	char *title = fileio_printable(r->title);

	(void)arg;
	printf("%lld  %s  %s  %s  %lld  %lld  %s\n", r->number, r->id,
	    r->expires[0] != '\0' ? r->expires : "-", r->withdrawn ?
	    _("withdrawn") : "-", r->received, r->read, title != NULL ?
	    title : "");
	free(title);
	return 0;
}

static int
cmd_alert(struct server *s, int argc, char **argv)
{
	struct school_opts o = { 0 };
	struct hs_error err;
	long long number;

	hs_error_clear(&err);
	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		if (parse_school(argc - 1, argv + 1, "", 0, &o) < 0)
			return 2;
		/* TRANSLATORS: the columns of hocso-server alert list:
		 * RECEIVED and READ count the devices that received the
		 * alert and where a learner read it. */
		printf("%s\n", _("NUMBER  ID  EXPIRES  WITHDRAWN  RECEIVED  READ  "
		    "TITLE"));
		return server_alert_list(s, print_alert, NULL, &err) != 0 ?
		    cmdsay_fail(&err) : 0;
	}
	if (argc >= 2 && strcmp(argv[1], "withdraw") == 0) {
		if (parse_school(argc - 1, argv + 1, "", 1, &o) < 0)
			return 2;
		if (server_alert_withdraw(s, argv[argc - 1], &number,
		    &err) != 0)
			return cmdsay_fail(&err);
		printf(_("alert %s withdrawn: the devices remove it at their "
		    "next sync\n"), argv[argc - 1]);
		return 0;
	}
	if (parse_school(argc, argv, "", 1, &o) < 0)
		return 2;
	if (server_alert(s, argv[argc - 1], &number, &err) != 0)
		return cmdsay_fail(&err);
	printf(_("alert %lld published\n"), number);
	return 0;
}

/*
 * report, export
 */

/* report --format csv-vi: the CSV as a spreadsheet set to Vietnamese
 * reads it (server/localise.h). */
static int
report_csv_vi(struct server *s, const char *school)
{
	struct hs_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	hs_error_clear(&err);
	if ((mem = open_memstream(&buf, &len)) == NULL)
		util_oom();
	rc = server_report(s, school, SERVER_REPORT_CSV, mem, &err);
	fclose(mem);
	if (rc == 0 && localise_csv_vi(buf, len, stdout) != 0)
		rc = hs_error_set(&err, HS_EIO, _("cannot write the report"));
	free(buf);
	return rc != 0 ? cmdsay_fail(&err) : 0;
}

static int period(const char *cmd, const struct school_opts *o, char *from,
    char *to, size_t len);

/* report --since/--until: from the weekly rollups (report-period.c);
 * both bounds are needed, the format text or csv. */
static int
report_period(struct server *s, const struct school_opts *o)
{
	struct hs_error err;
	long long since, until;
	char from[32], to[32];

	if (o->since == NULL || o->until == NULL)
		return cmdsay_usage("%s",
		    _("report: a period needs --since and "
		    "--until"));
	if (strcmp(o->format, "text") != 0 && strcmp(o->format, "csv") != 0)
		return cmdsay_usage(
		    _("report: the report of a period is text or "
		    "csv, not '%s'"), o->format);
	if (period("report", o, from, to, sizeof from) != 0)
		return 2;
	server_period_parse(o->since, 0, &since);
	server_period_parse(o->until, 1, &until);
	hs_error_clear(&err);
	if (server_report_period(s, o->school, since, until, strcmp(o->format,
	    "csv") == 0, stdout, &err) != 0)
		return cmdsay_fail(&err);
	return 0;
}

static int
cmd_report(struct server *s, int argc, char **argv)
{
	struct school_opts o = { NULL, "text", NULL, 0, "", NULL, NULL, NULL };
	enum server_report_format f;
	struct hs_error err;

	if (parse_school(argc, argv, "sfbCSU", 0, &o) < 0)
		return 2;
	if ((o.since != NULL || o.until != NULL) && (o.by != NULL ||
	    o.commune != NULL))
		return cmdsay_usage("%s", _("report: --since and --until, or "
		    "--by commune, not both"));
	if (o.since != NULL || o.until != NULL)
		return report_period(s, &o);
	if (o.by != NULL && strcmp(o.by, "commune") != 0)
		return cmdsay_usage(_("report: --by '%s': only commune"), o.by);
	if (o.by != NULL || o.commune != NULL) {
		if (o.school != NULL)
			return cmdsay_usage("%s", _("report: --school or "
			    "--by commune, not both"));
		if (strcmp(o.format, "text") != 0 &&
		    strcmp(o.format, "csv") != 0)
			return cmdsay_usage(
			    _("report --by commune: format '%s' "
			    "is not text or csv"), o.format);
		return server_report_communes(s, o.commune,
		    strcmp(o.format, "csv") == 0 ? SERVER_REPORT_CSV :
		    SERVER_REPORT_TEXT, stdout, &err) != 0 ?
		    cmdsay_fail(&err) : 0;
	}
	if (strcmp(o.format, "help-csv") == 0)	/* the help counts only */
		return server_report_help(s, o.school, 1, stdout, &err) != 0 ?
		    cmdsay_fail(&err) : 0;
	if (strcmp(o.format, "text") == 0)
		f = SERVER_REPORT_TEXT;
	else if (strcmp(o.format, "csv") == 0)
		f = SERVER_REPORT_CSV;
	else if (strcmp(o.format, "csv-vi") == 0)
		return report_csv_vi(s, o.school);
	else
		return cmdsay_usage(_("report: format '%s' is not text, csv, "
		    "csv-vi or help-csv"), o.format);
	if (server_report(s, o.school, f, stdout, &err) != 0 ||
	    (f == SERVER_REPORT_TEXT && server_report_help(s, o.school, 0,
	    stdout, &err) != 0))
		return cmdsay_fail(&err);
	return 0;
}

static int
cmd_rebuild(struct server *s, int argc, char **argv)
{
	struct hs_error err;
	long long n;

	if (argc > 1)
		return cmdsay_usage(_("rebuild-rollups: unexpected '%s'"),
		    argv[1]);
	if (srvstore_rollups_rebuild(server_store(s), &n, &err) != 0)
		return cmdsay_fail(&err);
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

/* The period of --since and --until (server_period_parse()) as the
 * store's UTC times into from and to ("" when not given); a usage error
 * (2) said, or 0. */
static int
period(const char *cmd, const struct school_opts *o, char *from,
    char *to, size_t len)
{
	const char *arg[2] = { o->since, o->until };
	char *out[2] = { from, to };
	long long ms[2] = { 0, 0 };
	int i;

	for (i = 0; i < 2; i++) {
		out[i][0] = '\0';
		if (arg[i] == NULL)
			continue;
		if (server_period_parse(arg[i], i, &ms[i]) != 0)
			return cmdsay_usage(
			    _("%s: '%s' is not a date (2026-11-28) "
			    "or an ISO 8601 time (2026-11-28T10:00:00Z)"), cmd,
			    arg[i]);
		util_iso8601(ms[i], out[i], len);
	}
	if (arg[0] != NULL && arg[1] != NULL && ms[1] <= ms[0])
		return cmdsay_usage(_("%s: --until %s is not after --since %s"),
		    cmd, arg[1], arg[0]);
	return 0;
}

static int
cmd_export(struct server *s, int argc, char **argv)
{
	struct school_opts o = { 0 };
	struct hs_error err;
	char from[32], to[32];
	int rc;

	if (parse_school(argc, argv, "fSU", 0, &o) < 0)
		return 2;
	if (o.format == NULL || strcmp(o.format, "xapi") != 0)
		return cmdsay_usage("%s", _("export: --format xapi is needed"));
	if (period("export", &o, from, to, sizeof from) != 0)
		return 2;
	hs_error_clear(&err);
	rc = server_export_until(s, 0, from[0] != '\0' ? from : NULL,
	    to[0] != '\0' ? to : NULL, print_statement, NULL, &err);
	if (rc == 0 && fflush(stdout) != 0)
		rc = HS_EIO;
	if (rc == HS_EIO && err.msg[0] == '\0')
		hs_error_set(&err, HS_EIO, _("cannot write the statements"));
	if (rc != 0)
		return cmdsay_fail(&err);
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
		return cmdsay_usage("%s", _("forward: list, retry or drop?"));
	if (strcmp(argv[1], "list") == 0) {
		if (argc > 2)
			return cmdsay_usage("%s", _("forward list takes no "
			    "operand"));
		/* TRANSLATORS: the columns of hocso-server forward list. */
		printf("%s\n", _("ID  STATEMENT  DEVICE  SEQ  TRIES  SINCE  "
		    "RETRY  REASON"));
		return srvstore_dead_each(st, print_dead, NULL, &err) != 0 ?
		    cmdsay_fail(&err) : 0;
	}
	if (strcmp(argv[1], "retry") != 0 && strcmp(argv[1], "drop") != 0)
		return cmdsay_usage(_("forward: unknown subcommand '%s'"),
		    argv[1]);
	retry = strcmp(argv[1], "retry") == 0;
	if (!retry && argc < 3)
		return cmdsay_usage("%s", _("forward drop: which statements? "
		    "(their ids, from hocso-server forward list)"));
	for (i = 2; i < argc; i++) {
		id = strtoll(argv[i], &end, 10);
		if (argv[i][0] == '\0' || *end != '\0' || id < 1)
			return cmdsay_usage(_("forward %s: '%s' is not a "
			    "statement id (see hocso-server forward list)"),
			    argv[1], argv[i]);
	}
	/* All or nothing: one transaction. */
	if ((rc = srvstore_begin(st, &err)) != 0)
		return cmdsay_fail(&err);
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
		return cmdsay_fail(&err);
	}
	if (retry)
		printf(P_("%d statement will be sent again\n",
		    "%d statements will be sent again\n", n), n);
	else
		printf(P_("%d statement dropped: it will never be sent\n",
		    "%d statements dropped: they will never be sent\n", n), n);
	return 0;
}

/* Refuses root on a data folder another user owns: a command run as
 * root would leave root's files there (a store's -wal, a package) that
 * the service, running as its owner, could not open ("Permission
 * denied" at the next sync).  Returns 0 or 1 (said). */
static int
not_owner(const char *dir)
{
	struct passwd *pw;
	struct stat sb;
	char uid[32];

	if (geteuid() != 0 || stat(dir, &sb) != 0 || sb.st_uid == 0)
		return 0;
	pw = getpwuid(sb.st_uid);
	snprintf(uid, sizeof uid, "%lu", (unsigned long)sb.st_uid);
	fprintf(stderr, _("%s: %s belongs to %s: run hocso-server as that "
	    "user (sudo -u %s hocso-server ...); as root it would leave files "
	    "the service cannot open\n"), PROG, dir, pw != NULL ? pw->pw_name :
	    uid, pw != NULL ? pw->pw_name : uid);
	return 1;
}

/*
 * init, key (server/lifecycle.c)
 */

static const char *data_dir;		/* --data, for the commands that
					 * run before the server opens */

static int
cmd_init(struct server *s, int argc, char **argv)
{
	struct school_opts o = { 0 };
	struct hs_error err;
	struct server *made;
	char b64[KEYS_B64_MAX];

	(void)s;
	if (parse_school(argc, argv, "", 0, &o) < 0)
		return 2;
	hs_error_clear(&err);
	if (server_init(data_dir, &err) != 0 ||
	    server_open(data_dir, &made, &err) != 0)
		return cmdsay_fail(&err);
	keys_public_b64(server_public_key(made), b64);
	printf(_("a new hocso server in %s; its public key is %s\n"),
	    data_dir, b64);
	printf("%s\n", _("write its key on paper now and keep it in a safe: "
	    "hocso-server key paper"));
	server_close(made);
	return 0;
}

/* Reads all of f (at most max bytes) into a new string. */
static char *
slurp(FILE *f, size_t max, size_t *len)
{
	char *buf = xmalloc(max + 1);
	size_t n = 0, got;

	while (n < max && (got = fread(buf + n, 1, max - n, f)) > 0)
		n += got;
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int
cmd_key(struct server *s, int argc, char **argv)
{
	struct school_opts o = { 0 };
	struct hs_error err;
	struct server *opened;
	size_t len;
	char *text;
	int rc;

	(void)s;
	hs_error_clear(&err);
	if (argc < 2)
		return cmdsay_usage("%s", _("key: paper or restore?"));
	if (strcmp(argv[1], "paper") == 0) {
		if (parse_school(argc - 1, argv + 1, "", 0, &o) < 0)
			return 2;
		if (server_open(data_dir, &opened, &err) != 0)
			return cmdsay_fail(&err);
		rc = server_key_paper(opened, stdout, &err);
		server_close(opened);
		return rc != 0 ? cmdsay_fail(&err) : 0;
	}
	if (strcmp(argv[1], "restore") == 0) {
		if (parse_school(argc - 1, argv + 1, "", 0, &o) < 0)
			return 2;
		text = slurp(stdin, 4096, &len);
		rc = server_key_restore(data_dir, text, len, &err);
		sodium_memzero(text, len);
		free(text);
		if (rc != 0)
			return cmdsay_fail(&err);
		printf("%s\n", _("the key is restored: server.key and server.pub "
		    "written"));
		return 0;
	}
	return cmdsay_usage(_("key: unknown subcommand '%s'"), argv[1]);
}

static void
say_missing(const char *id, const char *version, const char *why, void *arg)
{
	(void)arg;
	fprintf(stderr, _("%s: module %s %s is not in the backup: %s\n"), PROG,
	    id, version, why);
}

static int
cmd_backup(struct server *s, int argc, char **argv)
{
	struct server_backup_totals t;
	struct school_opts o = { 0 };
	struct hs_error err;

	if (parse_school(argc, argv, "", 1, &o) < 0)
		return 2;
	hs_error_clear(&err);
	if (server_backup(s, argv[argc - 1], &t, say_missing, NULL, &err) != 0)
		return cmdsay_fail(&err);
	printf(P_("backed up into %s: the store (%lld bytes), %d module "
	    "package\n", "backed up into %s: the store (%lld bytes), %d module "
	    "packages\n", t.modules), argv[argc - 1], t.store_bytes,
	    t.modules);
	if (t.missing > 0) {
		fprintf(stderr, P_("%s: %d package the catalog lists is missing "
		    "from the data folder: publish it again\n", "%s: %d "
		    "packages the catalog lists are missing from the data "
		    "folder: publish them again\n", t.missing), PROG,
		    t.missing);
		return 1;
	}
	puts(_("the secret key is not in the backup: keep its paper form "
	    "(hocso-server key paper) apart"));
	return 0;
}

static int
cmd_restore(struct server *s, int argc, char **argv)
{
	struct server_backup_totals t;
	struct school_opts o = { 0 };
	struct hs_error err;
	struct server *opened;
	char *key;
	int have_key;

	(void)s;
	if (parse_school(argc, argv, "", 1, &o) < 0)
		return 2;
	hs_error_clear(&err);
	if (server_restore(argv[argc - 1], data_dir, &t, &err) != 0)
		return cmdsay_fail(&err);
	printf(P_("restored into %s: the store (%lld bytes), %d module "
	    "package\n", "restored into %s: the store (%lld bytes), %d module "
	    "packages\n", t.modules), data_dir, t.store_bytes, t.modules);
	key = util_path_join(data_dir, "server.key");
	have_key = access(key, F_OK) == 0;
	free(key);
	if (!have_key) {
		puts(_("now put the key back before you start the service: "
		    "hocso-server key restore (from its paper form)"));
		return 0;
	}
	if (server_open(data_dir, &opened, &err) != 0)
		return cmdsay_fail(&err);
	server_close(opened);
	puts(_("the key is this server's: start the service; the schools' "
	    "devices send again what the backup lacks"));
	return 0;
}

/*
 * school: the registry (server/schools.c)
 */

struct registry_opts {
	const char *name, *commune, *province;
};

static int
take_registry(int c, const char *arg, void *ctx)
{
	struct registry_opts *o = ctx;

	switch (c) {
	case 'n':
		o->name = arg;
		return 0;
	case 'c':
		o->commune = arg;
		return 0;
	case 'p':
		o->province = arg;
		return 0;
	}
	return -1;
}

static int
print_school(const struct srvstore_school *sc, void *ctx)
{
	const char *f[] = { sc->name, sc->commune, sc->province };
	char *p[3];
	int i;

	(void)ctx;
	for (i = 0; i < 3; i++)
		p[i] = f[i] != NULL ? fileio_printable(f[i]) : NULL;
	printf("%s  %s  %s  %s  %lld  %lld\n", sc->code, p[0] != NULL ? p[0] :
	    "-", p[1] != NULL ? p[1] : "-", p[2] != NULL ? p[2] : "-",
	    sc->devices, sc->events);
	for (i = 0; i < 3; i++)
		free(p[i]);
	return 0;
}

static int
cmd_school(struct server *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "commune", required_argument, NULL, 'c' },
		{ "province", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct registry_opts o = { NULL, NULL, NULL };
	struct hs_error err;
	const char *sub;
	int i, n, rc;

	hs_error_clear(&err);
	if (argc < 2)
		return cmdsay_usage("%s",
		    _("school: add, rename, list, remove or "
		    "merge?"));
	sub = argv[1];
	/* Options after the code too (school add CODE --name ...): GNU
	 * getopt's permutation, unlike the other commands; optind 0 makes
	 * glibc read the option string afresh. */
	optind = 0;
	opterr = 0;
	while ((i = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1)
		if (i == '?' || i == ':' || take_registry(i, optarg, &o) != 0)
			return cmdsay_usage(_("%s: unknown option or missing "
			    "value"), argv[optind]);
	i = optind + 1;			/* in argv */
	n = argc - i;
	if (strcmp(sub, "list") == 0) {
		if (n != 0 || o.name != NULL || o.commune != NULL ||
		    o.province != NULL)
			return cmdsay_usage("%s", _("school list takes no "
			    "operand or option"));
		/* TRANSLATORS: the columns of hocso-server school list. */
		printf("%s\n", _("CODE  NAME  COMMUNE  PROVINCE  DEVICES  "
		    "EVENTS"));
		return srvstore_school_each(server_store(s), print_school,
		    NULL, &err) != 0 ? cmdsay_fail(&err) : 0;
	}
	if (strcmp(sub, "add") == 0 || strcmp(sub, "rename") == 0) {
		if (n != 1)
			return cmdsay_usage(
			    _("school %s: one school code"), sub);
		if (strcmp(sub, "add") == 0 && o.name == NULL)
			return cmdsay_usage("%s",
			    _("school add: --name NAME is "
			    "needed"));
		if (o.name == NULL && o.commune == NULL && o.province == NULL)
			return cmdsay_usage("%s", _("school rename: --name, "
			    "--commune or --province is needed"));
		rc = server_school_put(s, argv[i], o.name, o.commune,
		    o.province, strcmp(sub, "add") == 0, &err);
		if (rc != 0)
			return cmdsay_fail(&err);
		printf(strcmp(sub, "add") == 0 ? _("school %s added\n") :
		    _("school %s changed\n"), argv[i]);
		return 0;
	}
	if (o.name != NULL || o.commune != NULL || o.province != NULL)
		return cmdsay_usage(_("school %s takes no option"), sub);
	if (strcmp(sub, "remove") == 0) {
		if (n != 1)
			return cmdsay_usage("%s", _("school remove: one school "
			    "code"));
		if (server_school_remove(s, argv[i], &err) != 0)
			return cmdsay_fail(&err);
		printf(_("school %s removed\n"), argv[i]);
		return 0;
	}
	if (strcmp(sub, "merge") == 0) {
		if (n != 2)
			return cmdsay_usage("%s",
			    _("school merge: FROM and INTO, "
			    "two school codes"));
		if (server_school_merge(s, argv[i], argv[i + 1], &err) != 0)
			return cmdsay_fail(&err);
		printf(_("school %s merged into %s: its devices, events and "
		    "tokens are %s's now\n"), argv[i], argv[i + 1],
		    argv[i + 1]);
		return 0;
	}
	return cmdsay_usage(_("school: unknown subcommand '%s'"), sub);
}

/*
 * purge, retention (server/purge.h, docs/privacy.md)
 */

/* What a purge erased, or would erase. */
static void
say_purged(const struct srvstore_purged *p)
{
	printf(P_("  %lld event", "  %lld events", p->events), p->events);
	printf(P_(" of %lld learner", " of %lld learners", p->learners),
	    p->learners);
	printf(_(" (%lld not yet sent to the LRS, %lld set aside by it)\n"),
	    p->waiting, p->dead);
	printf(P_("  %lld learner's class\n", "  %lld learners' classes\n",
	    p->classes), p->classes);
	printf(P_("  %lld count of requests for help\n", "  %lld counts of "
	    "requests for help\n", p->help), p->help);
	printf(P_("  %lld bundle kept aside\n", "  %lld bundles kept aside\n",
	    p->kept), p->kept);
	printf(P_("  %lld sign-in audit row\n", "  %lld sign-in audit rows\n",
	    p->audit), p->audit);
}

static int
cmd_purge(struct server *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "school", required_argument, NULL, 's' },
		{ "learner", required_argument, NULL, 'l' },
		{ "before", required_argument, NULL, 'b' },
		{ "expired", no_argument, NULL, 'e' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	struct purge_request q = { NULL, NULL, NULL, 0 };
	struct srvstore_purged p;
	struct hs_error err;
	int c, dry = 0, yes = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1)
		switch (c) {
		case 's': q.school = optarg; break;
		case 'l': q.learner = optarg; break;
		case 'b': q.before = optarg; break;
		case 'e': q.expired = 1; break;
		case 'n': dry = 1; break;
		case 'y': yes = 1; break;
		default:
			return cmdsay_usage(_("%s: unknown option or missing "
			    "value"), argv[optind - 1]);
		}
	if (optind < argc)
		return cmdsay_usage(_("purge: unexpected '%s'"), argv[optind]);
	if (q.expired && (q.school != NULL || q.learner != NULL ||
	    q.before != NULL))
		return cmdsay_usage("%s", _("purge: --expired goes alone"));
	if (!q.expired && q.school == NULL && q.learner == NULL)
		return cmdsay_usage("%s",
		    _("purge: --school CODE, --learner ID "
		    "or --expired is needed"));
	if (dry && yes)
		return cmdsay_usage("%s", _("purge: --dry-run or --yes, not "
		    "both"));
	hs_error_clear(&err);
	if (purge_run(s, &q, yes, &p, &err) != 0)
		return cmdsay_fail(&err);
	if (!yes) {
		puts(_("This would be erased:"));
		say_purged(&p);
		if (dry) {
			puts(_("Nothing was erased (--dry-run)."));
			return 0;
		}
		fprintf(stderr, _("%s: nothing was erased: run it again with "
		    "--yes to erase this for good\n"), PROG);
		return 1;
	}
	puts(_("Erased:"));
	say_purged(&p);
	if (p.events > 0)
		puts(_("The report's figures are counted again from the events "
		    "left."));
	puts(_("Run hocso-server compact when the server is quiet: until "
	    "then the erased bytes may stay in the store's free space."));
	return 0;
}

static int
cmd_compact(struct server *s, int argc, char **argv)
{
	struct hs_error err;
	long long before, after;

	hs_error_clear(&err);
	if (argc > 1)
		return cmdsay_usage(_("compact: unexpected '%s'"), argv[1]);
	if (srvstore_compact(server_store(s), &before, &after, &err) != 0)
		return cmdsay_fail(&err);
	printf(_("The store was rewritten with only what it holds: %.1f MB, "
	    "was %.1f MB.\n"), (double)after / 1e6, (double)before / 1e6);
	return 0;
}

static int
cmd_retention(struct server *s, int argc, char **argv)
{
	struct hs_error err;
	int days;

	hs_error_clear(&err);
	if (argc > 2)
		return cmdsay_usage(_("retention: unexpected '%s'"), argv[2]);
	if (argc == 2) {
		if (strcmp(argv[1], "off") == 0)
			days = 0;
		else if (number(argv[1], 1, 36500, &days) != 0)
			return cmdsay_usage("%s",
			    _("retention: a number of days "
			    "from 1 to 36500, or off"));
		if (purge_retention_set(s, days, &err) != 0)
			return cmdsay_fail(&err);
	} else if (purge_retention_get(s, &days, &err) != 0)
		return cmdsay_fail(&err);
	if (days > 0)
		printf(P_("Children's data is kept %d day after it reaches the "
		    "server; hocso-server serve erases what is older once a "
		    "day.\n", "Children's data is kept %d days after it "
		    "reaches the server; hocso-server serve erases what is "
		    "older once a day.\n", days), days);
	else
		puts(_("No retention is set: children's data is kept until it "
		    "is purged."));
	return 0;
}

static const struct {
	const char *name;
	int (*run)(struct server *, int, char **);
	int open;			/* the server is opened first */
} commands[] = {
	{ "init", cmd_init, 0 },
	{ "key", cmd_key, 0 },
	{ "backup", cmd_backup, 1 },
	{ "school", cmd_school, 1 },
	{ "restore", cmd_restore, 0 },
	{ "serve", cmd_serve, 1 },
	{ "token", cmd_token, 1 },
	{ "device", cmd_device, 1 },
	{ "import", cmd_import, 1 },
	{ "publish", cmd_publish, 1 },
	{ "alert", cmd_alert, 1 },
	{ "report", cmd_report, 1 },
	{ "export", cmd_export, 1 },
	{ "forward", cmd_forward, 1 },
	{ "user", cmd_user, 1 },
	{ "rebuild-rollups", cmd_rebuild, 1 },
	{ "purge", cmd_purge, 1 },
	{ "retention", cmd_retention, 1 },
	{ "compact", cmd_compact, 1 },
	{ "module", cmd_module, 1 },
	{ "bundle", cmd_bundle, 1 },
	{ "audit", cmd_audit, 1 },
};

/*
 * The audit log (server/audit.h): which commands change the server,
 * and what they are called there.
 */

static const struct {
	const char *command, *sub;	/* sub NULL: the command alone */
	const char *action;
} audited[] = {
	{ "token", "cancel", "token cancel" },
	{ "token", "bulk", "token bulk" },
	{ "token", NULL, "token make" },
	{ "device", "revoke", "device revoke" },
	{ "import", NULL, "import" },
	{ "publish", NULL, "publish" },
	{ "module", "withdraw", "module withdraw" },
	{ "alert", "withdraw", "alert withdraw" },
	{ "alert", NULL, "alert send" },
	{ "school", "add", "school add" },
	{ "school", "rename", "school rename" },
	{ "school", "remove", "school remove" },
	{ "school", "merge", "school merge" },
	{ "restore", NULL, "restore" },
	{ "key", "restore", "key restore" },
	{ "user", "add", "user add" },
	{ "user", "passwd", "user passwd" },
	{ "user", "remove", "user remove" },
	{ "bundle", "resolve", "bundle resolve" },
	{ "forward", "retry", "forward retry" },
	{ "forward", "drop", "forward drop" },
};

/* The audit action of argv (a command and its arguments), or NULL; *obj
 * gets the arguments after it, joined by spaces (a new string). */
static const char *
audit_action(int argc, char **argv, char **obj)
{
	size_t i, len = 0;
	int first, j;
	char *o;

	*obj = NULL;
	for (i = 0; i < sizeof audited / sizeof audited[0]; i++) {
		if (strcmp(argv[0], audited[i].command) != 0)
			continue;
		if (audited[i].sub == NULL) {
			/* The command alone, not one of its listing
			 * subcommands. */
			if (argc >= 2 && (strcmp(argv[1], "list") == 0 ||
			    strcmp(argv[1], "show") == 0))
				return NULL;
			first = 1;
		} else if (argc >= 2 && strcmp(argv[1], audited[i].sub) == 0)
			first = 2;
		else
			continue;
		for (j = first; j < argc; j++)
			len += strlen(argv[j]) + 1;
		o = xmalloc(len + 1);
		o[0] = '\0';
		for (j = first; j < argc; j++) {
			if (j > first)
				strcat(o, " ");
			strcat(o, argv[j]);
		}
		*obj = o;
		return audited[i].action;
	}
	return NULL;
}

/* After an audited command: the row its commit did not write, in a
 * transaction of its own: a restore or a key restore (made, not
 * committed, by the command: always), or an action that failed after it
 * had committed part of its work (an import with bundles refused: the
 * row says why).  An action that committed nothing leaves no row: a
 * refused command changes nothing (its one-line reason is on stderr,
 * the journal under systemd), nor does a stick imported again. */
static void
audit_after(struct srvstore *st, const char *who, const char *action,
    const char *obj, int rc, int made)
{
	struct hs_error err;
	char result[1100];
	int written;

	written = srvstore_audit_disarm(st);
	if ((rc == 0 && (written || !made)) || (rc != 0 && !written))
		return;
	if (rc == 0)
		snprintf(result, sizeof result, "ok");
	else
		snprintf(result, sizeof result, "partly done (exit %d)%s%s",
		    rc,
		    *audit_last_error() != '\0' ? ": " : "",
		    audit_last_error());
	hs_error_clear(&err);
	if (audit_record(st, who, action, obj, result, 1, &err) != 0)
		fprintf(stderr, _("%s: the audit log was not written: %s\n"),
		    PROG, err.msg);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "data", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *data = NULL, *action;
	struct server *s;
	struct hs_error err;
	char who[300], *obj = NULL;
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
			version_print(stdout, PROG);
			return 0;
		default:
			return cmdsay_usage(_("%s: unknown option or missing "
			    "value"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cmdsay_usage("%s", _("a command is needed"));
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			break;
	if (i == sizeof commands / sizeof commands[0])
		return cmdsay_usage(_("unknown command '%s'"), argv[optind]);
	if (data == NULL)
		data = getenv("HOCSO_SERVER_DATA");
	if (data == NULL || *data == '\0')
		data = DEFAULT_DATA;
	data_dir = data;
	if (not_owner(data) != 0)
		return 1;
	action = audit_action(argc - optind, argv + optind, &obj);
	audit_whoami(who, sizeof who);
	if (!commands[i].open) {
		rc = commands[i].run(NULL, argc - optind, argv + optind);
		/* restore, key restore: recorded in the store they made
		 * (opened alone: a restore leaves the key to put back). */
		hs_error_clear(&err);
		if (action != NULL && rc == 0) {
			struct srvstore *st;
			char *db = util_path_join(data, SRVSTORE_FILE);

			if (srvstore_open(db, &st, &err) == 0) {
				audit_after(st, who, action, obj, 0, 1);
				srvstore_close(st);
			} else
				fprintf(stderr, _("%s: the audit log was not "
				    "written: %s\n"), PROG, err.msg);
			free(db);
		}
		free(obj);
		return rc;
	}
	if (server_open(data, &s, &err) != 0) {
		free(obj);
		return cmdsay_fail(&err);
	}
	if (action != NULL)
		srvstore_audit_arm(server_store(s), who, action, obj);
	rc = commands[i].run(s, argc - optind, argv + optind);
	if (action != NULL && rc != 2)
		audit_after(server_store(s), who, action, obj, rc, 0);
	else
		srvstore_audit_disarm(server_store(s));
	free(obj);
	server_close(s);
	return rc;
}
