/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rating_report.c: the ratings' figures per department and handler. */
#include "reports/rating_report.h"
#include "core/mdg.h"

#include <stdio.h>

void report_rating_average(long long n, long long sum, char *out, size_t outlen)
{
	if (n <= 0) {
		snprintf(out, outlen, "%s", "");
		return;
	}
	/* Rounded half up at one decimal, in whole numbers: no float surprises. */
	long long tenths = (sum * 100 / n + 5) / 10;
	snprintf(out, outlen, "%lld.%lld", tenths / 10, tenths % 10);
}
