/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_utf8.c: strict UTF-8 text validation, sequence lengths, decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/utf8.h"

#define VALID(s) assert_true(utf8_valid_text((s), sizeof(s) - 1))
#define INVALID(s) assert_false(utf8_valid_text((s), sizeof(s) - 1))

static void test_ascii_and_controls(void **state)
{
	(void)state;
	VALID("");
	assert_true(utf8_valid_text(NULL, 0));
	VALID("hello, world ~!@#$%^&*()");
	VALID("tab\there\r\nnext line\n");
	INVALID("nul\0inside");
	INVALID("\x01");
	INVALID("bell\a");
	INVALID("esc\x1b[0m");
	INVALID("\x1f");
	INVALID("del\x7f");
}

static void test_multibyte(void **state)
{
	(void)state;
	VALID("\xc2\x80");                 /* U+0080, the smallest 2-byte */
	VALID("caf\xc3\xa9");              /* café */
	VALID("도로 파손");                /* Korean */
	VALID("\xe0\xa0\x80");             /* U+0800 */
	VALID("\xef\xbf\xbf");             /* U+FFFF */
	VALID("\xed\x9f\xbf");             /* U+D7FF, just below surrogates */
	VALID("\xee\x80\x80");             /* U+E000, just above */
	VALID("\xf0\x90\x80\x80");         /* U+10000 */
	VALID("\xf0\x9f\x9a\xa7");         /* 🚧 */
	VALID("\xf4\x8f\xbf\xbf");         /* U+10FFFF */
}

static void test_overlong(void **state)
{
	(void)state;
	INVALID("\xc0\xaf");               /* '/' in two bytes */
	INVALID("\xc1\xbf");
	INVALID("\xc0\x80");               /* "modified UTF-8" NUL */
	INVALID("\xe0\x80\xaf");
	INVALID("\xe0\x9f\xbf");           /* U+07FF in three bytes */
	INVALID("\xf0\x80\x80\xaf");
	INVALID("\xf0\x8f\xbf\xbf");       /* U+FFFF in four bytes */
}

static void test_surrogates_and_range(void **state)
{
	(void)state;
	INVALID("\xed\xa0\x80");           /* U+D800 */
	INVALID("\xed\xbf\xbf");           /* U+DFFF */
	INVALID("\xed\xa0\xbd\xed\xb8\x80"); /* CESU-8 pair */
	INVALID("\xf4\x90\x80\x80");       /* U+110000 */
	INVALID("\xf5\x80\x80\x80");
	INVALID("\xf8\x88\x80\x80\x80");   /* old 5-byte form */
	INVALID("\xfe");
	INVALID("\xff");
}

static void test_truncated_and_stray(void **state)
{
	(void)state;
	INVALID("\xe2\x82");               /* € without its last byte */
	INVALID("ok \xe2\x82");
	INVALID("\xe2\x82 x");
	INVALID("\xc3");
	INVALID("\xf0\x9f\x9a");
	INVALID("\x80");                   /* stray continuation */
	INVALID("a\xbf" "b");
	INVALID("\xc3\xa9\xa9");           /* one continuation too many */
	INVALID("\xc3\x28");               /* lead byte, then ASCII */
	/* The length argument rules, not a NUL: cutting inside a sequence. */
	assert_false(utf8_valid_text("\xea\xb0\x80", 2));
	assert_true(utf8_valid_text("\xea\xb0\x80", 3));
}

static void test_length(void **state)
{
	(void)state;
	assert_int_equal(utf8_length("", 0), 0);
	assert_int_equal(utf8_length("abc", 3), 3);
	assert_int_equal(utf8_length("도로 파손", strlen("도로 파손")), 5);
	assert_int_equal(utf8_length("\xf0\x9f\x9a\xa7!", 5), 2);
}

static void test_seq_len(void **state)
{
	(void)state;
	assert_int_equal(utf8_seq_len('a'), 1);
	assert_int_equal(utf8_seq_len(0x00), 1);
	assert_int_equal(utf8_seq_len(0x7f), 1);
	assert_int_equal(utf8_seq_len(0xc3), 2);
	assert_int_equal(utf8_seq_len(0xdf), 2);
	assert_int_equal(utf8_seq_len(0xea), 3); /* 가 */
	assert_int_equal(utf8_seq_len(0xf0), 4);
	assert_int_equal(utf8_seq_len(0xf4), 4);
	/* Bytes that lead nothing count 1, so that a loop moves on. */
	assert_int_equal(utf8_seq_len(0x80), 1);
	assert_int_equal(utf8_seq_len(0xbf), 1);
	assert_int_equal(utf8_seq_len(0xf8), 1);
	assert_int_equal(utf8_seq_len(0xff), 1);
}

static void test_next(void **state)
{
	(void)state;
	const char *s = "a\xc3\xa9\xea\xb0\x80\xf0\x9f\x9a\xa7\x7f";
	size_t i = 0;
	assert_int_equal(utf8_next(s, &i), 'a');
	assert_int_equal(i, 1);
	assert_int_equal(utf8_next(s, &i), 0xe9); /* é */
	assert_int_equal(i, 3);
	assert_int_equal(utf8_next(s, &i), 0xac00); /* 가 */
	assert_int_equal(i, 6);
	assert_int_equal(utf8_next(s, &i), 0x1f6a7); /* 🚧 */
	assert_int_equal(i, 10);
	assert_int_equal(utf8_next(s, &i), 0x7f);
	assert_int_equal(i, 11);
	/* The extremes of each length. */
	i = 0;
	assert_int_equal(utf8_next("\xc2\x80", &i), 0x80);
	i = 0;
	assert_int_equal(utf8_next("\xdf\xbf", &i), 0x7ff);
	i = 0;
	assert_int_equal(utf8_next("\xef\xbf\xbf", &i), 0xffff);
	i = 0;
	assert_int_equal(utf8_next("\xf4\x8f\xbf\xbf", &i), 0x10ffff);
	assert_int_equal(i, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_and_controls),
		cmocka_unit_test(test_multibyte),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_surrogates_and_range),
		cmocka_unit_test(test_truncated_and_stray),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_seq_len),
		cmocka_unit_test(test_next),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
