/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report.c: the workload report, the public statistics and the example
 * cases. The workload figures come from the counters (counters.h), the
 * others are aggregated in SQL from scans of indexes that hold what they
 * need (db/migrations/0005_reports.sql). */
#include "reports/report.h"
#include "db/page.h"
#include "db/sql.h"
#include "core/bizdays.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "reports/counters.h"
#include "debates/debate.h"
#include "proposals/proposal.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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
	f->ratings = db_get_ll(r, row, "ratings", 0);
	f->rating_sum = db_get_ll(r, row, "rating_sum", 0);
}

void report_figures_add(report_figures *sum, const report_figures *f)
{
	sum->received += f->received;
	sum->open += f->open;
	sum->answered += f->answered;
	sum->overdue += f->overdue;
	sum->answer_seconds += f->answer_seconds;
	sum->ratings += f->ratings;
	sum->rating_sum += f->rating_sum;
}

void report_average_days(long long answered, long long answer_seconds, char *out, size_t n)
{
	if (answered <= 0) {
		snprintf(out, n, "%s", "");
		return;
	}
	snprintf(out, n, "%.1f", (double)answer_seconds / (double)answered / 86400.0);
}

/* The workload figures from the counters (lib/reports/counters.c), the
 * lead department's (joint = 0) or each handler's rows (dim) of the
 * departments DEPTS_K selects: received, answered and the time to answer
 * from the period's days (case_counts_day: one row per department, or
 * handler, and day; case_counts' further keys, the due and working days,
 * made grouping them the statement's cost), open from the open cases' rows
 * (case_counts_open: one per due day), overdue = open and due before today (bound: the
 * statement then holds no CURDATE() or NOW(), so MariaDB's query cache
 * keeps its result until a writer changes the counters), plus those
 * answered late in the period. The open cases due today whose due time
 * has passed are overdue too: report_workload_due_today counts them
 * apart. A case open is never answered (an answer makes it 'answered', a
 * reopening clears answered_at), so none counts twice. */
#define WORKLOAD_COUNTS(KEY, HINT, OPEN_HINT, DEPTS_K)                                                      \
	"SELECT x.department_id AS department_id, x.account_id AS account_id, SUM(x.received) AS received," \
	" SUM(x.open) AS open, SUM(x.answered) AS answered, SUM(x.overdue) AS overdue,"                     \
	" SUM(x.seconds) AS seconds, SUM(x.ratings) AS ratings, SUM(x.rating_sum) AS rating_sum FROM ("    \
	"  SELECT k.department_id AS department_id, " KEY " AS account_id, SUM(k.received) AS received,"   \
	"   0 AS open, SUM(k.answered) AS answered, SUM(k.late) AS overdue, SUM(k.seconds) AS seconds,"      \
	"   SUM(k.ratings) AS ratings, SUM(k.rating_sum) AS rating_sum"                                     \
	"  FROM case_counts_day k" HINT " WHERE k.dim = ? AND k.day >= ? AND k.day < ? AND k.joint = 0" DEPTS_K \
	"  GROUP BY k.department_id, k.val"                                                                 \
	"  UNION ALL SELECT k.department_id, " KEY ", 0, SUM(k.open_filed), 0,"                             \
	"   SUM(IF(k.due < ?, k.open_filed, 0)), 0, 0, 0"                                                   \
	"  FROM case_counts_open k" OPEN_HINT                                                                \
	"  WHERE k.dim = ? AND k.joint = 0" DEPTS_K                                                         \
	"  GROUP BY k.department_id, k.val"                                                                 \
	" ) x GROUP BY x.department_id, x.account_id"
/* A few departments' days: a range of each department's (the primary key
 * starts with the day, for the whole organisation's). The open rows'
 * primary key (dim, joint, department_id, …) serves both: one range for
 * the whole organisation, one per department. */
#define BY_DEPT " FORCE INDEX (ix_case_counts_day_dept)"
#define OPEN_ALL ""
#define OPEN_BY_DEPT ""

int report_workload_departments(db *d, const report_period *p, const char *today, db_result **out)
{
	return db_query(d, out, WORKLOAD_COUNTS("0", "", OPEN_ALL, ""),
			DB_ARGS(DB_STR("all"), DB_STR(p->from), DB_STR(p->until), DB_STR(today), DB_STR("all")));
}

/* Up to this many departments are bound one by one ("department_id IN
 * (?, …)"), which reads a range of the counters per department; more fall
 * back to FIND_IN_SET on the list. Eight keeps the statement within db.c's
 * 32 parameters. */
#define DEPT_SLOTS 8
#define Q8 "?, ?, ?, ?, ?, ?, ?, ?"
#define I8(a)                                                                                                \
	DB_INT(a[0]), DB_INT(a[1]), DB_INT(a[2]), DB_INT(a[3]), DB_INT(a[4]), DB_INT(a[5]), DB_INT(a[6]), \
		DB_INT(a[7])

static int parse_ids(const char *list, long long *ids, int max);

int report_workload_some_departments(db *d, const report_period *p, const char *today, const char *dept_ids,
				     db_result **out)
{
	long long ids[DEPT_SLOTS];
	int n = parse_ids(dept_ids, ids, DEPT_SLOTS);
	if (n <= 0)
		return report_workload_departments(d, p, today, out);
	/* Unused slots repeat the first department: the same set. */
	for (int i = n; i < DEPT_SLOTS; i++)
		ids[i] = ids[0];
	return db_query(d, out, WORKLOAD_COUNTS("0", BY_DEPT, OPEN_BY_DEPT, " AND k.department_id IN (" Q8 ")"),
			DB_ARGS(DB_STR("all"), DB_STR(p->from), DB_STR(p->until), I8(ids), DB_STR(today), DB_STR("all"),
				I8(ids)));
}

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

/* The handlers' figures (WORKLOAD_COUNTS of their rows) with their names;
 * those with no case that counts (none filed or answered in the period,
 * none open) are left out. */
#define HANDLERS(HINT, OPEN_HINT, DEPTS_K)                                                                     \
	"SELECT STRAIGHT_JOIN g.department_id AS department_id, g.account_id AS account_id, a.name AS name," \
	" g.received AS received, g.open AS open, g.answered AS answered, g.overdue AS overdue,"            \
	" g.seconds AS seconds, g.ratings AS ratings, g.rating_sum AS rating_sum FROM ("                     \
	WORKLOAD_COUNTS("CAST(k.val AS UNSIGNED)", HINT, OPEN_HINT, " AND k.val <> '0'" DEPTS_K)             \
	" ) g JOIN accounts a ON a.id = g.account_id WHERE g.received > 0 OR g.open > 0 OR g.answered > 0"  \
	" ORDER BY g.department_id, a.name, g.account_id"

int report_workload_handlers(db *d, const report_period *p, const char *today, const char *dept_ids,
			     db_result **out)
{
	/* A handler's rows are in the handler's department: a joint
	 * department's handler counts the joint case there. */
	long long ids[DEPT_SLOTS];
	int n = parse_ids(dept_ids, ids, DEPT_SLOTS);
	if (n > 0) {
		/* Unused slots repeat the first department: the same set. */
		for (int i = n; i < DEPT_SLOTS; i++)
			ids[i] = ids[0];
		return db_query(d, out, HANDLERS(BY_DEPT, OPEN_BY_DEPT, " AND k.department_id IN (" Q8 ")"),
				DB_ARGS(DB_STR("handler"), DB_STR(p->from), DB_STR(p->until), I8(ids), DB_STR(today),
					DB_STR("handler"), I8(ids)));
	}
	return db_query(d, out, HANDLERS("", OPEN_ALL, " AND FIND_IN_SET(k.department_id, ?) > 0"),
			DB_ARGS(DB_STR("handler"), DB_STR(p->from), DB_STR(p->until), DB_STR(dept_ids), DB_STR(today),
				DB_STR("handler"), DB_STR(dept_ids)));
}

/* The open cases due today before now (few: one range of
 * ix_cases_status_due), per lead department or per handler. */
#define DUE_TODAY(KEY, JOIN, DEPT)                                                                          \
	"SELECT " KEY ", COUNT(*) AS overdue FROM cases c FORCE INDEX (ix_cases_status_due)" JOIN             \
	" WHERE c.status IN (" REPORT_OPEN_STATUSES ") AND c.due_at >= CURDATE() AND c.due_at < NOW()"       \
	" AND (? IS NULL OR FIND_IN_SET(" DEPT ", ?) > 0) GROUP BY 1, 2"

int report_workload_due_today(db *d, const char *dept_ids, bool by_handler, db_result **out)
{
	if (by_handler)
		return db_query(d, out,
				DUE_TODAY("ch.department_id AS department_id, ch.account_id AS account_id",
					  " JOIN case_handlers ch ON ch.case_id = c.id", "ch.department_id"),
				DB_ARGS(DB_STR(dept_ids), DB_STR(dept_ids)));
	return db_query(d, out,
			DUE_TODAY("IFNULL(c.department_id, 0) AS department_id, 0 AS account_id", "", "c.department_id"),
			DB_ARGS(DB_STR(dept_ids), DB_STR(dept_ids)));
}

long long report_due_today_of(const db_result *r, long long department_id, long long account_id)
{
	for (unsigned i = 0; r && i < r->nrows; i++)
		if (db_get_ll(r, i, "department_id", 0) == department_id && db_get_ll(r, i, "account_id", 0) == account_id)
			return db_get_ll(r, i, "overdue", 0);
	return 0;
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
				" IFNULL(SUM(status IN (" REPORT_OPEN_STATUSES ")), 0) AS open,"
				" IFNULL(SUM(answered_at >= ? AND answered_at < ?), 0) AS answered,"
				" IFNULL(SUM((status IN (" REPORT_OPEN_STATUSES ") AND due_at < NOW())"
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
				"  SELECT department_id, 0, COUNT(*), SUM(NOT IFNULL(answered_at > due_at, 0)),"
				"   SUM(TIMESTAMPDIFF(SECOND, created_at, answered_at))"
				"  FROM cases WHERE answered_at >= ? AND answered_at < ? GROUP BY department_id"
				" ) x WHERE x.department_id IS NOT NULL GROUP BY x.department_id",
			DB_ARGS(DB_STR(from), DB_STR(until), DB_STR(from), DB_STR(until)));
}

int report_public_page(db *d, int year, const char *lang, db_result **out)
{
	if (year < 0 || year > 9998)
		year = 9998; /* no such year yet: its figures are 0 */
	/* The departments in tree order (org_departments), each with its
	 * sums of the reports' counters (case_counts_month, kept exact by
	 * every writer of a case in its transaction): the year's and all
	 * time's, and on every row the same few figures of the page (the
	 * years, the debates', the proposals'); uncorrelated scalar
	 * subqueries run once. The LEFT JOIN from one row gives a row when
	 * there is no department. */
	return db_query(d, out, "WITH RECURSIVE tree AS ("
				" SELECT id, active, " SQL_NAME " AS name, CAST('' AS CHAR(255)) AS parent_name,"
				"  CAST(LPAD(id, 10, '0') AS CHAR(2000)) AS path"
				"  FROM departments WHERE parent_id IS NULL"
				" UNION ALL"
				" SELECT c.id, c.active, " SQL_NAME_IN("c.") ", tree.name,"
				"  CONCAT(tree.path, '/', LPAD(c.id, 10, '0'))"
				"  FROM departments c JOIN tree ON c.parent_id = tree.id),"
				" span AS (SELECT MAKEDATE(y, 1) AS from_day, MAKEDATE(y + 1, 1) AS until_day"
				"  FROM (SELECT IFNULL(?, YEAR(CURDATE())) AS y) asked),"
				" figures AS (SELECT department_id,"
				"  SUM(IF(day >= from_day AND day < until_day, received, 0)) AS y_received,"
				"  SUM(IF(day >= from_day AND day < until_day, answered, 0)) AS y_answered,"
				"  SUM(IF(day >= from_day AND day < until_day, answered - late, 0)) AS y_on_time,"
				"  SUM(IF(day >= from_day AND day < until_day, seconds, 0)) AS y_seconds,"
				"  SUM(received) AS a_received, SUM(answered) AS a_answered,"
				"  SUM(answered - late) AS a_on_time, SUM(seconds) AS a_seconds"
				"  FROM case_counts_month JOIN span"
				"  WHERE dim = 'all' AND joint = 0 AND department_id <> 0 GROUP BY department_id)"
				" SELECT t.id AS department_id, t.active AS active, t.name AS name,"
				"  t.parent_name AS parent, IFNULL(f.y_received, 0) AS y_received,"
				"  IFNULL(f.y_answered, 0) AS y_answered, IFNULL(f.y_on_time, 0) AS y_on_time,"
				"  IFNULL(f.y_seconds, 0) AS y_seconds, IFNULL(f.a_received, 0) AS a_received,"
				"  IFNULL(f.a_answered, 0) AS a_answered, IFNULL(f.a_on_time, 0) AS a_on_time,"
				"  IFNULL(f.a_seconds, 0) AS a_seconds,"
				"  (SELECT YEAR(MIN(created_at)) FROM cases) AS first_year, YEAR(CURDATE()) AS this_year,"
				"  ds.debates AS d_debates, ds.open AS d_open, ds.closed AS d_closed,"
				"  ds.summarized AS d_summarized, ds.participants AS d_participants,"
				"  ds.opinions AS d_opinions, ds.replies AS d_replies,"
				"  ps.total AS p_total, ps.open AS p_open, ps.threshold AS p_threshold, ps.review AS p_review,"
				"  ps.answered AS p_answered, ps.expired AS p_expired, ps.withdrawn AS p_withdrawn,"
				"  ps.supports AS p_supports"
				" FROM (" DEBATE_STATS_SQL ") ds JOIN (" PROPOSAL_STATS_SQL ") ps LEFT JOIN tree t ON 1 = 1"
				" LEFT JOIN figures f ON f.department_id = t.id ORDER BY t.path",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_ID(year)));
}

/* Compares report_public_page's figures of year (pre: y_; 0: all time,
 * a_) with report_public_stats's, department by department. */
static int check_year(db *d, int year, struct buf *out, long long *checked, long long *stale)
{
	static const char *const figures[] = {"received", "answered", "on_time", "seconds"};
	db_result *kept = NULL, *full = NULL;
	char col[32];
	int rc = report_public_page(d, year ? year : 9998, "ko", &kept);
	if (rc == MDG_OK)
		rc = report_public_stats(d, year, &full);
	for (unsigned i = 0; rc == MDG_OK && i < kept->nrows; i++) {
		long long id = db_get_ll(kept, i, "department_id", 0);
		unsigned row = 0;
		while (row < full->nrows && db_get_ll(full, row, "department_id", 0) != id)
			row++;
		for (size_t k = 0; id && k < MDG_ARRAY_LEN(figures); k++) {
			snprintf(col, sizeof col, "%s%s", year ? "y_" : "a_", figures[k]);
			long long want = row < full->nrows ? db_get_ll(full, row, figures[k], 0) : 0;
			long long have = db_get_ll(kept, i, col, 0);
			(*checked)++;
			if (have != want) {
				(*stale)++;
				buf_printf(out, "statistics of %d, department %lld: %s %lld from the counters, %lld from the cases\n",
					   year, id, figures[k], have, want);
			}
		}
	}
	db_result_free(kept);
	db_result_free(full);
	return rc;
}

int report_public_check(db *d, struct buf *out, long long *checked, long long *stale)
{
	int first, current;
	int rc = report_years(d, &first, &current);
	*checked = *stale = 0;
	for (int year = first; rc == MDG_OK && year <= current + 1; year++)
		rc = check_year(d, year > current ? 0 : year, out, checked, stale);
	return rc;
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
