/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* intranet.c: the staff intranet: where a case may be shared, what of it
 * a share carries, and the share itself (intranet.h). */
#include "communities/intranet.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/mdg.h"

/* The name column of lang ("en" or else Korean) of table alias t. */
static const char *name_column(const char *lang, bool department)
{
	bool en = lang && strcmp(lang, "en") == 0;
	if (department)
		return en ? "d.name_en" : "d.name_ko";
	return en ? "g.name_en" : "g.name_ko";
}

int intranet_share_targets(db *d, long long account_id, const char *lang, db_result **out)
{
	char sql[640];
	snprintf(sql, sizeof sql,
		 "SELECT c.id AS id, c.slug AS slug, c.name AS name, IFNULL(%s, '') AS department"
		 " FROM communities c JOIN community_members m ON m.community_id = c.id AND m.account_id = ?"
		 " AND m.state = 'active' LEFT JOIN departments d ON d.id = c.department_id"
		 " WHERE c.staff_only = 1 AND c.state = 'active' ORDER BY c.name, c.id",
		 name_column(lang, true));
	return db_query(d, out, sql, DB_ARGS(DB_INT(account_id)));
}

int intranet_case_summary(db *d, long long case_id, const char *lang, db_result **out)
{
	char sql[640];
	/* Only these columns: a share never carries the filer or the text. */
	snprintf(sql, sizeof sql,
		 "SELECT c.tracking_no AS tracking, c.title AS title, IFNULL(%s, '') AS category,"
		 " IFNULL(%s, '') AS department, c.status AS status FROM cases c"
		 " LEFT JOIN categories g ON g.id = c.category_id LEFT JOIN departments d ON d.id = c.department_id"
		 " WHERE c.id = ?",
		 name_column(lang, false), name_column(lang, true));
	int rc = db_query(d, out, sql, DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && (*out)->nrows != 1) {
		db_result_free(*out);
		*out = NULL;
		rc = MDG_ENOTFOUND;
	}
	return rc;
}

struct share_arg {
	const actor *who;
	const char *tracking;
	long long community_id;
};

/* The audit row, in the post's transaction. */
static int share_audit(db *d, long long post_id, void *arg)
{
	struct share_arg *a = arg;
	char detail[64];
	snprintf(detail, sizeof detail, "community %lld post %lld", a->community_id, post_id);
	return audit_write(d, a->who, "case", a->tracking, "share", detail);
}

int intranet_share_case(db *d, const actor *who, long long community_id, long long board_id, const char *tracking,
			board_text *t, long long *post_id)
{
	struct share_arg a = {who, tracking, community_id};
	t->in_tx = share_audit;
	t->in_tx_arg = &a;
	return board_post_create(d, community_id, board_id, who->account_id, t, NULL, 0, NULL, post_id);
}
