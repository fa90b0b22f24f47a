/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_message.c: every notice kind renders its e-mail and SMS in Korean
 * and English; the HTML part is escaped, subject and text are not; a bad
 * kind or payload is refused with a reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "auth/case_link.h"
#include "core/mdg.h"
#include "notify/message.h"
#include "notify/notice.h"
#include "render/render.h"

static const unsigned char key[32] = {1, 2, 3};
static const message_site site = {"https://minwon.example.go.kr/", key, sizeof key};

static const char payload[] =
	"{\"tracking\":\"2026-000123\",\"title\":\"Potholes & <b>cracks</b> on 3rd St\",\"name\":\"홍길동\","
	"\"department\":\"도로과\",\"handler\":\"이도로\",\"due\":\"2026-12-01\",\"reason\":\"현장 조사\","
	"\"expected\":\"2026-12-04\",\"rate_nonce\":\"0123456789abcdef0123456789abcdef\","
	"\"count\":2,\"items\":[{\"kind\":\"staff_assigned\",\"tracking\":\"2026-000123\",\"title\":\"A & B\","
	"\"due\":\"2026-12-01\"},{\"kind\":\"staff_reminder\",\"tracking\":\"2026-000124\",\"title\":\"C\"}]}";

static int setup(void **state)
{
	(void)state;
	char dir[4096];
	const char *src = getenv("MADANG_SOURCE_DIR");
	snprintf(dir, sizeof dir, "%s/cs-templates", src ? src : ".");
	return render_init(dir) == MDG_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	message_shutdown();
	render_shutdown();
	return 0;
}

static void test_every_kind_renders(void **state)
{
	(void)state;
	static const char *const langs[] = {"ko", "en"};
	char err[256];
	for (int k = 0; k < NOTICE_KIND__MAX; k++)
		for (int l = 0; l < 2; l++) {
			message m;
			const char *kind = notice_kind_name((notice_kind)k);
			int rc = message_render(&site, kind, langs[l], "김민원", payload, false, &m, err, sizeof err);
			if (rc != MDG_OK)
				fail_msg("mail %s/%s: %s", kind, langs[l], err);
			assert_non_null(strstr(m.subject, k == NOTICE_STAFF_DIGEST ? "(2)" : "2026-000123"));
			assert_null(strchr(m.subject, '\n'));
			assert_non_null(strstr(m.text, k == NOTICE_STAFF_DIGEST ? "A & B" : "Potholes & <b>cracks</b>"));
			assert_null(strstr(m.text, "&amp;"));
			assert_null(strstr(m.text, "\n\n\n"));
			assert_true(m.text[0] != '\n' && m.text[0] != ' ');
			assert_non_null(strstr(m.html, k == NOTICE_STAFF_DIGEST ? "A &amp; B" : "Potholes &amp; &lt;b&gt;"));
			assert_null(strstr(m.html, "<b>cracks"));
			assert_non_null(strstr(m.text, "https://minwon.example.go.kr/account"));
			if (k == NOTICE_STAFF_DIGEST)
				assert_string_equal(m.list_unsubscribe, "https://minwon.example.go.kr/account");
			else
				assert_null(m.list_unsubscribe);
			message_free(&m);

			rc = message_render(&site, kind, langs[l], "김민원", payload, true, &m, err, sizeof err);
			if (rc != MDG_OK)
				fail_msg("sms %s/%s: %s", kind, langs[l], err);
			assert_null(m.subject);
			assert_null(m.html);
			assert_non_null(strstr(m.text, l == 0 ? "[마당]" : "]"));
			assert_true(m.text[strlen(m.text) - 1] != '\n');
			message_free(&m);
		}
}

/* A notice about no case (notice_account): its "link" path becomes a
 * link of the site in the mail and the SMS (moderation's objection). */
static void test_account_link(void **state)
{
	(void)state;
	static const char p[] = "{\"item_kind\":\"case\",\"title\":\"T\",\"state\":\"hidden\","
				"\"reason\":\"why\",\"link\":\"/objection/case/2026-000123\"}";
	static const char want[] = "https://minwon.example.go.kr/objection/case/2026-000123";
	char err[256];
	message m;
	assert_int_equal(message_render(&site, "moderation_hidden", "ko", "김민원", p, false, &m, err, sizeof err), MDG_OK);
	assert_non_null(strstr(m.text, want));
	assert_non_null(strstr(m.text, "why"));
	assert_non_null(strstr(m.html, want));
	message_free(&m);
	assert_int_equal(message_render(&site, "moderation_deleted", "en", "Kim", p, true, &m, err, sizeof err), MDG_OK);
	assert_non_null(strstr(m.text, want));
	message_free(&m);
}

static void test_links(void **state)
{
	(void)state;
	char err[256], token[NOTICE_RATE_TOKEN_MAX], want[256];
	message m;
	assert_int_equal(message_render(&site, "answered", "ko", "김민원", payload, false, &m, err, sizeof err), MDG_OK);
	assert_non_null(strstr(m.text, "https://minwon.example.go.kr/cases/2026-000123\n"));
	notice_rate_token(key, sizeof key, "0123456789abcdef0123456789abcdef", token);
	snprintf(want, sizeof want, "https://minwon.example.go.kr/rate/%s", token);
	assert_non_null(strstr(m.text, want));
	assert_non_null(strstr(m.html, want));
	assert_non_null(strstr(m.text, "김민원 님, 안녕하세요."));
	message_free(&m);

	/* A notice about no case (notice_account) leads to its payload's
	 * link on the site: a penalty's to "my page", with the reason. */
	static const char penalty[] = "{\"link\":\"/my\",\"reason\":\"욕설 반복\",\"until\":\"2026-12-14 10:00\"}";
	assert_int_equal(message_render(&site, "penalty_applied", "ko", "김민원", penalty, false, &m, err, sizeof err),
			 MDG_OK);
	assert_non_null(strstr(m.text, "https://minwon.example.go.kr/my\n"));
	assert_non_null(strstr(m.text, "욕설 반복"));
	assert_non_null(strstr(m.html, "href=\"https://minwon.example.go.kr/my\""));
	message_free(&m);
	assert_int_equal(message_render(&site, "penalty_applied", "ko", "김민원", penalty, true, &m, err, sizeof err),
			 MDG_OK);
	assert_non_null(strstr(m.text, "https://minwon.example.go.kr/my"));
	message_free(&m);
	/* A notice about no case (notice_account) links to the page its
	 * payload names: a debate's summary. */
	static const char debate[] = "{\"title\":\"심야 버스\",\"link\":\"/debates/12\"}";
	assert_int_equal(message_render(&site, "debate_summary", "ko", "김민원", debate, false, &m, err, sizeof err),
			 MDG_OK);
	assert_non_null(strstr(m.text, "https://minwon.example.go.kr/debates/12\n"));
	assert_non_null(strstr(m.html, "href=\"https://minwon.example.go.kr/debates/12\""));
	assert_non_null(strstr(m.text, "심야 버스"));
	message_free(&m);
	assert_int_equal(message_render(&site, "debate_summary", "ko", "김민원", debate, true, &m, err, sizeof err),
			 MDG_OK);
	assert_non_null(strstr(m.text, "https://minwon.example.go.kr/debates/12"));
	message_free(&m);

	/* A digest that names its account: the signed one-click link in
	 * List-Unsubscribe and in both parts. */
	static const char digest[] = "{\"count\":1,\"account\":7,\"items\":[{\"kind\":\"staff_assigned\","
				     "\"tracking\":\"2026-000123\",\"title\":\"A\"}]}";
	assert_int_equal(message_render(&site, "staff_digest", "ko", "김직원", digest, false, &m, err, sizeof err),
			 MDG_OK);
	notice_unsub_token(key, sizeof key, 7, token);
	snprintf(want, sizeof want, "https://minwon.example.go.kr/unsubscribe/%s", token);
	assert_string_equal(m.list_unsubscribe, want);
	assert_non_null(strstr(m.text, want));
	assert_non_null(strstr(m.html, want));
	message_free(&m);

	assert_int_equal(message_render(&site, "staff_assigned", "en", "Kim", payload, false, &m, err, sizeof err),
			 MDG_OK);
	assert_non_null(strstr(m.text, "https://minwon.example.go.kr/staff/cases/2026-000123\n"));
	assert_non_null(strstr(m.text, "Dear Kim,"));
	assert_string_equal(m.subject, "[Madang] A new case was assigned to you (2026-000123)");
	message_free(&m);
}

/* A guest cannot sign in: every link to its case in every citizen notice
 * (mail and SMS) is the signed tracking link, never the plain one. */
static void test_guest_links(void **state)
{
	(void)state;
	static const char guest[] = "{\"tracking\":\"2026-000123\",\"title\":\"T\",\"guest_case\":42,"
				    "\"guest_account\":7,\"reply\":\"filed\"}";
	char err[256], token[CASE_LINK_TOKEN_LEN + 1], want[256];
	case_link_token(key, sizeof key, 42, 7, token);
	snprintf(want, sizeof want, "https://minwon.example.go.kr/cases/2026-000123?k=%s", token);
	for (int k = 0; k < NOTICE_KIND__MAX; k++) {
		if (k > NOTICE_APOLOGY && k != NOTICE_SMS_REPLY)
			continue; /* staff kinds: staff sign in */
		for (int sms = 0; sms < 2; sms++) {
			message m;
			const char *kind = notice_kind_name((notice_kind)k);
			if (message_render(&site, kind, "ko", "손님", guest, sms, &m, err, sizeof err) != MDG_OK)
				fail_msg("%s %s: %s", sms ? "sms" : "mail", kind, err);
			/* Wherever the case is linked, the link is the signed one. */
			for (const char *at = m.text; (at = strstr(at, "/cases/2026-000123")) != NULL; at++)
				if (strncmp(at + 18, "?k=", 3) != 0)
					fail_msg("%s %s: a plain link in %s", sms ? "sms" : "mail", kind, m.text);
			if (!sms && strstr(m.text, "/cases/"))
				assert_non_null(strstr(m.html, want));
			if (k == NOTICE_RECEIPT || k == NOTICE_ANSWERED)
				assert_non_null(strstr(m.text, want));
			message_free(&m);
		}
	}
}

static void test_line_breaks_in_title_stay_in_the_subject(void **state)
{
	(void)state;
	char err[256];
	message m;
	assert_int_equal(message_render(&site, "receipt", "en", "X\r\nBcc: evil@example.org",
					"{\"tracking\":\"2026-000001\",\"title\":\"a\\r\\nBcc: evil@example.org\"}",
					false, &m, err, sizeof err),
			 MDG_OK);
	assert_null(strpbrk(m.subject, "\r\n"));
	message_free(&m);
}

static void test_bad_rows_are_refused(void **state)
{
	(void)state;
	char err[256];
	message m;
	assert_int_equal(message_render(&site, "nope", "ko", NULL, "{}", false, &m, err, sizeof err), MDG_EINVAL);
	assert_non_null(strstr(err, "unknown notice kind"));
	assert_int_equal(message_render(&site, "receipt", "ko", NULL, "[1]", false, &m, err, sizeof err), MDG_EINVAL);
	assert_non_null(strstr(err, "payload"));
	assert_int_equal(message_render(&site, "receipt", "ko", NULL, "{bad", true, &m, err, sizeof err), MDG_EINVAL);
	assert_null(m.text);
	/* A payload without a tracking number still renders, without links
	 * to a case. */
	assert_int_equal(message_render(&site, "receipt", "xx", NULL, "{\"title\":\"t\"}", false, &m, err, sizeof err),
			 MDG_OK);
	assert_null(strstr(m.text, "/cases/"));
	message_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_renders),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_guest_links),
		cmocka_unit_test(test_account_link),
		cmocka_unit_test(test_line_breaks_in_title_stay_in_the_subject),
		cmocka_unit_test(test_bad_rows_are_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
