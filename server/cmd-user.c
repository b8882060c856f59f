/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-user.c: `hocso-server user`, the dashboard's accounts from the
 * shell: add, list, passwd, remove, audit (server/account.h does the
 * work).  A password is read from the terminal with echo off, asked
 * twice, or with --password-stdin as the first line of standard input
 * (for scripts); it is never an argument, where ps would show it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "server/account.h"
#include "server/audit.h"
#include "server/cmd-user.h"
#include "server/cmdsay.h"
#include "server/srvstore-users.h"

#define PROG "hocso-server"
#define CMD_USER_LINE (ACCOUNT_PASSWORD_MAX + 2)

/* Reads one line from fd into buf (size CMD_USER_LINE), without its
 * end.  Returns 0, or -1 at the end of the input before any line or for
 * a line too long. */
static int
cmd_user_line(int fd, char *buf)
{
	size_t n = 0;
	ssize_t got;
	char ch;

	for (;;) {
		got = read(fd, &ch, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || ch == '\n')
			break;
		if (n + 1 >= CMD_USER_LINE) {
			sodium_memzero(buf, CMD_USER_LINE);
			return -1;
		}
		buf[n++] = ch;
	}
	if (got <= 0 && n == 0)
		return -1;
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return 0;
}

/* Asks for a password on the terminal, echo off: prompt, then read. */
static int
cmd_user_ask(int tty, const char *prompt, char *buf)
{
	struct termios old, quiet;
	int rc;

	if (write(tty, prompt, strlen(prompt)) < 0 ||
	    tcgetattr(tty, &old) != 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	if (tcsetattr(tty, TCSAFLUSH, &quiet) != 0)
		return -1;
	rc = cmd_user_line(tty, buf);
	tcsetattr(tty, TCSAFLUSH, &old);
	return rc;
}

/* The new password: from stdin's first line, or asked twice on the
 * terminal.  Returns 0 or 1 (said). */
static int
cmd_user_password(int from_stdin, char *buf)
{
	char again[CMD_USER_LINE];
	int tty, rc;

	if (from_stdin) {
		if (cmd_user_line(STDIN_FILENO, buf) != 0) {
			fprintf(stderr, "%s: %s\n", PROG, _("no password on "
			    "standard input (one line, at most 256 "
			    "characters)"));
			return 1;
		}
		return 0;
	}
	tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty < 0 || !isatty(tty)) {
		if (tty >= 0)
			close(tty);
		fprintf(stderr, "%s: %s\n", PROG, _("no terminal to ask the "
		    "password on: give it with --password-stdin"));
		return 1;
	}
	rc = cmd_user_ask(tty, _("New password: "), buf) != 0 ||
	    cmd_user_ask(tty, _("The same again: "), again) != 0 ? -1 :
	    strcmp(buf, again) != 0 ? -2 : 0;
	close(tty);
	sodium_memzero(again, sizeof again);
	if (rc != 0) {
		sodium_memzero(buf, CMD_USER_LINE);
		fprintf(stderr, "%s: %s\n", PROG, rc == -2 ?
		    _("the two passwords differ: nothing changed") :
		    _("no password read: nothing changed"));
		return 1;
	}
	return 0;
}

/* The options of add and passwd. */
struct cmd_user_opts {
	const char *role, *school;
	int password_stdin;
	int limit;
};

/* Parses argv (argv[0] the subcommand) for the options in allowed
 * ("rspl"), and wants exactly want operands (-1: 0 or 1).  Returns the
 * index of the first operand, or -1 after a usage mistake was said. */
static int
cmd_user_parse(int argc, char **argv, const char *allowed, int want,
    struct cmd_user_opts *o)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "school", required_argument, NULL, 's' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	long v;
	int c, n;

	optind = 0;		/* glibc: start afresh, permuting */
	opterr = 0;
	/* Options after the name too: "user add NAME --role ...". */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?' || c == ':' || strchr(allowed, c) == NULL) {
			cmdsay_usage(_("user %s: unknown option or missing "
			    "value: %s"), argv[0], argv[optind - 1]);
			return -1;
		}
		switch (c) {
		case 'r':
			o->role = optarg;
			break;
		case 's':
			o->school = optarg;
			break;
		case 'p':
			o->password_stdin = 1;
			break;
		case 'l':
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 1 ||
			    v > 1000000) {
				cmdsay_usage("%s", _("--limit wants a whole "
				    "number from 1"));
				return -1;
			}
			o->limit = (int)v;
			break;
		}
	}
	n = argc - optind;
	if (want >= 0 ? n != want : n > 1) {
		if (n < (want > 0 ? want : 0))
			cmdsay_usage(_("user %s: an account name is "
			    "needed"), argv[0]);
		else
			cmdsay_usage(_("user %s: unexpected '%s'"), argv[0],
			    argv[optind + (want > 0 ? want : 1)]);
		return -1;
	}
	return optind;
}

static int
cmd_user_add(struct server *s, int argc, char **argv)
{
	struct cmd_user_opts o = { NULL, NULL, 0, 0 };
	struct hs_error err;
	char pw[CMD_USER_LINE];
	int i, role, rc;

	if ((i = cmd_user_parse(argc, argv, "rsp", 1, &o)) < 0)
		return 2;
	if (o.role == NULL)
		return cmdsay_usage("%s", _("user add: --role province or "
		    "--role school is needed"));
	if (strcmp(o.role, "province") == 0)
		role = ACCOUNT_PROVINCE;
	else if (strcmp(o.role, "school") == 0)
		role = ACCOUNT_SCHOOL;
	else
		return cmdsay_usage(_("user add: the role is province or "
		    "school, not '%s'"), o.role);
	if (role == ACCOUNT_SCHOOL && o.school == NULL)
		return cmdsay_usage("%s", _("user add: a school account "
		    "needs --school CODE"));
	if (role == ACCOUNT_PROVINCE && o.school != NULL)
		return cmdsay_usage("%s", _("user add: a province account "
		    "has no --school"));
	if (!account_name_valid(argv[i])) {
		hs_error_set(&err, HS_EINVAL, _("'%s' cannot name an account: "
		    "1 to 63 letters, digits and . _ - @"), argv[i]);
		return cmdsay_fail(&err);
	}
	if (cmd_user_password(o.password_stdin, pw) != 0)
		return 1;
	hs_error_clear(&err);
	rc = account_add(server_store(s), argv[i], role, o.school, pw, &err);
	sodium_memzero(pw, sizeof pw);
	if (rc != 0)
		return cmdsay_fail(&err);
	printf(_("account %s added\n"), argv[i]);
	return 0;
}

static int
cmd_user_print(const struct srvstore_user *u, void *ctx)
{
	(void)ctx;
	printf("%-20s %-9s %-12s %-24s %s\n", u->name, u->role ==
	    ACCOUNT_PROVINCE ? _("province") : _("school"),
	    u->school[0] != '\0' ? u->school : "-",
	    u->last_signin[0] != '\0' ? u->last_signin : "-",
	    u->locked_until[0] != '\0' ? u->locked_until : "-");
	return 0;
}

static int
cmd_user_list(struct server *s, int argc, char **argv)
{
	struct cmd_user_opts o = { NULL, NULL, 0, 0 };
	struct hs_error err;
	char now[32];

	if (cmd_user_parse(argc, argv, "", 0, &o) < 0)
		return 2;
	util_iso8601(clock_now_ms(), now, sizeof now);
	/* TRANSLATORS: the columns of hocso-server user list. */
	printf("%s\n", _("NAME  ROLE  SCHOOL  LAST-SIGN-IN  LOCKED-UNTIL"));
	hs_error_clear(&err);
	if (srvstore_user_each(server_store(s), now, cmd_user_print, NULL,
	    &err) != 0)
		return cmdsay_fail(&err);
	return 0;
}

static int
cmd_user_passwd(struct server *s, int argc, char **argv)
{
	struct cmd_user_opts o = { NULL, NULL, 0, 0 };
	struct srvstore_user u;
	struct hs_error err;
	char pw[CMD_USER_LINE];
	int i, rc;

	if ((i = cmd_user_parse(argc, argv, "p", 1, &o)) < 0)
		return 2;
	hs_error_clear(&err);
	if (srvstore_user_get(server_store(s), argv[i], &u, &err) != 0)
		return cmdsay_fail(&err);
	if (cmd_user_password(o.password_stdin, pw) != 0)
		return 1;
	rc = account_passwd(server_store(s), argv[i], pw, &err);
	sodium_memzero(pw, sizeof pw);
	if (rc != 0)
		return cmdsay_fail(&err);
	printf(_("password of %s changed; its sessions ended\n"), argv[i]);
	return 0;
}

static int
cmd_user_remove(struct server *s, int argc, char **argv)
{
	struct cmd_user_opts o = { NULL, NULL, 0, 0 };
	struct hs_error err;
	int i;

	if ((i = cmd_user_parse(argc, argv, "", 1, &o)) < 0)
		return 2;
	hs_error_clear(&err);
	if (account_remove(server_store(s), argv[i], &err) != 0)
		return cmdsay_fail(&err);
	printf(_("account %s removed\n"), argv[i]);
	return 0;
}

static int
cmd_user_audit_row(const struct srvstore_audit *a, void *ctx)
{
	(void)ctx;
	printf("%s  %-18s %-20s %s\n", a->at, a->event, a->name, a->address);
	return 0;
}

static int
cmd_user_audit(struct server *s, int argc, char **argv)
{
	struct cmd_user_opts o = { NULL, NULL, 0, 50 };
	struct hs_error err;
	int i;

	if ((i = cmd_user_parse(argc, argv, "l", -1, &o)) < 0)
		return 2;
	hs_error_clear(&err);
	if (srvstore_audit_each(server_store(s), i < argc ? argv[i] : NULL,
	    o.limit, cmd_user_audit_row, NULL, &err) != 0)
		return cmdsay_fail(&err);
	return 0;
}

int
cmd_user(struct server *s, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct server *, int, char **);
	} subs[] = {
		{ "add", cmd_user_add },
		{ "list", cmd_user_list },
		{ "passwd", cmd_user_passwd },
		{ "remove", cmd_user_remove },
		{ "audit", cmd_user_audit },
	};
	size_t i;

	if (argc < 2)
		return cmdsay_usage("%s", _("user: add, list, passwd, remove "
		    "or audit?"));
	for (i = 0; i < sizeof subs / sizeof *subs; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(s, argc - 1, argv + 1);
	return cmdsay_usage(_("user: unknown subcommand '%s'"), argv[1]);
}
