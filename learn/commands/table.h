/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * table.h: hocso's commands, one row each: the name, where it runs, and
 * its lines in "hocso --help".  This list is the only one: hocso's help
 * and its check of a command's name (learn/main.c), and hocso-cmd's
 * dispatch (table.c), are all made from it.
 *
 * A row is X(NAME, WHERE, HELP): the handler is NAME_command, in
 * learn/commands/NAME.c; WHERE is CMD (in hocso-cmd, which links
 * libarchive and libcurl) or APP (in hocso's own process: simulate, so
 * that the lab measures the program a lab's terminals run); HELP is
 * marked with N_ and translated where it is printed.
 */
#ifndef HOCSO_COMMANDS_TABLE_H
#define HOCSO_COMMANDS_TABLE_H

#include "core/i18n.h"

#define COMMANDS_TABLE(X) \
	X(install, CMD, N_( \
	    "  install PKG.hsm...   install signed module packages\n" \
	    "  install --check PKG.hsm|DIR...\n" \
	    "                       what installing would do, changing " \
	    "nothing\n")) \
	X(modules, CMD, N_( \
	    "  modules              list the installed modules\n")) \
	X(remove, CMD, N_( \
	    "  remove ID            remove a module (progress is kept)\n")) \
	X(trust, CMD, N_( \
	    "  trust add KEY.pub    trust a publisher's key\n" \
	    "  trust list           list the trusted publishers\n")) \
	X(class, CMD, N_( \
	    "  class add NAME [--pins]\n" \
	    "                       add a class (--pins: its learners sign " \
	    "in with a PIN)\n" \
	    "  class list           list the classes\n" \
	    "  class set NAME [--pins on|off] [--break MIN] " \
	    "[--daily MIN]\n" \
	    "                       PINs, break reminder and daily limit\n" \
	    "  class rename NAME NEW | class remove NAME\n" \
	    "                       rename a class, or remove an empty one\n" \
	    "  class sheet NAME [--out FILE] [--print] [--new-pins]\n" \
	    "                       a sign-in sheet to print: names, and new " \
	    "PINs\n" \
	    "  class modules CLASS [list | set ID... | add ID [--at N] |\n" \
	    "                       remove ID | lessons-first on|off]\n" \
	    "                       which modules the class sees, in which " \
	    "order,\n" \
	    "                       and whether its quizzes wait for the " \
	    "lessons\n")) \
	X(learner, CMD, N_( \
	    "  learner add --class C NAME [--pin N] [--lang vi|en]\n" \
	    "                       add a learner to a class\n" \
	    "  learner list [--class C] [--ids]\n" \
	    "                       list the learners (--ids: with their ids)\n" \
	    "  learner remove --class C NAME\n" \
	    "                       remove a learner: their name and PIN are " \
	    "erased,\n" \
	    "                       their progress is kept without a name\n" \
	    "  learner import FILE.csv [--add-classes] [--skip-bad]\n" \
	    "                       add learners from a spreadsheet: columns " \
	    "name,\n" \
	    "                       class, and pin and lang if wanted\n" \
	    "  learner rename|move|pin|lang --class C NAME NEW\n" \
	    "                       a new name, class, PIN or language\n" \
	    "  learner speech-rate --class C NAME [slow|normal|fast|school]\n" \
	    "                       a learner's read-aloud speed (school: the " \
	    "school's);\n" \
	    "                       without one, show it\n" \
	    "  learner attempts [--class C] NAME|ID MODULE\n" \
	    "                       [list | reset | add N | extra-time MIN]\n" \
	    "                       a learner's attempts at a quiz: give " \
	    "them back,\n" \
	    "                       add some, or more minutes today\n" \
	    "  learner unlock [--class C] NAME|ID\n" \
	    "                       lift a learner's lockout after wrong " \
	    "PINs\n" \
	    "  learner answers [--class C] NAME|ID MODULE\n" \
	    "                       a learner's wrong answers in a quiz, " \
	    "question\n" \
	    "                       by question\n")) \
	X(report, CMD, N_( \
	    "  report [--class C] [--format text|csv]\n" \
	    "                       the class's progress per learner and " \
	    "module\n")) \
	X(school, CMD, N_( \
	    "  school [--name NAME] [--code CODE] [--teacher-pin PIN]\n" \
	    "                       the school's name and code, and the " \
	    "teacher's PIN\n" \
	    "  school --speech-rate WPM\n" \
	    "                       how fast read-aloud (F4) speaks: 80 to " \
	    "300 words\n" \
	    "                       a minute (130 by default)\n")) \
	X(simulate, APP, N_( \
	    "  simulate --learners N --minutes M [--seed S]\n" \
	    "                       realistic activity, for tests and " \
	    "demos\n")) \
	X(enroll, CMD, N_( \
	    "  enroll --server URL --school CODE --token TOKEN [--force]\n" \
	    "                       enrol this device with the province's " \
	    "server\n" \
	    "  enroll --to DIR --school CODE --token TOKEN\n" \
	    "                       write an enrolment request on a USB " \
	    "stick\n")) \
	X(speak, CMD, N_( \
	    "  speak [--rate WPM] [--wav FILE | --print] FILE.md SCREEN\n" \
	    "  speak [--rate WPM] [--wav FILE | --print] FILE.gift N\n" \
	    "                       read a lesson screen or a question " \
	    "aloud\n")) \
	X(sync, CMD, N_( \
	    "  sync [--server URL] [--tries N]\n" \
	    "                       send the learners' progress to the " \
	    "server as\n" \
	    "                       signed bundles, then get new modules " \
	    "and alerts\n" \
	    "  sync [--to DIR] [--from DIR]\n" \
	    "                       --to writes the bundles to DIR (a USB " \
	    "stick),\n" \
	    "                       --from reads the receipts the province " \
	    "wrote there\n")) \
	X(help_requests, CMD, N_( \
	    "  help-requests list [--open]\n" \
	    "                       children's requests for help, the " \
	    "unhandled first\n" \
	    "  help-requests show ID\n" \
	    "                       one request with what was done about it\n" \
	    "  help-requests mark ID talked|passed|closed [--note TEXT]\n" \
	    "                       say what was done: talked with the " \
	    "child, passed to\n" \
	    "                       the child-protection contact or 111, " \
	    "or closed\n"))

/* A command's handler: runs argv[0] (the command's name) with its
 * arguments on the data folder, in lang.  Returns the exit status: 0,
 * 1 when something failed (said on stderr, one line each), 2 for a bad
 * command line. */
typedef int command_fn(const char *datadir, const char *lang, int argc,
    char **argv);

enum command_where { COMMAND_IN_APP, COMMAND_IN_CMD };

struct command {
	const char *name;
	enum command_where where;
	command_fn *run;	/* NULL where the table's linker has none */
	const char *help;	/* untranslated: print _(help) */
};

/* Every handler, install_command ... sync_command. */
#define COMMANDS_DECLARE(name, where, help) command_fn name##_command;
COMMANDS_TABLE(COMMANDS_DECLARE)
#undef COMMANDS_DECLARE

/* A row of the table with only the handlers of commands that run in
 * hocso itself, so that the app links none of the others:
 * static const struct command t[] = { COMMANDS_TABLE(COMMANDS_APP_ROW) }; */
#define COMMANDS_RUN_APP(name) name##_command
#define COMMANDS_RUN_CMD(name) NULL
#define COMMANDS_APP_ROW(name, where, help) \
	{ #name, COMMAND_IN_##where, COMMANDS_RUN_##where(name), help },

/* hocso-cmd's table: every row with its handler (table.c). */
extern const struct command commands_table[];
extern const int commands_count;

/* The row named name in table[0..n), or NULL. */
const struct command *commands_find(const struct command *table, int n,
    const char *name);

/* Runs the command argv[0] from commands_table on the data folder in
 * lang; says "unknown command" (exit status 2) when there is none.
 * Returns the exit status, as command_fn. */
int commands_run(const char *datadir, const char *lang, int argc,
    char **argv);

#endif
