/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* penalty.c: graduated penalties (penalty.h). */
#include "participation/penalty.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/mdg.h"
#include "core/text.h"
#include "db/page.h"
#include "db/sql.h"
#include "notify/notice.h"
#include "org/setting.h"
#include "participation/mileage.h"

static const char *const level_names[] = {
	[PENALTY_NONE] = "none",
	[PENALTY_WARNING] = "warning",
	[PENALTY_RESTRICT_7] = "restrict_7",
	[PENALTY_RESTRICT_30] = "restrict_30",
	[PENALTY_INDEFINITE] = "indefinite",
};

const char *penalty_level_name(penalty_level level)
{
	return level <= PENALTY_INDEFINITE ? level_names[level] : "none";
}

penalty_level penalty_level_from_name(const char *name)
{
	for (int l = PENALTY_WARNING; name && l <= PENALTY_INDEFINITE; l++)
		if (strcmp(level_names[l], name) == 0)
			return (penalty_level)l;
	return PENALTY_NONE;
}

int penalty_level_days(penalty_level level)
{
	switch (level) {
	case PENALTY_RESTRICT_7:
		return 7;
	case PENALTY_RESTRICT_30:
		return 30;
	case PENALTY_INDEFINITE:
		return -1;
	default:
		return 0;
	}
}

penalty_level penalty_standing(penalty_level last, long clean_days, long decay_days)
{
	if (last > PENALTY_INDEFINITE)
		last = PENALTY_INDEFINITE;
	if (last == PENALTY_INDEFINITE || last == PENALTY_NONE || decay_days <= 0 || clean_days <= 0)
		return last;
	long steps = clean_days / decay_days;
	return steps >= (long)last ? PENALTY_NONE : (penalty_level)((long)last - steps);
}

penalty_level penalty_next(penalty_level last, long clean_days, long decay_days)
{
	penalty_level s = penalty_standing(last, clean_days, decay_days);
	return s >= PENALTY_INDEFINITE ? PENALTY_INDEFINITE : (penalty_level)(s + 1);
}

/* The setting penalty.decay_days: whole days, 1 to 3650, else the default. */
static long decay_days(db *d)
{
	char value[SETTING_VALUE_MAX + 1];
	long days = PENALTY_DECAY_DAYS_DEFAULT;
	if (setting_get(d, "penalty.decay_days", "", value, sizeof value) == MDG_OK && value[0] &&
	    text_parse_long(value, 1, 3650, &days) != MDG_OK)
		days = PENALTY_DECAY_DAYS_DEFAULT;
	return days;
}

/* Tells the person about penalty_id (kind), with its reason, the end of a
 * restriction and a link to their page, where they object. */
static int tell(db *d, long long account_id, long long penalty_id, notice_kind kind, const char *reason,
		const char *until)
{
	char key[64];
	json_t *payload = json_pack("{s:s, s:s, s:s, s:I}", "link", "/my", "reason", reason, "until",
				    until ? until : "", "penalty", (json_int_t)penalty_id);
	if (!payload)
		return MDG_ERR;
	snprintf(key, sizeof key, "%s-%lld", notice_kind_name(kind), penalty_id);
	int rc = notice_account(d, account_id, kind, payload, key);
	json_decref(payload);
	return rc;
}

int penalty_apply(db *d, const actor *who, long long account_id, const char *reason, const char *kind,
		  long long item_id, penalty_level *level, long long *penalty_id)
{
	db_result *r = NULL;
	char detail[64], id_text[24];
	if (level)
		*level = PENALTY_NONE;
	if (penalty_id)
		*penalty_id = 0;
	size_t rlen = reason ? strlen(reason) : 0;
	if (rlen == 0 || rlen > PENALTY_REASON_MAX || (kind && !mileage_kind_valid(kind)) ||
	    (kind != NULL) != (item_id > 0))
		return MDG_EINVAL;
	/* The account's row, locked: two decisions about one person take
	 * their steps one after the other. */
	int rc = db_query(d, &r, "SELECT id FROM accounts WHERE id = ? AND kind = 'citizen' AND active = 1 FOR UPDATE",
			  DB_ARGS(DB_INT(account_id)));
	if (rc == MDG_OK && r->nrows != 1)
		rc = MDG_ENOTFOUND;
	db_result_free(r);
	r = NULL;
	if (rc != MDG_OK)
		return rc;
	rc = db_query(d, &r, "SELECT level AS level,"
			     " IF(ends_at > NOW() OR (ends_at IS NULL AND level = 'indefinite'), 0,"
			     "    TIMESTAMPDIFF(DAY, IFNULL(ends_at, starts_at), NOW())) AS clean_days"
			     " FROM penalties WHERE account_id = ? AND lifted_at IS NULL"
			     " ORDER BY starts_at DESC, id DESC LIMIT 1",
		      DB_ARGS(DB_INT(account_id)));
	if (rc != MDG_OK)
		goto done;
	penalty_level last = penalty_level_from_name(db_get(r, 0, "level", "none"));
	penalty_level next = penalty_next(last, db_get_ll(r, 0, "clean_days", 0), decay_days(d));
	int days = penalty_level_days(next);
	rc = db_exec(d, "INSERT INTO penalties (account_id, level, reason, kind, item_id, starts_at, ends_at, decided_by)"
			" VALUES (?, ?, ?, ?, ?, NOW(), IF(? > 0, NOW() + INTERVAL ? DAY, NULL), ?)",
		     DB_ARGS(DB_INT(account_id), DB_STR(penalty_level_name(next)), DB_STR(reason), DB_STR(kind),
			     DB_ID(item_id), DB_INT(days), DB_INT(days), DB_INT(who->account_id)));
	if (rc != MDG_OK)
		goto done;
	long long id = (long long)db_insert_id(d);
	snprintf(id_text, sizeof id_text, "%lld", id);
	snprintf(detail, sizeof detail, "account %lld: %s", account_id, penalty_level_name(next));
	rc = audit_write(d, who, "penalty", id_text, "apply", detail);
	if (rc != MDG_OK)
		goto done;
	db_result_free(r);
	r = NULL;
	rc = db_query(d, &r, "SELECT " SQL_MINUTE("ends_at") " AS until FROM penalties WHERE id = ?",
		      DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK)
		rc = tell(d, account_id, id, NOTICE_PENALTY_APPLIED, reason, db_get(r, 0, "until", ""));
	if (rc == MDG_OK) {
		if (level)
			*level = next;
		if (penalty_id)
			*penalty_id = id;
	}
done:
	db_result_free(r);
	return rc;
}

int penalty_restricts_posting(db *d, long long account_id, bool *restricted, char *until)
{
	db_result *r = NULL;
	*restricted = false;
	if (until)
		until[0] = '\0';
	/* The restriction that lasts longest: an indefinite one first. */
	int rc = db_query(d, &r, "SELECT IFNULL(" SQL_MINUTE("ends_at") ", '') AS until FROM penalties"
				 " WHERE account_id = ? AND lifted_at IS NULL AND level <> 'warning'"
				 " AND starts_at <= NOW() AND (ends_at IS NULL OR ends_at > NOW())"
				 " ORDER BY ends_at IS NULL DESC, ends_at DESC LIMIT 1",
			  DB_ARGS(DB_INT(account_id)));
	if (rc == MDG_OK && r->nrows == 1) {
		*restricted = true;
		if (until)
			snprintf(until, 17, "%s", db_get(r, 0, "until", ""));
	}
	db_result_free(r);
	return rc;
}

/* One change to a penalty for db_transaction: the update (which must
 * match a row, else the check below says why not), the audit entry and,
 * for a staff decision, the notice. */
struct change {
	const actor *who;
	long long penalty_id;
	const char *text;   /* the objection, or the decision's reason */
	bool by_owner;      /* the person's objection: sql binds text, penalty_id, who;
			       a staff decision: who, text, penalty_id */
	const char *sql;
	const char *action; /* the audit's */
	notice_kind kind;   /* the staff decision's notice */
};

/* Why an objection changed nothing: not the person's penalty, or lifted
 * (MDG_ENOTFOUND), or already objected to (MDG_ECONFLICT). */
static int objection_refused(db *d, const struct change *c)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT id FROM penalties WHERE id = ? AND account_id = ? AND lifted_at IS NULL",
			  DB_ARGS(DB_INT(c->penalty_id), DB_INT(c->who->account_id)));
	if (rc == MDG_OK)
		rc = r->nrows == 1 ? MDG_ECONFLICT : MDG_ENOTFOUND;
	db_result_free(r);
	return rc;
}

static int change_tx(db *d, void *arg)
{
	const struct change *c = arg;
	db_result *r = NULL;
	char id_text[24];
	int rc = c->by_owner
			 ? db_exec(d, c->sql, DB_ARGS(DB_STR(c->text), DB_INT(c->penalty_id), DB_INT(c->who->account_id)))
			 : db_exec(d, c->sql, DB_ARGS(DB_INT(c->who->account_id), DB_STR(c->text), DB_INT(c->penalty_id)));
	if (rc == MDG_OK && db_affected(d) != 1)
		rc = c->by_owner ? objection_refused(d, c) : MDG_ENOTFOUND;
	snprintf(id_text, sizeof id_text, "%lld", c->penalty_id);
	if (rc == MDG_OK)
		rc = audit_write(d, c->who, "penalty", id_text, c->action, c->by_owner ? NULL : c->text);
	if (rc == MDG_OK && !c->by_owner) {
		rc = db_query(d, &r, "SELECT account_id AS account_id FROM penalties WHERE id = ?",
			      DB_ARGS(DB_INT(c->penalty_id)));
		if (rc == MDG_OK)
			rc = tell(d, db_get_ll(r, 0, "account_id", 0), c->penalty_id, c->kind, c->text, NULL);
	}
	db_result_free(r);
	return rc;
}

/* Runs one change in a transaction of its own, its text 1 to max bytes. */
static int change(db *d, struct change *c, size_t max)
{
	size_t len = c->text ? strlen(c->text) : 0;
	if (len == 0 || len > max)
		return MDG_EINVAL;
	return db_transaction(d, change_tx, c);
}

int penalty_object(db *d, const actor *who, long long penalty_id, const char *text)
{
	struct change c = {who, penalty_id, text, true,
			   "UPDATE penalties SET objection = ?, objection_state = 'pending', objected_at = NOW()"
			   " WHERE id = ? AND account_id = ? AND lifted_at IS NULL AND objection_state = 'none'",
			   "object", NOTICE_KIND__MAX};
	return change(d, &c, PENALTY_OBJECTION_MAX);
}

int penalty_lift(db *d, const actor *who, long long penalty_id, const char *reason)
{
	struct change c = {who, penalty_id, reason, false,
		      "UPDATE penalties SET lifted_at = NOW(), lifted_by = ?, lift_reason = ?,"
		      " objection_state = IF(objection_state = 'pending', 'accepted', objection_state)"
		      " WHERE id = ? AND lifted_at IS NULL",
		      "lift", NOTICE_PENALTY_LIFTED};
	return change(d, &c, PENALTY_REASON_MAX);
}

int penalty_reject_objection(db *d, const actor *who, long long penalty_id, const char *reason)
{
	struct change c = {who, penalty_id, reason, false,
		      "UPDATE penalties SET objection_state = 'rejected', objection_by = ?, objection_answer = ?"
		      " WHERE id = ? AND objection_state = 'pending'",
		      "reject_objection", NOTICE_OBJECTION_REJECTED};
	return change(d, &c, PENALTY_REASON_MAX);
}

/* The columns both lists show, p being the penalty. */
#define PENALTY_COLUMNS                                                                                  \
	"p.id AS id, p.level AS level, p.reason AS reason, p.kind AS kind, p.item_id AS item_id,"        \
	" " SQL_MINUTE("p.starts_at") " AS starts, " SQL_MINUTE("p.ends_at") " AS ends,"                   \
	" (p.lifted_at IS NULL AND p.level <> 'warning' AND p.starts_at <= NOW()"                        \
	"  AND (p.ends_at IS NULL OR p.ends_at > NOW())) AS active,"                                     \
	" p.objection AS objection, p.objection_state AS objection_state,"                               \
	" " SQL_MINUTE("p.objected_at") " AS objected, " SQL_MINUTE("p.lifted_at") " AS lifted,"           \
	" p.lift_reason AS lift_reason, p.objection_answer AS objection_answer"

int penalty_list_mine(db *d, long long account_id, db_result **out)
{
	return db_query(d, out, "SELECT " PENALTY_COLUMNS " FROM penalties p WHERE p.account_id = ?"
				" ORDER BY p.starts_at DESC, p.id DESC LIMIT 100",
			DB_ARGS(DB_INT(account_id)));
}

int penalty_objections_pending(db *d, long *n)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM penalties WHERE objection_state = 'pending'", DB_NO_ARGS);
	*n = rc == MDG_OK ? (long)db_get_ll(r, 0, "n", 0) : 0;
	db_result_free(r);
	return rc;
}

int penalty_list_staff(db *d, bool objections_only, long page, db_result **out, long *total)
{
	return db_count_page(d, "SELECT COUNT(*) AS n FROM penalties WHERE (? = 0 OR objection_state = 'pending')",
			     DB_ARGS(DB_INT((long long)objections_only)),
			     "SELECT " PENALTY_COLUMNS ", a.id AS account_id, a.login_id AS login, " SQL_PERSON("a.") " AS name,"
			     " s.name AS decided_by_name FROM penalties p JOIN accounts a ON a.id = p.account_id"
			     " JOIN accounts s ON s.id = p.decided_by"
			     " WHERE (? = 0 OR p.objection_state = 'pending')"
			     " ORDER BY p.objection_state = 'pending' DESC, p.starts_at DESC, p.id DESC LIMIT ? OFFSET ?",
			     DB_ARGS(DB_INT((long long)objections_only)), page, PENALTY_PAGE_SIZE, out, total);
}
