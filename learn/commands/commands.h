/*
 * commands.h: hocso's headless subcommands (install, modules, remove,
 * trust, class, learner): each prints what it did, one line per item,
 * and never starts curses.  They run in their own program, hocso-cmd, which hocso starts
 * for them: it links libarchive and its many libraries, which the app
 * itself then never loads (see learn/cmd-main.c).
 */
#ifndef HOCSO_COMMANDS_H
#define HOCSO_COMMANDS_H

/* Runs the subcommand argv[0] with its arguments on the data folder in
 * lang.  Returns the exit status: 0, 1 when something failed (said on
 * stderr, one line each), 2 for a bad command line. */
int commands_run(const char *datadir, const char *lang, int argc,
    char **argv);

struct store;

/* Opens the data folder's store; says why not on standard error and
 * returns NULL. */
struct store *commands_open_store(const char *datadir);

/* hocso school (school-cmd.c): argv[0] is "school". */
int school_command(const char *datadir, int argc, char **argv);

/* hocso simulate (simulate.c): argv[0] is "simulate". */
int simulate_command(const char *datadir, int argc, char **argv);

/* hocso report (report-cmd.c): argv[0] is "report". */
int report_command(const char *datadir, const char *lang, int argc,
    char **argv);

/* hocso sync (sync-cmd.c): argv[0] is "sync". */
int sync_command(const char *datadir, const char *lang, int argc,
    char **argv);

/* hocso enroll (sync-cmd.c): argv[0] is "enroll". */
int enroll_command(const char *datadir, int argc, char **argv);

#endif
