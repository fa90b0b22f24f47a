/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* session.h: sign-in sessions, CSRF tokens and the sign-in throttle. */
#ifndef MDG_SESSION_H
#define MDG_SESSION_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/account.h"
#include "core/crypto.h"
#include "db/db.h"

/* Cookie names; over HTTPS they go out and are read back as
 * "__Host-" NAME (http_set_cookie, http_cookie in lib/http/request.h). */
#define SESSION_COOKIE "mdg_session"
#define ANON_COOKIE "mdg_anon"
#define CSRF_FIELD "csrf"
#define CSRF_TEXT 44

typedef struct session_limits {
	long idle_minutes;
	long absolute_hours;
} session_limits;

/* Starts a session for account_id: a new random token goes to token (the
 * cookie value); only its SHA-256 is stored. */
int session_create(db *d, long long account_id, const char *client_addr,
		   char token[CRYPTO_TOKEN_TEXT]);
/* The account of a live session. MDG_ENOTFOUND when the token is unknown,
 * idle too long or too old (an expired row is deleted). Refreshes the idle
 * clock at most once a minute. */
int session_lookup(db *d, const char *token, const session_limits *lim, account *out);
/* Deletes the session on the server (sign-out). */
int session_delete(db *d, const char *token);
/* Deletes every session of an account except the one with keep_token
 * (after a password change); keep_token may be NULL. */
int session_delete_others(db *d, long long account_id, const char *keep_token);

/* The CSRF token for a binding (the session token, or the anonymous
 * cookie before sign-in): HMAC-SHA-256 under the server key, base64url. */
void csrf_token(const uint8_t *key, size_t keylen, const char *binding, char out[CSRF_TEXT]);
/* True when given is the token for binding. */
bool csrf_valid(const uint8_t *key, size_t keylen, const char *binding, const char *given);

/* The sign-in throttle: a progressive delay, never a lock-out. A login ID
 * (or a client address) may fail per_login (per_addr) times at once; then
 * each further attempt waits delay_seconds after the last failure, twice
 * as long after each further failure, at most max_delay_seconds. Failures
 * older than window_minutes are forgotten. A stranger guessing at a named
 * account therefore delays its owner by at most max_delay_seconds. */
typedef struct throttle_limits {
	long window_minutes;
	long per_login;
	long per_addr;
	long delay_seconds;
	long max_delay_seconds;
} throttle_limits;

/* Checks and records one attempt to sign in (or to prove the current
 * password) as login_id from addr, in one atomic step, so that parallel
 * guesses cannot overshoot the allowance. MDG_OK: go on and check the
 * password; the attempt already counts as a failure, which
 * throttle_success takes back. MDG_ETHROTTLED: refused without a check;
 * nothing is recorded (waiting strangers do not lengthen the delay) and
 * *retry_after holds the seconds to wait. MDG_EDB/MDG_ERR from the DB;
 * MDG_ECONFLICT when five tries in a row lost a deadlock or lock wait.
 * Runs its own transaction: not to be called inside one. */
int throttle_attempt(db *d, const throttle_limits *lim, const char *login_id, const char *addr,
		     long *retry_after);
/* The password was right: forgets the login ID's failures and takes back
 * this attempt's count against the address. */
int throttle_success(db *d, const char *login_id, const char *addr);

#endif
