/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rating.c: ratings through the signed link, and the callback queue of
 * the call centre. */
#include "notify/rating.h"
#include "db/sql.h"
#include "core/mdg.h"
#include "reports/counters.h"

#include <stdio.h>
#include <string.h>

/* The condition of an expired link, on satisfaction s, with the lifetime
 * in days as its parameter; created_at is when the answer was sent (the
 * row is made with the answer's notice). */
#define RATING_EXPIRED_SQL "s.created_at <= NOW() - INTERVAL ? DAY"

int rating_link_find(db *d, const char *nonce, long link_days, rating_link *out)
{
	db_result *r = NULL;
	memset(out, 0, sizeof *out);
	int rc = db_query(d, &r, "SELECT c.tracking_no AS tracking, c.title AS title, s.rated_at IS NOT NULL AS rated,"
				 " s.rating AS rating, " RATING_EXPIRED_SQL " AS expired"
				 " FROM satisfaction s JOIN cases c ON c.id = s.case_id WHERE s.nonce = ?",
			  DB_ARGS(DB_INT((long long)link_days), DB_STR(nonce)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		out->tracking = db_get(r, 0, "tracking", "");
		out->title = db_get(r, 0, "title", "");
		out->rated = db_get_ll(r, 0, "rated", 0) != 0;
		out->rating = (int)db_get_ll(r, 0, "rating", 0);
		out->expired = db_get_ll(r, 0, "expired", 0) != 0;
		out->row = r;
		r = NULL;
	}
	db_result_free(r);
	return rc;
}

void rating_link_free(rating_link *link)
{
	db_result_free(link->row);
	memset(link, 0, sizeof *link);
}

/* One rating: rating_record's arguments, and whether it counted. */
struct rate {
	const char *nonce, *comment;
	long link_days;
	int rating;
	bool rated;
};

/* The transaction of rating_record (db_transaction). The condition on
 * rated_at makes the second of two submits (or two racing ones) change
 * nothing: exactly one rating per link; the one on its age refuses a link
 * that expired while its form was open. */
static int rate_tx(db *d, void *arg)
{
	struct rate *t = arg;
	db_result *r = NULL;
	int rc = db_exec(d, "UPDATE satisfaction s SET rated_at = NOW(), rating = ?, comment = NULLIF(?, ''),"
			    " callback_state = IF(? <= 2, 'pending', 'none')"
			    " WHERE nonce = ? AND rated_at IS NULL AND NOT " RATING_EXPIRED_SQL,
			 DB_ARGS(DB_INT((long long)t->rating), DB_STR(t->comment ? t->comment : ""),
				 DB_INT((long long)t->rating), DB_STR(t->nonce), DB_INT((long long)t->link_days)));
	t->rated = rc == MDG_OK && db_affected(d) == 1;
	/* The rating counts in the reports' counters with it. */
	if (t->rated)
		rc = db_query(d, &r, "SELECT case_id FROM satisfaction WHERE nonce = ?", DB_ARGS(DB_STR(t->nonce)));
	if (t->rated && rc == MDG_OK)
		rc = counters_case_changed(d, db_get_ll(r, 0, "case_id", 0));
	db_result_free(r);
	return rc;
}

int rating_record(db *d, const char *nonce, long link_days, int rating, const char *comment)
{
	db_result *r = NULL;
	if (rating < 1 || rating > 5)
		return MDG_EINVAL;
	struct rate t = {.nonce = nonce, .comment = comment, .link_days = link_days, .rating = rating};
	int rc = db_transaction(d, rate_tx, &t);
	bool rated = rc == MDG_OK && t.rated;
	if (rc != MDG_OK || rated)
		return rc;
	rc = db_query(d, &r, "SELECT s.rated_at IS NOT NULL AS rated FROM satisfaction s WHERE s.nonce = ?",
		      DB_ARGS(DB_STR(nonce)));
	if (rc == MDG_OK)
		rc = r->nrows == 0 ? MDG_ENOTFOUND : db_get_ll(r, 0, "rated", 0) ? MDG_ECONFLICT : MDG_EDENIED;
	db_result_free(r);
	return rc;
}

int rating_of_case(db *d, long long case_id, db_result **out)
{
	return db_query(d, out, "SELECT s.rating AS rating, s.comment AS comment, " SQL_MINUTE("s.rated_at") " AS"
													     " rated,"
				" s.callback_state AS callback, " SQL_MINUTE("s.callback_at") " AS called,"
				" s.callback_note AS note, a.name AS agent FROM satisfaction s LEFT JOIN accounts a"
				" ON a.id = s.callback_by"
				" WHERE s.case_id = ? AND s.rated_at IS NOT NULL ORDER BY s.rated_at DESC, s.id DESC",
			DB_ARGS(DB_INT(case_id)));
}

/* The queue's rows of the departments bound twice (NULL: all). */
#define CALLBACKS_IN_DEPTS " AND (? IS NULL OR FIND_IN_SET(c.department_id, ?) > 0)"

int rating_callbacks(db *d, long page, const char *lang, const char *dept_ids, db_result **out, long *total)
{
	db_result *r = NULL;
	*out = NULL;
	*total = 0;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM satisfaction s JOIN cases c ON c.id = s.case_id"
				 " WHERE s.callback_state = 'pending'" CALLBACKS_IN_DEPTS,
			  DB_ARGS(DB_STR(dept_ids), DB_STR(dept_ids)));
	if (rc != MDG_OK)
		goto done;
	*total = (long)db_get_ll(r, 0, "n", 0);
	/* ix_satisfaction_callback (callback_state, rated_at): the oldest first. */
	rc = db_query(d, out, "SELECT s.id AS id, s.case_id AS case_id, c.tracking_no AS tracking, c.title AS title,"
			      " s.rating AS rating, s.comment AS comment, " SQL_MINUTE("s.rated_at") " AS rated,"
			      " " SQL_NAME_IN("dp.") " AS department"
			      " FROM satisfaction s JOIN cases c ON c.id = s.case_id"
			      " LEFT JOIN departments dp ON dp.id = c.department_id"
			      " WHERE s.callback_state = 'pending'" CALLBACKS_IN_DEPTS
			      " ORDER BY s.rated_at, s.id LIMIT ? OFFSET ?",
		      DB_ARGS(DB_STR(lang), DB_STR(dept_ids), DB_STR(dept_ids), DB_INT((long long)RATING_CALLBACK_PAGE),
			      DB_INT((long long)(page - 1) * RATING_CALLBACK_PAGE)));
done:
	db_result_free(r);
	return rc;
}

int rating_callback_department(db *d, long long id, long long *dept)
{
	db_result *r = NULL;
	*dept = 0;
	int rc = db_query(d, &r, "SELECT IFNULL(c.department_id, 0) AS department_id FROM satisfaction s JOIN cases c"
				 " ON c.id = s.case_id"
				 " WHERE s.id = ?",
			  DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		*dept = db_get_ll(r, 0, "department_id", 0);
	db_result_free(r);
	return rc;
}

/* rating_callback_done's arguments, for its transaction. */
struct callback {
	const actor *who;
	long long id;
	const char *note;
};

/* The transaction of rating_callback_done (db_transaction). */
static int callback_tx(db *d, void *arg)
{
	const struct callback *t = arg;
	db_result *r = NULL;
	char sid[24], detail[64];
	int rc = db_query(d, &r, "SELECT c.tracking_no AS tracking, c.id AS case_id FROM satisfaction s"
				 " JOIN cases c ON c.id = s.case_id"
				 " WHERE s.id = ? AND s.callback_state = 'pending' FOR UPDATE",
			  DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE satisfaction SET callback_state = 'done', callback_by = ?,"
				" callback_at = NOW(), callback_note = ? WHERE id = ?",
			     DB_ARGS(DB_INT(t->who->account_id), DB_STR(t->note), DB_INT(t->id)));
	if (rc == MDG_OK) {
		snprintf(sid, sizeof sid, "%lld", t->id);
		snprintf(detail, sizeof detail, "case %s", db_get(r, 0, "tracking", ""));
		rc = audit_write(d, t->who, "satisfaction", sid, "callback", detail);
	}
	if (rc == MDG_OK)
		rc = counters_case_changed(d, db_get_ll(r, 0, "case_id", 0));
	db_result_free(r);
	return rc;
}

int rating_callback_done(db *d, const actor *who, long long id, const char *note)
{
	struct callback t = {.who = who, .id = id, .note = note};
	return db_transaction(d, callback_tx, &t);
}
