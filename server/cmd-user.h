/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-user.h: hocso-server's `user` command (the dashboard's accounts),
 * called from main.c's table of commands.
 */
#ifndef HOCSO_CMD_USER_H
#define HOCSO_CMD_USER_H

#include "server/server.h"

/* hocso-server user add|list|passwd|remove|audit ...: argv[0] is
 * "user".  Returns the exit status: 0, 1 on failure, 2 on a usage
 * mistake (each said in one line on stderr). */
int cmd_user(struct server *s, int argc, char **argv);

#endif
