/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * overrides.h: the sub-commands of hocso class and hocso learner that
 * choose a class's modules and change the rules for one learner, one
 * file each: classmodules.c, attempts.c, unlock.c, answers.c.  class.c
 * and learner.c hand them their argv from the sub-command's name on.
 */
#ifndef HOCSO_COMMANDS_OVERRIDES_H
#define HOCSO_COMMANDS_OVERRIDES_H

/* hocso class modules CLASS [list|set ID...|add ID [--at N]|remove ID|
 * lessons-first on|off] */
int classmodules_command(const char *datadir, const char *lang, int argc,
    char **argv);

/* hocso learner attempts [--class C] NAME|ID MODULE
 * [list|reset|add N|extra-time MINUTES] */
int attempts_command(const char *datadir, const char *lang, int argc,
    char **argv);

/* hocso learner unlock [--class C] NAME|ID */
int unlock_command(const char *datadir, const char *lang, int argc,
    char **argv);

/* hocso learner answers [--class C] NAME|ID MODULE */
int answers_command(const char *datadir, const char *lang, int argc,
    char **argv);

/* The common start of the learner ones: --class C taken out of argv
 * (argv[0] is the sub-command's name), the rest left in argv[1..*argc).
 * Returns 0, or -1 on a bad option. */
int overrides_class_opt(int *argc, char **argv, const char **cls);

#endif
