/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* inbox.c: the handlers' inbox: scoped, filtered, searched, sorted pages.
 *
 * Each query is assembled from fixed fragments only (never from input):
 * a filter that is set contributes its condition, one that is not
 * contributes "? IS NULL" bound to NULL, which the optimizer drops. So
 * every variant binds the same parameters in the same order, and a
 * variant's conditions name only the columns it filters on, which lets
 * the covering index ix_cases_inbox (0004_inbox.sql) answer it. */
#include "cases/inbox.h"
#include "db/sql.h"
#include "cases/case.h"
#include "core/bizdays.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const view_names[INBOX_VIEW__MAX] = {
	[INBOX_DEPARTMENT] = "department", [INBOX_MINE] = "mine", [INBOX_OVERDUE] = "overdue",
	[INBOX_DUE_SOON] = "due_soon",     [INBOX_UNPLACED] = "unplaced",
};

static const char *const sort_names[INBOX_SORT__MAX] = {
	[INBOX_SORT_FILED] = "filed", [INBOX_SORT_DUE] = "due", [INBOX_SORT_STATUS] = "status",
};

static const char *const channels[] = {"web", "email", "sms", "phone", "open311"};

const char *inbox_view_name(enum inbox_view v)
{
	return (unsigned)v < INBOX_VIEW__MAX ? view_names[v] : NULL;
}

int inbox_view_parse(const char *name, enum inbox_view *out)
{
	for (int i = 0; i < INBOX_VIEW__MAX; i++)
		if (strcmp(name, view_names[i]) == 0) {
			*out = (enum inbox_view)i;
			return MDG_OK;
		}
	return MDG_EINVAL;
}

const char *inbox_sort_name(enum inbox_sort s)
{
	return (unsigned)s < INBOX_SORT__MAX ? sort_names[s] : NULL;
}

int inbox_sort_parse(const char *name, enum inbox_sort *out)
{
	for (int i = 0; i < INBOX_SORT__MAX; i++)
		if (strcmp(name, sort_names[i]) == 0) {
			*out = (enum inbox_sort)i;
			return MDG_OK;
		}
	return MDG_EINVAL;
}

bool inbox_channel_valid(const char *channel)
{
	for (size_t i = 0; i < MDG_ARRAY_LEN(channels); i++)
		if (strcmp(channel, channels[i]) == 0)
			return true;
	return false;
}

#define OPEN_STATUSES "('received', 'assigned', 'in_progress', 'approval')"

/* The bound filters, in parameter order: each its condition when set. */
enum slot { SLOT_STATUS, SLOT_CATEGORY, SLOT_CHANNEL, SLOT_FROM, SLOT_TO, SLOT_WORDS, SLOT__MAX };

static const char *const slot_sql[SLOT__MAX] = {
	[SLOT_STATUS] = " AND c.status = ?",
	[SLOT_CATEGORY] = " AND c.category_id = ?",
	[SLOT_CHANNEL] = " AND c.channel = ?",
	[SLOT_FROM] = " AND c.created_at >= ?",
	[SLOT_TO] = " AND c.created_at < ?",
	/* Mroonga's index over title and body splits Korean into bigrams:
	 * words and parts of words are found without scanning the table. */
	[SLOT_WORDS] = (" AND c.id IN (SELECT case_id FROM case_search"
			" WHERE MATCH(title, body) AGAINST(? IN BOOLEAN MODE))"),
};

#define SLOT_OFF " AND ? IS NULL"


/* Unbound conditions of the deadline views. */
#define OVERDUE_SQL " AND c.due_at < NOW() AND c.status IN " OPEN_STATUSES
#define DUE_SOON_SQL " AND c.due_at >= NOW() AND c.due_at < NOW() + INTERVAL 2 DAY AND c.status IN " OPEN_STATUSES

static const char *const order_sql[INBOX_SORT__MAX][2] = {
	[INBOX_SORT_FILED] = {" ORDER BY c.created_at, c.id", " ORDER BY c.created_at DESC, c.id DESC"},
	[INBOX_SORT_DUE] = {" ORDER BY c.due_at, c.id", " ORDER BY c.due_at DESC, c.id DESC"},
	[INBOX_SORT_STATUS] = {" ORDER BY c.status, c.created_at DESC, c.id DESC",
			       " ORDER BY c.status DESC, c.created_at DESC, c.id DESC"},
};

/* The branches: each binds the account and then the slots; its head
 * comes before the slots, its tail (no parameters) after them, so that
 * the cheap filters on the case are checked before the tail's
 * subqueries. Cases led by a department in scope, from the covering
 * index per department: */
#define LEAD_FROM " FROM staff_scope s JOIN cases c ON c.department_id = s.department_id WHERE s.account_id = ?"
/* the same for counting when a status is chosen, kept on the indexes
 * that start with the department: for the app's prepared count of the supervisor's cases
 * in progress the optimizer would otherwise flip, run after run, to ref on
 * the department-only ix_cases_report_dept_answered with a rowid filter
 * from ix_cases_status_due and read all 100,000 cases (55 ms of DB CPU a
 * page under wrk instead of ~3). Other filters are left to the optimizer:
 * the same hint made the supervisor's overdue and due-soon views read
 * every case (status-led indexes serve those better); */
#define LEAD_STATUS_FROM                                                                                   \
	" FROM staff_scope s JOIN cases c USE INDEX (ix_cases_dept_status, ix_cases_inbox, ix_cases_inbox_due)" \
	" ON c.department_id = s.department_id WHERE s.account_id = ?"
/* cases joint with a department in scope while their lead is outside it
 * (each once: through its first joint department in scope), from the
 * few joint rows; */
#define JOINT_FROM                                                                                            \
	" FROM staff_scope s JOIN case_departments cd ON cd.department_id = s.department_id AND cd.role = 'joint'" \
	" JOIN cases c ON c.id = cd.case_id WHERE s.account_id = ?"
#define JOINT_TAIL                                                                                            \
	" AND NOT EXISTS (SELECT 1 FROM staff_scope s2 WHERE s2.account_id = s.account_id"                       \
	"  AND s2.department_id = c.department_id)"                                                               \
	" AND NOT EXISTS (SELECT 1 FROM case_departments cd2 JOIN staff_scope s3 ON s3.account_id = s.account_id" \
	"  AND s3.department_id = cd2.department_id WHERE cd2.case_id = c.id AND cd2.role = 'joint'"             \
	"  AND cd2.department_id < cd.department_id)"
/* my cases (as a handler), still within my scope; */
#define MINE_FROM " FROM case_handlers h JOIN cases c ON c.id = h.case_id WHERE h.account_id = ?"
#define MINE_TAIL                                                                                            \
	" AND EXISTS (SELECT 1 FROM case_departments cd JOIN staff_scope s ON s.department_id = cd.department_id" \
	"  AND s.account_id = h.account_id WHERE cd.case_id = c.id)"
/* cases found by a search, from the search index (one branch for lead
 * and joint departments: each match is checked against the scope); */
#define SEARCH_FROM                                                                                              \
	" FROM case_search cs JOIN cases c ON c.id = cs.case_id"                                                   \
	" WHERE EXISTS (SELECT 1 FROM case_departments cd JOIN staff_scope s ON s.department_id = cd.department_id" \
	"  AND s.account_id = ? WHERE cd.case_id = c.id)"
#define SEARCH_WORDS " AND MATCH(cs.title, cs.body) AGAINST(? IN BOOLEAN MODE)"
/* cases no rule placed, for global supervisors and administrators. */
#define UNPLACED_FROM                                                                                 \
	" FROM cases c WHERE (c.unplaced = 1 OR c.department_id IS NULL)"                                \
	" AND EXISTS (SELECT 1 FROM staff_roles r JOIN accounts a ON a.id = r.account_id AND a.active = 1" \
	"  WHERE r.account_id = ? AND r.department_id IS NULL AND r.role IN ('supervisor', 'sysadmin'))"

/* A branch: its head and its tail. */
typedef struct branch {
	const char *head;
	const char *tail;
} branch;

static const branch lead_branch = {LEAD_FROM, ""}, lead_status_branch = {LEAD_STATUS_FROM, ""}, joint_branch = {JOINT_FROM, JOINT_TAIL},
		    mine_branch = {MINE_FROM, MINE_TAIL}, search_branch = {SEARCH_FROM, ""},
		    unplaced_branch = {UNPLACED_FROM, ""};

#define LIST_COLUMNS                                                                                      \
	"SELECT c.id AS id, c.tracking_no AS tracking, c.title AS title, c.status AS status,"              \
	" " SQL_DAY("c.created_at") " AS date,"                                                              \
	" " SQL_NAME_IN("g.") " AS category, " SQL_NAME_IN("dp.") " AS department,"                          \
	" " SQL_DAY("c.due_at") " AS due,"                                                                   \
	" IFNULL(c.due_at < NOW() AND c.status IN " OPEN_STATUSES ", 0) AS overdue,"                         \
	" c.version AS version, c.is_public AS public, c.channel AS channel,"                                \
	" (SELECT GROUP_CONCAT(a.name ORDER BY a.name SEPARATOR ', ') FROM case_handlers h"                   \
	"  JOIN accounts a ON a.id = h.account_id WHERE h.case_id = c.id) AS handlers"
#define LIST_JOIN \
	") x JOIN cases c ON c.id = x.id JOIN categories g ON g.id = c.category_id LEFT JOIN departments dp ON dp.id = c.department_id"

/* SQL texts built here live as long as the process: the statement cache
 * in db.c knows a statement by the address of its text. The fragments
 * allow a few thousand variants at most; few are ever used. */
static char **interned;
static size_t ninterned, capinterned;

static const char *intern(buf *b)
{
	const char *s = buf_str(b);
	for (size_t i = 0; i < ninterned; i++)
		if (strcmp(interned[i], s) == 0)
			return interned[i];
	if (ninterned == capinterned) {
		capinterned = capinterned ? capinterned * 2 : 32;
		interned = xrealloc(interned, capinterned * sizeof *interned);
	}
	interned[ninterned] = xstrdup(s);
	return interned[ninterned++];
}

/* One branch: "SELECT what FROM … WHERE account", the filters and the
 * branch's tail. */
static void add_branch(buf *b, const char *select, const branch *br, const bool on[SLOT__MAX], const inbox_filter *f)
{
	bool search = br == &search_branch; /* matches the index it starts from */
	buf_puts(b, select);
	buf_puts(b, br->head);
	for (int i = 0; i < SLOT__MAX; i++)
		buf_puts(b, !on[i] ? SLOT_OFF : i == SLOT_WORDS && search ? SEARCH_WORDS : slot_sql[i]);
	if (f->view == INBOX_OVERDUE || f->overdue)
		buf_puts(b, OVERDUE_SQL);
	if (f->view == INBOX_DUE_SOON)
		buf_puts(b, DUE_SOON_SQL);
	buf_puts(b, br->tail);
}

/* The values bound to the slots (NULL / 0 when off). */
typedef struct slot_values {
	const char *status;
	long long category;
	const char *channel;
	const char *from;
	const char *to;
	const char *query;
} slot_values;

/* True when a department in account_id's scope is joint in some case and
 * the scope does not cover every department: only then can the joint
 * branch find a case the lead branch does not (with every department in
 * scope, every case's lead is too). */
static int has_joint(db *d, long long account_id, bool *yes)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT (SELECT COUNT(*) FROM staff_scope WHERE account_id = ?)"
				 " < (SELECT COUNT(*) FROM departments)"
				 " AND EXISTS (SELECT 1 FROM staff_scope s JOIN case_departments cd"
				 " ON cd.department_id = s.department_id AND cd.role = 'joint'"
				 " WHERE s.account_id = ?) AS joint",
			  DB_ARGS(DB_INT(account_id), DB_INT(account_id)));
	*yes = rc == MDG_OK && db_get_ll(r, 0, "joint", 0) != 0;
	db_result_free(r);
	return rc;
}

/* The search's fast path. Mroonga hands over the newest (or oldest)
 * matches in filing order from its own copy of the filing time
 * (case_search.created_at, 0006_case_search_filed.sql) without the
 * matches being joined one by one: only these candidates are checked
 * against the scope and the filters. Enough of them in scope for the page
 * gives the page exactly, as the candidates are the first matches in the
 * order shown; all of them (fewer than asked for) give the total too, and
 * more than INBOX_SEARCH_CAP in scope tell that the total is capped.
 * Every candidate costs Mroonga a fetch of its title and body and a
 * scope check (~10 µs under load): cap + 1 of them settle page and capped
 * total for a scope of every department, 4 × (cap + 1) for a handler who
 * sees a third of the matches (신호등 in 교통행정과), in one statement,
 * where a count apart would scan the matches from the start again. */
#define SEARCH_FULL_CANDIDATES (INBOX_SEARCH_CAP + 1)
#define SEARCH_MIN_CANDIDATES (4 * (INBOX_SEARCH_CAP + 1))
#define SEARCH_MAX_CANDIDATES 2000
#define SEARCH_CANDIDATES(order)                                                              \
	" FROM (SELECT cs.case_id FROM case_search cs WHERE MATCH(cs.title, cs.body)"             \
	" AGAINST(? IN BOOLEAN MODE) ORDER BY cs.created_at " order ", cs.case_id " order " LIMIT ?) m" \
	" JOIN cases c ON c.id = m.case_id ORDER BY c.created_at " order ", c.id " order
#define SEARCH_OK                                                                                       \
	"SELECT m.case_id AS id, EXISTS (SELECT 1 FROM case_departments cd JOIN staff_scope s"              \
	" ON s.department_id = cd.department_id AND s.account_id = ? WHERE cd.case_id = c.id) AND (1"
/* Without filters on the case the candidates need no case row: their
 * order is Mroonga's (case_search.created_at is the case's filing time)
 * and the scope is checked from case_search's id (200 fewer reads by
 * primary key and no second sort: 10 -> 5 ms for 200 candidates). */
#define SEARCH_SCOPE_ONLY(order)                                                                          \
	"SELECT m.case_id AS id, EXISTS (SELECT 1 FROM case_departments cd JOIN staff_scope s"                \
	" ON s.department_id = cd.department_id AND s.account_id = ? WHERE cd.case_id = m.case_id) AS in_scope" \
	" FROM (SELECT cs.case_id, cs.created_at FROM case_search cs WHERE MATCH(cs.title, cs.body)"          \
	" AGAINST(? IN BOOLEAN MODE) ORDER BY cs.created_at " order ", cs.case_id " order " LIMIT ?) m" \
	" ORDER BY m.created_at " order ", m.case_id " order
#define Q20 "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define I4(a, i) DB_INT(a[i]), DB_INT(a[i + 1]), DB_INT(a[i + 2]), DB_INT(a[i + 3])
#define I20(a) I4(a, 0), I4(a, 4), I4(a, 8), I4(a, 12), I4(a, 16)

/* *yes: account_id's scope holds every department (a supervisor's), so
 * nearly every match is in it. */
static int full_scope(db *d, long long account_id, bool *yes)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT (SELECT COUNT(*) FROM staff_scope WHERE account_id = ?)"
				 " >= (SELECT COUNT(*) FROM departments) AS full",
			  DB_ARGS(DB_INT(account_id)));
	*yes = rc == MDG_OK && db_get_ll(r, 0, "full", 0) != 0;
	db_result_free(r);
	return rc;
}

/* True when f filters on the case itself, beyond the words and the scope. */
static bool case_filters(const inbox_filter *f, const bool on[SLOT__MAX])
{
	bool filters = f->view != INBOX_DEPARTMENT || f->overdue;
	for (int i = 0; i < SLOT_WORDS; i++)
		filters = filters || on[i];
	return filters;
}

/* *handled is false when the candidates do not settle the page (the
 * caller then runs the general statements); when they do, *total is the
 * total (*more: it is INBOX_SEARCH_CAP and there are more), or -1 when it
 * is still to be counted. */
static int search_page(db *d, const inbox_filter *f, const char *lang, const slot_values *v, const bool on[SLOT__MAX],
		       db_result **out, long *total, bool *more, bool *handled)
{
	db_result *cand = NULL;
	buf sql = {0};
	long long ids[INBOX_PAGE_SIZE] = {0};
	long long offset = (long long)(f->page - 1) * INBOX_PAGE_SIZE;
	long long want = offset + INBOX_PAGE_SIZE, k = 5 * want, ok = 0;
	int n = 0, rc;

	*handled = false;
	if (k > SEARCH_MAX_CANDIDATES)
		return MDG_OK;
	bool full = false;
	rc = full_scope(d, f->account_id, &full);
	if (rc != MDG_OK)
		goto done;
	if (k < (full ? SEARCH_FULL_CANDIDATES : SEARCH_MIN_CANDIDATES))
		k = full ? SEARCH_FULL_CANDIDATES : SEARCH_MIN_CANDIDATES;
	if (!case_filters(f, on)) {
		rc = db_query(d, &cand, f->desc ? SEARCH_SCOPE_ONLY("DESC") : SEARCH_SCOPE_ONLY("ASC"),
			      DB_ARGS(DB_INT(f->account_id), DB_STR(v->query), DB_INT(k)));
	} else {
		buf_puts(&sql, SEARCH_OK);
		for (int i = 0; i < SLOT_WORDS; i++)
			buf_puts(&sql, on[i] ? slot_sql[i] : SLOT_OFF);
		if (f->view == INBOX_OVERDUE || f->overdue)
			buf_puts(&sql, OVERDUE_SQL);
		if (f->view == INBOX_DUE_SOON)
			buf_puts(&sql, DUE_SOON_SQL);
		buf_puts(&sql, ") AS in_scope");
		buf_puts(&sql, f->desc ? SEARCH_CANDIDATES("DESC") : SEARCH_CANDIDATES("ASC"));
		rc = db_query(d, &cand, intern(&sql),
			      DB_ARGS(DB_INT(f->account_id), DB_STR(v->status), DB_ID(v->category), DB_STR(v->channel),
				      DB_STR(v->from), DB_STR(v->to), DB_STR(v->query), DB_INT(k)));
	}
	if (rc != MDG_OK)
		goto done;
	for (unsigned i = 0; i < cand->nrows; i++) {
		if (!db_get_ll(cand, i, "in_scope", 0))
			continue;
		if (ok >= offset && n < INBOX_PAGE_SIZE)
			ids[n++] = db_get_ll(cand, i, "id", 0);
		ok++;
	}
	bool all = (long long)cand->nrows < k; /* every match was a candidate */
	if (!all && ok < want)
		goto done;
	*handled = true;
	/* The page's rows by id, in the order shown (unused slots: no case). */
	rc = db_query(d, out,
		      f->desc ? LIST_COLUMNS " FROM (SELECT id FROM cases WHERE id IN (" Q20 ")" LIST_JOIN
				     " ORDER BY c.created_at DESC, c.id DESC"
			      : LIST_COLUMNS " FROM (SELECT id FROM cases WHERE id IN (" Q20 ")" LIST_JOIN
				     " ORDER BY c.created_at, c.id",
		      DB_ARGS(DB_STR(lang), DB_STR(lang), I20(ids)));
	if (rc != MDG_OK)
		goto done;
	if (all) {
		*total = (long)ok; /* known exactly: no reason to cap it */
	} else if (ok > INBOX_SEARCH_CAP) {
		*total = INBOX_SEARCH_CAP;
		*more = true;
	} else {
		*total = -1; /* to be counted */
	}
done:
	db_result_free(cand);
	buf_free(&sql);
	return rc;
}

/* *total: the search's matches in scope, counted up to one past
 * INBOX_SEARCH_CAP (*more then, and *total is the cap): a count stops
 * as soon as it has that many, so a common word costs Mroonga no more
 * than the cap's worth of matches in scope (신호등 as the supervisor, by
 * hand: all 3,334 matches 29 ms, the first 201 7 ms). */
static int count_capped(db *d, const inbox_filter *f, const slot_values *v, const bool on[SLOT__MAX], long *total,
			bool *more)
{
	db_result *r = NULL;
	buf sql = {0};
	long long limit = INBOX_SEARCH_CAP + 1;
	int rc;
	if (!case_filters(f, on)) {
		/* Only the words and the scope: no case row is needed (3,334
		 * fewer reads by primary key for 신호등). */
		rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM (SELECT 1 FROM case_search cs WHERE EXISTS (SELECT 1"
				     " FROM case_departments cd JOIN staff_scope s"
				     " ON s.department_id = cd.department_id"
				     " AND s.account_id = ? WHERE cd.case_id = cs.case_id)" SEARCH_WORDS " LIMIT ?) x",
			      DB_ARGS(DB_INT(f->account_id), DB_STR(v->query), DB_INT(limit)));
		goto done;
	}
	buf_puts(&sql, "SELECT COUNT(*) AS n FROM (");
	add_branch(&sql, "SELECT 1", &search_branch, on, f);
	buf_puts(&sql, " LIMIT ?) x");
	rc = db_query(d, &r, intern(&sql),
		      DB_ARGS(DB_INT(f->account_id), DB_STR(v->status), DB_ID(v->category), DB_STR(v->channel),
			      DB_STR(v->from), DB_STR(v->to), DB_STR(v->query), DB_INT(limit)));
done:
	if (rc == MDG_OK) {
		long long n = db_get_ll(r, 0, "n", 0);
		*more = n > INBOX_SEARCH_CAP;
		*total = (long)(*more ? INBOX_SEARCH_CAP : n);
	}
	db_result_free(r);
	buf_free(&sql);
	return rc;
}

/* Checks the dates; to_next gets the day after f->to (16 bytes). */
static int check_dates(const inbox_filter *f, char *to_next)
{
	bizdate day;
	if (f->from && biz_parse(f->from, &day) != MDG_OK)
		return MDG_EINVAL;
	if (f->to) {
		/* Up to the end of that day: before the next one. */
		if (biz_parse(f->to, &day) != MDG_OK)
			return MDG_EINVAL;
		day = biz_add_calendar(day, 1);
		snprintf(to_next, 16, "%04d-%02d-%02d", day.year % 10000, day.month % 100, day.day % 100);
	}
	return MDG_OK;
}

int inbox_list(db *d, const inbox_filter *f, const char *lang, db_result **out, long *total, bool *more)
{
	db_result *count = NULL;
	buf list = {0}, cnt = {0};
	char to_next[16] = "";
	char *query = NULL;
	slot_values v = {0};
	bool on[SLOT__MAX] = {0}, joint = false;
	const branch *from = &lead_branch;
	int rc;

	*out = NULL;
	*total = 0;
	*more = false;
	if ((unsigned)f->view >= INBOX_VIEW__MAX || (unsigned)f->sort >= INBOX_SORT__MAX || f->page < 1 ||
	    f->page > INBOX_MAX_PAGE || check_dates(f, to_next) != MDG_OK)
		return MDG_EINVAL;
	if (f->words) {
		query = case_search_query(f->words);
		if (!query)
			return MDG_OK; /* only quotes and such: nothing can match */
	}
	v = (slot_values){f->status, f->category_id, f->channel, f->from, f->to ? to_next : NULL, query};
	on[SLOT_STATUS] = v.status != NULL;
	on[SLOT_CATEGORY] = v.category != 0;
	on[SLOT_CHANNEL] = v.channel != NULL;
	on[SLOT_FROM] = v.from != NULL;
	on[SLOT_TO] = v.to != NULL;
	on[SLOT_WORDS] = v.query != NULL;
	if (f->view == INBOX_MINE)
		from = &mine_branch;
	else if (f->view == INBOX_UNPLACED)
		from = &unplaced_branch;
	else if (query)
		from = &search_branch;
	else if ((rc = has_joint(d, f->account_id, &joint)) != MDG_OK)
		goto done;

	if (query && f->view != INBOX_MINE && f->view != INBOX_UNPLACED && f->sort == INBOX_SORT_FILED) {
		bool handled = false;
		rc = search_page(d, f, lang, &v, on, out, total, more, &handled);
		if (rc != MDG_OK || (handled && *total >= 0))
			goto done;
		if (handled) {
			*total = 0;
			rc = count_capped(d, f, &v, on, total, more);
			goto done;
		}
	}

	/* Each branch picks the ids of the first pages (from an index that
	 * covers the filters); only the rows shown are read whole. The total
	 * is counted apart, and only when the page does not tell it: a
	 * count is an index-only pass over the matches, where a window
	 * (COUNT(*) OVER ()) beside the page would copy every match into a
	 * temporary table and sort it (24 ms against 2 for the supervisor's
	 * 3,428 cases in progress). */
	const char *order = order_sql[f->sort][f->desc ? 1 : 0];
	long long offset = (long long)(f->page - 1) * INBOX_PAGE_SIZE;
	long long inner = offset + INBOX_PAGE_SIZE;
	buf_puts(&list, LIST_COLUMNS " FROM ((");
	add_branch(&list, "SELECT c.id", from, on, f);
	buf_printf(&list, "%s LIMIT ?)", order);
	buf_puts(&cnt, "SELECT (");
	add_branch(&cnt, "SELECT COUNT(*)", from == &lead_branch && on[SLOT_STATUS] ? &lead_status_branch : from, on, f);
	buf_puts(&cnt, ")");
	if (joint) {
		/* Driven from the joint rows, whatever the optimizer guesses. */
		buf_puts(&list, " UNION ALL (");
		add_branch(&list, "SELECT STRAIGHT_JOIN c.id", &joint_branch, on, f);
		buf_printf(&list, "%s LIMIT ?)", order);
		buf_puts(&cnt, " + (");
		add_branch(&cnt, "SELECT STRAIGHT_JOIN COUNT(*)", &joint_branch, on, f);
		buf_puts(&cnt, ")");
	}
	buf_puts(&cnt, " AS n");
	buf_printf(&list, LIST_JOIN "%s LIMIT ? OFFSET ?", order);

	/* The category is bound as a number ('N': 0 is NULL), the rest as
	 * text; an unset slot binds NULL to its "? IS NULL". */
	long long who = f->account_id;
	if (!joint)
		rc = db_query(d, out, intern(&list),
			      DB_ARGS(DB_STR(lang), DB_STR(lang), DB_INT(who), DB_STR(v.status), DB_ID(v.category),
				      DB_STR(v.channel), DB_STR(v.from), DB_STR(v.to), DB_STR(v.query), DB_INT(inner),
				      DB_INT((long long)INBOX_PAGE_SIZE), DB_INT(offset)));
	else
		rc = db_query(d, out, intern(&list),
			      DB_ARGS(DB_STR(lang), DB_STR(lang), DB_INT(who), DB_STR(v.status), DB_ID(v.category),
				      DB_STR(v.channel), DB_STR(v.from), DB_STR(v.to), DB_STR(v.query), DB_INT(inner),
				      DB_INT(who), DB_STR(v.status), DB_ID(v.category), DB_STR(v.channel),
				      DB_STR(v.from), DB_STR(v.to), DB_STR(v.query), DB_INT(inner),
				      DB_INT((long long)INBOX_PAGE_SIZE), DB_INT(offset)));
	if (rc != MDG_OK)
		goto done;
	/* The branches are disjoint: a page that is not full ends the list. */
	if ((*out)->nrows > 0 && (*out)->nrows < INBOX_PAGE_SIZE) {
		*total = (long)(offset + (long long)(*out)->nrows);
		goto done;
	}
	if ((*out)->nrows == 0 && f->page == 1)
		goto done;
	if (from == &search_branch) {
		rc = count_capped(d, f, &v, on, total, more);
		goto done;
	}
	if (!joint)
		rc = db_query(d, &count, intern(&cnt),
			      DB_ARGS(DB_INT(who), DB_STR(v.status), DB_ID(v.category), DB_STR(v.channel),
				      DB_STR(v.from), DB_STR(v.to), DB_STR(v.query)));
	else
		rc = db_query(d, &count, intern(&cnt),
			      DB_ARGS(DB_INT(who), DB_STR(v.status), DB_ID(v.category), DB_STR(v.channel),
				      DB_STR(v.from), DB_STR(v.to), DB_STR(v.query), DB_INT(who), DB_STR(v.status),
				      DB_ID(v.category), DB_STR(v.channel), DB_STR(v.from), DB_STR(v.to),
				      DB_STR(v.query)));
	if (rc == MDG_OK)
		*total = (long)db_get_ll(count, 0, "n", 0);
done:
	free(query);
	buf_free(&list);
	buf_free(&cnt);
	db_result_free(count);
	return rc;
}

int inbox_assignable(db *d, long long account_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT DISTINCT a.id AS id, a.name AS name, " SQL_NAME_IN("dp.") " AS department,"
				" dp.id AS department_id"
				" FROM staff_scope m JOIN staff_departments sd ON sd.department_id = m.department_id"
				" JOIN staff_scope s ON s.account_id = sd.account_id"
				" AND s.department_id = sd.department_id"
				"  AND s.can_handle = 1"
				" JOIN accounts a ON a.id = sd.account_id AND a.active = 1"
				" JOIN departments dp ON dp.id = sd.department_id"
				" WHERE m.account_id = ? AND m.can_manage = 1 ORDER BY dp.id, a.name, a.id",
			DB_ARGS(DB_STR(lang), DB_INT(account_id)));
}
