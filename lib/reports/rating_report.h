/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rating_report.h: the figures of the citizens' ratings (만족도) for the
 * workload report (the ratings themselves: notify/rating.h). The ratings
 * per department and handler, by the day of the rating, come from the
 * report counters with the rest of the workload (report.h). */
#ifndef MDG_RATING_REPORT_H
#define MDG_RATING_REPORT_H
#include <stddef.h>

#include "db/db.h"
#include "reports/report.h"

/* The average of sum over n ratings with one decimal ("4.5") into out,
 * "" when n is 0. */
void report_rating_average(long long n, long long sum, char *out, size_t outlen);

#endif
