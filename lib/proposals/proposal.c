/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* proposal.c: policy proposals (정책제안): writing, editing, withdrawing,
 * supporting, the threshold and its notices, expiry, the public list. */
#include "proposals/proposal.h"
#include "cases/public_view.h"
#include "core/mdg.h"
#include "auth/identity.h"
#include "cases/routing.h"
#include "core/text.h"
#include "db/page.h"
#include "db/sql.h"
#include "notify/notice.h"
#include "org/setting.h"
#include "participation/mileage.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const state_names[PROPOSAL_STATE__MAX] = {
	[PROPOSAL_OPEN] = "open",
	[PROPOSAL_THRESHOLD] = "threshold",
	[PROPOSAL_REVIEW] = "review",
	[PROPOSAL_ANSWERED] = "answered",
	[PROPOSAL_EXPIRED] = "expired",
	[PROPOSAL_WITHDRAWN] = "withdrawn",
	[PROPOSAL_CLOSED] = "closed",
};

static const char *const sort_names[PROPOSAL_SORT__MAX] = {
	[PROPOSAL_SORT_NEWEST] = "newest",
	[PROPOSAL_SORT_SUPPORTED] = "supported",
	[PROPOSAL_SORT_CLOSING] = "closing",
	[PROPOSAL_SORT_ANSWERED] = "answered",
};

int proposal_state_parse(const char *name, proposal_state *out)
{
	for (int s = 0; name && s < PROPOSAL_STATE__MAX; s++)
		if (strcmp(state_names[s], name) == 0) {
			*out = (proposal_state)s;
			return MDG_OK;
		}
	return MDG_EINVAL;
}

const char *proposal_state_name(proposal_state s)
{
	return s >= 0 && s < PROPOSAL_STATE__MAX ? state_names[s] : "";
}

int proposal_sort_parse(const char *name, proposal_sort *out)
{
	for (int s = 0; name && s < PROPOSAL_SORT__MAX; s++)
		if (strcmp(sort_names[s], name) == 0) {
			*out = (proposal_sort)s;
			return MDG_OK;
		}
	return MDG_EINVAL;
}

bool proposal_may_edit(proposal_state s, long support_count)
{
	return s == PROPOSAL_OPEN && support_count == 0;
}

bool proposal_may_withdraw(proposal_state s)
{
	/* Open means below the threshold: reaching it leaves 'open'. */
	return s == PROPOSAL_OPEN;
}

bool proposal_may_support(proposal_state s, long support_count, long threshold, bool closed)
{
	return s == PROPOSAL_OPEN && support_count < threshold && !closed;
}

bool proposal_may_promote(proposal_state s)
{
	return s == PROPOSAL_OPEN;
}

int proposal_department(db *d, long long id, long long *department_id)
{
	db_result *r = NULL;
	*department_id = 0;
	int rc = db_query(d, &r, "SELECT IFNULL(department_id, 0) AS department, category_id AS category,"
				 " case_id IS NOT NULL AS filed FROM proposals WHERE id = ?",
			  DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && db_get_ll(r, 0, "filed", 0))
		*department_id = db_get_ll(r, 0, "department", 0);
	else if (rc == MDG_OK)
		rc = routing_lead(d, db_get_ll(r, 0, "category", 0), department_id);
	db_result_free(r);
	return rc;
}

int proposal_reaches(db *d, const staff_perm *perm, unsigned roles, long long id, bool *yes)
{
	long long department = 0;
	int rc = proposal_department(d, id, &department);
	/* Department 0 (no rule places it) is covered by global roles only. */
	*yes = rc == MDG_OK && perm_covers_dept(perm, roles, department);
	return rc;
}

void proposal_identity(long long account_id, const char *verified_mobile, char out[40])
{
	if (verified_mobile && *verified_mobile && strlen(verified_mobile) <= 30)
		snprintf(out, 40, "m:%s", verified_mobile);
	else
		snprintf(out, 40, "a:%lld", account_id);
}

int proposal_setting_long(db *d, const char *name, const char *def, long min, long max, long *out)
{
	char value[SETTING_VALUE_MAX + 1];
	int rc = setting_get(d, name, def, value, sizeof value);
	if (rc != MDG_OK)
		return rc;
	if (text_parse_long(value, min, max, out) != MDG_OK)
		(void)text_parse_long(def, min, max, out);
	return MDG_OK;
}

int proposal_add_event(db *d, long long id, const char *kind, long long actor_id, const char *detail)
{
	return db_exec(d, "INSERT INTO proposal_events (proposal_id, kind, actor_id, detail, created_at)"
			  " VALUES (?, ?, ?, ?, NOW())",
		       DB_ARGS(DB_INT(id), DB_STR(kind), DB_ID(actor_id), DB_STR(detail)));
}

/* The search entry from the proposal row just written (REPLACE: Mroonga
 * is not transactional, see case_file). */
static int write_search(db *d, long long id)
{
	return db_exec(d, "REPLACE INTO proposal_search (proposal_id, created_at, title, body)"
			  " SELECT id, created_at, title, CONCAT_WS('\\n', problem, proposal, effect)"
			  " FROM proposals WHERE id = ?",
		       DB_ARGS(DB_INT(id)));
}

struct create_arg {
	long long author_id;
	const proposal_text *t;
	const case_upload *files;
	char (*stored)[33];
	int nfiles;
	long long id;
};

static int create_tx(db *d, void *arg)
{
	struct create_arg *a = arg;
	const proposal_text *t = a->t;
	long threshold = 0, days = 0;
	int rc = proposal_setting_long(d, "proposal.threshold", PROPOSAL_THRESHOLD_DEFAULT, 1, 10000000, &threshold);
	if (rc == MDG_OK)
		rc = proposal_setting_long(d, "proposal.support_days", PROPOSAL_SUPPORT_DAYS_DEFAULT, 1, 3650, &days);
	if (rc != MDG_OK)
		return rc;
	a->id = 0;
	rc = db_exec(d, "INSERT INTO proposals (author_id, category_id, title, problem, proposal, effect,"
			" latitude, longitude, address, threshold, closes_at, created_at, updated_at)"
			" SELECT ?, g.id, ?, ?, ?, ?, ?, ?, ?, COALESCE(g.proposal_threshold, ?),"
			" NOW() + INTERVAL ? DAY, NOW(), NOW() FROM categories g WHERE g.id = ? AND g.active = 1",
		     DB_ARGS(DB_INT(a->author_id), DB_STR(t->title), DB_STR(t->problem), DB_STR(t->proposal),
			     DB_STR(t->effect), DB_STR(t->latitude), DB_STR(t->longitude), DB_STR(t->address),
			     DB_INT((long long)threshold), DB_INT((long long)days), DB_INT(t->category_id)));
	if (rc == MDG_OK && db_affected(d) == 0)
		return MDG_EINVAL;
	if (rc != MDG_OK)
		return rc;
	a->id = (long long)db_insert_id(d);
	rc = proposal_add_event(d, a->id, "created", a->author_id, NULL);
	for (int i = 0; i < a->nfiles && rc == MDG_OK; i++)
		rc = db_exec(d, "INSERT INTO proposal_attachments (proposal_id, stored_name, original_name,"
				" mime_type, size_bytes, created_at) VALUES (?, ?, ?, ?, ?, NOW())",
			     DB_ARGS(DB_INT(a->id), DB_STR(a->stored[i]),
				     DB_STR(a->files[i].up->filename[0] ? a->files[i].up->filename : "file"),
				     DB_STR(a->files[i].mime_type), DB_INT((long long)a->files[i].up->size)));
	if (rc == MDG_OK)
		rc = write_search(d, a->id);
	if (rc == MDG_OK && t->in_tx)
		rc = t->in_tx(d, a->id, t->in_tx_arg);
	return rc;
}

int proposal_create(db *d, long long author_id, const proposal_text *t, const case_upload *files, int nfiles,
		    const char *uploads_dir, long long *id)
{
	char *moved[CASE_FILES_MAX] = {0};
	char stored[CASE_FILES_MAX][33];
	struct create_arg a = {author_id, t, files, stored, nfiles, 0};
	int rc = nfiles > PROPOSAL_FILES_MAX ? MDG_ETOOBIG : case_store_uploads(uploads_dir, files, nfiles, stored, moved);
	if (rc == MDG_OK)
		rc = case_public_committed(d, db_transaction(d, create_tx, &a));
	case_release_uploads(moved, nfiles, rc != MDG_OK);
	*id = rc == MDG_OK ? a.id : 0;
	return rc;
}

/* Reads proposal id under a lock for a change: its state, count,
 * threshold, whether it is past closing, author and title, and with them
 * (round trips less for a support, the statement every support makes)
 * what the support needs of account who (0: none): its verified mobile
 * number as mobile, whether its real name is verified (verified), and
 * the setting identity.required_for (required_for, NULL when unset).
 * The subqueries' rows are read, not locked (FOR UPDATE locks the
 * proposal's row alone: checked against MariaDB 10.11), so supports do
 * not queue on the settings row. MDG_ENOTFOUND when absent or not
 * visible. */
static int lock_proposal_for(db *d, long long id, long long who, db_result **r, proposal_state *state)
{
	int rc = db_query(d, r, "SELECT state AS state, support_count AS supports, threshold AS threshold,"
				" closes_at <= NOW() AS closed, author_id AS author, title AS title,"
				" (SELECT IF(a.mobile_verified_at IS NOT NULL, a.mobile, NULL) FROM accounts a"
				"  WHERE a.id = ?) AS mobile,"
				" (SELECT a.identity_verified_at IS NOT NULL FROM accounts a WHERE a.id = ?) AS verified,"
				" (SELECT s.value FROM settings s WHERE s.name = '" IDENTITY_REQUIRED_SETTING "') AS required_for"
				" FROM proposals WHERE id = ? AND moderation = 'visible' FOR UPDATE",
			  DB_ARGS(DB_INT(who), DB_INT(who), DB_INT(id)));
	if (rc == MDG_OK && (*r)->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && proposal_state_parse(db_get(*r, 0, "state", ""), state) != MDG_OK)
		rc = MDG_ERR;
	return rc;
}

static int lock_proposal(db *d, long long id, db_result **r, proposal_state *state)
{
	return lock_proposal_for(d, id, 0, r, state);
}

struct edit_arg {
	long long id, author_id;
	const proposal_text *t;
};

static int edit_tx(db *d, void *arg)
{
	struct edit_arg *a = arg;
	const proposal_text *t = a->t;
	db_result *r = NULL;
	proposal_state s;
	int rc = lock_proposal(d, a->id, &r, &s);
	if (rc == MDG_OK && db_get_ll(r, 0, "author", 0) != a->author_id)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && !proposal_may_edit(s, (long)db_get_ll(r, 0, "supports", 0)))
		rc = MDG_ECONFLICT;
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE proposals p JOIN categories g ON g.id = ? AND g.active = 1"
				" SET p.category_id = g.id, p.title = ?, p.problem = ?, p.proposal = ?,"
				" p.effect = ?, p.latitude = ?, p.longitude = ?, p.address = ?, p.updated_at = NOW()"
				" WHERE p.id = ?",
			     DB_ARGS(DB_INT(t->category_id), DB_STR(t->title), DB_STR(t->problem),
				     DB_STR(t->proposal), DB_STR(t->effect), DB_STR(t->latitude), DB_STR(t->longitude),
				     DB_STR(t->address), DB_INT(a->id)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_EINVAL;
	if (rc == MDG_OK)
		rc = proposal_add_event(d, a->id, "edited", a->author_id, NULL);
	if (rc == MDG_OK)
		rc = write_search(d, a->id);
	if (rc == MDG_OK && t->in_tx)
		rc = t->in_tx(d, a->id, t->in_tx_arg);
	db_result_free(r);
	return rc;
}

int proposal_edit(db *d, long long id, long long author_id, const proposal_text *t)
{
	struct edit_arg a = {id, author_id, t};
	return case_public_committed(d, db_transaction(d, edit_tx, &a));
}

struct withdraw_arg {
	long long id, author_id;
};

static int withdraw_tx(db *d, void *arg)
{
	struct withdraw_arg *a = arg;
	db_result *r = NULL;
	proposal_state s;
	int rc = lock_proposal(d, a->id, &r, &s);
	if (rc == MDG_OK && db_get_ll(r, 0, "author", 0) != a->author_id)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && !proposal_may_withdraw(s))
		rc = MDG_ECONFLICT;
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE proposals SET state = 'withdrawn', updated_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_INT(a->id)));
	if (rc == MDG_OK)
		rc = proposal_add_event(d, a->id, "withdrawn", a->author_id, NULL);
	db_result_free(r);
	return rc;
}

int proposal_withdraw(db *d, long long id, long long author_id)
{
	struct withdraw_arg a = {id, author_id};
	return case_public_committed(d, db_transaction(d, withdraw_tx, &a));
}

int proposal_tell(db *d, long long id, notice_kind kind, json_t *payload, const char *key_tag, bool with_author)
{
	db_result *who = NULL;
	char key[96];
	int rc = db_query(d, &who, "SELECT author_id AS id FROM proposals WHERE id = ? AND ?"
				   " UNION SELECT account_id FROM proposal_supports WHERE proposal_id = ?",
			  DB_ARGS(DB_INT(id), DB_INT((long long)with_author), DB_INT(id)));
	for (unsigned i = 0; rc == MDG_OK && i < who->nrows; i++) {
		long long to = db_get_ll(who, i, "id", 0);
		snprintf(key, sizeof key, "%s:%lld:%lld", key_tag, id, to);
		rc = notice_account(d, to, kind, payload, key);
	}
	db_result_free(who);
	return rc;
}

/* The proposal reached its threshold (or was promoted): its state, its
 * event, a notice to the author and to every supporter, and the author's
 * mileage when the supports reached it (a promotion earns nothing). */
static int reach_threshold(db *d, long long id, const char *event, long long actor_id, const db_result *p)
{
	char link[48], detail[32];
	json_t *payload = NULL;
	long long supports = db_get_ll(p, 0, "supports", 0);
	int rc = db_exec(d, "UPDATE proposals SET state = 'threshold', threshold_at = NOW(), updated_at = NOW()"
			    " WHERE id = ?",
			 DB_ARGS(DB_INT(id)));
	snprintf(detail, sizeof detail, "%lld", supports);
	if (rc == MDG_OK)
		rc = proposal_add_event(d, id, event, actor_id, detail);
	if (rc == MDG_OK && strcmp(event, "threshold") == 0)
		rc = mileage_award(d, db_get_ll(p, 0, "author", 0), MILEAGE_PROPOSAL_THRESHOLD, "proposal", id, NULL);
	if (rc != MDG_OK)
		return rc;
	/* Opened by staff: the filing that follows at once tells the
	 * supporters that the review started; "reached its threshold" would
	 * not be true. */
	if (strcmp(event, "review_opened_by_staff") == 0)
		return MDG_OK;
	snprintf(link, sizeof link, "/proposals/%lld", id);
	payload = json_pack("{s:s, s:s, s:I, s:I}", "link", link, "title", db_get(p, 0, "title", ""), "count",
			    (json_int_t)supports, "threshold", (json_int_t)db_get_ll(p, 0, "threshold", 0));
	rc = payload ? proposal_tell(d, id, NOTICE_PROPOSAL_THRESHOLD, payload, "proposal_threshold", true) : MDG_ERR;
	json_decref(payload);
	return rc;
}

struct support_arg {
	long long id, account_id;
	bool add;
	proposal_support_outcome outcome;
};

static int support_tx(db *d, void *arg)
{
	struct support_arg *a = arg;
	db_result *r = NULL;
	proposal_state s;
	char identity[40];
	a->outcome = PROPOSAL_SUPPORT_UNCHANGED;
	/* The proposal's row is locked first, by every supporter: the count,
	 * the state and the support rows change under that one lock. */
	int rc = lock_proposal_for(d, a->id, a->account_id, &r, &s);
	long supports = (long)db_get_ll(r, 0, "supports", 0), threshold = (long)db_get_ll(r, 0, "threshold", 0);
	/* identity_required's gate, read by the locked statement: nothing is
	 * written yet, and the transaction ends with nothing to undo. */
	if (rc == MDG_OK && identity_list_names(db_get(r, 0, "required_for", ""), "support") &&
	    !db_get_ll(r, 0, "verified", 0)) {
		a->outcome = PROPOSAL_SUPPORT_NEEDS_IDENTITY;
		goto done;
	}
	if (rc == MDG_OK && !proposal_may_support(s, supports, threshold, db_get_ll(r, 0, "closed", 1) != 0))
		rc = MDG_ECONFLICT;
	if (rc != MDG_OK)
		goto done;
	if (!a->add) {
		rc = db_exec(d, "DELETE FROM proposal_supports WHERE proposal_id = ? AND account_id = ?",
			     DB_ARGS(DB_INT(a->id), DB_INT(a->account_id)));
		if (rc == MDG_OK && db_affected(d) > 0)
			a->outcome = PROPOSAL_SUPPORT_CHANGED;
		if (a->outcome == PROPOSAL_SUPPORT_CHANGED)
			rc = db_exec(d, "UPDATE proposals SET support_count = support_count - 1 WHERE id = ?",
				     DB_ARGS(DB_INT(a->id)));
		goto done;
	}
	proposal_identity(a->account_id, db_get(r, 0, "mobile", NULL), identity);
	rc = db_exec(d, "INSERT IGNORE INTO proposal_supports (proposal_id, account_id, identity, created_at)"
			" VALUES (?, ?, ?, NOW())",
		     DB_ARGS(DB_INT(a->id), DB_INT(a->account_id), DB_STR(identity)));
	if (rc != MDG_OK || db_affected(d) == 0)
		goto done;
	a->outcome = PROPOSAL_SUPPORT_CHANGED;
	rc = db_exec(d, "UPDATE proposals SET support_count = support_count + 1 WHERE id = ?", DB_ARGS(DB_INT(a->id)));
	supports++;
	/* Halfway is worth a line in the history, once (supports taken back
	 * and given again cross it again). */
	if (rc == MDG_OK && threshold >= 2 && supports == (threshold + 1) / 2) {
		char detail[32];
		snprintf(detail, sizeof detail, "%ld", supports);
		rc = db_exec(d, "INSERT INTO proposal_events (proposal_id, kind, detail, created_at)"
				" SELECT ?, 'milestone', ?, NOW() FROM DUAL WHERE NOT EXISTS (SELECT 1"
				" FROM proposal_events WHERE proposal_id = ? AND kind = 'milestone')",
			     DB_ARGS(DB_INT(a->id), DB_STR(detail), DB_INT(a->id)));
	}
	if (rc == MDG_OK && supports >= threshold) {
		db_result_free(r);
		r = NULL;
		rc = lock_proposal(d, a->id, &r, &s);
		if (rc == MDG_OK)
			rc = reach_threshold(d, a->id, "threshold", 0, r);
	}
done:
	db_result_free(r);
	return rc;
}

int proposal_support(db *d, long long id, long long account_id, bool add, proposal_support_outcome *outcome)
{
	struct support_arg a = {id, account_id, add, PROPOSAL_SUPPORT_UNCHANGED};
	int rc = case_public_committed(d, db_transaction(d, support_tx, &a));
	*outcome = rc == MDG_OK ? a.outcome : PROPOSAL_SUPPORT_UNCHANGED;
	return rc;
}

/* A staff move of an open proposal to 'threshold' below it: a
 * supervisor's promotion, or staff opening its review. */
struct promote_arg {
	const actor *who;
	const staff_perm *perm;
	unsigned roles;     /* that must cover the proposal's department */
	const char *event;  /* proposal_events.kind */
	const char *action; /* the audit log's */
	long long id;
};

static int promote_tx(db *d, void *arg)
{
	struct promote_arg *a = arg;
	db_result *r = NULL;
	proposal_state s;
	bool reaches = false;
	char object[24];
	/* Locked first: the department is read under the row's lock. */
	int rc = lock_proposal(d, a->id, &r, &s);
	if (rc == MDG_OK)
		rc = proposal_reaches(d, a->perm, a->roles, a->id, &reaches);
	if (rc == MDG_OK && !reaches)
		rc = MDG_EDENIED;
	if (rc == MDG_OK && !proposal_may_promote(s))
		rc = MDG_ECONFLICT;
	if (rc == MDG_OK)
		rc = reach_threshold(d, a->id, a->event, a->who->account_id, r);
	snprintf(object, sizeof object, "%lld", a->id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "proposal", object, a->action, db_get(r, 0, "supports", "0"));
	db_result_free(r);
	return rc;
}

int proposal_promote(db *d, const actor *who, const staff_perm *perm, long long id)
{
	struct promote_arg a = {who, perm, PERM_ADMIN, "promoted", "promote", id};
	return case_public_committed(d, db_transaction(d, promote_tx, &a));
}

int proposal_raise_for_review(db *d, const actor *who, const staff_perm *perm, long long id)
{
	struct promote_arg a = {who, perm, PROPOSAL_REVIEW_ROLES, "review_opened_by_staff", "open_review", id};
	return case_public_committed(d, db_transaction(d, promote_tx, &a));
}

static int expire_tx(db *d, void *arg)
{
	long *expired = arg;
	*expired = 0;
	/* The events first: INSERT ... SELECT locks the rows it reads, so the
	 * UPDATE after it changes exactly those. */
	int rc = db_exec(d, "INSERT INTO proposal_events (proposal_id, kind, created_at)"
			    " SELECT id, 'expired', NOW() FROM proposals WHERE state = 'open' AND closes_at <= NOW()",
			 DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE proposals SET state = 'expired', updated_at = NOW()"
				" WHERE state = 'open' AND closes_at <= NOW()",
			     DB_NO_ARGS);
	if (rc == MDG_OK)
		*expired = (long)db_affected(d);
	return rc;
}

int proposal_expire(db *d, long *expired)
{
	return case_public_committed(d, db_transaction(d, expire_tx, expired));
}

int proposal_get(db *d, long long id, long long viewer_id, const char *lang, db_result **out)
{
	int rc = db_query(d, out, "SELECT p.id AS id, p.title AS title, p.problem AS problem, p.proposal AS proposal,"
				" p.effect AS effect, p.state AS state, p.support_count AS supports,"
				" p.threshold AS threshold, LEAST(p.support_count, p.threshold) AS bar,"
				" LEAST(100, FLOOR(p.support_count * 100 / GREATEST(p.threshold, 1))) AS percent,"
				" " SQL_DAY("p.closes_at") " AS closes, " SQL_MINUTE("p.created_at") " AS created,"
				" " SQL_MINUTE("p.updated_at") " AS updated, " SQL_DAY("p.answered_at") " AS answered,"
				" p.outcome AS outcome, " SQL_NAME_IN("g.") " AS category, p.category_id AS category_id,"
				" " SQL_NAME_IN("dp.") " AS department, " SQL_PERSON("a.") " AS author, p.author_id AS author_id,"
				" p.latitude AS lat, p.longitude AS lng, p.address AS address,"
				" p.moderation AS moderation, p.moderation_reason AS moderation_reason,"
				" p.author_id = ? AS mine, p.closes_at <= NOW() AS closed,"
				" EXISTS (SELECT 1 FROM proposal_supports s WHERE s.proposal_id = p.id"
				"  AND s.account_id = ?) AS supported"
				" FROM proposals p JOIN categories g ON g.id = p.category_id"
				" JOIN accounts a ON a.id = p.author_id"
				" LEFT JOIN departments dp ON dp.id = p.department_id"
				" WHERE p.id = ? AND (p.moderation = 'visible' OR p.author_id = ?)",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_INT(viewer_id), DB_INT(viewer_id), DB_INT(id),
				DB_INT(viewer_id)));
	return rc == MDG_OK && (*out)->nrows == 0 ? MDG_ENOTFOUND : rc;
}

int proposal_history(db *d, long long id, db_result **out)
{
	return db_query(d, out, "SELECT kind AS kind, detail AS detail, " SQL_MINUTE("created_at") " AS at"
				" FROM proposal_events WHERE proposal_id = ? ORDER BY id",
			DB_ARGS(DB_INT(id)));
}

int proposal_attachments(db *d, long long id, db_result **out)
{
	return db_query(d, out, "SELECT id AS id, original_name AS name, mime_type AS type, size_bytes AS size"
				" FROM proposal_attachments WHERE proposal_id = ? ORDER BY id",
			DB_ARGS(DB_INT(id)));
}

int proposal_attachment_open(db *d, long long attachment_id, long long viewer_id, const char *uploads_dir,
			     char **path, char **name, char **mime)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT t.stored_name AS stored, t.original_name AS name, t.mime_type AS type"
				 " FROM proposal_attachments t JOIN proposals p ON p.id = t.proposal_id"
				 " WHERE t.id = ? AND (p.moderation = 'visible' OR p.author_id = ?)",
			  DB_ARGS(DB_INT(attachment_id), DB_INT(viewer_id)));
	if (rc == MDG_OK && r->nrows != 1)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		*path = case_stored_path(uploads_dir, db_get(r, 0, "stored", ""));
		*name = strdup(db_get(r, 0, "name", "file"));
		*mime = strdup(db_get(r, 0, "type", "application/octet-stream"));
		if (!*name || !*mime)
			rc = MDG_ERR;
	}
	db_result_free(r);
	return rc;
}

/* The list's statements, one for each sort and each set of filters in
 * use, all literals (the statement cache keys on the text's address): an
 * unused filter written as "? IS NULL OR ..." still costs its test on
 * every row, and the count reads every match (100,000 proposals: 65 ms
 * against 130 with two such tests, bench/participation). Each sort adds
 * its own condition, so that the optimizer sees the index that serves it. */
#define LIST_WHERE PROPOSAL_LIST_WHERE
#define LIST_CATEGORY " AND p.category_id = ?"
#define LIST_SEARCH                                                                                           \
	" AND p.id IN (SELECT proposal_id FROM proposal_search WHERE MATCH(title, body) AGAINST(? IN BOOLEAN MODE))"
/* Every statement macro takes a sort's (cond, order, key, after, before,
 * back, from): its condition, its ORDER BY, its key as digits (the pager's
 * links), the conditions of the rows after and before a (key, key, id),
 * its ORDER BY backwards and the table with the index its pages read. */
#define LIST_COUNT(cond, ...) "SELECT COUNT(*) AS n FROM proposals p" LIST_WHERE cond
#define LIST_ROWS PROPOSAL_LIST_ROWS
/* A page by its number: the ids of the page first, read from the sort's
 * index alone (a deep page skips index entries, not rows), then their
 * rows. */
#define LIST_PAGE(cond, order, key, after, before, back, from)                                                \
	LIST_ROWS(key, order, "SELECT p.id FROM " from LIST_WHERE cond " ORDER BY " order " LIMIT ? OFFSET ?")
/* A page after or before a row (keyset paging): the index is entered at
 * that row, so page 2,000 costs what page 1 does (rows 40,001-40,020 of
 * 100,000: 14 ms by OFFSET, 0.4 ms so). The rows before are read
 * backwards from it, and put back in order by LIST_ROWS. */
#define LIST_AFTER(cond, order, key, after, before, back, from)                                               \
	LIST_ROWS(key, order, "SELECT p.id FROM " from LIST_WHERE cond after " ORDER BY " order " LIMIT ?")
#define LIST_BEFORE(cond, order, key, after, before, back, from)                                              \
	LIST_ROWS(key, order, "SELECT p.id FROM " from LIST_WHERE cond before " ORDER BY " back " LIMIT ?")
/* The four statements of a sort: [category][search]. Only the whole
 * list names the sort's index: a search reads its few matches by their
 * ids, a category its tenth by the optimizer's choice (ix_proposals_category
 * serves the newest). */
#define LIST_FILTERS(X, cond, order, key, after, before, back, from)                                          \
	{                                                                                                     \
		{X(cond, order, key, after, before, back, from),                                              \
		 X(LIST_SEARCH cond, order, key, after, before, back, "proposals p")},                        \
		{X(LIST_CATEGORY cond, order, key, after, before, back, "proposals p"),                       \
		 X(LIST_CATEGORY LIST_SEARCH cond, order, key, after, before, back, "proposals p")},          \
	}
/* The rows of a sort on col past (key, id), or up to it. */
#define LIST_BELOW(col) " AND (" col " < ? OR (" col " = ? AND p.id < ?))"
#define LIST_ABOVE(col) " AND (" col " > ? OR (" col " = ? AND p.id > ?))"
#define LIST_DIGITS PROPOSAL_LIST_DIGITS
/* The newest and the most supported: their indexes start with the sort
 * key (migration 0043), so that the rows after a row can only be read as
 * a range from it. With moderation first, the optimizer took the same
 * rows, under concurrent requests, by the index's moderation alone
 * backwards from the top, testing 40,000 entries for page 2,000 (SHOW
 * EXPLAIN: ref, key_len 1). */
#define LIST_BY_NEWEST PROPOSAL_LIST_BY_NEWEST
#define LIST_BY_SUPPORT "proposals p FORCE INDEX (ix_proposals_support)"
#define LIST_SORTS(X)                                                                                         \
	{                                                                                                     \
		[PROPOSAL_SORT_NEWEST] = LIST_FILTERS(X, "", "p.created_at DESC, p.id DESC",                  \
						      LIST_DIGITS("p.created_at"), LIST_BELOW("p.created_at"), \
						      LIST_ABOVE("p.created_at"), "p.created_at, p.id",       \
						      LIST_BY_NEWEST),                                        \
		[PROPOSAL_SORT_SUPPORTED] = LIST_FILTERS(X, "", "p.support_count DESC, p.id DESC",            \
							 "p.support_count", LIST_BELOW("p.support_count"),    \
							 LIST_ABOVE("p.support_count"), "p.support_count, p.id", \
							 LIST_BY_SUPPORT),                                    \
		[PROPOSAL_SORT_CLOSING] = LIST_FILTERS(X, " AND p.state = 'open' AND p.closes_at > NOW()",    \
						       "p.closes_at, p.id", LIST_DIGITS("p.closes_at"),       \
						       LIST_ABOVE("p.closes_at"), LIST_BELOW("p.closes_at"),  \
						       "p.closes_at DESC, p.id DESC", "proposals p"),         \
		[PROPOSAL_SORT_ANSWERED] = LIST_FILTERS(X, " AND p.answered_at IS NOT NULL",                  \
							"p.answered_at DESC, p.id DESC", LIST_DIGITS("p.answered_at"), \
							LIST_BELOW("p.answered_at"), LIST_ABOVE("p.answered_at"), \
							"p.answered_at, p.id", "proposals p"),                \
	}

int proposal_seek_parse(const char *text, long long *key, long long *id)
{
	/* KEY.ID: a count, or a time as YYYYMMDDhhmmss; an id. */
	const char *dot = text ? strchr(text, '.') : NULL;
	char head[24];
	long k = 0, i = 0;
	if (!dot || (size_t)(dot - text) >= sizeof head)
		return MDG_EINVAL;
	memcpy(head, text, (size_t)(dot - text));
	head[dot - text] = '\0';
	if (text_parse_long(head, 0, 99991231235959L, &k) != MDG_OK || text_parse_long(dot + 1, 1, LONG_MAX, &i) != MDG_OK)
		return MDG_EINVAL;
	*key = k;
	*id = i;
	return MDG_OK;
}

/* The totals of the lists without search words, per sort and category,
 * kept by this process for PROPOSAL_COUNT_SECONDS: counting reads every
 * match (100,000 proposals: 65 ms under load, most of a list's time), and
 * a total a few seconds old only moves the pager's last page. Searches
 * are counted each time (their matches are few). */
#define PROPOSAL_COUNT_SECONDS 5
#define PROPOSAL_COUNT_SLOTS 64
static struct {
	proposal_sort sort;
	long long category_id;
	long total;
	time_t at;
} count_cache[PROPOSAL_COUNT_SLOTS];

/* The slot of (sort, category_id); *fresh when it holds their total,
 * counted less than PROPOSAL_COUNT_SECONDS ago. */
static size_t count_slot(proposal_sort sort, long long category_id, bool *fresh)
{
	time_t now = time(NULL);
	size_t slot = ((size_t)sort * 31 + (size_t)category_id) % PROPOSAL_COUNT_SLOTS;
	*fresh = count_cache[slot].at && count_cache[slot].sort == sort &&
		 count_cache[slot].category_id == category_id && now >= count_cache[slot].at &&
		 now - count_cache[slot].at < PROPOSAL_COUNT_SECONDS;
	return slot;
}

int proposal_list(db *d, const proposal_filter *f, const char *lang, db_result **out, long *total)
{
	static const char *const count_sql[PROPOSAL_SORT__MAX][2][2] = LIST_SORTS(LIST_COUNT);
	static const char *const page_sql[PROPOSAL_SORT__MAX][2][2] = LIST_SORTS(LIST_PAGE);
	static const char *const after_sql[PROPOSAL_SORT__MAX][2][2] = LIST_SORTS(LIST_AFTER);
	static const char *const before_sql[PROPOSAL_SORT__MAX][2][2] = LIST_SORTS(LIST_BEFORE);
	proposal_sort sort = f->sort < PROPOSAL_SORT__MAX ? f->sort : PROPOSAL_SORT_NEWEST;
	char *query = f->words ? case_search_query(f->words) : NULL;
	db_result *counted = NULL;
	db_arg args[8];
	size_t nargs = 0;
	args[nargs++] = DB_STR(lang);
	if (f->category_id)
		args[nargs++] = DB_INT(f->category_id);
	if (query)
		args[nargs++] = DB_STR(query);
	bool by_cat = f->category_id != 0, by_words = query != NULL;
	const char *page = !f->seek_id ? page_sql[sort][by_cat][by_words]
			   : f->seek_back ? before_sql[sort][by_cat][by_words]
					  : after_sql[sort][by_cat][by_words];
	long size = f->limit ? f->limit : PROPOSAL_PAGE_SIZE;
	bool fresh = false;
	size_t slot = count_slot(sort, f->category_id, &fresh);
	int rc = MDG_OK;
	*out = NULL;
	*total = 0;
	if (fresh && !query) {
		*total = count_cache[slot].total;
	} else {
		/* The count takes the filters' values, without the language. */
		rc = db_query(d, &counted, count_sql[sort][by_cat][by_words], args + 1, nargs - 1);
		if (rc == MDG_OK)
			*total = (long)db_get_ll(counted, 0, "n", 0);
		if (rc == MDG_OK && !query) {
			count_cache[slot].sort = sort;
			count_cache[slot].category_id = f->category_id;
			count_cache[slot].total = *total;
			count_cache[slot].at = time(NULL);
		}
	}
	if (f->seek_id) {
		/* (key, key, id) of the row the page starts after or ends before. */
		args[nargs++] = DB_INT(f->seek_key);
		args[nargs++] = DB_INT(f->seek_key);
		args[nargs++] = DB_INT(f->seek_id);
	}
	args[nargs++] = DB_INT((long long)size);
	if (!f->seek_id)
		args[nargs++] = DB_INT((long long)(f->page - 1) * size);
	if (rc == MDG_OK)
		rc = db_query(d, out, page, args, nargs);
	if (rc != MDG_OK)
		*total = 0;
	db_result_free(counted);
	free(query);
	return rc;
}

/* The rows of a "my page" list of proposals (own or supported). */
#define MINE_COLUMNS                                                                                          \
	"p.id AS id, p.title AS title, p.state AS state, p.support_count AS supports,"                        \
	" p.threshold AS threshold, p.moderation AS moderation, " SQL_DAY("p.created_at") " AS date"

int proposal_list_mine(db *d, long long account_id, long page, db_result **out, long *total)
{
	return db_count_page(d, "SELECT COUNT(*) AS n FROM proposals WHERE author_id = ?", DB_ARGS(DB_INT(account_id)),
			     "SELECT " MINE_COLUMNS " FROM proposals p WHERE p.author_id = ?"
			     " ORDER BY p.id DESC LIMIT ? OFFSET ?",
			     DB_ARGS(DB_INT(account_id)), page, PROPOSAL_MINE_SIZE, out, total);
}

int proposal_supports_mine(db *d, long long account_id, long page, db_result **out, long *total)
{
	/* Supports of proposals since hidden stay counted (they were given)
	 * but the row shows only what the public may see of them. */
	return db_count_page(d, "SELECT COUNT(*) AS n FROM proposal_supports WHERE account_id = ?",
			     DB_ARGS(DB_INT(account_id)),
			     "SELECT " MINE_COLUMNS ", " SQL_DAY("s.created_at") " AS supported"
			     " FROM proposal_supports s JOIN proposals p ON p.id = s.proposal_id"
			     " WHERE s.account_id = ? ORDER BY s.created_at DESC, p.id DESC LIMIT ? OFFSET ?",
			     DB_ARGS(DB_INT(account_id)), page, PROPOSAL_MINE_SIZE, out, total);
}

struct comment_arg {
	long long id;
	const post_new *p;
	long long post_id;
};

static int comment_tx(db *d, void *arg)
{
	struct comment_arg *a = arg;
	db_result *r = NULL;
	/* Not locked: comments on one proposal need not wait for each other
	 * (a withdrawal racing a comment leaves one comment, harmless). */
	int rc = db_query(d, &r, "SELECT state AS state FROM proposals WHERE id = ? AND moderation = 'visible'",
			  DB_ARGS(DB_INT(a->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && strcmp(db_get(r, 0, "state", ""), "withdrawn") == 0)
		rc = MDG_ECONFLICT;
	if (rc == MDG_OK) {
		post_new p = *a->p;
		p.parent_kind = "proposal";
		p.parent_id = a->id;
		p.side = NULL;
		rc = post_add(d, &p, &a->post_id);
	}
	db_result_free(r);
	return rc;
}

int proposal_comment(db *d, long long id, const post_new *p, long long *post_id)
{
	struct comment_arg a = {id, p, 0};
	int rc = db_transaction(d, comment_tx, &a);
	*post_id = rc == MDG_OK ? a.post_id : 0;
	return rc;
}
