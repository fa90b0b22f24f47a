/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* outbox.c: claiming, marking, retrying and supervising outbox rows. */
#include "notify/outbox.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Attempts are counted when a row is claimed: a try that a killed notifier
 * never finished counts too, so the dashboard's figure is the number of
 * times the message may have left, and outbox_backoff_seconds(attempts)
 * after a failure of try n waits 60 * 2^(n-1) s. */

/* The columns of a claimed row, by the names claimed_item reads. */
#define CLAIM_COLS                                                                                 \
	"id, channel, recipient, recipient_name AS name, lang, kind, payload, message_id,"          \
	" attempts + 1 AS attempts"

/* Row i of a claim into *it. */
static void claimed_item(const db_result *r, unsigned i, outbox_item *it)
{
	it->id = db_get_ll(r, i, "id", 0);
	it->channel = db_get(r, i, "channel", "");
	it->recipient = db_get(r, i, "recipient", "");
	it->name = db_get(r, i, "name", NULL);
	it->lang = db_get(r, i, "lang", "ko");
	it->kind = db_get(r, i, "kind", "");
	it->payload = db_get(r, i, "payload", "");
	it->message_id = db_get(r, i, "message_id", "");
	it->attempts = db_get_ll(r, i, "attempts", 1);
}

void outbox_batch_free(outbox_batch *b)
{
	free(b->items);
	db_result_free(b->rows);
	memset(b, 0, sizeof *b);
}

/* One claim: outbox_claim's arguments, and the rows claimed. */
struct claim {
	const char *owner;
	int lease_seconds;
	bool sms_allowed;
	int limit;
	db_result *rows;
};

/* The claim's transaction (db_transaction: run again from the start when
 * it loses a conflict). */
static int claim_tx(db *d, void *arg)
{
	struct claim *c = arg;
	int rc;
	db_result_free(c->rows);
	c->rows = NULL;
	/* Two literal statements rather than one built with a condition:
	 * each uses its index (ix_outbox_due; ix_outbox_night_due while
	 * SMS wait for the morning, so waiting SMS are not read at all: only
	 * mail and the codes people just asked for, 0038_verify.sql). */
	if (c->sms_allowed)
		rc = db_query(d, &c->rows,
			      "SELECT " CLAIM_COLS " FROM outbox FORCE INDEX (ix_outbox_due)"
			      " WHERE state = 'pending' AND next_attempt_at <= NOW()"
			      " AND (lease_until IS NULL OR lease_until <= NOW())"
			      " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
			      DB_ARGS(DB_INT((long long)c->limit)));
	else
		rc = db_query(d, &c->rows,
			      "SELECT " CLAIM_COLS " FROM outbox FORCE INDEX (ix_outbox_night_due)"
			      " WHERE state = 'pending' AND night_ok = 1 AND next_attempt_at <= NOW()"
			      " AND (lease_until IS NULL OR lease_until <= NOW())"
			      " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
			      DB_ARGS(DB_INT((long long)c->limit)));
	/* The rows are locked by this transaction: one UPDATE by primary key
	 * each (a statement per row keeps the SQL literal and prepared). */
	for (unsigned i = 0; rc == MDG_OK && i < c->rows->nrows; i++)
		rc = db_exec(d,
			     "UPDATE outbox SET lease_owner = ?, lease_until = NOW() + INTERVAL ? SECOND,"
			     " attempts = LEAST(attempts + 1, 65535), last_attempt_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_STR(c->owner), DB_INT((long long)c->lease_seconds),
				     DB_INT(db_get_ll(c->rows, i, "id", 0))));
	return rc;
}

int outbox_claim(db *d, const char *owner, int lease_seconds, bool sms_allowed, int limit, outbox_batch *out)
{
	struct claim c = {.owner = owner, .lease_seconds = lease_seconds, .sms_allowed = sms_allowed, .limit = limit};
	int rc;

	memset(out, 0, sizeof *out);
	if (limit < 1 || lease_seconds < 1)
		return MDG_EINVAL;
	/* READ COMMITTED: the scan takes no gap locks, so web handlers
	 * inserting new rows meanwhile never wait for a notifier.
	 * SKIP LOCKED sees only this node's locks: on a Galera cluster two
	 * notifiers on two nodes may claim the same rows, and the second
	 * commit then fails certification (a deadlock to the client), so
	 * db_transaction claims again; rows are sent only after the claim
	 * committed, so never by both. */
	rc = db_transaction_read_committed(d, claim_tx, &c);
	if (rc != MDG_OK) {
		db_result_free(c.rows);
		return rc;
	}
	out->rows = c.rows;
	out->n = c.rows->nrows;
	out->items = xcalloc(out->n ? out->n : 1, sizeof *out->items);
	for (unsigned i = 0; i < c.rows->nrows; i++)
		claimed_item(c.rows, i, &out->items[i]);
	return MDG_OK;
}

int outbox_mark_sent(db *d, long long id, const char *owner)
{
	/* lease_owner stays: it records who sent the row. */
	int rc = db_exec(d,
			 "UPDATE outbox SET state = 'sent', sent_at = NOW(), lease_until = NULL"
			 " WHERE id = ? AND lease_owner = ? AND state = 'pending'",
			 DB_ARGS(DB_INT(id), DB_STR(owner)));
	if (rc == MDG_OK && db_affected(d) == 0) {
		log_warn("outbox: row %lld is no longer leased to %s: left as it is", id, owner);
		rc = MDG_ENOTFOUND;
	}
	return rc;
}

/* The first bytes of s, at most max, not cutting a UTF-8 sequence; control
 * characters (a transport's multi-line reply) become spaces. */
static char *error_text(const char *s, size_t max)
{
	size_t n = strlen(s ? s : "");
	char *out;
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	out = xstrndup(s ? s : "", n);
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return out;
}

int outbox_mark_failed(db *d, long long id, const char *owner, int failure, const char *error, bool *dead)
{
	db_result *r = NULL;
	char *msg = error_text(error && *error ? error : mdg_rc_name(failure), 500);
	int rc;

	*dead = false;
	rc = db_query(d, &r,
		      "SELECT attempts, created_at <= NOW() - INTERVAL ? SECOND AS too_old FROM outbox"
		      " WHERE id = ? AND lease_owner = ? AND state = 'pending'",
		      DB_ARGS(DB_INT((long long)OUTBOX_GIVE_UP_SECONDS), DB_INT(id), DB_STR(owner)));
	if (rc != MDG_OK)
		goto done;
	if (r->nrows == 0) {
		log_warn("outbox: row %lld is no longer leased to %s: failure not recorded", id, owner);
		rc = MDG_ENOTFOUND;
		goto done;
	}
	*dead = failure != MDG_ETEMPFAIL || db_get_ll(r, 0, "too_old", 0) == 1;
	long wait = outbox_backoff_seconds((int)db_get_ll(r, 0, "attempts", 1), (double)crypto_uniform(1000000) / 1e6);
	/* The lease ends now: a retry is claimable at next_attempt_at. */
	rc = db_exec(d,
		     "UPDATE outbox SET state = IF(?, 'dead', 'pending'), last_error = ?,"
		     " next_attempt_at = IF(?, next_attempt_at, NOW() + INTERVAL ? SECOND),"
		     " lease_owner = NULL, lease_until = NULL"
		     " WHERE id = ? AND lease_owner = ? AND state = 'pending'",
		     DB_ARGS(DB_INT((long long)*dead), DB_STR(msg), DB_INT((long long)*dead), DB_INT((long long)wait),
			     DB_INT(id), DB_STR(owner)));
	if (rc == MDG_OK && db_affected(d) == 0) {
		*dead = false;
		rc = MDG_ENOTFOUND;
	}
done:
	db_result_free(r);
	free(msg);
	return rc;
}

long outbox_backoff_seconds(int attempts, double jitter)
{
	long wait = OUTBOX_BACKOFF_FIRST;
	for (int i = 1; i < attempts && wait < OUTBOX_BACKOFF_MAX; i++)
		wait *= 2;
	if (wait > OUTBOX_BACKOFF_MAX)
		wait = OUTBOX_BACKOFF_MAX;
	/* Jitter spreads out the retries of rows that failed together (the
	 * SMTP server was down): up to 20 % more, never less. */
	if (!(jitter >= 0.0) || jitter >= 1.0)
		jitter = 0.0;
	return wait + (long)((double)wait * 0.2 * jitter);
}

int outbox_parse_hhmm(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0');
	int m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

bool outbox_sms_allowed(int hour, int minute, const char *quiet_start, const char *quiet_end)
{
	int start = outbox_parse_hhmm(quiet_start), end = outbox_parse_hhmm(quiet_end);
	int now = hour * 60 + minute;
	if (start < 0 || end < 0) {
		start = 21 * 60;
		end = 8 * 60;
	}
	if (start == end)
		return true;
	bool quiet = start < end ? (now >= start && now < end) : (now >= start || now < end);
	return !quiet;
}

int outbox_list(db *d, const char *state, long page, db_result **out, long *total)
{
	db_result *r = NULL;
	const char *st = state && *state ? state : NULL;
	int rc;

	*out = NULL;
	*total = 0;
	if (page < 1)
		page = 1;
	rc = db_query(d, &r,
		      "SELECT COUNT(*) AS n FROM outbox WHERE IF(? IS NULL, state IN ('pending', 'dead'), state = ?)",
		      DB_ARGS(DB_STR(st), DB_STR(st)));
	if (rc != MDG_OK)
		goto done;
	*total = (long)db_get_ll(r, 0, "n", 0);
	rc = db_query(d, out,
		      "SELECT o.id AS id, o.channel AS channel, o.recipient AS recipient, o.kind AS kind,"
		      " o.state AS state, o.attempts AS attempts, o.next_attempt_at AS `next`,"
		      " o.last_error AS error, o.created_at AS created, o.sent_at AS sent, o.dlr_status AS dlr,"
		      " c.tracking_no AS tracking"
		      " FROM outbox o LEFT JOIN notices n ON n.id = o.notice_id"
		      " LEFT JOIN cases c ON c.id = n.case_id"
		      " WHERE IF(? IS NULL, o.state IN ('pending', 'dead'), o.state = ?)"
		      " ORDER BY o.id DESC LIMIT ? OFFSET ?",
		      DB_ARGS(DB_STR(st), DB_STR(st), DB_INT((long long)OUTBOX_PAGE_SIZE),
			      DB_INT((long long)((page - 1) * OUTBOX_PAGE_SIZE))));
done:
	db_result_free(r);
	return rc;
}

int outbox_counts(db *d, db_result **out)
{
	return db_query(d, out, "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state ORDER BY state", DB_NO_ARGS);
}

int outbox_pending_stats(db *d, db_result **out)
{
	/* ix_outbox_state_created: the pending rows only, in created order. */
	return db_query(d, out,
			"SELECT channel, COUNT(*) AS n, TIMESTAMPDIFF(SECOND, MIN(created_at), NOW()) AS oldest"
			" FROM outbox WHERE state = 'pending' GROUP BY channel ORDER BY channel",
			DB_NO_ARGS);
}

/* A row a supervisor may retry or cancel: dead, or pending and not in a
 * notifier's hands (changing a leased row would let the notifier sending
 * it now, whose mark no longer matches, leave it to be sent twice). */
#define SUPERVISABLE "(state = 'dead' OR (state = 'pending' AND (lease_until IS NULL OR lease_until <= NOW())))"

/* A supervisor's change to one row, with its audit entry, in one
 * transaction. A retried row keeps its attempts and created_at: if it was
 * dead for being too old, one more temporary failure ends it again. */
/* supervise's arguments, for its transaction. */
struct supervision {
	const actor *who;
	long long id;
	bool retry;
};

/* The transaction of supervise (db_transaction). */
static int supervise_tx(db *d, void *arg)
{
	const struct supervision *t = arg;
	char object_id[24];
	int rc;
	if (t->retry)
		rc = db_exec(d,
			     "UPDATE outbox SET state = 'pending', next_attempt_at = NOW(), lease_owner = NULL,"
			     " lease_until = NULL WHERE id = ? AND " SUPERVISABLE,
			     DB_ARGS(DB_INT(t->id)));
	else
		rc = db_exec(d,
			     "UPDATE outbox SET state = 'cancelled', lease_until = NULL"
			     " WHERE id = ? AND " SUPERVISABLE,
			     DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ENOTFOUND;
	snprintf(object_id, sizeof object_id, "%lld", t->id);
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "outbox", object_id, t->retry ? "retry" : "cancel", NULL);
	return rc;
}

static int supervise(db *d, const actor *who, long long id, bool retry)
{
	struct supervision t = {.who = who, .id = id, .retry = retry};
	return db_transaction(d, supervise_tx, &t);
}

int outbox_retry(db *d, const actor *who, long long id)
{
	return supervise(d, who, id, true);
}

int outbox_cancel(db *d, const actor *who, long long id)
{
	return supervise(d, who, id, false);
}

int outbox_record_dlr(db *d, long long id, const char *status)
{
	db_result *r = NULL;
	char *st = error_text(status, 32);
	/* A final report stays: a late SMSC ack, or a report replayed from a
	 * log with another type (Kannel cannot sign the type), changes
	 * nothing. The same final report again is taken (a retry). */
	int rc = db_exec(d, "UPDATE outbox SET dlr_status = ?, dlr_at = NOW() WHERE id = ? AND channel = 'sms'"
			    " AND (dlr_status IS NULL OR dlr_status NOT IN ('delivered', 'failed', 'smsc_reject'))",
			 DB_ARGS(DB_STR(st), DB_INT(id)));
	if (rc != MDG_OK || db_affected(d) == 1)
		goto done;
	rc = db_query(d, &r, "SELECT dlr_status AS status FROM outbox WHERE id = ? AND channel = 'sms'",
		      DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK)
		rc = r->nrows == 0 ? MDG_ENOTFOUND : strcmp(db_get(r, 0, "status", ""), st) == 0 ? MDG_OK : MDG_ECONFLICT;
done:
	db_result_free(r);
	free(st);
	return rc;
}
