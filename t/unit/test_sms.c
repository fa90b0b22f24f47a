/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_sms.c: phone numbers in international form, UCS-2, the SMS length
 * rule (70/67 units, shortening, surrogate pairs), delivery-report signing
 * and parsing, and the gateway's answers (against a dead port). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/crypto.h"
#include "core/mdg.h"
#include "http/kv.h"
#include "notify/sms.h"

#define SECRET "0123456789abcdef-test-secret"

static void check_number(const char *in, const char *want)
{
	char out[SMS_NUMBER_LEN];
	int rc = sms_normalise_number(in, out, sizeof out);
	if (!want) {
		if (rc != MDG_EINVAL)
			fail_msg("\"%s\" accepted as %s", in, out);
		return;
	}
	if (rc != MDG_OK)
		fail_msg("\"%s\" refused", in);
	assert_string_equal(out, want);
}

static void test_numbers(void **state)
{
	(void)state;
	check_number("010-1234-5678", "+821012345678");
	check_number("010 1234 5678", "+821012345678");
	check_number("01012345678", "+821012345678");
	check_number("010.1234.5678", "+821012345678");
	check_number("+82 10-1234-5678", "+821012345678");
	check_number("+821012345678", "+821012345678"); /* idempotent */
	check_number("+82 010-1234-5678", "+821012345678");
	check_number("82-10-1234-5678", "+821012345678");
	check_number("0082 10 1234 5678", "+821012345678");
	check_number("0082-10-1234-5678", "+821012345678");
	check_number("  010-9876-5432", "+821098765432");
	check_number("011-234-5678", "+82112345678");
	check_number("016-1234-5678", "+821612345678");
	check_number("019 234 5678", "+82192345678");

	check_number("", NULL);
	check_number("02-123-4567", NULL);       /* Seoul landline */
	check_number("031-123-4567", NULL);      /* landline */
	check_number("+1 555 123 4567", NULL);   /* not Korean */
	check_number("010-1234-567", NULL);      /* short */
	check_number("010-1234-56789", NULL);    /* long */
	check_number("010-0234-5678", NULL);     /* never issued */
	check_number("012-345-6789", NULL);      /* no such prefix */
	check_number("010-1234-5678x", NULL);
	check_number("010/1234/5678", NULL);
	check_number("010-1234-5678\n", NULL);
	check_number("0083 10 1234 5678", NULL);
	check_number("00 82 010 1234 5678 9", NULL);

	char small[13];
	assert_int_equal(sms_normalise_number("010-1234-5678", small, sizeof small), MDG_EINVAL);
	assert_int_equal(sms_normalise_number(NULL, small, sizeof small), MDG_EINVAL);
}

static void test_ucs2(void **state)
{
	(void)state;
	buf b = {0};

	assert_int_equal(sms_to_ucs2("A가", &b), MDG_OK);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.data, "\x00\x41\xac\x00", 4);
	buf_reset(&b);

	/* U+1F600 outside the BMP: a surrogate pair D83D DE00. */
	assert_int_equal(sms_to_ucs2("\xf0\x9f\x98\x80", &b), MDG_OK);
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.data, "\xd8\x3d\xde\x00", 4);
	buf_reset(&b);

	/* The last Hangul syllable and a newline. */
	assert_int_equal(sms_to_ucs2("힣\n", &b), MDG_OK);
	assert_memory_equal(b.data, "\xd7\xa3\x00\x0a", 4);
	buf_reset(&b);

	assert_int_equal(sms_to_ucs2("", &b), MDG_OK);
	assert_int_equal(b.len, 0);
	assert_int_equal(sms_to_ucs2("\xff", &b), MDG_EUTF8);
	assert_int_equal(sms_to_ucs2("\xed\xa0\x80", &b), MDG_EUTF8); /* a lone surrogate */
	assert_int_equal(sms_to_ucs2("\xc0\x80", &b), MDG_EUTF8);     /* overlong NUL */
	buf_free(&b);
}

/* n copies of s, as a new string. */
static char *rep(const char *s, size_t n)
{
	buf b = {0};
	for (size_t i = 0; i < n; i++)
		buf_puts(&b, s);
	if (!b.data)
		buf_puts(&b, "");
	return buf_detach(&b);
}

/* Plans text with max_parts and checks parts and the planned units. */
static char *plan(const char *text, int max_parts, int want_parts, size_t want_units)
{
	buf out = {0};
	int parts = -1;
	assert_int_equal(sms_plan(text, max_parts, &out, &parts), MDG_OK);
	assert_int_equal(parts, want_parts);
	assert_int_equal(sms_units(buf_str(&out)), want_units);
	return buf_detach(&out);
}

static void test_length_rule(void **state)
{
	(void)state;
	char *t, *got;

	assert_int_equal(sms_units("가나다 abc"), 7);
	assert_int_equal(sms_units("\xf0\x9f\x98\x80"), 2);
	assert_int_equal(sms_units("\xff"), 0);

	/* 70 units: one SMS as it is; 71: two parts. */
	t = rep("가", 70);
	got = plan(t, 3, 1, 70);
	assert_string_equal(got, t);
	free(got);
	free(t);
	t = rep("가", 71);
	got = plan(t, 3, 2, 71);
	assert_string_equal(got, t);
	free(got);
	free(t);

	/* 134 = 2 x 67: two parts; 135: three; 201 = 3 x 67: three, whole. */
	t = rep("가", 134);
	free(plan(t, 3, 2, 134));
	free(t);
	t = rep("가", 135);
	free(plan(t, 3, 3, 135));
	free(t);
	t = rep("가", 201);
	got = plan(t, 3, 3, 201);
	assert_string_equal(got, t);
	free(got);
	free(t);

	/* 202: shortened to 200 characters + "…" = 201 units in 3 parts. */
	t = rep("가", 202);
	got = plan(t, 3, 3, 201);
	assert_int_equal(strlen(got), 200 * 3 + 3);
	assert_memory_equal(got, t, 600);
	assert_string_equal(got + 600, "…");
	free(got);
	free(t);

	/* max_parts 1: 70 units in one SMS, no concatenation header. */
	t = rep("나", 71);
	got = plan(t, 1, 1, 70);
	assert_memory_equal(got, t, 69 * 3);
	assert_string_equal(got + 69 * 3, "…");
	free(got);
	free(t);
	t = rep("나", 70);
	free(plan(t, 1, 1, 70));
	free(t);

	/* max_parts 2: 134. */
	t = rep("a", 500);
	got = plan(t, 2, 2, 134);
	assert_int_equal(strlen(got), 133 + 3);
	free(got);
	free(t);

	/* Surrogates count 2: 35 emoji fill one SMS, 36 need two parts. */
	t = rep("\xf0\x9f\x98\x80", 35);
	free(plan(t, 3, 1, 70));
	free(t);
	t = rep("\xf0\x9f\x98\x80", 36);
	free(plan(t, 3, 2, 72));
	free(t);
	/* A pair is never cut: 200 units of "가" then an emoji that would end
	 * at unit 202 goes whole, and "…" follows at 201. */
	{
		char *a = rep("가", 200);
		buf b = {0};
		buf_puts(&b, a);
		buf_puts(&b, "\xf0\x9f\x98\x80 and more");
		got = plan(buf_str(&b), 3, 3, 201);
		assert_memory_equal(got, a, 600);
		assert_string_equal(got + 600, "…");
		free(got);
		buf_free(&b);
		free(a);
	}
	/* 199 units, then an emoji (units 200-201) does not fit before "…". */
	{
		char *a = rep("가", 199);
		buf b = {0};
		buf_puts(&b, a);
		buf_puts(&b, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
		got = plan(buf_str(&b), 3, 3, 200);
		assert_memory_equal(got, a, 597);
		assert_string_equal(got + 597, "…");
		free(got);
		buf_free(&b);
		free(a);
	}

	/* Spaces before the cut are dropped, not followed by "…". */
	{
		char *a = rep("가", 198);
		buf b = {0};
		buf_puts(&b, a);
		buf_puts(&b, "   뒤에 더 있는 내용");
		got = plan(buf_str(&b), 3, 3, 199);
		assert_memory_equal(got, a, 594);
		assert_string_equal(got + 594, "…");
		free(got);
		buf_free(&b);
		free(a);
	}

	/* Refusals. */
	buf out = {0};
	int parts;
	assert_int_equal(sms_plan("", 3, &out, &parts), MDG_EINVAL);
	assert_int_equal(sms_plan("가", 0, &out, &parts), MDG_EINVAL);
	assert_int_equal(sms_plan("가", SMS_MAX_PARTS_LIMIT + 1, &out, &parts), MDG_EINVAL);
	assert_int_equal(sms_plan("\xe0\x80", 3, &out, &parts), MDG_EUTF8);
	assert_int_equal(sms_plan("a\x01", 3, &out, &parts), MDG_EUTF8);
	assert_int_equal(out.len, 0);
	buf_free(&out);
}

static void add(kvlist *q, const char *k, const char *v)
{
	kv_add(q, k, v, strlen(v));
}

/* The parameters Madang puts in a dlr-url for ref and key. */
static void ours(kvlist *q, long long ref, const char *key, const char *sig)
{
	char r[24];
	snprintf(r, sizeof r, "%lld", ref);
	add(q, "ref", r);
	add(q, "key", key);
	add(q, "sig", sig);
}

/* A report's query as Kannel would send it for ref. */
static void report(kvlist *q, long long ref, const char *type)
{
	char sig[SMS_DLR_SIG_LEN];
	sms_dlr_sign(SECRET, ref, "ob-42.1", sig);
	ours(q, ref, "ob-42.1", sig);
	add(q, "type", type);
	add(q, "ts", "1795621222");
	add(q, "reply", "ACK/");
}

static void test_dlr(void **state)
{
	(void)state;
	kvlist q = {0};
	sms_dlr d;
	char s1[SMS_DLR_SIG_LEN], s2[SMS_DLR_SIG_LEN], s3[SMS_DLR_SIG_LEN], s4[SMS_DLR_SIG_LEN];

	sms_dlr_sign(SECRET, 42, "ob-42.1", s1);
	sms_dlr_sign(SECRET, 42, "ob-42.1", s2);
	sms_dlr_sign(SECRET, 43, "ob-42.1", s3);
	sms_dlr_sign(SECRET, 42, "ob-42.2", s4);
	assert_string_equal(s1, s2);
	assert_string_not_equal(s1, s3); /* the reference is signed */
	assert_string_not_equal(s1, s4); /* and the key */
	assert_int_equal(strlen(s1), SMS_DLR_SIG_LEN - 1);

	report(&q, 42, "1");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_OK);
	assert_int_equal(d.ref, 42);
	assert_int_equal(d.type, SMS_DLR_DELIVERED);
	assert_int_equal(d.ts, 1795621222LL);
	assert_string_equal(d.key, "ob-42.1");
	assert_string_equal(d.reply, "ACK/");
	assert_string_equal(sms_dlr_type_name(d.type), "delivered");
	kv_free(&q);

	const char *types[] = {"1", "2", "4", "8", "16"};
	for (size_t i = 0; i < 5; i++) {
		report(&q, 7, types[i]);
		assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_OK);
		assert_non_null(sms_dlr_type_name(d.type));
		kv_free(&q);
	}
	const char *bad_types[] = {"0", "3", "32", "-1", "1x", "", "%d"};
	for (size_t i = 0; i < MDG_ARRAY_LEN(bad_types); i++) {
		report(&q, 7, bad_types[i]);
		assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EINVAL);
		kv_free(&q);
	}

	/* Forged: another ref or key under the old signature, a parameter
	 * added, a wrong secret, no secret, no signature. */
	ours(&q, 43, "ob-42.1", s1);
	add(&q, "type", "1");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EDENIED);
	kv_free(&q);
	ours(&q, 42, "ob-42.2", s1);
	add(&q, "type", "1");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EDENIED);
	kv_free(&q);
	report(&q, 42, "1");
	add(&q, "status", "failed");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EDENIED);
	kv_free(&q);
	report(&q, 42, "1");
	add(&q, "type", "2"); /* a second type: which one would count? */
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EINVAL);
	kv_free(&q);
	report(&q, 42, "1");
	assert_int_equal(sms_dlr_parse(&q, "another-secret-of-some-length", &d), MDG_EDENIED);
	assert_int_equal(sms_dlr_parse(&q, "", &d), MDG_EDENIED);
	assert_int_equal(sms_dlr_parse(&q, NULL, &d), MDG_EDENIED);
	kv_free(&q);
	ours(&q, 42, "ob-42.1", "");
	add(&q, "type", "1");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EDENIED);
	kv_free(&q);

	/* Missing or malformed fields. */
	add(&q, "ref", "42");
	add(&q, "key", "ob-42.1");
	add(&q, "type", "1");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EINVAL); /* no sig */
	kv_free(&q);
	add(&q, "ref", "42");
	add(&q, "sig", s1);
	add(&q, "type", "1");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EINVAL); /* no key */
	kv_free(&q);
	const char *bad_refs[] = {"0", "-1", "42a", "", " 42", "99999999999999999999"};
	for (size_t i = 0; i < MDG_ARRAY_LEN(bad_refs); i++) {
		add(&q, "ref", bad_refs[i]);
		add(&q, "key", "ob-42.1");
		add(&q, "sig", s1);
		add(&q, "type", "1");
		assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EINVAL);
		kv_free(&q);
	}
	/* A bad key or ts; an odd reply is cleaned. */
	ours(&q, 42, "a b", s1);
	add(&q, "type", "2");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EINVAL);
	kv_free(&q);
	ours(&q, 42, "ob-42.1", s1);
	add(&q, "type", "2");
	add(&q, "ts", "soon");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_EINVAL);
	kv_free(&q);
	ours(&q, 42, "ob-42.1", s1);
	add(&q, "type", "16");
	add(&q, "ts", "");
	add(&q, "reply", "NACK/0x0b/Invalid\r\nX-Evil: 1 주소");
	assert_int_equal(sms_dlr_parse(&q, SECRET, &d), MDG_OK);
	assert_int_equal(d.ts, 0);
	assert_string_equal(d.key, "ob-42.1");
	assert_null(strchr(d.reply, '\n'));
	assert_null(strchr(d.reply, '\r'));
	assert_int_equal(strncmp(d.reply, "NACK/0x0b/Invalid??X-Evil: 1 ", 29), 0);
	kv_free(&q);
}

/* The gateway's configuration is checked, and a dead port is a temporary
 * failure (the real gateway is t/e2e/16-sms-transport.t's). */
static void test_send_refusals(void **state)
{
	(void)state;
	char err[256];
	sms_gateway g = {.url = "http://127.0.0.1:1/cgi-bin/sendsms",
			 .user = "u",
			 .password = "p",
			 .from = "15880000",
			 .timeout_s = 2};

	assert_int_equal(sms_send(&g, "+821012345678", "안녕하세요", "k1", 1, err, sizeof err),
			 MDG_ETEMPFAIL);
	assert_true(err[0] != '\0');
	assert_null(strstr(err, "password"));

	assert_int_equal(sms_send(&g, "010-1234-5678", "x", "k1", 1, err, sizeof err), MDG_EINVAL);
	assert_int_equal(sms_send(&g, "+8221234567", "x", "k1", 1, err, sizeof err), MDG_EINVAL);
	assert_int_equal(sms_send(&g, "+821012345678", "x", "bad key", 1, err, sizeof err),
			 MDG_EINVAL);
	assert_int_equal(sms_send(&g, "+821012345678", "", "k1", 1, err, sizeof err), MDG_EINVAL);
	assert_int_equal(sms_send(&g, "+821012345678", "\xff", "k1", 1, err, sizeof err),
			 MDG_EUTF8);

	sms_gateway nodlr = g;
	nodlr.dlr_url_base = "https://example.kr/sms/dlr";
	nodlr.dlr_secret = "short";
	assert_null(sms_client_new(&nodlr, err, sizeof err));
	assert_non_null(strstr(err, "dlr_secret"));
	/* /sms/dlr refuses parameters it did not sign: no query of our own. */
	nodlr.dlr_url_base = "https://example.kr/sms/dlr?site=1";
	nodlr.dlr_secret = SECRET;
	assert_null(sms_client_new(&nodlr, err, sizeof err));
	assert_non_null(strstr(err, "dlr_url"));
	nodlr.dlr_url_base = "https://example.kr/sms/dlr";
	/* An empty or missing secret is no error: no delivery reports (a
	 * copied example configuration must still send SMS). */
	nodlr.dlr_secret = "";
	sms_client *c = sms_client_new(&nodlr, err, sizeof err);
	assert_non_null(c);
	sms_client_free(c);
	nodlr.dlr_secret = NULL;
	c = sms_client_new(&nodlr, err, sizeof err);
	assert_non_null(c);
	sms_client_free(c);
	sms_gateway nofrom = g;
	nofrom.from = "MADANG";
	assert_null(sms_client_new(&nofrom, err, sizeof err));
	sms_gateway nourl = g;
	nourl.url = NULL;
	assert_null(sms_client_new(&nourl, err, sizeof err));
}

static void test_config(void **state)
{
	(void)state;
	HDF *cfg = NULL;
	sms_gateway g;

	assert_null(hdf_init(&cfg));
	assert_int_equal(sms_gateway_from_config(cfg, &g), MDG_ENOTFOUND);
	assert_null(hdf_set_value(cfg, "sms.url", "http://127.0.0.1:13013/cgi-bin/sendsms"));
	assert_null(hdf_set_value(cfg, "sms.user", "madang"));
	assert_null(hdf_set_value(cfg, "sms.from", ""));
	assert_null(hdf_set_value(cfg, "sms.max_parts", "11"));
	assert_int_equal(sms_gateway_from_config(cfg, &g), MDG_OK);
	assert_string_equal(g.user, "madang");
	assert_string_equal(g.password, "");
	assert_null(g.from);
	assert_null(g.dlr_url_base);
	assert_int_equal(g.max_parts, SMS_MAX_PARTS_DEFAULT); /* out of range: default */
	assert_int_equal(g.timeout_s, 10);
	/* A report URL with an empty secret (deploy/madang.hdf.example as
	 * copied): no delivery reports, not an error. */
	assert_null(hdf_set_value(cfg, "sms.dlr_url", "https://madang.example.kr/sms/dlr"));
	assert_null(hdf_set_value(cfg, "sms.dlr_secret", ""));
	assert_int_equal(sms_gateway_from_config(cfg, &g), MDG_OK);
	assert_null(g.dlr_url_base);
	sms_client *c = sms_client_new(&g, NULL, 0);
	assert_non_null(c);
	sms_client_free(c);
	assert_null(hdf_set_value(cfg, "sms.dlr_secret", "0123456789abcdef0123"));
	assert_null(hdf_set_value(cfg, "sms.max_parts", "2"));
	assert_int_equal(sms_gateway_from_config(cfg, &g), MDG_OK);
	assert_string_equal(g.dlr_url_base, "https://madang.example.kr/sms/dlr");
	assert_string_equal(g.dlr_secret, "0123456789abcdef0123");
	assert_int_equal(g.max_parts, 2);
	hdf_destroy(&cfg);
}

int main(void)
{
	if (crypto_init() != MDG_OK)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),    cmocka_unit_test(test_ucs2),
		cmocka_unit_test(test_length_rule), cmocka_unit_test(test_dlr),
		cmocka_unit_test(test_send_refusals), cmocka_unit_test(test_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
