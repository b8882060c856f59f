/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmdrun.h: running one of hocso's headless commands in hocso-cmd, the
 * program that links what the app must not load (libarchive, libcurl):
 * installing packages from a stick runs there, in a process of its own,
 * and the app reads what it printed.  Others run beside the app as it
 * goes on (cmdrun_start): read-aloud's voice, the password meter.  No
 * curses, no SQL.
 */
#ifndef HOCSO_CMDRUN_H
#define HOCSO_CMDRUN_H

#include <stddef.h>
#include <sys/types.h>

#include "core/error.h"

/* The hocso-cmd to run: the one beside the running program (a build
 * tree), else the installed one.  Fills buf. */
void cmdrun_path(char *buf, size_t len);

/* Runs hocso-cmd --data-dir datadir --lang lang args... (args ends with
 * NULL) with standard input from /dev/null, and waits for it.  Returns
 * 0 with *out and *errout (new NUL-terminated strings, the caller frees
 * them; each kept to its first 1 MiB) and *status (its exit status, or
 * 128 + the signal that ended it); or HS_EIO when it could not be run,
 * with err saying why. */
int cmdrun(const char *datadir, const char *lang, const char *const *args,
    char **out, char **errout, int *status, struct hs_error *err);

/* As cmdrun() for any program: argv[0] (found on PATH when it has no
 * '/') with argv (ending with NULL). */
int cmdrun_program(const char *const *argv, char **out, char **errout,
    int *status, struct hs_error *err);

/* Starts hocso-cmd --data-dir datadir --lang lang args... (args ends
 * with NULL) beside the app and returns at once: 0 with *pid, or HS_EIO
 * with err saying why.  Its standard input is a pipe whose writing end
 * is put in *to when to is not NULL, else /dev/null; its standard
 * output a pipe whose reading end is put in *from when from is not
 * NULL, else /dev/null; its standard error /dev/null, so that nothing
 * of it reaches the screen.  The app's ends are close-on-exec; the
 * caller closes them.  The child gets SIGTERM when the app dies. */
int cmdrun_start(const char *datadir, const char *lang,
    const char *const *args, pid_t *pid, int *to, int *from,
    struct hs_error *err);

/* Ends a child of cmdrun_start() (SIGTERM) and collects it, so that no
 * zombie is left; sets *pid to 0.  Nothing when *pid is 0. */
void cmdrun_stop(pid_t *pid);

/* Whether the program name (no '/') is on PATH, executable. */
int cmdrun_found(const char *name);

#endif
