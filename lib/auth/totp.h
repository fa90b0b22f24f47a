/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* totp.h: the second factor of sign-in: time-based one-time codes (TOTP,
 * RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps; liboath computes
 * them), its enrolment by QR code (libqrencode, drawn here as SVG), ten
 * single-use recovery codes, and the half-signed-in state between the
 * password and the code (totp_pending: it is not a session and grants
 * nothing). Who must have one: the setting auth.totp_required
 * (totp_required). */
#ifndef MDG_TOTP_H
#define MDG_TOTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/buf.h"
#include "core/crypto.h"
#include "db/db.h"
#include "org/audit.h"

#define TOTP_SECRET_BYTES 20   /* RFC 4226's recommended 160-bit key */
#define TOTP_SECRET_B32 33     /* its base32 text (32 letters) + NUL */
#define TOTP_STEP_SECONDS 30
#define TOTP_WINDOW 1          /* steps accepted either side of now (clock drift) */
#define TOTP_RECOVERY_CODES 10
#define TOTP_RECOVERY_TEXT 12  /* "abcde-fghjk" + NUL */
#define TOTP_PENDING_MINUTES 10
#define TOTP_PENDING_COOKIE "mdg_2fa"

/* Whether code (6 digits) is secret's code for a time step within
 * TOTP_WINDOW of now and later than after_step (the last step accepted:
 * the same code is never taken twice). MDG_OK with *step the matched
 * step; MDG_EINVAL for a wrong, malformed, too old or replayed code. */
int totp_check(const uint8_t *secret, size_t len, time_t now, const char *code, long long after_step,
	       long long *step);
/* secret as base32 (what authenticator apps are typed). MDG_OK or MDG_ERR. */
int totp_secret_base32(const uint8_t *secret, char out[TOTP_SECRET_B32]);
/* The otpauth:// URI an authenticator reads from the QR code, for
 * login_id at issuer (both of letters, digits and ._- only: others are
 * left out). The caller frees it. */
char *totp_uri(const char *issuer, const char *login_id, const char *secret_b32);
/* text as a QR code in inline SVG (one path of dark modules, with a quiet
 * zone), appended to out; label (plain text, escaped here) is its
 * accessible name. MDG_OK or MDG_ERR. */
int totp_qr_svg(const char *text, const char *label, buf *out);

/* Whether account_id (of kind "staff"/"citizen"/...) must have a second
 * factor under the setting auth.totp_required: 'staff' (the default:
 * every staff account), 'contacts' (system administrators, supervisors
 * and every role that reads citizens' contact details: all but
 * moderators), 'none'. Never for citizens, for whom it is optional. */
int totp_required(db *d, long long account_id, const char *kind, bool *yes);

/* After auth.totp_required became rule: ends the sessions of everyone
 * who must now have a second factor and has none, so that nobody keeps
 * working past the rule; they enrol at their next sign-in. */
int totp_rule_applied(db *d, const char *rule);

/* An account's second factor. */
typedef struct totp_state {
	bool enrolled;          /* confirmed: codes are asked at sign-in */
	long recovery_left;     /* unused recovery codes */
} totp_state;
int totp_get(db *d, long long account_id, totp_state *out);

/* Starts (or continues) an enrolment: the unconfirmed secret of
 * account_id into secret, a new random one the first time. MDG_ECONFLICT
 * when the account has a confirmed factor already. */
int totp_enrol_start(db *d, long long account_id, uint8_t secret[TOTP_SECRET_BYTES]);
/* Confirms the enrolment with its first code: the factor counts from now,
 * and ten new recovery codes go to codes (shown once; only their keyed
 * hashes under key are stored). MDG_OK; MDG_EINVAL for a wrong code;
 * MDG_ENOTFOUND when no enrolment is under way. In its own transaction. */
int totp_enrol_confirm(db *d, const uint8_t *key, size_t keylen, long long account_id, const char *code,
		       char codes[TOTP_RECOVERY_CODES][TOTP_RECOVERY_TEXT]);
/* Checks a sign-in's second factor: a current code (never one already
 * used) or an unused recovery code, which is spent. MDG_OK (*recovery
 * says which), MDG_EINVAL when it is neither; MDG_ENOTFOUND without a
 * confirmed factor. Taking the step or the code is one conditional
 * UPDATE, so two parallel sign-ins cannot both use one code. */
int totp_verify(db *d, const uint8_t *key, size_t keylen, long long account_id, const char *code,
		bool *recovery);
/* Removes account_id's factor and recovery codes (a reset, or the owner
 * turning an optional factor off). */
int totp_remove(db *d, long long account_id);

/* A supervisor's reset of account_id's second factor (the caller checked
 * perm_may_manage): factor and recovery codes removed, every session of
 * the account ended (its next sign-in asks for a new enrolment when one
 * is required), audited as who, and the person told (NOTICE_TOTP_RESET).
 * One transaction. */
int totp_reset(db *d, const actor *who, long long account_id);

/* The half-signed-in state after a right password: a new token (the
 * cookie TOTP_PENDING_COOKIE) for account_id, with the local path to go
 * to after the second step (may be ""). */
int totp_pending_start(db *d, long long account_id, const char *next, char token[CRYPTO_TOKEN_TEXT]);
/* The account (and next path, nextlen bytes) of a live pending token;
 * MDG_ENOTFOUND when unknown or older than TOTP_PENDING_MINUTES. */
int totp_pending_get(db *d, const char *token, long long *account_id, char *next, size_t nextlen);
/* Ends a pending state (done, or abandoned). */
int totp_pending_end(db *d, const char *token);

#endif
