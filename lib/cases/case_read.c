/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* case_read.c: a case's rows as stored (case.h), apart from case.c, which
 * writes cases, so that what reads a case for its public view
 * (public_view.c, called by every writer of a case) does not call back
 * into a writer. */
#include "cases/case.h"
#include "core/mdg.h"
#include "db/sql.h"

int case_get_whole(db *d, const char *tracking, const char *lang, db_result **out)
{
	*out = NULL;
	int rc = db_query(d, out, "SELECT c.id AS id, c.tracking_no AS tracking, c.title AS title, c.body AS body,"
			     " c.is_public AS public, c.status AS status,"
			     " " SQL_MINUTE("c.created_at") " AS created, " SQL_MINUTE("c.updated_at") " AS updated,"
			     " " SQL_NAME_IN("g.") " AS category, " SQL_NAME_IN("dp.") " AS department,"
			     " " SQL_PERSON("a.") " AS filer, c.latitude AS lat, c.longitude AS lng, c.address AS address,"
			     " c.account_id AS owner, c.channel AS channel,"
			     " c.moderation AS moderation, c.moderation_reason AS moderation_reason"
			     " FROM cases c JOIN categories g ON g.id = c.category_id"
			     " JOIN accounts a ON a.id = c.account_id"
			     " LEFT JOIN departments dp ON dp.id = c.department_id"
			     " WHERE c.tracking_no = ?",
		      DB_ARGS(DB_STR(lang), DB_STR(lang), DB_STR(tracking)));
	if (rc == MDG_OK && (*out)->nrows == 0) {
		db_result_free(*out);
		*out = NULL;
		rc = MDG_ENOTFOUND;
	}
	return rc;
}

int case_attachments(db *d, long long case_id, db_result **out)
{
	return db_query(d, out, "SELECT id AS id, original_name AS name, mime_type AS type, size_bytes AS size"
				" FROM attachments"
				" WHERE case_id = ? ORDER BY id",
			DB_ARGS(DB_INT(case_id)));
}
