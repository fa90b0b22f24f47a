/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* verify.c: see verify.h. */
#include "auth/verify.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "auth/account.h"
#include "auth/rate_limit.h"
#include "auth/session.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "notify/notice.h"
#include "org/audit.h"

/* The columns of an account this file reads; the strings live in r. */
struct who {
	long long id;
	const char *login_id, *name, *email, *mobile, *lang;
	bool email_verified, mobile_verified;
	db_result *r;
};

/* An active citizen or staff account by id (login_id NULL) or by login
 * ID. MDG_ENOTFOUND when there is none. Free with who_free. */
static int who_load(db *d, long long id, const char *login_id, struct who *w)
{
	memset(w, 0, sizeof *w);
	int rc = db_query(d, &w->r,
			  "SELECT id AS id, login_id AS login_id, name AS name, email AS email,"
			  " IFNULL(mobile, '') AS mobile, IFNULL(lang, 'ko') AS lang,"
			  " email_verified_at IS NOT NULL AS ev, mobile_verified_at IS NOT NULL AS mv"
			  " FROM accounts WHERE active = 1 AND kind <> 'guest' AND (id = ? OR login_id = ?)",
			  DB_ARGS(DB_INT(login_id ? -1 : id), DB_STR(login_id ? login_id : "")));
	if (rc != MDG_OK)
		return rc;
	if (w->r->nrows != 1)
		return MDG_ENOTFOUND;
	w->id = db_get_ll(w->r, 0, "id", 0);
	w->login_id = db_get(w->r, 0, "login_id", "");
	w->name = db_get(w->r, 0, "name", "");
	w->email = db_get(w->r, 0, "email", "");
	w->mobile = db_get(w->r, 0, "mobile", "");
	w->lang = db_get(w->r, 0, "lang", "ko");
	w->email_verified = db_get_ll(w->r, 0, "ev", 0) != 0;
	w->mobile_verified = db_get_ll(w->r, 0, "mv", 0) != 0;
	return MDG_OK;
}

static void who_free(struct who *w)
{
	db_result_free(w->r);
	w->r = NULL;
}

void verify_code_new(char out[VERIFY_CODE_LEN + 1])
{
	for (int i = 0; i < VERIFY_CODE_LEN; i++)
		out[i] = (char)('0' + crypto_uniform(10));
	out[VERIFY_CODE_LEN] = '\0';
}

bool verify_code_wellformed(const char *s)
{
	if (!s)
		return false;
	for (int i = 0; i < VERIFY_CODE_LEN; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[VERIFY_CODE_LEN] == '\0';
}

int verify_state_get(db *d, long long account_id, verify_state *out)
{
	struct who w;
	memset(out, 0, sizeof *out);
	int rc = who_load(d, account_id, NULL, &w);
	if (rc == MDG_OK) {
		out->email = w.email_verified;
		out->mobile = w.mobile_verified;
	}
	who_free(&w);
	return rc;
}

/* The throttle of one sending: per address, per account (when given),
 * per client, in one transaction: a refusal counts in no scope. Not to be
 * called inside a transaction. */
/* throttle's arguments, for its transaction. */
struct sending {
	const char *what, *address, *client;
	long long account_id;
};

/* The transaction of throttle (db_transaction). */
static int throttle_tx(db *d, void *arg)
{
	const struct sending *t = arg;
	char scope[24], acct[24];
	snprintf(acct, sizeof acct, "%lld", t->account_id);
	snprintf(scope, sizeof scope, "%s.to", t->what);
	int rc = rate_limit_take(d, scope, t->address, VERIFY_RATE_PER_ADDRESS, VERIFY_RATE_WINDOW);
	snprintf(scope, sizeof scope, "%s.acct", t->what);
	if (rc == MDG_OK && t->account_id)
		rc = rate_limit_take(d, scope, acct, VERIFY_RATE_PER_ACCOUNT, VERIFY_RATE_WINDOW);
	snprintf(scope, sizeof scope, "%s.client", t->what);
	if (rc == MDG_OK)
		rc = rate_limit_take(d, scope, t->client ? t->client : "", VERIFY_RATE_PER_CLIENT, VERIFY_RATE_WINDOW);
	return rc;
}

static int throttle(db *d, const char *what, const char *address, long long account_id, const char *client)
{
	struct sending t = {.what = what, .address = address, .client = client, .account_id = account_id};
	return db_transaction(d, throttle_tx, &t);
}

/* Stores a new code or nonce (secret) for purpose and address, valid
 * minutes, and spends the account's earlier ones of that purpose: only
 * the newest works. */
static int code_store(db *d, long long account_id, const char *purpose, const char *address, const char *secret,
		      long minutes)
{
	char h[CRYPTO_HASH_HEX];
	crypto_sha256_hex(secret, h);
	int rc = db_exec(d, "UPDATE contact_codes SET used_at = NOW() WHERE account_id = ? AND purpose = ?"
			    " AND used_at IS NULL",
			 DB_ARGS(DB_INT(account_id), DB_STR(purpose)));
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO contact_codes (account_id, purpose, address, secret_hash, created_at,"
				" expires_at) VALUES (?, ?, ?, ?, NOW(), NOW() + INTERVAL ? MINUTE)",
			     DB_ARGS(DB_INT(account_id), DB_STR(purpose), DB_STR(address), DB_STR(h),
				     DB_INT(minutes)));
	return rc;
}

/* Queues kind to address with one payload member (name = value). */
static int send_one(db *d, const struct who *w, const char *channel, const char *address, notice_kind kind,
		    const char *name, const char *value)
{
	json_t *p = json_object();
	if (!p)
		return MDG_ERR;
	json_object_set_new(p, name, json_string(value));
	json_object_set_new(p, "login_id", json_string(w->login_id));
	int rc = notice_to_address(d, w->id, channel, address, w->name, w->lang, kind, p);
	json_decref(p);
	return rc;
}

/* A new nonce and the signed link path prefix + TOKEN in link. */
static void link_new(const uint8_t *key, size_t keylen, const char *label, const char *prefix,
		     char nonce[33], char *link, size_t linklen)
{
	char token[NOTICE_TOKEN_MAX];
	crypto_random_hex(nonce, 16);
	notice_token_sign(key, keylen, label, nonce, token);
	snprintf(link, linklen, "%s%s", prefix, token);
}

/* Sends a proof of the account's number (sms: the code, secret = value)
 * or address (the link value, whose nonce is secret), throttled. */
static int proof_send(db *d, const struct who *w, bool sms, const char *client, const char *secret,
		      const char *value)
{
	const char *address = sms ? w->mobile : w->email;
	int rc = throttle(d, sms ? "vmobile" : "vemail", address, w->id, client);
	if (rc == MDG_OK)
		rc = code_store(d, w->id, sms ? "mobile" : "email", address, secret,
				sms ? VERIFY_CODE_MINUTES : VERIFY_LINK_MINUTES);
	if (rc == MDG_OK)
		rc = send_one(d, w, sms ? "sms" : "email", address, NOTICE_VERIFY, sms ? "code" : "link", value);
	return rc;
}

int verify_mobile_send(db *d, long long account_id, const char *client)
{
	struct who w;
	char code[VERIFY_CODE_LEN + 1];
	int rc = who_load(d, account_id, NULL, &w);
	if (rc == MDG_OK && (!w.mobile[0] || w.mobile_verified))
		rc = MDG_EINVAL;
	verify_code_new(code);
	if (rc == MDG_OK)
		rc = proof_send(d, &w, true, client, code, code);
	who_free(&w);
	return rc;
}

/* The newest live code of purpose for the account whose address is
 * address: *id, or MDG_ENOTFOUND. One try is counted first, atomically,
 * so that parallel guesses cannot exceed VERIFY_CODE_TRIES; a right code
 * then marks the row used (MDG_OK), a wrong one leaves the try spent
 * (MDG_EINVAL). */
static int code_try(db *d, long long account_id, const char *purpose, const char *address, const char *code,
		    long long *id)
{
	db_result *r = NULL;
	char h[CRYPTO_HASH_HEX];
	*id = 0;
	if (!verify_code_wellformed(code))
		return MDG_EINVAL;
	int rc = db_query(d, &r, "SELECT id AS id, secret_hash AS h FROM contact_codes WHERE account_id = ?"
				 " AND purpose = ? AND address = ? AND used_at IS NULL AND expires_at > NOW()"
				 " AND tries < ? ORDER BY id DESC LIMIT 1",
			  DB_ARGS(DB_INT(account_id), DB_STR(purpose), DB_STR(address), DB_INT(VERIFY_CODE_TRIES)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	long long row = rc == MDG_OK ? db_get_ll(r, 0, "id", 0) : 0;
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE contact_codes SET tries = tries + 1 WHERE id = ? AND tries < ?"
				" AND used_at IS NULL",
			     DB_ARGS(DB_INT(row), DB_INT(VERIFY_CODE_TRIES)));
	if (rc == MDG_OK && db_affected(d) != 1)
		rc = MDG_ENOTFOUND;
	crypto_sha256_hex(code, h);
	if (rc == MDG_OK && !crypto_str_equal(h, db_get(r, 0, "h", "")))
		rc = MDG_EINVAL;
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE contact_codes SET used_at = NOW() WHERE id = ? AND used_at IS NULL",
			     DB_ARGS(DB_INT(row)));
	if (rc == MDG_OK && db_affected(d) != 1)
		rc = MDG_ENOTFOUND; /* a parallel right guess used it */
	if (rc == MDG_OK)
		*id = row;
	db_result_free(r);
	return rc;
}

int verify_mobile_check(db *d, long long account_id, const char *code)
{
	struct who w;
	long long row;
	int rc = who_load(d, account_id, NULL, &w);
	if (rc == MDG_OK && !w.mobile[0])
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = code_try(d, w.id, "mobile", w.mobile, code, &row);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE accounts SET mobile_verified_at = NOW() WHERE id = ? AND mobile = ?",
			     DB_ARGS(DB_INT(w.id), DB_STR(w.mobile)));
	if (rc == MDG_OK)
		log_info("mobile number of %lld verified", w.id);
	who_free(&w);
	return rc;
}

int verify_email_send(db *d, const uint8_t *key, size_t keylen, long long account_id, const char *client)
{
	struct who w;
	char nonce[33], link[NOTICE_TOKEN_MAX + 32];
	int rc = who_load(d, account_id, NULL, &w);
	if (rc == MDG_OK && (!w.email[0] || w.email_verified))
		rc = MDG_EINVAL;
	link_new(key, keylen, VERIFY_LINK_LABEL, "/verify/email/", nonce, link, sizeof link);
	if (rc == MDG_OK)
		rc = proof_send(d, &w, false, client, nonce, link);
	who_free(&w);
	return rc;
}

/* The live link row of purpose signed as token under label: *id, the
 * account and the address it was sent to (address: 255 bytes). Marks it
 * used when use. MDG_ENOTFOUND when forged, used or expired. */
static int link_find(db *d, const uint8_t *key, size_t keylen, const char *label, const char *purpose,
		     const char *token, bool use, long long *id, long long *account_id, char address[255])
{
	db_result *r = NULL;
	char nonce[NOTICE_TOKEN_SUBJECT_MAX + 1], h[CRYPTO_HASH_HEX];
	*id = *account_id = 0;
	if (!notice_token_verify(key, keylen, label, token, nonce, sizeof nonce))
		return MDG_ENOTFOUND;
	crypto_sha256_hex(nonce, h);
	int rc = db_query(d, &r, "SELECT id AS id, account_id AS account_id, address AS address FROM contact_codes"
				 " WHERE secret_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > NOW()",
			  DB_ARGS(DB_STR(h), DB_STR(purpose)));
	if (rc == MDG_OK && r->nrows != 1)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		*id = db_get_ll(r, 0, "id", 0);
		*account_id = db_get_ll(r, 0, "account_id", 0);
		snprintf(address, 255, "%s", db_get(r, 0, "address", ""));
	}
	if (rc == MDG_OK && use)
		rc = db_exec(d, "UPDATE contact_codes SET used_at = NOW() WHERE id = ? AND used_at IS NULL",
			     DB_ARGS(DB_INT(*id)));
	if (rc == MDG_OK && use && db_affected(d) != 1)
		rc = MDG_ENOTFOUND;
	db_result_free(r);
	return rc;
}

int verify_email_confirm(db *d, const uint8_t *key, size_t keylen, const char *token, long long *account_id)
{
	long long row;
	char address[255];
	int rc = link_find(d, key, keylen, VERIFY_LINK_LABEL, "email", token, true, &row, account_id, address);
	/* Only the address the link went to, while it is still the account's. */
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE accounts SET email_verified_at = NOW() WHERE id = ? AND email = ? AND active = 1",
			     DB_ARGS(DB_INT(*account_id), DB_STR(address)));
	if (rc == MDG_OK && db_affected(d) != 1)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		log_info("e-mail address of %lld verified", *account_id);
	else
		*account_id = 0;
	return rc;
}

int recover_send(db *d, const uint8_t *key, size_t keylen, const char *login_id, const char *channel,
		 const char *client)
{
	struct who w;
	bool sms = strcmp(channel, "sms") == 0;
	char secret[VERIFY_CODE_LEN + 1], nonce[33], link[NOTICE_TOKEN_MAX + 32];
	int rc = who_load(d, 0, login_id, &w);
	bool known = rc == MDG_OK && (sms ? w.mobile_verified && w.mobile[0] : w.email_verified);
	if (rc != MDG_OK && rc != MDG_ENOTFOUND)
		goto done;
	/* Unknown or not: the same throttle, the same work, the same answer. */
	rc = throttle(d, "recover", known ? (sms ? w.mobile : w.email) : login_id, 0, client);
	if (rc == MDG_OK)
		rc = rate_limit_take(d, "recover.login", login_id, VERIFY_RATE_PER_ACCOUNT, VERIFY_RATE_WINDOW);
	verify_code_new(secret);
	link_new(key, keylen, RECOVER_LINK_LABEL, "/reset/", nonce, link, sizeof link);
	if (rc != MDG_OK || !known)
		goto done;
	rc = code_store(d, w.id, "reset", sms ? w.mobile : w.email, sms ? secret : nonce, RECOVER_MINUTES);
	if (rc == MDG_OK)
		rc = send_one(d, &w, channel, sms ? w.mobile : w.email, NOTICE_RECOVER, sms ? "code" : "link",
			      sms ? secret : link);
	if (rc == MDG_OK)
		log_info("password recovery of %lld sent by %s", w.id, sms ? "sms" : "email");
done:
	who_free(&w);
	return rc;
}

bool recover_link_live(db *d, const uint8_t *key, size_t keylen, const char *token)
{
	long long row, account_id;
	char address[255];
	return link_find(d, key, keylen, RECOVER_LINK_LABEL, "reset", token, false, &row, &account_id, address) ==
	       MDG_OK;
}

/* After a reset: the new password, every session ended, the other reset
 * codes spent, and each verified contact told. */
static int reset_finish(db *d, const struct who *w, const char *password)
{
	int rc = account_set_password(d, w->id, password, PASSWORD_BY_OWNER);
	if (rc == MDG_OK)
		rc = session_delete_others(d, w->id, NULL);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE contact_codes SET used_at = NOW() WHERE account_id = ? AND purpose = 'reset'"
				" AND used_at IS NULL",
			     DB_ARGS(DB_INT(w->id)));
	if (rc == MDG_OK && w->email_verified)
		rc = send_one(d, w, "email", w->email, NOTICE_PASSWORD_RESET, "when", "now");
	if (rc == MDG_OK && w->mobile_verified && w->mobile[0])
		rc = send_one(d, w, "sms", w->mobile, NOTICE_PASSWORD_RESET, "when", "now");
	return rc;
}

/* recover_reset_link's and recover_reset_code's arguments, for their
 * transactions: the account the link names (loaded in it) or the one
 * found before. */
struct reset {
	const uint8_t *key;
	size_t keylen;
	const char *token, *password;
	struct who w;
};

/* The transaction of recover_reset_link (db_transaction): the link is
 * spent in it, so the account is loaded again on each run. */
static int reset_link_tx(db *d, void *arg)
{
	struct reset *t = arg;
	long long row, account_id;
	char address[255];
	who_free(&t->w);
	t->w = (struct who){0};
	int rc = link_find(d, t->key, t->keylen, RECOVER_LINK_LABEL, "reset", t->token, true, &row, &account_id,
			   address);
	if (rc == MDG_OK)
		rc = who_load(d, account_id, NULL, &t->w);
	/* The link went to an address that is no longer the account's. */
	if (rc == MDG_OK && (!t->w.email_verified || strcmp(address, t->w.email) != 0))
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = reset_finish(d, &t->w, t->password);
	return rc;
}

/* The transaction of recover_reset_code (db_transaction). */
static int reset_code_tx(db *d, void *arg)
{
	struct reset *t = arg;
	return reset_finish(d, &t->w, t->password);
}

int recover_reset_link(db *d, const uint8_t *key, size_t keylen, const char *token, const char *password)
{
	struct reset t = {.key = key, .keylen = keylen, .token = token, .password = password};
	int rc = db_transaction(d, reset_link_tx, &t);
	if (rc == MDG_OK)
		log_info("password of %lld reset by its owner through recovery", t.w.id);
	who_free(&t.w);
	return rc;
}

int recover_reset_code(db *d, const char *login_id, const char *code, const char *password)
{
	struct reset t = {.password = password};
	long long row;
	int rc = who_load(d, 0, login_id, &t.w);
	if (rc == MDG_OK && !(t.w.mobile_verified && t.w.mobile[0]))
		rc = MDG_ENOTFOUND;
	/* The try counts even when the reset then fails. */
	if (rc == MDG_OK)
		rc = code_try(d, t.w.id, "reset", t.w.mobile, code, &row);
	if (rc == MDG_OK)
		rc = db_transaction(d, reset_code_tx, &t);
	if (rc == MDG_OK)
		log_info("password of %lld reset by its owner through recovery", t.w.id);
	who_free(&t.w);
	return rc;
}

int recover_send_login_id(db *d, const char *contact, const char *client)
{
	struct who w = {0};
	long long id = 0;
	bool mail = strchr(contact, '@') != NULL;
	int rc = throttle(d, "forgotid", contact, 0, client);
	if (rc == MDG_OK)
		rc = account_by_verified_contact(d, mail ? contact : NULL, mail ? NULL : contact, &id);
	if (rc == MDG_ENOTFOUND)
		return MDG_OK;
	if (rc == MDG_OK)
		rc = who_load(d, id, NULL, &w);
	if (rc == MDG_OK)
		rc = send_one(d, &w, mail ? "email" : "sms", mail ? w.email : w.mobile, NOTICE_LOGIN_ID, "login",
			      w.login_id);
	if (rc == MDG_ENOTFOUND)
		rc = MDG_OK;
	who_free(&w);
	return rc;
}

typedef struct carry_args {
	bool email, mobile;
	long emails, mobiles;
} carry_args;

static int carry_body(db *d, void *arg)
{
	carry_args *a = arg;
	char detail[80];
	int rc = MDG_OK;
	a->emails = a->mobiles = 0;
	if (a->email) {
		rc = db_exec(d, "UPDATE accounts SET email_verified_at = NOW() WHERE active = 1"
				" AND kind IN ('citizen', 'staff') AND email_verified_at IS NULL AND email <> ''",
			     DB_NO_ARGS);
		a->emails = rc == MDG_OK ? (long)db_affected(d) : 0;
	}
	if (rc == MDG_OK && a->mobile) {
		rc = db_exec(d, "UPDATE accounts SET mobile_verified_at = NOW() WHERE active = 1"
				" AND kind IN ('citizen', 'staff') AND mobile_verified_at IS NULL AND mobile <> ''",
			     DB_NO_ARGS);
		a->mobiles = rc == MDG_OK ? (long)db_affected(d) : 0;
	}
	snprintf(detail, sizeof detail, "e-mail addresses: %ld, mobile numbers: %ld", a->emails, a->mobiles);
	if (rc == MDG_OK)
		rc = audit_write(d, &(actor){0, "madangctl"}, "account", "*", "verify_carry_over", detail);
	return rc;
}

int verify_carry_over(db *d, bool email, bool mobile, long *emails, long *mobiles)
{
	carry_args a = {email, mobile, 0, 0};
	int rc = db_transaction(d, carry_body, &a);
	*emails = a.emails;
	*mobiles = a.mobiles;
	return rc;
}
