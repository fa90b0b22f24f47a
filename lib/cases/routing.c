/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* routing.c: placing cases by rules, and escalating the idle ones. */
#include "cases/routing.h"
#include "cache/page_cache.h"
#include "cases/public_view.h"
#include "cases/absence.h"
#include "cases/assign.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "notify/notice.h"
#include "org/calendar.h"
#include "cases/public_view.h"
#include "reports/counters.h"

#include <stdlib.h>
#include <string.h>

/* The handlers of a department that routing may choose: members holding
 * a handler role over it, active; *available = those present now. */
static int candidates(db *d, long long department_id, db_result **out)
{
	return db_query(d, out, "SELECT a.id AS account_id, EXISTS (SELECT 1 FROM absences ab"
				" WHERE ab.account_id = a.id"
				"  AND ab.starts_at <= NOW() AND ab.ends_at > NOW()) AS absent"
				" FROM staff_departments sd"
				" JOIN staff_scope s ON s.account_id = sd.account_id"
				" AND s.department_id = sd.department_id"
				"  AND s.can_handle = 1"
				" JOIN accounts a ON a.id = sd.account_id AND a.active = 1"
				" WHERE sd.department_id = ? AND EXISTS (SELECT 1 FROM staff_roles r"
				"  WHERE r.account_id = a.id AND r.role = 'handler')"
				" ORDER BY a.id",
			DB_ARGS(DB_INT(department_id)));
}

/* The next present handler after the last one, in id order, wrapping
 * round; the position is kept per category and department in a row
 * locked for the rest of the transaction, so concurrent filings and
 * restarts take fair turns. One statement makes the row if it is the
 * pair's first case, locks it and reads the last handler (through
 * LAST_INSERT_ID(expr), which hands this connection the value: 0 for a
 * new row); a second one moves the turn on. */
static int round_robin_pick(db *d, long long category_id, long long department_id, const db_result *c,
			    long long *pick)
{
	*pick = 0;
	int rc = db_exec(d, "INSERT INTO round_robin (category_id, department_id) VALUES (?, ?)"
			    " ON DUPLICATE KEY UPDATE last_account_id = LAST_INSERT_ID(last_account_id)",
			 DB_ARGS(DB_INT(category_id), DB_INT(department_id)));
	if (rc != MDG_OK)
		return rc;
	long long last = (long long)db_insert_id(d);
	long long first = 0;
	for (unsigned i = 0; i < c->nrows; i++) {
		if (db_get_ll(c, i, "absent", 0))
			continue; /* absent: skipped */
		long long id = db_get_ll(c, i, "account_id", 0);
		if (!first)
			first = id;
		if (id > last) {
			*pick = id;
			break;
		}
	}
	if (!*pick)
		*pick = first;
	if (*pick)
		rc = db_exec(d, "UPDATE round_robin SET last_account_id = ? WHERE category_id = ? AND department_id = ?",
			     DB_ARGS(DB_INT(*pick), DB_INT(category_id), DB_INT(department_id)));
	return rc;
}

/* Department trees are shallow; a longer walk means a cycle. */
#define DEPARTMENT_DEPTH_MAX 32

int routing_managers(db *d, long long department_id, db_result **out)
{
	/* The department's own managers, else the nearest ancestor's, else
	 * global managers (level 0: department_id IS NULL); only those whose
	 * scope lets them manage the department itself (a manager role on
	 * the parent without its subtree does not). One statement: up is the
	 * walk to the root (a department that does not exist leads to level
	 * 0), DEPARTMENT_DEPTH_MAX steps at most should the tree hold a cycle
	 * (then nobody, unless found on the way); found, the managers at each
	 * level; the nearest level with any wins. */
	int rc = db_query(d, out, "WITH RECURSIVE up (id, depth) AS ("
				  "  SELECT CAST(? AS UNSIGNED), CAST(0 AS UNSIGNED)"
				  "  UNION ALL SELECT IFNULL(dp.parent_id, 0), up.depth + 1"
				  "  FROM up LEFT JOIN departments dp ON dp.id = up.id"
				  "  WHERE up.id <> 0 AND up.depth < ?),"
				  " found AS (SELECT up.depth, r.account_id FROM up"
				  "  JOIN staff_roles r ON r.role = 'manager' AND r.department_id <=> NULLIF(up.id, 0)"
				  "  JOIN accounts a ON a.id = r.account_id AND a.active = 1"
				  "  JOIN staff_scope s ON s.account_id = r.account_id AND s.department_id = ?"
				  "   AND s.can_manage = 1)"
				  " SELECT account_id FROM found WHERE depth = (SELECT MIN(depth) FROM found)"
				  " GROUP BY account_id ORDER BY account_id",
			  DB_ARGS(DB_INT(department_id), DB_INT(DEPARTMENT_DEPTH_MAX), DB_INT(department_id)));
	if (rc != MDG_OK) {
		db_result_free(*out);
		*out = NULL;
	}
	return rc;
}

int routing_supervisors(db *d, long long department_id, db_result **out)
{
	/* Global supervisors; and supervisors of department_id or of an
	 * ancestor whose role covers its subtree. */
	return db_query(d, out, "WITH RECURSIVE up (id, parent_id) AS ("
				"  SELECT id, parent_id FROM departments WHERE id = ?"
				"  UNION ALL SELECT dp.id, dp.parent_id FROM departments dp JOIN up"
				" ON dp.id = up.parent_id)"
				" SELECT r.account_id FROM staff_roles r JOIN accounts a ON a.id = r.account_id"
				" AND a.active = 1"
				" WHERE r.role = 'supervisor' AND (r.department_id IS NULL"
				" OR (r.department_id IN (SELECT id FROM up)"
				"  AND (r.with_subtree = 1 OR r.department_id = ?)))"
				" GROUP BY r.account_id ORDER BY r.account_id",
			DB_ARGS(DB_INT(department_id), DB_INT(department_id)));
}

/* Tells the department's managers (else the supervisors over it) that a
 * case arrived that nobody was given: the manual mode's cases, or every
 * handler away. */
static int tell_waiting(db *d, long long case_id, long long department_id)
{
	db_result *who = NULL;
	int rc = routing_managers(d, department_id, &who);
	if (rc == MDG_OK && who->nrows == 0) {
		db_result_free(who);
		who = NULL;
		rc = routing_supervisors(d, department_id, &who);
	}
	for (unsigned i = 0; rc == MDG_OK && i < who->nrows; i++)
		rc = notice_staff(d, db_get_ll(who, i, "account_id", 0), case_id, NOTICE_STAFF_WAITING);
	db_result_free(who);
	return rc;
}

/* Chooses the handlers of department_id by mode, passing over the
 * absent (and taking the round-robin turn); gives the case to nobody
 * yet, so that the caller can write the case's status with the rest of
 * its row first. */
static int choose_handlers(db *d, long long category_id, const char *mode, long long department_id,
			   struct handler_picks *picks)
{
	db_result *c = NULL;
	picks->n = 0;
	if (strcmp(mode, "manual") == 0)
		return MDG_OK;
	int rc = candidates(d, department_id, &c);
	if (rc != MDG_OK)
		goto done;
	if (strcmp(mode, "round_robin") == 0) {
		long long pick;
		rc = round_robin_pick(d, category_id, department_id, c, &pick);
		if (rc == MDG_OK && pick)
			picks->id[picks->n++] = pick;
	} else if (strcmp(mode, "random") == 0) {
		unsigned present = 0;
		for (unsigned i = 0; i < c->nrows; i++)
			present += db_get_ll(c, i, "absent", 0) == 0;
		if (present) {
			unsigned n = crypto_uniform(present);
			for (unsigned i = 0; i < c->nrows; i++)
				if (db_get_ll(c, i, "absent", 0) == 0 && n-- == 0)
					picks->id[picks->n++] = db_get_ll(c, i, "account_id", 0);
		}
	} else { /* joint: every present handler of the department */
		for (unsigned i = 0; i < c->nrows && picks->n < (int)MDG_ARRAY_LEN(picks->id); i++)
			if (db_get_ll(c, i, "absent", 0) == 0)
				picks->id[picks->n++] = db_get_ll(c, i, "account_id", 0);
	}
	/* Everyone away: the substitute of the first absent handler who has
	 * one takes the case (부재시 대체 담당자). */
	for (unsigned i = 0; rc == MDG_OK && picks->n == 0 && i < c->nrows; i++) {
		long long acting = 0;
		rc = absence_resolve(d, db_get_ll(c, i, "account_id", 0), &acting);
		if (rc == MDG_OK && acting)
			picks->id[picks->n++] = acting;
	}
done:
	db_result_free(c);
	return rc;
}

/* Gives the case to the chosen handlers ('assigned' events, notices), or
 * tells the department's managers when there are none. */
static int give_handlers(db *d, long long case_id, long long department_id, const struct handler_picks *picks)
{
	int rc = MDG_OK;
	for (int i = 0; i < picks->n && rc == MDG_OK; i++)
		rc = assign_handler(d, case_id, department_id, picks->id[i], 0, "assigned");
	if (rc == MDG_OK && picks->n == 0)
		rc = tell_waiting(d, case_id, department_id);
	return rc;
}

/* routing_assign_department with the category's mode already read. */
static int assign_department(db *d, long long case_id, long long category_id, const char *mode,
			     long long department_id, int *assigned)
{
	struct handler_picks picks;
	int rc = choose_handlers(d, category_id, mode, department_id, &picks);
	if (rc == MDG_OK)
		rc = give_handlers(d, case_id, department_id, &picks);
	*assigned = rc == MDG_OK ? picks.n : 0;
	return rc;
}

int routing_assign_department(db *d, long long case_id, long long category_id,
			      long long department_id, int *assigned)
{
	db_result *rule = NULL;
	*assigned = 0;
	int rc = db_query(d, &rule, "SELECT mode FROM categories WHERE id = ?", DB_ARGS(DB_INT(category_id)));
	if (rc == MDG_OK)
		rc = assign_department(d, case_id, category_id, db_get(rule, 0, "mode", "manual"), department_id,
				       assigned);
	db_result_free(rule);
	return rc;
}

/* Tells the global supervisors that no rule could place a case: it waits
 * in their unplaced queue. */
static int tell_unplaced(db *d, long long case_id)
{
	db_result *who = NULL;
	int rc = routing_supervisors(d, 0, &who);
	for (unsigned i = 0; rc == MDG_OK && i < who->nrows; i++)
		rc = notice_staff(d, db_get_ll(who, i, "account_id", 0), case_id, NOTICE_STAFF_UNPLACED);
	db_result_free(who);
	return rc;
}

/* The next id of a comma-separated list (GROUP_CONCAT's), moving *list
 * past it; 0 at the end of the list. */
static long long list_next_id(const char **list)
{
	char *end;
	long long id = strtoll(*list, &end, 10);
	*list = *end == ',' ? end + 1 : end;
	return id > 0 ? id : 0;
}

void routing_plan_free(routing_plan *p)
{
	db_result_free(p->rule);
	p->rule = NULL;
}

int routing_lead(db *d, long long category_id, long long *lead)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT IF(dp.active = 1, g.department_id, 0) AS lead FROM categories g"
				 " LEFT JOIN departments dp ON dp.id = g.department_id WHERE g.id = ?",
			  DB_ARGS(DB_INT(category_id)));
	*lead = rc == MDG_OK ? db_get_ll(r, 0, "lead", 0) : 0;
	db_result_free(r);
	return rc;
}

int routing_plan_make(db *d, long long category_id, int deadline_days, routing_plan *p)
{
	memset(p, 0, sizeof *p);
	p->category_id = category_id;
	/* The rule with its mode and its active joint departments (ids in
	 * ascending order, NULL when none), and what the calendar checks:
	 * one statement for what the placing reads. */
	int rc = db_query(d, &p->rule, "SELECT g.department_id, g.deadline_days, g.needs_approval, g.escalate_hours,"
				       " g.reminder_hours, g.reopen_days, g.max_extensions, IFNULL(dp.active, 0) AS"
				       " department_active,"
				       " g.mode, " CALENDAR_TODAY_COLS ","
				       " (SELECT GROUP_CONCAT(j.department_id ORDER BY j.department_id)"
				       "  FROM category_joint_departments j JOIN departments jd"
				       " ON jd.id = j.department_id AND jd.active = 1"
				       "  WHERE j.category_id = g.id AND j.department_id <> g.department_id) AS joint"
				       " FROM categories g LEFT JOIN departments dp ON dp.id = g.department_id"
				       " WHERE g.id = ?",
			  DB_ARGS(DB_INT(category_id)));
	if (rc != MDG_OK)
		return rc;
	const db_result *rule = p->rule;
	p->lead = db_get_ll(rule, 0, "department_id", 0);
	if (!db_get_ll(rule, 0, "department_active", 0))
		p->lead = 0; /* no department, or a deactivated one */
	p->needs_approval = db_get_ll(rule, 0, "needs_approval", 0);
	p->escalate_hours = db_get_ll(rule, 0, "escalate_hours", 48);
	p->reminder_hours = db_get_ll(rule, 0, "reminder_hours", 24);
	p->reopen_days = db_get_ll(rule, 0, "reopen_days", 14);
	p->max_extensions = db_get_ll(rule, 0, "max_extensions", 2);
	int days = deadline_days > 0 ? deadline_days : (int)db_get_ll(rule, 0, "deadline_days", 7);
	rc = rule->nrows ? calendar_deadline_from(d, db_get_ll(rule, 0, "calendar_today", 0),
						  db_get_ll(rule, 0, "calendar_version", 0), days, p->due)
			 : calendar_deadline(d, days, p->due);
	/* The lead department's handlers are chosen first, so that the case's
	 * row is written once, its status with the rest ('assigned' when
	 * anyone takes it): each write of it updates a score of indexes. */
	if (rc == MDG_OK && p->lead)
		rc = choose_handlers(d, category_id, db_get(rule, 0, "mode", "manual"), p->lead, &p->picks);
	return rc;
}

int routing_plan_apply(db *d, long long case_id, const routing_plan *p)
{
	const char *mode = db_get(p->rule, 0, "mode", "manual");
	const char *joint = db_get(p->rule, 0, "joint", "");
	int rc;
	if (!p->lead) {
		rc = db_exec(d, "INSERT INTO case_events (case_id, kind, is_public, created_at)"
				" VALUES (?, 'unplaced', 0, NOW())",
			     DB_ARGS(DB_INT(case_id)));
		if (rc == MDG_OK)
			rc = tell_unplaced(d, case_id);
		return rc;
	}
	rc = db_exec(d, "INSERT INTO case_departments (case_id, department_id, role, updated_at)"
			" VALUES (?, ?, 'lead', NOW())",
		     DB_ARGS(DB_INT(case_id), DB_INT(p->lead)));
	long long id;
	for (const char *q = joint; rc == MDG_OK && (id = list_next_id(&q));)
		rc = db_exec(d, "INSERT INTO case_departments (case_id, department_id, role, updated_at)"
				" VALUES (?, ?, 'joint', NOW())",
			     DB_ARGS(DB_INT(case_id), DB_INT(id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO case_events (case_id, kind, department_id, is_public, created_at)"
				" VALUES (?, 'routed', ?, 1, NOW())",
			     DB_ARGS(DB_INT(case_id), DB_INT(p->lead)));
	/* The lead department first, then the joint ones. */
	if (rc == MDG_OK)
		rc = give_handlers(d, case_id, p->lead, &p->picks);
	for (const char *q = joint; rc == MDG_OK && (id = list_next_id(&q));) {
		int n = 0;
		rc = assign_department(d, case_id, p->category_id, mode, id, &n);
	}
	return rc;
}

/* routing_replace's placing of a case whose row exists: keep_deadline
 * leaves the case's deadline as it is (a re-filing must
 * not make the citizen wait longer). */
static int place(db *d, long long case_id, long long category_id, bool keep_deadline)
{
	routing_plan p;
	int rc = routing_plan_make(d, category_id, 0, &p);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE cases SET department_id = ?, due_at = IF(?, due_at, ?), needs_approval = ?,"
				" escalate_hours = ?, reminder_hours = ?, reopen_days = ?, max_extensions = ?,"
				" last_action_at = NOW(), unplaced = ?, status = IF(?, 'assigned', status) WHERE id = ?",
			     DB_ARGS(DB_ID(p.lead), DB_INT((long long)keep_deadline), DB_STR(p.due),
				     DB_INT(p.needs_approval), DB_INT(p.escalate_hours), DB_INT(p.reminder_hours),
				     DB_INT(p.reopen_days), DB_INT(p.max_extensions), DB_INT((long long)(p.lead == 0)),
				     DB_INT((long long)(p.picks.n > 0)), DB_INT(case_id)));
	if (rc == MDG_OK)
		rc = routing_plan_apply(d, case_id, &p);
	routing_plan_free(&p);
	return rc;
}

int routing_replace(db *d, long long case_id, long long category_id)
{
	int rc = db_exec(d, "DELETE FROM case_handlers WHERE case_id = ?", DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM case_departments WHERE case_id = ?", DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE cases SET category_id = ?, status = 'received', escalated_at = NULL"
					    " WHERE id = ?",
			     DB_ARGS(DB_INT(category_id), DB_INT(case_id)));
	return rc == MDG_OK ? place(d, case_id, category_id, true) : rc;
}

/* Moves one idle case: its absent handlers' work to their substitutes,
 * or the whole case to the department's managers. */
static int escalate_case(db *d, long long case_id, long long department_id, int *moved)
{
	db_result *h = NULL, *m = NULL;
	int rc = db_query(d, &h, "SELECT account_id, department_id FROM case_handlers WHERE case_id = ?",
			  DB_ARGS(DB_INT(case_id)));
	if (rc != MDG_OK)
		goto done;
	bool substituted = false;
	for (unsigned i = 0; i < h->nrows && rc == MDG_OK; i++) {
		long long who = db_get_ll(h, i, "account_id", 0), acting = 0;
		rc = absence_resolve(d, who, &acting);
		if (rc != MDG_OK || acting == who || acting == 0)
			continue;
		rc = db_exec(d, "DELETE FROM case_handlers WHERE case_id = ? AND account_id = ?",
			     DB_ARGS(DB_INT(case_id), DB_INT(who)));
		if (rc == MDG_OK)
			rc = assign_handler(d, case_id, db_get_ll(h, i, "department_id", 0), acting, 0, "substituted");
		substituted = true;
	}
	if (rc != MDG_OK || substituted)
		goto mark;
	rc = routing_managers(d, department_id, &m);
	if (rc != MDG_OK)
		goto done;
	if (m->nrows == 0) {
		rc = db_exec(d, "UPDATE cases SET unplaced = 1 WHERE id = ?", DB_ARGS(DB_INT(case_id)));
		if (rc == MDG_OK)
			rc = db_exec(d, "INSERT INTO case_events (case_id, kind, department_id, is_public, created_at)"
					" VALUES (?, 'escalated', ?, 0, NOW())",
				     DB_ARGS(DB_INT(case_id), DB_INT(department_id)));
	}
	/* The case moves: its idle handlers in the department let go. */
	if (rc == MDG_OK && m->nrows)
		rc = db_exec(d, "DELETE FROM case_handlers WHERE case_id = ? AND department_id = ?",
			     DB_ARGS(DB_INT(case_id), DB_INT(department_id)));
	for (unsigned i = 0; i < m->nrows && rc == MDG_OK; i++)
		rc = assign_handler(d, case_id, department_id, db_get_ll(m, i, "account_id", 0), 0, "escalated");
mark:
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE cases SET escalated_at = NOW(), version = version + 1 WHERE id = ?",
			     DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK)
		rc = counters_case_changed(d, case_id);
	if (rc == MDG_OK)
		rc = case_public_refresh(d, case_id);
	if (rc == MDG_OK)
		(*moved)++;
done:
	db_result_free(h);
	db_result_free(m);
	return rc;
}

/* One absence's hand-over, or one idle case's escalation: what its
 * transaction (db_transaction) needs and counts. */
struct routing_tx {
	long long id;         /* the absence's or the case's */
	long long account_id; /* the absent account (hand-over) */
	int moved;            /* cases moved by this transaction once committed */
	bool tried;           /* escalate_one: this is a run again after a lost lock conflict */
};

/* Read without locks: another notifier may be handing the same absence
 * over now. The holder of its lock does it, once. */
static int hand_over_one(db *d, void *arg)
{
	struct routing_tx *tx = arg;
	db_result *still = NULL;
	long long acting = 0;
	tx->moved = 0;
	int rc = db_query(d, &still, "SELECT 1 FROM absences WHERE id = ? AND handed_over = 0 FOR UPDATE SKIP LOCKED",
			  DB_ARGS(DB_INT(tx->id)));
	if (rc == MDG_OK && still->nrows)
		rc = absence_resolve(d, tx->account_id, &acting);
	if (rc == MDG_OK && acting && acting != tx->account_id)
		rc = absence_hand_over(d, 0, tx->account_id, acting, &tx->moved);
	if (rc == MDG_OK && still->nrows)
		rc = db_exec(d, "UPDATE absences SET handed_over = 1 WHERE id = ?", DB_ARGS(DB_INT(tx->id)));
	db_result_free(still);
	return rc;
}

/* Hands over the open cases of absences that have started. */
static int handover_started_absences(db *d, int *moved)
{
	db_result *a = NULL;
	int rc = db_query(d, &a, "SELECT id, account_id FROM absences"
				 " WHERE handed_over = 0 AND starts_at <= NOW() AND ends_at > NOW()",
			  DB_NO_ARGS);
	for (unsigned i = 0; rc == MDG_OK && i < a->nrows; i++) {
		struct routing_tx tx = {.id = db_get_ll(a, i, "id", 0), .account_id = db_get_ll(a, i, "account_id", 0)};
		rc = db_transaction(d, hand_over_one, &tx);
		if (rc == MDG_OK)
			*moved += tx.moved;
		if (rc == MDG_OK && tx.moved)
			case_public_changed(d, 0); /* the absent handler's cases */
	}
	db_result_free(a);
	return rc;
}

/* The list of idle cases was read without locks: another notifier (cron
 * overlap) may have escalated the case since, or be doing it now. Only
 * the holder of the case's lock, finding it still due, moves it: else
 * each would move it, with an event and a manager's notice each. */
static int escalate_one(db *d, void *arg)
{
	struct routing_tx *tx = arg;
	db_result *due = NULL;
	tx->moved = 0;
	/* The first time a case locked by another notifier is skipped: that
	 * one moves it. Run again after losing a deadlock, this one waits
	 * for the lock instead: the case it let go may meanwhile be held by a
	 * notifier that loses a deadlock too, and if every such run again
	 * skipped it, nobody would move it (104-notifier-overlap.t). Waiting
	 * is safe: the lock is this transaction's first. */
	int rc = tx->tried ? db_query(d, &due, "SELECT IFNULL(department_id, 0) AS department_id FROM cases"
					       " WHERE id = ? AND escalate_at < NOW() FOR UPDATE",
				      DB_ARGS(DB_INT(tx->id)))
			   : db_query(d, &due, "SELECT IFNULL(department_id, 0) AS department_id FROM cases"
					       " WHERE id = ? AND escalate_at < NOW() FOR UPDATE SKIP LOCKED",
				      DB_ARGS(DB_INT(tx->id)));
	tx->tried = true;
	if (rc == MDG_OK && due->nrows)
		rc = escalate_case(d, tx->id, db_get_ll(due, 0, "department_id", 0), &tx->moved);
	db_result_free(due);
	return rc;
}

int routing_escalate(db *d, int *moved)
{
	db_result *idle = NULL;
	*moved = 0;
	int rc = handover_started_absences(d, moved);
	if (rc != MDG_OK)
		return rc;
	/* escalate_at (0007_notify.sql) is last_action_at + escalate_hours for
	 * the open cases not yet escalated: only the cases due are read. */
	rc = db_query(d, &idle, "SELECT id FROM cases WHERE escalate_at < NOW()"
				" ORDER BY escalate_at, id LIMIT 1000",
		      DB_NO_ARGS);
	for (unsigned i = 0; rc == MDG_OK && i < idle->nrows; i++) {
		/* Notifiers at once lock case_handlers' gaps (a case's DELETE
		 * and INSERTs there) in no common order: a deadlock's victim
		 * runs the case's whole transaction again (db_transaction). */
		struct routing_tx tx = {.id = db_get_ll(idle, i, "id", 0)};
		rc = db_transaction(d, escalate_one, &tx);
		if (rc == MDG_OK && tx.moved) {
			*moved += tx.moved;
			case_public_changed(d, tx.id); /* its department is public */
			log_info("escalated idle case %lld", tx.id);
		}
	}
	db_result_free(idle);
	return rc;
}
