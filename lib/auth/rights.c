/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rights.c: the "my data" download's contents, closing an account, the
 * sign-in history (rights.h). */
#include "auth/rights.h"
#include "auth/consent.h"
#include "auth/totp.h"
#include "cases/dossier.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "db/sql.h"
#include "notify/notice.h"

#include <stdio.h>
#include <string.h>

int signin_record(db *d, long long account_id, const char *channel, bool success, const char *client_addr)
{
	return db_exec(d, "INSERT INTO sign_ins (account_id, at, channel, success, client_addr) VALUES (?, NOW(), ?, ?, ?)",
		       DB_ARGS(DB_INT(account_id), DB_STR(channel), DB_INT((long long)success),
			       DB_STR(client_addr ? client_addr : "")));
}

json_t *rights_rows_json(const db_result *r)
{
	json_t *rows = json_array();
	for (unsigned i = 0; r && i < r->nrows; i++) {
		json_t *o = json_object();
		for (unsigned c = 0; c < r->ncols; c++) {
			const char *cell = r->cells[(size_t)i * r->ncols + c];
			json_object_set_new(o, r->names[c], cell ? json_stringn(cell, r->lens[(size_t)i * r->ncols + c])
							      : json_null());
		}
		json_array_append_new(rows, o);
	}
	return rows;
}

void rights_file_name(const char *tracking, long long id, const char *original, char out[RIGHTS_FILE_NAME_MAX])
{
	char name[101];
	size_t n = 0;
	for (size_t i = 0; original && original[i];) {
		size_t len = utf8_seq_len((unsigned char)original[i]);
		if (len == 0 || strnlen(original + i, len) < len)
			len = 1;
		if (n + len >= sizeof name)
			break;
		unsigned char c = (unsigned char)original[i];
		if (len == 1 && (c < 0x20 || c == 0x7f || c >= 0x80 || c == '/' || c == '\\' || c == ':' ||
				 (n == 0 && c == '.')))
			name[n++] = '_';
		else {
			memcpy(name + n, original + i, len);
			n += len;
		}
		i += len;
	}
	name[n] = '\0';
	snprintf(out, RIGHTS_FILE_NAME_MAX, "attachments/%s/%lld-%s", tracking, id, n ? name : "file");
}

/* Adds the rows of one query as section name of out. */
static int add_rows(json_t *out, const char *name, int rc, db_result *r)
{
	if (rc == MDG_OK)
		json_object_set_new(out, name, rights_rows_json(r));
	db_result_free(r);
	return rc;
}

/* A part of the download: its name, the SQL (binds one id). */
struct section {
	const char *name;
	const char *sql;
};

/* What the filer sees of each case beside its timeline (binds the case). */
static const struct section case_parts[] = {
	{"answers", "SELECT an.body AS body, " SQL_SECOND("an.sent_at") " AS sent FROM answers an"
		    " WHERE an.case_id = ? AND an.status = 'sent' ORDER BY an.id"},
	{"questions", "SELECT q.question_id AS question, q.answer AS answer FROM case_answers q"
		      " WHERE q.case_id = ? ORDER BY q.question_id"},
	{"attachments", "SELECT t.id AS id, t.original_name AS name, t.mime_type AS type,"
			" t.size_bytes AS size FROM attachments t WHERE t.case_id = ? ORDER BY t.id"},
};

/* The account's cases, each with what its filer sees: the sent answers,
 * the public timeline with their own messages, the answers to the
 * category's questions, the attachments' names. */
static int add_cases(db *d, long long account_id, const char *lang, json_t *out)
{
	db_result *cases = NULL;
	json_t *list = NULL;
	int rc = db_query(d, &cases,
			  "SELECT c.id AS id, c.tracking_no AS tracking, c.kind AS kind, c.channel AS channel,"
			  " " SQL_NAME_IN("g.") " AS category, " SQL_NAME_IN("dp.") " AS department,"
			  " c.title AS title, c.body AS body, c.status AS status, c.is_public AS public,"
			  " c.address AS address, c.latitude AS latitude, c.longitude AS longitude,"
			  " " SQL_SECOND("c.created_at") " AS created, " SQL_SECOND("c.updated_at") " AS updated"
			  " FROM cases c JOIN categories g ON g.id = c.category_id"
			  " LEFT JOIN departments dp ON dp.id = c.department_id"
			  " WHERE c.account_id = ? ORDER BY c.id",
			  DB_ARGS(DB_STR(lang), DB_STR(lang), DB_INT(account_id)));
	if (rc != MDG_OK)
		goto done;
	list = rights_rows_json(cases);
	for (unsigned i = 0; rc == MDG_OK && i < cases->nrows; i++) {
		long long id = db_get_ll(cases, i, "id", 0);
		json_t *c = json_array_get(list, i);
		db_result *r = NULL;
		rc = dossier_timeline(d, id, lang, true, &r);
		rc = add_rows(c, "events", rc, r);
		for (size_t p = 0; rc == MDG_OK && p < MDG_ARRAY_LEN(case_parts); p++) {
			r = NULL;
			rc = db_query(d, &r, case_parts[p].sql, DB_ARGS(DB_INT(id)));
			rc = add_rows(c, case_parts[p].name, rc, r);
		}
	}
	if (rc == MDG_OK) {
		json_object_set_new(out, "cases", list);
		list = NULL;
	}
done:
	json_decref(list);
	db_result_free(cases);
	return rc;
}

/* One section per query: its name, the SQL (binds the account once). */
static const struct section sections[] = {
	{"account", "SELECT a.id AS id, a.login_id AS login_id, a.name AS name, a.email AS email,"
		    " a.mobile AS mobile, a.kind AS kind, a.lang AS lang, " SQL_SECOND("a.created_at") " AS created,"
		    " " SQL_SECOND("a.email_verified_at") " AS email_verified,"
		    " " SQL_SECOND("a.mobile_verified_at") " AS mobile_verified,"
		    " a.identity_name AS identity_name, " SQL_SECOND("a.identity_verified_at") " AS identity_verified,"
		    " a.notify_email AS notify_email, a.notify_sms AS notify_sms, a.mileage_public AS mileage_public"
		    " FROM accounts a WHERE a.id = ?"},
	{"consents", "SELECT c.kind AS kind, c.text_version AS version, c.given AS given,"
		     " " SQL_SECOND("c.at") " AS at FROM consents c WHERE c.account_id = ? ORDER BY c.at, c.id"},
	{"notices", "SELECT n.kind AS kind, c.tracking_no AS tracking, n.payload AS payload,"
		    " " SQL_SECOND("n.created_at") " AS created, " SQL_SECOND("n.read_at") " AS `read`"
		    " FROM notices n LEFT JOIN cases c ON c.id = n.case_id WHERE n.account_id = ? ORDER BY n.id"},
	{"proposals", "SELECT p.id AS id, p.title AS title, p.problem AS problem, p.proposal AS proposal,"
		      " p.effect AS effect, p.address AS address, p.state AS state, p.support_count AS supports,"
		      " p.moderation AS moderation, " SQL_SECOND("p.created_at") " AS created,"
		      " " SQL_SECOND("p.closes_at") " AS closes"
		      " FROM proposals p WHERE p.author_id = ? ORDER BY p.id"},
	{"supports", "SELECT s.proposal_id AS proposal, p.title AS title, " SQL_SECOND("s.created_at") " AS at"
		     " FROM proposal_supports s JOIN proposals p ON p.id = s.proposal_id"
		     " WHERE s.account_id = ? ORDER BY s.created_at"},
	{"posts", "SELECT p.id AS id, p.parent_kind AS parent_kind, p.parent_id AS parent_id,"
		  " p.reply_to AS reply_to, p.side AS side, p.body AS body, p.moderation AS moderation,"
		  " " SQL_SECOND("p.created_at") " AS created, " SQL_SECOND("p.edited_at") " AS edited"
		  " FROM posts p WHERE p.author_id = ? ORDER BY p.id"},
	{"reports", "SELECT r.kind AS kind, r.item_id AS item, r.reason AS reason, r.note AS note,"
		    " r.outcome AS outcome, " SQL_SECOND("r.created_at") " AS created"
		    " FROM content_reports r WHERE r.reporter_id = ? ORDER BY r.id"},
	{"mileage", "SELECT l.points AS points, l.reason AS reason, l.kind AS kind, l.item_id AS item,"
		    " " SQL_SECOND("l.created_at") " AS at FROM mileage_ledger l WHERE l.account_id = ? ORDER BY l.id"},
	{"penalties", "SELECT p.level AS level, p.reason AS reason, p.kind AS kind, p.item_id AS item,"
		      " " SQL_SECOND("p.starts_at") " AS starts, " SQL_SECOND("p.ends_at") " AS ends,"
		      " p.objection AS objection, p.objection_state AS objection_state,"
		      " p.objection_answer AS objection_answer, " SQL_SECOND("p.lifted_at") " AS lifted,"
		      " p.lift_reason AS lift_reason FROM penalties p WHERE p.account_id = ? ORDER BY p.id"},
	{"sign_ins", "SELECT " SQL_SECOND("s.at") " AS at, s.channel AS channel, s.success AS success,"
		     " s.client_addr AS address FROM sign_ins s WHERE s.account_id = ? ORDER BY s.id"},
};

int rights_collect(db *d, long long account_id, const char *lang, json_t **out)
{
	json_t *all = json_object();
	int rc = MDG_OK;
	*out = NULL;
	for (size_t i = 0; rc == MDG_OK && i < MDG_ARRAY_LEN(sections); i++) {
		db_result *r = NULL;
		rc = db_query(d, &r, sections[i].sql, DB_ARGS(DB_INT(account_id)));
		rc = add_rows(all, sections[i].name, rc, r);
	}
	if (rc == MDG_OK)
		rc = add_cases(d, account_id, lang, all);
	if (rc == MDG_OK) {
		*out = all;
		all = NULL;
	}
	json_decref(all);
	return rc;
}

int rights_attachments(db *d, long long account_id, db_result **out)
{
	return db_query(d, out,
			"SELECT c.tracking_no AS tracking, t.id AS id, t.stored_name AS stored, t.original_name AS name"
			" FROM attachments t JOIN cases c ON c.id = t.case_id WHERE c.account_id = ? ORDER BY t.id",
			DB_ARGS(DB_INT(account_id)));
}

/* account_close's transaction. */
struct close_arg {
	const actor *who;
	long long id;
	const char *lang;
};

/* The confirmation to the address about to be removed, when verified. */
static int close_confirm(db *d, long long id, const char *lang)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT a.email AS email, a.name AS name FROM accounts a"
				 " WHERE a.id = ? AND a.email_verified_at IS NOT NULL",
			  DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK && r->nrows == 1) {
		json_t *payload = json_pack("{s:s}", "link", "/");
		rc = payload ? notice_to_address(d, id, "email", db_get(r, 0, "email", ""), db_get(r, 0, "name", ""),
						 lang, NOTICE_ACCOUNT_CLOSED, payload)
			     : MDG_ERR;
		json_decref(payload);
		/* An address that no longer passes the check: nothing to send. */
		if (rc == MDG_EINVAL)
			rc = MDG_OK;
	}
	db_result_free(r);
	return rc;
}

/* What closing an account changes, each statement binding the account. */
static const char *const close_statements[] = {
	/* The unique login ID and e-mail become ones no person can have
	 * (a login ID starts with a letter; ".invalid" is reserved). */
	"UPDATE accounts SET closed_at = NOW(), active = 0, name = '',"
	" login_id = CONCAT('~', id), email = CONCAT('closed-', id, '@closed.invalid'),"
	" mobile = NULL, password_hash = '!', must_change_password = 0,"
	" email_verified_at = NULL, mobile_verified_at = NULL, email_failing_at = NULL,"
	" identity_hash = NULL, identity_name = NULL, identity_verified_at = NULL,"
	" notify_email = 0, notify_sms = 0, notify_digest = 0, mileage_public = 0"
	" WHERE id = ?",
	"DELETE FROM sessions WHERE account_id = ?",
	"DELETE FROM totp_pending WHERE account_id = ?",
	"DELETE FROM identity_states WHERE account_id = ?",
	"DELETE FROM contact_codes WHERE account_id = ?",
	"DELETE FROM sms_pending WHERE account_id = ?",
	/* Client addresses: no use once no one can sign in. */
	"DELETE FROM sign_ins WHERE account_id = ?",
	/* The cases' copies of the contact data. */
	"UPDATE calls SET phone = NULL WHERE caller_id = ?",
	"UPDATE mail_intake m JOIN cases c ON c.id = m.case_id SET m.sender = '' WHERE c.account_id = ?",
	"UPDATE sms_inbound s JOIN cases c ON c.id = s.case_id SET s.sender = '' WHERE c.account_id = ?",
	/* A support counted per verified number names the number
	 * (proposal_identity): the account's own id instead. */
	"UPDATE proposal_supports SET identity = CONCAT('a:', account_id) WHERE account_id = ?",
};

static int close_body(db *d, void *arg)
{
	const struct close_arg *a = arg;
	db_result *r = NULL;
	char id[24];
	const db_arg me[] = {DB_INT(a->id)};
	snprintf(id, sizeof id, "%lld", a->id);
	int rc = db_query(d, &r, "SELECT kind AS kind FROM accounts WHERE id = ? AND closed_at IS NULL FOR UPDATE",
			  DB_ARGS(DB_INT(a->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && strcmp(db_get(r, 0, "kind", ""), "citizen") != 0)
		rc = MDG_EDENIED;
	db_result_free(r);
	if (rc == MDG_OK)
		rc = close_confirm(d, a->id, a->lang);
	for (size_t i = 0; rc == MDG_OK && i < MDG_ARRAY_LEN(close_statements); i++)
		rc = db_exec(d, close_statements[i], me, 1);
	if (rc == MDG_OK)
		rc = totp_remove(d, a->id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "account", id, "close", "by its owner");
	return rc;
}

int account_close(db *d, const actor *who, long long account_id, const char *lang)
{
	struct close_arg a = {who, account_id, lang};
	return db_transaction(d, close_body, &a);
}
