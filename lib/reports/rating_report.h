/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rating_report.h: the figures of the citizens' ratings (만족도) for the
 * workload report (the ratings themselves: notify/rating.h), per department and per handler, counted by the day
 * of the rating. */
#ifndef MDG_RATING_REPORT_H
#define MDG_RATING_REPORT_H
#include <stddef.h>

#include "db/db.h"
#include "reports/report.h"

/* Ratings given in the period, per lead department of the case: one row
 * per department with ratings: department_id (NULL for unplaced cases),
 * ratings (how many), rating_sum. */
int report_ratings_by_department(db *d, const report_period *p, db_result **out);
/* Ratings given in the period to cases of the handlers of the
 * departments in dept_ids (ids separated by commas): department_id,
 * account_id, ratings, rating_sum. A rating counts for each handler of the
 * case. */
int report_ratings_by_handler(db *d, const report_period *p, const char *dept_ids, db_result **out);
/* The average of sum over n ratings with one decimal ("4.5") into out,
 * "" when n is 0. */
void report_rating_average(long long n, long long sum, char *out, size_t outlen);

#endif
