/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* idem.h: idempotency keys of the POSTs that create something. */
#ifndef MDG_DB_IDEM_H
#define MDG_DB_IDEM_H
#include "core/crypto.h"
#include "db/db.h"

#include <stdbool.h>

#define IDEM_LOCATION_MAX 500

/* One POST's key and where its object will be: prefix + (text, or the
 * first AUTO_INCREMENT id of the creating transaction) + suffix. */
typedef struct idem_key {
	char key[CRYPTO_HASH_HEX]; /* "" : the POST had no key */
	char actor[40];
	const char *prefix;
	const char *text;   /* filled by the creator before its commit, or NULL */
	const char *suffix;
	bool taken;         /* the key was recorded by another request meanwhile */
} idem_key;

/* Derives k->key from the form's key (16-64 of A-Z a-z 0-9 - _; anything
 * else: no key), the actor (account_id, or 0 and the anonymous cookie),
 * the path posted to and content (what was posted: the same form sent
 * again with other text, from a page kept by the browser's Back, is a new
 * object, not a repeat). False when the POST has no usable key. */
bool idem_init(idem_key *k, const char *form_key, long long account_id, const char *anon, const char *path,
	       const char *content);
/* Where the first POST with k went: *found and location (of size n). */
int idem_lookup(db *d, const idem_key *k, bool *found, char *location, size_t n);
/* Records k in the next transaction that commits having created a row
 * (db_before_commit): with the object, or not at all. A commit that finds
 * the key already recorded (the same POST, concurrently) is rolled back,
 * MDG_ECONFLICT, with k->taken set. */
void idem_arm(db *d, idem_key *k);
/* Forgets an armed key (the request is over). */
void idem_disarm(db *d);
/* Deletes keys older than two days; *deleted counts them. */
int idem_purge(db *d, long *deleted);

#endif
