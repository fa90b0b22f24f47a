/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* text.c: small validators and formatters for values people type. */
#include "core/text.h"
#include "core/mdg.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int text_parse_long(const char *s, long min, long max, long *out)
{
	char *end = NULL;
	if (!s || !*s || !(isdigit((unsigned char)s[0]) || (s[0] == '-' && isdigit((unsigned char)s[1]))))
		return MDG_EINVAL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return MDG_EINVAL;
	*out = v;
	return MDG_OK;
}

/* Length in bytes of the UTF-8 sequence that starts with byte c. */
static size_t utf8_seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
}

char *text_mask_name(const char *name)
{
	size_t len = strlen(name);
	size_t starts[256];
	size_t count = 0;
	buf out = {0};

	for (size_t i = 0; i < len && count < MDG_ARRAY_LEN(starts); i += utf8_seq_len((unsigned char)name[i]))
		starts[count++] = i;
	if (count == 0)
		return xstrdup("");
	if (count == 1) {
		buf_puts(&out, "*");
		return buf_detach(&out);
	}
	size_t first_end = starts[1];
	buf_append(&out, name, first_end);
	if (count == 2) {
		buf_puts(&out, "*");
		return buf_detach(&out);
	}
	for (size_t i = 1; i + 1 < count; i++)
		buf_putc(&out, '*');
	buf_puts(&out, name + starts[count - 1]);
	return buf_detach(&out);
}

int text_normalise_mobile(const char *in, char *out, size_t outlen)
{
	char digits[24];
	size_t n = 0;
	const char *p = in;

	while (*p == ' ')
		p++;
	if (*p == '+')
		p++;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof digits)
				return MDG_EINVAL;
			digits[n++] = *p;
		} else if (*p != '-' && *p != ' ' && *p != '.' && *p != '(' && *p != ')') {
			return MDG_EINVAL;
		}
	}
	digits[n] = '\0';
	if (n >= 13 && strncmp(digits, "0082", 4) == 0) {
		/* 0082 ...: the international prefix as dialled from Korea. */
		memmove(digits, digits + 2, n - 1);
		n -= 2;
	}
	const char *d = digits;
	char domestic[sizeof digits + 1];
	if (n >= 11 && strncmp(digits, "82", 2) == 0 && digits[2] == '1') {
		/* International form: 82 10 1234 5678 → 010 1234 5678. */
		snprintf(domestic, sizeof domestic, "0%s", digits + 2);
		d = domestic;
	} else if (n >= 12 && strncmp(digits, "820", 3) == 0) {
		/* +82 (0)10 ...: the trunk zero written after the country code. */
		snprintf(domestic, sizeof domestic, "%s", digits + 2);
		d = domestic;
	}
	size_t dl = strlen(d);
	if (d[0] != '0' || d[1] != '1')
		return MDG_EINVAL;
	if (strncmp(d, "010", 3) == 0) {
		if (dl != 11)
			return MDG_EINVAL;
	} else if (strchr("16789", d[2])) {
		if (dl != 10 && dl != 11)
			return MDG_EINVAL;
	} else {
		return MDG_EINVAL;
	}
	if (d[3] == '0' && dl == 11 && strncmp(d, "010", 3) == 0)
		return MDG_EINVAL; /* 010-0xxx-xxxx is never issued */
	if (outlen < dl + 1)
		return MDG_EINVAL;
	memcpy(out, d, dl + 1);
	return MDG_OK;
}

bool text_email_valid(const char *s)
{
	size_t len = strlen(s);
	const char *at = strchr(s, '@');
	if (len < 3 || len > 254 || !at || at == s || strchr(at + 1, '@'))
		return false;
	if (at - s > 64)
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c >= 0x7F || strchr("\"(),:;<>[\\]", c))
			return false;
	}
	const char *domain = at + 1;
	const char *dot = strrchr(domain, '.');
	if (!dot || dot == domain || dot[1] == '\0' || domain[0] == '.' || strstr(domain, ".."))
		return false;
	return s[0] != '.' && at[-1] != '.';
}

bool text_login_id_valid(const char *s)
{
	size_t len = strlen(s);
	if (len < 4 || len > 32 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return false;
	return true;
}

void tracking_format(int year, unsigned seq, char *out, size_t outlen)
{
	snprintf(out, outlen, "%04d-%06u", year, seq);
}

int tracking_parse(const char *s, int *year, unsigned *seq)
{
	if (strlen(s) != TRACKING_LEN || s[4] != '-')
		return MDG_EINVAL;
	for (int i = 0; i < TRACKING_LEN; i++)
		if (i != 4 && !isdigit((unsigned char)s[i]))
			return MDG_EINVAL;
	int y = atoi(s);
	unsigned n = (unsigned)strtoul(s + 5, NULL, 10);
	if (y < 2000 || y > 9999 || n == 0)
		return MDG_EINVAL;
	*year = y;
	*seq = n;
	return MDG_OK;
}

char *text_trim(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}
