/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* org.c: departments, staff and graded roles (what they reach: perm.c). */
#include "org/org.h"
#include "db/sql.h"
#include "cases/public_view.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool org_role_valid(const char *role)
{
	return perm_role_bit(role) != 0;
}

/* An id as text, for audit entries. */
static const char *id_text(long long id, char buf[24])
{
	snprintf(buf, 24, "%lld", id);
	return buf;
}

int org_departments(db *d, const char *lang, db_result **out)
{
	return db_query(d, out, "WITH RECURSIVE tree AS ("
				" SELECT id, parent_id, name_ko, name_en, active, 0 AS depth,"
				"  CAST(LPAD(id, 10, '0') AS CHAR(2000)) AS path"
				"  FROM departments WHERE parent_id IS NULL"
				" UNION ALL"
				" SELECT c.id, c.parent_id, c.name_ko, c.name_en, c.active, tree.depth + 1,"
				"  CONCAT(tree.path, '/', LPAD(c.id, 10, '0'))"
				"  FROM departments c JOIN tree ON c.parent_id = tree.id)"
				" SELECT id, parent_id AS parent, name_ko, name_en, active, depth,"
				" " SQL_NAME " AS name FROM tree ORDER BY path",
			DB_ARGS(DB_STR(lang)));
}

int org_tree_load(db *d, const char *lang, org_tree *t)
{
	memset(t, 0, sizeof *t);
	int rc = org_departments(d, lang, &t->rows);
	if (rc != MDG_OK)
		return rc;
	t->n = t->rows->nrows;
	t->depts = xcalloc(t->n ? t->n : 1, sizeof *t->depts);
	for (unsigned i = 0; i < t->n; i++) {
		org_dept *dp = &t->depts[i];
		dp->id = db_get_ll(t->rows, i, "id", 0);
		dp->parent_id = db_get_ll(t->rows, i, "parent", 0);
		dp->depth = (int)db_get_ll(t->rows, i, "depth", 0);
		dp->active = db_get_ll(t->rows, i, "active", 0) == 1;
		dp->name = db_get(t->rows, i, "name", "");
		dp->name_ko = db_get(t->rows, i, "name_ko", "");
		dp->name_en = db_get(t->rows, i, "name_en", "");
		dp->parent_name = "";
		/* The parent comes earlier in tree order. */
		for (unsigned p = 0; dp->parent_id && p < i; p++)
			if (t->depts[p].id == dp->parent_id) {
				dp->parent_name = t->depts[p].name;
				break;
			}
	}
	return MDG_OK;
}

const org_dept *org_tree_find(const org_tree *t, long long id)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (t->depts[i].id == id)
			return &t->depts[i];
	return NULL;
}

void org_tree_free(org_tree *t)
{
	free(t->depts);
	db_result_free(t->rows);
	memset(t, 0, sizeof *t);
}

/* One change of the organisation: the arguments of the functions below,
 * and what they answer, for their transactions (db_transaction). */
struct org_change {
	const actor *who;
	long long id, parent_id, department_id;
	const char *name_ko, *name_en, *role, *password;
	bool active, with_subtree;
	const account_new *a;
	const char *which;
};

/* The transaction of org_department_create. */
static int department_create_tx(db *d, void *arg)
{
	struct org_change *t = arg;
	char idbuf[24];
	t->id = 0;
	int rc = db_exec(d, "INSERT INTO departments (parent_id, name_ko, name_en) VALUES (?, ?, ?)",
			 DB_ARGS(DB_ID(t->parent_id), DB_STR(t->name_ko), DB_STR(t->name_en)));
	if (rc == MDG_OK) {
		t->id = (long long)db_insert_id(d);
		rc = audit_write(d, t->who, "department", id_text(t->id, idbuf), "create", t->name_ko);
	}
	/* A new sub-department joins the scope of roles held on its parents. */
	if (rc == MDG_OK)
		rc = org_scope_rebuild(d);
	return rc;
}

int org_department_create(db *d, const actor *who, long long parent_id, const char *name_ko,
			  const char *name_en, long long *id)
{
	struct org_change t = {.who = who, .parent_id = parent_id, .name_ko = name_ko, .name_en = name_en};
	int rc = db_transaction(d, department_create_tx, &t);
	if (rc == MDG_OK)
		*id = t.id;
	return rc;
}

/* The transaction of org_department_update. */
static int department_update_tx(db *d, void *arg)
{
	const struct org_change *t = arg;
	long long id = t->id, parent_id = t->parent_id;
	const char *name_ko = t->name_ko, *name_en = t->name_en;
	bool active = t->active;
	const actor *who = t->who;
	db_result *r = NULL;
	char idbuf[24], detail[512];
	/* The new parent must not be the department or below it. */
	int rc = db_query(d, &r, "WITH RECURSIVE below AS (SELECT id FROM departments WHERE id = ?"
				 " UNION ALL SELECT c.id FROM departments c JOIN below ON c.parent_id = below.id)"
				 " SELECT (SELECT COUNT(*) FROM departments WHERE id = ?) AS found,"
				 " (SELECT COUNT(*) FROM below WHERE id = ?) AS below",
			  DB_ARGS(DB_INT(id), DB_INT(id), DB_INT(parent_id)));
	if (rc != MDG_OK)
		goto done;
	if (db_get_ll(r, 0, "found", 0) == 0) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	if (parent_id && db_get_ll(r, 0, "below", 0) > 0) {
		rc = MDG_EINVAL;
		goto done;
	}
	/* The public pages that show its name are built again. */
	rc = case_public_forget_department(d, id, name_ko, name_en);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE departments SET parent_id = ?, name_ko = ?, name_en = ?, active = ? WHERE id = ?",
			     DB_ARGS(DB_ID(parent_id), DB_STR(name_ko), DB_STR(name_en), DB_INT((long long)active),
				     DB_INT(id)));
	if (rc == MDG_OK) {
		snprintf(detail, sizeof detail, "parent=%lld active=%d %s / %s", parent_id, active, name_ko, name_en);
		rc = audit_write(d, who, "department", id_text(id, idbuf), "update", detail);
	}
	if (rc == MDG_OK)
		rc = org_scope_rebuild(d);
done:
	db_result_free(r);
	return rc;
}

int org_department_update(db *d, const actor *who, long long id, long long parent_id,
			  const char *name_ko, const char *name_en, bool active)
{
	struct org_change t = {.who = who, .id = id, .parent_id = parent_id, .name_ko = name_ko, .name_en = name_en,
			       .active = active};
	int rc = db_transaction(d, department_update_tx, &t);
	if (rc == MDG_OK)
		case_public_changed(d, 0); /* its name, on its cases' pages */
	return rc;
}

/* The transaction of org_staff_create. */
static int staff_create_tx(db *d, void *arg)
{
	struct org_change *t = arg;
	char idbuf[24];
	t->id = 0;
	t->which = NULL;
	int rc = account_create(d, t->a, &t->id, &t->which);
	if (rc == MDG_OK && t->department_id)
		rc = db_exec(d, "INSERT INTO staff_departments (account_id, department_id) VALUES (?, ?)",
			     DB_ARGS(DB_INT(t->id), DB_INT(t->department_id)));
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "staff", id_text(t->id, idbuf), "create", t->a->login_id);
	return rc;
}

int org_staff_create(db *d, const actor *who, const account_new *a, long long department_id,
		     long long *id, const char **which)
{
	struct org_change t = {.who = who, .a = a, .department_id = department_id};
	int rc = db_transaction(d, staff_create_tx, &t);
	*id = t.id;
	*which = t.which;
	return rc;
}

/* staff_change's arguments, for its transaction. */
struct staff_change {
	const actor *who;
	long long id;
	const char *action, *detail, *sql;
	const db_arg *args;
	size_t nargs;
};

/* The transaction of staff_change. */
static int staff_change_tx(db *d, void *arg)
{
	const struct staff_change *t = arg;
	char idbuf[24];
	int rc = db_exec(d, t->sql, t->args, t->nargs);
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "staff", id_text(t->id, idbuf), t->action, t->detail);
	if (rc == MDG_OK)
		rc = org_scope_rebuild(d);
	return rc;
}

/* Runs one audited change to a staff account and rebuilds the scope. */
static int staff_change(db *d, const actor *who, long long id, const char *action, const char *detail,
			const char *sql, const db_arg *args, size_t nargs)
{
	struct staff_change t = {.who = who, .id = id, .action = action, .detail = detail, .sql = sql,
				 .args = args, .nargs = nargs};
	return db_transaction(d, staff_change_tx, &t);
}

int org_staff_set_active(db *d, const actor *who, long long id, bool active)
{
	int rc = staff_change(d, who, id, active ? "activate" : "deactivate", NULL,
			      "UPDATE accounts SET active = ? WHERE id = ? AND kind = 'staff'", 
			      DB_ARGS(DB_INT((long long)active), DB_INT(id)));
	/* A deactivated account is signed out everywhere. */
	if (rc == MDG_OK && !active)
		rc = db_exec(d, "DELETE FROM sessions WHERE account_id = ?", DB_ARGS(DB_INT(id)));
	return rc;
}

/* The transaction of org_staff_reset_password. */
static int reset_password_tx(db *d, void *arg)
{
	const struct org_change *t = arg;
	char idbuf[24];
	int rc = account_set_password(d, t->id, t->password, PASSWORD_BY_ADMIN);
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM sessions WHERE account_id = ?", DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "staff", id_text(t->id, idbuf), "reset_password", NULL);
	return rc;
}

int org_staff_reset_password(db *d, const actor *who, long long id, const char *password)
{
	struct org_change t = {.who = who, .id = id, .password = password};
	return db_transaction(d, reset_password_tx, &t);
}

int org_staff_membership(db *d, const actor *who, long long id, long long department_id, bool member)
{
	char detail[32];
	snprintf(detail, sizeof detail, "department=%lld", department_id);
	if (member)
		return staff_change(d, who, id, "join", detail,
				    "INSERT INTO staff_departments (account_id, department_id) VALUES (?, ?)"
				    " ON DUPLICATE KEY UPDATE account_id = account_id",
				    DB_ARGS(DB_INT(id), DB_INT(department_id)));
	return staff_change(d, who, id, "leave", detail,
			    "DELETE FROM staff_departments WHERE account_id = ? AND department_id = ?", 
			    DB_ARGS(DB_INT(id), DB_INT(department_id)));
}

/* The transaction of org_role_grant. */
static int role_grant_tx(db *d, void *arg)
{
	const struct org_change *t = arg;
	char idbuf[24], detail[96];
	int rc = db_exec(d, "INSERT INTO staff_roles (account_id, role, department_id, with_subtree)"
			    " SELECT id, ?, ?, ? FROM accounts WHERE id = ? AND kind = 'staff'",
			 DB_ARGS(DB_STR(t->role), DB_ID(t->department_id), DB_INT((long long)t->with_subtree),
				 DB_INT(t->id)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		snprintf(detail, sizeof detail, "%s department=%lld subtree=%d", t->role, t->department_id,
			 t->with_subtree);
		rc = audit_write(d, t->who, "staff", id_text(t->id, idbuf), "grant_role", detail);
	}
	if (rc == MDG_OK)
		rc = org_scope_rebuild(d);
	return rc;
}

int org_role_grant(db *d, const actor *who, long long account_id, const char *role,
		   long long department_id, bool with_subtree)
{
	if (!org_role_valid(role))
		return MDG_EINVAL;
	struct org_change t = {.who = who, .id = account_id, .role = role, .department_id = department_id,
			       .with_subtree = with_subtree};
	return db_transaction(d, role_grant_tx, &t);
}

int org_role_holders(db *d, const char *role, long long *n)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(DISTINCT account_id) AS n FROM staff_roles WHERE role = ?",
			  DB_ARGS(DB_STR(role)));
	*n = rc == MDG_OK ? db_get_ll(r, 0, "n", 0) : 0;
	db_result_free(r);
	return rc;
}

int org_role_revoke(db *d, const actor *who, long long account_id, long long role_id)
{
	char detail[32];
	snprintf(detail, sizeof detail, "role=%lld", role_id);
	return staff_change(d, who, account_id, "revoke_role", detail,
			    "DELETE FROM staff_roles WHERE account_id = ? AND id = ?", 
			    DB_ARGS(DB_INT(account_id), DB_INT(role_id)));
}

int org_staff_list(db *d, const char *lang, const char *dept_ids, db_result **out)
{
	return db_query(d, out, "SELECT a.id AS id, a.login_id AS login, a.name AS name, a.email AS email, a.active"
				" AS active,"
				" (SELECT GROUP_CONCAT(" SQL_NAME_IN("dp.") " ORDER BY dp.id SEPARATOR ', ')"
				"  FROM staff_departments sd JOIN departments dp ON dp.id = sd.department_id"
				"  WHERE sd.account_id = a.id) AS departments,"
				" (SELECT GROUP_CONCAT(CONCAT(r.role, IF(r.department_id IS NULL, '',"
				"   CONCAT('@', " SQL_NAME_IN("dp.") "))) ORDER BY r.id SEPARATOR ', ')"
				"  FROM staff_roles r LEFT JOIN departments dp ON dp.id = r.department_id"
				"  WHERE r.account_id = a.id) AS role_list"
				" FROM accounts a WHERE a.kind = 'staff' AND (? IS NULL"
				"  OR EXISTS (SELECT 1 FROM staff_departments sd WHERE sd.account_id = a.id"
				"   AND FIND_IN_SET(sd.department_id, ?) > 0)"
				"  OR EXISTS (SELECT 1 FROM staff_roles r WHERE r.account_id = a.id"
				"   AND FIND_IN_SET(r.department_id, ?) > 0))"
				" ORDER BY a.name, a.id",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_STR(dept_ids), DB_STR(dept_ids), DB_STR(dept_ids)));
}

int org_staff_roles(db *d, long long account_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT r.id AS id, r.role AS role, r.department_id AS department_id,"
				" " SQL_NAME_IN("dp.") " AS department, r.with_subtree AS subtree FROM staff_roles r"
						       " LEFT JOIN departments dp ON dp.id = r.department_id"
				" WHERE r.account_id = ? ORDER BY r.id",
			DB_ARGS(DB_STR(lang), DB_INT(account_id)));
}

int org_staff_departments(db *d, long long account_id, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT dp.id AS id, " SQL_NAME_IN("dp.") " AS name FROM staff_departments sd"
				" JOIN departments dp ON dp.id = sd.department_id WHERE sd.account_id = ?"
				" ORDER BY dp.id",
			DB_ARGS(DB_STR(lang), DB_INT(account_id)));
}

int org_scope_rebuild(db *d)
{
	int rc = db_exec(d, "DELETE FROM staff_scope", DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	/* A role covers its department and, with_subtree, everything below;
	 * a global role covers every department. Handlers handle; managers,
	 * supervisors and system administrators also manage. */
	return db_exec(d, "INSERT INTO staff_scope (account_id, department_id, can_handle, can_manage)"
			  " SELECT x.account_id, x.department_id, MAX(x.h), MAX(x.m) FROM ("
			  "  WITH RECURSIVE sub (root, id) AS (SELECT id, id FROM departments"
			  "   UNION ALL SELECT sub.root, c.id FROM departments c JOIN sub ON c.parent_id = sub.id)"
			  "  SELECT r.account_id, sub.id AS department_id, 1 AS h, r.role <> 'handler' AS m"
			  "  FROM staff_roles r JOIN sub ON (r.department_id IS NULL AND sub.root = sub.id)"
			  "   OR (sub.root = r.department_id AND (r.with_subtree = 1 OR sub.id = sub.root))"
			  "  WHERE r.role IN ('handler', 'manager', 'supervisor', 'sysadmin')"
			  " ) x JOIN accounts a ON a.id = x.account_id AND a.active = 1"
			  " GROUP BY x.account_id, x.department_id",
		       DB_NO_ARGS);
}
