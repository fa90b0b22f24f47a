/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_text.c: libFuzzer target for the validators of values people type
 * (lib/core/utf8.c and text.c). Each agrees with a reference written here
 * from its documented rule, or what it accepts keeps the rule's
 * invariants: UTF-8 text (RFC 3629, no NUL or control but TAB LF CR) and
 * its length in characters; e-mail addresses; login IDs; whole numbers;
 * mobile numbers (normalising twice changes nothing); tracking numbers
 * (format(parse(s)) == s); trimming; the masking of a name. */
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>

#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "fuzz.h"

/* RFC 3629's table of well-formed sequences; text also refuses the C0
 * controls but TAB, LF, CR, and DEL. Counts the characters in *chars. */
static bool ref_utf8_text(const unsigned char *s, size_t len, size_t *chars)
{
	*chars = 0;
	for (size_t i = 0; i < len; (*chars)++) {
		unsigned char c = s[i];
		size_t n;
		unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
				return false;
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 2;
		} else if (c == 0xE0) {
			n = 3, lo = 0xA0;
		} else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
			n = 3;
		} else if (c == 0xED) {
			n = 3, hi = 0x9F;
		} else if (c == 0xF0) {
			n = 4, lo = 0x90;
		} else if (c >= 0xF1 && c <= 0xF3) {
			n = 4;
		} else if (c == 0xF4) {
			n = 4, hi = 0x8F;
		} else {
			return false;
		}
		if (len - i < n || s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (size_t k = 2; k < n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return false;
		i += n;
	}
	return true;
}

static bool ref_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool ref_atext(char c)
{
	return ref_alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* local@domain: local dot-separated non-empty atext runs, at most 64
 * bytes; domain two or more dot-separated labels of 1-63 letters, digits,
 * hyphens, no hyphen first or last; 254 bytes in all. */
static bool ref_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || strchr(at + 1, '@') || strlen(s) > 254 || at - s > 64 || at == s)
		return false;
	size_t run = 0;
	for (const char *p = s; p <= at; p++) {
		if (p == at || *p == '.') {
			if (run == 0)
				return false;
			run = 0;
		} else if (!ref_atext(*p)) {
			return false;
		} else {
			run++;
		}
	}
	const char *label = at + 1;
	int labels = 0;
	for (;;) {
		size_t n = strcspn(label, ".");
		if (n == 0 || n > 63 || label[0] == '-' || label[n - 1] == '-')
			return false;
		for (size_t i = 0; i < n; i++)
			if (!ref_alnum(label[i]) && label[i] != '-')
				return false;
		labels++;
		if (label[n] == '\0')
			break;
		label += n + 1;
	}
	return labels >= 2;
}

static bool ref_login_id(const char *s)
{
	size_t n = strlen(s);
	if (n < 4 || n > 32 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || strchr("._-", s[i])))
			return false;
	return true;
}

/* "-"? digits, no more, its value in [min, max] (computed in __int128). */
static bool ref_long(const char *s, long min, long max, long *v)
{
	const char *p = s + (s[0] == '-');
	__int128 n = 0;
	if (!*p)
		return false;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		n = n * 10 + (*p - '0');
		if (n > (__int128)LONG_MAX + 1)
			return false;
	}
	if (s[0] == '-')
		n = -n;
	if (n < min || n > max)
		return false;
	*v = (long)n;
	return true;
}

static void check_utf8(const char *s, size_t size)
{
	size_t chars;
	bool ok = ref_utf8_text((const unsigned char *)s, size, &chars);
	FUZZ_CHECK(utf8_valid_text(s, size) == ok);
	if (ok)
		FUZZ_CHECK(utf8_length(s, size) == chars);
}

static void check_text(const char *s)
{
	static const long ranges[][2] = {{1, 100}, {-1000, 1000}, {0, 0x7FFFFFFFFFFFFFFFL}, {LONG_MIN, LONG_MAX}};
	size_t len = strlen(s), chars;
	long v = 0, want;

	FUZZ_CHECK(text_email_valid(s) == ref_email(s));
	FUZZ_CHECK(text_login_id_valid(s) == ref_login_id(s));
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		bool ok = text_parse_long(s, ranges[i][0], ranges[i][1], &v) == MDG_OK;
		FUZZ_CHECK(ok == ref_long(s, ranges[i][0], ranges[i][1], &want));
		FUZZ_CHECK(!ok || v == want);
	}

	char mobile[12], again[12];
	if (text_normalise_mobile(s, mobile, sizeof mobile) == MDG_OK) {
		size_t n = strlen(mobile);
		FUZZ_CHECK(n == 10 || n == 11);
		for (size_t i = 0; i < n; i++)
			FUZZ_CHECK(mobile[i] >= '0' && mobile[i] <= '9');
		FUZZ_CHECK(mobile[0] == '0' && mobile[1] == '1' && strchr("016789", mobile[2]));
		FUZZ_CHECK(strncmp(mobile, "010", 3) != 0 || (n == 11 && mobile[3] != '0'));
		FUZZ_CHECK(text_normalise_mobile(mobile, again, sizeof again) == MDG_OK && strcmp(again, mobile) == 0);
	}

	int year;
	unsigned seq;
	if (tracking_parse(s, &year, &seq) == MDG_OK) {
		char t[TRACKING_LEN + 1];
		FUZZ_CHECK(year >= 2000 && year <= 9999 && seq >= 1 && seq <= 999999);
		tracking_format(year, seq, t, sizeof t);
		FUZZ_CHECK(strcmp(t, s) == 0);
	}

	char *trimmed = text_trim(s);
	size_t lead = 0;
	while (s[lead] && isspace((unsigned char)s[lead]))
		lead++;
	size_t tl = strlen(trimmed);
	FUZZ_CHECK(strncmp(trimmed, s + lead, tl) == 0);
	FUZZ_CHECK(tl == 0 || !isspace((unsigned char)trimmed[tl - 1]));
	for (size_t i = lead + tl; i < len; i++)
		FUZZ_CHECK(isspace((unsigned char)s[i]));
	free(trimmed);

	if (ref_utf8_text((const unsigned char *)s, len, &chars) && chars >= 1 && chars <= 256) {
		char *m = text_mask_name(s);
		size_t mchars;
		FUZZ_CHECK(ref_utf8_text((const unsigned char *)m, strlen(m), &mchars));
		/* The mark of a closed account is no text (it starts with a
		 * control character, text.h): no name typed in is ever taken
		 * for it, and every name is masked by the rule. */
		FUZZ_CHECK(strcmp(s, PERSON_CLOSED) != 0);
		if (chars == 1) {
			FUZZ_CHECK(strcmp(m, "*") == 0);
		} else {
			/* the first character kept, then stars, then the last one
			 * kept when there are three or more */
			size_t c1 = 1;
			while (((unsigned char)s[c1] & 0xC0) == 0x80)
				c1++;
			FUZZ_CHECK(strncmp(m, s, c1) == 0);
			FUZZ_CHECK(mchars == chars);
			size_t last = len - 1;
			while (((unsigned char)s[last] & 0xC0) == 0x80)
				last--;
			size_t stars = chars == 2 ? 1 : chars - 2;
			for (size_t i = 0; i < stars; i++)
				FUZZ_CHECK(m[c1 + i] == '*');
			if (chars >= 3)
				FUZZ_CHECK(strcmp(m + c1 + stars, s + last) == 0);
			else
				FUZZ_CHECK(m[c1 + 1] == '\0');
		}
		free(m);
	} else if (strcmp(s, PERSON_CLOSED) == 0) {
		/* The mark itself stays as it is (text.h). */
		char *m = text_mask_name(s);
		FUZZ_CHECK(strcmp(m, PERSON_CLOSED) == 0);
		free(m);
	}
}

/* The input as bytes for the UTF-8 check, and as a C string (up to its
 * first NUL) for the others. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	check_utf8(s, size);
	check_text(s);
	free(s);
	return 0;
}
