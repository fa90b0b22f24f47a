/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* session.c: sign-in sessions, CSRF tokens and the sign-in throttle. */
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
		       DB_ARGS(DB_BLOB(hash, sizeof hash), DB_INT(account_id), DB_STR(client_addr)));
}

int session_lookup(db *d, const char *token, const session_limits *lim, account *out)
{
	uint8_t hash[CRYPTO_HASH_BYTES];
	db_result *r = NULL;
	int rc;

	if (strlen(token) != CRYPTO_TOKEN_TEXT - 1)
		return MDG_ENOTFOUND;
	crypto_sha256(token, strlen(token), hash);
	/* The session and its account in one statement (every signed-in
	 * request makes it). */
	rc = db_query(d, &r, "SELECT s.account_id AS account_id,"
			     " s.last_seen_at < NOW() - INTERVAL ? MINUTE"
			     " OR s.created_at < NOW() - INTERVAL ? HOUR AS expired,"
			     " s.last_seen_at < NOW() - INTERVAL 1 MINUTE AS stale, " ACCOUNT_COLS
			     " FROM sessions s JOIN accounts a ON a.id = s.account_id"
			     " WHERE s.token_hash = ? AND a.active = 1",
		      DB_ARGS(DB_INT((long long)lim->idle_minutes), DB_INT((long long)lim->absolute_hours),
			      DB_BLOB(hash, sizeof hash)));
	if (rc != MDG_OK)
		goto done;
	if (r->nrows == 0) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	if (db_get_ll(r, 0, "expired", 1)) {
		(void)db_exec(d, "DELETE FROM sessions WHERE token_hash = ?", DB_ARGS(DB_BLOB(hash, sizeof hash)));
		rc = MDG_ENOTFOUND;
		goto done;
	}
	if (db_get_ll(r, 0, "stale", 0))
		(void)db_exec(d, "UPDATE sessions SET last_seen_at = NOW() WHERE token_hash = ?",
			      DB_ARGS(DB_BLOB(hash, sizeof hash)));
	account_fill(r, out);
done:
	db_result_free(r);
	return rc;
}

int session_delete(db *d, const char *token)
{
	uint8_t hash[CRYPTO_HASH_BYTES];
	crypto_sha256(token, strlen(token), hash);
	return db_exec(d, "DELETE FROM sessions WHERE token_hash = ?", DB_ARGS(DB_BLOB(hash, sizeof hash)));
}

int session_delete_others(db *d, long long account_id, const char *keep_token)
{
	uint8_t hash[CRYPTO_HASH_BYTES] = {0};
	if (keep_token)
		crypto_sha256(keep_token, strlen(keep_token), hash);
	return db_exec(d, "DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?",
		       DB_ARGS(DB_INT(account_id), DB_BLOB(hash, sizeof hash)));
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

/* The seconds a subject with failures (in the window) waits after its last
 * failure: none within the allowance, then delay, 2 x delay, 4 x delay ...
 * up to max. */
static long throttle_delay(const throttle_limits *lim, long long failures, long allowance)
{
	if (failures < allowance)
		return 0;
	long delay = lim->delay_seconds;
	for (long long past = failures - allowance; past > 0 && delay < lim->max_delay_seconds; past--)
		delay *= 2;
	return delay < lim->max_delay_seconds ? delay : lim->max_delay_seconds;
}

/* The seconds still to wait for one subject, 0 when it may try now: its
 * failures and the seconds since the last are the columns <scope>_failures
 * and <scope>_since of r. */
static long throttle_wait(const throttle_limits *lim, const db_result *r, const char *scope, long allowance)
{
	char failures_col[32], since_col[32];
	snprintf(failures_col, sizeof failures_col, "%s_failures", scope);
	snprintf(since_col, sizeof since_col, "%s_since", scope);
	long long failures = db_get_ll(r, 0, failures_col, 0);
	long long since = db_get_ll(r, 0, since_col, 0);
	long delay = throttle_delay(lim, failures, allowance);
	return failures > 0 && since < delay ? (long)(delay - since) : 0;
}

/* throttle_attempt's arguments and answer, for its transaction. */
struct attempt {
	const throttle_limits *lim;
	const char *login_id, *addr;
	long retry_after;
};

/* The transaction of throttle_attempt (db_transaction). */
static int attempt_tx(db *d, void *arg)
{
	struct attempt *a = arg;
	const throttle_limits *lim = a->lim;
	const char *login_id = a->login_id, *addr = a->addr;
	db_result *r = NULL;
	a->retry_after = 0;
	/* The two subjects' rows, made on first use, are locked and written
	 * first: an attempt on the same login ID or address waits here
	 * until this one commits, and on Galera, where row locks stay on
	 * their node, the written rows make the later of two parallel
	 * attempts fail certification (a deadlock error) instead. The
	 * login ID's row comes first in every attempt, so two attempts
	 * never wait for each other in opposite orders. */
	int rc = db_exec(d, "INSERT INTO login_throttle (scope, subject, last_attempt_at)"
			    " VALUES ('login', ?, NOW()), ('addr', ?, NOW())"
			    " ON DUPLICATE KEY UPDATE attempts = attempts + 1, last_attempt_at = NOW()",
			 DB_ARGS(DB_STR(login_id), DB_STR(addr)));
	/* The transaction's first plain read: its snapshot starts now, with
	 * the rows locked, and so holds every failure recorded by an attempt
	 * that held them before. */
	if (rc == MDG_OK)
		rc = db_query(d, &r, "SELECT"
				     " (SELECT COUNT(*) FROM login_failures WHERE scope = 'login' AND subject = ?"
				     "  AND failed_at > NOW() - INTERVAL ? MINUTE) AS login_failures,"
				     " (SELECT TIMESTAMPDIFF(SECOND, MAX(failed_at), NOW()) FROM login_failures"
				     "  WHERE scope = 'login' AND subject = ?) AS login_since,"
				     " (SELECT COUNT(*) FROM login_failures WHERE scope = 'addr' AND subject = ?"
				     "  AND failed_at > NOW() - INTERVAL ? MINUTE) AS addr_failures,"
				     " (SELECT TIMESTAMPDIFF(SECOND, MAX(failed_at), NOW()) FROM login_failures"
				     "  WHERE scope = 'addr' AND subject = ?) AS addr_since",
			      DB_ARGS(DB_STR(login_id), DB_INT((long long)lim->window_minutes), DB_STR(login_id),
				      DB_STR(addr), DB_INT((long long)lim->window_minutes), DB_STR(addr)));
	if (rc == MDG_OK) {
		long wait_login = throttle_wait(lim, r, "login", lim->per_login);
		long wait_addr = throttle_wait(lim, r, "addr", lim->per_addr);
		a->retry_after = wait_login > wait_addr ? wait_login : wait_addr;
		if (a->retry_after > 0)
			rc = MDG_ETHROTTLED;
	}
	/* Counted before the password is checked: a parallel attempt that
	 * gets the rows next already sees this one. */
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO login_failures (scope, subject, failed_at) VALUES"
				" ('login', ?, NOW()), ('addr', ?, NOW())",
			     DB_ARGS(DB_STR(login_id), DB_STR(addr)));
	/* A refused attempt records nothing: its rows go back as they were. */
	db_result_free(r);
	return rc;
}

/* Deletes up to 100 rows of one of the throttle's tables that are older
 * than a day: count_sql counts them (AS n), delete_sql (LIMIT ?) deletes them. The
 * plain count comes first because a DELETE that finds fewer rows than its
 * LIMIT scans on and locks the next index entry, which may be a live
 * attempt's; so it runs only for rows that are there, and most sign-ins
 * lock nothing here. */
static void throttle_forget_old(db *d, const char *count_sql, const char *delete_sql)
{
	db_result *r = NULL;
	if (db_query(d, &r, count_sql, DB_NO_ARGS) == MDG_OK) {
		long long old = db_get_ll(r, 0, "n", 0);
		if (old > 0)
			(void)db_exec(d, delete_sql, DB_ARGS(DB_INT(old < 100 ? old : 100)));
	}
	db_result_free(r);
}

int throttle_attempt(db *d, const throttle_limits *lim, const char *login_id, const char *addr,
		     long *retry_after)
{
	/* A deadlock or lock-wait victim (on Galera also the loser of a
	 * certification conflict) runs the whole transaction again. */
	struct attempt a = {.lim = lim, .login_id = login_id, .addr = addr};
	int rc = db_transaction(d, attempt_tx, &a);
	*retry_after = a.retry_after;
	/* Old rows are of no use: keep the tables small. */
	if (rc == MDG_OK) {
		throttle_forget_old(d, "SELECT COUNT(*) AS n FROM login_failures"
				       " WHERE failed_at < NOW() - INTERVAL 1 DAY",
				    "DELETE FROM login_failures WHERE failed_at < NOW() - INTERVAL 1 DAY LIMIT ?");
		throttle_forget_old(d,
				    "SELECT COUNT(*) AS n FROM login_throttle"
				    " WHERE last_attempt_at < NOW() - INTERVAL 1 DAY",
				    "DELETE FROM login_throttle WHERE last_attempt_at < NOW() - INTERVAL 1 DAY LIMIT ?");
	}
	return rc;
}

int throttle_success(db *d, const char *login_id, const char *addr)
{
	int rc = db_exec(d, "DELETE FROM login_failures WHERE scope = 'login' AND subject = ?",
			 DB_ARGS(DB_STR(login_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM login_failures WHERE scope = 'addr' AND subject = ?"
				" ORDER BY id DESC LIMIT 1",
			     DB_ARGS(DB_STR(addr)));
	return rc;
}
