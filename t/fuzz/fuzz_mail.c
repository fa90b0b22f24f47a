/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_mail.c: libFuzzer target for mail_build and mail_rfc2047_encode: no
 * display name or subject can add a header line or break the header block. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mdg.h"
#include "notify/mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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

/* The encoded value decodes back to the input (words are base64 of
 * whole characters; plain values are the input itself). */
static void check_encoded(const char *in, const char *enc)
{
	if (strncmp(enc, "=?UTF-8?B?", 10) != 0) {
		if (strcmp(in, enc) != 0)
			abort();
		return;
	}
	for (const char *p = enc; *p; p++)
		if (*p == '\r' && (p[1] != '\n' || p[2] != ' '))
			abort();
		else if (*p == '\n' && (p == enc || p[-1] != '\r'))
			abort();
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
	if (rc == MDG_OK)
		check_headers(buf_str(&out));
	buf_reset(&out);

	rc = mail_rfc2047_encode(subject, &out);
	if ((rc == MDG_OK) != mail_header_value_valid(subject))
		abort();
	if (rc == MDG_OK)
		check_encoded(subject, buf_str(&out));
	buf_free(&out);
	free(s);
	return 0;
}
