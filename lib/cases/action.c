/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* action.c: acting on a case, one checked transaction per action. */
#include "cases/action.h"
#include "cases/public_view.h"
#include "db/sql.h"
#include "cases/routing.h"
#include "cases/absence.h"
#include "core/bizdays.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "notify/notice.h"
#include "participation/mileage.h"
#include "proposals/review.h"
#include "cases/public_view.h"
#include "reports/counters.h"

#include <stdio.h>
#include <string.h>

/* The columns must hold the longest text in bytes (4 per character at
 * most in utf8mb4): case_events.note (MEDIUMTEXT since 0011: it keeps the
 * answer sent and a reason with its new date), case_messages.body,
 * satisfaction.comment and .callback_note (TEXT), answers.body and
 * case_departments.part_text (MEDIUMTEXT). */
#define COLUMN_TEXT_BYTES 65535L
#define COLUMN_MEDIUMTEXT_BYTES 16777215L
_Static_assert(CASE_REASON_MAX * 4L <= COLUMN_TEXT_BYTES, "a reason fits a TEXT column");
_Static_assert(CASE_ANSWER_MAX * 4L + 64 <= COLUMN_MEDIUMTEXT_BYTES, "an answer fits a MEDIUMTEXT column");

/* The case row locked for this transaction. */
struct locked_case {
	case_status status;
	long long version;
	long long owner;
	long long department;
	long long category;
	long long extensions, max_extensions;
	bool needs_approval;
	bool reopen_open;     /* still within the reopening period */
	bool proposal;        /* a proposal's review (kind 'proposal') */
	char due[20];
};

static int lock_case(db *d, long long case_id, struct locked_case *c)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT status AS status, version AS version, account_id AS owner,"
				 " IFNULL(department_id, 0) AS department, category_id AS category,"
				 " extensions AS extensions, max_extensions AS max_extensions, needs_approval AS"
				 " needs_approval,"
				 " answered_at IS NOT NULL"
				 " AND answered_at > NOW() - INTERVAL reopen_days DAY AS reopen_open,"
				 " " SQL_SECOND("due_at") " AS due, kind = 'proposal' AS proposal"
				 " FROM cases WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(case_id)));
	if (rc != MDG_OK)
		return rc;
	if (r->nrows == 0) {
		db_result_free(r);
		return MDG_ENOTFOUND;
	}
	memset(c, 0, sizeof *c);
	if (case_status_parse(db_get(r, 0, "status", ""), &c->status) != MDG_OK)
		rc = MDG_ERR;
	c->version = db_get_ll(r, 0, "version", 0);
	c->owner = db_get_ll(r, 0, "owner", 0);
	c->department = db_get_ll(r, 0, "department", 0);
	c->category = db_get_ll(r, 0, "category", 0);
	c->extensions = db_get_ll(r, 0, "extensions", 0);
	c->max_extensions = db_get_ll(r, 0, "max_extensions", 0);
	c->needs_approval = db_get_ll(r, 0, "needs_approval", 0) != 0;
	c->reopen_open = db_get_ll(r, 0, "reopen_open", 0) != 0;
	c->proposal = db_get_ll(r, 0, "proposal", 0) != 0;
	snprintf(c->due, sizeof c->due, "%s", db_get(r, 0, "due", ""));
	db_result_free(r);
	return rc;
}

/* True when s (valid UTF-8: the forms checked it) has more than max
 * characters. */
static bool too_long(const char *s, size_t max)
{
	return s && utf8_length(s, strlen(s)) > max;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

static int event(db *d, long long case_id, const char *kind, long long actor_id, long long department,
		 bool is_public, const char *note, long long target_account, long long target_department)
{
	return db_exec(d, "INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note,"
			  " target_account_id, target_department_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW())",
		       DB_ARGS(DB_INT(case_id), DB_STR(kind), DB_ID(actor_id), DB_ID(department),
			       DB_INT((long long)is_public), DB_STR(note), DB_ID(target_account),
			       DB_ID(target_department)));
}

/* Moves the lead of a case to another department (transfer, send back):
 * the old lead's handlers let go, the new department's rules assign. */
static int move_lead(db *d, const case_cmd *cmd, const struct locked_case *c, long long to, const char *kind)
{
	db_result *r = NULL;
	int assigned = 0;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM departments WHERE id = ? AND active = 1",
			  DB_ARGS(DB_INT(to)));
	if (rc != MDG_OK)
		return rc;
	bool exists = db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	if (!exists)
		return MDG_EINVAL;
	rc = db_exec(d, "DELETE FROM case_handlers WHERE case_id = ? AND department_id = ?",
		     DB_ARGS(DB_INT(cmd->case_id), DB_INT(c->department)));
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM case_departments WHERE case_id = ? AND (role = 'lead'"
				" OR department_id = ?)",
			     DB_ARGS(DB_INT(cmd->case_id), DB_INT(to)));
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO case_departments (case_id, department_id, role, updated_at)"
				" VALUES (?, ?, 'lead', NOW())",
			     DB_ARGS(DB_INT(cmd->case_id), DB_INT(to)));
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE cases SET department_id = ?, unplaced = 0, escalated_at = NULL WHERE id = ?",
			     DB_ARGS(DB_INT(to), DB_INT(cmd->case_id)));
	if (rc == MDG_OK)
		rc = event(d, cmd->case_id, kind, cmd->actor_id, c->department, true, cmd->text, 0, to);
	if (rc == MDG_OK)
		rc = routing_assign_department(d, cmd->case_id, c->category, to, &assigned);
	if (rc == MDG_OK && assigned)
		rc = db_exec(d, "UPDATE cases SET status = 'assigned' WHERE id = ?", DB_ARGS(DB_INT(cmd->case_id)));
	/* To the citizen a sending back is a transfer too: the case moves to
	 * another department, for a reason. */
	if (rc == MDG_OK)
		rc = notice_citizen(d, cmd->case_id, NOTICE_TRANSFERRED, cmd->text);
	return rc;
}

/* The department the case was last transferred from into its current
 * lead department, or 0. */
static int transferred_from(db *d, long long case_id, long long current, long long *from)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT IFNULL(department_id, 0) AS from_department FROM case_events WHERE case_id = ?"
				 " AND kind IN ('transferred', 'sent_back') AND target_department_id = ?"
				 " ORDER BY id DESC LIMIT 1",
			  DB_ARGS(DB_INT(case_id), DB_INT(current)));
	if (rc == MDG_OK)
		*from = db_get_ll(r, 0, "from_department", 0);
	db_result_free(r);
	return rc;
}

/* A compound case is answered only when every joint part is in. */
static int parts_open(db *d, long long case_id, bool *open)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM case_departments WHERE case_id = ? AND role = 'joint'"
				 " AND part_status = 'open'",
			  DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK)
		*open = db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	return rc;
}

/* The filer's mileage for a complaint that got an answer, once per case
 * (a reopened case answered again earns nothing more). */
static int award_answered(db *d, long long case_id)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT account_id AS owner FROM cases WHERE id = ?", DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && r->nrows == 1)
		rc = mileage_award(d, db_get_ll(r, 0, "owner", 0), MILEAGE_COMPLAINT_ANSWERED, "case", case_id, NULL);
	db_result_free(r);
	return rc;
}

/* Sends an answer: the citizen sees it with the department that
 * answered, and under it the joint departments' parts as they are now
 * (kept with the answer: a part edited after a reopening belongs to the
 * next answer). */
static int send_answer(db *d, const case_cmd *cmd, const struct locked_case *c, long long answer_id,
		       const char *body)
{
	int rc = db_exec(d, "UPDATE answers SET status = 'sent', sent_at = NOW(), approved_by = ? WHERE id = ?",
			 DB_ARGS(DB_ID(answer_id && cmd->action == ACT_APPROVE ? cmd->actor_id : 0), DB_INT(answer_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO answer_parts (answer_id, department_id, body)"
				" SELECT ?, department_id, part_text FROM case_departments"
				" WHERE case_id = ? AND role = 'joint' AND part_status = 'submitted'"
				" AND part_text IS NOT NULL",
			     DB_ARGS(DB_INT(answer_id), DB_INT(cmd->case_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE cases SET answered_at = NOW() WHERE id = ?", DB_ARGS(DB_INT(cmd->case_id)));
	if (rc == MDG_OK)
		rc = event(d, cmd->case_id, "answered", cmd->actor_id, c->department, true, body, 0, 0);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE case_events SET answer_id = ? WHERE id = ?",
			     DB_ARGS(DB_INT(answer_id), DB_INT((long long)db_insert_id(d))));
	/* A proposal's answer answers the proposal (proposal_follow_case):
	 * its author and supporters are told there (no rating link, no
	 * complaint's mileage). */
	if (rc == MDG_OK && !c->proposal)
		rc = award_answered(d, cmd->case_id);
	return rc == MDG_OK && !c->proposal ? notice_citizen(d, cmd->case_id, NOTICE_ANSWERED, NULL) : rc;
}

/* The outcome and plan an answer of a proposal's case must have. */
static const char *proposal_answer_problem(const case_cmd *cmd)
{
	if (!proposal_outcome_valid(cmd->outcome))
		return "outcome_required";
	if (strcmp(cmd->outcome, "accepted") == 0 && blank(cmd->plan))
		return "plan_required";
	return too_long(cmd->plan, CASE_ANSWER_MAX) ? "text_too_long" : NULL;
}

/* Re-files the case under cmd->category_id (분야재지정): a public event
 * with the reason and the new category, the new rule's placement, an
 * audit entry and the citizen's notice. */
static int refile(db *d, const case_cmd *cmd, const struct locked_case *c, const char **problem)
{
	db_result *r = NULL;
	char detail[64];
	if (cmd->category_id == c->category) {
		*problem = "same_category";
		return MDG_EINVAL;
	}
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n, (SELECT tracking_no FROM cases WHERE id = ?) AS tracking"
				 " FROM categories"
				 " WHERE id = ? AND active = 1",
			  DB_ARGS(DB_INT(cmd->case_id), DB_INT(cmd->category_id)));
	if (rc == MDG_OK && db_get_ll(r, 0, "n", 0) == 0) {
		*problem = "bad_category";
		rc = MDG_EINVAL;
	}
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note,"
				" target_category_id, created_at) VALUES (?, 'refiled', ?, ?, 1, ?, ?, NOW())",
			     DB_ARGS(DB_INT(cmd->case_id), DB_ID(cmd->actor_id), DB_ID(c->department),
				     DB_STR(cmd->text), DB_INT(cmd->category_id)));
	if (rc == MDG_OK)
		rc = routing_replace(d, cmd->case_id, cmd->category_id);
	if (rc == MDG_OK && cmd->who) {
		snprintf(detail, sizeof detail, "category %lld -> %lld", c->category, cmd->category_id);
		rc = audit_write(d, cmd->who, "case", db_get(r, 0, "tracking", ""), "refile", detail);
	}
	if (rc == MDG_OK)
		rc = notice_citizen(d, cmd->case_id, NOTICE_REFILED, cmd->text);
	db_result_free(r);
	return rc;
}

/* The effects of each action beyond the status change. */
static int apply_effects(db *d, const case_cmd *cmd, struct locked_case *c, const char **problem)
{
	db_result *r = NULL;
	long long from = 0;
	bool open = false;
	int rc = MDG_OK;

	switch (cmd->action) {
	case ACT_ASSIGN: {
		/* The new handler must handle in the lead department. */
		rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM staff_scope s JOIN accounts a ON a.id = s.account_id"
				     " AND a.active = 1 WHERE s.account_id = ? AND s.department_id = ?"
				     " AND s.can_handle = 1",
			      DB_ARGS(DB_INT(cmd->handler_id), DB_INT(c->department)));
		if (rc == MDG_OK && db_get_ll(r, 0, "n", 0) == 0) {
			*problem = "bad_handler";
			rc = MDG_EINVAL;
			break;
		}
		long long acting = cmd->handler_id;
		if (rc == MDG_OK)
			rc = absence_resolve(d, cmd->handler_id, &acting);
		if (rc == MDG_OK && !acting) {
			*problem = "bad_handler";
			rc = MDG_EINVAL;
			break;
		}
		if (rc == MDG_OK)
			rc = db_exec(d, "DELETE FROM case_handlers WHERE case_id = ? AND department_id = ?",
				     DB_ARGS(DB_INT(cmd->case_id), DB_INT(c->department)));
		if (rc == MDG_OK)
			rc = db_exec(d, "INSERT INTO case_handlers (case_id, account_id, department_id, assigned_at)"
					" VALUES (?, ?, ?, NOW())",
				     DB_ARGS(DB_INT(cmd->case_id), DB_INT(acting), DB_INT(c->department)));
		if (rc == MDG_OK)
			rc = db_exec(d, "UPDATE cases SET unplaced = 0, escalated_at = NULL WHERE id = ?",
				     DB_ARGS(DB_INT(cmd->case_id)));
		if (rc == MDG_OK)
			rc = event(d, cmd->case_id, acting == cmd->handler_id ? "assigned" : "substituted",
				   cmd->actor_id, c->department, true, NULL, acting, 0);
		if (rc == MDG_OK)
			rc = notice_staff(d, acting, cmd->case_id, NOTICE_STAFF_ASSIGNED);
		if (rc == MDG_OK)
			rc = notice_citizen(d, cmd->case_id, NOTICE_ASSIGNED, NULL);
		break;
	}
	case ACT_START:
		rc = event(d, cmd->case_id, "started", cmd->actor_id, c->department, true, NULL, 0, 0);
		if (rc == MDG_OK)
			rc = notice_citizen(d, cmd->case_id, NOTICE_STARTED, NULL);
		break;
	case ACT_REFILE:
		rc = refile(d, cmd, c, problem);
		break;
	case ACT_TRANSFER:
		if (cmd->department_id == c->department) {
			*problem = "same_department";
			return MDG_EINVAL;
		}
		rc = move_lead(d, cmd, c, cmd->department_id, "transferred");
		if (rc == MDG_EINVAL)
			*problem = "bad_department";
		break;
	case ACT_SEND_BACK:
		rc = transferred_from(d, cmd->case_id, c->department, &from);
		if (rc == MDG_OK && !from) {
			*problem = "nothing_to_send_back";
			return MDG_EINVAL;
		}
		if (rc == MDG_OK)
			rc = move_lead(d, cmd, c, from, "sent_back");
		if (rc == MDG_EINVAL)
			*problem = "bad_department";
		break;
	case ACT_EXTEND: {
		bizdate day;
		if (c->extensions >= c->max_extensions) {
			*problem = "too_many_extensions";
			return MDG_EINVAL;
		}
		if (!cmd->due_date || biz_parse(cmd->due_date, &day) != MDG_OK) {
			*problem = "bad_date";
			return MDG_EINVAL;
		}
		char due[20];
		snprintf(due, sizeof due, "%s 18:00:00", cmd->due_date);
		if (strcmp(due, c->due) <= 0) {
			*problem = "bad_date"; /* a new deadline must be later */
			return MDG_EINVAL;
		}
		rc = db_exec(d, "UPDATE cases SET due_at = ?, extensions = extensions + 1 WHERE id = ?",
			     DB_ARGS(DB_STR(due), DB_INT(cmd->case_id)));
		if (rc == MDG_OK) {
			/* The whole reason, then the new date (no fixed buffer: the
			 * reason is up to CASE_REASON_MAX characters of any width). */
			buf note = {0};
			buf_printf(&note, "%s\n→ %s", cmd->text, cmd->due_date);
			rc = event(d, cmd->case_id, "extended", cmd->actor_id, c->department, true, buf_str(&note), 0,
				   0);
			buf_free(&note);
		}
		if (rc == MDG_OK)
			rc = notice_citizen(d, cmd->case_id, NOTICE_EXTENDED, cmd->text);
		break;
	}
	case ACT_SUBMIT:
	case ACT_ANSWER:
		if (cmd->action == ACT_ANSWER && c->needs_approval) {
			*problem = "needs_approval";
			return MDG_EINVAL;
		}
		if (c->proposal && (*problem = proposal_answer_problem(cmd)))
			return MDG_EINVAL;
		rc = parts_open(d, cmd->case_id, &open);
		if (rc == MDG_OK && open) {
			*problem = "parts_open";
			return MDG_EINVAL;
		}
		if (rc == MDG_OK)
			rc = db_exec(d, "INSERT INTO answers (case_id, department_id, author_id, body, status,"
					" created_at, outcome, plan)"
					" VALUES (?, ?, ?, ?, 'pending', NOW(), ?, ?)",
				     DB_ARGS(DB_INT(cmd->case_id), DB_ID(c->department), DB_INT(cmd->actor_id),
					     DB_STR(cmd->text), DB_STR(c->proposal ? cmd->outcome : NULL),
					     DB_STR(c->proposal && !blank(cmd->plan) ? cmd->plan : NULL)));
		if (rc == MDG_OK && cmd->action == ACT_ANSWER)
			rc = send_answer(d, cmd, c, (long long)db_insert_id(d), cmd->text);
		else if (rc == MDG_OK)
			rc = event(d, cmd->case_id, "answer_submitted", cmd->actor_id, c->department, false, NULL, 0, 0);
		break;
	case ACT_APPROVE:
	case ACT_RETURN_ANSWER:
		rc = db_query(d, &r, "SELECT id AS id, body AS body FROM answers WHERE case_id = ?"
				     " AND status = 'pending'"
				     " ORDER BY id DESC LIMIT 1",
			      DB_ARGS(DB_INT(cmd->case_id)));
		if (rc == MDG_OK && r->nrows == 0) {
			*problem = "no_answer";
			rc = MDG_EINVAL;
			break;
		}
		if (rc != MDG_OK)
			break;
		if (cmd->action == ACT_APPROVE) {
			rc = send_answer(d, cmd, c, db_get_ll(r, 0, "id", 0), db_get(r, 0, "body", ""));
		} else {
			rc = db_exec(d, "UPDATE answers SET status = 'returned' WHERE id = ?",
				     DB_ARGS(DB_INT(db_get_ll(r, 0, "id", 0))));
			if (rc == MDG_OK)
				rc = event(d, cmd->case_id, "answer_returned", cmd->actor_id, c->department, false,
					   cmd->text, 0, 0);
		}
		break;
	case ACT_CLOSE:
		rc = db_exec(d, "UPDATE cases SET closed_at = NOW() WHERE id = ?", DB_ARGS(DB_INT(cmd->case_id)));
		if (rc == MDG_OK)
			rc = event(d, cmd->case_id, "closed", cmd->actor_id, c->department, true, NULL, 0, 0);
		break;
	case ACT_WITHDRAW:
		rc = event(d, cmd->case_id, "withdrawn", cmd->actor_id, 0, true, cmd->text, 0, 0);
		break;
	case ACT_REJECT:
		rc = event(d, cmd->case_id, "rejected", cmd->actor_id, c->department, true, cmd->text, 0, 0);
		break;
	case ACT_REOPEN:
		if (!c->reopen_open) {
			*problem = "reopen_expired";
			return MDG_EINVAL;
		}
		rc = db_exec(d, "UPDATE cases SET answered_at = NULL, closed_at = NULL WHERE id = ?",
			     DB_ARGS(DB_INT(cmd->case_id)));
		if (rc == MDG_OK)
			rc = event(d, cmd->case_id, "reopened", cmd->actor_id, 0, true, cmd->text, 0, 0);
		break;
	case CASE_ACTION__MAX:
		rc = MDG_EINVAL;
		break;
	}
	db_result_free(r);
	return rc;
}

/* Actions that need a reason, or a text (the answer). */
static bool needs_text(case_action a)
{
	return a == ACT_TRANSFER || a == ACT_SEND_BACK || a == ACT_EXTEND || a == ACT_REJECT || a == ACT_REOPEN ||
	       a == ACT_SUBMIT || a == ACT_ANSWER || a == ACT_RETURN_ANSWER || a == ACT_REFILE;
}

/* One case_apply: its command, and the problem found. */
struct apply {
	const case_cmd *cmd;
	const char *problem;
};

/* The transaction of case_apply (db_transaction: run again from the
 * start when it loses a deadlock or a Galera certification). */
static int apply_tx(db *d, void *arg)
{
	struct apply *a = arg;
	const case_cmd *cmd = a->cmd;
	struct locked_case c;
	case_status to;
	a->problem = NULL;
	int rc = lock_case(d, cmd->case_id, &c);
	if (rc != MDG_OK)
		return rc;
	if (c.version != cmd->version) {
		a->problem = "changed";
		return MDG_ECONFLICT;
	}
	if (workflow_next(c.status, cmd->action, &to) != MDG_OK) {
		a->problem = "not_allowed";
		return MDG_EINVAL;
	}
	unsigned may = workflow_actors(c.status, cmd->action) & cmd->actor_kind;
	if (!may || ((may & ACTOR_CITIZEN) && may == ACTOR_CITIZEN && cmd->actor_id != c.owner))
		return MDG_EDENIED;
	rc = apply_effects(d, cmd, &c, &a->problem);
	/* A proposal's review case: the proposal follows every move. */
	if (rc == MDG_OK && c.proposal)
		rc = proposal_follow_case(d, cmd->case_id, cmd->action);
	if (rc != MDG_OK)
		return rc;
	/* Any action restarts the escalation clock. A transfer or a re-filing
	 * may have been assigned at once by the new rules: keep that status. */
	if (cmd->action == ACT_TRANSFER || cmd->action == ACT_SEND_BACK || cmd->action == ACT_REFILE)
		rc = db_exec(d, "UPDATE cases SET version = version + 1, last_action_at = NOW(), updated_at = NOW(),"
				" escalated_at = NULL WHERE id = ?",
			     DB_ARGS(DB_INT(cmd->case_id)));
	else
		rc = db_exec(d, "UPDATE cases SET status = ?, version = version + 1, last_action_at = NOW(),"
				" updated_at = NOW(), escalated_at = NULL WHERE id = ?",
			     DB_ARGS(DB_STR(case_status_name(to)), DB_INT(cmd->case_id)));
	if (rc == MDG_OK)
		rc = counters_case_changed(d, cmd->case_id);
	if (rc == MDG_OK)
		rc = case_public_refresh(d, cmd->case_id);
	return rc;
}

int case_apply(db *d, const case_cmd *cmd, const char **problem)
{
	*problem = NULL;
	bool is_answer = cmd->action == ACT_ANSWER || cmd->action == ACT_SUBMIT;
	if (needs_text(cmd->action) && blank(cmd->text)) {
		*problem = is_answer ? "text_required" : "reason_required";
		return MDG_EINVAL;
	}
	if (too_long(cmd->text, is_answer ? CASE_ANSWER_MAX : CASE_REASON_MAX)) {
		*problem = "text_too_long";
		return MDG_EINVAL;
	}
	struct apply a = {.cmd = cmd};
	int rc = db_transaction(d, apply_tx, &a);
	*problem = a.problem;
	/* After the commit, before the caller answers. */
	if (rc == MDG_OK)
		case_public_changed(d, cmd->case_id);
	return rc;
}

struct staff_text {
	long long case_id, actor_id, department_id;
	const char *text;
	bool message; /* to the departments (case_messages), else a note */
};

/* One statement, in a transaction all the same: a POST's idempotency key
 * (lib/db/idem.h) is recorded in the transaction that writes the row. */
static int staff_text_tx(db *d, void *arg)
{
	const struct staff_text *t = arg;
	if (!t->message)
		return event(d, t->case_id, "note", t->actor_id, t->department_id, false, t->text, 0, 0);
	return db_exec(d, "INSERT INTO case_messages (case_id, department_id, author_id, body, created_at)"
			  " VALUES (?, ?, ?, ?, NOW())",
		       DB_ARGS(DB_INT(t->case_id), DB_ID(t->department_id), DB_INT(t->actor_id), DB_STR(t->text)));
}

int case_add_note(db *d, long long case_id, long long actor_id, long long department_id, const char *text)
{
	if (blank(text) || too_long(text, CASE_REASON_MAX))
		return MDG_EINVAL;
	struct staff_text t = {case_id, actor_id, department_id, text, false};
	return db_transaction(d, staff_text_tx, &t);
}

int case_add_message(db *d, long long case_id, long long actor_id, long long department_id, const char *text)
{
	if (blank(text) || too_long(text, CASE_REASON_MAX))
		return MDG_EINVAL;
	struct staff_text t = {case_id, actor_id, department_id, text, true};
	return db_transaction(d, staff_text_tx, &t);
}

/* A joint department's part: case_submit_part's arguments. */
struct part {
	long long case_id, department_id, actor_id;
	const char *text;
};

/* The transaction of case_submit_part (db_transaction). */
static int submit_part_tx(db *d, void *arg)
{
	const struct part *p = arg;
	db_result *r = NULL;
	/* Parts are written while the lead works: once its answer waits for
	 * approval or is sent, they are what the citizen gets. */
	int rc = db_query(d, &r, "SELECT status IN ('received', 'assigned', 'in_progress') AS open FROM cases"
				 " WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(p->case_id)));
	if (rc == MDG_OK && (r->nrows == 0 || db_get_ll(r, 0, "open", 0) == 0))
		rc = r->nrows == 0 ? MDG_ENOTFOUND : MDG_EINVAL;
	db_result_free(r);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE case_departments"
				" SET part_status = 'submitted', part_text = ?, updated_at = NOW()"
				" WHERE case_id = ? AND department_id = ? AND role = 'joint'",
			     DB_ARGS(DB_STR(p->text), DB_INT(p->case_id), DB_INT(p->department_id)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = event(d, p->case_id, "part_submitted", p->actor_id, p->department_id, false, NULL, 0, 0);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE cases SET version = version + 1, last_action_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_INT(p->case_id)));
	return rc;
}

int case_submit_part(db *d, long long case_id, long long department_id, long long actor_id, const char *text)
{
	if (blank(text) || too_long(text, CASE_ANSWER_MAX))
		return MDG_EINVAL;
	struct part p = {.case_id = case_id, .department_id = department_id, .actor_id = actor_id, .text = text};
	return db_transaction(d, submit_part_tx, &p);
}
