/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* assign.c: giving a case to a handler, recorded and told. */
#include "cases/assign.h"
#include "core/mdg.h"
#include "notify/notice.h"

#include <string.h>

int assign_handler(db *d, long long case_id, long long department_id, long long handler, long long actor,
		   const char *kind)
{
	int rc = db_exec(d, "INSERT IGNORE INTO case_handlers (case_id, account_id, department_id, assigned_at)"
			    " VALUES (?, ?, ?, NOW())",
			 DB_ARGS(DB_INT(case_id), DB_INT(handler), DB_INT(department_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note,"
				" target_account_id, created_at) VALUES (?, ?, ?, ?, 1, NULL, ?, NOW())",
			     DB_ARGS(DB_INT(case_id), DB_STR(kind), DB_ID(actor), DB_INT(department_id), DB_INT(handler)));
	if (rc == MDG_OK)
		rc = notice_staff(d, handler, case_id,
				  strcmp(kind, "escalated") == 0 ? NOTICE_STAFF_ESCALATED : NOTICE_STAFF_ASSIGNED);
	return rc;
}
