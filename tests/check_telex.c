/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check_telex.c: typing Vietnamese with Telex and VNI, as tables of keys
 * and the words they must give, then a text box fed key by key.
 */
#include "config.h"

#include <unistr.h>
#include <uninorm.h>

#include "quiz/telex.h"
#include "tests/testutil.h"

static const struct {
	const char *keys, *want;
} telex[] = {
	/* school and safety words */
	{ "maatj", "mật" }, { "khaaru", "khẩu" }, { "khaaur", "khẩu" },
	{ "toanf", "toàn" }, { "baor", "bảo" }, { "veej", "vệ" },
	{ "trer", "trẻ" }, { "ddieenj", "điện" }, { "thoaij", "thoại" },
	{ "nguwowif", "người" }, { "laj", "lạ" }, { "taif", "tài" },
	{ "khoanr", "khoản" }, { "dduwowngf", "đường" }, { "lurwa", "lửa" },
	{ "ddaor", "đảo" }, { "hocj", "học" }, { "sinh", "sinh" },
	{ "giaos", "giáo" }, { "vieen", "viên" }, { "truwowngf", "trường" },
	{ "banj", "bạn" }, { "tinf", "tìn" }, { "nhawns", "nhắn" },
	{ "tawngj", "tặng" }, { "quaf", "quà" }, { "mieenx", "miễn" },
	{ "phis", "phí" }, { "cuwowng", "cương" }, { "chowi", "chơi" },
	{ "ddieeuf", "điều" }, { "khieenr", "khiển" }, { "ddungs", "đúng" },
	{ "chuyeenj", "chuyện" }, { "keer", "kể" }, { "hoir", "hỏi" },
	{ "giups", "giúp" }, { "ddowx", "đỡ" }, { "thuowngf", "thường" },
	{ "xuyeen", "xuyên" }, { "mangj", "mạng" }, { "ddoocj", "độc" },
	{ "thangs", "tháng" }, { "nawm", "năm" }, { "ngayf", "ngày" },
	{ "thaayf", "thầy" }, { "coo", "cô" }, { "bos", "bó" },
	{ "mej", "mẹ" }, { "ddi", "đi" }, { "ddeens", "đến" },
	{ "truowcs", "trước" }, { "sau", "sau" }, { "khoong", "không" },
	{ "bieets", "biết" }, { "hieeur", "hiểu" }, { "lofng", "lòng" },
	{ "tin", "tin" }, { "caayj", "cậy" }, { "lowfi", "lời" },
	{ "nois", "nói" }, { "keer", "kể" }, { "chuyeenj", "chuyện" },
	{ "buoonf", "buồn" }, { "sowj", "sợ" }, { "vui", "vui" },
	{ "chiaf", "chìa" }, { "khoas", "khoá" }, { "maanx", "mẫn" },
	{ "tuwf", "từ" }, { "ngaaux", "ngẫu" }, { "nhieen", "nhiên" },
	{ "chuooix", "chuỗi" }, { "daif", "dài" }, { "maxnh", "mãnh" },
	{ "lufa", "lùa" }, { "ddaor", "đảo" }, { "giar", "giả" },
	{ "maoj", "mạo" }, { "nhaans", "nhấn" }, { "vaof", "vào" },
	{ "ddwowngf", "đường" }, { "linh", "linh" }, { "ddaanf", "đần" },
	/* names and places */
	{ "Nguyeenx", "Nguyễn" }, { "Haf", "Hà" }, { "Nooij", "Nội" },
	{ "Ddaf", "Đà" }, { "Nawngx", "Nẵng" }, { "Caanf", "Cần" },
	{ "Thow", "Thơ" }, { "Quangr", "Quảng" }, { "Ngaix", "Ngãi" },
	{ "Vieetj", "Việt" }, { "Tuaans", "Tuấn" }, { "Trafng", "Tràng" },
	{ "Huee", "Huê" }, { "Hueef", "Huề" }, { "Thuyr", "Thuỷ" },
	{ "DDaf", "Đà" }, { "MAATJ", "MẬT" }, { "Lan", "Lan" },
	/* modern tone placement */
	{ "hoaf", "hoà" }, { "khoer", "khoẻ" }, { "thuyr", "thuỷ" },
	{ "hoaf", "hoà" }, { "loaf", "loà" }, { "tuyf", "tuỳ" },
	{ "muaf", "mùa" }, { "cuar", "của" }, { "mowis", "mới" },
	{ "tieengs", "tiếng" }, { "thuyeenf", "thuyền" }, { "toans", "toán" },
	{ "hoangf", "hoàng" }, { "khuyr", "khuỷ" }, { "ois", "ói" },
	{ "quas", "quá" }, { "gias", "giá" }, { "giuwowngf", "giường" },
	{ "gif", "gì" }, { "quoocs", "quốc" }, { "chuwa", "chưa" },
	{ "mais", "mái" }, { "caos", "cáo" }, { "tias", "tía" },
	{ "oai", "oai" }, { "ngoaif", "ngoài" }, { "khuyeens", "khuyến" },
	/* tone and marks in any order */
	{ "tuowngr", "tưởng" }, { "tuowrng", "tưởng" }, { "tuwowngr", "tưởng" },
	{ "tosan", "toán" }, { "vieetj", "việt" }, { "vietej", "việt" },
	{ "dduongwf", "đường" }, { "dungsd", "đúng" },
	/* changing and clearing the tone */
	{ "asf", "à" }, { "asz", "a" }, { "azs", "áz" },
	/* undo: the key twice gives the key */
	{ "ass", "as" }, { "aff", "af" }, { "aaa", "aa" }, { "ddd", "dd" },
	{ "aww", "aw" }, { "oww", "ow" }, { "eee", "ee" }, { "w", "ư" },
	{ "ww", "w" }, { "uww", "uw" },
	/* no vowel: a tone key is a letter */
	{ "s", "s" }, { "tr", "tr" }, { "z", "z" }, { "OTP", "OTP" },
};

static const struct {
	const char *keys, *want;
} vni[] = {
	{ "ma6t5", "mật" }, { "kha6u3", "khẩu" }, { "toa2n", "toàn" },
	{ "d9ie6n5", "điện" }, { "ngu7o7i2", "người" }, { "Nguye6n4", "Nguyễn" },
	{ "tru7o7ng2", "trường" }, { "ho5c", "học" }, { "qua1", "quá" },
	{ "gia1", "giá" }, { "hoa2", "hoà" }, { "thuy3", "thuỷ" },
	{ "chu7a", "chưa" }, { "mo7i1", "mới" }, { "ca1i", "cái" },
	{ "ke3", "kẻ" }, { "khoe3", "khoẻ" }, { "ba3o", "bảo" },
	{ "ve65", "vệ" }, { "u7", "ư" }, { "tie61ng", "tiếng" },
	{ "na8m", "năm" }, { "ta8ng5", "tặng" }, { "d9a3o", "đảo" },
	{ "Vie65t", "Việt" }, { "Ha2", "Hà" }, { "No65i", "Nội" },
	{ "D9a2", "Đà" }, { "Na8ng4", "Nẵng" }, { "ca6n2", "cần" },
	{ "Tho7", "Thơ" }, { "ba5n", "bạn" }, { "la5", "lạ" },
	{ "tho6ng", "thông" }, { "tin", "tin" }, { "mie6n4", "miễn" },
	{ "phi1", "phí" }, { "gi2", "gì" }, { "mu2a", "mùa" },
	{ "cu3a", "của" }, { "a11", "a1" }, { "a66", "a6" }, { "d99", "d9" },
	{ "a10", "a" }, { "u77", "u7" },
};

START_TEST(test_telex_words)
{
	char out[128];

	telex_word(TELEX_TELEX, telex[_i].keys, strlen(telex[_i].keys), out,
	    sizeof out);
	ck_assert_msg(!strcmp(out, telex[_i].want), "'%s' gave '%s', not '%s'",
	    telex[_i].keys, out, telex[_i].want);
	{	/* and it is in NFC already */
		size_t n = 0;
		uint8_t *nfc = u8_normalize(UNINORM_NFC, (uint8_t *)out,
		    strlen(out), NULL, &n);
		ck_assert(n == strlen(out) && !memcmp(nfc, out, n));
		free(nfc);
	}
}
END_TEST

START_TEST(test_vni_words)
{
	char out[128];

	telex_word(TELEX_VNI, vni[_i].keys, strlen(vni[_i].keys), out,
	    sizeof out);
	ck_assert_msg(!strcmp(out, vni[_i].want), "'%s' gave '%s', not '%s'",
	    vni[_i].keys, out, vni[_i].want);
}
END_TEST

/* Feeds keys to a text box of capacity cap; returns the last result. */
static int
type(struct telex *t, char *buf, size_t cap, size_t *len, const char *keys)
{
	int rc = 0;

	for (; *keys != '\0' && rc == 0; keys++)
		rc = telex_key(t, buf, cap, len, (unsigned char)*keys);
	return rc;
}

START_TEST(test_text_box)
{
	struct telex t;
	char buf[128] = "";
	size_t len = 0;

	telex_init(&t, TELEX_TELEX);
	ck_assert_int_eq(type(&t, buf, sizeof buf, &len,
	    "khoong bao giowf cho ai maatj khaaru, keer car banj thaan!"), 0);
	ck_assert_str_eq(buf, "không bao giờ cho ai mật khẩu, kể cả bạn thân!");
	ck_assert_uint_eq(len, strlen(buf));
	ck_assert_ptr_null(u8_check((const uint8_t *)buf, len));
	/* backspace takes the last key of the word, then characters */
	telex_init(&t, TELEX_TELEX);
	buf[0] = '\0';
	len = 0;
	type(&t, buf, sizeof buf, &len, "maatj");
	telex_backspace(&t, buf, &len);
	ck_assert_str_eq(buf, "mât");
	type(&t, buf, sizeof buf, &len, " ");
	telex_backspace(&t, buf, &len);
	telex_backspace(&t, buf, &len);
	ck_assert_str_eq(buf, "mâ");
	/* plain typing, toggled */
	telex_init(&t, TELEX_TELEX);
	buf[0] = '\0';
	len = 0;
	telex_toggle(&t, TELEX_TELEX);
	type(&t, buf, sizeof buf, &len, "maatj ");
	telex_toggle(&t, TELEX_TELEX);
	type(&t, buf, sizeof buf, &len, "maatj");
	ck_assert_str_eq(buf, "maatj mật");
	/* VNI: digits with no word are digits */
	telex_init(&t, TELEX_VNI);
	buf[0] = '\0';
	len = 0;
	type(&t, buf, sizeof buf, &len, "2024 ma6t5");
	ck_assert_str_eq(buf, "2024 mật");
}
END_TEST

START_TEST(test_full_box_is_left_unchanged)
{
	struct telex t;
	char buf[8] = "";
	size_t len = 0;

	telex_init(&t, TELEX_TELEX);
	ck_assert_int_eq(type(&t, buf, sizeof buf, &len, "bcghkl"), 0);
	ck_assert_int_eq(telex_key(&t, buf, sizeof buf, &len, 'm'), 0);
	ck_assert_str_eq(buf, "bcghklm");	/* 7 bytes and the NUL */
	ck_assert_int_eq(telex_key(&t, buf, sizeof buf, &len, 'n'), -1);
	ck_assert_str_eq(buf, "bcghklm");
	ck_assert_uint_eq(len, 7);
	/* a mark that makes the word longer must fit too */
	telex_init(&t, TELEX_TELEX);
	strcpy(buf, "");
	len = 0;
	type(&t, buf, sizeof buf, &len, "bbbbbba");
	ck_assert_int_eq(telex_key(&t, buf, sizeof buf, &len, 'a'), -1);
	ck_assert_str_eq(buf, "bbbbbba");
}
END_TEST

static Suite *
telex_suite(void)
{
	Suite *s = suite_create("telex");
	TCase *tc = tcase_create("telex");

	tcase_add_loop_test(tc, test_telex_words, 0, sizeof telex / sizeof *telex);
	tcase_add_loop_test(tc, test_vni_words, 0, sizeof vni / sizeof *vni);
	tcase_add_test(tc, test_text_box);
	tcase_add_test(tc, test_full_box_is_left_unchanged);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(telex_suite)
