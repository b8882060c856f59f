/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-admin.h: hocso-server's `module`, `bundle` and `audit` commands (a
 * province admin's tools), called from main.c's table of commands.
 * Each returns the exit status: 0, 1 on failure, 2 on a usage mistake
 * (each said in one line on stderr); argv[0] is the command's name.
 */
#ifndef HOCSO_CMD_ADMIN_H
#define HOCSO_CMD_ADMIN_H

#include "server/server.h"

/* module list | withdraw ID [VERSION] */
int cmd_module(struct server *s, int argc, char **argv);
/* bundle list [--all] | show ID | resolve ID --accept|--drop */
int cmd_bundle(struct server *s, int argc, char **argv);
/* audit [--since T] [--until T] [--limit N] */
int cmd_audit(struct server *s, int argc, char **argv);

#endif
