/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* dossier.c: the case pages' data beyond the case itself. */
#include "cases/dossier.h"
#include "db/sql.h"
#include "core/mdg.h"

#include <stdio.h>
#include <string.h>

#define OPEN_STATUSES "('received', 'assigned', 'in_progress', 'approval')"

int dossier_find(db *d, const char *tracking, long long *case_id)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT id FROM cases WHERE tracking_no = ?", DB_ARGS(DB_STR(tracking)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		*case_id = db_cell_ll(r, 0, 0, 0);
	db_result_free(r);
	return rc;
}

int dossier_state(db *d, long long case_id, db_result **out)
{
	int rc = db_query(d, out, "SELECT version, status, " SQL_MINUTE("due_at") ","
				  " IFNULL(due_at < NOW() AND status IN " OPEN_STATUSES ", 0),"
				  " extensions, max_extensions, needs_approval, is_example, unplaced,"
				  " IFNULL(department_id, 0), account_id, is_public,"
				  " answered_at IS NOT NULL AND answered_at > NOW() - INTERVAL reopen_days DAY,"
				  " " SQL_DAY("due_at")
				  " FROM cases WHERE id = ?",
			  DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && (*out)->nrows == 0) {
		db_result_free(*out);
		*out = NULL;
		rc = MDG_ENOTFOUND;
	}
	return rc;
}

int dossier_departments(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT cd.department_id, " SQL_NAME_IN("dp.") ", cd.role,"
				" cd.part_status, cd.part_text, " SQL_MINUTE("cd.updated_at")
				" FROM case_departments cd JOIN departments dp ON dp.id = cd.department_id"
				" WHERE cd.case_id = ? ORDER BY cd.role, cd.department_id",
			DB_ARGS(DB_STR(lang), DB_INT(case_id)));
}

int dossier_handlers(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT h.account_id, a.name, " SQL_NAME_IN("dp.") ","
				" " SQL_MINUTE("h.assigned_at") ","
				" EXISTS (SELECT 1 FROM absences ab WHERE ab.account_id = h.account_id"
				"  AND ab.starts_at <= NOW() AND ab.ends_at > NOW())"
				" FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
				" LEFT JOIN departments dp ON dp.id = h.department_id"
				" WHERE h.case_id = ? ORDER BY h.assigned_at, a.name",
			DB_ARGS(DB_STR(lang), DB_INT(case_id)));
}

int dossier_history(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT e.kind, " SQL_MINUTE("e.created_at") ","
				" " SQL_NAME_IN("dp.") ", e.note, e.is_public, ac.name, ta.name,"
				" " SQL_NAME_IN("td.") ", " SQL_NAME_IN("tg.") ", e.answer_id"
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
	return db_query(d, out, "SELECT an.id, an.status, an.body, au.name, " SQL_MINUTE("an.created_at") ","
				" " SQL_MINUTE("an.sent_at") ", ap.name"
				" FROM answers an JOIN accounts au ON au.id = an.author_id"
				" LEFT JOIN accounts ap ON ap.id = an.approved_by"
				" WHERE an.case_id = ? ORDER BY an.id DESC",
			DB_ARGS(DB_INT(case_id)));
}

int dossier_messages(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT " SQL_MINUTE("m.created_at") ","
				" " SQL_NAME_IN("dp.") ", a.name, m.body"
				" FROM case_messages m JOIN accounts a ON a.id = m.author_id"
				" LEFT JOIN departments dp ON dp.id = m.department_id"
				" WHERE m.case_id = ? ORDER BY m.id",
			DB_ARGS(DB_STR(lang), DB_INT(case_id)));
}

int dossier_contact(db *d, const actor *who, long long case_id, const char *tracking, db_result **out)
{
	db_result *r = NULL;
	char id[24], detail[64];
	int rc = db_query(d, &r, "SELECT a.id, a.name, a.email, a.mobile FROM cases c"
				 " JOIN accounts a ON a.id = c.account_id WHERE c.id = ?",
			  DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		snprintf(id, sizeof id, "%lld", db_cell_ll(r, 0, 0, 0));
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
	return db_query(d, out, "SELECT o.tracking_no, o.title, o.status, " SQL_DAY("o.created_at")
				" FROM cases c JOIN cases o ON o.account_id = c.account_id AND o.id <> c.id"
				" WHERE c.id = ? AND EXISTS (SELECT 1 FROM case_departments cd"
				"  JOIN staff_scope s ON s.department_id = cd.department_id AND s.account_id = ?"
				"  WHERE cd.case_id = o.id)"
				" ORDER BY o.created_at DESC, o.id DESC LIMIT 20",
			DB_ARGS(DB_INT(case_id), DB_INT(viewer_id)));
}

int dossier_department_handlers(db *d, long long department_id, db_result **out)
{
	return db_query(d, out, "SELECT a.id, a.name, EXISTS (SELECT 1 FROM absences ab WHERE ab.account_id = a.id"
				"  AND ab.starts_at <= NOW() AND ab.ends_at > NOW())"
				" FROM staff_departments sd"
				" JOIN staff_scope s ON s.account_id = sd.account_id AND s.department_id = sd.department_id"
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
	return db_query(d, out, "SELECT cd.department_id, " SQL_NAME_IN("dp.") ", cd.part_status,"
				" cd.part_text FROM case_departments cd JOIN departments dp ON dp.id = cd.department_id"
				" JOIN staff_scope s ON s.department_id = cd.department_id AND s.account_id = ?"
				" WHERE cd.case_id = ? AND cd.role = 'joint' AND (s.can_manage = 1 OR EXISTS"
				"  (SELECT 1 FROM case_handlers h WHERE h.case_id = cd.case_id AND h.account_id = s.account_id"
				"   AND h.department_id = cd.department_id)"
				"  OR (s.can_handle = 1 AND NOT EXISTS (SELECT 1 FROM case_handlers h WHERE h.case_id = cd.case_id"
				"   AND h.department_id = cd.department_id)))"
				" ORDER BY cd.department_id",
			DB_ARGS(DB_STR(lang), DB_INT(account_id), DB_INT(case_id)));
}

int dossier_acting_department(db *d, long long account_id, long long case_id, long long *department_id)
{
	db_result *r = NULL;
	*department_id = 0;
	int rc = db_query(d, &r, "SELECT cd.department_id FROM case_departments cd"
				 " JOIN staff_scope s ON s.department_id = cd.department_id AND s.account_id = ?"
				 " WHERE cd.case_id = ? ORDER BY cd.role, cd.department_id LIMIT 1",
			  DB_ARGS(DB_INT(account_id), DB_INT(case_id)));
	if (rc == MDG_OK)
		*department_id = db_cell_ll(r, 0, 0, 0);
	db_result_free(r);
	return rc;
}

int dossier_can_send_back(db *d, long long case_id, bool *yes)
{
	db_result *r = NULL;
	/* The same question action.c asks before a send-back. */
	int rc = db_query(d, &r, "SELECT IFNULL(e.department_id, 0) FROM case_events e JOIN cases c ON c.id = e.case_id"
				 " WHERE e.case_id = ? AND e.kind IN ('transferred', 'sent_back')"
				 " AND e.target_department_id = c.department_id ORDER BY e.id DESC LIMIT 1",
			  DB_ARGS(DB_INT(case_id)));
	*yes = rc == MDG_OK && db_cell_ll(r, 0, 0, 0) > 0;
	db_result_free(r);
	return rc;
}

int dossier_set_example(db *d, const actor *who, long long case_id, const char *tracking, bool on,
			const char **problem)
{
	db_result *r = NULL;
	*problem = NULL;
	int rc = db_begin(d);
	if (rc != MDG_OK)
		return rc;
	rc = db_query(d, &r, "SELECT is_public, status IN ('answered', 'closed') FROM cases WHERE id = ? FOR UPDATE",
		      DB_ARGS(DB_INT(case_id)));
	if (rc != MDG_OK)
		goto done;
	if (r->nrows == 0) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	if (on && db_cell_ll(r, 0, 0, 0) != 1) {
		*problem = "example_private";
		rc = MDG_EINVAL;
		goto done;
	}
	if (on && db_cell_ll(r, 0, 1, 0) != 1) {
		*problem = "example_unanswered";
		rc = MDG_EINVAL;
		goto done;
	}
	rc = db_exec(d, "UPDATE cases SET is_example = ? WHERE id = ?", DB_ARGS(DB_INT((long long)on), DB_INT(case_id)));
	if (rc == MDG_OK)
		rc = audit_write(d, who, "case", tracking, on ? "example_on" : "example_off", NULL);
	if (rc == MDG_OK)
		rc = db_commit(d);
done:
	if (rc != MDG_OK)
		db_rollback(d);
	db_result_free(r);
	return rc;
}

int dossier_timeline(db *d, long long case_id, const char *lang, db_result **out)
{
	/* The handler at each stage: the staff member the case went to, or
	 * the one who acted; never a citizen's name, never an internal
	 * event. */
	return db_query(d, out, "SELECT e.kind, " SQL_MINUTE("e.created_at") ","
				" " SQL_NAME_IN("dp.") ", e.note,"
				" IF(ta.kind = 'staff', ta.name, IF(ac.kind = 'staff', ac.name, NULL)),"
				" " SQL_NAME_IN("td.") ","
				" (SELECT value FROM settings WHERE name = 'timeline.show'),"
				" " SQL_NAME_IN("tg.") ", e.answer_id"
				" FROM case_events e LEFT JOIN departments dp ON dp.id = e.department_id"
				" LEFT JOIN accounts ac ON ac.id = e.actor_id"
				" LEFT JOIN accounts ta ON ta.id = e.target_account_id"
				" LEFT JOIN departments td ON td.id = e.target_department_id"
				" LEFT JOIN categories tg ON tg.id = e.target_category_id"
				" WHERE e.case_id = ? AND e.is_public = 1 ORDER BY e.id",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_STR(lang), DB_INT(case_id)));
}

int dossier_answer_parts(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT ap.answer_id, " SQL_NAME_IN("dp.") ", ap.body"
				" FROM answers an JOIN answer_parts ap ON ap.answer_id = an.id"
				" JOIN departments dp ON dp.id = ap.department_id"
				" WHERE an.case_id = ? AND an.status = 'sent' ORDER BY ap.answer_id, ap.department_id",
			DB_ARGS(DB_STR(lang), DB_INT(case_id)));
}
