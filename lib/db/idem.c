/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* idem.c: idempotency keys of the POSTs that create something. */
#include "db/idem.h"
#include "core/buf.h"
#include "core/mdg.h"

#include <stdio.h>
#include <string.h>

static bool plain_key(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 16 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return false;
	return true;
}

bool idem_init(idem_key *k, const char *form_key, long long account_id, const char *anon, const char *path,
	       const char *content)
{
	memset(k, 0, sizeof *k);
	if (!plain_key(form_key))
		return false;
	if (account_id)
		snprintf(k->actor, sizeof k->actor, "account:%lld", account_id);
	else
		snprintf(k->actor, sizeof k->actor, "anonymous");
	buf b = {0};
	buf_printf(&b, "%s\n%s\n%s\n%s\n", form_key, k->actor, account_id ? "" : (anon ? anon : ""), path ? path : "");
	buf_puts(&b, content ? content : "");
	crypto_sha256_hex(buf_str(&b), k->key);
	buf_free(&b);
	return true;
}

int idem_lookup(db *d, const idem_key *k, bool *found, char *location, size_t n)
{
	db_result *r = NULL;
	*found = false;
	location[0] = '\0';
	if (!k->key[0])
		return MDG_OK;
	int rc = db_query(d, &r, "SELECT location FROM idempotency_keys WHERE idem_key = ?", DB_ARGS(DB_STR(k->key)));
	const char *at = rc == MDG_OK ? db_get(r, 0, "location", NULL) : NULL;
	if (at) {
		*found = true;
		snprintf(location, n, "%s", at);
	}
	db_result_free(r);
	return rc;
}

/* db_before_commit's hook: the key and the object's location, in the
 * transaction that created the object. A transaction that created no
 * row (a check before the real one) passes by, leaving the key armed. */
static int record(db *d, void *arg)
{
	idem_key *k = arg;
	char id[24] = "";
	if (k->taken)
		return MDG_ECONFLICT;
	if (k->text && !k->text[0])
		return DB_HOOK_LATER;
	if (!k->text) {
		unsigned long long first = db_tx_first_id(d);
		if (!first)
			return DB_HOOK_LATER;
		snprintf(id, sizeof id, "%llu", first);
	}
	char location[IDEM_LOCATION_MAX + 1];
	snprintf(location, sizeof location, "%s%s%s", k->prefix ? k->prefix : "", k->text ? k->text : id,
		 k->suffix ? k->suffix : "");
	/* IGNORE: the same key committed meanwhile is an answer, not an
	 * error to log (this waits for an uncommitted one to end). */
	int rc = db_exec(d, "INSERT IGNORE INTO idempotency_keys (idem_key, actor, location, created_at)"
			    " VALUES (?, ?, ?, NOW())",
			 DB_ARGS(DB_STR(k->key), DB_STR(k->actor), DB_STR(location)));
	if (rc == MDG_OK && db_affected(d) == 0) {
		k->taken = true;
		rc = MDG_ECONFLICT;
	}
	return rc;
}

void idem_arm(db *d, idem_key *k)
{
	if (k->key[0])
		db_before_commit(d, record, k);
}

void idem_disarm(db *d)
{
	db_before_commit(d, NULL, NULL);
}

int idem_purge(db *d, long *deleted)
{
	int rc = db_exec(d, "DELETE FROM idempotency_keys WHERE created_at < NOW() - INTERVAL 2 DAY", DB_NO_ARGS);
	*deleted = rc == MDG_OK ? (long)db_affected(d) : 0;
	return rc;
}
