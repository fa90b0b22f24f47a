/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_moderation.c: the word filter (lib/moderation/filter.h) with the
 * default list as shipped in db/migrations/0032_moderation.sql (read from
 * the file, so the test checks the list people get): swear words caught
 * through spacing, digits, symbols and initial-consonant jamo; innocent
 * words and phrases left alone; hold words; masking in place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mdg.h"
#include "moderation/filter.h"
#include "moderation/moderation.h"

#define WORDS_MAX 128

static mod_word words[WORDS_MAX];
static char word_text[WORDS_MAX][MOD_WORD_MAX];
static size_t nwords;

/* The ('word', 'action', ...) tuples of the migration's INSERT. */
static int load_default_list(void **state)
{
	(void)state;
	const char *dir = getenv("MADANG_SOURCE_DIR");
	char path[1024], *sql = NULL;
	snprintf(path, sizeof path, "%s/db/migrations/0032_moderation.sql", dir ? dir : ".");
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	sql = calloc(1, 65536);
	size_t len = fread(sql, 1, 65535, f);
	fclose(f);
	sql[len] = 0;
	const char *p = strstr(sql, "INSERT INTO moderation_words");
	while (p && (p = strstr(p, "('")) && nwords < WORDS_MAX) {
		char action[16];
		if (sscanf(p, "('%63[^']', '%15[^']'", word_text[nwords], action) != 2)
			break;
		words[nwords].word = word_text[nwords];
		words[nwords].action = strcmp(action, "hold") == 0 ? MOD_HOLD
				       : strcmp(action, "exception") == 0 ? MOD_EXCEPTION : MOD_MASK;
		nwords++;
		p += 2;
	}
	free(sql);
	return nwords >= 10 ? 0 : -1;
}

static mod_verdict check(const char *text, const char *want_text)
{
	mod_result r;
	assert_int_equal(mod_filter(words, nwords, text, &r), MDG_OK);
	if (want_text && strcmp(r.text, want_text) != 0)
		fail_msg("\"%s\" filtered to \"%s\", wanted \"%s\"", text, r.text, want_text);
	mod_verdict v = r.verdict;
	mod_result_free(&r);
	return v;
}

#define CAUGHT(t) do { if (check(t, NULL) == MOD_CLEAN) fail_msg("not caught: %s", t); } while (0)
#define CLEAN(t) do { if (check(t, t) != MOD_CLEAN) fail_msg("innocent text caught: %s", t); } while (0)

static void test_caught(void **state)
{
	(void)state;
	CAUGHT("이런 씨발 도로");
	CAUGHT("시발 진짜");
	CAUGHT("ㅅㅂ 언제 고쳐요");
	CAUGHT("ㅆㅂ");
	CAUGHT("시1발");
	CAUGHT("시 발");
	CAUGHT("시.발!!");
	CAUGHT("씨 1 발 놈들");
	CAUGHT("ㅅ1ㅂ");
	CAUGHT("시ㅂ");
	CAUGHT("이 개 새 끼 들아");
	CAUGHT("ㅂㅅ 같은 행정");
	CAUGHT("ㅄ");
	CAUGHT("병1신");
	CAUGHT("ㅈㄹ하네");
	CAUGHT("존 나 느림");
}

static void test_innocent(void **state)
{
	(void)state;
	CLEAN("이 노선의 시발점은 시청입니다");
	CLEAN("시 발점");
	CLEAN("시발역에서 출발");
	CLEAN("회의 시 발표 자료를 올립니다");
	CLEAN("점검 시 발견된 파손");
	CLEAN("꽃병 신규 구매");
	CLEAN("병신년 새해");
	CLEAN("가로등이 꺼졌습니다. 빨리 고쳐 주세요.");
	CLEAN("ㅅ 자 모양 교차로, ㅂ 구역");
	CLEAN("지 난주 랄라 공원");
	CLEAN("");
	CLEAN("Street light 12 is out");
}

static void test_mask(void **state)
{
	(void)state;
	assert_int_equal(check("이런 씨발 도로", "이런 ** 도로"), MOD_MASKED);
	assert_int_equal(check("시1발", "*1*"), MOD_MASKED);
	assert_int_equal(check("ㅄ 행정", "* 행정"), MOD_MASKED);
	/* The exception protects only what it covers. */
	assert_int_equal(check("시발점 말고 시발", "시발점 말고 **"), MOD_MASKED);
}

static void test_hold(void **state)
{
	(void)state;
	mod_result r;
	assert_int_equal(mod_filter(words, nwords, "씨발 죽여버린다", &r), MDG_OK);
	assert_int_equal(r.verdict, MOD_HELD);
	assert_string_equal(r.word, "죽여버린다");
	/* Mask words are masked even in a held text; the threat stays for
	 * the moderator to read. */
	assert_string_equal(r.text, "** 죽여버린다");
	mod_result_free(&r);
	assert_int_equal(check("느 금 마", NULL), MOD_HELD);
}

static void test_bad_input(void **state)
{
	(void)state;
	mod_result r;
	assert_int_equal(mod_filter(words, nwords, "\xff\xfe", &r), MDG_EINVAL);
	/* A list of nothing passes everything. */
	assert_int_equal(mod_filter(NULL, 0, "씨발", &r), MDG_OK);
	assert_int_equal(r.verdict, MOD_CLEAN);
	mod_result_free(&r);
}

/* The registry and the names pages send: only known ones pass. */
static void test_names(void **state)
{
	(void)state;
	assert_string_equal(moderation_kind("case")->table, "cases");
	assert_string_equal(moderation_kind("proposal")->table, "proposals");
	assert_string_equal(moderation_kind("post")->table, "posts");
	assert_null(moderation_kind("cases"));
	assert_null(moderation_kind(NULL));
	assert_true(moderation_reason_valid("personal_data"));
	assert_false(moderation_reason_valid("rude"));
	assert_false(moderation_reason_valid(NULL));
	for (int d = MOD_DO_HIDE; d <= MOD_DO_UNPUBLISH; d++)
		assert_int_equal(moderation_decision_from_name(moderation_decision_name((mod_decision)d)), d);
	assert_int_equal(moderation_decision_from_name("ban"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caught), cmocka_unit_test(test_innocent),
		cmocka_unit_test(test_mask),   cmocka_unit_test(test_hold),
		cmocka_unit_test(test_bad_input), cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, load_default_list, NULL);
}
