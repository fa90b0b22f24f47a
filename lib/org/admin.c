/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* admin.c: counts and look-ups for the administration pages. */
#include "org/admin.h"
#include "db/sql.h"
#include "cases/rules.h"
#include "core/mdg.h"

int admin_counts(db *d, const char *dept_ids, db_result **out)
{
	return db_query(d, out, "SELECT (SELECT COUNT(*) FROM departments WHERE active = 1"
				"  AND (? IS NULL OR FIND_IN_SET(id, ?) > 0)) AS departments,"
				" (SELECT COUNT(*) FROM accounts a WHERE a.kind = 'staff' AND a.active = 1"
				" AND (? IS NULL"
				"  OR EXISTS (SELECT 1 FROM staff_departments sd WHERE sd.account_id = a.id"
				"   AND FIND_IN_SET(sd.department_id, ?) > 0)"
				"  OR EXISTS (SELECT 1 FROM staff_roles r WHERE r.account_id = a.id"
				"   AND FIND_IN_SET(r.department_id, ?) > 0))) AS staff,"
				" (SELECT COUNT(*) FROM categories g WHERE g.active = 1 AND " RULE_IN_DEPTS("g") ")"
														 " AS"
														 " categories,"
				" (SELECT COUNT(*) FROM holidays WHERE day >= CURDATE()) AS holidays,"
				" (SELECT COUNT(*) FROM cases WHERE unplaced = 1"
				"  AND status NOT IN ('answered', 'closed', 'withdrawn', 'rejected')) AS unplaced,"
				" (SELECT COUNT(*) FROM audit_log WHERE at >= CURDATE()) AS audit_today",
			DB_ARGS(DB_STR(dept_ids), DB_STR(dept_ids), DB_STR(dept_ids), DB_STR(dept_ids),
				DB_STR(dept_ids), RULE_IN_DEPTS_ARGS(dept_ids)));
}

int admin_roles(db *d, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT r.account_id AS account_id, r.role AS role, " SQL_NAME_IN("dp.") " AS dept,"
				" r.with_subtree AS subtree"
				" FROM staff_roles r LEFT JOIN departments dp ON dp.id = r.department_id"
				" ORDER BY r.account_id, r.id",
			DB_ARGS(DB_STR(lang)));
}

int admin_account_by_login(db *d, const char *login_id, long long *id)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT id AS id FROM accounts WHERE login_id = ?", DB_ARGS(DB_STR(login_id)));
	if (rc == MDG_OK) {
		*id = db_get_ll(r, 0, "id", 0);
		if (*id == 0)
			rc = MDG_ENOTFOUND;
	}
	db_result_free(r);
	return rc;
}

int admin_audit_types(db *d, db_result **out)
{
	return db_query(d, out, "SELECT DISTINCT object_type AS name FROM audit_log ORDER BY object_type", DB_NO_ARGS);
}
