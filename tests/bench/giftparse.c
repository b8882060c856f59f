/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * giftparse.c: how long reading a GIFT bank takes, for banks of 500, 5,000
 * and 20,000 questions of every type (titles, id numbers in comments,
 * categories, feedback, Vietnamese text).  Prints, for each size, the
 * median of several parses and the time per question: a reader that is
 * linear in the bank's size shows the same time per question at each.
 *
 *   make bench     (or: tests/bench/giftparse [N...])
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/util.h"
#include "quiz/gift.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A bank of n questions, cycling through the types. */
static char *
make_bank(int n, size_t *len)
{
	static const char *const forms[] = {
	    "Mật khẩu nào mạnh nhất? {\n=voi-kem-may #Đúng rồi!\n"
	    "~123456 #Quá dễ đoán.\n~minh2015 #Dễ đoán.\n#### Dài là mạnh.\n}\n",
	    "Chọn những gì là bí mật. {\n~%50%Mật khẩu #Đúng.\n"
	    "~%50%Mã OTP #Đúng.\n~%-100%Tên trường #Không.\n}\n",
	    "Nên cho bạn biết mật khẩu. {FALSE#Sai.#Đúng.####Không.}\n",
	    "Thủ đô là gì? {=Hà Nội =%50%Ha Noi #Nhớ dấu.}\n",
	    "Ghép. {=OTP -> mã một lần =PIN -> số bí mật = -> tên}\n",
	    "Bao nhiêu ký tự? {#=%100%12:0 #Đúng. =%50%10:1 ~#Không.}\n",
	    "Kể lại. {####Câu trả lời tốt nói em đã kể với ai.}\n",
	};
	size_t cap = (size_t)n * 200 + 64, used = 0;
	char *buf = xmalloc(cap);
	int i;

	used += sprintf(buf, "$CATEGORY: top/Lớp 5\n\n");
	for (i = 0; i < n; i++) {
		if (cap - used < 400) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		used += sprintf(buf + used, "// question: %d\n// [id:b-%d] "
		    "[tag:lop5]\n", i, i);
		used += sprintf(buf + used, "::Câu %d:: ", i);
		strcpy(buf + used, forms[i % 7]);
		used += strlen(forms[i % 7]);
		buf[used++] = '\n';
	}
	buf[used] = '\0';
	*len = used;
	return buf;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	static const int sizes[] = { 500, 5000, 20000 };
	int nsizes = argc > 1 ? argc - 1 : 3, k, r, runs = 5;

	printf("%-10s %10s %12s %10s\n", "questions", "bytes", "parse (ms)",
	    "us/question");
	for (k = 0; k < nsizes; k++) {
		int n = argc > 1 ? atoi(argv[k + 1]) : sizes[k];
		double t[5];
		size_t len;
		char *buf = make_bank(n, &len);

		for (r = 0; r < runs; r++) {
			struct quiz_bank bank = { 0 };
			struct hs_error err;
			double t0 = now_s();

			if (gift_parse(buf, len, "bench.gift", &bank, &err) != 0 ||
			    bank.n != n) {
				fprintf(stderr, "giftparse: %d:%d: %s\n",
				    err.line, err.column, err.msg);
				return 1;
			}
			t[r] = now_s() - t0;
			quiz_bank_free(&bank);
		}
		qsort(t, runs, sizeof *t, cmp_double);
		printf("%-10d %10zu %12.1f %10.2f\n", n, len, t[runs / 2] * 1e3,
		    t[runs / 2] * 1e6 / n);
		free(buf);
	}
	return 0;
}
