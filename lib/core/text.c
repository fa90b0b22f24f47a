/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* text.c: small validators and formatters for values people type. */
#include "core/text.h"
#include "core/mdg.h"
#include "core/buf.h"
#include "core/utf8.h"
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

char *text_mask_name(const char *name)
{
	size_t len = strlen(name);
	size_t starts[256];
	size_t count = 0;
	buf out = {0};

	if (strcmp(name, PERSON_CLOSED) == 0)
		return xstrdup(name);
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

void text_format_mobile(const char *digits, char *out, size_t outlen)
{
	size_t len = strlen(digits);
	if (len == 11)
		snprintf(out, outlen, "%.3s-%.4s-%.4s", digits, digits + 3, digits + 7);
	else if (len == 10)
		snprintf(out, outlen, "%.3s-%.3s-%.4s", digits, digits + 3, digits + 6);
	else
		snprintf(out, outlen, "%s", digits);
}

int text_phone_digits(const char *in, char *out, size_t outlen)
{
	size_t n = 0;
	const char *p = in;

	while (*p == ' ')
		p++;
	if (*p == '+')
		p++;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= outlen)
				return MDG_EINVAL;
			out[n++] = *p;
		} else if (*p != '-' && *p != ' ' && *p != '.' && *p != '(' && *p != ')') {
			return MDG_EINVAL;
		}
	}
	out[n] = '\0';
	return MDG_OK;
}

int text_normalise_mobile(const char *in, char *out, size_t outlen)
{
	char digits[24];
	if (text_phone_digits(in, digits, sizeof digits) != MDG_OK)
		return MDG_EINVAL;
	size_t n = strlen(digits);
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

bool text_is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

bool text_dot_atom_valid(const char *s, size_t len)
{
	if (len == 0 || s[0] == '.' || s[len - 1] == '.')
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.') {
			if (i + 1 < len && s[i + 1] == '.')
				return false;
		} else if (!text_is_atext(c)) {
			return false;
		}
	}
	return true;
}

/* Two or more labels of letters, digits and hyphens, 1-63 bytes each, no
 * hyphen at either end of a label. */
static bool email_domain_valid(const char *d, size_t len)
{
	size_t label = 0, labels = 0;
	if (len == 0 || len > 253)
		return false;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? d[i] : '.';
		if (c == '.') {
			if (label == 0 || label > 63 || d[i - 1] == '-' || d[i - label] == '-')
				return false;
			labels++;
			label = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '-') {
			label++;
		} else {
			return false;
		}
	}
	return labels >= 2;
}

bool text_email_valid(const char *s)
{
	const char *at;
	size_t len;

	if (!s)
		return false;
	len = strlen(s);
	at = strchr(s, '@');
	if (len > TEXT_EMAIL_MAX || !at || strchr(at + 1, '@'))
		return false;
	if (at - s > 64 || !text_dot_atom_valid(s, (size_t)(at - s)))
		return false;
	return email_domain_valid(at + 1, len - (size_t)(at - s) - 1);
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
