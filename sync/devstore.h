/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * devstore.h: the device's database (hocso.db): opening it at its
 * current schema, and the device's identity.
 *
 * The events table is append-only (triggers refuse UPDATE and DELETE):
 * one xAPI-shaped row per learner action, written with store_write() or
 * store_event_append() in the same transaction as the state the action
 * changes.  A store made by a newer hocso is refused.
 */
#ifndef HOCSO_DEVSTORE_H
#define HOCSO_DEVSTORE_H

#include "core/error.h"
#include "core/store.h"

/* The schema version this build creates and understands. */
#define DEVSTORE_VERSION 10

/* Settings key: this device's random id (a UUID), made with the store. */
#define DEVSTORE_DEVICE_ID "device_id"

/* Opens (creating if needed) the device's store at path and migrates it
 * to DEVSTORE_VERSION.  On success *sp is set; the caller closes it with
 * store_close().  Returns 0 or a negative code with err filled. */
int devstore_open(const char *path, struct store **sp, struct hs_error *err);

/* As devstore_open(), but migrates no further than version (tests use it
 * to make an old store). */
int devstore_open_at_version(const char *path, int version,
    struct store **sp, struct hs_error *err);

/* This device's id, copied into buf (size len, UUID_LEN + 1 is enough).
 * Returns 0, HS_EINVAL when the store holds none (damaged: never made
 * anew here) or HS_ESTORE. */
int devstore_device_id(struct store *s, char *buf, int len,
    struct hs_error *err);

#endif
