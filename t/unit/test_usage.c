/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_usage.c: what of a search is counted (usage_words), the section of
 * a path and the visitor hash (lib/usage/usage.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "usage/usage.h"

/* The words of q joined by '|'. */
static const char *words_of(const char *q)
{
	static char out[1024];
	char words[USAGE_WORDS_PER_SEARCH][USAGE_WORD_BYTES];
	size_t n = usage_words(q, words, USAGE_WORDS_PER_SEARCH);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, words[i]);
	}
	return out;
}

static void test_words_split(void **state)
{
	(void)state;
	assert_string_equal(words_of("도로 파손"), "도로|파손");
	assert_string_equal(words_of("  도로,파손!  도로 "), "도로|파손");
	assert_string_equal(words_of("Street LIGHT"), "street|light");
	assert_string_equal(words_of("보도블록.   (가로등)"), "보도블록|가로등");
	assert_string_equal(words_of("도로\xe3\x80\x80파손\xe3\x80\x82"), "도로|파손"); /* U+3000, U+3002 */
	assert_string_equal(words_of("e-mail snake_case"), "e-mail|snake_case");
	assert_string_equal(words_of(""), "");
	assert_string_equal(words_of("   "), "");
}

static void test_words_dropped(void **state)
{
	(void)state;
	/* digits: phones, case numbers, resident numbers, dates */
	assert_string_equal(words_of("010-1234-5678 도로"), "도로");
	assert_string_equal(words_of("2026-000123 a1b 3층 도로"), "도로");
	assert_string_equal(words_of("\xef\xbc\x91\xef\xbc\x92 도로"), "도로"); /* full-width １２ */
	/* e-mail and web addresses, domains, paths */
	assert_string_equal(words_of("hong@example.com 도로"), "도로");
	assert_string_equal(words_of("https://x.example/a www.example.org example.com a/b 도로"), "도로");
	assert_string_equal(words_of("mailto:hong 도로"), "도로");
	/* one ASCII letter; more than USAGE_WORD_CHARS characters */
	assert_string_equal(words_of("a 도 도로"), "도|도로");
	assert_string_equal(words_of("abcdefghijklmnopqrstu abcdefghijklmnopqrst"), "abcdefghijklmnopqrst");
	/* not UTF-8: nothing */
	assert_string_equal(words_of("\xff\xfe 도로"), "");
}

static void test_words_capped(void **state)
{
	(void)state;
	char words[3][USAGE_WORD_BYTES];
	assert_int_equal(usage_words("가 나 다 라 마", words, 3), 3);
	assert_string_equal(words[2], "다");
	assert_int_equal(usage_words(NULL, words, 3), 0);
}

static void test_sections(void **state)
{
	(void)state;
	assert_string_equal(usage_section("/"), "home");
	assert_string_equal(usage_section("/cases"), "cases");
	assert_string_equal(usage_section("/cases/2026-000001"), "cases");
	assert_string_equal(usage_section("/casesx"), "other");
	assert_string_equal(usage_section("/proposals/3"), "proposals");
	assert_string_equal(usage_section("/debates"), "debates");
	assert_string_equal(usage_section("/stats"), "stats");
	assert_string_equal(usage_section("/usage"), "stats");
	assert_string_equal(usage_section("/login"), "account");
	assert_string_equal(usage_section("/my/cases"), "account");
	assert_string_equal(usage_section("/staff/cases"), "staff");
	assert_string_equal(usage_section("/admin/settings"), "admin");
	assert_string_equal(usage_section("/open311/v2/services.json"), "api");
	assert_string_equal(usage_section("/nowhere"), "other");
	assert_string_equal(usage_section(NULL), "other");
	/* every section named is one of the list */
	const char *paths[] = {"/", "/cases", "/proposals", "/debates", "/map", "/stats", "/account", "/staff", "/admin",
			       "/open311", "/x"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		const char *s = usage_section(paths[i]);
		bool known = false;
		for (size_t k = 0; k < usage_nsections; k++)
			known = known || strcmp(usage_sections[k], s) == 0;
		assert_true(known);
	}
}

static void test_visitor_hash(void **state)
{
	(void)state;
	unsigned char salt[32] = {1}, other[32] = {2};
	unsigned char h1[USAGE_HASH_BYTES], h2[USAGE_HASH_BYTES];
	usage_visitor_hash(salt, "192.0.2.1", "agent", h1);
	usage_visitor_hash(salt, "192.0.2.1", "agent", h2);
	assert_memory_equal(h1, h2, USAGE_HASH_BYTES);
	usage_visitor_hash(salt, "192.0.2.1", "agent2", h2);
	assert_memory_not_equal(h1, h2, USAGE_HASH_BYTES);
	usage_visitor_hash(other, "192.0.2.1", "agent", h2);
	assert_memory_not_equal(h1, h2, USAGE_HASH_BYTES);
	/* the address and agent are kept apart */
	usage_visitor_hash(salt, "1.2.3.4", "5x", h1);
	usage_visitor_hash(salt, "1.2.3.45", "x", h2);
	assert_memory_not_equal(h1, h2, USAGE_HASH_BYTES);
	usage_visitor_hash(salt, NULL, NULL, h1);
	usage_visitor_hash(salt, "", "", h2);
	assert_memory_equal(h1, h2, USAGE_HASH_BYTES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_split),   cmocka_unit_test(test_words_dropped),
		cmocka_unit_test(test_words_capped),  cmocka_unit_test(test_sections),
		cmocka_unit_test(test_visitor_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
