/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* identity.c: the real-name check's signatures, states and records. */
#include "auth/identity.h"
#include "auth/consent.h"
#include "core/crypto.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "db/sql.h"
#include "org/setting.h"

#include <stdio.h>
#include <string.h>

/* Labels keep a MAC of one kind from passing for another. */
#define STATE_LABEL "madang-identity-state\n"
#define MAC_TEXT 44 /* base64url of 32 bytes + NUL */

static void state_mac(const uint8_t *key, size_t keylen, const char *nonce, char out[MAC_TEXT])
{
	char msg[sizeof STATE_LABEL + IDENTITY_NONCE_TEXT];
	uint8_t mac[CRYPTO_HASH_BYTES];
	snprintf(msg, sizeof msg, "%s%s", STATE_LABEL, nonce);
	crypto_hmac(key, keylen, msg, strlen(msg), mac);
	crypto_b64url(mac, sizeof mac, out, MAC_TEXT);
}

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[n] == '\0';
}

void identity_state_sign(const uint8_t *key, size_t keylen, const char *nonce, char out[IDENTITY_STATE_MAX])
{
	char mac[MAC_TEXT];
	state_mac(key, keylen, nonce, mac);
	snprintf(out, IDENTITY_STATE_MAX, "%s.%s", nonce, mac);
}

bool identity_state_check(const uint8_t *key, size_t keylen, const char *state, char nonce[IDENTITY_NONCE_TEXT])
{
	const size_t n = IDENTITY_NONCE_TEXT - 1;
	char mac[MAC_TEXT];
	if (!state || strlen(state) <= n || state[n] != '.')
		return false;
	memcpy(nonce, state, n);
	nonce[n] = '\0';
	if (!is_hex(nonce, n))
		return false;
	state_mac(key, keylen, nonce, mac);
	return crypto_str_equal(mac, state + n + 1);
}

/* YYYY-MM-DD of a day that exists (1900 .. 9999). */
static bool is_date(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, dd;
	char tail;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3)
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	if (y < 1900 || m < 1 || m > 12 || dd < 1 || dd > days[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && dd == 29 && !leap);
}

bool identity_claim_valid(const identity_claim *c)
{
	if (!c->state || !c->state[0] || strlen(c->state) >= IDENTITY_STATE_MAX || strchr(c->state, '\n'))
		return false;
	size_t len = c->name ? strlen(c->name) : 0;
	if (len == 0 || !utf8_valid_text(c->name, len) || utf8_length(c->name, len) > IDENTITY_NAME_MAX)
		return false;
	for (const unsigned char *p = (const unsigned char *)c->name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	if (!c->birth || !is_date(c->birth))
		return false;
	size_t n = c->person_key ? strlen(c->person_key) : 0;
	if (n == 0 || n > IDENTITY_PERSON_KEY_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (c->person_key[i] <= 0x20 || c->person_key[i] >= 0x7f)
			return false;
	return true;
}

void identity_callback_sign(const uint8_t *secret, size_t len, const char *client_id, const identity_claim *c,
			    char out[IDENTITY_SIG_TEXT])
{
	uint8_t mac[CRYPTO_HASH_BYTES];
	char msg[1024];
	int n = snprintf(msg, sizeof msg, "%s\n%s\n%s\n%s\n%s", client_id, c->state, c->name, c->birth, c->person_key);
	if (n < 0 || (size_t)n >= sizeof msg) {
		out[0] = '\0'; /* longer than any valid claim: never matches */
		return;
	}
	crypto_hmac(secret, len, msg, (size_t)n, mac);
	for (size_t i = 0; i < sizeof mac; i++)
		snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

bool identity_callback_check(const uint8_t *secret, size_t len, const char *client_id, const identity_claim *c,
			     const char *sig)
{
	char want[IDENTITY_SIG_TEXT];
	if (!sig || !identity_claim_valid(c))
		return false;
	identity_callback_sign(secret, len, client_id, c, want);
	return want[0] && crypto_str_equal(want, sig);
}

void identity_person_hash(const uint8_t *key, size_t keylen, const char *person_key, char out[IDENTITY_HASH_TEXT])
{
	uint8_t mac[CRYPTO_HASH_BYTES];
	crypto_hmac(key, keylen, person_key, strlen(person_key), mac);
	for (size_t i = 0; i < sizeof mac; i++)
		snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

/* The stored form of a session token: its SHA-256. */
static void session_hash(const char *token, uint8_t out[CRYPTO_HASH_BYTES])
{
	crypto_sha256(token ? token : "", token ? strlen(token) : 0, out);
}

int identity_state_new(db *d, long long account_id, const char *session_token, char nonce[IDENTITY_NONCE_TEXT])
{
	uint8_t sh[CRYPTO_HASH_BYTES];
	crypto_random_hex(nonce, (IDENTITY_NONCE_TEXT - 1) / 2);
	session_hash(session_token, sh);
	/* A new start supersedes the account's earlier checks: only the
	 * newest can be claimed and confirmed. */
	int rc = db_exec(d, "UPDATE identity_states SET used_at = NOW() WHERE account_id = ? AND used_at IS NULL",
			 DB_ARGS(DB_INT(account_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO identity_states (nonce, account_id, session_hash, created_at)"
				" VALUES (?, ?, ?, NOW())",
			     DB_ARGS(DB_STR(nonce), DB_INT(account_id), DB_BLOB(sh, sizeof sh)));
	return rc;
}

int identity_state_claim(db *d, const char *nonce, const char *person_hash, const char *name, int birth_year,
			 long long *account_id)
{
	db_result *r = NULL;
	int rc = db_exec(d, "UPDATE identity_states SET claimed_at = NOW(), claim_hash = ?, claim_name = ?,"
			    " claim_birth_year = ? WHERE nonce = ? AND claimed_at IS NULL AND used_at IS NULL"
			    " AND created_at >= NOW() - INTERVAL ? MINUTE",
			 DB_ARGS(DB_STR(person_hash), DB_STR(name), DB_INT(birth_year), DB_STR(nonce),
				 DB_INT(IDENTITY_STATE_MINUTES)));
	if (rc != MDG_OK)
		return rc;
	if (db_affected(d) != 1)
		return MDG_ENOTFOUND;
	rc = db_query(d, &r, "SELECT s.account_id AS account FROM identity_states s WHERE s.nonce = ?",
		      DB_ARGS(DB_STR(nonce)));
	if (rc == MDG_OK) {
		*account_id = db_get_ll(r, 0, "account", 0);
		if (!*account_id)
			rc = MDG_ENOTFOUND;
	}
	db_result_free(r);
	return rc;
}

int identity_state_void(db *d, const char *nonce)
{
	return db_exec(d, "UPDATE identity_states SET used_at = NOW() WHERE nonce = ?", DB_ARGS(DB_STR(nonce)));
}

/* The row of a pending claim of account_id in the session of
 * session_token: the one of nonce, or (nonce NULL) the newest. Locked
 * (FOR UPDATE) until the end of the caller's transaction, if any. */
static int pending_query(db *d, long long account_id, const char *session_token, const char *nonce, db_result **r)
{
	uint8_t sh[CRYPTO_HASH_BYTES];
	session_hash(session_token, sh);
	return db_query(d, r,
			"SELECT s.nonce AS nonce, s.claim_hash AS person, s.claim_name AS name,"
			" s.claim_birth_year AS birth_year FROM identity_states s"
			" WHERE s.account_id = ? AND s.session_hash = ? AND s.claimed_at IS NOT NULL AND s.used_at IS NULL"
			" AND s.created_at >= NOW() - INTERVAL ? MINUTE AND (? = '' OR s.nonce = ?)"
			" ORDER BY s.created_at DESC LIMIT 1 FOR UPDATE",
			DB_ARGS(DB_INT(account_id), DB_BLOB(sh, sizeof sh), DB_INT(IDENTITY_STATE_MINUTES),
				DB_STR(nonce ? nonce : ""), DB_STR(nonce ? nonce : "")));
}

int identity_pending_get(db *d, long long account_id, const char *session_token, identity_pending *out)
{
	db_result *r = NULL;
	memset(out, 0, sizeof *out);
	int rc = pending_query(d, account_id, session_token, NULL, &r);
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		snprintf(out->nonce, sizeof out->nonce, "%s", db_get(r, 0, "nonce", ""));
		snprintf(out->name, sizeof out->name, "%s", db_get(r, 0, "name", ""));
		out->birth_year = (int)db_get_ll(r, 0, "birth_year", 0);
	}
	db_result_free(r);
	return rc;
}

/* The change of identity_confirm (session_token, nonce: the state to
 * use) and identity_withdraw, in db_transaction; verify_body links
 * person_hash and name. */
typedef struct verify_args {
	const actor *who;
	long long account_id;
	const char *session_token, *nonce;
	const char *person_hash, *name;
} verify_args;

static int verify_body(db *d, void *arg)
{
	const verify_args *a = arg;
	db_result *r = NULL;
	char detail[64 + IDENTITY_NAME_MAX * 4], id_text[24];
	int rc = db_query(d, &r, "SELECT a.name AS name, COALESCE(a.identity_hash, '') AS person FROM accounts a"
				 " WHERE a.id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(a->account_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		goto done;
	const char *before = db_get(r, 0, "person", "");
	if (before[0] && strcmp(before, a->person_hash) != 0) {
		rc = MDG_ECONFLICT; /* one account, one person */
		goto done;
	}
	snprintf(detail, sizeof detail, "real name checked; name was: %s", db_get(r, 0, "name", ""));
	snprintf(id_text, sizeof id_text, "%lld", a->account_id);
	/* The unique key refuses the person of another account (ECONFLICT). */
	rc = db_exec(d, "UPDATE accounts SET identity_hash = ?, identity_name = ?, identity_verified_at = NOW(),"
			" name = ? WHERE id = ?",
		     DB_ARGS(DB_STR(a->person_hash), DB_STR(a->name), DB_STR(a->name), DB_INT(a->account_id)));
	if (rc == MDG_OK)
		rc = consent_record(d, a->account_id, CONSENT_KIND_IDENTITY, IDENTITY_CONSENT_VERSION, true, 0);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "account", id_text, "identity_verified", detail);
done:
	db_result_free(r);
	return rc;
}

static int confirm_body(db *d, void *arg)
{
	const verify_args *a = arg;
	db_result *r = NULL;
	int rc = pending_query(d, a->account_id, a->session_token, a->nonce, &r);
	if (rc == MDG_OK && r->nrows != 1)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE identity_states SET used_at = NOW() WHERE nonce = ?", DB_ARGS(DB_STR(a->nonce)));
	if (rc == MDG_OK) {
		verify_args v = *a;
		v.person_hash = db_get(r, 0, "person", "");
		v.name = db_get(r, 0, "name", "");
		rc = verify_body(d, &v);
	}
	db_result_free(r);
	return rc;
}

int identity_confirm(db *d, const actor *who, long long account_id, const char *session_token, const char *nonce)
{
	verify_args a = {.who = who, .account_id = account_id, .session_token = session_token, .nonce = nonce};
	return db_transaction(d, confirm_body, &a);
}

static int withdraw_body(db *d, void *arg)
{
	const verify_args *a = arg;
	char id_text[24];
	int rc = db_exec(d, "UPDATE accounts SET identity_hash = NULL, identity_name = NULL, identity_verified_at = NULL"
			    " WHERE id = ? AND identity_hash IS NOT NULL",
			 DB_ARGS(DB_INT(a->account_id)));
	if (rc == MDG_OK && db_affected(d) != 1)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = consent_record(d, a->account_id, CONSENT_KIND_IDENTITY, IDENTITY_CONSENT_VERSION, false, 0);
	snprintf(id_text, sizeof id_text, "%lld", a->account_id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "account", id_text, "identity_withdrawn", NULL);
	return rc;
}

int identity_withdraw(db *d, const actor *who, long long account_id)
{
	verify_args a = {.who = who, .account_id = account_id};
	return db_transaction(d, withdraw_body, &a);
}

int identity_get(db *d, long long account_id, identity_status *out)
{
	db_result *r = NULL;
	memset(out, 0, sizeof *out);
	int rc = db_query(d, &r,
			  "SELECT COALESCE(" SQL_MINUTE("a.identity_verified_at") ", '') AS at,"
			  " COALESCE(a.identity_name, '') AS name FROM accounts a WHERE a.id = ?",
			  DB_ARGS(DB_INT(account_id)));
	if (rc == MDG_OK) {
		snprintf(out->at, sizeof out->at, "%s", db_get(r, 0, "at", ""));
		snprintf(out->name, sizeof out->name, "%s", db_get(r, 0, "name", ""));
		out->verified = out->at[0] != '\0';
	}
	db_result_free(r);
	return rc;
}

bool identity_list_names(const char *list, const char *action)
{
	size_t n = strlen(action);
	const char *p = list;
	while (n && *p) {
		p += strspn(p, " ,");
		size_t len = strcspn(p, ",");
		size_t end = len;
		while (end && p[end - 1] == ' ')
			end--;
		if (end == n && strncmp(p, action, n) == 0)
			return true;
		p += len;
	}
	return false;
}

int identity_required(db *d, long long account_id, const char *action, bool *needed)
{
	char list[SETTING_VALUE_MAX + 1];
	identity_status st;
	*needed = false;
	int rc = setting_get(d, IDENTITY_REQUIRED_SETTING, "", list, sizeof list);
	if (rc != MDG_OK || !identity_list_names(list, action))
		return rc;
	rc = identity_get(d, account_id, &st);
	if (rc == MDG_OK)
		*needed = !st.verified;
	return rc;
}
