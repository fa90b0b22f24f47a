/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* analysis.h: the managers' report (/staff/reports): the figures of the
 * cases a combination of filters selects, grouped by one dimension or by
 * period buckets over time. The page, its chart and its exports read the
 * same rows (analysis_run). */
#ifndef MDG_ANALYSIS_H
#define MDG_ANALYSIS_H
#include <stdbool.h>
#include <stddef.h>

#include "core/bizdays.h"
#include "db/db.h"
#include "reports/report.h"

/* What the rows are grouped by. The period buckets group each figure by
 * the time of its own event (received: filing; answered: the answer;
 * open and overdue now: filing; extensions and the like: the event). */
typedef enum analysis_group {
	GROUP_NONE,
	GROUP_DEPARTMENT,
	GROUP_HANDLER,
	GROUP_CATEGORY,
	GROUP_CHANNEL,
	GROUP_STATUS,
	GROUP_KIND,
	GROUP_DAY,
	GROUP_WEEK,
	GROUP_MONTH,
	GROUP_QUARTER,
	GROUP_YEAR,
} analysis_group;

/* The group's name in URLs ("department", "month"…), and back
 * (GROUP_NONE and false for an unknown name). */
const char *analysis_group_name(analysis_group g);
bool analysis_group_parse(const char *name, analysis_group *out);
/* Whether g is a period bucket (day … year). */
bool analysis_group_is_period(analysis_group g);

/* The bucket of date d for a period group (day "2026-12-07", week
 * "2026-W49" (ISO 8601), month "2026-12", quarter "2026-Q4", year
 * "2026") into out; "" for another group. */
void analysis_bucket(analysis_group g, bizdate d, char out[16]);
/* The first day of d's bucket. */
bizdate analysis_bucket_start(analysis_group g, bizdate d);
/* The whole day, week (Monday to Sunday), month, quarter or year that
 * holds at, as a report period. MDG_EINVAL for another group. */
int analysis_period_around(analysis_group unit, bizdate at, report_period *out);

/* The filters; every one left empty (0, "") selects everything. */
typedef struct analysis_filter {
	report_period period;
	/* The departments (ids separated by commas, no spaces) whose lead
	 * cases count; NULL: every case, those no rule placed included. */
	const char *dept_ids;
	long long handler;
	long long category;
	const char *channel;
	const char *status;
	const char *kind;
	const char *lang; /* for the names of departments, categories */
	analysis_group group;
} analysis_filter;

/* The figures of one group. */
typedef struct analysis_row {
	char key[24];         /* the group's id or bucket; "" for none */
	char *label;          /* its name as the database has it (owned), or NULL */
	long long received;   /* filed in the period */
	long long answered;   /* answered in the period */
	long long open;       /* open now */
	long long overdue;    /* open now and past due */
	long long late;       /* answered in the period after due */
	long long extensions; /* deadline extensions in the period */
	long long transfers;  /* transfers to another department in the period */
	long long reopened;   /* reopened in the period */
	long long ratings;    /* ratings given in the period */
	long long rating_sum;
	long long callbacks;  /* callbacks recorded in the period */
	/* Working days to answer, as a histogram (a year's answers are
	 * hundreds of thousands, their values a few dozen): answers[d] cases
	 * answered in d working days, d < nbins; nworkdays answers in all. */
	long long *answers;
	size_t nbins;
	long long nworkdays;
} analysis_row;

typedef struct analysis {
	analysis_row *rows;   /* sorted by key */
	size_t n;
	analysis_row total;   /* every case once (a case with two handlers too) */
} analysis;

/* Reads the figures the filter selects into *out (analysis_free it).
 * Working days count weekends and the holidays table as days off. */
int analysis_run(db *d, const analysis_filter *f, analysis *out);
void analysis_free(analysis *a);
/* Adds the empty buckets of a period group between p's first and last
 * day, so that a line over time has every point. */
void analysis_fill_buckets(analysis *a, analysis_group g, const report_period *p);
/* The staff who handle cases of the departments in dept_ids (as
 * analysis_filter takes it; NULL: all): id, name; by name. */
int analysis_handlers(db *d, const char *dept_ids, db_result **out);

/* Counts n more answers of days working days (days >= 0) in r. */
void analysis_add_workdays(analysis_row *r, int days, long long n);
/* Average and median working days to answer, one decimal ("2.5"), "" when
 * nothing was answered. */
void analysis_average(const analysis_row *r, char *out, size_t n);
void analysis_median(const analysis_row *r, char *out, size_t n);
/* The average rating, one decimal, "" without ratings. */
void analysis_rating(const analysis_row *r, char *out, size_t n);

#endif
