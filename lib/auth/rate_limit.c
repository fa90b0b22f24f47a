/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rate_limit.c: see rate_limit.h. */
#include "auth/rate_limit.h"

#include "core/crypto.h"
#include "core/mdg.h"

int rate_limit_take(db *d, const char *scope, const char *subject, long max, long window_seconds)
{
	char h[CRYPTO_HASH_HEX];
	crypto_sha256_hex(subject ? subject : "", h);
	int rc = db_exec(d, "INSERT INTO rate_events (scope, subject, at) SELECT ?, ?, NOW() FROM DUAL"
			    " WHERE (SELECT COUNT(*) FROM rate_events WHERE scope = ? AND subject = ?"
			    " AND at > NOW() - INTERVAL ? SECOND) < ?",
			 DB_ARGS(DB_STR(scope), DB_STR(h), DB_STR(scope), DB_STR(h), DB_INT(window_seconds),
				 DB_INT(max)));
	if (rc != MDG_OK)
		return rc;
	return db_affected(d) == 1 ? MDG_OK : MDG_ETHROTTLED;
}
