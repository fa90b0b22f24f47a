/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* phone.c: Korean telephone numbers, mobiles and landlines (phone.h). */
#include "calls/phone.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/mdg.h"
#include "core/text.h"

/* The digits of in, separators dropped, the country code turned into the
 * trunk zero; MDG_EINVAL for any other character or too many digits. */
static int domestic_digits(const char *in, char *out, size_t outlen)
{
	char digits[24];
	if (text_phone_digits(in, digits, sizeof digits) != MDG_OK)
		return MDG_EINVAL;
	size_t n = strlen(digits);
	const char *d = digits;
	if (n >= 11 && strncmp(d, "0082", 4) == 0)
		d += 4;
	else if (n >= 10 && strncmp(d, "82", 2) == 0)
		d += 2;
	else {
		/* Already domestic (or a nationwide number without a zero). */
		if (n + 1 > outlen)
			return MDG_EINVAL;
		memcpy(out, digits, n + 1);
		return MDG_OK;
	}
	/* After the country code: the trunk zero is written or not. */
	if (strlen(d) + 2 > outlen)
		return MDG_EINVAL;
	snprintf(out, outlen, "%s%s", *d == '0' ? "" : "0", d);
	return MDG_OK;
}

/* True when d (domestic digits, n of them) is a landline number. */
static bool landline(const char *d, size_t n)
{
	if (n == 8)   /* 1588-1234: nationwide numbers, no area code */
		return d[0] == '1' && strchr("568", d[1]) && d[2] != '0';
	if (d[0] != '0' || d[1] == '0' || d[1] == '1')
		return false;
	if (d[1] == '2')   /* Seoul: 02-123-4567, 02-1234-5678 */
		return (n == 9 || n == 10) && d[2] != '0';
	/* 031-033, 041-044, 051-055, 061-064 */
	static const char *const areas[] = {"031", "032", "033", "041", "042", "043", "044",
					    "051", "052", "053", "054", "055", "061", "062", "063", "064"};
	for (size_t i = 0; i < MDG_ARRAY_LEN(areas); i++)
		if (strncmp(d, areas[i], 3) == 0)
			return (n == 10 || n == 11) && d[3] != '0';
	if (strncmp(d, "070", 3) == 0)
		return n == 11;
	if (strncmp(d, "050", 3) == 0)   /* 0505-123-4567, 0504-1234-5678 */
		return (n == 11 || n == 12) && d[3] != '0';
	return false;
}

int phone_normalise(const char *in, char *out, size_t outlen)
{
	char d[PHONE_DIGITS + 4];
	if (!in)
		return MDG_EINVAL;
	if (text_normalise_mobile(in, out, outlen) == MDG_OK)
		return MDG_OK;
	if (domestic_digits(in, d, sizeof d) != MDG_OK)
		return MDG_EINVAL;
	size_t n = strlen(d);
	if (!landline(d, n) || n + 1 > outlen)
		return MDG_EINVAL;
	memcpy(out, d, n + 1);
	return MDG_OK;
}

void phone_format(const char *digits, char *out, size_t outlen)
{
	size_t n = strlen(digits);
	if (n >= 2 && strncmp(digits, "01", 2) == 0) {
		text_format_mobile(digits, out, outlen);
		return;
	}
	/* The area code (2 digits for Seoul, 4 for 050X, else 3), then the
	 * last four digits; nationwide numbers are 4-4. */
	size_t head = n == 8 && digits[0] == '1' ? 4
		      : strncmp(digits, "02", 2) == 0 ? 2
		      : strncmp(digits, "050", 3) == 0 ? 4 : 3;
	if (n == 8 && head == 4)
		snprintf(out, outlen, "%.4s-%s", digits, digits + 4);
	else if (n >= head + 7 && n <= head + 8)
		snprintf(out, outlen, "%.*s-%.*s-%s", (int)head, digits, (int)(n - head - 4), digits + head,
			 digits + n - 4);
	else
		snprintf(out, outlen, "%s", digits);
}
