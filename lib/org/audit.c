/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* audit.c: the append-only audit log. */
#include "org/audit.h"
#include "db/sql.h"
#include "core/mdg.h"

#include <stdio.h>
#include <string.h>

int audit_write(db *d, const actor *who, const char *object_type, const char *object_id,
		const char *action, const char *detail)
{
	char cut[1001];
	if (detail && strlen(detail) > 1000) {
		size_t n = 1000;
		/* Do not split a UTF-8 sequence. */
		while (n > 0 && ((unsigned char)detail[n] & 0xC0) == 0x80)
			n--;
		memcpy(cut, detail, n);
		cut[n] = '\0';
		detail = cut;
	}
	return db_exec(d, "INSERT INTO audit_log (at, account_id, client_addr, object_type, object_id, action, detail)"
			  " VALUES (NOW(3), ?, ?, ?, ?, ?, ?)",
		       DB_ARGS(DB_ID(who->account_id), DB_STR(who->client_addr ? who->client_addr : ""),
			       DB_STR(object_type), DB_STR(object_id), DB_STR(action), DB_STR(detail)));
}

int audit_list(db *d, const audit_filter *f, db_result **out, long *total)
{
	db_result *count = NULL;
	long long limit = f->page > 0 ? AUDIT_PAGE_SIZE : 1000000000LL;
	long long offset = f->page > 0 ? (f->page - 1) * AUDIT_PAGE_SIZE : 0;
	int rc;

	*out = NULL;
	*total = 0;
	/* Unset filters are NULL and match everything. */
	rc = db_query(d, &count, "SELECT COUNT(*) AS n FROM audit_log l"
				 " WHERE (? IS NULL OR l.account_id = ?) AND (? IS NULL OR l.object_type = ?)"
				 " AND (? IS NULL OR l.action = ?) AND (? IS NULL OR l.at >= ?)"
				 " AND (? IS NULL OR l.at < ? + INTERVAL 1 DAY)",
		      DB_ARGS(DB_ID(f->account_id), DB_ID(f->account_id), DB_STR(f->object_type),
			      DB_STR(f->object_type), DB_STR(f->action), DB_STR(f->action), DB_STR(f->from),
			      DB_STR(f->from), DB_STR(f->to), DB_STR(f->to)));
	if (rc != MDG_OK)
		goto done;
	*total = (long)db_get_ll(count, 0, "n", 0);
	rc = db_query(d, out, "SELECT l.id AS id, " SQL_SECOND("l.at") " AS at, l.account_id AS account_id,"
			      " a.login_id AS login, a.name AS name, l.client_addr AS addr, l.object_type AS"
			      " object_type,"
			      " l.object_id AS object_id, l.action AS action, l.detail AS detail"
			      " FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id"
			      " WHERE (? IS NULL OR l.account_id = ?) AND (? IS NULL OR l.object_type = ?)"
			      " AND (? IS NULL OR l.action = ?) AND (? IS NULL OR l.at >= ?)"
			      " AND (? IS NULL OR l.at < ? + INTERVAL 1 DAY)"
			      " ORDER BY l.id DESC LIMIT ? OFFSET ?",
		      DB_ARGS(DB_ID(f->account_id), DB_ID(f->account_id), DB_STR(f->object_type),
			      DB_STR(f->object_type), DB_STR(f->action), DB_STR(f->action), DB_STR(f->from),
			      DB_STR(f->from), DB_STR(f->to), DB_STR(f->to), DB_INT(limit), DB_INT(offset)));
done:
	db_result_free(count);
	return rc;
}
