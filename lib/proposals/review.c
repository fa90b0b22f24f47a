/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* review.c: a proposal's official review, handled as a case of kind
 * 'proposal' (see review.h). */
#include "proposals/review.h"
#include "cases/case.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "db/sql.h"
#include "jobs/lease.h"
#include "notify/notice.h"
#include "participation/mileage.h"
#include "proposals/proposal.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define SCAN_LIMIT_DEFAULT 100
/* A scan holds the lease for at most this long (a killed notifier's is
 * free again after it). */
#define REVIEW_LEASE_SECONDS 600

bool proposal_outcome_valid(const char *outcome)
{
	return outcome && (strcmp(outcome, "accepted") == 0 || strcmp(outcome, "partly") == 0 ||
			   strcmp(outcome, "rejected") == 0);
}

struct routed_arg {
	long long id;
	const char *title;
};

/* case_new.in_tx of a proposal's case: the proposal takes its case under
 * its row's lock. A row another scan holds is skipped (SKIP LOCKED), a
 * proposal filed meanwhile too: MDG_ENOTFOUND rolls this filing back. */
static int routed_in_tx(db *d, long long case_id, const char *tracking, void *arg)
{
	struct routed_arg *a = arg;
	db_result *r = NULL;
	json_t *payload = NULL;
	char link[48];
	int rc = db_query(d, &r, "SELECT id AS id FROM proposals WHERE id = ? AND state = 'threshold'"
				 " AND case_id IS NULL FOR UPDATE SKIP LOCKED",
			  DB_ARGS(DB_INT(a->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	db_result_free(r);
	r = NULL;
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE proposals p JOIN cases c ON c.id = ? SET p.case_id = c.id,"
				" p.department_id = c.department_id, p.state = 'review', p.updated_at = NOW()"
				" WHERE p.id = ?",
			     DB_ARGS(DB_INT(case_id), DB_INT(a->id)));
	if (rc == MDG_OK)
		rc = proposal_add_event(d, a->id, "routed", 0, tracking);
	if (rc == MDG_OK)
		rc = db_query(d, &r, "SELECT " SQL_DAY("due_at") " AS due FROM cases WHERE id = ?",
			      DB_ARGS(DB_INT(case_id)));
	if (rc != MDG_OK)
		goto done;
	snprintf(link, sizeof link, "/proposals/%lld", a->id);
	payload = json_pack("{s:s, s:s, s:s, s:s}", "link", link, "title", a->title, "tracking", tracking, "due",
			    db_get(r, 0, "due", ""));
	/* The author has the case's receipt (tracking number, department,
	 * due date); the supporters are told here. */
	rc = payload ? proposal_tell(d, a->id, NOTICE_PROPOSAL_REVIEW, payload, "proposal_review", false) : MDG_ERR;
done:
	json_decref(payload);
	db_result_free(r);
	return rc;
}

/* Files proposal row i of p as its case; tracking gets its number. */
static int file_one(db *d, const db_result *p, unsigned i, int workdays, char tracking[TRACKING_LEN + 1])
{
	buf body = {0};
	/* The three sections under their Korean and English names: the case
	 * is read by staff and, public, by anyone. */
	buf_printf(&body, "[문제점 / Problem]\n%s\n\n[제안 내용 / Proposal]\n%s\n\n[기대 효과 / Expected effect]\n%s\n",
		   db_get(p, i, "problem", ""), db_get(p, i, "proposal", ""), db_get(p, i, "effect", ""));
	struct routed_arg a = {db_get_ll(p, i, "id", 0), db_get(p, i, "title", "")};
	case_new c = {
		.account_id = db_get_ll(p, i, "author", 0),
		.category_id = db_get_ll(p, i, "category", 0),
		.title = a.title,
		.body = buf_str(&body),
		.is_public = true,
		.latitude = db_get(p, i, "lat", NULL),
		.longitude = db_get(p, i, "lng", NULL),
		.address = db_get(p, i, "address", NULL),
		.channel = "web",
		.kind = "proposal",
		.deadline_workdays = workdays,
		.in_tx = routed_in_tx,
		.in_tx_arg = &a,
	};
	int rc = case_file(d, &c, NULL, 0, "", tracking);
	buf_free(&body);
	return rc;
}

/* The visible proposals at their threshold without a case (only id when
 * not 0), at most limit, with the answer's business days: what filing
 * reads. */
static int waiting(db *d, long long id, long limit, db_result **p, long *workdays)
{
	int rc = proposal_setting_long(d, "proposal.answer_workdays", PROPOSAL_ANSWER_WORKDAYS_DEFAULT, 1, 365,
				       workdays);
	if (rc == MDG_OK)
		rc = db_query(d, p, "SELECT id AS id, author_id AS author, category_id AS category, title AS title,"
				    " problem AS problem, proposal AS proposal, effect AS effect, latitude AS lat,"
				    " longitude AS lng, address AS address FROM proposals"
				    " WHERE state = 'threshold' AND case_id IS NULL AND moderation = 'visible'"
				    " AND (? = 0 OR id = ?) ORDER BY id LIMIT ?",
			      DB_ARGS(DB_INT(id), DB_INT(id), DB_INT(limit)));
	return rc;
}

int proposal_review_file(db *d, long long id, char tracking[TRACKING_LEN + 1])
{
	db_result *p = NULL;
	long workdays = 0;
	tracking[0] = '\0';
	int rc = waiting(d, id, 1, &p, &workdays);
	if (rc == MDG_OK && p->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = file_one(d, p, 0, (int)workdays, tracking);
	db_result_free(p);
	return rc;
}

int proposal_open_review(db *d, const actor *who, const staff_perm *perm, long long id,
			 char tracking[TRACKING_LEN + 1])
{
	tracking[0] = '\0';
	int rc = proposal_raise_for_review(d, who, perm, id);
	/* Filed now, so that the staff member can answer it at once. */
	if (rc == MDG_OK && proposal_review_file(d, id, tracking) != MDG_OK)
		tracking[0] = '\0';
	return rc;
}

int proposal_review_scan(db *d, long limit, long *filed)
{
	db_result *p = NULL;
	char tracking[TRACKING_LEN + 1];
	long workdays = 0;
	bool got = false;
	*filed = 0;
	/* One scan at a time: two notifiers filing the same proposal would
	 * each take a tracking number and one filing would fail (a number
	 * lost, an error logged). A lease row, not waited for: a scan that
	 * does not get it files nothing now, and the next run takes what is
	 * left. The row is the same on every node of a Galera cluster (a
	 * named lock of the server was not). (A scan that outlives the lease
	 * still cannot file a proposal twice: its row is locked in the
	 * filing's transaction.) */
	int rc = lease_take(d, LEASE_PROPOSAL_REVIEW, REVIEW_LEASE_SECONDS, &got);
	if (rc != MDG_OK || !got)
		return rc;
	rc = waiting(d, 0, limit > 0 ? limit : SCAN_LIMIT_DEFAULT, &p, &workdays);
	for (unsigned i = 0; rc == MDG_OK && i < p->nrows; i++) {
		int r = file_one(d, p, i, (int)workdays, tracking);
		if (r == MDG_OK)
			++*filed;
		else if (r == MDG_ENOTFOUND || r == MDG_EINVAL)
			/* Taken by another scan; or its category was
			 * deactivated (it waits until a supervisor moves it). */
			log_info("proposal %lld not filed now (%d)", db_get_ll(p, i, "id", 0), r);
		else
			rc = r;
	}
	db_result_free(p);
	if (lease_release(d, LEASE_PROPOSAL_REVIEW) != MDG_OK && rc == MDG_OK)
		rc = MDG_EDB;
	return rc;
}

/* The answer of proposal r's case (r: proposal_follow_case's row) was
 * just sent: see proposal_follow_case. */
static int answered(db *d, const db_result *r)
{
	json_t *payload = NULL;
	char link[48], tag[48];
	long long id = db_get_ll(r, 0, "id", 0), answer_id = db_get_ll(r, 0, "answer", 0);
	const char *outcome = db_get(r, 0, "outcome", "rejected");
	int rc = db_exec(d, "UPDATE proposals SET state = 'answered', outcome = ?, answered_at = NOW(),"
			    " updated_at = NOW() WHERE id = ?",
			 DB_ARGS(DB_STR(outcome), DB_INT(id)));
	if (rc == MDG_OK)
		rc = proposal_add_event(d, id, "answered", 0, outcome);
	/* Partly accepted is accepted in part: it earns the same, once. */
	if (rc == MDG_OK && strcmp(outcome, "rejected") != 0)
		rc = mileage_award(d, db_get_ll(r, 0, "author", 0), MILEAGE_PROPOSAL_ACCEPTED, "proposal", id, NULL);
	if (rc != MDG_OK)
		goto done;
	snprintf(link, sizeof link, "/proposals/%lld", id);
	payload = json_pack("{s:s, s:s, s:s}", "link", link, "title", db_get(r, 0, "title", ""), "outcome", outcome);
	/* One notice per answer sent (a reopened case answered again tells
	 * again). */
	snprintf(tag, sizeof tag, "proposal_answered:%lld", answer_id);
	rc = payload ? proposal_tell(d, id, NOTICE_PROPOSAL_ANSWERED, payload, tag, true) : MDG_ERR;
done:
	json_decref(payload);
	return rc;
}

proposal_state proposal_follow_state(case_action a)
{
	switch (a) {
	case ACT_ANSWER:
	case ACT_APPROVE:
		return PROPOSAL_ANSWERED;
	case ACT_WITHDRAW:
		return PROPOSAL_WITHDRAWN;
	case ACT_REJECT:
		return PROPOSAL_CLOSED;
	case ACT_REOPEN:
		return PROPOSAL_REVIEW;
	default:
		return PROPOSAL_STATE__MAX;
	}
}

bool proposal_follow_department(case_action a)
{
	return a == ACT_TRANSFER || a == ACT_SEND_BACK || a == ACT_REFILE;
}

/* The public history's event of each state a case's move leaves the
 * proposal in (the answer writes its own). */
static const char *follow_event(proposal_state s)
{
	switch (s) {
	case PROPOSAL_WITHDRAWN:
		return "withdrawn";
	case PROPOSAL_CLOSED:
		return "review_closed";
	case PROPOSAL_REVIEW:
		return "reopened";
	default:
		return NULL;
	}
}

int proposal_follow_case(db *d, long long case_id, case_action a)
{
	db_result *r = NULL;
	proposal_state to = proposal_follow_state(a);
	bool moves = proposal_follow_department(a);
	if (to == PROPOSAL_STATE__MAX && !moves)
		return MDG_OK;
	/* The latest answer sent (ACT_ANSWER, ACT_APPROVE: the one just
	 * sent) and the case's department after the move. */
	int rc = db_query(d, &r, "SELECT p.id AS id, p.title AS title, p.author_id AS author,"
				 " c.department_id AS department, an.id AS answer, an.outcome AS outcome"
				 " FROM proposals p JOIN cases c ON c.id = p.case_id"
				 " LEFT JOIN answers an ON an.id = (SELECT MAX(s.id) FROM answers s"
				 "  WHERE s.case_id = c.id AND s.status = 'sent')"
				 " WHERE p.case_id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(case_id)));
	if (rc != MDG_OK || r->nrows == 0)
		goto done;
	long long id = db_get_ll(r, 0, "id", 0);
	if (moves) {
		rc = db_exec(d, "UPDATE proposals SET department_id = ?, updated_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_ID(db_get_ll(r, 0, "department", 0)), DB_INT(id)));
		if (rc == MDG_OK)
			rc = proposal_add_event(d, id, "transferred", 0, NULL);
	} else if (to == PROPOSAL_ANSWERED) {
		rc = answered(d, r);
	} else {
		/* Reopened: the answer is no longer the proposal's until the
		 * next one is sent (proposal_review_answer shows none). */
		rc = db_exec(d, "UPDATE proposals SET state = ?, outcome = IF(? = 'review', NULL, outcome),"
				" answered_at = IF(? = 'review', NULL, answered_at), updated_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_STR(proposal_state_name(to)), DB_STR(proposal_state_name(to)),
				     DB_STR(proposal_state_name(to)), DB_INT(id)));
		if (rc == MDG_OK)
			rc = proposal_add_event(d, id, follow_event(to), 0, NULL);
	}
done:
	db_result_free(r);
	return rc;
}

int proposal_review_answer(db *d, long long id, const char *lang, db_result **out)
{
	/* The latest answer sent, once the proposal is answered (an answer
	 * of a reopened case waits until it is sent again). */
	return db_query(d, out, "SELECT c.tracking_no AS tracking, " SQL_DAY("c.due_at") " AS due,"
				" " SQL_NAME_IN("dp.") " AS department, an.outcome AS outcome, an.body AS reasons,"
				" an.plan AS plan, " SQL_DAY("an.sent_at") " AS sent"
				" FROM proposals p JOIN cases c ON c.id = p.case_id"
				" LEFT JOIN departments dp ON dp.id = c.department_id"
				" LEFT JOIN answers an ON p.state = 'answered' AND an.id = (SELECT MAX(s.id) FROM answers s"
				"  WHERE s.case_id = c.id AND s.status = 'sent')"
				" WHERE p.id = ?",
			DB_ARGS(DB_STR(lang), DB_INT(id)));
}

struct update_arg {
	const actor *who;
	long long case_id;
	const char *body;
};

static int update_tx(db *d, void *arg)
{
	struct update_arg *a = arg;
	db_result *r = NULL;
	char object[24];
	int rc = db_query(d, &r, "SELECT id AS id, state AS state FROM proposals WHERE case_id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(a->case_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	/* Not MDG_ECONFLICT: db_transaction would try again. */
	if (rc == MDG_OK && strcmp(db_get(r, 0, "state", ""), "answered") != 0)
		rc = MDG_EDENIED;
	long long id = rc == MDG_OK ? db_get_ll(r, 0, "id", 0) : 0;
	db_result_free(r);
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO proposal_updates (proposal_id, author_id, body, created_at)"
				" VALUES (?, ?, ?, NOW())",
			     DB_ARGS(DB_INT(id), DB_INT(a->who->account_id), DB_STR(a->body)));
	if (rc == MDG_OK)
		rc = proposal_add_event(d, id, "update", a->who->account_id, NULL);
	snprintf(object, sizeof object, "%lld", id);
	return rc == MDG_OK ? audit_write(d, a->who, "proposal", object, "update", NULL) : rc;
}

int proposal_review_update(db *d, const actor *who, long long case_id, const char *body)
{
	if (!body || !*body || utf8_length(body, strlen(body)) > PROPOSAL_UPDATE_MAX)
		return MDG_EINVAL;
	struct update_arg a = {who, case_id, body};
	return db_transaction(d, update_tx, &a);
}

int proposal_review_updates(db *d, long long id, db_result **out)
{
	return db_query(d, out, "SELECT body AS body, " SQL_MINUTE("created_at") " AS at FROM proposal_updates"
				" WHERE proposal_id = ? ORDER BY id",
			DB_ARGS(DB_INT(id)));
}
