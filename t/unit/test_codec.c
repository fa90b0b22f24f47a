/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_codec.c: hex digits, percent-encoding and base64 (core/codec.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/codec.h"

static void test_hex_digit_value(void **state)
{
	(void)state;
	assert_int_equal(hex_digit_value('0'), 0);
	assert_int_equal(hex_digit_value('9'), 9);
	assert_int_equal(hex_digit_value('a'), 10);
	assert_int_equal(hex_digit_value('f'), 15);
	assert_int_equal(hex_digit_value('A'), 10);
	assert_int_equal(hex_digit_value('F'), 15);
	assert_int_equal(hex_digit_value('g'), -1);
	assert_int_equal(hex_digit_value('G'), -1);
	assert_int_equal(hex_digit_value('/'), -1);
	assert_int_equal(hex_digit_value(':'), -1);
	assert_int_equal(hex_digit_value('@'), -1);
	assert_int_equal(hex_digit_value('`'), -1);
	assert_int_equal(hex_digit_value('\0'), -1);
	assert_int_equal(hex_digit_value((char)0xE0), -1);
}

static void test_pct_decode_byte(void **state)
{
	(void)state;
	assert_int_equal(pct_decode_byte("%41", 3), 0x41);
	assert_int_equal(pct_decode_byte("%e2%82", 6), 0xE2);
	assert_int_equal(pct_decode_byte("%Ff", 3), 0xFF);
	assert_int_equal(pct_decode_byte("%00", 3), 0);
	/* Too short: the bytes past avail are not read. */
	assert_int_equal(pct_decode_byte("%41", 2), -1);
	assert_int_equal(pct_decode_byte("%4", 2), -1);
	assert_int_equal(pct_decode_byte("%", 1), -1);
	assert_int_equal(pct_decode_byte("%4g", 3), -1);
	assert_int_equal(pct_decode_byte("%g4", 3), -1);
	assert_int_equal(pct_decode_byte("% 41", 4), -1);
	assert_int_equal(pct_decode_byte("%+1", 3), -1);
}

/* pct_encode of s with keep, as a string the test compares. */
static void expect_pct(const char *s, const char *keep, const char *want)
{
	buf b = {0};
	pct_encode(&b, s, keep);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void test_pct_encode(void **state)
{
	(void)state;
	expect_pct("", NULL, "");
	expect_pct("AZaz09-._~", NULL, "AZaz09-._~");
	expect_pct("a b&c=d/e?f#g+h%i", NULL, "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25i");
	expect_pct("민원", NULL, "%EB%AF%BC%EC%9B%90");
	expect_pct("\x01\x7f\xff", NULL, "%01%7F%FF");
	/* keep: a path stays readable, the rest is still escaped. */
	expect_pct("/staff/cases/2026-000001?x=1", "/", "/staff/cases/2026-000001%3Fx%3D1");
	expect_pct("/a b", "", "%2Fa%20b");
	/* It appends. */
	buf b = {0};
	buf_puts(&b, "q=");
	pct_encode(&b, "신호등", NULL);
	buf_puts(&b, "&p=2");
	assert_string_equal(buf_str(&b), "q=%EC%8B%A0%ED%98%B8%EB%93%B1&p=2");
	buf_free(&b);
}

/* Every byte survives encoding and decoding with pct_decode_byte. */
static void test_pct_round_trip(void **state)
{
	(void)state;
	char all[256];
	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	buf b = {0};
	pct_encode(&b, all, NULL);
	const char *e = buf_str(&b);
	size_t n = 0, len = strlen(e);
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)e[i];
		if (e[i] == '%') {
			c = pct_decode_byte(e + i, len - i);
			assert_true(c > 0);
			i += 2;
		}
		assert_int_equal(c, (unsigned char)all[n]);
		n++;
	}
	assert_int_equal(n, 255);
	buf_free(&b);
}

/* base64_append of s (len bytes) with wrap, compared with want. */
static void expect_b64(const char *s, size_t len, size_t wrap, const char *want)
{
	buf b = {0};
	base64_append(&b, s, len, wrap);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void test_base64(void **state)
{
	(void)state;
	/* RFC 4648, section 10. */
	expect_b64("", 0, 0, "");
	expect_b64("f", 1, 0, "Zg==");
	expect_b64("fo", 2, 0, "Zm8=");
	expect_b64("foo", 3, 0, "Zm9v");
	expect_b64("foob", 4, 0, "Zm9vYg==");
	expect_b64("fooba", 5, 0, "Zm9vYmE=");
	expect_b64("foobar", 6, 0, "Zm9vYmFy");
	/* The standard alphabet (+ and /), binary bytes, a NUL inside. */
	expect_b64("\xfb\xff\xbf", 3, 0, "+/+/");
	expect_b64("a\0b", 3, 0, "YQBi");
	expect_b64("민원", 6, 0, "66+87JuQ");
}

static void test_base64_wrap(void **state)
{
	(void)state;
	/* 57 bytes make exactly one 76-character MIME line: no CRLF. */
	char in[120];
	memset(in, 'x', sizeof in);
	buf b = {0};
	base64_append(&b, in, 57, 76);
	assert_int_equal(b.len, 76);
	assert_null(strchr(buf_str(&b), '\r'));
	buf_reset(&b);
	/* 58 bytes: a second line of 4 characters after CRLF. */
	base64_append(&b, in, 58, 76);
	assert_int_equal(b.len, 76 + 2 + 4);
	assert_memory_equal(buf_str(&b) + 76, "\r\neA==", 6);
	buf_reset(&b);
	/* 120 bytes: 160 characters in lines of 76, 76 and 8. */
	base64_append(&b, in, 120, 76);
	assert_int_equal(b.len, 160 + 4);
	assert_memory_equal(buf_str(&b) + 76, "\r\n", 2);
	assert_memory_equal(buf_str(&b) + 154, "\r\n", 2);
	assert_null(strchr(buf_str(&b) + 156, '\r'));
	buf_reset(&b);
	/* A wrap that is not a multiple of 4 cuts between quads: 6 -> 4. */
	base64_append(&b, "foobar", 6, 6);
	assert_string_equal(buf_str(&b), "Zm9v\r\nYmFy");
	buf_reset(&b);
	/* It appends to what out holds. */
	buf_puts(&b, "=?UTF-8?B?");
	base64_append(&b, "foo", 3, 0);
	assert_string_equal(buf_str(&b), "=?UTF-8?B?Zm9v");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex_digit_value),
		cmocka_unit_test(test_pct_decode_byte),
		cmocka_unit_test(test_pct_encode),
		cmocka_unit_test(test_pct_round_trip),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_base64_wrap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
