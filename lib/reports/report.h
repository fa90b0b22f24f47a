/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report.h: figures on the handling of cases: the staff workload report
 * (업무량) per department and per handler, the public statistics per
 * department, and the published example cases (처리 사례). */
#ifndef MDG_REPORT_H
#define MDG_REPORT_H
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

struct buf; /* core/buf.h */

#define REPORT_DEFAULT_DAYS 30   /* the default period ends today */
#define REPORT_MAX_YEARS 3       /* the longest period one report covers */
#define REPORT_EXAMPLES_PAGE 10  /* example cases per page */
#define REPORT_EXCERPT_CHARS 120 /* characters of a complaint shown in a list */

/* A period of whole days in the office's time zone, both ends included. */
typedef struct report_period {
	char from[11];  /* "YYYY-MM-DD" */
	char to[11];
	char until[11]; /* the day after to: the exclusive end in queries */
} report_period;

/* Checks a period a person typed: both dates real, "YYYY-MM-DD" and of the
 * years 1970 to 2999, from not after to, and to less than REPORT_MAX_YEARS
 * years after from. MDG_OK, or MDG_EINVAL with *field ("from" or "to") and
 * *problem, a key under L.Err: report_date, report_order or report_span. */
int report_period_make(const char *from, const char *to, report_period *out, const char **field,
		       const char **problem);
/* The REPORT_DEFAULT_DAYS days that end today (the database's today). */
int report_period_default(db *d, report_period *out);

/* The figures of one row of the workload report. */
typedef struct report_figures {
	long long received;       /* filed in the period */
	long long open;           /* neither answered nor finished, now */
	long long answered;       /* answered in the period */
	long long overdue;        /* open and past due now, or answered in the period after due */
	long long answer_seconds; /* sum over the answered of the time from filing to answer */
	long long ratings;        /* citizens' ratings given in the period */
	long long rating_sum;     /* their sum */
} report_figures;

/* Reads the figures (columns received, open, answered, overdue, seconds,
 * ratings, rating_sum) of a row of report_workload_departments,
 * report_workload_some_departments or report_workload_handlers. */
void report_figures_read(const db_result *r, unsigned row, report_figures *f);
/* sum += f. */
void report_figures_add(report_figures *sum, const report_figures *f);
/* The average days from filing to answer with one decimal ("2.0") into
 * out, or "" when nothing was answered. */
void report_average_days(long long answered, long long answer_seconds, char *out, size_t n);

/* The workload of every department for the period, one row per
 * department with cases: department_id (0 for cases no rule placed),
 * received, open, answered, overdue, seconds (the answers' time), ratings
 * and rating_sum (those given in the period). A case counts for its lead
 * (current) department. From the counters (counters.h), with today (the
 * database's, "YYYY-MM-DD") bound, so that MariaDB's query cache keeps the
 * result until a writer changes the counters: overdue leaves out the open
 * cases due today whose time has passed (report_workload_due_today). */
int report_workload_departments(db *d, const report_period *p, const char *today, db_result **out);
/* The same rows for the departments in dept_ids only (ids separated by
 * commas, no spaces; no unplaced row): index ranges per department for up
 * to 8 of them, report_workload_departments for more. */
int report_workload_some_departments(db *d, const report_period *p, const char *today, const char *dept_ids,
				     db_result **out);
/* The workload of the handlers of the departments in dept_ids (ids
 * separated by commas, no spaces), one row per department and handler
 * with a case that counts: department_id, account_id, name, received,
 * open, answered, overdue, seconds; by department id, then name.
 * A case counts for each of its handlers, joint ones included; overdue as
 * report_workload_departments counts it. */
int report_workload_handlers(db *d, const report_period *p, const char *today, const char *dept_ids,
			     db_result **out);
/* The open cases due today whose due time has passed (overdue now: the
 * counters know only the due day), rows department_id, account_id,
 * overdue: per lead department (account_id 0; department 0 for the
 * unplaced) or, by_handler, per handler in the handler's department.
 * dept_ids as above, or NULL for every department. Never cached (NOW()),
 * but reads only the cases due today. */
int report_workload_due_today(db *d, const char *dept_ids, bool by_handler, db_result **out);
/* The overdue of (department_id, account_id) in a result of
 * report_workload_due_today; 0 when it has no such row (r may be NULL). */
long long report_due_today_of(const db_result *r, long long department_id, long long account_id);

/* Cases received in the period per channel: rows channel ("web",
 * "email", "sms", "phone", "open311"), received; channels without cases
 * are left out. dept_ids NULL: every case (the whole institution, the
 * unplaced included); else only the cases whose lead department is in
 * that list (ids separated by commas, no spaces), as the departments'
 * received figure counts them. Index-only: ix_cases_inbox per department
 * for up to 8 of them, else ix_cases_report_filed (0026 added the
 * channel to it). */
int report_received_by_channel(db *d, const report_period *p, const char *dept_ids, db_result **out);
/* The proposals' reviews among those cases (kind 'proposal'), counted
 * apart: one row received, open, answered, overdue, as the departments'
 * figures count them, for dept_ids as above (NULL: all). Read through
 * ix_cases_kind: proposal cases are few. */
int report_proposal_cases(db *d, const report_period *p, const char *dept_ids, db_result **out);

/* The first year with a case (this year when there is none) and this year. */
int report_years(db *d, int *first, int *current);
/* Public statistics per department, for cases filed and answered in year
 * (0: all time), from the cases themselves: department_id, received,
 * answered, on_time (answered and not late: by the deadline, or without
 * one, as the counters count it), seconds (the answers' time);
 * departments without cases are left out. No personal data. What
 * report_public_page's figures are checked against (madangctl
 * public-view-check). */
int report_public_stats(db *d, int year, db_result **out);
/* The public statistics page (/stats) with one statement, exact: a row
 * per department in tree order (department_id, active, name, parent: the
 * parent's name in lang) with its figures of year (y_received,
 * y_answered, y_on_time, y_seconds; a year not in 1000..9998 gives 0) and
 * of all time (a_...) summed from the reports' counters, and on every
 * row first_year (NULL without cases), this_year, the debates' figures
 * (d_ and DEBATE_STATS_SQL's names) and the proposals' (p_ and
 * PROPOSAL_STATS_SQL's names). No department: one row with department_id
 * NULL. */
int report_public_page(db *d, int year, const char *lang, db_result **out);
/* Compares the public page's figures (report_public_page: the counters)
 * with report_public_stats (the cases) for every year with cases and for
 * all time: each difference is a line in out; *checked counts the
 * figures compared, *stale those that differ (madangctl
 * public-view-check). */
int report_public_check(db *d, struct buf *out, long long *checked, long long *stale);
/* A page of the published example cases (public, chosen by staff), newest
 * first: tracking, title, category, department, excerpt (the first
 * REPORT_EXCERPT_CHARS characters, "…" when cut), filed (the date),
 * answered (the date). *total counts them all. */
int report_examples(db *d, long page, const char *lang, db_result **out, long *total);

#endif
