/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* dossier.c: the case pages' data beyond the case itself. */
#include "cases/dossier.h"
#include "cases/public_view.h"
#include "db/sql.h"
#include "core/mdg.h"
#include "notify/notice.h"

#include <stdio.h>
#include <string.h>

#define OPEN_STATUSES "('received', 'assigned', 'in_progress', 'approval')"

int dossier_find(db *d, const char *tracking, long long *case_id)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT id AS id FROM cases WHERE tracking_no = ?", DB_ARGS(DB_STR(tracking)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		*case_id = db_get_ll(r, 0, "id", 0);
	db_result_free(r);
	return rc;
}

/* Copies at most size - 1 bytes of the text of column name into out. */
static void copy_cell(const db_result *r, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s", db_get(r, 0, name, ""));
}

int dossier_state(db *d, long long case_id, case_state *s, db_result **out)
{
	db_result *r = NULL;
	if (out)
		*out = NULL;
	int rc = db_query(d, &r, "SELECT version AS version, status AS status, " SQL_MINUTE("due_at") " AS due,"
				 " IFNULL(due_at < NOW() AND status IN " OPEN_STATUSES ", 0) AS overdue,"
				 " extensions AS extensions, max_extensions AS max_extensions,"
				 " needs_approval AS needs_approval, is_example AS is_example, unplaced AS unplaced,"
				 " IFNULL(department_id, 0) AS department_id, account_id AS owner, is_public AS public,"
				 " answered_at IS NOT NULL"
				 " AND answered_at > NOW() - INTERVAL reopen_days DAY AS reopen_open,"
				 " " SQL_DAY("due_at") " AS due_date, kind AS kind"
				 " FROM cases WHERE id = ?",
			  DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		goto done;
	memset(s, 0, sizeof *s);
	if (case_status_parse(db_get(r, 0, "status", ""), &s->status) != MDG_OK) {
		rc = MDG_ERR;
		goto done;
	}
	s->version = db_get_ll(r, 0, "version", 0);
	copy_cell(r, "due", s->due, sizeof s->due);
	copy_cell(r, "due_date", s->due_date, sizeof s->due_date);
	s->overdue = db_get_ll(r, 0, "overdue", 0) != 0;
	s->extensions = db_get_ll(r, 0, "extensions", 0);
	s->max_extensions = db_get_ll(r, 0, "max_extensions", 0);
	s->needs_approval = db_get_ll(r, 0, "needs_approval", 0) != 0;
	s->is_example = db_get_ll(r, 0, "is_example", 0) != 0;
	s->unplaced = db_get_ll(r, 0, "unplaced", 0) != 0;
	s->department_id = db_get_ll(r, 0, "department_id", 0);
	s->owner = db_get_ll(r, 0, "owner", 0);
	s->is_public = db_get_ll(r, 0, "public", 0) != 0;
	s->reopen_open = db_get_ll(r, 0, "reopen_open", 0) != 0;
	if (out) {
		*out = r;
		r = NULL;
	}
done:
	db_result_free(r);
	return rc;
}

int dossier_departments(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT cd.department_id AS id, " SQL_NAME_IN("dp.") " AS name, cd.role AS role,"
				" cd.part_status AS part_status, cd.part_text AS part_text,"
				" " SQL_MINUTE("cd.updated_at") " AS updated"
				" FROM case_departments cd JOIN departments dp ON dp.id = cd.department_id"
				" WHERE cd.case_id = ? ORDER BY cd.role, cd.department_id",
			DB_ARGS(DB_STR(lang), DB_INT(case_id)));
}

int dossier_handlers(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT h.account_id AS id, a.name AS name, " SQL_NAME_IN("dp.") " AS department,"
				" " SQL_MINUTE("h.assigned_at") " AS assigned,"
				" EXISTS (SELECT 1 FROM absences ab WHERE ab.account_id = h.account_id"
				"  AND ab.starts_at <= NOW() AND ab.ends_at > NOW()) AS absent"
				" FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
				" LEFT JOIN departments dp ON dp.id = h.department_id"
				" WHERE h.case_id = ? ORDER BY h.assigned_at, a.name",
			DB_ARGS(DB_STR(lang), DB_INT(case_id)));
}

int dossier_history(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT e.kind AS kind, " SQL_MINUTE("e.created_at") " AS at,"
				" " SQL_NAME_IN("dp.") " AS department, e.note AS note, e.is_public AS public,"
				" ac.name AS actor, ta.name AS target,"
				" " SQL_NAME_IN("td.") " AS target_department, " SQL_NAME_IN("tg.") " AS"
												    " target_category,"
				" e.answer_id AS answer"
				" FROM case_events e LEFT JOIN departments dp ON dp.id = e.department_id"
				" LEFT JOIN accounts ac ON ac.id = e.actor_id"
				" LEFT JOIN accounts ta ON ta.id = e.target_account_id"
				" LEFT JOIN departments td ON td.id = e.target_department_id"
				" LEFT JOIN categories tg ON tg.id = e.target_category_id"
				" WHERE e.case_id = ? ORDER BY e.id",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_STR(lang), DB_INT(case_id)));
}

int dossier_answers(db *d, long long case_id, db_result **out)
{
	return db_query(d, out, "SELECT an.id AS id, an.status AS status, an.body AS body, au.name AS author,"
				" " SQL_MINUTE("an.created_at") " AS created, " SQL_MINUTE("an.sent_at") " AS sent,"
				" ap.name AS approver, an.outcome AS outcome, an.plan AS plan"
				" FROM answers an JOIN accounts au ON au.id = an.author_id"
				" LEFT JOIN accounts ap ON ap.id = an.approved_by"
				" WHERE an.case_id = ? ORDER BY an.id DESC",
			DB_ARGS(DB_INT(case_id)));
}

int dossier_messages(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT " SQL_MINUTE("m.created_at") " AS at,"
				" " SQL_NAME_IN("dp.") " AS department, a.name AS author, m.body AS body"
				" FROM case_messages m JOIN accounts a ON a.id = m.author_id"
				" LEFT JOIN departments dp ON dp.id = m.department_id"
				" WHERE m.case_id = ? ORDER BY m.id",
			DB_ARGS(DB_STR(lang), DB_INT(case_id)));
}

int dossier_contact(db *d, const actor *who, long long case_id, const char *tracking, db_result **out)
{
	db_result *r = NULL;
	char id[24], detail[64];
	int rc = db_query(d, &r, "SELECT a.id AS id, " SQL_PERSON("a.") " AS name,"
				 " IF(a.closed_at IS NULL, a.email, NULL) AS email, a.mobile AS mobile FROM cases c"
				 " JOIN accounts a ON a.id = c.account_id WHERE c.id = ?",
			  DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		snprintf(id, sizeof id, "%lld", db_get_ll(r, 0, "id", 0));
		snprintf(detail, sizeof detail, "case %s", tracking);
		rc = audit_write(d, who, "account", id, "view_contact", detail);
	}
	if (rc == MDG_OK) {
		*out = r;
		r = NULL;
	}
	db_result_free(r);
	return rc;
}

int dossier_other_cases(db *d, long long viewer_id, long long case_id, db_result **out)
{
	return db_query(d, out, "SELECT o.tracking_no AS tracking, o.title AS title, o.status AS status,"
				" " SQL_DAY("o.created_at") " AS date"
				" FROM cases c JOIN cases o ON o.account_id = c.account_id AND o.id <> c.id"
				" WHERE c.id = ? AND EXISTS (SELECT 1 FROM case_departments cd"
				"  JOIN staff_scope s ON s.department_id = cd.department_id AND s.account_id = ?"
				"  WHERE cd.case_id = o.id)"
				" ORDER BY o.created_at DESC, o.id DESC LIMIT 20",
			DB_ARGS(DB_INT(case_id), DB_INT(viewer_id)));
}

int dossier_department_handlers(db *d, long long department_id, db_result **out)
{
	return db_query(d, out, "SELECT a.id AS id, a.name AS name, EXISTS (SELECT 1 FROM absences ab"
				"  WHERE ab.account_id = a.id AND ab.starts_at <= NOW()"
				" AND ab.ends_at > NOW()) AS absent"
				" FROM staff_departments sd"
				" JOIN staff_scope s ON s.account_id = sd.account_id"
				" AND s.department_id = sd.department_id"
				"  AND s.can_handle = 1"
				" JOIN accounts a ON a.id = sd.account_id AND a.active = 1"
				" WHERE sd.department_id = ? ORDER BY a.name, a.id",
			DB_ARGS(DB_INT(department_id)));
}

int dossier_part_departments(db *d, long long account_id, long long case_id, const char *lang, db_result **out)
{
	/* The department's managers; its handlers of the case; and when the
	 * case was given to nobody there (its manual mode, say), any of its
	 * handlers: the part is the department's reply, not the manager's. */
	return db_query(d, out, "SELECT cd.department_id AS id, " SQL_NAME_IN("dp.") " AS name, cd.part_status AS"
										     " status,"
				" cd.part_text AS text FROM case_departments cd JOIN departments dp"
				" ON dp.id = cd.department_id"
				" JOIN staff_scope s ON s.department_id = cd.department_id AND s.account_id = ?"
				" WHERE cd.case_id = ? AND cd.role = 'joint' AND (s.can_manage = 1 OR EXISTS"
				"  (SELECT 1 FROM case_handlers h WHERE h.case_id = cd.case_id"
				" AND h.account_id = s.account_id"
				"   AND h.department_id = cd.department_id)"
				"  OR (s.can_handle = 1 AND NOT EXISTS (SELECT 1 FROM case_handlers h"
				" WHERE h.case_id = cd.case_id"
				"   AND h.department_id = cd.department_id)))"
				" ORDER BY cd.department_id",
			DB_ARGS(DB_STR(lang), DB_INT(account_id), DB_INT(case_id)));
}

int dossier_acting_department(db *d, long long account_id, long long case_id, long long *department_id)
{
	db_result *r = NULL;
	*department_id = 0;
	int rc = db_query(d, &r, "SELECT cd.department_id AS id FROM case_departments cd"
				 " JOIN staff_scope s ON s.department_id = cd.department_id AND s.account_id = ?"
				 " WHERE cd.case_id = ? ORDER BY cd.role, cd.department_id LIMIT 1",
			  DB_ARGS(DB_INT(account_id), DB_INT(case_id)));
	if (rc == MDG_OK)
		*department_id = db_get_ll(r, 0, "id", 0);
	db_result_free(r);
	return rc;
}

int dossier_can_send_back(db *d, long long case_id, bool *yes)
{
	db_result *r = NULL;
	/* The same question action.c asks before a send-back. */
	int rc = db_query(d, &r, "SELECT IFNULL(e.department_id, 0) AS from_department FROM case_events e"
				 " JOIN cases c ON c.id = e.case_id"
				 " WHERE e.case_id = ? AND e.kind IN ('transferred', 'sent_back')"
				 " AND e.target_department_id = c.department_id ORDER BY e.id DESC LIMIT 1",
			  DB_ARGS(DB_INT(case_id)));
	*yes = rc == MDG_OK && db_get_ll(r, 0, "from_department", 0) > 0;
	db_result_free(r);
	return rc;
}

int dossier_staff_actions(db *d, long long case_id, const case_state *s, unsigned actor_kind, unsigned *allowed)
{
	bool send_back = false;
	int rc = MDG_OK;
	*allowed = 0;
	if (workflow_actors(s->status, ACT_SEND_BACK) & actor_kind)
		rc = dossier_can_send_back(d, case_id, &send_back);
	if (rc == MDG_OK)
		*allowed = workflow_staff_actions(s, actor_kind, send_back);
	return rc;
}

/* dossier_set_example's arguments and answer, for its transaction. */
struct example {
	const actor *who;
	long long case_id;
	const char *tracking;
	bool on;
	const char *problem;
};

/* The transaction of dossier_set_example (db_transaction). */
static int example_tx(db *d, void *arg)
{
	struct example *e = arg;
	db_result *r = NULL;
	e->problem = NULL;
	int rc = db_query(d, &r, "SELECT is_public AS public, status AS status FROM cases WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(e->case_id)));
	if (rc != MDG_OK)
		goto done;
	if (r->nrows == 0) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	case_status status;
	if (case_status_parse(db_get(r, 0, "status", ""), &status) != MDG_OK) {
		rc = MDG_ERR;
		goto done;
	}
	if (e->on && (e->problem = workflow_example_problem(db_get_ll(r, 0, "public", 0) == 1, status))) {
		rc = MDG_EINVAL;
		goto done;
	}
	rc = db_exec(d, "UPDATE cases SET is_example = ? WHERE id = ?",
		     DB_ARGS(DB_INT((long long)e->on), DB_INT(e->case_id)));
	if (rc == MDG_OK)
		rc = audit_write(d, e->who, "case", e->tracking, e->on ? "example_on" : "example_off", NULL);
done:
	db_result_free(r);
	return rc;
}

int dossier_set_example(db *d, const actor *who, long long case_id, const char *tracking, bool on,
			const char **problem)
{
	struct example e = {.who = who, .case_id = case_id, .tracking = tracking, .on = on};
	int rc = db_transaction(d, example_tx, &e);
	*problem = e.problem;
	if (rc == MDG_OK) /* the examples are marked on the public list */
		case_public_changed_tracking(tracking);
	return rc;
}

/* The events that hold what the citizen wrote to the case from outside
 * the web (lib/intake): their own words, for them and the staff only. */
#define CITIZEN_MESSAGE_KINDS "('mail_in', 'sms_message', 'web_message')"

int dossier_timeline(db *d, long long case_id, const char *lang, bool owner, db_result **out)
{
	/* The handler at each stage: the staff member the case went to, or
	 * the one who acted; never a citizen's name, never an internal
	 * event. */
	return db_query(d, out, "SELECT e.kind AS kind, " SQL_MINUTE("e.created_at") " AS at,"
				" " SQL_NAME_IN("dp.") " AS department, e.note AS note,"
				" IF(ta.kind = 'staff', ta.name, IF(ac.kind = 'staff', ac.name, NULL)) AS handler,"
				" " SQL_NAME_IN("td.") " AS target,"
				" (SELECT value FROM settings WHERE name = 'timeline.show') AS `show`,"
				" " SQL_NAME_IN("tg.") " AS category, e.answer_id AS answer"
				" FROM case_events e LEFT JOIN departments dp ON dp.id = e.department_id"
				" LEFT JOIN accounts ac ON ac.id = e.actor_id"
				" LEFT JOIN accounts ta ON ta.id = e.target_account_id"
				" LEFT JOIN departments td ON td.id = e.target_department_id"
				" LEFT JOIN categories tg ON tg.id = e.target_category_id"
				" WHERE e.case_id = ? AND IF(e.kind IN " CITIZEN_MESSAGE_KINDS ", ?, e.is_public = 1)"
				" ORDER BY e.id",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_STR(lang), DB_INT(case_id), DB_INT(owner ? 1 : 0)));
}

int dossier_answer_parts(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT ap.answer_id AS answer, " SQL_NAME_IN("dp.") " AS department, ap.body AS body"
				" FROM answers an JOIN answer_parts ap ON ap.answer_id = an.id"
				" JOIN departments dp ON dp.id = ap.department_id"
				" WHERE an.case_id = ? AND an.status = 'sent' ORDER BY ap.answer_id, ap.department_id",
			DB_ARGS(DB_STR(lang), DB_INT(case_id)));
}

/* A citizen's message to their case: dossier_owner_message's arguments. */
struct owner_message {
	long long case_id, account_id;
	const char *text;
};

/* The transaction of dossier_owner_message (db_transaction). */
static int owner_message_tx(db *d, void *arg)
{
	const struct owner_message *m = arg;
	int rc = db_exec(d, "INSERT INTO case_events (case_id, kind, actor_id, is_public, note, created_at)"
			    " VALUES (?, 'web_message', ?, 0, ?, NOW())",
			 DB_ARGS(DB_INT(m->case_id), DB_INT(m->account_id), DB_STR(m->text)));
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE cases SET updated_at = NOW() WHERE id = ?", DB_ARGS(DB_INT(m->case_id)));
	if (rc == MDG_OK)
		rc = notice_case_handlers(d, m->case_id, NOTICE_STAFF_MESSAGE);
	return rc;
}

int dossier_owner_message(db *d, long long case_id, long long account_id, const char *text)
{
	struct owner_message m = {.case_id = case_id, .account_id = account_id, .text = text};
	return db_transaction(d, owner_message_tx, &m);
}
