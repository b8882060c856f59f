/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * schools.c: the province's school registry (hocso-server school add,
 * rename, list, remove, merge): each school's code (sync/schoolcode.h:
 * the device's rule, case-insensitive, kept in upper case), name,
 * commune and province.  The 2025 mergers of communes renamed and
 * merged many schools: rename changes what a school is called, merge
 * moves one school's devices, events, tokens and classes into another.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "core/util.h"
#include "server/server.h"
#include "server/srvstore.h"
#include "sync/schoolcode.h"

#define SCHOOL_NAME_MAX 200		/* bytes of a name, commune, province */

/* Checks code into canon; err names it. */
static int
code_of(const char *code, char *canon, struct hs_error *err)
{
	struct hs_error e2;

	if (schoolcode_canon(code, canon, SCHOOLCODE_MAX + 1, &e2) != 0)
		return hs_error_set(err, HS_EINVAL, _("'%s' is not a school code: "
		    "1 to %d letters, digits, '-', '_' or '.'"), code,
		    SCHOOLCODE_MAX);
	return 0;
}

/* A name, commune or province: UTF-8 text on one line, not empty, at
 * most SCHOOL_NAME_MAX bytes. */
static int
text_ok(const char *what, const char *v, struct hs_error *err)
{
	const char *p;

	if (v == NULL)
		return 0;
	if (*v == '\0' || strlen(v) > SCHOOL_NAME_MAX ||
	    u8_check((const uint8_t *)v, strlen(v)) != NULL)
		return hs_error_set(err, HS_EINVAL, _("the %s must be text of 1 "
		    "to %d bytes, on one line"), what, SCHOOL_NAME_MAX);
	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return hs_error_set(err, HS_EINVAL, _("the %s must be "
			    "text of 1 to %d bytes, on one line"), what,
			    SCHOOL_NAME_MAX);
	return 0;
}

int
server_school_put(struct server *s, const char *code, const char *name,
    const char *commune, const char *province, int create,
    struct hs_error *err)
{
	struct srvstore_school sc;
	char canon[SCHOOLCODE_MAX + 1], now[32];
	int rc;

	if ((rc = code_of(code, canon, err)) != 0 ||
	    (rc = text_ok(_("name"), name, err)) != 0 ||
	    (rc = text_ok(_("commune"), commune, err)) != 0 ||
	    (rc = text_ok(_("province"), province, err)) != 0)
		return rc;
	memset(&sc, 0, sizeof sc);
	util_iso8601(clock_now_ms(), now, sizeof now);
	sc.code = canon;
	sc.created = now;
	sc.name = name;
	sc.commune = commune;
	sc.province = province;
	if ((rc = srvstore_begin(server_store(s), err)) != 0)
		return rc;
	rc = srvstore_school_put(server_store(s), &sc, create, err);
	if (rc == HS_ENOTFOUND)
		hs_error_set(err, create ? HS_EINVAL : HS_ENOTFOUND, create ?
		    _("school %s is in the registry already (change it with "
		    "hocso-server school rename)") : _("no school %s in the "
		    "registry (see hocso-server school list)"), canon);
	if (rc == HS_ENOTFOUND && create)
		rc = HS_EINVAL;
	if (rc == 0)
		return srvstore_commit(server_store(s), err);
	srvstore_rollback(server_store(s));
	return rc;
}

int
server_school_registered(struct srvstore *st, const char *code,
    struct hs_error *err)
{
	int rc = srvstore_school_exists(st, code, err);

	if (rc == 0)
		return hs_error_set(err, HS_ENOTFOUND, _("no school %s in the "
		    "registry (see hocso-server school list)"), code);
	return rc < 0 ? rc : 0;
}

int
server_school_remove(struct server *s, const char *code, struct hs_error *err)
{
	char canon[SCHOOLCODE_MAX + 1];
	int rc;

	if ((rc = code_of(code, canon, err)) != 0)
		return rc;
	if ((rc = srvstore_begin(server_store(s), err)) != 0)
		return rc;
	rc = srvstore_school_remove(server_store(s), canon, err);
	if (rc == HS_ENOTFOUND)
		hs_error_set(err, rc, _("no school %s in the registry (see "
		    "hocso-server school list)"), canon);
	else if (rc == HS_EINVAL)
		hs_error_set(err, rc, _("school %s has devices or events: it "
		    "cannot be removed, only merged into another (hocso-server "
		    "school merge %s CODE)"), canon, canon);
	if (rc == 0)
		return srvstore_commit(server_store(s), err);
	srvstore_rollback(server_store(s));
	return rc;
}

int
server_school_merge(struct server *s, const char *from, const char *into,
    struct hs_error *err)
{
	char a[SCHOOLCODE_MAX + 1], b[SCHOOLCODE_MAX + 1];
	const char *code;
	int rc;

	if ((rc = code_of(from, a, err)) != 0 ||
	    (rc = code_of(into, b, err)) != 0)
		return rc;
	/* "lc-001" into "LC-001": the same canonical code, but two rows
	 * made by an older server; compare as given. */
	if (strcmp(from, into) == 0)
		return hs_error_set(err, HS_EINVAL, _("a school cannot be "
		    "merged into itself"));
	code = strcmp(a, b) == 0 ? from : a;
	if ((rc = srvstore_begin(server_store(s), err)) != 0)
		return rc;
	if ((rc = server_school_registered(server_store(s), code, err)) == 0)
		rc = server_school_registered(server_store(s), b, err);
	if (rc == 0)
		rc = srvstore_school_merge(server_store(s), code, b, err);
	if (rc == 0)
		return srvstore_commit(server_store(s), err);
	srvstore_rollback(server_store(s));
	return rc;
}
