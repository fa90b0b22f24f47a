/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* password.h: the password policy and argon2id hashing. */
#ifndef MDG_PASSWORD_H
#define MDG_PASSWORD_H
#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_HASH_MAX 128 /* libsodium's crypto_pwhash_STRBYTES */

enum password_verdict {
	PASSWORD_OK = 0,
	PASSWORD_TOO_SHORT,   /* fewer than 10 characters */
	PASSWORD_TOO_LONG,    /* more than 256 bytes */
	PASSWORD_COMMON,      /* in the shipped list of common passwords */
	PASSWORD_INVALID      /* not valid UTF-8 text */
};

/* Loads data_dir/common-passwords.txt once per process and prepares the
 * hash that sign-ins of unknown IDs are checked against (one argon2id
 * hash, so call it before forking). MDG_OK or MDG_ERR. */
int password_policy_init(const char *data_dir);
void password_policy_free(void);
/* Judges a new password against the policy. */
enum password_verdict password_check_policy(const char *password);
/* The same as the key of the message that tells why (under L.Err, as a
 * form field's error), NULL for a good password. */
const char *password_problem(const char *password);

/* Hashes with argon2id (m=19456 KiB, t=2, p=1); the parameters are kept in
 * the encoded string so they can be raised later. out needs
 * PASSWORD_HASH_MAX bytes. MDG_OK or MDG_ERR. */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
/* True when password matches the encoded hash. A hash that is not an
 * argon2 string (e.g. "!" for accounts that cannot sign in) never matches,
 * but costs the same time as a real check. */
bool password_verify(const char *encoded, const char *password);
/* True when encoded uses weaker parameters than password_hash would. */
bool password_needs_rehash(const char *encoded);

#endif
