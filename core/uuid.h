/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * uuid.h: random (version 4) UUIDs, the only way a learner, an attempt or
 * an event is named outside the school.
 */
#ifndef HOCSO_UUID_H
#define HOCSO_UUID_H

#define UUID_LEN 36

/* Writes a new random UUID, lower-case, NUL-terminated, into out. */
void uuid_generate(char out[UUID_LEN + 1]);

#endif
