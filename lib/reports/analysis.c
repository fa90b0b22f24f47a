/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* analysis.c: the managers' report: filters, grouping, period buckets and
 * the figures, read with two prepared statements built from fixed
 * fragments (the group chooses them; no input reaches the SQL text). */
#include "reports/analysis.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/xalloc.h"
#include "org/calendar.h"
#include "reports/counters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Statuses of a case still to be handled (as report.c counts open). */
#define OPEN_STATUSES "'received', 'assigned', 'in_progress', 'approval'"

static const char *const group_names[] = {
	[GROUP_NONE] = "",           [GROUP_DEPARTMENT] = "department", [GROUP_HANDLER] = "handler",
	[GROUP_CATEGORY] = "category", [GROUP_CHANNEL] = "channel",     [GROUP_STATUS] = "status",
	[GROUP_KIND] = "kind",       [GROUP_DAY] = "day",               [GROUP_WEEK] = "week",
	[GROUP_MONTH] = "month",     [GROUP_QUARTER] = "quarter",       [GROUP_YEAR] = "year",
};

const char *analysis_group_name(analysis_group g)
{
	return (size_t)g < MDG_ARRAY_LEN(group_names) ? group_names[g] : "";
}

bool analysis_group_parse(const char *name, analysis_group *out)
{
	*out = GROUP_NONE;
	for (size_t i = 1; name && i < MDG_ARRAY_LEN(group_names); i++)
		if (strcmp(name, group_names[i]) == 0) {
			*out = (analysis_group)i;
			return true;
		}
	return false;
}

bool analysis_group_is_period(analysis_group g)
{
	return g >= GROUP_DAY && g <= GROUP_YEAR;
}

/* Days of d's year before d (0 for 1 January). */
static int day_of_year(bizdate d)
{
	bizdate jan1 = {d.year, 1, 1};
	int n = 0;
	/* At most 365 steps; biz_add_calendar does the month lengths. */
	while (biz_number(jan1) < biz_number(d)) {
		jan1 = biz_add_calendar(jan1, 1);
		n++;
	}
	return n;
}

bizdate analysis_bucket_start(analysis_group g, bizdate d)
{
	switch (g) {
	case GROUP_WEEK:
		/* Monday: weekday 1; Sunday (0) is the week's last day. */
		return biz_add_calendar(d, -((biz_weekday(d) + 6) % 7));
	case GROUP_MONTH:
		return (bizdate){d.year, d.month, 1};
	case GROUP_QUARTER:
		return (bizdate){d.year, (d.month - 1) / 3 * 3 + 1, 1};
	case GROUP_YEAR:
		return (bizdate){d.year, 1, 1};
	default:
		return d;
	}
}

void analysis_bucket(analysis_group g, bizdate d, char out[16])
{
	unsigned y = (unsigned)d.year % 10000u, m = (unsigned)d.month % 100u, day = (unsigned)d.day % 100u;
	switch (g) {
	case GROUP_DAY:
		snprintf(out, 16, "%04u-%02u-%02u", y, m, day);
		break;
	case GROUP_WEEK: {
		/* ISO 8601: the week belongs to the year of its Thursday. */
		bizdate thu = biz_add_calendar(d, 3 - (biz_weekday(d) + 6) % 7);
		snprintf(out, 16, "%04u-W%02u", (unsigned)thu.year % 10000u, (unsigned)(day_of_year(thu) / 7 + 1) % 100u);
		break;
	}
	case GROUP_MONTH:
		snprintf(out, 16, "%04u-%02u", y, m);
		break;
	case GROUP_QUARTER:
		snprintf(out, 16, "%04u-Q%u", y, (m - 1) / 3 % 10u + 1);
		break;
	case GROUP_YEAR:
		snprintf(out, 16, "%04u", y);
		break;
	default:
		out[0] = '\0';
	}
}

static void day_text(bizdate d, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u, (unsigned)d.month % 100u,
		 (unsigned)d.day % 100u);
}

int analysis_period_around(analysis_group unit, bizdate at, report_period *out)
{
	if (!analysis_group_is_period(unit))
		return MDG_EINVAL;
	bizdate from = analysis_bucket_start(unit, at), until;
	switch (unit) {
	case GROUP_WEEK:
		until = biz_add_calendar(from, 7);
		break;
	case GROUP_MONTH:
		until = from.month == 12 ? (bizdate){from.year + 1, 1, 1} : (bizdate){from.year, from.month + 1, 1};
		break;
	case GROUP_QUARTER:
		until = from.month == 10 ? (bizdate){from.year + 1, 1, 1} : (bizdate){from.year, from.month + 3, 1};
		break;
	case GROUP_YEAR:
		until = (bizdate){from.year + 1, 1, 1};
		break;
	default:
		until = biz_add_calendar(from, 1);
	}
	day_text(from, out->from);
	day_text(biz_add_calendar(until, -1), out->to);
	day_text(until, out->until);
	return MDG_OK;
}

/* The parameters, bound once and named in every branch. */
#define PRM_TEXT "CAST(? AS CHAR) COLLATE utf8mb4_unicode_ci" /* the tables' collation */
#define PRM                                                                                          \
	"WITH prm AS (SELECT CAST(? AS DATETIME) AS f, CAST(? AS DATETIME) AS u, " PRM_TEXT " AS depts,"   \
	" CAST(? AS SIGNED) AS cat, CAST(? AS SIGNED) AS hnd, " PRM_TEXT " AS chan, " PRM_TEXT " AS st,"   \
	" " PRM_TEXT " AS kd, " PRM_TEXT " AS lang),"
/* The filters, on the cases c: the department (the lead's; grouped by
 * department, that of the row, DEPT_KEY) and the rest. */
#define DEPT_FILTER(col) " WHERE (prm.depts IS NULL OR FIND_IN_SET(" col ", prm.depts) > 0)"
#define FILTERS                                                                                     \
	" AND (prm.cat = 0 OR c.category_id = prm.cat) AND (prm.chan = '' OR c.channel = prm.chan)"       \
	" AND (prm.st = '' OR c.status = prm.st) AND (prm.kd = '' OR c.kind = prm.kd)"                    \
	" AND (prm.hnd = 0 OR EXISTS (SELECT 1 FROM case_handlers h WHERE h.case_id = c.id"              \
	" AND h.account_id = prm.hnd)))"

/* The department of a row grouped by department: the lead's, or the joint
 * one's. */
#define DEPT_KEY "IF(pr.joint = 1, cj.department_id, IFNULL(c.department_id, 0))"

/* Appends the filtered cases fc, with the group's key and name. */
static void append_cases(buf *q, analysis_group g)
{
	const char *key = "''", *label = "NULL", *join = "";
	switch (g) {
	case GROUP_DEPARTMENT:
		/* A case handled jointly counts for each participating
		 * department: a row for its lead (pr.joint = 0) and one for
		 * each joint department (docs/reports.md), each filtered by
		 * its own department. The total (GROUP_NONE) counts it once. */
		key = DEPT_KEY;
		label = "IF(prm.lang = 'en', dp.name_en, dp.name_ko)";
		join = " JOIN (SELECT 0 AS joint UNION ALL SELECT 1) pr"
		       " LEFT JOIN case_departments cj ON pr.joint = 1 AND cj.case_id = c.id AND cj.role = 'joint'"
		       " AND cj.department_id <> IFNULL(c.department_id, 0)"
		       " LEFT JOIN departments dp ON dp.id = " DEPT_KEY;
		break;
	case GROUP_HANDLER:
		/* One row per handler; with a handler chosen, that one only;
		 * only the handlers of the departments reported on (a joint
		 * department's handler is that department's figure). */
		key = "IFNULL(ch.account_id, 0)";
		label = "a.name";
		join = " LEFT JOIN case_handlers ch ON ch.case_id = c.id AND (prm.hnd = 0 OR ch.account_id = prm.hnd)"
		       " AND (prm.depts IS NULL OR FIND_IN_SET(ch.department_id, prm.depts) > 0)"
		       " LEFT JOIN accounts a ON a.id = ch.account_id";
		break;
	case GROUP_CATEGORY:
		key = "c.category_id";
		label = "IF(prm.lang = 'en', g.name_en, g.name_ko)";
		join = " JOIN categories g ON g.id = c.category_id";
		break;
	case GROUP_CHANNEL:
		key = "c.channel";
		break;
	case GROUP_STATUS:
		key = "c.status";
		break;
	case GROUP_KIND:
		key = "c.kind";
		break;
	default:
		break;
	}
	buf_puts(q, PRM " fc AS (SELECT c.id AS id, c.created_at AS created_at, c.answered_at AS answered_at,"
		    " c.due_at AS due_at, c.status AS status, CAST(");
	buf_puts(q, key);
	buf_puts(q, " AS CHAR) AS gkey, ");
	buf_puts(q, label);
	buf_puts(q, " AS glabel FROM prm JOIN cases c");
	buf_puts(q, join);
	if (g == GROUP_DEPARTMENT)
		buf_puts(q, DEPT_FILTER(DEPT_KEY) " AND (pr.joint = 0 OR cj.case_id IS NOT NULL)");
	else
		buf_puts(q, DEPT_FILTER("c.department_id"));
	buf_puts(q, FILTERS);
}

/* The key of a branch's row: the case's group, or the day of the
 * branch's own time for the period buckets (folded in C). */
static void append_key(buf *q, analysis_group g, const char *time)
{
	if (analysis_group_is_period(g)) {
		buf_puts(q, "DATE_FORMAT(");
		buf_puts(q, time);
		buf_puts(q, ", '%Y%m%d')");
	} else {
		buf_puts(q, "fc.gkey");
	}
}

/* The statements of each group, built once per process: db.c keeps
 * prepared statements by the address of their text, so each text must
 * stay where it is. */
static char *counts_sql[GROUP_YEAR + 1], *answers_sql[GROUP_YEAR + 1];

static const char *counts_text(analysis_group g)
{
	buf q = {0};
	if (counts_sql[g])
		return counts_sql[g];
	append_cases(&q, g);
	buf_puts(&q, " SELECT x.gkey AS gkey, MAX(x.glabel) AS label, SUM(x.received) AS received,"
		     " SUM(x.open) AS open, SUM(x.overdue) AS overdue, SUM(x.extensions) AS extensions,"
		     " SUM(x.transfers) AS transfers, SUM(x.reopened) AS reopened, SUM(x.ratings) AS ratings,"
		     " SUM(x.rating_sum) AS rating_sum, SUM(x.callbacks) AS callbacks FROM (SELECT ");
	append_key(&q, g, "fc.created_at");
	buf_puts(&q, " AS gkey, fc.glabel AS glabel, 1 AS received, 0 AS open, 0 AS overdue, 0 AS extensions,"
		     " 0 AS transfers, 0 AS reopened, 0 AS ratings, 0 AS rating_sum, 0 AS callbacks"
		     " FROM fc JOIN prm WHERE fc.created_at >= prm.f AND fc.created_at < prm.u UNION ALL SELECT ");
	append_key(&q, g, "fc.created_at");
	buf_puts(&q, ", fc.glabel, 0, 1, fc.due_at < NOW(), 0, 0, 0, 0, 0, 0 FROM fc JOIN prm"
		     " WHERE fc.status IN (" OPEN_STATUSES ")");
	/* Over time, the open cases by their filing: those filed in the
	 * period (the rows stay within it). */
	if (analysis_group_is_period(g))
		buf_puts(&q, " AND fc.created_at >= prm.f AND fc.created_at < prm.u");
	buf_puts(&q, " UNION ALL SELECT ");
	append_key(&q, g, "e.created_at");
	buf_puts(&q, ", fc.glabel, 0, 0, 0, e.kind = 'extended', e.kind = 'transferred', e.kind = 'reopened', 0, 0, 0"
		     " FROM fc JOIN prm JOIN case_events e ON e.case_id = fc.id"
		     " WHERE e.kind IN ('extended', 'transferred', 'reopened')"
		     " AND e.created_at >= prm.f AND e.created_at < prm.u UNION ALL SELECT ");
	append_key(&q, g, "s.rated_at");
	buf_puts(&q, ", fc.glabel, 0, 0, 0, 0, 0, 0, 1, s.rating, 0 FROM fc JOIN prm JOIN satisfaction s"
		     " ON s.case_id = fc.id WHERE s.rating IS NOT NULL AND s.rated_at >= prm.f AND s.rated_at < prm.u"
		     " UNION ALL SELECT ");
	append_key(&q, g, "s.callback_at");
	buf_puts(&q, ", fc.glabel, 0, 0, 0, 0, 0, 0, 0, 0, 1 FROM fc JOIN prm JOIN satisfaction s"
		     " ON s.case_id = fc.id WHERE s.callback_state = 'done'"
		     " AND s.callback_at >= prm.f AND s.callback_at < prm.u) x GROUP BY x.gkey");
	return counts_sql[g] = buf_detach(&q);
}

static const char *answers_text(analysis_group g)
{
	buf q = {0};
	if (answers_sql[g])
		return answers_sql[g];
	append_cases(&q, g);
	buf_puts(&q, " SELECT ");
	append_key(&q, g, "fc.answered_at");
	buf_puts(&q, " AS gkey, fc.glabel AS label, DATE_FORMAT(fc.created_at, '%Y%m%d') AS filed,"
		     " DATE_FORMAT(fc.answered_at, '%Y%m%d') AS answered, fc.answered_at > fc.due_at AS late"
		     " FROM fc JOIN prm WHERE fc.answered_at >= prm.f AND fc.answered_at < prm.u");
	return answers_sql[g] = buf_detach(&q);
}

/* The row of key in a (added, in key order, when missing). */
static analysis_row *row_for(analysis *a, const char *key, const char *label)
{
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(a->rows[mid].key, key);
		if (c == 0) {
			if (!a->rows[mid].label && label)
				a->rows[mid].label = xstrdup(label);
			return &a->rows[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	a->rows = xrealloc(a->rows, (a->n + 1) * sizeof *a->rows);
	memmove(&a->rows[lo + 1], &a->rows[lo], (a->n - lo) * sizeof *a->rows);
	a->n++;
	analysis_row *r = &a->rows[lo];
	memset(r, 0, sizeof *r);
	snprintf(r->key, sizeof r->key, "%s", key);
	r->label = label ? xstrdup(label) : NULL;
	return r;
}

/* The row key of a result's gkey: the bucket of a day for a period group;
 * ids zero-padded so that they sort as numbers (strtoll reads them). */
static void row_key(analysis_group g, const char *gkey, char out[24])
{
	bizdate day;
	if (analysis_group_is_period(g)) {
		char b[16];
		long n = strtol(gkey, NULL, 10);
		if (biz_from_number(n, &day) != MDG_OK)
			day = (bizdate){1970, 1, 1};
		analysis_bucket(g, day, b);
		snprintf(out, 24, "%s", b);
	} else if (g == GROUP_DEPARTMENT || g == GROUP_HANDLER || g == GROUP_CATEGORY) {
		snprintf(out, 24, "%020lld", strtoll(gkey, NULL, 10));
	} else {
		snprintf(out, 24, "%s", gkey);
	}
}

void analysis_add_workdays(analysis_row *r, int days, long long n)
{
	if (days < 0 || n <= 0)
		return;
	if ((size_t)days >= r->nbins) {
		size_t bins = (size_t)days + 1 > 2 * r->nbins ? (size_t)days + 1 : 2 * r->nbins;
		r->answers = xrealloc(r->answers, bins * sizeof *r->answers);
		memset(r->answers + r->nbins, 0, (bins - r->nbins) * sizeof *r->answers);
		r->nbins = bins;
	}
	r->answers[days] += n;
	r->nworkdays += n;
}

/* Adds the counted figures of row i of res (all but the answers) to r. */
static void add_counts(analysis_row *r, const db_result *res, unsigned i)
{
	r->received += db_get_ll(res, i, "received", 0);
	r->open += db_get_ll(res, i, "open", 0);
	r->overdue += db_get_ll(res, i, "overdue", 0);
	r->extensions += db_get_ll(res, i, "extensions", 0);
	r->transfers += db_get_ll(res, i, "transfers", 0);
	r->reopened += db_get_ll(res, i, "reopened", 0);
	r->ratings += db_get_ll(res, i, "ratings", 0);
	r->rating_sum += db_get_ll(res, i, "rating_sum", 0);
	r->callbacks += db_get_ll(res, i, "callbacks", 0);
}

/* Reads the figures grouped by g into a. */
static int run_group(db *d, const analysis_filter *f, analysis_group g, const bizcal *cal, analysis *a)
{
	db_result *counts = NULL, *answers = NULL;
	char key[24];
	const db_arg args[] = {
		DB_STR(f->period.from), DB_STR(f->period.until), DB_STR(f->dept_ids), DB_INT(f->category),
		DB_INT(f->handler), DB_STR(f->channel ? f->channel : ""), DB_STR(f->status ? f->status : ""),
		DB_STR(f->kind ? f->kind : ""), DB_STR(f->lang ? f->lang : "ko"),
	};
	int rc = db_query(d, &counts, counts_text(g), args, MDG_ARRAY_LEN(args));
	if (rc == MDG_OK)
		rc = db_query(d, &answers, answers_text(g), args, MDG_ARRAY_LEN(args));
	if (rc != MDG_OK)
		goto done;
	for (unsigned i = 0; i < counts->nrows; i++) {
		row_key(g, db_get(counts, i, "gkey", ""), key);
		analysis_row *r = row_for(a, key, db_get(counts, i, "label", NULL));
		add_counts(r, counts, i);
	}
	for (unsigned i = 0; i < answers->nrows; i++) {
		bizdate filed, answered;
		row_key(g, db_get(answers, i, "gkey", ""), key);
		analysis_row *r = row_for(a, key, db_get(answers, i, "label", NULL));
		r->answered++;
		r->late += db_get_ll(answers, i, "late", 0) != 0;
		if (biz_from_number((long)db_get_ll(answers, i, "filed", 0), &filed) == MDG_OK &&
		    biz_from_number((long)db_get_ll(answers, i, "answered", 0), &answered) == MDG_OK)
			analysis_add_workdays(r, biz_workdays_between(cal, filed, answered), 1);
	}
done:
	db_result_free(counts);
	db_result_free(answers);
	return rc;
}

/* ---------------------------------------------------------------- from the counters */

/* The counters' dimension whose rows hold what f asks for grouped by g
 * (the filter's value into val, "" for none), or NULL when none does:
 * two filters at once, a handler, or a filter on one dimension grouped by
 * another; then the cases are read (run_group). */
static const char *counted_dim(const analysis_filter *f, analysis_group g, char val[24])
{
	const char *fdim = NULL, *gdim = NULL;
	int filters = 0;
	val[0] = '\0';
	if (f->handler || g == GROUP_HANDLER)
		return NULL;
	if (f->category) {
		filters++;
		fdim = "category";
		snprintf(val, 24, "%lld", f->category);
	}
	const char *texts[][2] = {{"channel", f->channel}, {"status", f->status}, {"kind", f->kind}};
	for (size_t i = 0; i < MDG_ARRAY_LEN(texts); i++)
		if (texts[i][1] && *texts[i][1]) {
			filters++;
			fdim = texts[i][0];
			snprintf(val, 24, "%s", texts[i][1]);
		}
	if (g == GROUP_CATEGORY)
		gdim = "category";
	else if (g == GROUP_CHANNEL)
		gdim = "channel";
	else if (g == GROUP_STATUS)
		gdim = "status";
	else if (g == GROUP_KIND)
		gdim = "kind";
	if (filters > 1 || (filters == 1 && gdim && strcmp(gdim, fdim) != 0))
		return NULL;
	return fdim ? fdim : gdim ? gdim : "all";
}

/* The group's key over a row of the counters (t "k") or of counted_places
 * (t "p", with the case c). */
static void append_counted_key(buf *q, analysis_group g, const char *t)
{
	bool places = strcmp(t, "p") == 0;
	/* Months, quarters and years hold whole months: a row per month (its
	 * first day, in the same bucket) rather than per day. */
	bool months = g == GROUP_MONTH || g == GROUP_QUARTER || g == GROUP_YEAR;
	if (analysis_group_is_period(g))
		buf_printf(q, "DATE_FORMAT(%s, '%%Y%%m%s')", places ? "c.created_at" : "k.day", months ? "01" : "%d");
	else if (g == GROUP_DEPARTMENT)
		buf_printf(q, "CAST(%s.department_id AS CHAR)", t);
	else if (g == GROUP_NONE)
		buf_puts(q, "''");
	else
		buf_printf(q, "%s.val", t);
}

/* The conditions every branch puts on its rows (t: "k" or "p"): the
 * dimension, its value, lead or joint rows, the departments. */
static void append_counted_where(buf *q, const char *t)
{
	/* Each parameter once (a statement binds at most 32): "" for any
	 * value, NULL for every department. */
	buf_printf(q, " %s.dim = ? AND %s.joint <= ? AND %s.val = IFNULL(NULLIF(?, ''), %s.val)"
		      " AND FIND_IN_SET(%s.department_id, IFNULL(?, %s.department_id)) > 0",
		   t, t, t, t, t, t);
}

static char *counted_sql[GROUP_YEAR + 1];

/* The statement of group g from the counters: the period's figures per
 * key and working days (a histogram: the average and median need each
 * answer's), then the open cases' rows (over time: those filed in the
 * period), overdue when due before today (bound: without CURDATE() or
 * NOW() the statement's result stays in MariaDB's query cache until a
 * writer changes the counters; the cases due today before now are
 * counted_due_today's). Built once per process and group. */
static const char *counted_text(analysis_group g)
{
	buf q = {0};
	bool period = analysis_group_is_period(g);
	if (counted_sql[g])
		return counted_sql[g];
	buf_puts(&q, "SELECT x.gkey AS gkey, x.wd AS wd, x.joint AS joint, ");
	if (g == GROUP_DEPARTMENT)
		buf_puts(&q, "MAX(IF(? = 'en', dp.name_en, dp.name_ko))");
	else if (g == GROUP_CATEGORY)
		buf_puts(&q, "MAX(IF(? = 'en', cg.name_en, cg.name_ko))");
	else
		buf_puts(&q, "MAX(IF(? = '', '', NULL))");
	buf_puts(&q, " AS label, SUM(x.received) AS received, SUM(x.answered) AS answered, SUM(x.late) AS late,"
		     " SUM(x.open) AS open, SUM(x.overdue) AS overdue, SUM(x.extensions) AS extensions,"
		     " SUM(x.transfers) AS transfers, SUM(x.reopened) AS reopened, SUM(x.ratings) AS ratings,"
		     " SUM(x.rating_sum) AS rating_sum, SUM(x.callbacks) AS callbacks FROM (SELECT ");
	append_counted_key(&q, g, "k");
	buf_puts(&q, " AS gkey, k.wd AS wd, k.joint AS joint, SUM(k.received) AS received, SUM(k.answered) AS answered,"
		     " SUM(k.late) AS late, 0 AS open, 0 AS overdue, SUM(k.extensions) AS extensions,"
		     " SUM(k.transfers) AS transfers, SUM(k.reopened) AS reopened, SUM(k.ratings) AS ratings,"
		     " SUM(k.rating_sum) AS rating_sum, SUM(k.callbacks) AS callbacks"
		     " FROM case_counts k WHERE (k.day >= ? AND k.day < ? OR k.day >= ? AND k.day < ?) AND");
	append_counted_where(&q, "k");
	/* The whole months between from the months' table. */
	buf_puts(&q, " GROUP BY 1, 2, 3 UNION ALL SELECT ");
	append_counted_key(&q, g, "k");
	buf_puts(&q, ", k.wd, k.joint, SUM(k.received), SUM(k.answered), SUM(k.late), 0, 0, SUM(k.extensions),"
		     " SUM(k.transfers), SUM(k.reopened), SUM(k.ratings), SUM(k.rating_sum), SUM(k.callbacks)"
		     " FROM case_counts_month k WHERE k.day >= ? AND k.day < ? AND");
	append_counted_where(&q, "k");
	buf_puts(&q, " GROUP BY 1, 2, 3 UNION ALL SELECT ");
	append_counted_key(&q, g, "k");
	buf_puts(&q, ", -1, k.joint, 0, 0, 0, SUM(k.open_filed), SUM(IF(k.due < ?, k.open_filed, 0)), 0, 0, 0, 0, 0, 0"
		     " FROM case_counts k FORCE INDEX (ix_case_counts_open) WHERE k.due < " COUNTERS_NOT_OPEN " AND");
	append_counted_where(&q, "k");
	if (period)
		buf_puts(&q, " AND k.day >= ? AND k.day < ?");
	buf_puts(&q, " GROUP BY 1, 3) x");
	if (g == GROUP_DEPARTMENT)
		buf_puts(&q, " LEFT JOIN departments dp ON dp.id = x.gkey");
	else if (g == GROUP_CATEGORY)
		buf_puts(&q, " LEFT JOIN categories cg ON cg.id = x.gkey");
	buf_puts(&q, " GROUP BY x.gkey, x.wd, x.joint");
	return counted_sql[g] = buf_detach(&q);
}

static char *due_today_sql[GROUP_YEAR + 1];

/* The statement of the open cases due today before now of group g (rows
 * as counted_text's, with only overdue), from the cases and their places
 * (counted_places): never cached (NOW()), but it reads only the cases due
 * today. Built once per process and group. */
static const char *due_today_text(analysis_group g)
{
	buf q = {0};
	if (due_today_sql[g])
		return due_today_sql[g];
	buf_puts(&q, "SELECT ");
	append_counted_key(&q, g, "p");
	buf_puts(&q, " AS gkey, -1 AS wd, p.joint AS joint, NULL AS label, 0 AS received, 0 AS answered, 0 AS late,"
		     " 0 AS open, COUNT(*) AS overdue, 0 AS extensions, 0 AS transfers, 0 AS reopened, 0 AS ratings,"
		     " 0 AS rating_sum, 0 AS callbacks FROM cases c FORCE INDEX (ix_cases_status_due)"
		     " JOIN counted_places p ON p.case_id = c.id"
		     " WHERE c.status IN (" REPORT_OPEN_STATUSES ") AND c.due_at >= CURDATE() AND c.due_at < NOW() AND");
	append_counted_where(&q, "p");
	if (analysis_group_is_period(g))
		buf_puts(&q, " AND c.created_at >= ? AND c.created_at < ?");
	buf_puts(&q, " GROUP BY 1, 3");
	return due_today_sql[g] = buf_detach(&q);
}

/* Open and overdue now of every case f selects (dim and val from
 * counted_dim), whenever filed: the total's, when the rows are grouped
 * over time (which count the open cases filed in the period). As
 * counted_text, today is bound and the cases due today before now are
 * counted in a statement of their own. */
static int counted_open(db *d, const analysis_filter *f, const char *dim, const char *val, const char *today,
			analysis_row *total)
{
	db_result *r = NULL;
	/* Built once: db.c keys its prepared statements by the text's
	 * address. */
	static char *sql, *due_sql;
	if (!sql) {
		buf q = {0};
		buf_puts(&q, "SELECT IFNULL(SUM(k.open_filed), 0) AS open,"
			     " IFNULL(SUM(IF(k.due < ?, k.open_filed, 0)), 0) AS overdue"
			     " FROM case_counts k FORCE INDEX (ix_case_counts_open)"
			     " WHERE k.due < " COUNTERS_NOT_OPEN " AND");
		append_counted_where(&q, "k");
		sql = buf_detach(&q);
		buf_puts(&q, "SELECT COUNT(*) AS overdue FROM cases c FORCE INDEX (ix_cases_status_due) JOIN counted_places p"
			     " ON p.case_id = c.id WHERE c.status IN (" REPORT_OPEN_STATUSES ")"
			     " AND c.due_at >= CURDATE() AND c.due_at < NOW() AND");
		append_counted_where(&q, "p");
		due_sql = buf_detach(&q);
	}
#define OPEN_ARGS DB_STR(dim), DB_INT(0), DB_STR(val), DB_STR(f->dept_ids)
	int rc = db_query(d, &r, sql, DB_ARGS(DB_STR(today), OPEN_ARGS));
	if (rc == MDG_OK) {
		total->open = db_get_ll(r, 0, "open", 0);
		total->overdue = db_get_ll(r, 0, "overdue", 0);
		db_result_free(r);
		r = NULL;
		rc = db_query(d, &r, due_sql, DB_ARGS(OPEN_ARGS));
	}
#undef OPEN_ARGS
	if (rc == MDG_OK)
		total->overdue += db_get_ll(r, 0, "overdue", 0);
	db_result_free(r);
	return rc;
}

/* Row i of the counters' result r into *one (its counts and answers)
 * and *wd (the answers' working days, -1: none): read once, added to
 * its group's row and to the total. */
static void read_counted(const db_result *r, unsigned i, analysis_row *one, long long *wd)
{
	memset(one, 0, sizeof *one);
	add_counts(one, r, i);
	one->answered = db_get_ll(r, i, "answered", 0);
	one->late = db_get_ll(r, i, "late", 0);
	*wd = db_get_ll(r, i, "wd", -1);
}

/* Adds the figures one of read_counted (answered in wd working days) to
 * row. */
static void add_counted(analysis_row *row, const analysis_row *one, long long wd)
{
	row->received += one->received;
	row->open += one->open;
	row->overdue += one->overdue;
	row->extensions += one->extensions;
	row->transfers += one->transfers;
	row->reopened += one->reopened;
	row->ratings += one->ratings;
	row->rating_sum += one->rating_sum;
	row->callbacks += one->callbacks;
	row->answered += one->answered;
	row->late += one->late;
	analysis_add_workdays(row, (int)wd, one->answered);
}

/* The whole months of p: from m1 (the first month that starts in it) to
 * m2 (the start of the month p ends in, or its end when that is a month's
 * start); m1 = m2 = p->until when there are none, or for days and weeks
 * (whose buckets are not made of months). */
static void whole_months(analysis_group g, const report_period *p, char m1[11], char m2[11])
{
	bizdate f, u;
	snprintf(m1, 11, "%s", p->until);
	snprintf(m2, 11, "%s", p->until);
	if (g == GROUP_DAY || g == GROUP_WEEK || biz_parse(p->from, &f) != MDG_OK || biz_parse(p->until, &u) != MDG_OK)
		return;
	bizdate first = f.day == 1 ? f : (f.month == 12 ? (bizdate){f.year + 1, 1, 1} : (bizdate){f.year, f.month + 1, 1});
	bizdate last = {u.year, u.month, 1};
	if (biz_number(first) >= biz_number(last))
		return;
	day_text(first, m1);
	day_text(last, m2);
}

/* Reads the figures grouped by g from the counters into a (dim and val
 * from counted_dim), and from the same rows the total into whole (key
 * ""): the lead's rows (joint = 0) count each case once, whatever the
 * dimension, since a case has one value of each. Exactly what run_group
 * counts, but for a department group, where a joint case counts for its
 * joint departments too. */
/* Adds the rows of r (counted_text's or due_today_text's) to their
 * groups in a and, the lead's, to the total in whole. */
static void add_counted_rows(const db_result *r, analysis_group g, analysis *a, analysis *whole)
{
	char key[24];
	for (unsigned i = 0; i < r->nrows; i++) {
		analysis_row one;
		long long wd;
		read_counted(r, i, &one, &wd);
		row_key(g, db_get(r, i, "gkey", ""), key);
		add_counted(row_for(a, key, db_get(r, i, "label", NULL)), &one, wd);
		if (db_get_ll(r, i, "joint", 0) == 0)
			add_counted(row_for(whole, "", NULL), &one, wd);
	}
}

static int run_counted(db *d, const analysis_filter *f, analysis_group g, const char *dim, const char *val,
		       const char *today, analysis *a, analysis *whole)
{
	db_result *r = NULL;
	long long joint = g == GROUP_DEPARTMENT ? 1 : 0;
	const char *lang = f->lang ? f->lang : "ko";
	char m1[11], m2[11];
	whole_months(g, &f->period, m1, m2);
#define WHERE_ARGS DB_STR(dim), DB_INT(joint), DB_STR(val), DB_STR(f->dept_ids)
	const db_arg args[] = {
		DB_STR(lang), DB_STR(f->period.from), DB_STR(m1), DB_STR(m2), DB_STR(f->period.until), WHERE_ARGS,
		DB_STR(m1), DB_STR(m2), WHERE_ARGS, DB_STR(today), WHERE_ARGS, DB_STR(f->period.from),
		DB_STR(f->period.until),
	};
	/* Over time, the open cases filed in the period. */
	const db_arg due_args[] = {WHERE_ARGS, DB_STR(f->period.from), DB_STR(f->period.until)};
#undef WHERE_ARGS
	bool period = analysis_group_is_period(g);
	int rc = db_query(d, &r, counted_text(g), args, MDG_ARRAY_LEN(args) - (period ? 0 : 2));
	if (rc != MDG_OK)
		return rc;
	add_counted_rows(r, g, a, whole);
	db_result_free(r);
	r = NULL;
	rc = db_query(d, &r, due_today_text(g), due_args, MDG_ARRAY_LEN(due_args) - (period ? 0 : 2));
	if (rc == MDG_OK)
		add_counted_rows(r, g, a, whole);
	db_result_free(r);
	return rc;
}

int analysis_run(db *d, const analysis_filter *f, analysis *out)
{
	analysis whole = {0};
	long *days = NULL;
	size_t ndays = 0;
	int rc;
	memset(out, 0, sizeof *out);
	/* From the counters when they hold the figures (the total with
	 * them); the total counts each case once, whatever the grouping. */
	char val[24];
	const char *dim = counted_dim(f, f->group, val);
	if (dim) {
		/* The database's today, bound in the counters' statements. */
		report_period def;
		rc = report_period_default(d, &def);
		if (rc == MDG_OK)
			rc = run_counted(d, f, f->group, dim, val, def.to, out, &whole);
		/* Over time the rows count the open cases filed in the period;
		 * the total, all of them. */
		if (rc == MDG_OK && analysis_group_is_period(f->group))
			rc = counted_open(d, f, dim, val, def.to, row_for(&whole, "", NULL));
	} else {
		/* Holidays of the years a case answered in the period can
		 * span (the counters hold the working days already). */
		rc = calendar_holidays(d, "1970-01-01", f->period.until, &days, &ndays);
		bizcal cal = {days, ndays};
		if (rc == MDG_OK)
			rc = run_group(d, f, f->group, &cal, out);
		if (rc == MDG_OK)
			rc = run_group(d, f, GROUP_NONE, &cal, &whole);
	}
	if (rc == MDG_OK && whole.n == 1) {
		out->total = whole.rows[0];
		whole.rows[0] = (analysis_row){0};
	}
	analysis_free(&whole);
	free(days);
	if (rc != MDG_OK)
		analysis_free(out);
	return rc;
}

void analysis_free(analysis *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->rows[i].label);
		free(a->rows[i].answers);
	}
	free(a->rows);
	free(a->total.label);
	free(a->total.answers);
	memset(a, 0, sizeof *a);
}

void analysis_fill_buckets(analysis *a, analysis_group g, const report_period *p)
{
	bizdate day, last;
	char key[16];
	if (!analysis_group_is_period(g) || biz_parse(p->from, &day) != MDG_OK || biz_parse(p->to, &last) != MDG_OK)
		return;
	/* One step per bucket: from each bucket's start to the next one's. */
	for (day = analysis_bucket_start(g, day); biz_number(day) <= biz_number(last);) {
		report_period bucket;
		analysis_bucket(g, day, key);
		row_for(a, key, NULL);
		if (analysis_period_around(g, day, &bucket) != MDG_OK || biz_parse(bucket.until, &day) != MDG_OK)
			break;
	}
}

int analysis_handlers(db *d, const char *dept_ids, db_result **out)
{
	return db_query(d, out, "SELECT a.id AS id, a.name AS name FROM accounts a"
				" WHERE a.kind = 'staff' AND EXISTS (SELECT 1 FROM case_handlers ch"
				"  WHERE ch.account_id = a.id AND (? IS NULL OR FIND_IN_SET(ch.department_id, ?) > 0))"
				" ORDER BY a.name, a.id",
			DB_ARGS(DB_STR(dept_ids), DB_STR(dept_ids)));
}

/* tenths / 10 with one decimal into out. */
static void tenths_text(long long tenths, char *out, size_t n)
{
	snprintf(out, n, "%lld.%lld", tenths / 10, tenths % 10);
}

void analysis_average(const analysis_row *r, char *out, size_t n)
{
	long long sum = 0;
	if (r->nworkdays <= 0) {
		snprintf(out, n, "%s", "");
		return;
	}
	for (size_t d = 0; d < r->nbins; d++)
		sum += (long long)d * r->answers[d];
	/* Rounded half up, in whole numbers. */
	tenths_text((sum * 100 / r->nworkdays + 5) / 10, out, n);
}

/* The working days of r's k-th answer in order (0 <= k < nworkdays). */
static long long nth_workdays(const analysis_row *r, long long k)
{
	size_t d = 0;
	for (long long seen = 0; d < r->nbins; d++) {
		seen += r->answers[d];
		if (seen > k)
			break;
	}
	return (long long)d;
}

void analysis_median(const analysis_row *r, char *out, size_t n)
{
	if (r->nworkdays <= 0) {
		snprintf(out, n, "%s", "");
		return;
	}
	long long m = r->nworkdays / 2;
	long long twice = r->nworkdays % 2 ? 2 * nth_workdays(r, m) : nth_workdays(r, m - 1) + nth_workdays(r, m);
	tenths_text(twice * 5, out, n);
}

void analysis_rating(const analysis_row *r, char *out, size_t n)
{
	if (r->ratings <= 0) {
		snprintf(out, n, "%s", "");
		return;
	}
	tenths_text((r->rating_sum * 100 / r->ratings + 5) / 10, out, n);
}
