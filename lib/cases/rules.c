/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rules.c: listing, reading, creating and changing routing rules. */
#include "cases/rules.h"
#include "db/sql.h"
#include "cases/public_view.h"
#include "cases/routing.h"
#include "core/buf.h"
#include "core/mdg.h"

#include <stdio.h>
#include <string.h>

static const char *const modes[] = {DISTRIBUTION_MODES};

bool rule_mode_valid(const char *mode)
{
	for (size_t i = 0; i < MDG_ARRAY_LEN(modes); i++)
		if (strcmp(mode, modes[i]) == 0)
			return true;
	return false;
}

int rules_list(db *d, const char *lang, const char *dept_ids, db_result **out)
{
	return db_query(d, out, "SELECT g.id AS id, " SQL_NAME_IN("g.") " AS name,"
				" " SQL_NAME_IN("dp.") " AS department, g.mode AS mode, g.deadline_days AS deadline,"
				" g.reminder_hours AS reminder, g.escalate_hours AS escalate, g.needs_approval AS"
				" approval,"
				" g.reopen_days AS reopen, g.max_extensions AS extensions, g.active AS active,"
				" (SELECT GROUP_CONCAT(" SQL_NAME_IN("jd.") " ORDER BY jd.id SEPARATOR ', ')"
				"  FROM category_joint_departments j JOIN departments jd ON jd.id = j.department_id"
				"  WHERE j.category_id = g.id) AS joint"
				" FROM categories g LEFT JOIN departments dp ON dp.id = g.department_id"
				" WHERE " RULE_IN_DEPTS("g") " ORDER BY g.sort_order, g.id",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_STR(lang), RULE_IN_DEPTS_ARGS(dept_ids)));
}

int rule_get(db *d, long long id, db_result **out, db_result **joint)
{
	*joint = NULL;
	int rc = db_query(d, out, "SELECT id, name_ko, name_en, IFNULL(department_id, 0) AS department_id, mode,"
				  " deadline_days,"
				  " reminder_hours, escalate_hours, needs_approval, reopen_days, max_extensions, active,"
				  " proposal_threshold"
				  " FROM categories WHERE id = ?",
			  DB_ARGS(DB_INT(id)));
	if (rc != MDG_OK)
		return rc;
	if ((*out)->nrows == 0) {
		db_result_free(*out);
		*out = NULL;
		return MDG_ENOTFOUND;
	}
	rc = db_query(d, joint, "SELECT department_id FROM category_joint_departments WHERE category_id = ?"
				" ORDER BY department_id",
		      DB_ARGS(DB_INT(id)));
	if (rc != MDG_OK) {
		db_result_free(*out);
		*out = NULL;
	}
	return rc;
}

/* The rule as one line for the audit log. */
static void rule_detail(const rule *r, buf *b)
{
	buf_printf(b, "mode=%s deadline=%d reminder=%d escalate=%d approval=%d reopen=%d extensions=%d"
		      " active=%d lead=%lld joint=",
		   r->mode, r->deadline_days, r->reminder_hours, r->escalate_hours, r->needs_approval,
		   r->reopen_days, r->max_extensions, r->active, r->department_id);
	for (size_t i = 0; i < r->njoint; i++)
		buf_printf(b, "%s%lld", i ? "," : "", r->joint[i]);
	buf_printf(b, " name=%s / %s", r->name_ko, r->name_en);
	if (r->proposal_threshold)
		buf_printf(b, " proposal_threshold=%lld", r->proposal_threshold);
}

/* Replaces the joint departments of category id with r's. */
static int set_joint(db *d, long long id, const rule *r)
{
	int rc = db_exec(d, "DELETE FROM category_joint_departments WHERE category_id = ?", DB_ARGS(DB_INT(id)));
	for (size_t i = 0; rc == MDG_OK && i < r->njoint; i++)
		if (r->joint[i] != r->department_id)
			rc = db_exec(d, "INSERT IGNORE INTO category_joint_departments (category_id, department_id)"
					" VALUES (?, ?)",
				     DB_ARGS(DB_INT(id), DB_INT(r->joint[i])));
	return rc;
}

/* Writes the audit entry of a create or an update. */
static int audit_rule(db *d, const actor *who, long long id, const char *action, const rule *r)
{
	buf detail = {0};
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	rule_detail(r, &detail);
	int rc = audit_write(d, who, "category", idbuf, action, buf_str(&detail));
	buf_free(&detail);
	return rc;
}

/* rule_update's and rule_create's arguments and answer. */
struct rule_tx {
	const actor *who;
	const rule *r;
	long long id;
};

/* The transaction of rule_update (db_transaction). */
static int update_tx(db *d, void *arg)
{
	const struct rule_tx *t = arg;
	const rule *r = t->r;
	/* The public pages that show its name are built again. */
	int rc = case_public_forget_category(d, r->id, r->name_ko, r->name_en);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE categories SET name_ko = ?, name_en = ?, department_id = ?, mode = ?,"
			" deadline_days = ?, reminder_hours = ?, escalate_hours = ?, needs_approval = ?,"
			" reopen_days = ?, max_extensions = ?, active = ?, proposal_threshold = ?, updated_at = NOW()"
			" WHERE id = ?",
		     DB_ARGS(DB_STR(r->name_ko), DB_STR(r->name_en), DB_ID(r->department_id), DB_STR(r->mode),
			     DB_INT((long long)r->deadline_days), DB_INT((long long)r->reminder_hours),
			     DB_INT((long long)r->escalate_hours), DB_INT((long long)r->needs_approval),
			     DB_INT((long long)r->reopen_days), DB_INT((long long)r->max_extensions),
			     DB_INT((long long)r->active), DB_ID(r->proposal_threshold), DB_INT(r->id)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = set_joint(d, r->id, r);
	if (rc == MDG_OK)
		rc = audit_rule(d, t->who, r->id, "update", r);
	return rc;
}

int rule_update(db *d, const actor *who, const rule *r)
{
	if (!rule_mode_valid(r->mode))
		return MDG_EINVAL;
	struct rule_tx t = {.who = who, .r = r};
	int rc = db_transaction(d, update_tx, &t);
	if (rc == MDG_OK)
		case_public_changed(d, 0); /* its name, on its cases' pages */
	return rc;
}

/* The transaction of rule_create (db_transaction). */
static int create_tx(db *d, void *arg)
{
	struct rule_tx *t = arg;
	const rule *r = t->r;
	t->id = 0;
	int rc = db_exec(d, "INSERT INTO categories (name_ko, name_en, department_id, mode, deadline_days,"
			    " reminder_hours, escalate_hours, needs_approval, reopen_days, max_extensions, active,"
			    " proposal_threshold, sort_order, updated_at)"
			    " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, IFNULL(MAX(sort_order), 0) + 10, NOW()"
			    " FROM categories",
			 DB_ARGS(DB_STR(r->name_ko), DB_STR(r->name_en), DB_ID(r->department_id), DB_STR(r->mode),
				 DB_INT((long long)r->deadline_days), DB_INT((long long)r->reminder_hours),
				 DB_INT((long long)r->escalate_hours), DB_INT((long long)r->needs_approval),
				 DB_INT((long long)r->reopen_days), DB_INT((long long)r->max_extensions),
				 DB_INT((long long)r->active), DB_ID(r->proposal_threshold)));
	if (rc == MDG_OK) {
		t->id = (long long)db_insert_id(d);
		rc = set_joint(d, t->id, r);
	}
	if (rc == MDG_OK)
		rc = audit_rule(d, t->who, t->id, "create", r);
	return rc;
}

int rule_create(db *d, const actor *who, const rule *r, long long *id)
{
	if (!rule_mode_valid(r->mode))
		return MDG_EINVAL;
	struct rule_tx t = {.who = who, .r = r};
	int rc = db_transaction(d, create_tx, &t);
	if (rc == MDG_OK)
		*id = t.id;
	return rc;
}
