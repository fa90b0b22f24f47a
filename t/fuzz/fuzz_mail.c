/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_mail.c: libFuzzer target for mail_build and mail_rfc2047_encode: no
 * display name or subject can add a header line or break the header block,
 * and the encoded subject decodes back to the subject (a round trip), in
 * mail_rfc2047_encode's output and in the Subject: of the built message. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "fuzz.h"
#include "notify/mail.h"

static const char *const allowed[] = {"Date", "From", "To", "Subject", "Message-ID",
				      "MIME-Version", "Content-Type", "Content-Transfer-Encoding"};

/* The header block of msg: only printable ASCII and CRLF, lines of at most
 * 78 columns, each a folding line or one of the fields mail_build writes,
 * each field once. */
static void check_headers(const char *msg)
{
	const char *end = strstr(msg, "\r\n\r\n");
	int seen[sizeof allowed / sizeof allowed[0]] = {0};
	const char *p = msg;

	if (!end)
		abort();
	while (p < end + 2) {
		const char *eol = strstr(p, "\r\n");
		size_t len = (size_t)(eol - p), k;
		if (len == 0 || len > 78)
			abort();
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] > 0x7E)
				abort();
		if (p[0] != ' ') {
			for (k = 0; k < sizeof allowed / sizeof allowed[0]; k++) {
				size_t n = strlen(allowed[k]);
				if (len > n + 1 && strncmp(p, allowed[k], n) == 0 && p[n] == ':')
					break;
			}
			if (k == sizeof allowed / sizeof allowed[0] || seen[k]++)
				abort();
		}
		p = eol + 2;
	}
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Appends the base64 text b64[0..len) decoded; false when it is not
 * canonical padded base64. */
static bool b64_decode(const char *b64, size_t len, buf *out)
{
	if (len % 4 != 0)
		return false;
	for (size_t i = 0; i < len; i += 4) {
		int v[4];
		size_t pad = 0;
		for (int k = 0; k < 4; k++) {
			if (b64[i + k] == '=' && i + 4 == len && k >= 2) {
				v[k] = 0;
				pad++;
			} else if (pad || (v[k] = b64val(b64[i + k])) < 0) {
				return false;
			}
		}
		unsigned triple = (unsigned)(v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3]);
		buf_putc(out, (char)(triple >> 16));
		if (pad < 2)
			buf_putc(out, (char)(triple >> 8 & 0xff));
		if (pad < 1)
			buf_putc(out, (char)(triple & 0xff));
	}
	return true;
}

/* The value enc (a header value as written, folded lines included)
 * decodes back to in: either it is in itself, or it is encoded-words
 * "=?UTF-8?B?...?=" joined by CRLF SP, each of whole characters, whose
 * bytes put together are in. */
static void check_encoded(const char *in, const char *enc, size_t enc_len)
{
	buf dec = {0}, word = {0};
	if (enc_len < 10 || strncmp(enc, "=?UTF-8?B?", 10) != 0) {
		FUZZ_CHECK(strlen(in) == enc_len && memcmp(in, enc, enc_len) == 0);
		return;
	}
	const char *p = enc, *end = enc + enc_len;
	while (p < end) {
		if (p != enc) {
			FUZZ_CHECK(end - p >= 3 && memcmp(p, "\r\n ", 3) == 0);
			p += 3;
		}
		FUZZ_CHECK(end - p >= 12 && strncmp(p, "=?UTF-8?B?", 10) == 0);
		p += 10;
		const char *close = p;
		while (close + 1 < end && !(close[0] == '?' && close[1] == '='))
			close++;
		FUZZ_CHECK(close + 1 < end);
		buf_reset(&word);
		FUZZ_CHECK(b64_decode(p, (size_t)(close - p), &word));
		/* words are cut between characters, never inside one */
		FUZZ_CHECK(word.len > 0 && utf8_valid_text(word.data, word.len));
		buf_append(&dec, word.data, word.len);
		p = close + 2;
	}
	FUZZ_CHECK(dec.len == strlen(in) && memcmp(dec.data, in, dec.len) == 0);
	buf_free(&dec);
	buf_free(&word);
}

/* The Subject: field of a built message, unfolded lines and all, decodes
 * back to subject. */
static void check_subject(const char *msg, const char *subject)
{
	const char *p = strstr(msg, "\r\nSubject: ");
	FUZZ_CHECK(p != NULL);
	p += 11;
	const char *end = p;
	for (;;) {
		end = strstr(end, "\r\n");
		if (end[2] != ' ')
			break;
		end += 2;
	}
	check_encoded(subject, p, (size_t)(end - p));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	const char *name, *subject;
	buf out = {0};
	mail_message m = {
		.from_addr = "noreply@madang.example.kr",
		.from_name = "마당",
		.to_addr = "hong@example.kr",
		.text = "본문\n",
		.html = "<p>본문</p>",
		.message_id = "n-1@madang.example.kr",
		.date = 1767225600,
	};
	int rc;
	bool want;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	/* The bytes up to the first NUL are the name, the rest the subject. */
	name = s;
	subject = memchr(s, '\0', size) ? s + strlen(s) + 1 : s;
	if (subject > s + size)
		subject = s + size;
	m.to_name = name;
	m.subject = subject;

	want = mail_header_value_valid(name) && strlen(name) <= MAIL_NAME_MAX &&
	       mail_header_value_valid(subject) && strlen(subject) <= MAIL_SUBJECT_MAX;
	rc = mail_build(&m, &out);
	if ((rc == MDG_OK) != want || (rc != MDG_OK && rc != MDG_EINVAL))
		abort();
	if (rc == MDG_OK) {
		check_headers(buf_str(&out));
		check_subject(buf_str(&out), subject);
	}
	buf_reset(&out);

	rc = mail_rfc2047_encode(subject, &out);
	if ((rc == MDG_OK) != mail_header_value_valid(subject))
		abort();
	if (rc == MDG_OK)
		check_encoded(subject, buf_str(&out), out.len);
	buf_free(&out);
	free(s);
	return 0;
}
