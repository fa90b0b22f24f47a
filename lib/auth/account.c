/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* account.c: citizen and staff accounts. */
#include "auth/account.h"
#include "auth/consent.h"
#include "auth/password.h"
#include "core/mdg.h"

#include <stdio.h>
#include <string.h>

int account_create(db *d, const account_new *a, long long *id, const char **which)
{
	char hash[PASSWORD_HASH_MAX];
	db_result *r = NULL;
	int rc;

	*which = NULL;
	rc = password_hash(a->password, hash);
	if (rc != MDG_OK)
		return rc;
	/* Tell the user which of the unique fields is taken. */
	rc = db_query(d, &r, "SELECT (SELECT COUNT(*) FROM accounts WHERE login_id = ?) AS logins,"
			     " (SELECT COUNT(*) FROM accounts WHERE email_owner = ?) AS emails",
		      DB_ARGS(DB_STR(a->login_id), DB_STR(a->email)));
	if (rc != MDG_OK)
		goto done;
	if (db_get_ll(r, 0, "logins", 0) > 0) {
		*which = "login_id";
		rc = MDG_ECONFLICT;
		goto done;
	}
	if (db_get_ll(r, 0, "emails", 0) > 0) {
		*which = "email";
		rc = MDG_ECONFLICT;
		goto done;
	}
	rc = db_exec(d, "INSERT INTO accounts (login_id, password_hash, must_change_password, name, email, mobile,"
			" kind, lang, consent_version, consent_at, notify_sms)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, IF(? = 1, NOW(), NULL), ?)",
		     DB_ARGS(DB_STR(a->login_id), DB_STR(hash), DB_INT((long long)(a->password_by == PASSWORD_BY_ADMIN)),
			     DB_STR(a->name), DB_STR(a->email), DB_STR(a->mobile), DB_STR(a->kind), DB_STR(a->lang),
			     DB_STR(a->consent ? CONSENT_VERSION : NULL), DB_INT((long long)(a->consent ? 1 : 0)),
			     /* citizens are told by SMS unless they opt out; staff opt in */
			     DB_INT((long long)(strcmp(a->kind, "citizen") == 0))));
	if (rc == MDG_ECONFLICT)
		*which = "login_id"; /* lost a race for the same ID or e-mail */
	if (rc == MDG_OK)
		*id = (long long)db_insert_id(d);
	if (rc == MDG_OK && a->consent)
		rc = consent_record(d, *id, CONSENT_KIND_REGISTER, CONSENT_VERSION, true, 0);
done:
	db_result_free(r);
	return rc;
}

/* Copies the first row's cell of column name into dst ("" for NULL). */
static void copy_cell(char *dst, size_t len, const db_result *r, const char *name)
{
	snprintf(dst, len, "%s", db_get(r, 0, name, ""));
}

void account_fill(const db_result *r, account *out)
{
	memset(out, 0, sizeof *out);
	out->id = db_get_ll(r, 0, "id", 0);
	copy_cell(out->login_id, sizeof out->login_id, r, "login_id");
	copy_cell(out->name, sizeof out->name, r, "name");
	copy_cell(out->email, sizeof out->email, r, "email");
	copy_cell(out->mobile, sizeof out->mobile, r, "mobile");
	copy_cell(out->kind, sizeof out->kind, r, "kind");
	copy_cell(out->lang, sizeof out->lang, r, "lang");
	out->active = db_get_ll(r, 0, "active", 0) == 1;
	out->must_change_password = db_get_ll(r, 0, "must_change", 0) == 1;
}

int account_get(db *d, long long id, account *out)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT " ACCOUNT_COLS " FROM accounts a WHERE a.id = ?", DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		account_fill(r, out);
	db_result_free(r);
	return rc;
}

int account_find_login(db *d, const char *login_id, long long *id, char *hash, size_t hashlen)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT id AS id, password_hash AS hash FROM accounts WHERE login_id = ?"
				 " AND active = 1",
			  DB_ARGS(DB_STR(login_id)));
	if (rc != MDG_OK)
		goto done;
	if (r->nrows == 0) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	*id = db_get_ll(r, 0, "id", 0);
	snprintf(hash, hashlen, "%s", db_get(r, 0, "hash", ""));
done:
	db_result_free(r);
	return rc;
}

int account_set_password(db *d, long long id, const char *password, enum password_setter by)
{
	char hash[PASSWORD_HASH_MAX];
	int rc = password_hash(password, hash);
	if (rc != MDG_OK)
		return rc;
	if (by == PASSWORD_REHASH)
		return db_exec(d, "UPDATE accounts SET password_hash = ? WHERE id = ?",
			       DB_ARGS(DB_STR(hash), DB_INT(id)));
	return db_exec(d, "UPDATE accounts SET password_hash = ?, must_change_password = ? WHERE id = ?",
		       DB_ARGS(DB_STR(hash), DB_INT((long long)(by == PASSWORD_BY_ADMIN)), DB_INT(id)));
}

int account_set_contact(db *d, long long id, const char *email, const char *mobile)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM accounts WHERE email_owner = ? AND id <> ?",
			  DB_ARGS(DB_STR(email), DB_INT(id)));
	if (rc == MDG_OK && db_get_ll(r, 0, "n", 0) > 0)
		rc = MDG_ECONFLICT;
	db_result_free(r);
	if (rc != MDG_OK)
		return rc;
	/* A new address has not bounced: the mark goes (set before email). */
	/* A new address is unproved (lib/auth/verify.h): its mark goes too. */
	return db_exec(d, "UPDATE accounts SET email_failing_at = IF(email <=> ?, email_failing_at, NULL),"
			  " email_verified_at = IF(email <=> ?, email_verified_at, NULL),"
			  " mobile_verified_at = IF(mobile <=> ?, mobile_verified_at, NULL), email = ?,"
			  " mobile = ? WHERE id = ?",
		       DB_ARGS(DB_STR(email), DB_STR(email), DB_STR(mobile), DB_STR(email), DB_STR(mobile), DB_INT(id)));
}

bool account_email_failing(db *d, long long id)
{
	db_result *r = NULL;
	bool failing = db_query(d, &r, "SELECT email_failing_at IS NOT NULL AS failing FROM accounts WHERE id = ?",
				DB_ARGS(DB_INT(id))) == MDG_OK &&
		       r->nrows == 1 && db_get_ll(r, 0, "failing", 0) != 0;
	db_result_free(r);
	return failing;
}

int account_set_lang(db *d, long long id, const char *lang)
{
	return db_exec(d, "UPDATE accounts SET lang = ? WHERE id = ?", DB_ARGS(DB_STR(lang), DB_INT(id)));
}

int account_get_notify(db *d, long long id, account_notify *out)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT notify_email AS email, notify_sms AS sms, notify_digest AS digest"
				 " FROM accounts WHERE id = ?",
			  DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		out->email = db_get_ll(r, 0, "email", 0) == 1;
		out->sms = db_get_ll(r, 0, "sms", 0) == 1;
		out->digest = db_get_ll(r, 0, "digest", 0) == 1;
	}
	db_result_free(r);
	return rc;
}

int account_set_notify(db *d, long long id, const account_notify *n)
{
	return db_exec(d, "UPDATE accounts SET notify_email = ?, notify_sms = ?, notify_digest = ? WHERE id = ?",
		       DB_ARGS(DB_INT((long long)n->email), DB_INT((long long)n->sms), DB_INT((long long)n->digest),
			       DB_INT(id)));
}

int account_by_verified_contact(db *d, const char *email, const char *mobile, long long *id)
{
	db_result *r = NULL;
	*id = 0;
	if (!(email && *email) && !(mobile && *mobile))
		return MDG_ENOTFOUND;
	/* A registered person's address counts only once it is verified:
	 * anyone may type another person's address when registering. */
	int rc = db_query(d, &r, "SELECT id AS id FROM accounts WHERE kind <> 'guest' AND active = 1 AND ("
				 " (? IS NOT NULL AND email_owner = ? AND email_verified_at IS NOT NULL)"
				 " OR (? IS NOT NULL AND mobile = ? AND mobile_verified_at IS NOT NULL))"
				 " ORDER BY id LIMIT 1",
			  DB_ARGS(DB_STR(email && *email ? email : NULL), DB_STR(email), DB_STR(mobile && *mobile ? mobile : NULL),
				  DB_STR(mobile)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		*id = db_get_ll(r, 0, "id", 0);
	db_result_free(r);
	return rc;
}

/* The guest whose e-mail or mobile this is (the e-mail's first): *id,
 * or 0 when none. */
static int guest_find(db *d, const char *email, const char *mobile, long long *id)
{
	db_result *r = NULL;
	*id = 0;
	int rc = db_query(d, &r, "SELECT id AS id FROM accounts WHERE guest_email = ? OR guest_mobile = ?"
				 " ORDER BY guest_email = ? DESC LIMIT 1",
			  DB_ARGS(DB_STR(email), DB_STR(mobile), DB_STR(email)));
	if (rc == MDG_OK && r->nrows)
		*id = db_get_ll(r, 0, "id", 0);
	db_result_free(r);
	return rc;
}

int account_guest(db *d, const account_contact *c, long long *id)
{
	const char *email = c->email && *c->email ? c->email : NULL;
	const char *mobile = c->mobile && *c->mobile ? c->mobile : NULL;
	*id = 0;
	if (!email && !mobile)
		return MDG_EINVAL;
	/* One guest per address: the same sender's later filings find the
	 * same guest. By the e-mail when there is one, so that a mail's
	 * answers go by mail, even when the mobile is another guest's. */
	int rc = guest_find(d, email, email ? NULL : mobile, id);
	for (int attempt = 0; rc == MDG_OK && !*id && attempt < 3; attempt++) {
		/* New: notices go where the person wrote from. A duplicate key
		 * means the address was taken meanwhile (a concurrent filing)
		 * or the mobile is another guest's: look again, and file under
		 * the e-mail alone when only the mobile is taken. */
		rc = db_exec(d, "INSERT INTO accounts (name, email, mobile, kind, lang, notify_email, notify_sms)"
				" VALUES (?, ?, ?, 'guest', ?, ? IS NOT NULL, ? IS NOT NULL)",
			     DB_ARGS(DB_STR(c->name ? c->name : ""), DB_STR(email), DB_STR(mobile), DB_STR(c->lang),
				     DB_STR(email), DB_STR(mobile)));
		if (rc == MDG_OK) {
			*id = (long long)db_insert_id(d);
			break;
		}
		if (rc != MDG_ECONFLICT)
			break;
		rc = guest_find(d, email, email ? NULL : mobile, id);
		if (rc == MDG_OK && !*id && email)
			mobile = NULL;
	}
	if (rc == MDG_OK && !*id)
		rc = MDG_ECONFLICT;
	return rc;
}

int account_for_contact(db *d, const account_contact *c, long long *id)
{
	int rc = account_by_verified_contact(d, c->email, c->mobile, id);
	if (rc == MDG_ENOTFOUND)
		rc = account_guest(d, c, id);
	return rc;
}
