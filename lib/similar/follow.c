/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* follow.c: following a public case (follow.h). */
#include "similar/follow.h"
#include "core/mdg.h"
#include "notify/notice.h"

#include <jansson.h>
#include <stdio.h>

int follow_set(db *d, long long account_id, long long case_id, bool on)
{
	if (!on)
		return db_exec(d, "DELETE FROM case_follows WHERE account_id = ? AND case_id = ?",
			       DB_ARGS(DB_INT(account_id), DB_INT(case_id)));
	int rc = db_exec(d, "INSERT IGNORE INTO case_follows (account_id, case_id, seen_event_id, created_at)"
			    " SELECT ?, c.id, IFNULL((SELECT MAX(e.id) FROM case_events e WHERE e.case_id = c.id"
			    "  AND e.is_public = 1), 0), NOW()"
			    " FROM cases c WHERE c.id = ? AND c.is_public = 1 AND c.account_id <> ?",
			 DB_ARGS(DB_INT(account_id), DB_INT(case_id), DB_INT(account_id)));
	/* Nothing written: followed already, or not a case one may follow. */
	bool following = true;
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = follow_is(d, account_id, case_id, &following);
	return rc == MDG_OK && !following ? MDG_ENOTFOUND : rc;
}

int follow_is(db *d, long long account_id, long long case_id, bool *on)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM case_follows WHERE account_id = ? AND case_id = ?",
			  DB_ARGS(DB_INT(account_id), DB_INT(case_id)));
	*on = rc == MDG_OK && db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	return rc;
}

/* tell_follower's notice, for its transaction. */
struct telling {
	long long account, case_id, last;
	json_t *payload;
	const char *key;
};

/* The transaction of tell_follower (db_transaction). */
static int tell_tx(db *d, void *arg)
{
	const struct telling *t = arg;
	int rc = notice_account(d, t->account, NOTICE_FOLLOWED, t->payload, t->key);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE case_follows SET seen_event_id = ? WHERE account_id = ? AND case_id = ?",
			     DB_ARGS(DB_INT(t->last), DB_INT(t->account), DB_INT(t->case_id)));
	return rc;
}

/* One follower told of one case's news, and the news marked seen, in one
 * transaction. */
static int tell_follower(db *d, const db_result *r, unsigned row)
{
	char link[64], key[96];
	long long account = db_get_ll(r, row, "account", 0), case_id = db_get_ll(r, row, "case_id", 0),
		  last = db_get_ll(r, row, "last", 0);
	snprintf(link, sizeof link, "/cases/%s", db_get(r, row, "tracking", ""));
	snprintf(key, sizeof key, "followed:%lld:%lld:%lld", account, case_id, last);
	json_t *payload = json_pack("{s:s,s:s,s:s,s:s}", "tracking", db_get(r, row, "tracking", ""), "title",
				    db_get(r, row, "title", ""), "status", db_get(r, row, "status", ""), "link", link);
	struct telling t = {.account = account, .case_id = case_id, .last = last, .payload = payload, .key = key};
	int rc = payload ? db_transaction(d, tell_tx, &t) : MDG_ERR;
	json_decref(payload);
	return rc;
}

int follow_scan(db *d, long *made)
{
	db_result *r = NULL;
	*made = 0;
	int rc = db_query(d, &r, "SELECT f.account_id AS account, f.case_id AS case_id, c.tracking_no AS tracking,"
				 " c.title AS title, c.status AS status, MAX(e.id) AS last"
				 " FROM case_follows f JOIN cases c ON c.id = f.case_id AND c.is_public = 1"
				 " JOIN case_events e ON e.case_id = f.case_id AND e.is_public = 1"
				 "  AND e.id > f.seen_event_id"
				 " GROUP BY f.account_id, f.case_id, c.tracking_no, c.title, c.status"
				 " LIMIT 500", /* the rest waits for the next run */
			  DB_NO_ARGS);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		rc = tell_follower(d, r, i);
		if (rc == MDG_OK)
			(*made)++;
	}
	db_result_free(r);
	return rc;
}
