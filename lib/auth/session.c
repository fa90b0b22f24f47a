/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* session.c: sign-in sessions and CSRF tokens. */
#include "auth/session.h"
#include "core/mdg.h"

#include <stdio.h>
#include <string.h>

int session_create(db *d, long long account_id, const char *client_addr,
		   char token[CRYPTO_TOKEN_TEXT])
{
	uint8_t hash[CRYPTO_HASH_BYTES];
	crypto_token(token);
	crypto_sha256(token, strlen(token), hash);
	return db_exec(d, "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, client_addr)"
			  " VALUES (?, ?, NOW(), NOW(), ?)",
		       "bis", hash, sizeof hash, account_id, client_addr);
}

int session_lookup(db *d, const char *token, const session_limits *lim, account *out)
{
	uint8_t hash[CRYPTO_HASH_BYTES];
	db_result *r = NULL;
	int rc;

	if (strlen(token) != CRYPTO_TOKEN_TEXT - 1)
		return MDG_ENOTFOUND;
	crypto_sha256(token, strlen(token), hash);
	rc = db_query(d, &r, "SELECT s.account_id,"
			     " s.last_seen_at < NOW() - INTERVAL ? MINUTE OR s.created_at < NOW() - INTERVAL ? HOUR,"
			     " s.last_seen_at < NOW() - INTERVAL 1 MINUTE"
			     " FROM sessions s JOIN accounts a ON a.id = s.account_id"
			     " WHERE s.token_hash = ? AND a.active = 1",
		      "iib", (long long)lim->idle_minutes, (long long)lim->absolute_hours, hash, sizeof hash);
	if (rc != MDG_OK)
		goto done;
	if (r->nrows == 0) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	if (db_cell_ll(r, 0, 1, 1)) {
		(void)db_exec(d, "DELETE FROM sessions WHERE token_hash = ?", "b", hash, sizeof hash);
		rc = MDG_ENOTFOUND;
		goto done;
	}
	if (db_cell_ll(r, 0, 2, 0))
		(void)db_exec(d, "UPDATE sessions SET last_seen_at = NOW() WHERE token_hash = ?", "b", hash,
			      sizeof hash);
	rc = account_get(d, db_cell_ll(r, 0, 0, 0), out);
	if (rc == MDG_OK && !out->active)
		rc = MDG_ENOTFOUND;
done:
	db_result_free(r);
	return rc;
}

int session_delete(db *d, const char *token)
{
	uint8_t hash[CRYPTO_HASH_BYTES];
	crypto_sha256(token, strlen(token), hash);
	return db_exec(d, "DELETE FROM sessions WHERE token_hash = ?", "b", hash, sizeof hash);
}

int session_delete_others(db *d, long long account_id, const char *keep_token)
{
	uint8_t hash[CRYPTO_HASH_BYTES] = {0};
	if (keep_token)
		crypto_sha256(keep_token, strlen(keep_token), hash);
	return db_exec(d, "DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?", "ib", account_id,
		       hash, sizeof hash);
}

void csrf_token(const uint8_t *key, size_t keylen, const char *binding, char out[CSRF_TEXT])
{
	uint8_t mac[CRYPTO_HASH_BYTES];
	char msg[128];
	int n = snprintf(msg, sizeof msg, "csrf|%s", binding);
	crypto_hmac(key, keylen, msg, n > 0 ? (size_t)n : 0, mac);
	crypto_b64url(mac, sizeof mac, out, CSRF_TEXT);
}

bool csrf_valid(const uint8_t *key, size_t keylen, const char *binding, const char *given)
{
	char want[CSRF_TEXT];
	if (!binding || !*binding || !given)
		return false;
	csrf_token(key, keylen, binding, want);
	return crypto_str_equal(want, given);
}

int throttle_check(db *d, const throttle_limits *lim, const char *login_id, const char *addr)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT"
				 " (SELECT COUNT(*) FROM login_failures WHERE scope = 'login' AND subject = ?"
				 "  AND failed_at > NOW() - INTERVAL ? MINUTE),"
				 " (SELECT COUNT(*) FROM login_failures WHERE scope = 'addr' AND subject = ?"
				 "  AND failed_at > NOW() - INTERVAL ? MINUTE)",
			  "sisi", login_id, (long long)lim->window_minutes, addr, (long long)lim->window_minutes);
	if (rc == MDG_OK && (db_cell_ll(r, 0, 0, 0) >= lim->per_login || db_cell_ll(r, 0, 1, 0) >= lim->per_addr))
		rc = MDG_ETHROTTLED;
	db_result_free(r);
	return rc;
}

int throttle_record_failure(db *d, const char *login_id, const char *addr)
{
	int rc = db_exec(d, "INSERT INTO login_failures (scope, subject, failed_at) VALUES"
			    " ('login', ?, NOW()), ('addr', ?, NOW())",
			 "ss", login_id, addr);
	/* Old rows are of no use: keep the table small. */
	if (rc == MDG_OK)
		(void)db_exec(d, "DELETE FROM login_failures WHERE failed_at < NOW() - INTERVAL 1 DAY LIMIT 100", "");
	return rc;
}

int throttle_clear(db *d, const char *login_id)
{
	return db_exec(d, "DELETE FROM login_failures WHERE scope = 'login' AND subject = ?", "s", login_id);
}
