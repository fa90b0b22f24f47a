/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report.c: the workload report, the public statistics and the example
 * cases. Every figure is aggregated in SQL, from scans of indexes that
 * hold what it needs (db/migrations/0005_reports.sql). */
#include "reports/report.h"
#include "db/page.h"
#include "db/sql.h"
#include "core/bizdays.h"
#include "core/mdg.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Statuses of a case that still needs handling: not yet answered and not
 * finished (closed, withdrawn, rejected). */
#define OPEN_STATUSES "'received', 'assigned', 'in_progress', 'approval'"

/* The sums of the workload queries' three scans, under the names report_figures_read
 * reads. */
#define WORKLOAD_SUMS                                                                             \
	"x.department_id AS department_id, SUM(x.received) AS received, SUM(x.open) AS open,"     \
	" SUM(x.answered) AS answered, SUM(x.overdue) AS overdue, SUM(x.seconds) AS seconds"

static void date_text(bizdate d, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u, (unsigned)d.month % 100u,
		 (unsigned)d.day % 100u);
}

/* A real date "YYYY-MM-DD" of a plausible year (the day after it is
 * still a four-digit year). */
static int date_parse(const char *s, bizdate *out)
{
	if (biz_parse(s, out) != MDG_OK || out->year < 1970 || out->year > 2999)
		return MDG_EINVAL;
	return MDG_OK;
}

int report_period_make(const char *from, const char *to, report_period *out, const char **field,
		       const char **problem)
{
	bizdate f, t;
	*field = NULL;
	*problem = NULL;
	if (date_parse(from, &f) != MDG_OK) {
		*field = "from";
		*problem = "report_date";
		return MDG_EINVAL;
	}
	if (date_parse(to, &t) != MDG_OK) {
		*field = "to";
		*problem = "report_date";
		return MDG_EINVAL;
	}
	if (biz_number(f) > biz_number(t)) {
		*field = "to";
		*problem = "report_order";
		return MDG_EINVAL;
	}
	/* Compared as numbers, so from 2024-02-29 the limit is 2027-02-29:
	 * up to 2027-02-28 is allowed. */
	bizdate limit = {f.year + REPORT_MAX_YEARS, f.month, f.day};
	if (biz_number(t) >= biz_number(limit)) {
		*field = "to";
		*problem = "report_span";
		return MDG_EINVAL;
	}
	date_text(f, out->from);
	date_text(t, out->to);
	date_text(biz_add_calendar(t, 1), out->until);
	return MDG_OK;
}

int report_period_default(db *d, report_period *out)
{
	db_result *r = NULL;
	bizdate today;
	int rc = db_query(d, &r, "SELECT " SQL_DAY("CURDATE()") " AS today", DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	rc = biz_parse(db_get(r, 0, "today", ""), &today) == MDG_OK ? MDG_OK : MDG_ERR;
	if (rc == MDG_OK) {
		date_text(biz_add_calendar(today, -(REPORT_DEFAULT_DAYS - 1)), out->from);
		date_text(today, out->to);
		date_text(biz_add_calendar(today, 1), out->until);
	}
	db_result_free(r);
	return rc;
}

void report_figures_read(const db_result *r, unsigned row, report_figures *f)
{
	f->received = db_get_ll(r, row, "received", 0);
	f->open = db_get_ll(r, row, "open", 0);
	f->answered = db_get_ll(r, row, "answered", 0);
	f->overdue = db_get_ll(r, row, "overdue", 0);
	f->answer_seconds = db_get_ll(r, row, "seconds", 0);
}

void report_figures_add(report_figures *sum, const report_figures *f)
{
	sum->received += f->received;
	sum->open += f->open;
	sum->answered += f->answered;
	sum->overdue += f->overdue;
	sum->answer_seconds += f->answer_seconds;
}

void report_average_days(long long answered, long long answer_seconds, char *out, size_t n)
{
	if (answered <= 0) {
		snprintf(out, n, "%s", "");
		return;
	}
	snprintf(out, n, "%.1f", (double)answer_seconds / (double)answered / 86400.0);
}

int report_workload_departments(db *d, const report_period *p, db_result **out)
{
	/* One scan per figure, each over its own covering index: cases filed
	 * in the period (ix_cases_report_filed), open now (ix_cases_report_open,
	 * grouped in its own order so that no temporary table is needed: open
	 * cases can be many) and answered in the period
	 * (ix_cases_report_answered); the outer query adds them up. */
	return db_query(d, out, "SELECT " WORKLOAD_SUMS " FROM ("
				"  SELECT department_id, COUNT(*) AS received, 0 AS open, 0 AS answered,"
				"   0 AS overdue, 0 AS seconds"
				"  FROM cases FORCE INDEX (ix_cases_report_filed)"
				"  WHERE created_at >= ? AND created_at < ? GROUP BY department_id"
				"  UNION ALL"
				"  SELECT department_id, 0, COUNT(*), 0, SUM(due_at < NOW()), 0"
				"  FROM cases FORCE INDEX (ix_cases_report_open) WHERE status IN (" OPEN_STATUSES ")"
														  " GROUP BY status, department_id"
				"  UNION ALL"
				"  SELECT department_id, 0, 0, COUNT(*), SUM(answered_at > due_at),"
				"   SUM(TIMESTAMPDIFF(SECOND, created_at, answered_at))"
				"  FROM cases FORCE INDEX (ix_cases_report_answered)"
				"  WHERE answered_at >= ? AND answered_at < ? GROUP BY department_id"
				" ) x GROUP BY x.department_id",
			DB_ARGS(DB_STR(p->from), DB_STR(p->until), DB_STR(p->from), DB_STR(p->until)));
}

/* Up to this many departments are bound one by one ("department_id IN
 * (?, …)" in each of three branches), which lets each branch read a range
 * of (department, time) over all of them; more fall back to a join on the
 * list. Eight keeps the statement within db.c's 32 parameters. */
#define DEPT_SLOTS 8
#define Q8 "?, ?, ?, ?, ?, ?, ?, ?"
#define I8(a)                                                                                                \
	DB_INT(a[0]), DB_INT(a[1]), DB_INT(a[2]), DB_INT(a[3]), DB_INT(a[4]), DB_INT(a[5]), DB_INT(a[6]), \
		DB_INT(a[7])

static int parse_ids(const char *list, long long *ids, int max);

int report_workload_some_departments(db *d, const report_period *p, const char *dept_ids, db_result **out)
{
	/* The same three figures as report_workload_departments, each from a
	 * range per department of an index that starts with it: for
	 * 도시교통국 and its 5 divisions 3,800 index entries instead of the
	 * whole organisation's 19,000 (ANALYZE 11.5 -> 3.2 ms). */
	long long ids[DEPT_SLOTS];
	int n = parse_ids(dept_ids, ids, DEPT_SLOTS);
	if (n <= 0)
		return report_workload_departments(d, p, out);
	/* Unused slots repeat the first department: the same set. */
	for (int i = n; i < DEPT_SLOTS; i++)
		ids[i] = ids[0];
	return db_query(d, out, "SELECT " WORKLOAD_SUMS " FROM ("
				"  SELECT department_id, COUNT(*) AS received, 0 AS open, 0 AS answered,"
				"   0 AS overdue, 0 AS seconds"
				"  FROM cases FORCE INDEX (ix_cases_inbox)"
				"  WHERE department_id IN (" Q8 ") AND created_at >= ? AND created_at < ?"
								" GROUP BY department_id"
				"  UNION ALL"
				"  SELECT department_id, 0, COUNT(*), 0, SUM(due_at < NOW()), 0"
				"  FROM cases FORCE INDEX (ix_cases_report_open) WHERE status IN (" OPEN_STATUSES ")"
				"  AND department_id IN (" Q8 ") GROUP BY status, department_id"
				"  UNION ALL"
				"  SELECT department_id, 0, 0, COUNT(*), SUM(answered_at > due_at),"
				"   SUM(TIMESTAMPDIFF(SECOND, created_at, answered_at))"
				"  FROM cases FORCE INDEX (ix_cases_report_dept_answered)"
				"  WHERE department_id IN (" Q8 ") AND answered_at >= ? AND answered_at < ?"
								" GROUP BY department_id"
				" ) x GROUP BY x.department_id",
			DB_ARGS(I8(ids), DB_STR(p->from), DB_STR(p->until), I8(ids), I8(ids), DB_STR(p->from),
				DB_STR(p->until)));
}

/* The per-handler figures of the cases in rel (a derived table of case
 * ids, given by the caller's fragment) for handlers of the departments in
 * the list bound last but one. */
#define HANDLERS_HEAD                                                                            \
	"SELECT STRAIGHT_JOIN ch.department_id, ch.account_id, a.name,"                          \
	" SUM(c.created_at >= pp.f AND c.created_at < pp.u) AS received,"                        \
	" SUM(c.status IN (" OPEN_STATUSES ")) AS open,"                                         \
	" SUM(c.answered_at >= pp.f AND c.answered_at < pp.u) AS answered,"                      \
	" SUM(c.status IN (" OPEN_STATUSES ") AND c.due_at < NOW()"                              \
	"  OR c.answered_at >= pp.f AND c.answered_at < pp.u AND c.answered_at > c.due_at)"      \
	"  AS overdue,"                                                                          \
	" SUM(IF(c.answered_at >= pp.f AND c.answered_at < pp.u,"                                \
	"  TIMESTAMPDIFF(SECOND, c.created_at, c.answered_at), 0)) AS seconds"                   \
	" FROM (SELECT CAST(? AS DATETIME) AS f, CAST(? AS DATETIME) AS u) pp JOIN ("
#define HANDLERS_TAIL                                                                            \
	"  UNION SELECT j.case_id FROM departments d4"                                           \
	"  JOIN case_departments j ON j.department_id = d4.id AND j.role = 'joint'"              \
	"  WHERE FIND_IN_SET(d4.id, ?) > 0"                                                      \
	" ) rel"                                                                                 \
	" JOIN cases c ON c.id = rel.id"                                                         \
	" JOIN case_handlers ch ON ch.case_id = c.id"                                            \
	" JOIN accounts a ON a.id = ch.account_id"                                               \
	" WHERE FIND_IN_SET(ch.department_id, ?) > 0"                                            \
	" GROUP BY ch.department_id, ch.account_id, a.name"                                      \
	" ORDER BY ch.department_id, a.name, ch.account_id"

/* Reads "1,2,3" into ids (up to max); the count, or -1 when the text is
 * not such a list or holds more. */
static int parse_ids(const char *list, long long *ids, int max)
{
	int n = 0;
	const char *p = list;
	while (*p) {
		long long v = 0;
		if (*p < '0' || *p > '9' || n == max)
			return -1;
		while (*p >= '0' && *p <= '9') {
			if (v > 100000000000LL)
				return -1;
			v = v * 10 + (*p++ - '0');
		}
		ids[n++] = v;
		if (*p == ',' && p[1])
			p++;
		else if (*p)
			return -1;
	}
	return n;
}

/* The per-handler figures when the departments are bound one by one.
 * Each figure is decided by one condition, so each comes from its own
 * branch, without the UNION that had to find every case once (a
 * temporary table with a unique key) and without reading the case rows:
 * filed in the period from ix_cases_inbox, open now from
 * ix_cases_report_open, answered in the period from
 * ix_cases_report_dept_answered (0009 widened it to hold what the figures
 * need), all index-only. The joint cases whose lead is not among the
 * departments (939 for 도시교통국, all time: they are few) come apart,
 * each once, their figures computed from a narrow index entry rather
 * than the wide case row (which at bench size is not all in memory: by
 * primary key the page took 1.5-2 times as long): the entry of
 * ix_cases_report_joint (0029) found by the case's lead department (its
 * case_departments row, which routing and transfers keep equal to
 * cases.department_id) and its id. That index does not start with id,
 * so that an UPDATE of a case by id keeps to the primary key (0029).
 * STRAIGHT_JOIN: prepared, the optimizer scanned all 100,000 entries of
 * such an index and looked each up among the joint cases, 107 ms. A case open and answered late in
 * the period is overdue once: the answered branch leaves it to the open
 * one. Then each branch's cases meet their handlers by primary key, and
 * the names are joined to the ~40 handler rows after grouping.
 * 도시교통국 and its 5 divisions: ANALYZE 36-43 ms -> ~20 ms by hand, the
 * same rows. Batched key access (SET STATEMENT join_cache_level = 6 …)
 * looked better by hand (ANALYZE: the handler lookups 17.7 -> 4.1 ms) but
 * doubled the page's DB CPU under wrk (24 -> 48 ms a page): its join
 * buffers are allocated and freed on every execution. */
#define HANDLERS_BY_FIGURE                                                                                   \
	"WITH pp AS (SELECT CAST(? AS DATETIME) AS f, CAST(? AS DATETIME) AS u)"                              \
	" SELECT STRAIGHT_JOIN g.department_id, g.account_id, a.name, g.received, g.open, g.answered,"         \
	" g.overdue, g.seconds FROM ("                                                                          \
	"  SELECT STRAIGHT_JOIN ch.department_id, ch.account_id, SUM(x.received) AS received,"                 \
	"   SUM(x.open) AS open, SUM(x.answered) AS answered, SUM(x.overdue) AS overdue,"                      \
	"   SUM(x.seconds) AS seconds FROM ("                                                                   \
	"   SELECT c1.id, 1 AS received, 0 AS open, 0 AS answered, 0 AS overdue, 0 AS seconds"                 \
	"   FROM pp JOIN cases c1 FORCE INDEX (ix_cases_inbox) WHERE c1.department_id IN (" Q8 ")"           \
	"   AND c1.created_at >= pp.f AND c1.created_at < pp.u"                                                \
	"   UNION ALL SELECT c2.id, 0, 1, 0, c2.due_at < NOW(), 0"                                             \
	"   FROM cases c2 FORCE INDEX (ix_cases_report_open)"                                                  \
	"   WHERE c2.status IN (" OPEN_STATUSES ") AND c2.department_id IN (" Q8 ")"                         \
	"   UNION ALL SELECT c3.id, 0, 0, 1,"                                                                  \
	"    c3.answered_at > c3.due_at AND NOT (c3.status IN (" OPEN_STATUSES ") AND c3.due_at < NOW()),"   \
	"    TIMESTAMPDIFF(SECOND, c3.created_at, c3.answered_at)"                                             \
	"   FROM pp JOIN cases c3 FORCE INDEX (ix_cases_report_dept_answered) WHERE c3.department_id IN (" Q8 ")" \
	"   AND c3.answered_at >= pp.f AND c3.answered_at < pp.u"                                              \
	"   UNION ALL SELECT STRAIGHT_JOIN c.id, c.created_at >= pp.f AND c.created_at < pp.u,"                              \
	"    c.status IN (" OPEN_STATUSES "), c.answered_at >= pp.f AND c.answered_at < pp.u,"               \
	"    c.status IN (" OPEN_STATUSES ") AND c.due_at < NOW()"                                           \
	"     OR c.answered_at >= pp.f AND c.answered_at < pp.u AND c.answered_at > c.due_at,"                 \
	"    IF(c.answered_at >= pp.f AND c.answered_at < pp.u,"                                               \
	"     TIMESTAMPDIFF(SECOND, c.created_at, c.answered_at), 0)"                                          \
	"   FROM pp JOIN (SELECT DISTINCT j.case_id FROM departments d4"                                       \
	"    JOIN case_departments j ON j.department_id = d4.id AND j.role = 'joint'"                         \
	"    WHERE FIND_IN_SET(d4.id, ?) > 0) jj"                                                              \
	"   JOIN case_departments l ON l.case_id = jj.case_id AND l.role = 'lead'"                             \
	"   JOIN cases c FORCE INDEX (ix_cases_report_joint)"                                                  \
	"    ON c.department_id = l.department_id AND c.id = jj.case_id"                                       \
	"   WHERE IFNULL(FIND_IN_SET(l.department_id, ?), 0) = 0"                                              \
	"  ) x JOIN case_handlers ch ON ch.case_id = x.id WHERE FIND_IN_SET(ch.department_id, ?) > 0"         \
	"  GROUP BY ch.department_id, ch.account_id"                                                            \
	" ) g JOIN accounts a ON a.id = g.account_id"                                                           \
	" ORDER BY g.department_id, a.name, g.account_id"

int report_workload_handlers(db *d, const report_period *p, const char *dept_ids, db_result **out)
{
	/* Only the cases that can count are read: those of the chosen
	 * departments filed or answered in the period or open now, each found
	 * in a range of an index that starts with the department
	 * (ix_cases_inbox, ix_cases_dept_status, ix_cases_report_dept_answered),
	 * and their joint cases; then those cases and their handlers by
	 * primary key. A handler's row is always of one of the case's
	 * departments (a transfer removes the old department's handlers), so
	 * nothing is missed, and the cost follows the chosen departments and
	 * the period, not the whole organisation or its years of history.
	 * STRAIGHT_JOIN keeps that order: left alone, the optimiser would
	 * rather scan every handler row. With the departments bound one by
	 * one the branches read only the period's cases (도시교통국 and its 5
	 * divisions: 28,354 rows read in all instead of 84,655 with a join on
	 * FIND_IN_SET, which reads every case of each department), and each
	 * figure from its own branch (HANDLERS_BY_FIGURE). */
	long long ids[DEPT_SLOTS];
	int n = parse_ids(dept_ids, ids, DEPT_SLOTS);
	if (n > 0) {
		/* Unused slots repeat the first department: the same set. */
		for (int i = n; i < DEPT_SLOTS; i++)
			ids[i] = ids[0];
		return db_query(d, out, HANDLERS_BY_FIGURE,
				DB_ARGS(DB_STR(p->from), DB_STR(p->until), I8(ids), I8(ids), I8(ids), DB_STR(dept_ids),
					DB_STR(dept_ids), DB_STR(dept_ids)));
	}
	return db_query(d, out, HANDLERS_HEAD
			"  SELECT STRAIGHT_JOIN c1.id FROM departments d1 JOIN cases c1 ON c1.department_id = d1.id"
			"  WHERE FIND_IN_SET(d1.id, ?) > 0 AND c1.created_at >= ? AND c1.created_at < ?"
			"  UNION SELECT STRAIGHT_JOIN c2.id FROM departments d2 JOIN cases c2"
			" ON c2.department_id = d2.id"
			"  WHERE FIND_IN_SET(d2.id, ?) > 0 AND c2.status IN (" OPEN_STATUSES ")"
			"  UNION SELECT STRAIGHT_JOIN c3.id FROM departments d3 JOIN cases c3"
			" ON c3.department_id = d3.id"
			"  WHERE FIND_IN_SET(d3.id, ?) > 0 AND c3.answered_at >= ? AND c3.answered_at < ?" HANDLERS_TAIL,
			DB_ARGS(DB_STR(p->from), DB_STR(p->until), DB_STR(dept_ids), DB_STR(p->from), DB_STR(p->until),
				DB_STR(dept_ids), DB_STR(dept_ids), DB_STR(p->from), DB_STR(p->until), DB_STR(dept_ids),
				DB_STR(dept_ids)));
}

int report_received_by_channel(db *d, const report_period *p, const char *dept_ids, db_result **out)
{
	long long ids[DEPT_SLOTS];
	if (!dept_ids)
		return db_query(d, out, "SELECT channel AS channel, COUNT(*) AS received"
					" FROM cases FORCE INDEX (ix_cases_report_filed)"
					" WHERE created_at >= ? AND created_at < ? GROUP BY channel ORDER BY channel",
				DB_ARGS(DB_STR(p->from), DB_STR(p->until)));
	int n = parse_ids(dept_ids, ids, DEPT_SLOTS);
	if (n <= 0)
		return db_query(d, out, "SELECT channel AS channel, COUNT(*) AS received"
					" FROM cases FORCE INDEX (ix_cases_report_filed)"
					" WHERE created_at >= ? AND created_at < ?"
					" AND FIND_IN_SET(department_id, ?) > 0"
					" GROUP BY channel ORDER BY channel",
				DB_ARGS(DB_STR(p->from), DB_STR(p->until), DB_STR(dept_ids)));
	/* Unused slots repeat the first department: the same set. */
	for (int i = n; i < DEPT_SLOTS; i++)
		ids[i] = ids[0];
	return db_query(d, out, "SELECT channel AS channel, COUNT(*) AS received"
				" FROM cases FORCE INDEX (ix_cases_inbox)"
				" WHERE department_id IN (" Q8 ") AND created_at >= ? AND created_at < ?"
				" GROUP BY channel ORDER BY channel",
			DB_ARGS(I8(ids), DB_STR(p->from), DB_STR(p->until)));
}

int report_proposal_cases(db *d, const report_period *p, const char *dept_ids, db_result **out)
{
	return db_query(d, out, "SELECT IFNULL(SUM(created_at >= ? AND created_at < ?), 0) AS received,"
				" IFNULL(SUM(status IN (" OPEN_STATUSES ")), 0) AS open,"
				" IFNULL(SUM(answered_at >= ? AND answered_at < ?), 0) AS answered,"
				" IFNULL(SUM((status IN (" OPEN_STATUSES ") AND due_at < NOW())"
				"  OR (answered_at >= ? AND answered_at < ? AND answered_at > due_at)), 0) AS overdue"
				" FROM cases FORCE INDEX (ix_cases_kind)"
				" WHERE kind = 'proposal' AND (? IS NULL OR FIND_IN_SET(department_id, ?) > 0)",
			DB_ARGS(DB_STR(p->from), DB_STR(p->until), DB_STR(p->from), DB_STR(p->until), DB_STR(p->from),
				DB_STR(p->until), DB_STR(dept_ids), DB_STR(dept_ids)));
}

int report_years(db *d, int *first, int *current)
{
	db_result *r = NULL;
	/* MIN over ix_cases_created reads one index entry. */
	int rc = db_query(d, &r, "SELECT YEAR(MIN(created_at)) AS first_year, YEAR(CURDATE()) AS this_year FROM cases",
			  DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	*current = (int)db_get_ll(r, 0, "this_year", 2026);
	*first = (int)db_get_ll(r, 0, "first_year", *current);
	if (*first > *current)
		*first = *current;
	db_result_free(r);
	return MDG_OK;
}

int report_public_stats(db *d, int year, db_result **out)
{
	char from[11], until[11];
	if (year) {
		snprintf(from, sizeof from, "%04u-01-01", (unsigned)year % 10000u);
		snprintf(until, sizeof until, "%04u-01-01", (unsigned)(year + 1) % 10000u);
	} else {
		snprintf(from, sizeof from, "%s", "1000-01-01");
		snprintf(until, sizeof until, "%s", "9999-12-31");
	}
	return db_query(d, out, "SELECT x.department_id AS department_id, SUM(x.received) AS received,"
				" SUM(x.answered) AS answered, SUM(x.on_time) AS on_time, SUM(x.seconds) AS seconds"
				" FROM ("
				"  SELECT department_id, COUNT(*) AS received, 0 AS answered, 0 AS on_time,"
				"   0 AS seconds"
				"  FROM cases WHERE created_at >= ? AND created_at < ? GROUP BY department_id"
				"  UNION ALL"
				"  SELECT department_id, 0, COUNT(*), SUM(answered_at <= due_at),"
				"   SUM(TIMESTAMPDIFF(SECOND, created_at, answered_at))"
				"  FROM cases WHERE answered_at >= ? AND answered_at < ? GROUP BY department_id"
				" ) x WHERE x.department_id IS NOT NULL GROUP BY x.department_id",
			DB_ARGS(DB_STR(from), DB_STR(until), DB_STR(from), DB_STR(until)));
}

/* Public statistics already computed, per year, in this process. A
 * worker serves one request at a time, so no lock is needed; the results
 * are shared figures, never anything of one request or one person. */
static struct stats_slot {
	bool used;
	int year;
	struct timespec at;
	db_result *r;
} stats_cache[4];

int report_public_stats_cached(db *d, int year, long max_age, const db_result **out)
{
	struct timespec now;
	struct stats_slot *slot = NULL;
	db_result *r = NULL;
	clock_gettime(CLOCK_MONOTONIC, &now);
	*out = NULL;
	for (size_t i = 0; i < MDG_ARRAY_LEN(stats_cache); i++) {
		struct stats_slot *s = &stats_cache[i];
		if (s->used && s->year == year) {
			slot = s;
			break;
		}
		/* Else the free slot, or the oldest one. */
		if (!slot || (slot->used && (!s->used || s->at.tv_sec < slot->at.tv_sec)))
			slot = s;
	}
	if (slot->used && slot->year == year && now.tv_sec - slot->at.tv_sec < max_age) {
		*out = slot->r;
		return MDG_OK;
	}
	int rc = report_public_stats(d, year, &r);
	if (rc != MDG_OK)
		return rc;
	db_result_free(slot->r);
	*slot = (struct stats_slot){true, year, now, r};
	*out = r;
	return MDG_OK;
}

int report_examples(db *d, long page, const char *lang, db_result **out, long *total)
{
	return db_count_page(d, "SELECT COUNT(*) AS n FROM cases WHERE is_example = 1 AND is_public = 1", DB_NO_ARGS,
				"SELECT c.tracking_no AS tracking, c.title AS title, " SQL_NAME_IN("g.") " AS category,"
				" " SQL_NAME_IN("dp.") " AS department,"
				" IF(CHAR_LENGTH(c.body) > ?, CONCAT(LEFT(c.body, ?), ?), c.body) AS excerpt,"
				" " SQL_DAY("c.created_at") " AS filed, " SQL_DAY("c.answered_at") " AS answered"
				" FROM cases c JOIN categories g ON g.id = c.category_id"
				" LEFT JOIN departments dp ON dp.id = c.department_id"
				" WHERE c.is_example = 1 AND c.is_public = 1"
				" ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_INT((long long)REPORT_EXCERPT_CHARS),
				DB_INT((long long)REPORT_EXCERPT_CHARS), DB_STR("…")),
			page, REPORT_EXAMPLES_PAGE, out, total);
}
