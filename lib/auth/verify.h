/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* verify.h: verified contacts and password recovery (issue 13, sections 1
 * and 2; db/migrations/0038_verify.sql).
 * A mobile number is proved by a 6-digit code sent to it by SMS, an
 * e-mail address by a signed single-use link; either sets
 * accounts.mobile_verified_at / email_verified_at, which a change of the
 * address clears (account_set_contact). A forgotten password is replaced
 * through a link mailed to the verified address or a code sent to the
 * verified number; a forgotten login ID is sent to a verified contact.
 * Every sending is throttled (auth/rate_limit.h) per address, per account
 * and per client address; codes and nonces are stored only hashed. */
#ifndef MDG_VERIFY_H
#define MDG_VERIFY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define VERIFY_CODE_LEN 6
#define VERIFY_CODE_TRIES 5       /* wrong codes before a code is spent */
#define VERIFY_CODE_MINUTES 5     /* an SMS code to prove a number */
#define VERIFY_LINK_MINUTES 1440  /* a link to prove an e-mail address */
#define RECOVER_MINUTES 30        /* a code or link to reset the password */
/* The signed links' labels (notice_token_sign): each its own. */
#define VERIFY_LINK_LABEL "vmail"
#define RECOVER_LINK_LABEL "reset"

/* Sendings allowed per subject within VERIFY_RATE_WINDOW seconds. */
#define VERIFY_RATE_WINDOW 3600
#define VERIFY_RATE_PER_ADDRESS 5  /* to one number or mailbox */
#define VERIFY_RATE_PER_ACCOUNT 5  /* for one account */
#define VERIFY_RATE_PER_CLIENT 20  /* from one client address */

/* A new random code: VERIFY_CODE_LEN decimal digits, uniform, leading
 * zeros kept. */
void verify_code_new(char out[VERIFY_CODE_LEN + 1]);
/* True when s is exactly VERIFY_CODE_LEN ASCII digits. */
bool verify_code_wellformed(const char *s);

/* The verified state of an account's contacts. */
typedef struct verify_state {
	bool email, mobile;
} verify_state;
int verify_state_get(db *d, long long account_id, verify_state *out);

/* Sends a code to the account's mobile number (SMS, user-initiated: not
 * held by quiet hours). client is the client's address, for the throttle.
 * MDG_OK; MDG_EINVAL: the account has no number or it is verified;
 * MDG_ETHROTTLED; MDG_EDB. Runs its own transaction. */
int verify_mobile_send(db *d, long long account_id, const char *client);
/* Checks a code typed for the account's number: MDG_OK (the number is
 * verified now), MDG_EINVAL (wrong: one try spent), MDG_ENOTFOUND (no
 * live code: none sent, expired, tries spent, or the number changed). */
int verify_mobile_check(db *d, long long account_id, const char *code);

/* Mails a link to the account's e-mail address. MDG_OK; MDG_EINVAL: the
 * address is verified already; MDG_ETHROTTLED; MDG_EDB. */
int verify_email_send(db *d, const uint8_t *key, size_t keylen, long long account_id, const char *client);
/* Follows a link: MDG_OK with *account_id (the address is verified now),
 * MDG_ENOTFOUND (forged, used, expired, or the address changed). */
int verify_email_confirm(db *d, const uint8_t *key, size_t keylen, const char *token, long long *account_id);

/* "Forgot your password?": sends a reset link (channel "email") or code
 * ("sms") to the verified contact of the active account login_id. MDG_OK
 * also when there is no such account or contact (the answer must not
 * tell); MDG_ETHROTTLED; MDG_EDB. */
int recover_send(db *d, const uint8_t *key, size_t keylen, const char *login_id, const char *channel,
		 const char *client);
/* Whether a reset link is live (for the form it opens). */
bool recover_link_live(db *d, const uint8_t *key, size_t keylen, const char *token);
/* Sets password (validated by the caller) through a link, or through the
 * login ID and an SMS code. Single use. Ends every session of the account
 * and tells its verified contacts. MDG_OK; MDG_ENOTFOUND (no live
 * link/code); MDG_EINVAL (a wrong code: one try spent). */
int recover_reset_link(db *d, const uint8_t *key, size_t keylen, const char *token, const char *password);
int recover_reset_code(db *d, const char *login_id, const char *code, const char *password);

/* "Forgot your ID?": sends the login ID to contact (an e-mail address or
 * a normalised mobile number) when it is a verified contact of an active
 * account. MDG_OK whether or not (the answer must not tell);
 * MDG_ETHROTTLED; MDG_EDB. */
int recover_send_login_id(db *d, const char *contact, const char *client);

/* After the upgrade to verified contacts: marks verified now the e-mail
 * addresses (email) and/or mobile numbers (mobile) of every active
 * citizen and staff account not yet verified (guests are left alone),
 * in one transaction, audited (action verify_carry_over). *emails and
 * *mobiles: the accounts marked. MDG_EDB. The retention job
 * (privacy/retention.h) removes expired codes and throttle events. */
int verify_carry_over(db *d, bool email, bool mobile, long *emails, long *mobiles);

#endif
