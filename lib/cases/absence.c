/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* absence.c: absences and substitutes as staff edit them; hand-over. */
#include "cases/absence.h"
#include "db/sql.h"
#include "cases/assign.h"
#include "core/bizdays.h"
#include "core/mdg.h"
#include "cases/public_view.h"
#include "reports/counters.h"

#include <stdio.h>
#include <string.h>

static const char *const kinds[] = {ABSENCE_KINDS};

bool absence_kind_valid(const char *kind)
{
	for (size_t i = 0; i < MDG_ARRAY_LEN(kinds); i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

/* Staff whose absences viewer_id may edit: themselves, and members of
 * the departments they manage. */
#define EDITABLE(acct)                                                                               \
	"(" acct " = ? OR EXISTS (SELECT 1 FROM staff_departments sd JOIN staff_scope m"             \
	" ON m.department_id = sd.department_id AND m.account_id = ? AND m.can_manage = 1"           \
	" WHERE sd.account_id = " acct "))"

int absence_list(db *d, long long viewer_id, db_result **out)
{
	return db_query(d, out, "SELECT ab.id AS id, ab.account_id AS account_id, a.name AS name, ab.kind AS kind,"
				" " SQL_DAY("ab.starts_at") " AS first, " SQL_DAY("ab.ends_at - INTERVAL 1 SECOND") " AS last,"
				" sub.name AS substitute, ab.handed_over AS handed_over,"
				" IF(ab.starts_at > NOW(), 'future',"
				" IF(ab.ends_at > NOW(), 'current', 'past')) AS state"
				" FROM absences ab JOIN accounts a ON a.id = ab.account_id"
				" LEFT JOIN accounts sub ON sub.id = ab.substitute_id"
				" WHERE ab.ends_at > NOW() - INTERVAL 30 DAY AND " EDITABLE("ab.account_id")
				" ORDER BY ab.starts_at, ab.id",
			DB_ARGS(DB_INT(viewer_id), DB_INT(viewer_id)));
}

int absence_people(db *d, long long viewer_id, db_result **out)
{
	return db_query(d, out, "SELECT a.id AS id, a.name AS name FROM accounts a"
				" WHERE a.kind = 'staff' AND a.active = 1 AND " EDITABLE("a.id")
				" ORDER BY a.id <> ?, a.name, a.id",
			DB_ARGS(DB_INT(viewer_id), DB_INT(viewer_id), DB_INT(viewer_id)));
}

int absence_substitutes(db *d, long long viewer_id, long long account_id, const char *lang, db_result **out)
{
	/* The same rule as check_new: a substitute shares a department with
	 * the absent person, and is not them. */
	return db_query(d, out, "SELECT DISTINCT a.id AS id, a.name AS name, dp.id AS department_id,"
				" " SQL_NAME_IN("dp.") " AS department"
				" FROM staff_departments sd JOIN accounts a ON a.id = sd.account_id"
				"  AND a.kind = 'staff' AND a.active = 1"
				" JOIN departments dp ON dp.id = sd.department_id"
				" WHERE sd.department_id IN (SELECT x.department_id FROM staff_departments x"
				" WHERE x.account_id = ?)"
				"  AND a.id <> ? AND EXISTS (SELECT 1 FROM accounts p WHERE p.id = ? AND " EDITABLE("p.id") ")"
				" ORDER BY dp.id, a.name, a.id",
			DB_ARGS(DB_STR(lang), DB_INT(account_id), DB_INT(account_id), DB_INT(account_id),
				DB_INT(viewer_id), DB_INT(viewer_id)));
}

/* True when who may edit account_id's absences. */
static int may_edit(db *d, long long viewer_id, long long account_id, bool *yes)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM accounts a"
				 " WHERE a.id = ? AND a.kind = 'staff' AND " EDITABLE("a.id"),
			  DB_ARGS(DB_INT(account_id), DB_INT(viewer_id), DB_INT(viewer_id)));
	*yes = rc == MDG_OK && db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	return rc;
}

int absence_resolve(db *d, long long account_id, long long *acting)
{
	long long who = account_id;
	*acting = account_id;
	for (int hop = 0; hop < 5; hop++) {
		db_result *r = NULL;
		int rc = db_query(d, &r, "SELECT IFNULL(substitute_id, 0) AS substitute_id FROM absences"
					 " WHERE account_id = ? AND starts_at <= NOW() AND ends_at > NOW()"
					 " ORDER BY starts_at DESC LIMIT 1",
				  DB_ARGS(DB_INT(who)));
		if (rc != MDG_OK)
			return rc;
		bool absent = r->nrows > 0;
		long long sub = db_get_ll(r, 0, "substitute_id", 0);
		db_result_free(r);
		if (!absent) {
			*acting = who;
			return MDG_OK;
		}
		if (sub == 0 || sub == account_id) {
			*acting = 0;
			return MDG_OK;
		}
		who = sub;
	}
	*acting = 0; /* a ring of absences: nobody is there */
	return MDG_OK;
}

int absence_hand_over(db *d, long long actor_id, long long account_id, long long acting, int *moved)
{
	db_result *open = NULL;
	int rc = db_query(d, &open, "SELECT h.case_id, h.department_id FROM case_handlers h JOIN cases c"
				    " ON c.id = h.case_id"
				    " WHERE h.account_id = ?"
				    " AND c.status IN ('received', 'assigned', 'in_progress', 'approval')"
				    " ORDER BY h.case_id FOR UPDATE",
			  DB_ARGS(DB_INT(account_id)));
	for (unsigned i = 0; rc == MDG_OK && i < open->nrows; i++) {
		long long case_id = db_get_ll(open, i, "case_id", 0);
		rc = db_exec(d, "DELETE FROM case_handlers WHERE case_id = ? AND account_id = ?",
			     DB_ARGS(DB_INT(case_id), DB_INT(account_id)));
		if (rc == MDG_OK)
			rc = assign_handler(d, case_id, db_get_ll(open, i, "department_id", 0), acting, actor_id, "substituted");
		/* The substitute gets the escalation clock afresh. */
		if (rc == MDG_OK)
			rc = db_exec(d, "UPDATE cases SET version = version + 1, last_action_at = NOW() WHERE id = ?",
				     DB_ARGS(DB_INT(case_id)));
		if (rc == MDG_OK)
			rc = counters_case_changed(d, case_id);
		if (rc == MDG_OK)
			rc = case_public_refresh(d, case_id);
		if (rc == MDG_OK)
			(*moved)++;
	}
	db_result_free(open);
	return rc;
}

/* Moves account_id's open cases to whoever acts for substitute_id now,
 * each with a 'substituted' event and a new version (forms showing the
 * old one are stale). */
static int hand_over(db *d, long long actor_id, long long account_id, long long substitute_id, int *moved)
{
	long long acting = 0;
	int rc = absence_resolve(d, substitute_id, &acting);
	if (rc != MDG_OK || !acting || acting == account_id)
		return rc;
	return absence_hand_over(d, actor_id, account_id, acting, moved);
}

/* Checks the new absence; *problem names what is wrong. */
static int check_new(db *d, const absence_new *a, const char **problem)
{
	db_result *r = NULL;
	bizdate first, last;
	if (biz_parse(a->first_day, &first) != MDG_OK || biz_parse(a->last_day, &last) != MDG_OK ||
	    biz_number(last) < biz_number(first)) {
		*problem = "bad_dates";
		return MDG_EINVAL;
	}
	if (a->substitute_id == a->account_id) {
		*problem = "same_person";
		return MDG_EINVAL;
	}
	/* The substitute must be active staff of one of their departments;
	 * the absence must not have ended already nor overlap another. */
	int rc = db_query(d, &r, "SELECT ? < CURDATE() AS ended,"
				 " (SELECT COUNT(*) FROM staff_departments x JOIN staff_departments y"
				 "  ON y.department_id = x.department_id AND y.account_id = ?"
				 "  JOIN accounts s ON s.id = y.account_id AND s.kind = 'staff' AND s.active = 1"
				 "  WHERE x.account_id = ?) AS substitute_shares,"
				 " (SELECT COUNT(*) FROM absences WHERE account_id = ?"
				 " AND starts_at < ? + INTERVAL 1 DAY"
				 "  AND ends_at > ?) AS overlapping",
			  DB_ARGS(DB_STR(a->last_day), DB_INT(a->substitute_id), DB_INT(a->account_id),
				  DB_INT(a->account_id), DB_STR(a->last_day), DB_STR(a->first_day)));
	if (rc != MDG_OK)
		return rc;
	if (db_get_ll(r, 0, "ended", 0))
		*problem = "past";
	else if (db_get_ll(r, 0, "substitute_shares", 0) == 0)
		*problem = "bad_substitute";
	else if (db_get_ll(r, 0, "overlapping", 0) > 0)
		*problem = "overlap";
	db_result_free(r);
	return *problem ? MDG_EINVAL : MDG_OK;
}

/* absence_add's arguments and answers, for its transaction. */
struct absence_add_tx {
	const actor *who;
	const absence_new *a;
	long long id;
	int moved;
	const char *problem;
};

/* The transaction of absence_add (db_transaction): from nothing on each run. */
static int add_tx(db *d, void *arg)
{
	struct absence_add_tx *t = arg;
	const absence_new *a = t->a;
	char idbuf[24], detail[160];
	bool allowed = false;
	t->id = 0;
	t->moved = 0;
	t->problem = NULL;
	int rc = may_edit(d, t->who->account_id, a->account_id, &allowed);
	if (rc == MDG_OK && !allowed)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = check_new(d, a, &t->problem);
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO absences (account_id, kind, starts_at, ends_at, substitute_id, created_by,"
				" created_at) VALUES (?, ?, ?, ? + INTERVAL 1 DAY, ?, ?, NOW())",
			     DB_ARGS(DB_INT(a->account_id), DB_STR(a->kind), DB_STR(a->first_day), DB_STR(a->last_day),
				     DB_INT(a->substitute_id), DB_INT(t->who->account_id)));
	if (rc == MDG_OK) {
		t->id = (long long)db_insert_id(d);
		snprintf(idbuf, sizeof idbuf, "%lld", t->id);
		snprintf(detail, sizeof detail, "account=%lld %s %s..%s substitute=%lld", a->account_id, a->kind,
			 a->first_day, a->last_day, a->substitute_id);
		rc = audit_write(d, t->who, "absence", idbuf, "create", detail);
	}
	if (rc == MDG_OK && a->hand_over_now)
		rc = hand_over(d, t->who->account_id, a->account_id, a->substitute_id, &t->moved);
	/* Handed over once it has begun: the start needs no second pass. */
	if (rc == MDG_OK && a->hand_over_now)
		rc = db_exec(d, "UPDATE absences SET handed_over = 1 WHERE id = ? AND starts_at <= NOW()",
			     DB_ARGS(DB_INT(t->id)));
	return rc;
}

int absence_add(db *d, const actor *who, const absence_new *a, long long *id, int *moved, const char **problem)
{
	*problem = NULL;
	*moved = 0;
	if (!absence_kind_valid(a->kind))
		return MDG_EINVAL;
	struct absence_add_tx t = {.who = who, .a = a};
	int rc = db_transaction(d, add_tx, &t);
	*problem = t.problem;
	*moved = t.moved;
	if (rc == MDG_OK)
		*id = t.id;
	if (rc == MDG_OK && *moved)
		case_public_changed(d, 0); /* the absent handler's cases */
	return rc;
}

/* absence_delete's and absence_end's arguments and answer. */
struct absence_change {
	const actor *who;
	long long id;
	const char *problem;
};

/* The transaction of absence_delete (db_transaction). */
static int delete_tx(db *d, void *arg)
{
	struct absence_change *t = arg;
	db_result *r = NULL;
	char idbuf[24];
	bool allowed = false;
	t->problem = NULL;
	int rc = db_query(d, &r, "SELECT account_id, starts_at > NOW() AS not_started FROM absences WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = may_edit(d, t->who->account_id, db_get_ll(r, 0, "account_id", 0), &allowed);
	if (rc == MDG_OK && !allowed)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && db_get_ll(r, 0, "not_started", 0) == 0) {
		t->problem = "started";
		rc = MDG_EINVAL;
	}
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM absences WHERE id = ?", DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK) {
		snprintf(idbuf, sizeof idbuf, "%lld", t->id);
		rc = audit_write(d, t->who, "absence", idbuf, "delete", NULL);
	}
	db_result_free(r);
	return rc;
}

int absence_delete(db *d, const actor *who, long long id, const char **problem)
{
	struct absence_change t = {.who = who, .id = id};
	int rc = db_transaction(d, delete_tx, &t);
	*problem = t.problem;
	return rc;
}

/* The transaction of absence_end (db_transaction). */
static int end_tx(db *d, void *arg)
{
	struct absence_change *t = arg;
	db_result *r = NULL;
	char idbuf[24], detail[96];
	bool allowed = false;
	t->problem = NULL;
	int rc = db_query(d, &r, "SELECT account_id, starts_at > NOW() AS not_started, ends_at <= NOW() AS is_over,"
				 " " SQL_DAY("ends_at - INTERVAL 1 SECOND") " AS planned_last"
				 " FROM absences WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = may_edit(d, t->who->account_id, db_get_ll(r, 0, "account_id", 0), &allowed);
	if (rc == MDG_OK && !allowed)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && db_get_ll(r, 0, "not_started", 0))
		t->problem = "not_started";
	else if (rc == MDG_OK && db_get_ll(r, 0, "is_over", 0))
		t->problem = "over";
	if (t->problem)
		rc = MDG_EINVAL;
	/* Ended as if this had been its last moment: the hand-over of its
	 * start (routing_escalate) and the choice of handlers
	 * (absence_resolve) both look only at absences with ends_at > NOW(). */
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE absences SET ends_at = NOW() WHERE id = ?", DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK) {
		snprintf(idbuf, sizeof idbuf, "%lld", t->id);
		snprintf(detail, sizeof detail, "account=%lld early, planned until %s", db_get_ll(r, 0, "account_id", 0),
			 db_get(r, 0, "planned_last", ""));
		rc = audit_write(d, t->who, "absence", idbuf, "end", detail);
	}
	db_result_free(r);
	return rc;
}

int absence_end(db *d, const actor *who, long long id, const char **problem)
{
	struct absence_change t = {.who = who, .id = id};
	int rc = db_transaction(d, end_tx, &t);
	*problem = t.problem;
	return rc;
}

/* Staff visible to viewer_id on the calendar: members of a department
 * in their scope, and themselves. */
#define IN_CALENDAR(acct)                                                                            \
	"(" acct " = ? OR EXISTS (SELECT 1 FROM staff_departments sd JOIN staff_scope sc"            \
	" ON sc.department_id = sd.department_id AND sc.account_id = ? WHERE sd.account_id = " acct "))"

int absence_month(db *d, long long viewer_id, const char *first_day, db_result **out)
{
	return db_query(d, out, "SELECT ab.account_id AS account_id, a.name AS name, ab.kind AS kind,"
				" " SQL_DAY("ab.starts_at") " AS first,"
				" " SQL_DAY("ab.ends_at - INTERVAL 1 SECOND") " AS last, sub.name AS substitute"
				" FROM absences ab JOIN accounts a ON a.id = ab.account_id AND a.active = 1"
				" LEFT JOIN accounts sub ON sub.id = ab.substitute_id"
				" WHERE ab.starts_at < ? + INTERVAL 1 MONTH AND ab.ends_at > ?"
				" AND ab.ends_at > ab.starts_at"
				"  AND " IN_CALENDAR("ab.account_id")
				" ORDER BY a.name, ab.account_id, ab.starts_at",
			DB_ARGS(DB_STR(first_day), DB_STR(first_day), DB_INT(viewer_id), DB_INT(viewer_id)));
}

int absence_month_staff(db *d, long long viewer_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT a.id AS id, a.name AS name, IFNULL(GROUP_CONCAT(DISTINCT " SQL_NAME_IN("dp.")
				"  ORDER BY dp.id SEPARATOR ', '), '') AS departments"
				" FROM accounts a LEFT JOIN staff_departments sd ON sd.account_id = a.id"
				"  AND sd.department_id IN (SELECT department_id FROM staff_scope WHERE account_id = ?)"
				" LEFT JOIN departments dp ON dp.id = sd.department_id"
				" WHERE a.kind = 'staff' AND a.active = 1 AND " IN_CALENDAR("a.id")
				" GROUP BY a.id, a.name ORDER BY a.name, a.id",
			DB_ARGS(DB_STR(lang), DB_INT(viewer_id), DB_INT(viewer_id), DB_INT(viewer_id)));
}

int absence_month_holidays(db *d, const char *first_day, db_result **out)
{
	return db_query(d, out, "SELECT " SQL_DAY("day") " AS day, name FROM holidays"
				" WHERE day >= ? AND day < ? + INTERVAL 1 MONTH ORDER BY day",
			DB_ARGS(DB_STR(first_day), DB_STR(first_day)));
}
