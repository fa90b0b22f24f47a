/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* identity.h: real-name identity (실명확인) through an external identity
 * provider of the Korean kind, and the rule of which actions need it.
 *
 * The protocol (docs/operations.md, "Real-name identity"):
 * 1. POST /account/identity/start (signed in) makes a single-use state:
 *    a random nonce stored for the account (identity_states), sent as
 *    NONCE.MAC (HMAC-SHA-256 under the site key, base64url), and
 *    redirects to identity.url?client_id=…&state=…&return=<callback>.
 * 2. The provider checks the person and POSTs back to /identity/callback
 *    the fields state, name, birth (YYYY-MM-DD), key (the stable person
 *    key, such as CI) and sig: hex HMAC-SHA-256 under the shared secret
 *    (identity.secret_file) of identity_callback_text (every field, the
 *    client id first, one per line).
 * 3. Madang checks the signature, the state's MAC, claims the state once
 *    (identity_state_claim: unknown, claimed, used or older than 10
 *    minutes is refused) and keeps the claim on it: the person key only
 *    as HMAC-SHA-256 under identity.person_key_file
 *    (identity_person_hash), the name, the birth year. Nothing is linked.
 * 4. The account that started the check, from the same session (the
 *    state holds its token's SHA-256), sees the masked name and the birth
 *    year on /account/identity/confirm and confirms with a CSRF-checked
 *    POST (identity_confirm): only then is the identity linked. A claim
 *    left unconfirmed expires with its state.
 * The built-in test provider (demo configurations only) signs the same
 * callback: the code after the callback is the same for both.
 *
 * Which actions need the check is the setting identity.required_for
 * (ticked on /admin/settings): identity_required answers for an account.
 * Pages call it through web_identity_gate (page_identity.c), which sends
 * an unchecked person to /account/identity?need=ACTION (the page says
 * why: L.Identity.Need.ACTION): filing ('file') in page_file_form and
 * page_file. A proposal's support ('support') is checked by
 * proposal_support itself, in the statement that locks the proposal
 * (identity_list_names on the setting read there: one round trip less
 * on the busiest write), and the debate pages call
 * web_identity_gate with "opinion" in page_debate_opinion (and
 * page_debate_side if taking a side should need it too). */
#ifndef MDG_IDENTITY_H
#define MDG_IDENTITY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "org/audit.h"

#define IDENTITY_KEY_BYTES 32
#define IDENTITY_NONCE_TEXT 33  /* 32 hex digits + NUL */
#define IDENTITY_STATE_MAX 80   /* NONCE.MAC + NUL */
#define IDENTITY_SIG_TEXT 65    /* 64 hex digits + NUL */
#define IDENTITY_HASH_TEXT 65
#define IDENTITY_NAME_MAX 100   /* characters, as accounts.name */
#define IDENTITY_PERSON_KEY_MAX 200
#define IDENTITY_STATE_MINUTES 10
/* The version of the text the person agrees to before the check
 * (L.Identity.Consent; consents.text_version). */
#define IDENTITY_CONSENT_VERSION "2026-12"

/* What the provider's callback claims. */
typedef struct identity_claim {
	const char *state, *name, *birth, *person_key;
} identity_claim;

/* The signed state for nonce (IDENTITY_NONCE_TEXT-1 hex digits) into out. */
void identity_state_sign(const uint8_t *key, size_t keylen, const char *nonce, char out[IDENTITY_STATE_MAX]);
/* True when state is NONCE.MAC signed under key; nonce then holds it. */
bool identity_state_check(const uint8_t *key, size_t keylen, const char *state, char nonce[IDENTITY_NONCE_TEXT]);
/* True when every field of c is well-formed: a name of 1..IDENTITY_NAME_MAX
 * characters of valid UTF-8 without control characters, a real date YYYY-MM-DD not in the
 * future of 9999, a person key of 1..IDENTITY_PERSON_KEY_MAX printable
 * ASCII characters, a state present. */
bool identity_claim_valid(const identity_claim *c);
/* The callback's signature: hex HMAC-SHA-256 under secret of
 * "client_id\nstate\nname\nbirth\nkey" (c valid: no line breaks). */
void identity_callback_sign(const uint8_t *secret, size_t len, const char *client_id, const identity_claim *c,
			    char out[IDENTITY_SIG_TEXT]);
/* True when sig is that signature (compared in constant time). */
bool identity_callback_check(const uint8_t *secret, size_t len, const char *client_id, const identity_claim *c,
			     const char *sig);
/* The stored form of a person key: hex HMAC-SHA-256 under key. */
void identity_person_hash(const uint8_t *key, size_t keylen, const char *person_key, char out[IDENTITY_HASH_TEXT]);

/* A new state for account_id, bound to the session whose token is
 * session_token (only its SHA-256 is stored): stores a random nonce,
 * writes it. */
int identity_state_new(db *d, long long account_id, const char *session_token, char nonce[IDENTITY_NONCE_TEXT]);

/* What a checked callback claims, kept on its state until the account
 * confirms it (person_hash: identity_person_hash of the person key). */
typedef struct identity_pending {
	char nonce[IDENTITY_NONCE_TEXT];
	char name[IDENTITY_NAME_MAX * 4 + 1];
	int birth_year;
} identity_pending;

/* Records the provider's checked claim on the state of nonce, once:
 * MDG_OK with *account_id (who started it), MDG_ENOTFOUND when the state
 * is unknown, already claimed or used, or older than
 * IDENTITY_STATE_MINUTES. Links nothing: identity_confirm does. */
int identity_state_claim(db *d, const char *nonce, const char *person_hash, const char *name, int birth_year,
			 long long *account_id);
/* Makes the state of nonce useless (a callback carried by another
 * account's session). */
int identity_state_void(db *d, const char *nonce);
/* The newest claimed, unconfirmed, unexpired state of account_id started
 * in the session of session_token: *out. MDG_ENOTFOUND when none. */
int identity_pending_get(db *d, long long account_id, const char *session_token, identity_pending *out);
/* The confirmation by the account that started the check, from the same
 * session: uses the state of nonce once and records account_id as
 * verified for the claimed person (the name becomes the checked one, the
 * former stays in the audit log; the consent is recorded), audited as
 * who. MDG_ENOTFOUND when the state is not this session's pending claim;
 * MDG_ECONFLICT when another account holds that person, or this account
 * was verified as another person. */
int identity_confirm(db *d, const actor *who, long long account_id, const char *session_token, const char *nonce);

/* Withdraws account_id's consent to the check: the person hash and the
 * checked name are removed (the account's name stays), the withdrawal is
 * recorded in the consent history, audited as who. MDG_ENOTFOUND when
 * the account is not verified. */
int identity_withdraw(db *d, const actor *who, long long account_id);

/* An account's real-name status. */
typedef struct identity_status {
	bool verified;
	char at[20];      /* YYYY-MM-DD HH:MM, "" when not */
	char name[IDENTITY_NAME_MAX * 4 + 1];
} identity_status;
int identity_get(db *d, long long account_id, identity_status *out);

/* Whether action ("file", "support", "opinion", …) needs a real-name
 * check by the setting identity.required_for (a comma list; unset: none)
 * that account_id has not passed: *needed. */
int identity_required(db *d, long long account_id, const char *action, bool *needed);
/* The setting naming the actions that need a verified real name. */
#define IDENTITY_REQUIRED_SETTING "identity.required_for"
/* True when list (comma separated, spaces allowed) names action. */
bool identity_list_names(const char *list, const char *action);

#endif
