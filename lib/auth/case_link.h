/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* case_link.h: a guest's tracking link. A guest (accounts.kind 'guest':
 * a filing by e-mail, SMS, phone or Open311 from an unverified contact)
 * cannot sign in, so every notice gives it /cases/TRACKING?k=TOKEN, where
 * TOKEN is HMAC-SHA-256 under the site key (config_secret) over
 * "case:" CASE_ID ":" ACCOUNT_ID, cut to 128 bits, in URL-safe base64
 * without padding. The link lets its holder see that one case as its
 * filer; it is checked against the case the page names, so it opens no
 * other case, and only while the case's owner is still an active guest
 * (a guest who registers and verifies the contact signs in instead). */
#ifndef MDG_CASE_LINK_H
#define MDG_CASE_LINK_H
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

/* Characters of a token: 16 bytes in base64url. */
#define CASE_LINK_TOKEN_LEN 22

/* The token for case_id and its guest owner account_id into out. */
void case_link_token(const unsigned char *key, size_t keylen, long long case_id, long long account_id,
		     char out[CASE_LINK_TOKEN_LEN + 1]);

/* True when token is case_link_token's for case_id and account_id
 * (constant-time comparison); false for NULL or any other text. */
bool case_link_valid(const unsigned char *key, size_t keylen, long long case_id, long long account_id,
		     const char *token);

/* The guest a token opens the case tracking for: MDG_OK with *case_id and
 * *guest_id set when the case exists, its owner is an active guest and
 * token is that case's; MDG_EDENIED otherwise (nothing set: the caller
 * shows what anyone sees). */
int case_link_case(db *d, const unsigned char *key, size_t keylen, const char *tracking, const char *token,
		   long long *case_id, long long *guest_id);

/* The same for the case of attachment attachment_id. */
int case_link_attachment(db *d, const unsigned char *key, size_t keylen, long long attachment_id,
			 const char *token, long long *case_id, long long *guest_id);

#endif
