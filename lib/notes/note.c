/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* note.c: notes (쪽지) between members of a shared community and between
 * staff: who may write to whom, sending (silently dropped for a blocker),
 * the boxes, reading with its receipt, deleting for oneself, blocking. */
#include "notes/note.h"
#include "core/mdg.h"
#include "db/page.h"
#include "db/sql.h"
#include "notify/notice.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

bool note_may_write_decide(long long from, bool from_staff, long long to, bool to_staff, bool share_community)
{
	if (from <= 0 || to <= 0 || from == to)
		return false;
	return (from_staff && to_staff) || share_community;
}

int note_may_write(db *d, long long from, bool from_staff, long long to, bool *ok)
{
	db_result *r = NULL;
	*ok = false;
	/* The recipient's kind, and whether an active community has both of
	 * them as active members (index ix_community_members_account). */
	int rc = db_query(d, &r,
			  "SELECT a.kind AS kind, EXISTS (SELECT 1 FROM community_members m"
			  " JOIN community_members o ON o.community_id = m.community_id AND o.account_id = ?"
			  "  AND o.state = 'active'"
			  " JOIN communities c ON c.id = m.community_id AND c.state = 'active'"
			  " WHERE m.account_id = ? AND m.state = 'active') AS shared"
			  " FROM accounts a WHERE a.id = ? AND a.active = 1",
			  DB_ARGS(DB_ID(to), DB_ID(from), DB_ID(to)));
	if (rc != MDG_OK)
		return rc;
	if (r->nrows == 1)
		*ok = note_may_write_decide(from, from_staff, to, strcmp(db_get(r, 0, "kind", ""), "staff") == 0,
					    db_get_ll(r, 0, "shared", 0) == 1);
	db_result_free(r);
	return MDG_OK;
}

int note_recipient(db *d, const char *login_id, long long *id, char *name, size_t name_len)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT id, name FROM accounts WHERE login_id = ? AND active = 1",
			  DB_ARGS(DB_STR(login_id)));
	if (rc != MDG_OK)
		return rc;
	if (r->nrows != 1)
		rc = MDG_ENOTFOUND;
	else {
		*id = db_get_ll(r, 0, "id", 0);
		snprintf(name, name_len, "%s", db_get(r, 0, "name", ""));
	}
	db_result_free(r);
	return rc;
}

int note_recipient_by_id(db *d, long long id, char *login_id, size_t login_len)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT login_id FROM accounts WHERE id = ? AND active = 1", DB_ARGS(DB_ID(id)));
	if (rc != MDG_OK)
		return rc;
	if (r->nrows != 1)
		rc = MDG_ENOTFOUND;
	else
		snprintf(login_id, login_len, "%s", db_get(r, 0, "login_id", ""));
	db_result_free(r);
	return rc;
}

typedef struct send_tx {
	long long from, to;
	const char *body;
	long long id;
	bool delivered;
} send_tx;

static int send_body(db *d, void *arg)
{
	send_tx *s = arg;
	db_result *r = NULL;
	s->id = 0;
	s->delivered = false;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM note_blocks WHERE account_id = ? AND blocked_id = ?",
			  DB_ARGS(DB_ID(s->to), DB_ID(s->from)));
	if (rc != MDG_OK)
		return rc;
	s->delivered = db_get_ll(r, 0, "n", 0) == 0;
	db_result_free(r);
	rc = db_exec(d,
		     "INSERT INTO notes (author_id, recipient_id, body, created_at, recipient_deleted_at)"
		     " VALUES (?, ?, ?, NOW(), IF(?, NULL, NOW()))",
		     DB_ARGS(DB_ID(s->from), DB_ID(s->to), DB_STR(s->body), DB_INT(s->delivered)));
	if (rc != MDG_OK)
		return rc;
	s->id = (long long)db_insert_id(d);
	if (!s->delivered)
		return MDG_OK;
	char link[40], key[48];
	snprintf(link, sizeof link, "/notes/%lld", s->id);
	snprintf(key, sizeof key, "note_received:%lld", s->id);
	/* The notice names no text: the note is read on the site, signed in. */
	json_t *payload = json_pack("{s:s}", "link", link);
	if (!payload)
		return MDG_ERR;
	rc = notice_account(d, s->to, NOTICE_NOTE_RECEIVED, payload, key);
	json_decref(payload);
	return rc;
}

int note_send(db *d, long long from, bool from_staff, long long to, const char *body, long long *id,
	      bool *delivered)
{
	bool ok = false;
	int rc = note_may_write(d, from, from_staff, to, &ok);
	if (rc != MDG_OK)
		return rc;
	if (!ok)
		return MDG_EDENIED;
	send_tx s = {.from = from, .to = to, .body = body};
	rc = db_transaction(d, send_body, &s);
	if (rc == MDG_OK) {
		*id = s.id;
		*delivered = s.delivered;
	}
	return rc;
}

/* A box's rows: the other person is the sender in the inbox and the
 * recipient in the sent box. */
#define BOX_ROWS(other, mine, deleted)                                                                          \
	"SELECT n.id AS id, o.id AS other_id, o.login_id AS other_login, " SQL_PERSON("o.") " AS other,"       \
	" IF(n.moderation IN ('hidden', 'deleted'), '', LEFT(n.body, 60)) AS excerpt, " SQL_MINUTE("n.created_at") " AS sent,"                                  \
	" " SQL_MINUTE("n.read_at") " AS `read`, IF(n.read_at IS NULL AND n.recipient_id = ?, 1, 0) AS unread"  \
	" FROM notes n JOIN accounts o ON o.id = n." other " WHERE n." mine " = ? AND n." deleted " IS NULL"     \
	" ORDER BY n.id DESC LIMIT ? OFFSET ?"
#define BOX_COUNT(mine, deleted) "SELECT COUNT(*) AS n FROM notes n WHERE n." mine " = ? AND n." deleted " IS NULL"

int note_list(db *d, long long account, enum note_box box, long page, db_result **out, long *total)
{
	if (box == NOTE_INBOX)
		return db_count_page(d, BOX_COUNT("recipient_id", "recipient_deleted_at"), DB_ARGS(DB_ID(account)),
				     BOX_ROWS("author_id", "recipient_id", "recipient_deleted_at"),
				     DB_ARGS(DB_ID(account), DB_ID(account)), page, NOTE_PAGE_SIZE, out, total);
	return db_count_page(d, BOX_COUNT("author_id", "author_deleted_at"), DB_ARGS(DB_ID(account)),
			     BOX_ROWS("recipient_id", "author_id", "author_deleted_at"),
			     DB_ARGS(DB_ID(account), DB_ID(account)), page, NOTE_PAGE_SIZE, out, total);
}

/* The reader's own copy: sent and not deleted by them, or received and
 * not deleted by them. Binds account twice. */
#define MINE "((n.author_id = ? AND n.author_deleted_at IS NULL) OR (n.recipient_id = ? AND n.recipient_deleted_at IS NULL))"

int note_read(db *d, long long account, long long id, db_result **out)
{
	*out = NULL;
	/* The receipt first: only the recipient's own reading sets it. */
	int rc = db_exec(d,
			 "UPDATE notes SET read_at = NOW() WHERE id = ? AND recipient_id = ?"
			 " AND recipient_deleted_at IS NULL AND read_at IS NULL",
			 DB_ARGS(DB_ID(id), DB_ID(account)));
	if (rc == MDG_OK)
		rc = db_query(d, out,
			      "SELECT n.id AS id, n.author_id AS author_id, " SQL_PERSON("a.") " AS author,"
			      " a.login_id AS author_login, n.recipient_id AS recipient_id, " SQL_PERSON("r.")
			      " AS recipient, r.login_id AS recipient_login,"
			      " IF(n.moderation IN ('hidden', 'deleted'), '', n.body) AS body, n.moderation AS moderation,"
			      " " SQL_MINUTE("n.created_at") " AS sent, " SQL_MINUTE("n.read_at") " AS `read`,"
			      " IF(n.author_id = ?, 1, 0) AS mine,"
			      " EXISTS (SELECT 1 FROM note_blocks b WHERE b.account_id = ?"
			      "  AND b.blocked_id = IF(n.author_id = ?, n.recipient_id, n.author_id)) AS blocked"
			      " FROM notes n JOIN accounts a ON a.id = n.author_id JOIN accounts r ON r.id = n.recipient_id"
			      " WHERE n.id = ? AND " MINE,
			      DB_ARGS(DB_ID(account), DB_ID(account), DB_ID(account), DB_ID(id), DB_ID(account),
				      DB_ID(account)));
	if (rc == MDG_OK && (*out)->nrows != 1) {
		db_result_free(*out);
		*out = NULL;
		rc = MDG_ENOTFOUND;
	}
	return rc;
}

int note_party(db *d, long long account, long long id, bool *party)
{
	db_result *r = NULL;
	*party = false;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM notes n WHERE n.id = ? AND " MINE,
			  DB_ARGS(DB_ID(id), DB_ID(account), DB_ID(account)));
	if (rc == MDG_OK)
		*party = db_get_ll(r, 0, "n", 0) == 1;
	db_result_free(r);
	return rc;
}

int note_delete(db *d, long long account, long long id)
{
	/* One statement sets whichever side is the reader's. */
	int rc = db_exec(d,
			 "UPDATE notes n SET"
			 " n.author_deleted_at = IF(n.author_id = ?, COALESCE(n.author_deleted_at, NOW()), n.author_deleted_at),"
			 " n.recipient_deleted_at = IF(n.recipient_id = ?, COALESCE(n.recipient_deleted_at, NOW()),"
			 "  n.recipient_deleted_at)"
			 " WHERE n.id = ? AND " MINE,
			 DB_ARGS(DB_ID(account), DB_ID(account), DB_ID(id), DB_ID(account), DB_ID(account)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ENOTFOUND;
	return rc;
}

int note_block(db *d, long long account, long long other, bool on)
{
	if (account == other)
		return MDG_EINVAL;
	if (on)
		return db_exec(d, "INSERT IGNORE INTO note_blocks (account_id, blocked_id, created_at) VALUES (?, ?, NOW())",
			       DB_ARGS(DB_ID(account), DB_ID(other)));
	return db_exec(d, "DELETE FROM note_blocks WHERE account_id = ? AND blocked_id = ?",
		       DB_ARGS(DB_ID(account), DB_ID(other)));
}

int note_unread(db *d, long long account, long *n)
{
	db_result *r = NULL;
	*n = 0;
	int rc = db_query(d, &r,
			  "SELECT COUNT(*) AS n FROM notes WHERE recipient_id = ? AND read_at IS NULL"
			  " AND recipient_deleted_at IS NULL",
			  DB_ARGS(DB_ID(account)));
	if (rc == MDG_OK)
		*n = (long)db_get_ll(r, 0, "n", 0);
	db_result_free(r);
	return rc;
}
