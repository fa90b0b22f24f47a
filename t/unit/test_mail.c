/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_mail.c: RFC 2047 encoding, header and address validation, the built
 * MIME message, and header injection through names and subjects. */
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
#include "core/utf8.h"
#include "notify/mail.h"

/* ---------------------------------------------------------------- helpers */

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decodes base64 s[0..n), skipping CR and LF; fails the test on junk. */
static void b64dec(const char *s, size_t n, buf *out)
{
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' || s[i] == '\n' || s[i] == '=')
			continue;
		int v = b64val(s[i]);
		assert_true(v >= 0);
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (char)((acc >> bits) & 0xFF));
		}
	}
}

/* Decodes a header value made of =?UTF-8?B?...?= words (folding between
 * them dropped) or plain text; checks each word's size and that each word
 * holds whole characters. */
static void header_decode(const char *v, buf *out)
{
	while (*v) {
		if (strncmp(v, "=?UTF-8?B?", 10) == 0) {
			const char *end = strstr(v + 10, "?=");
			buf word = {0};
			assert_non_null(end);
			assert_true(end + 2 - v <= 75);
			b64dec(v + 10, (size_t)(end - v - 10), &word);
			assert_true(utf8_valid_text(buf_str(&word), word.len));
			buf_append(out, buf_str(&word), word.len);
			buf_free(&word);
			v = end + 2;
			if (strncmp(v, "\r\n ", 3) == 0 && strncmp(v + 3, "=?", 2) == 0)
				v += 3;
		} else {
			buf_putc(out, *v++);
		}
	}
}

/* The value of header name (unfolded lines kept as CRLF SP), or NULL. */
static char *header_get(const char *msg, const char *name)
{
	const char *end = strstr(msg, "\r\n\r\n");
	size_t nlen = strlen(name);
	const char *p = msg;
	assert_non_null(end);
	while (p < end) {
		const char *eol = strstr(p, "\r\n");
		if (strncmp(p, name, nlen) == 0 && p[nlen] == ':' && p[nlen + 1] == ' ') {
			const char *v = p + nlen + 2, *q = eol;
			while (q < end && q[2] == ' ')
				q = strstr(q + 2, "\r\n");
			return strndup(v, (size_t)(q - v));
		}
		p = eol + 2;
	}
	return NULL;
}

/* Every line of s ends in CRLF, no bare CR or LF, no line over max. */
static void check_lines(const char *s, size_t max)
{
	size_t col = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '\r') {
			assert_int_equal(p[1], '\n');
			p++;
			col = 0;
			continue;
		}
		assert_int_not_equal(*p, '\n');
		col++;
		assert_true(col <= max);
	}
}

static mail_message sample(void)
{
	mail_message m = {
		.from_addr = "noreply@madang.example.kr",
		.from_name = "마당 민원센터",
		.to_addr = "hong@example.kr",
		.to_name = "홍길동",
		.subject = "[마당] 민원이 접수되었습니다 (2026-000123)",
		.text = "홍길동 님,\n민원이 접수되었습니다.\n접수번호: 2026-000123\n",
		.html = "<p>홍길동 님,</p>\n<p>민원이 접수되었습니다.</p>",
		.message_id = "notice-42.1@madang.example.kr",
		.date = 1767225600, /* 2026-01-01 00:00 UTC */
	};
	return m;
}

static char *build_ok(const mail_message *m)
{
	buf out = {0};
	assert_int_equal(mail_build(m, &out), MDG_OK);
	return buf_detach(&out);
}

/* ----------------------------------------------------------------- tests */

static void test_rfc2047_ascii_left_alone(void **state)
{
	buf out = {0};
	(void)state;
	assert_int_equal(mail_rfc2047_encode("Your case 2026-000123 was received", &out), MDG_OK);
	assert_string_equal(buf_str(&out), "Your case 2026-000123 was received");
	buf_reset(&out);
	assert_int_equal(mail_rfc2047_encode("", &out), MDG_OK);
	assert_string_equal(buf_str(&out), "");
	/* Text that looks like an encoded-word must be encoded itself. */
	buf_reset(&out);
	assert_int_equal(mail_rfc2047_encode("see =?UTF-8?B?QQ==?= here", &out), MDG_OK);
	assert_memory_equal(buf_str(&out), "=?UTF-8?B?", 10);
	buf_free(&out);
}

static void test_rfc2047_korean(void **state)
{
	const char *in = "민원 접수 안내";
	buf out = {0}, dec = {0};
	(void)state;
	assert_int_equal(mail_rfc2047_encode(in, &out), MDG_OK);
	/* 20 bytes of UTF-8 fit one word: base64 of the exact bytes. */
	assert_string_equal(buf_str(&out), "=?UTF-8?B?66+87JuQIOygkeyImCDslYjrgrQ=?=");
	header_decode(buf_str(&out), &dec);
	assert_string_equal(buf_str(&dec), in);
	buf_free(&out);
	buf_free(&dec);
}

static void test_rfc2047_long_split_on_characters(void **state)
{
	buf in = {0}, out = {0}, dec = {0}, line = {0};
	(void)state;
	/* 3-byte Hangul, a 4-byte emoji and 1-byte ASCII so that the 42-byte
	 * cut falls inside characters unless it is done right. */
	for (int i = 0; i < 30; i++)
		buf_puts(&in, "가나다라 😀 ab ");
	assert_int_equal(mail_rfc2047_encode(buf_str(&in), &out), MDG_OK);
	assert_non_null(strstr(buf_str(&out), "\r\n =?UTF-8?B?"));
	header_decode(buf_str(&out), &dec);
	assert_string_equal(buf_str(&dec), buf_str(&in));
	buf_printf(&line, "Subject: %s\r\n", buf_str(&out));
	check_lines(buf_str(&line), 78);
	/* A long ASCII subject is encoded rather than left over 78 columns. */
	buf_reset(&in);
	buf_reset(&out);
	for (int i = 0; i < 20; i++)
		buf_puts(&in, "word ");
	assert_int_equal(mail_rfc2047_encode(buf_str(&in), &out), MDG_OK);
	assert_memory_equal(buf_str(&out), "=?UTF-8?B?", 10);
	buf_free(&in);
	buf_free(&out);
	buf_free(&dec);
	buf_free(&line);
}

static void test_header_value_valid(void **state)
{
	buf out = {0};
	(void)state;
	assert_true(mail_header_value_valid("민원 접수"));
	assert_true(mail_header_value_valid(""));
	assert_true(mail_header_value_valid("A (b) <c> \"d\""));
	assert_false(mail_header_value_valid(NULL));
	assert_false(mail_header_value_valid("a\rb"));
	assert_false(mail_header_value_valid("a\nb"));
	assert_false(mail_header_value_valid("a\r\nBcc: x@y"));
	assert_false(mail_header_value_valid("a\tb"));
	assert_false(mail_header_value_valid("a\x7f"));
	assert_false(mail_header_value_valid("a\xc2\x85" "b"));    /* NEL, a C1 control */
	assert_false(mail_header_value_valid("\xff"));             /* not UTF-8 */
	assert_false(mail_header_value_valid("\xc0\xaf"));         /* overlong */
	assert_false(mail_header_value_valid("\xed\xa0\x80"));     /* surrogate */
	assert_int_equal(mail_rfc2047_encode("제목\r\nBcc: x@y", &out), MDG_EINVAL);
	assert_int_equal(out.len, 0);
	buf_free(&out);
}

static void test_build_structure(void **state)
{
	mail_message m = sample();
	char *msg, *v, *boundary, *p;
	buf dec = {0}, part = {0};
	(void)state;

	msg = build_ok(&m);
	check_lines(msg, 998);
	assert_non_null(strstr(msg, "Date: Thu, 01 Jan 2026 09:00:00 +0900\r\n"));
	assert_non_null(strstr(msg, "Message-ID: <notice-42.1@madang.example.kr>\r\n"));
	assert_non_null(strstr(msg, "MIME-Version: 1.0\r\n"));
	assert_null(strstr(msg, "List-Unsubscribe"));

	v = header_get(msg, "Subject");
	assert_non_null(v);
	header_decode(v, &dec);
	assert_string_equal(buf_str(&dec), m.subject);
	free(v);
	buf_reset(&dec);

	v = header_get(msg, "From");
	assert_non_null(v);
	assert_non_null(strstr(v, " <noreply@madang.example.kr>"));
	*strstr(v, " <") = '\0';
	header_decode(v, &dec);
	assert_string_equal(buf_str(&dec), "마당 민원센터");
	free(v);
	buf_reset(&dec);

	v = header_get(msg, "To");
	assert_non_null(v);
	assert_non_null(strstr(v, "<hong@example.kr>"));
	free(v);

	/* Headers only, within 78 columns. */
	p = strstr(msg, "\r\n\r\n");
	{
		char *hdr = strndup(msg, (size_t)(p - msg + 2));
		check_lines(hdr, 78);
		free(hdr);
	}

	v = header_get(msg, "Content-Type");
	assert_non_null(v);
	assert_non_null(strstr(v, "multipart/alternative;"));
	p = strstr(v, "boundary=\"");
	assert_non_null(p);
	boundary = strndup(p + 10, strcspn(p + 10, "\""));
	assert_true(strlen(boundary) >= 20);
	free(v);

	/* Both parts are there and decode back to the input (with CRLF). */
	{
		char delim[100], *s, *e;
		const char *types[2] = {"text/plain", "text/html"};
		const char *want[2] = {"홍길동 님,\r\n민원이 접수되었습니다.\r\n접수번호: 2026-000123\r\n",
				       "<p>홍길동 님,</p>\r\n<p>민원이 접수되었습니다.</p>"};
		snprintf(delim, sizeof delim, "\r\n--%s\r\n", boundary);
		s = strstr(msg, delim);
		for (int i = 0; i < 2; i++) {
			char ct[80];
			assert_non_null(s);
			s += strlen(delim);
			snprintf(ct, sizeof ct, "Content-Type: %s; charset=UTF-8\r\n", types[i]);
			assert_memory_equal(s, ct, strlen(ct));
			assert_non_null(strstr(s, "Content-Transfer-Encoding: base64\r\n\r\n"));
			s = strstr(s, "\r\n\r\n") + 4;
			e = strstr(s, "\r\n--");
			assert_non_null(e);
			{
				char *body = strndup(s, (size_t)(e - s + 2));
				check_lines(body, 76);
				free(body);
			}
			b64dec(s, (size_t)(e - s), &part);
			assert_string_equal(buf_str(&part), want[i]);
			buf_reset(&part);
			s = e;
		}
		snprintf(delim, sizeof delim, "\r\n--%s--\r\n", boundary);
		assert_non_null(strstr(msg, delim));
	}
	free(boundary);
	free(msg);
	buf_free(&dec);
	buf_free(&part);
}

static void test_build_plain_unsubscribe_msgid(void **state)
{
	mail_message m = sample();
	char *msg, *v;
	char a_id[80], b_id[80];
	(void)state;

	m.html = NULL;
	m.list_unsubscribe = "https://madang.example.kr/unsubscribe?t=abc";
	m.from_name = "Madang Desk";
	m.to_name = NULL;
	msg = build_ok(&m);
	check_lines(msg, 998);
	assert_non_null(strstr(msg, "From: Madang Desk <noreply@madang.example.kr>\r\n"));
	assert_non_null(strstr(msg, "To: hong@example.kr\r\n"));
	assert_non_null(strstr(msg, "List-Unsubscribe: <https://madang.example.kr/unsubscribe?t=abc>\r\n"));
	assert_non_null(strstr(msg, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
	assert_non_null(strstr(msg, "Content-Type: text/plain; charset=UTF-8\r\n"));
	assert_null(strstr(msg, "multipart"));
	free(msg);

	/* Specials in an ASCII name are encoded, not quoted or passed on. */
	m.from_name = "Kim, \"J\" <x@y.kr>";
	msg = build_ok(&m);
	v = header_get(msg, "From");
	assert_memory_equal(v, "=?UTF-8?B?", 10);
	free(v);
	free(msg);

	/* No message-id given: a random one, different each time. */
	m.message_id = NULL;
	msg = build_ok(&m);
	v = header_get(msg, "Message-ID");
	snprintf(a_id, sizeof a_id, "%s", v);
	free(v);
	free(msg);
	msg = build_ok(&m);
	v = header_get(msg, "Message-ID");
	snprintf(b_id, sizeof b_id, "%s", v);
	free(v);
	free(msg);
	assert_non_null(strstr(a_id, "@madang.example.kr>"));
	assert_string_not_equal(a_id, b_id);
}

static void refused(const mail_message *m, int want)
{
	buf out = {0};
	buf_puts(&out, "kept");
	assert_int_equal(mail_build(m, &out), want);
	assert_string_equal(buf_str(&out), "kept");
	buf_free(&out);
}

/* Regression tests named after the attack: header injection through a
 * display name, a subject, an address, the message-id and the URL. */
static void test_header_injection_refused(void **state)
{
	mail_message m;
	(void)state;

	m = sample(); m.to_name = "홍길동\r\nBcc: x@y";             refused(&m, MDG_EINVAL);
	m = sample(); m.from_name = "Desk\r\nBcc: x@y";            refused(&m, MDG_EINVAL);
	m = sample(); m.subject = "민원 접수\r\nBcc: x@y";          refused(&m, MDG_EINVAL);
	m = sample(); m.subject = "only LF\nBcc: x@y";             refused(&m, MDG_EINVAL);
	m = sample(); m.subject = "only CR\rBcc: x@y";             refused(&m, MDG_EINVAL);
	m = sample(); m.to_addr = "hong@example.kr\r\nBcc: x@y.kr"; refused(&m, MDG_EINVAL);
	m = sample(); m.from_addr = "a@b.kr>\r\nBcc: <x@y.kr";     refused(&m, MDG_EINVAL);
	m = sample(); m.message_id = "a@b.kr>\r\nBcc: x@y";         refused(&m, MDG_EINVAL);
	m = sample(); m.message_id = "<a@b.kr>";                    refused(&m, MDG_EINVAL);
	m = sample(); m.list_unsubscribe = "https://x.kr/>\r\nBcc: x@y"; refused(&m, MDG_EINVAL);
	m = sample(); m.list_unsubscribe = "javascript:alert(1)";  refused(&m, MDG_EINVAL);
	m = sample(); m.subject = NULL;                            refused(&m, MDG_EINVAL);
	m = sample(); m.text = "\xff";                              refused(&m, MDG_EUTF8);
}

static void test_header_injection_flattened(void **state)
{
	mail_message m = sample();
	char name[] = "홍길동\r\nBcc: x@y";
	char subject[] = "민원 접수\r\nBcc: x@y";
	char *msg, *hdr, *v;
	buf dec = {0};
	(void)state;

	mail_header_flatten(name);
	mail_header_flatten(subject);
	assert_string_equal(subject, "민원 접수  Bcc: x@y");
	m.to_name = name;
	m.subject = subject;
	msg = build_ok(&m);
	hdr = strndup(msg, (size_t)(strstr(msg, "\r\n\r\n") - msg + 2));
	check_lines(hdr, 78);
	assert_null(strstr(hdr, "\r\nBcc"));
	assert_null(strstr(hdr, "Bcc:"));
	v = header_get(msg, "Subject");
	header_decode(v, &dec);
	assert_string_equal(buf_str(&dec), subject);
	free(v);
	free(hdr);
	free(msg);
	buf_free(&dec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc2047_ascii_left_alone),
		cmocka_unit_test(test_rfc2047_korean),
		cmocka_unit_test(test_rfc2047_long_split_on_characters),
		cmocka_unit_test(test_header_value_valid),
		cmocka_unit_test(test_build_structure),
		cmocka_unit_test(test_build_plain_unsubscribe_msgid),
		cmocka_unit_test(test_header_injection_refused),
		cmocka_unit_test(test_header_injection_flattened),
	};
	if (crypto_init() != MDG_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
