/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* community_view.c: what the community pages read: the list (search,
 * template, one's own), a community's home, its boards and people, and
 * its image. Who may read each is community_access_get's answer, asked
 * by the page first. */
#include "communities/community.h"
#include "core/mdg.h"
#include "db/sql.h"

#include <stdio.h>
#include <string.h>

int community_list(db *d, long long reader, bool reader_staff, const char *words, const char *template_name,
		   bool mine, db_result **out)
{
	const char *w = words ? words : "";
	const char *t = template_name ? template_name : "";
	/* The rule of community_access_decide's "listed", in SQL: one's own
	 * (active, pending, invited) always; others unless unlisted or staff
	 * only for a citizen; never a closed one. */
	return db_query(d, out,
			"SELECT" COMMUNITY_LIST_COLUMNS ", COALESCE(m.state, '') AS my_state,"
			" COALESCE(m.role, '') AS my_role"
			" FROM communities c LEFT JOIN community_members m ON m.community_id = c.id AND m.account_id = ?"
			" WHERE c.state <> 'closed'"
			" AND (m.state IN ('active', 'pending', 'invited')"
			"      OR (? = 0 AND c.visibility <> 'unlisted' AND (c.staff_only = 0 OR ? = 1)))"
			" AND (? = '' OR INSTR(c.name, ?) > 0)"
			" AND (? = '' OR c.template = ?)"
			" ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?",
			DB_ARGS(DB_INT(reader), DB_INT(mine ? 1 : 0), DB_INT(reader_staff ? 1 : 0), DB_STR(w), DB_STR(w),
				DB_STR(t), DB_STR(t), DB_INT(COMMUNITY_LIST_MAX)));
}

int community_get(db *d, long long id, const char *lang, db_result **out)
{
	int rc = db_query(d, out,
			  "SELECT c.slug AS slug, c.name AS name, c.description AS description, c.template AS template,"
			  " c.membership AS membership, c.visibility AS visibility, c.state AS state,"
			  " COALESCE(c.state_reason, '') AS state_reason, c.member_count AS members,"
			  " DATE_FORMAT(c.created_at, '%Y-%m-%d') AS created, c.image_stored IS NOT NULL AS has_image,"
			  " COALESCE(" SQL_NAME_IN("dp.") ", '') AS department"
			  " FROM communities c LEFT JOIN departments dp ON dp.id = c.department_id WHERE c.id = ?",
			  DB_ARGS(DB_STR(lang), DB_INT(id)));
	if (rc == MDG_OK && (*out)->nrows == 0)
		rc = MDG_ENOTFOUND;
	return rc;
}

int community_boards(db *d, long long id, db_result **out)
{
	return db_query(d, out,
			"SELECT kind AS kind, position AS position FROM community_boards WHERE community_id = ?"
			" ORDER BY position",
			DB_ARGS(DB_INT(id)));
}

int community_people(db *d, long long id, bool all, db_result **out)
{
	return db_query(d, out,
			"SELECT a.id AS id, a.login_id AS login, a.name AS name, m.role AS role, m.state AS state,"
			" DATE_FORMAT(m.updated_at, '%Y-%m-%d') AS since"
			" FROM community_members m JOIN accounts a ON a.id = m.account_id"
			" WHERE m.community_id = ? AND (m.state = 'active' OR (? = 1 AND m.state <> 'left'))"
			" ORDER BY m.state = 'active' DESC, FIELD(m.role, 'owner', 'manager', 'member'), a.name, a.id",
			DB_ARGS(DB_INT(id), DB_INT(all ? 1 : 0)));
}

struct image_arg {
	const actor *who;
	long long id;
	const char *stored, *mime;
	char *old;
};

static int image_tx(db *d, void *arg)
{
	struct image_arg *a = arg;
	db_result *r = NULL;
	char object[24];
	int rc = db_query(d, &r, "SELECT COALESCE(image_stored, '') AS stored FROM communities WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(a->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		snprintf(a->old, 33, "%s", db_get(r, 0, "stored", ""));
		rc = db_exec(d, "UPDATE communities SET image_stored = ?, image_mime = ?, updated_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_STR(a->stored), DB_STR(a->mime), DB_INT(a->id)));
	}
	snprintf(object, sizeof object, "%lld", a->id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "community", object, "image", a->mime);
	db_result_free(r);
	return rc;
}

int community_set_image(db *d, const actor *who, long long id, const char *stored, const char *mime,
			char old[33])
{
	struct image_arg a = {who, id, stored, mime, old};
	old[0] = '\0';
	return db_transaction(d, image_tx, &a);
}

int community_image(db *d, long long id, char stored[33], char *mime, size_t mime_len)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT image_stored AS stored, image_mime AS mime FROM communities"
			  " WHERE id = ? AND image_stored IS NOT NULL",
			  DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		snprintf(stored, 33, "%s", db_get(r, 0, "stored", ""));
		snprintf(mime, mime_len, "%s", db_get(r, 0, "mime", ""));
	}
	db_result_free(r);
	return rc;
}
