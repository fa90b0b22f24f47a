/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_sms_in.c: what an SMS asks (status keywords in Korean and English,
 * the "1"/"2" choice, everything else a complaint), its language, and the
 * title of a case filed from it (lib/intake/sms_in.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "intake/sms_in.h"

#define KW SMS_IN_KEYWORDS_DEFAULT

static sms_in_ask ask(const char *text, char *tracking, const char **lang)
{
	return sms_in_classify(text, KW, tracking, lang);
}

static void test_status(void **state)
{
	(void)state;
	char tr[TRACKING_LEN + 1];
	const char *lang;
	assert_int_equal(ask("상태 2026-000123", tr, &lang), SMS_IN_STATUS);
	assert_string_equal(tr, "2026-000123");
	assert_string_equal(lang, "ko");
	assert_int_equal(ask("STATUS 2026-000123", tr, &lang), SMS_IN_STATUS);
	assert_string_equal(lang, "en");
	assert_int_equal(ask("status  2026-000124", tr, &lang), SMS_IN_STATUS);
	assert_string_equal(tr, "2026-000124");
	assert_int_equal(ask("Status\n2026-000125", tr, &lang), SMS_IN_STATUS);
	/* Another keyword list from the configuration. */
	assert_int_equal(sms_in_classify("조회 2026-000123", "조회 CHECK", tr, &lang), SMS_IN_STATUS);
	assert_int_equal(sms_in_classify("상태 2026-000123", "조회 CHECK", tr, &lang), SMS_IN_TEXT);
}

static void test_not_status(void **state)
{
	(void)state;
	char tr[TRACKING_LEN + 1];
	const char *lang;
	/* A keyword in a sentence, a bad number, more words: a complaint. */
	assert_int_equal(ask("상태가 좋지 않아요", tr, &lang), SMS_IN_TEXT);
	assert_int_equal(ask("상태 너무 나빠요", tr, &lang), SMS_IN_TEXT);
	assert_int_equal(ask("상태 2026-123", tr, &lang), SMS_IN_TEXT);
	assert_int_equal(ask("상태 2026-000123 빨리요", tr, &lang), SMS_IN_TEXT);
	assert_int_equal(ask("상태", tr, &lang), SMS_IN_TEXT);
	assert_int_equal(ask("STATUSES 2026-000123", tr, &lang), SMS_IN_TEXT);
	assert_int_equal(ask("도로 2026-000123", tr, &lang), SMS_IN_TEXT);
	assert_string_equal(tr, "");
	assert_null(lang);
}

static void test_choice(void **state)
{
	(void)state;
	char tr[TRACKING_LEN + 1];
	const char *lang;
	assert_int_equal(ask("1", tr, &lang), SMS_IN_ONE);
	assert_int_equal(ask("2", tr, &lang), SMS_IN_TWO);
	assert_int_equal(ask("12", tr, &lang), SMS_IN_TEXT);
	assert_int_equal(ask("3", tr, &lang), SMS_IN_TEXT);
	assert_int_equal(ask("1번", tr, &lang), SMS_IN_TEXT);
}

static void test_lang(void **state)
{
	(void)state;
	assert_string_equal(sms_in_lang("도로가 파손됐어요"), "ko");
	assert_string_equal(sms_in_lang("Pothole on 3rd St 도로"), "ko");
	assert_string_equal(sms_in_lang("Pothole on 3rd St"), "en");
	assert_null(sms_in_lang("1"));
	assert_null(sms_in_lang("2026-000123 !!"));
}

static void test_title(void **state)
{
	(void)state;
	char *t = sms_in_title("짧은 민원\n두 줄");
	assert_string_equal(t, "짧은 민원 두 줄");
	free(t);
	/* 41 characters: cut at 40 with an ellipsis, on a character boundary. */
	t = sms_in_title("가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파");
	assert_string_equal(t, "가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타…");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status), cmocka_unit_test(test_not_status), cmocka_unit_test(test_choice),
		cmocka_unit_test(test_lang), cmocka_unit_test(test_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
