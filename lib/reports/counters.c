/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* counters.c: the reports' counters. A case's contribution is computed
 * in SQL from its rows (counted_facts: what it adds per day; counted_places:
 * where it counts), and case_counts holds the sums of facts x places.
 * Counting a case again takes the stored contribution out (the same sums
 * with the sign -1), replaces it, and adds the new one: whatever a writer
 * changed (status, department, handlers, events, ratings), the counters
 * equal a full count of the cases at every commit, without a rule per
 * writer. The same statements over a range of ids rebuild them. */
#include "reports/counters.h"
#include "core/mdg.h"

#include <stdio.h>

/* The range of case ids, bound for each of five branches of a statement. */
#define RANGE_5_TIMES(lo, hi)                                                                         \
	DB_INT(lo), DB_INT(hi), DB_INT(lo), DB_INT(hi), DB_INT(lo), DB_INT(hi), DB_INT(lo), DB_INT(hi), \
		DB_INT(lo), DB_INT(hi)

/* Cases per transaction of counters_rebuild. */
#define REBUILD_BATCH 5000

/* Adds the stored contribution of the cases lo..hi to case_counts, times
 * the sign bound first (-1 takes it out). */
/* The statement of apply_counted for TABLE, its day DAY (an expression of
 * the fact f's day). */
#define APPLY_SQL(TABLE, DAY) \
	"INSERT INTO " TABLE " (dim, joint, department_id, day, val, due, wd, received, answered," \
	" late, seconds, open_filed, extensions, transfers, reopened, ratings, rating_sum, callbacks)" \
	" SELECT p.dim, p.joint, p.department_id, " DAY ", p.val, f.due, f.wd, ? * SUM(f.received)," \
	" ? * SUM(f.answered), ? * SUM(f.late), ? * SUM(f.seconds), ? * SUM(f.open_filed)," \
	" ? * SUM(f.extensions), ? * SUM(f.transfers), ? * SUM(f.reopened), ? * SUM(f.ratings)," \
	" ? * SUM(f.rating_sum), ? * SUM(f.callbacks)" \
	" FROM counted_places p JOIN counted_facts f ON f.case_id = p.case_id" \
	" WHERE p.case_id BETWEEN ? AND ?" \
	" GROUP BY p.dim, p.joint, p.department_id, 4, p.val, f.due, f.wd" \
	" ON DUPLICATE KEY UPDATE received = received + VALUES(received)," \
	" answered = answered + VALUES(answered), late = late + VALUES(late)," \
	" seconds = seconds + VALUES(seconds), open_filed = open_filed + VALUES(open_filed)," \
	" extensions = extensions + VALUES(extensions)," \
	" transfers = transfers + VALUES(transfers), reopened = reopened + VALUES(reopened)," \
	" ratings = ratings + VALUES(ratings), rating_sum = rating_sum + VALUES(rating_sum)," \
	" callbacks = callbacks + VALUES(callbacks)"

/* The same sums into case_counts_day: by day, without the due and
 * working-day keys, and without the open cases (case_counts_open). */
#define APPLY_DAY_SQL \
	"INSERT INTO case_counts_day (dim, joint, department_id, day, val, received, answered, late," \
	" seconds, extensions, transfers, reopened, ratings, rating_sum, callbacks)" \
	" SELECT p.dim, p.joint, p.department_id, f.day, p.val, ? * SUM(f.received)," \
	" ? * SUM(f.answered), ? * SUM(f.late), ? * SUM(f.seconds), ? * SUM(f.extensions)," \
	" ? * SUM(f.transfers), ? * SUM(f.reopened), ? * SUM(f.ratings), ? * SUM(f.rating_sum)," \
	" ? * SUM(f.callbacks)" \
	" FROM counted_places p JOIN counted_facts f ON f.case_id = p.case_id" \
	" WHERE p.case_id BETWEEN ? AND ?" \
	" GROUP BY p.dim, p.joint, p.department_id, f.day, p.val" \
	" ON DUPLICATE KEY UPDATE received = received + VALUES(received)," \
	" answered = answered + VALUES(answered), late = late + VALUES(late)," \
	" seconds = seconds + VALUES(seconds), extensions = extensions + VALUES(extensions)," \
	" transfers = transfers + VALUES(transfers), reopened = reopened + VALUES(reopened)," \
	" ratings = ratings + VALUES(ratings), rating_sum = rating_sum + VALUES(rating_sum)," \
	" callbacks = callbacks + VALUES(callbacks)"

/* The open cases into case_counts_open, by due day (only the facts of an
 * open case's filing day hold one). */
#define APPLY_OPEN_SQL \
	"INSERT INTO case_counts_open (dim, joint, department_id, val, due, open_filed)" \
	" SELECT p.dim, p.joint, p.department_id, p.val, f.due, ? * SUM(f.open_filed)" \
	" FROM counted_places p JOIN counted_facts f ON f.case_id = p.case_id" \
	" WHERE p.case_id BETWEEN ? AND ? AND f.open_filed <> 0" \
	" GROUP BY p.dim, p.joint, p.department_id, p.val, f.due" \
	" ON DUPLICATE KEY UPDATE open_filed = open_filed + VALUES(open_filed)"

static int apply_counted(db *d, long long sign, long long lo, long long hi)
{
	/* The days, and their months (case_counts_month: a long period's
	 * whole months read there). */
#define APPLY_ARGS                                                                                       \
	DB_ARGS(DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(sign), \
		DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(lo), DB_INT(hi))
	int rc = db_exec(d, APPLY_SQL("case_counts", "f.day"), APPLY_ARGS);
	if (rc == MDG_OK)
		rc = db_exec(d, APPLY_SQL("case_counts_month", "DATE_FORMAT(f.day, '%Y-%m-01')"), APPLY_ARGS);
#undef APPLY_ARGS
	/* The workload report's (migration 0062): the days without the due
	 * and working-day keys, and the open cases by due day alone. */
	if (rc == MDG_OK)
		rc = db_exec(d, APPLY_DAY_SQL,
			     DB_ARGS(DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(sign),
				     DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(sign), DB_INT(lo), DB_INT(hi)));
	if (rc == MDG_OK)
		rc = db_exec(d, APPLY_OPEN_SQL, DB_ARGS(DB_INT(sign), DB_INT(lo), DB_INT(hi)));
	return rc;
}

/* Deletes the open cases' rows of case_counts_open that the cases lo..hi
 * counted in and that now hold none (after their contribution was taken
 * out): an answered case's row would otherwise stay, and the rows of past
 * due days pile up in every department's range. */
static int drop_empty_open(db *d, long long lo, long long hi)
{
	return db_exec(d, "DELETE k FROM case_counts_open k JOIN counted_places p ON p.dim = k.dim"
			  " AND p.joint = k.joint AND p.department_id = k.department_id AND p.val = k.val"
			  " JOIN counted_facts f ON f.case_id = p.case_id AND f.due = k.due"
			  " WHERE p.case_id BETWEEN ? AND ? AND f.open_filed <> 0 AND k.open_filed = 0",
		       DB_ARGS(DB_INT(lo), DB_INT(hi)));
}

/* The working days from filing (a) to answer (b): weekdays after a up to
 * b (5 a week, and the rest from a table by a's weekday and the days
 * left over), less the holidays on weekdays among them; as
 * biz_workdays_between counts them (lib/core/bizdays.c). */
#define WORKDAYS(a, b)                                                                                  \
	"IF(" b " <= " a ", 0, 5 * (DATEDIFF(" b ", " a ") DIV 7)"                                        \
	" + MID('0123444012333401222340111234000123400123450123455',"                                     \
	" 7 * WEEKDAY(" a ") + DATEDIFF(" b ", " a ") MOD 7 + 1, 1)"                                       \
	" - (SELECT COUNT(*) FROM holidays h WHERE h.day > " a " AND h.day <= " b " AND WEEKDAY(h.day) < 5))"

/* No due day, no working days: the keys of a fact that has neither. */
#define NO_DUE "'9999-12-31'"
/* The due day of an open case without one (never past). */
#define OPEN_NO_DUE "'9999-12-30'"

/* What each case of lo..hi adds, per day of each figure's own event; the
 * open ones with their due day, the answered ones with their working
 * days. */
static int count_facts(db *d, long long lo, long long hi)
{
	return db_exec(d, "INSERT INTO counted_facts (case_id, day, due, wd, received, answered, late, seconds,"
			  " open_filed, extensions, transfers, reopened, ratings, rating_sum, callbacks)"
			  " SELECT x.case_id, x.day, x.due, x.wd, SUM(x.received), SUM(x.answered), SUM(x.late),"
			  " SUM(x.seconds), SUM(x.open_filed), SUM(x.extensions), SUM(x.transfers), SUM(x.reopened),"
			  " SUM(x.ratings), SUM(x.rating_sum), SUM(x.callbacks) FROM ("
			  "  SELECT c.id AS case_id, DATE(c.created_at) AS day, IF(c.status IN (" REPORT_OPEN_STATUSES "),"
			  "   IFNULL(DATE(c.due_at), " OPEN_NO_DUE "), " NO_DUE ") AS due, -1 AS wd, 1 AS received,"
			  "   0 AS answered, 0 AS late, 0 AS seconds, c.status IN (" REPORT_OPEN_STATUSES ") AS open_filed,"
			  "   0 AS extensions, 0 AS transfers, 0 AS reopened, 0 AS ratings, 0 AS rating_sum, 0 AS callbacks"
			  "  FROM cases c WHERE c.id BETWEEN ? AND ?"
			  "  UNION ALL SELECT c.id, DATE(c.answered_at), " NO_DUE ","
			  "   " WORKDAYS("DATE(c.created_at)", "DATE(c.answered_at)") ", 0, 1,"
			  "   IFNULL(c.answered_at > c.due_at, 0), TIMESTAMPDIFF(SECOND, c.created_at, c.answered_at),"
			  "   0, 0, 0, 0, 0, 0, 0"
			  "  FROM cases c WHERE c.id BETWEEN ? AND ? AND c.answered_at IS NOT NULL"
			  "  UNION ALL SELECT e.case_id, DATE(e.created_at), " NO_DUE ", -1, 0, 0, 0, 0, 0,"
			  "   e.kind = 'extended', e.kind = 'transferred', e.kind = 'reopened', 0, 0, 0"
			  "  FROM case_events e WHERE e.case_id BETWEEN ? AND ?"
			  "   AND e.kind IN ('extended', 'transferred', 'reopened')"
			  "  UNION ALL SELECT s.case_id, DATE(s.rated_at), " NO_DUE ", -1, 0, 0, 0, 0, 0, 0, 0, 0, 1,"
			  "   s.rating, 0"
			  "  FROM satisfaction s WHERE s.case_id BETWEEN ? AND ? AND s.rating IS NOT NULL"
			  "   AND s.rated_at IS NOT NULL"
			  "  UNION ALL SELECT s.case_id, DATE(s.callback_at), " NO_DUE ", -1, 0, 0, 0, 0, 0, 0, 0, 0, 0,"
			  "   0, 1"
			  "  FROM satisfaction s WHERE s.case_id BETWEEN ? AND ? AND s.callback_state = 'done'"
			  "   AND s.callback_at IS NOT NULL"
			  " ) x GROUP BY x.case_id, x.day, x.due, x.wd",
		       DB_ARGS(RANGE_5_TIMES(lo, hi)));
}

/* Where each case of lo..hi counts: for each dimension with one value per
 * case, its lead department (0: none) and, with joint = 1, each joint
 * department (so that grouping by department counts a joint case for
 * every participating department, and anything else reads joint = 0 and
 * counts it once); per handler in the handler's department ('0': no
 * handler yet, in the lead department). */
static int count_places(db *d, long long lo, long long hi)
{
	return db_exec(d, "INSERT INTO counted_places (case_id, dim, department_id, val, joint)"
			  " SELECT c.id, v.dim, p.department_id, CASE v.dim WHEN 'category' THEN c.category_id"
			  "  WHEN 'channel' THEN c.channel WHEN 'status' THEN c.status WHEN 'kind' THEN c.kind"
			  "  ELSE '' END, p.joint"
			  " FROM cases c JOIN ("
			  "  SELECT c2.id AS case_id, IFNULL(c2.department_id, 0) AS department_id, 0 AS joint"
			  "  FROM cases c2 WHERE c2.id BETWEEN ? AND ?"
			  "  UNION ALL SELECT j.case_id, j.department_id, 1 FROM case_departments j"
			  "  JOIN cases c3 ON c3.id = j.case_id WHERE j.case_id BETWEEN ? AND ? AND j.role = 'joint'"
			  "   AND j.department_id <> IFNULL(c3.department_id, 0)"
			  " ) p ON p.case_id = c.id"
			  " JOIN (SELECT 'all' AS dim UNION ALL SELECT 'category' UNION ALL SELECT 'channel'"
			  "  UNION ALL SELECT 'status' UNION ALL SELECT 'kind') v"
			  " WHERE c.id BETWEEN ? AND ?"
			  " UNION ALL SELECT ch.case_id, 'handler', ch.department_id, ch.account_id, 0"
			  " FROM case_handlers ch WHERE ch.case_id BETWEEN ? AND ?"
			  " UNION ALL SELECT c.id, 'handler', IFNULL(c.department_id, 0), '0', 0 FROM cases c"
			  " WHERE c.id BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM case_handlers h WHERE h.case_id = c.id)",
		       DB_ARGS(RANGE_5_TIMES(lo, hi)));
}

/* Counts the cases lo..hi again, within the caller's transaction. */
static int recount(db *d, long long lo, long long hi)
{
	int rc = apply_counted(d, -1, lo, hi);
	if (rc == MDG_OK)
		rc = drop_empty_open(d, lo, hi);
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM counted_facts WHERE case_id BETWEEN ? AND ?", DB_ARGS(DB_INT(lo), DB_INT(hi)));
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM counted_places WHERE case_id BETWEEN ? AND ?", DB_ARGS(DB_INT(lo), DB_INT(hi)));
	if (rc == MDG_OK)
		rc = count_facts(d, lo, hi);
	if (rc == MDG_OK)
		rc = count_places(d, lo, hi);
	if (rc == MDG_OK)
		rc = apply_counted(d, 1, lo, hi);
	return rc;
}

int counters_case_changed(db *d, long long case_id)
{
	return recount(d, case_id, case_id);
}

struct batch {
	long long lo, hi;
};

static int recount_batch(db *d, void *arg)
{
	const struct batch *b = arg;
	db_result *r = NULL;
	/* The cases' rows first, as every writer locks its case before it
	 * counts it: a writer of one of them waits for this batch. */
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM cases WHERE id BETWEEN ? AND ? FOR UPDATE",
			  DB_ARGS(DB_INT(b->lo), DB_INT(b->hi)));
	db_result_free(r);
	return rc == MDG_OK ? recount(d, b->lo, b->hi) : rc;
}

static int clear_counts(db *d, void *arg)
{
	(void)arg;
	/* Rows of cases that no longer exist go too; the batches then find
	 * nothing stored to take out and count each case afresh. */
	int rc = db_exec(d, "DELETE FROM case_counts", DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM case_counts_month", DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM case_counts_day", DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM case_counts_open", DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM counted_facts", DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM counted_places", DB_NO_ARGS);
	return rc;
}

int counters_rebuild(db *d, long long *cases)
{
	db_result *r = NULL;
	*cases = 0;
	int rc = db_transaction(d, clear_counts, NULL);
	if (rc == MDG_OK)
		rc = db_query(d, &r, "SELECT IFNULL(MIN(id), 1) AS lo, IFNULL(MAX(id), 0) AS hi, COUNT(*) AS n FROM cases",
			      DB_NO_ARGS);
	if (rc != MDG_OK)
		goto done;
	long long hi = db_get_ll(r, 0, "hi", 0);
	for (long long lo = db_get_ll(r, 0, "lo", 1); lo <= hi && rc == MDG_OK; lo += REBUILD_BATCH) {
		struct batch b = {lo, lo + REBUILD_BATCH - 1};
		rc = db_transaction(d, recount_batch, &b);
	}
	if (rc == MDG_OK)
		*cases = db_get_ll(r, 0, "n", 0);
done:
	db_result_free(r);
	return rc;
}
