/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* repeat_close.c: closing a repeat complaint in two steps (repeat_close.h). */
#include "similar/repeat_close.h"
#include "cases/action.h"
#include "cases/dossier.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "db/sql.h"

#include <string.h>

int repeat_closing(db *d, long long case_id, db_result **out)
{
	return db_query(d, out, "SELECT rc.status AS status, rc.notice AS notice, p.name AS proposer,"
				" " SQL_MINUTE("rc.proposed_at") " AS proposed, m.name AS decider,"
				" " SQL_MINUTE("rc.decided_at") " AS decided,"
				" (SELECT COUNT(*) FROM case_repeats r JOIN cases e ON e.id = r.earlier_id"
				"  WHERE r.case_id = c.id AND e.answered_at IS NOT NULL) AS answered,"
				" c.status IN ('answered', 'closed', 'withdrawn', 'rejected') AS final"
				" FROM cases c LEFT JOIN repeat_closings rc ON rc.case_id = c.id"
				" LEFT JOIN accounts p ON p.id = rc.proposed_by"
				" LEFT JOIN accounts m ON m.id = rc.decided_by WHERE c.id = ?",
			DB_ARGS(DB_INT(case_id)));
}


/* repeat_propose's and repeat_decide's arguments and answer, for their
 * transactions (db_transaction). */
struct closing {
	const actor *who;
	long long case_id;
	const char *tracking, *notice;
	bool approve;
	const char *problem;
};

/* The transaction of repeat_propose. */
static int propose_tx(db *d, void *arg)
{
	struct closing *t = arg;
	db_result *r = NULL;
	t->problem = NULL;
	int rc = db_query(d, &r, "SELECT c.status IN ('answered', 'closed', 'withdrawn', 'rejected') AS final,"
				 " (SELECT COUNT(*) FROM case_repeats x JOIN cases e ON e.id = x.earlier_id"
				 "  WHERE x.case_id = c.id AND e.answered_at IS NOT NULL) AS answered,"
				 " (SELECT status FROM repeat_closings WHERE case_id = c.id) AS closing"
				 " FROM cases c WHERE c.id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(t->case_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		goto done;
	if (db_get_ll(r, 0, "final", 0))
		t->problem = "not_allowed";
	else if (db_get_ll(r, 0, "answered", 0) < REPEAT_CLOSE_AFTER)
		t->problem = "repeat_too_few";
	else if (strcmp(db_get(r, 0, "closing", ""), "proposed") == 0)
		t->problem = "repeat_pending";
	if (t->problem) {
		rc = MDG_EINVAL;
		goto done;
	}
	rc = db_exec(d, "REPLACE INTO repeat_closings (case_id, status, notice, proposed_by, proposed_at)"
			" VALUES (?, 'proposed', ?, ?, NOW())",
		     DB_ARGS(DB_INT(t->case_id), DB_STR(t->notice), DB_INT(t->who->account_id)));
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "case", t->tracking, "repeat_propose", NULL);
done:
	db_result_free(r);
	return rc;
}

int repeat_propose(db *d, const actor *who, long long case_id, const char *tracking, const char *notice,
		   const char **problem)
{
	*problem = NULL;
	size_t len = notice ? strlen(notice) : 0;
	if (len == 0 || strspn(notice, " \t\r\n") == len) {
		*problem = "text_required";
		return MDG_EINVAL;
	}
	if (utf8_length(notice, len) > CASE_ANSWER_MAX) {
		*problem = "text_too_long";
		return MDG_EINVAL;
	}
	struct closing t = {.who = who, .case_id = case_id, .tracking = tracking, .notice = notice};
	int rc = db_transaction(d, propose_tx, &t);
	*problem = t.problem;
	return rc;
}

/* Sends notice as the answer of case_id and closes it, as the manager:
 * through the workflow (its events, the citizen's notice). A category
 * whose answers need approval takes the submit and approve steps, the
 * manager's approval of the closing being that approval. */
static int send_and_close(db *d, long long manager_id, long long case_id, const char *notice, const char **problem)
{
	case_state st;
	db_result *r = NULL;
	case_cmd cmd = {.case_id = case_id, .actor_id = manager_id, .actor_kind = ACTOR_MANAGER, .text = notice};
	int rc = dossier_state(d, case_id, &st, &r);
	db_result_free(r);
	if (rc != MDG_OK)
		return rc;
	cmd.version = st.version;
	cmd.action = st.needs_approval ? ACT_SUBMIT : ACT_ANSWER;
	rc = case_apply(d, &cmd, problem);
	if (rc == MDG_OK && st.needs_approval) {
		cmd.version++;
		cmd.action = ACT_APPROVE;
		rc = case_apply(d, &cmd, problem);
	}
	if (rc == MDG_OK) {
		cmd.version++;
		cmd.action = ACT_CLOSE;
		cmd.text = NULL;
		rc = case_apply(d, &cmd, problem);
	}
	return rc;
}

/* The transaction of repeat_decide, once the case is answered. */
static int decide_tx(db *d, void *arg)
{
	const struct closing *t = arg;
	int rc = db_exec(d, "UPDATE repeat_closings SET status = ?, decided_by = ?, decided_at = NOW()"
			    " WHERE case_id = ? AND status = 'proposed'",
			 DB_ARGS(DB_STR(t->approve ? "approved" : "returned"), DB_INT(t->who->account_id),
				 DB_INT(t->case_id)));
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "case", t->tracking, t->approve ? "repeat_approve" : "repeat_return", NULL);
	return rc;
}

int repeat_decide(db *d, const actor *who, long long case_id, const char *tracking, bool approve,
		  const char **problem)
{
	db_result *r = NULL;
	*problem = NULL;
	int rc = db_query(d, &r, "SELECT notice AS notice, proposed_by AS proposer FROM repeat_closings"
				 " WHERE case_id = ? AND status = 'proposed'",
			  DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && (r->nrows == 0 || db_get_ll(r, 0, "proposer", 0) == who->account_id)) {
		*problem = r->nrows == 0 ? "repeat_none" : "repeat_self";
		rc = MDG_EINVAL;
	}
	if (rc == MDG_OK && approve)
		rc = send_and_close(d, who->account_id, case_id, db_get(r, 0, "notice", ""), problem);
	struct closing t = {.who = who, .case_id = case_id, .tracking = tracking, .approve = approve};
	if (rc == MDG_OK)
		rc = db_transaction(d, decide_tx, &t);
	db_result_free(r);
	return rc;
}
