/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_alert.c: safety alerts: a table of good and bad alert files (each
 * bad one's message checked, line included), the language a learner sees,
 * expiry, and the device's copy in a real store: kept once, unread and
 * read per learner, expired ones never listed.
 */
#include "config.h"

#include "core/store.h"
#include "sync/alert.h"
#include "sync/devstore.h"
#include "tests/testutil.h"

static char db_path[4200];
static char dir[4096];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	snprintf(db_path, sizeof db_path, "%s/hocso.db", dir);
}

static void
teardown(void)
{
	test_rmtree(dir);
}

#define VI_OK "[vi]\ntitle = Cảnh báo\ntext = Đừng bấm vào link lạ.\n"

static const char scam[] =
    "[alert]\n"
    "id = lua-dao-2026-11          ; letters, digits, '.', '-', '_'\n"
    "expires = 2026-12-31          ; optional\n"
    "\n"
    "[vi]\n"
    "title = Cảnh báo: tin nhắn lừa nhận quà\n"
    "text = Có tin nhắn mời nhận quà miễn phí qua một đường link lạ.\n"
    "  Đừng bấm vào link. Hãy hỏi thầy cô hoặc bố mẹ.\n"
    "\n"
    "[en]\n"
    "title = Warning: free gift scam messages\n"
    "text = Messages offer free gifts through a strange link.\n"
    "\tDo not click it.\n";

START_TEST(test_parse_the_protocols_example)
{
	struct alert a;
	struct hs_error err;

	ck_assert_int_eq(alert_parse(scam, strlen(scam), "alert.ini", &a,
	    &err), 0);
	ck_assert_str_eq(a.id, "lua-dao-2026-11");
	ck_assert_str_eq(a.expires, "2026-12-31");
	ck_assert_str_eq(alert_title(&a, "vi"),
	    "Cảnh báo: tin nhắn lừa nhận quà");
	/* a continuation line joins the text with a space */
	ck_assert_str_eq(alert_text(&a, "vi"), "Có tin nhắn mời nhận quà miễn "
	    "phí qua một đường link lạ. Đừng bấm vào link. Hãy hỏi thầy cô "
	    "hoặc bố mẹ.");
	ck_assert_str_eq(alert_title(&a, "en"),
	    "Warning: free gift scam messages");
	ck_assert_str_eq(alert_text(&a, "en"), "Messages offer free gifts "
	    "through a strange link. Do not click it.");
}
END_TEST

/* A file made of parts, for the table below. */
struct alert_case {
	const char *text;
	const char *message;	/* NULL: a good file */
};

static char long_title[400], long_text[4000], max_title[400],
    max_text[4000], long_line[4000], big_file[ALERT_MAX_FILE + 100];

static void
make_long(void)
{
	int i;

	/* 80 Vietnamese characters of 2 or 3 bytes each fit; 81 do not */
	strcpy(max_title, "[alert]\nid = t\n[vi]\ntitle = ");
	strcpy(long_title, max_title);
	for (i = 0; i < 80; i++) {
		strcat(max_title, i % 2 ? "ệ" : "đ");
		strcat(long_title, i % 2 ? "ệ" : "đ");
	}
	strcat(long_title, "a");
	strcat(max_title, "\ntext = x\n");
	strcat(long_title, "\ntext = x\n");
	strcpy(max_text, "[alert]\nid = t\n[vi]\ntitle = x\ntext = ");
	strcpy(long_text, max_text);
	/* 1000 characters on continuation lines */
	for (i = 0; i < 10; i++) {
		if (i > 0) {
			strcat(max_text, "\n  ");
			strcat(long_text, "\n  ");
		}
		/* 99 letters, and the space that joins the lines */
		for (int j = 0; j < 99; j++) {
			strcat(max_text, "ư");
			strcat(long_text, "ư");
		}
	}
	strcat(max_text, "ư\n");
	strcat(long_text, "ưư\n");
	/* one line of 2400 bytes (800 characters): no line limit */
	strcpy(long_line, "[alert]\nid = t\n[en]\ntitle = x\ntext = ");
	for (i = 0; i < 800; i++)
		strcat(long_line, "ờ");
	strcat(long_line, "\n");
	/* a comment line makes the file too big */
	strcpy(big_file, "[alert]\nid = t\n" VI_OK ";");
	memset(big_file + strlen(big_file), 'x', ALERT_MAX_FILE);
	big_file[ALERT_MAX_FILE + 1] = '\0';
}

static const struct alert_case cases[] = {
	{ "[alert]\nid = a.b-c_D9\n" VI_OK, NULL },
	{ "[alert]\nid = only-en\n[en]\ntitle = T\ntext = X\n", NULL },
	{ "[alert]\nid = leap\nexpires = 2028-02-29\n" VI_OK, NULL },
	{ "\xef\xbb\xbf[alert]\nid = bom\n" VI_OK, NULL },
	{ "[alert]\r\nid = crlf\r\n[vi]\r\ntitle = T\r\ntext = X\r\n", NULL },
	/* bad ones */
	{ VI_OK, "alert.ini: [alert] needs an id" },
	{ "[alert]\nid = x\n", "alert.ini: no [vi] or [en] section with a "
	    "title and a text" },
	{ "[alert]\nid = x\n[vi]\ntitle = T\n",
	    "alert.ini: [vi] needs both a title and a text" },
	{ "[alert]\nid = x\n[en]\ntext = T\n",
	    "alert.ini: [en] needs both a title and a text" },
	{ "[alert]\nid = has space\n" VI_OK, "alert.ini:2: the id 'has space' "
	    "must be 1 to 64 letters, digits, '.', '-' or '_'" },
	{ "[alert]\nid = a/b\n" VI_OK, "alert.ini:2: the id 'a/b' must be 1 "
	    "to 64 letters, digits, '.', '-' or '_'" },
	{ "[alert]\nid = "
	    "a123456789a123456789a123456789a123456789a123456789a123456789abcde"
	    "\n" VI_OK, "alert.ini:2: the id "
	    "'a123456789a123456789a123456789a123456789a123456789a123456789abcde'"
	    " must be 1 to 64 letters, digits, '.', '-' or '_'" },
	{ "[alert]\nid = x\nexpires = 2026-02-30\n" VI_OK, "alert.ini:3: "
	    "expires '2026-02-30' is not a day written YYYY-MM-DD" },
	{ "[alert]\nid = x\nexpires = 31/12/2026\n" VI_OK, "alert.ini:3: "
	    "expires '31/12/2026' is not a day written YYYY-MM-DD" },
	{ "[alert]\nid = x\nexpires = 2026-1-31\n" VI_OK, "alert.ini:3: "
	    "expires '2026-1-31' is not a day written YYYY-MM-DD" },
	{ "[alert]\nid = x\nid = y\n" VI_OK,
	    "alert.ini:3: 'id' is given twice" },
	{ "[alert]\nid = x\n[vi]\ntitle = A\ntitle = B\ntext = X\n",
	    "alert.ini:5: 'title' is given twice" },
	{ "[alert]\nid = x\n  more\n" VI_OK, "alert.ini:3: 'id' takes one "
	    "line" },
	{ "[alert]\nid = x\nlevel = high\n" VI_OK, "alert.ini:3: unknown key "
	    "'level' in [alert]: the keys are id and expires" },
	{ "[alert]\nid = x\n[vi]\ntitle = T\nbody = X\n", "alert.ini:5: "
	    "unknown key 'body': a language has a title and a text" },
	{ "[alert]\nid = x\n" VI_OK "[fr]\ntitle = T\ntext = X\n",
	    "alert.ini:6: unknown section [fr]: the sections are [alert], [vi] "
	    "and [en]" },
	{ "[alert]\nid = x\n" VI_OK "[extra]\n", "alert.ini:6: unknown section "
	    "[extra]: the sections are [alert], [vi] and [en]" },
	{ "[alert]\nid = x\n[vi]\ntitle = T\n[vi]\ntext = X\n",
	    "alert.ini:5: section [vi] appears twice" },
	{ "id = x\n" VI_OK, "alert.ini:1: 'id' is not in a section: start "
	    "with [alert]" },
	{ "[alert]\nid = x\n" VI_OK "just words\n",
	    "alert.ini:6: not a 'key = value' line" },
	{ "[alert]\nid = x\n[vi]\ntitle = \ntext = X\n",
	    "alert.ini:4: the title is empty" },
	{ "[alert]\nid = x\n[vi]\ntitle = Tin x\xe1\xbb\n" "text = X\n",
	    "alert.ini:4: not valid UTF-8" },
	{ "[alert]\nid = x\n[vi]\ntitle = \xc3\x28\ntext = X\n",
	    "alert.ini:4: not valid UTF-8" },
};

START_TEST(test_table)
{
	const struct alert_case *c = &cases[_i];
	struct alert a;
	struct hs_error err;
	char msg[1024];
	int rc;

	rc = alert_parse(c->text, strlen(c->text), "alert.ini", &a, &err);
	if (c->message == NULL) {
		ck_assert_msg(rc == 0, "case %d: %s", _i,
		    hs_error_format(&err, msg, sizeof msg));
		ck_assert_str_ne(a.id, "");
		ck_assert_str_ne(alert_title(&a, "vi"), "");
		ck_assert_str_ne(alert_text(&a, "en"), "");
	} else {
		ck_assert_msg(rc == HS_EINVAL, "case %d: accepted", _i);
		ck_assert_str_eq(hs_error_format(&err, msg, sizeof msg),
		    c->message);
		/* nothing half-parsed is left */
		ck_assert_str_eq(a.id, "");
	}
}
END_TEST

START_TEST(test_lengths_in_characters)
{
	struct alert a;
	struct hs_error err;
	char msg[1024];

	make_long();
	ck_assert_int_eq(alert_parse(max_title, strlen(max_title), "alert.ini",
	    &a, &err), 0);
	ck_assert_int_eq(alert_parse(long_title, strlen(long_title),
	    "alert.ini", &a, &err), HS_EINVAL);
	ck_assert_str_eq(hs_error_format(&err, msg, sizeof msg),
	    "alert.ini:4: the title is longer than 80 characters");
	ck_assert_int_eq(alert_parse(max_text, strlen(max_text), "alert.ini",
	    &a, &err), 0);
	ck_assert_int_eq((int)strlen(a.text[ALERT_VI]), 991 * 2 + 9);
	ck_assert_int_eq(alert_parse(long_text, strlen(long_text), "alert.ini",
	    &a, &err), HS_EINVAL);
	ck_assert_str_eq(hs_error_format(&err, msg, sizeof msg),
	    "alert.ini:5: the text is longer than 1000 characters");
	ck_assert_int_eq(alert_parse(long_line, strlen(long_line), "alert.ini",
	    &a, &err), 0);
	ck_assert_int_eq((int)strlen(alert_text(&a, "vi")), 2400);
	ck_assert_int_eq(alert_parse(big_file, strlen(big_file), "alert.ini",
	    &a, &err), HS_EINVAL);
	ck_assert_str_eq(hs_error_format(&err, msg, sizeof msg),
	    "alert.ini: larger than 16384 bytes");
}
END_TEST

START_TEST(test_nfc_and_nul)
{
	/* "ệ" written as e + circumflex + dot below: one character once
	 * composed, so 80 of them still fit */
	char text[2000] = "[alert]\nid = nfc\n[vi]\ntitle = ";
	static const char nul[] = "[alert]\nid = x\0\n" VI_OK;
	struct alert a;
	struct hs_error err;
	char msg[256];
	int i;

	for (i = 0; i < 80; i++)
		strcat(text, "e\xcc\x82\xcc\xa3");
	strcat(text, "\ntext = x\n");
	ck_assert_int_eq(alert_parse(text, strlen(text), "n.ini", &a, &err), 0);
	ck_assert_int_eq((int)strlen(a.title[ALERT_VI]), 80 * 3);
	ck_assert_int_eq(alert_parse(nul, sizeof nul - 1, "n.ini", &a, &err),
	    HS_EINVAL);
	ck_assert_str_eq(hs_error_format(&err, msg, sizeof msg),
	    "n.ini:2: a NUL byte: this is not a text file");
}
END_TEST

START_TEST(test_language_and_expiry)
{
	static const char en_only[] =
	    "[alert]\nid = e\nexpires = 2026-12-31\n[en]\ntitle = T\ntext = X\n";
	struct alert a;
	struct hs_error err;

	ck_assert_int_eq(alert_parse(en_only, strlen(en_only), "a", &a, &err),
	    0);
	/* a Vietnamese learner gets the English one rather than nothing */
	ck_assert_str_eq(alert_title(&a, "vi"), "T");
	ck_assert_str_eq(alert_text(&a, "vi"), "X");
	/* shown on the day it expires, not after */
	ck_assert_int_eq(alert_expired(&a, "2026-12-30"), 0);
	ck_assert_int_eq(alert_expired(&a, "2026-12-31"), 0);
	ck_assert_int_eq(alert_expired(&a, "2027-01-01"), 1);
	ck_assert_int_eq(alert_parse(scam, strlen(scam), "a", &a, &err), 0);
	ck_assert_str_eq(alert_title(&a, "en"),
	    "Warning: free gift scam messages");
	a.expires[0] = '\0';		/* no expiry: never */
	ck_assert_int_eq(alert_expired(&a, "9999-12-31"), 0);
}
END_TEST

static int
count(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int v;

	ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char second[] =
    "[alert]\nid = second\n[vi]\ntitle = Thứ hai\ntext = Nội dung.\n";
static const char old[] =
    "[alert]\nid = old\nexpires = 2020-01-01\n" VI_OK;

START_TEST(test_store_unread_and_read)
{
	struct store *s;
	struct hs_error err;
	struct alert *list;
	int n;
	char msg[256];

	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	/* kept once: the second save of the same id changes nothing */
	ck_assert_int_eq(alert_save(s, 3, scam, strlen(scam), &err), 0);
	ck_assert_int_eq(alert_save(s, 7, scam, strlen(scam), &err), 1);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM alerts"), 1);
	ck_assert_int_eq(count(s, "SELECT number FROM alerts"), 3);
	ck_assert_int_eq(alert_save(s, 4, second, strlen(second), &err), 0);
	ck_assert_int_eq(alert_save(s, 5, old, strlen(old), &err), 0);
	/* a bad file is refused and nothing is kept */
	ck_assert_int_eq(alert_save(s, 6, "[alert]\n", 8, &err), HS_EINVAL);
	ck_assert_str_eq(hs_error_format(&err, msg, sizeof msg),
	    "alert 6: [alert] needs an id");
	ck_assert_int_eq(count(s, "SELECT count(*) FROM alerts"), 3);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM alerts WHERE body = "
	    "'" "[alert]\nid = second\n[vi]\ntitle = Thứ hai\ntext = Nội dung.\n"
	    "'"), 1);

	/* newest first; the expired one is not listed */
	ck_assert_int_eq(alert_unread(s, "learner-a", "2026-11-28", &list, &n,
	    &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(list[0].id, "second");
	ck_assert_str_eq(list[1].id, "lua-dao-2026-11");
	free(list);
	/* after its last day, the scam alert goes too */
	ck_assert_int_eq(alert_unread(s, "learner-a", "2027-01-01", &list, &n,
	    &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(list[0].id, "second");
	free(list);

	/* read by one learner: gone for them, there for another */
	ck_assert_int_eq(alert_mark_read(s, "learner-a", "second", &err), 0);
	ck_assert_int_eq(alert_mark_read(s, "learner-a", "second", &err), 0);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM alert_reads"), 1);
	ck_assert_int_eq(alert_unread(s, "learner-a", "2026-11-28", &list, &n,
	    &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(list[0].id, "lua-dao-2026-11");
	free(list);
	ck_assert_int_eq(alert_unread(s, "learner-b", "2026-11-28", &list, &n,
	    &err), 0);
	ck_assert_int_eq(n, 2);
	free(list);
	ck_assert_int_eq(alert_mark_read(s, "learner-a", "lua-dao-2026-11",
	    &err), 0);
	ck_assert_int_eq(alert_unread(s, "learner-a", "2026-11-28", &list, &n,
	    &err), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_ptr_null(list);
	store_close(s);

	/* all of it is on disk: a new connection sees the same */
	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	ck_assert_int_eq(alert_unread(s, "learner-b", "2026-11-28", &list, &n,
	    &err), 0);
	ck_assert_int_eq(n, 2);
	free(list);
	store_close(s);
}
END_TEST

START_TEST(test_save_inside_a_transaction)
{
	struct store *s;
	struct hs_error err;

	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	ck_assert_int_eq(store_begin(s, &err), 0);
	ck_assert_int_eq(alert_save(s, 1, second, strlen(second), &err), 0);
	store_rollback(s);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM alerts"), 0);
	ck_assert_int_eq(store_begin(s, &err), 0);
	ck_assert_int_eq(alert_save(s, 1, second, strlen(second), &err), 0);
	ck_assert_int_eq(store_commit(s, &err), 0);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM alerts"), 1);
	store_close(s);
}
END_TEST

/* Given a device's store, when alerts are kept and read, then the
 * province is told once per alert that it was received and once that it
 * was read here: the device's own events, never a learner. */
START_TEST(test_received_and_read_events)
{
	struct store *s;
	struct hs_error err;
	char dev[64];

	ck_assert_int_eq(devstore_open(db_path, &s, &err), 0);
	ck_assert_int_eq(devstore_device_id(s, dev, sizeof dev, &err), 0);
	ck_assert_int_eq(alert_save(s, 3, scam, strlen(scam), &err), 0);
	ck_assert_int_eq(alert_save(s, 7, scam, strlen(scam), &err), 1);
	ck_assert_int_eq(alert_save(s, 4, second, strlen(second), &err), 0);
	/* a refused file records nothing */
	ck_assert_int_eq(alert_save(s, 6, "[alert]\n", 8, &err), HS_EINVAL);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM events"), 2);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM events WHERE verb = "
	    "'received' AND object = 'urn:hocso-alert:lua-dao-2026-11'"), 1);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM events WHERE verb = "
	    "'received' AND object = 'urn:hocso-alert:second'"), 1);

	/* two learners, one twice: one event, by the device */
	ck_assert_int_eq(alert_mark_read(s, "learner-a", "second", &err), 0);
	ck_assert_int_eq(alert_mark_read(s, "learner-a", "second", &err), 0);
	ck_assert_int_eq(alert_mark_read(s, "learner-b", "second", &err), 0);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM events WHERE verb = "
	    "'experienced' AND object = 'urn:hocso-alert:second'"), 1);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM events WHERE actor "
	    "LIKE 'learner-%'"), 0);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM events WHERE actor "
	    "<> (SELECT value FROM meta WHERE key = 'device_id')"), 0);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM events WHERE response "
	    "IS NOT NULL OR score IS NOT NULL OR registration IS NOT NULL"), 0);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM events"), 3);

	/* inside a transaction rolled back: neither the alert nor its
	 * event */
	ck_assert_int_eq(store_begin(s, &err), 0);
	ck_assert_int_eq(alert_save(s, 5, old, strlen(old), &err), 0);
	ck_assert_int_eq(alert_mark_read(s, "learner-a", "old", &err), 0);
	store_rollback(s);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM events"), 3);
	ck_assert_int_eq(count(s, "SELECT count(*) FROM alerts"), 2);
	store_close(s);
}
END_TEST

START_TEST(test_today)
{
	char today[16];

	alert_today(today, sizeof today);
	ck_assert_int_eq((int)strlen(today), 10);
	ck_assert_int_eq(today[4], '-');
	ck_assert_int_eq(today[7], '-');
}
END_TEST

static Suite *
alert_suite(void)
{
	Suite *s = suite_create("alert");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_parse_the_protocols_example);
	tcase_add_loop_test(tc, test_table, 0, sizeof cases / sizeof *cases);
	tcase_add_test(tc, test_lengths_in_characters);
	tcase_add_test(tc, test_nfc_and_nul);
	tcase_add_test(tc, test_language_and_expiry);
	tcase_add_test(tc, test_store_unread_and_read);
	tcase_add_test(tc, test_save_inside_a_transaction);
	tcase_add_test(tc, test_received_and_read_events);
	tcase_add_test(tc, test_today);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(alert_suite)
