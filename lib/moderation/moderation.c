/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* moderation.c: the content registry, the filter on the stored word list,
 * the throttle, reports and the automatic hold, decisions, objections and
 * the word list (moderation.h). */
#include "moderation/moderation.h"
#include "cases/public_view.h"
#include "core/mdg.h"
#include "core/xalloc.h"
#include "db/page.h"
#include "db/sql.h"
#include "notify/notice.h"
#include "org/setting.h"
#include "participation/mileage.h"
#include "participation/penalty.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns every statement of a kind reads, over its table t. */
#define ITEM_COLUMNS(key, author, title, text, dept, url, pub, community)                                      \
	"SELECT t.id AS id, " key " AS item_key, " author " AS author_id, " title " AS title, " text " AS text," \
	" " dept " AS department_id, " url " AS url, t.moderation AS moderation,"                              \
	" t.moderation_reason AS moderation_reason, IF(" pub ", 1, 0) AS public,"                              \
	" " community " AS community_id"

/* A kind's statements from its columns (see mod_kind). The queue's part
 * binds lang, then depts twice. */
#define MOD_KIND(name, table, key, author, title, text, dept, url, pub, cm)                                       \
	{                                                                                                        \
		name, table, ITEM_COLUMNS(key, author, title, text, dept, url, pub, cm) " FROM " table " t WHERE " key " = ?", \
		    ITEM_COLUMNS(key, author, title, text, dept, url, pub, cm) " FROM " table " t WHERE t.id = ?",      \
		    "SELECT q.*, " SQL_NAME_IN("dp.") " AS department FROM ("                                        \
		    ITEM_COLUMNS(key, author, title, text, dept, url, pub, cm) ", '" name "' AS kind, " SQL_PERSON("a.") " AS author," \
		    " (SELECT COALESCE(SUM(r.weight), 0) FROM content_reports r WHERE r.kind = '" name "'"           \
		    "  AND r.item_id = t.id AND r.outcome IS NULL) AS weight,"                                      \
		    " (SELECT COUNT(*) FROM content_reports r WHERE r.kind = '" name "'"                             \
		    "  AND r.item_id = t.id AND r.outcome IS NULL) AS reports,"                                     \
		    " (SELECT COUNT(*) FROM moderation_objections o WHERE o.kind = '" name "'"                       \
		    "  AND o.item_id = t.id AND o.resolved_at IS NULL) AS objections"                               \
		    /* one set of ids from three indexed reads, then each row by */                             \
		    /* its key: no scan of t */                                                                  \
		    " FROM (SELECT m.id AS id FROM " table " m WHERE m.moderation = 'held'"                          \
		    "  UNION SELECT r.item_id FROM content_reports r WHERE r.outcome IS NULL AND r.kind = '" name "'" \
		    "  UNION SELECT o.item_id FROM moderation_objections o WHERE o.resolved_at IS NULL"              \
		    "   AND o.kind = '" name "') ids"                                                               \
		    " JOIN " table " t ON t.id = ids.id JOIN accounts a ON a.id = " author                           \
		    " WHERE (? IS NULL OR FIND_IN_SET(" dept ", ?) > 0)"                                             \
		    ") q LEFT JOIN departments dp ON dp.id = q.department_id"                                        \
		    " ORDER BY q.moderation = 'held' DESC, q.objections > 0 DESC, q.weight DESC, q.id LIMIT 100",   \
		    "UPDATE " table " SET moderation = ?, moderation_reason = ? WHERE id = ?",                        \
		    "UPDATE " table " SET moderation = 'held' WHERE id = ? AND moderation = 'visible'"                 \
	}

/* The registry. A case is a public complaint: its text is reported and
 * moderated, the case goes on. A proposal belongs to its department once
 * routed, before that to its category's; a post (an opinion, a reply, a
 * comment) to its debate's department, its proposal's, or its board
 * post's community's (issue 14, 0051: kind 'cpost'). The columns
 * are those of the proposals (0030) and debates (0031) parts. */
#define PROPOSAL_DEPT(p)                                                                                        \
	"(SELECT COALESCE(pp.department_id, pg.department_id) FROM proposals pp"                                  \
	" JOIN categories pg ON pg.id = pp.category_id WHERE pp.id = " p ")"
/* A column of the community of board post p (comments on it). */
#define CPOST_COMMUNITY(p, col)                                                                                 \
	"(SELECT cc." col " FROM community_posts cp JOIN communities cc ON cc.id = cp.community_id"              \
	" WHERE cp.id = " p ")"
static const mod_kind kinds[] = {
	MOD_KIND("case", "cases", "t.tracking_no", "t.account_id", "t.title", "t.body", "t.department_id",
		 "CONCAT('/cases/', t.tracking_no)", "t.is_public = 1", "NULL"),
	MOD_KIND("proposal", "proposals", "t.id", "t.author_id", "t.title",
		 "CONCAT_WS('\\n\\n', t.problem, t.proposal, t.effect)", PROPOSAL_DEPT("t.id"),
		 "CONCAT('/proposals/', t.id)", "t.state <> 'withdrawn'", "NULL"),
	MOD_KIND("post", "posts", "t.id", "t.author_id", "LEFT(t.body, 60)", "t.body",
		 "CASE t.parent_kind WHEN 'debate' THEN (SELECT b.department_id FROM debates b WHERE b.id = t.parent_id)"
		 " WHEN 'cpost' THEN " CPOST_COMMUNITY("t.parent_id", "department_id") " ELSE "
		 PROPOSAL_DEPT("t.parent_id") " END",
		 "IF(t.parent_kind = 'cpost', CONCAT('/c/', " CPOST_COMMUNITY("t.parent_id", "slug") ", '/posts/',"
		 " t.parent_id, '#post-', t.id),"
		 " CONCAT('/', IF(t.parent_kind = 'debate', 'debates', 'proposals'), '/', t.parent_id, '#post-', t.id))",
		 "1", "IF(t.parent_kind = 'cpost', " CPOST_COMMUNITY("t.parent_id", "id") ", NULL)"),
	/* A community board's post (issue 14). Who may see it, and so report
	 * it, is its community's question (community_id: the caller asks
	 * community_access_get): anyone in a public community, only the
	 * members in a members-only one. The same for a comment on it and
	 * for a chat message. */
	MOD_KIND("cpost", "community_posts", "t.id", "t.author_id", "t.title", "t.body",
		 "(SELECT cc.department_id FROM communities cc WHERE cc.id = t.community_id)",
		 "CONCAT('/c/', (SELECT cc.slug FROM communities cc WHERE cc.id = t.community_id), '/posts/', t.id)",
		 "1", "t.community_id"),
	/* A community's chat message (issue 14, 0054). */
	MOD_KIND("chat", "chat_messages", "t.id", "t.author_id", "LEFT(t.body, 60)", "t.body",
		 "(SELECT cc.department_id FROM communities cc WHERE cc.id = t.community_id)",
		 "CONCAT('/c/', (SELECT cc.slug FROM communities cc WHERE cc.id = t.community_id), '/chat#chat-', t.id)",
		 "1", "t.community_id"),
	/* A note (쪽지, lib/notes) is private: no department (only moderators
	 * of the whole institution review it), no title that quotes it, and
	 * its address is the queue's audited review of that one note. Only
	 * its recipient reports it (page_moderation.c checks). */
	MOD_KIND("note", "notes", "t.id", "t.author_id", "CONCAT('#', t.id)", "t.body", "NULL",
		 "CONCAT('/staff/moderation/note/', t.id)", "1", "NULL"),
};

/* Defaults of the settings (docs/operations.md lists them). */
#define HIDE_THRESHOLD_DEFAULT "3"
#define THROTTLE_PER_HOUR_DEFAULT "30"
#define THROTTLE_ADDR_PER_HOUR_DEFAULT "300"

static const char *const reasons[] = {"abuse", "personal_data", "spam", "off_topic", "other"};
static const char *const decisions[] = {
	[MOD_DO_HIDE] = "hide",       [MOD_DO_RESTORE] = "restore",     [MOD_DO_DELETE] = "delete",
	[MOD_DO_DISMISS] = "dismiss", [MOD_DO_UNPUBLISH] = "unpublish",
};

const mod_kind *moderation_kind(const char *name)
{
	for (size_t i = 0; name && i < MDG_ARRAY_LEN(kinds); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

bool moderation_kind_ready(db *d, const mod_kind *k)
{
	db_result *r = NULL;
	bool ready = db_query(d, &r, "SELECT COUNT(*) AS n FROM information_schema.tables"
				     " WHERE table_schema = DATABASE() AND table_name = ?",
			      DB_ARGS(DB_STR(k->table))) == MDG_OK &&
		     db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	return ready;
}

int moderation_item(db *d, const mod_kind *k, const char *key, long long id, db_result **out)
{
	int rc = key ? db_query(d, out, k->by_key, DB_ARGS(DB_STR(key)))
		     : db_query(d, out, k->by_id, DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK && (*out)->nrows == 0) {
		db_result_free(*out);
		*out = NULL;
		rc = MDG_ENOTFOUND;
	}
	return rc;
}

bool moderation_reason_valid(const char *reason)
{
	for (size_t i = 0; reason && i < MDG_ARRAY_LEN(reasons); i++)
		if (strcmp(reasons[i], reason) == 0)
			return true;
	return false;
}

const char *moderation_decision_name(mod_decision what)
{
	return (size_t)what < MDG_ARRAY_LEN(decisions) ? decisions[what] : "unknown";
}

int moderation_decision_from_name(const char *name)
{
	for (size_t i = 0; name && i < MDG_ARRAY_LEN(decisions); i++)
		if (strcmp(decisions[i], name) == 0)
			return (int)i;
	return -1;
}

int moderation_check_text(db *d, const char *text, mod_result *out)
{
	db_result *r = NULL;
	mod_word *words = NULL;
	memset(out, 0, sizeof *out);
	int rc = db_query(d, &r, "SELECT word AS word, action AS action FROM moderation_words", DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	words = xcalloc(r->nrows + 1, sizeof *words);
	for (unsigned i = 0; i < r->nrows; i++) {
		const char *action = db_get(r, i, "action", "mask");
		words[i].word = db_get(r, i, "word", "");
		words[i].action = strcmp(action, "hold") == 0        ? MOD_HOLD
				  : strcmp(action, "exception") == 0 ? MOD_EXCEPTION
								     : MOD_MASK;
	}
	rc = mod_filter(words, r->nrows, text, out);
	free(words);
	db_result_free(r);
	return rc;
}

/* A whole-number setting (def when unset or not a number). */
static long setting_long(db *d, const char *name, const char *def, int *rc)
{
	char v[SETTING_VALUE_MAX + 1];
	char *end;
	*rc = setting_get(d, name, def, v, sizeof v);
	long n = strtol(v, &end, 10);
	if (*rc != MDG_OK || end == v || *end)
		n = strtol(def, NULL, 10);
	return n;
}

int moderation_throttle(db *d, const char *kind, long long account_id, const char *client_addr)
{
	db_result *r = NULL;
	int rc;
	long per_account = setting_long(d, "moderation.throttle_per_hour", THROTTLE_PER_HOUR_DEFAULT, &rc);
	long per_addr = rc == MDG_OK ? setting_long(d, "moderation.throttle_addr_per_hour",
						    THROTTLE_ADDR_PER_HOUR_DEFAULT, &rc)
				     : 0;
	if (rc == MDG_OK && per_account <= 0 && per_addr <= 0)
		return MDG_OK; /* both off (0): nothing to count */
	if (rc == MDG_OK) /* the log keeps a day: older rows go as new ones come */
		rc = db_exec(d, "DELETE FROM moderation_posts WHERE created_at < NOW() - INTERVAL 1 DAY LIMIT 100",
			     DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_query(d, &r, "SELECT (SELECT COUNT(*) FROM moderation_posts WHERE account_id = ?"
				     "  AND created_at > NOW() - INTERVAL 1 HOUR) AS mine,"
				     " (SELECT COUNT(*) FROM moderation_posts WHERE client_addr = ?"
				     "  AND created_at > NOW() - INTERVAL 1 HOUR) AS addr",
			      DB_ARGS(DB_INT(account_id), DB_STR(client_addr)));
	if (rc == MDG_OK && ((per_account > 0 && db_get_ll(r, 0, "mine", 0) >= per_account) ||
			     (per_addr > 0 && db_get_ll(r, 0, "addr", 0) >= per_addr)))
		rc = MDG_ETHROTTLED;
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO moderation_posts (kind, account_id, client_addr, created_at)"
				" VALUES (?, ?, ?, NOW())",
			     DB_ARGS(DB_STR(kind), DB_INT(account_id), DB_STR(client_addr)));
	db_result_free(r);
	return rc;
}

/* Tells the author of item (a moderation_item row) that it went out of
 * sight: state 'held', 'hidden' or 'deleted', with the reason and the
 * link to object. action_id makes the notice once per decision. */
static int tell_author(db *d, const mod_kind *k, const db_result *item, const char *state, const char *reason,
		       long long action_id)
{
	char link[96], idem[64];
	snprintf(link, sizeof link, "/objection/%s/%s", k->name, db_get(item, 0, "item_key", ""));
	snprintf(idem, sizeof idem, "moderation:%lld", action_id);
	json_t *p = json_pack("{s:s,s:s,s:s,s:s,s:s}", "item_kind", k->name, "title", db_get(item, 0, "title", ""),
			      "state", state, "reason", reason ? reason : "", "link", link);
	if (!p)
		return MDG_ERR;
	int rc = notice_account(d, db_get_ll(item, 0, "author_id", 0),
				strcmp(state, "deleted") == 0 ? NOTICE_MODERATION_DELETED : NOTICE_MODERATION_HIDDEN,
				p, idem);
	json_decref(p);
	return rc;
}

/* A moderation_actions row; *id its id. */
static int record_action(db *d, const mod_kind *k, const db_result *item, long long actor_id, const char *action,
			 const char *ground, const char *reason, bool penalty, long long *id)
{
	int rc = db_exec(d, "INSERT INTO moderation_actions (kind, item_id, author_id, actor_id, action, category,"
			    " reason, penalty, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NOW())",
			 DB_ARGS(DB_STR(k->name), DB_INT(db_get_ll(item, 0, "id", 0)),
				 DB_INT(db_get_ll(item, 0, "author_id", 0)), DB_ID(actor_id), DB_STR(action),
				 DB_STR(ground), DB_STR(reason), DB_STR(penalty ? "owed" : "none")));
	*id = rc == MDG_OK ? (long long)db_insert_id(d) : 0;
	return rc;
}

/* A case's public page shows its moderation state: its row is built
 * again in the deciding transaction (cases/public_view.h). */
static int item_changed(db *d, const mod_kind *k, long long item_id)
{
	return strcmp(k->name, "case") == 0 ? case_public_refresh(d, item_id) : MDG_OK;
}

/* After the commit: what keeps copies of a case's page is told; of any
 * other item, of the pages of many items (0: the home page shows
 * proposals, debates' opinions). */
static void item_committed(db *d, const mod_kind *k, long long item_id)
{
	case_public_changed(d, strcmp(k->name, "case") == 0 ? item_id : 0);
}

/* One report: moderation_report's arguments, and whether it held the
 * item. */
struct report {
	const actor *who;
	const mod_kind *k;
	long long item_id;
	const char *reason, *note;
	bool held;
};

/* The transaction of moderation_report (db_transaction: run again from
 * the start when it loses a deadlock or a Galera certification). */
static int report_tx(db *d, void *arg)
{
	struct report *p = arg;
	const mod_kind *k = p->k;
	db_result *item = NULL, *r = NULL;
	char threshold[SETTING_VALUE_MAX + 1];
	p->held = false;
	int rc = moderation_item(d, k, NULL, p->item_id, &item);
	if (rc != MDG_OK)
		goto done;
	const char *state = db_get(item, 0, "moderation", "");
	if (db_get_ll(item, 0, "public", 0) != 1 || strcmp(state, "hidden") == 0 || strcmp(state, "deleted") == 0) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	if (db_get_ll(item, 0, "author_id", 0) == p->who->account_id) {
		rc = MDG_EDENIED;
		goto done;
	}
	/* The weight is the reporter's record now: a new account weighs
	 * 1/2, one whose reports were all dismissed less and less. */
	rc = db_exec(d, "INSERT INTO content_reports (kind, item_id, reporter_id, reason, note, created_at, weight)"
			" SELECT ?, ?, ?, ?, ?, NOW(), COALESCE((SELECT (m.upheld + 1) / (m.decided + 2)"
			"  FROM moderation_reporters m WHERE m.account_id = ?), 0.5)",
		     DB_ARGS(DB_STR(k->name), DB_INT(p->item_id), DB_INT(p->who->account_id), DB_STR(p->reason),
			     DB_STR(p->note && *p->note ? p->note : NULL), DB_INT(p->who->account_id)));
	if (rc == MDG_OK)
		rc = setting_get(d, "moderation.hide_threshold", HIDE_THRESHOLD_DEFAULT, threshold, sizeof threshold);
	if (rc == MDG_OK)
		rc = db_query(d, &r, "SELECT COALESCE(SUM(weight), 0) >= ? AS reached FROM content_reports"
				     " WHERE kind = ? AND item_id = ? AND outcome IS NULL",
			      DB_ARGS(DB_STR(threshold), DB_STR(k->name), DB_INT(p->item_id)));
	if (rc == MDG_OK && db_get_ll(r, 0, "reached", 0) == 1 && strcmp(state, "visible") == 0) {
		long long action_id = 0;
		rc = db_exec(d, k->hold, DB_ARGS(DB_INT(p->item_id)));
		if (rc == MDG_OK)
			rc = record_action(d, k, item, 0, "hold", NULL, NULL, false, &action_id);
		if (rc == MDG_OK)
			rc = tell_author(d, k, item, "held", NULL, action_id);
		if (rc == MDG_OK)
			rc = item_changed(d, k, p->item_id);
		p->held = rc == MDG_OK;
	}
done:
	db_result_free(item);
	db_result_free(r);
	return rc;
}

int moderation_report(db *d, const actor *who, const mod_kind *k, long long item_id, const char *reason,
		      const char *note, bool *held)
{
	struct report p = {.who = who, .k = k, .item_id = item_id, .reason = reason, .note = note};
	int rc = db_transaction(d, report_tx, &p);
	*held = rc == MDG_OK && p.held;
	if (*held)
		item_committed(d, k, item_id);
	return rc;
}

/* An upheld decision on abuse or spam owes the author a penalty (its
 * moderation_actions row says 'owed'): the next step of the ladder,
 * applied in the decision's transaction by the moderator who decided
 * (department-scoped or not: the decision is theirs), and the row
 * 'applied'. An author the ladder does not cover (staff, a guest of the
 * complaint channels: penalty_apply's MDG_ENOTFOUND) owes nothing. */
static int owe_penalty(db *d, const actor *who, long long author_id, const char *reason, const mod_kind *k,
		       long long item_id, long long action_id)
{
	int rc = penalty_apply(d, who, author_id, reason, k->name, item_id, NULL, NULL);
	if (rc == MDG_OK || rc == MDG_ENOTFOUND)
		rc = db_exec(d, "UPDATE moderation_actions SET penalty = ? WHERE id = ?",
			     DB_ARGS(DB_STR(rc == MDG_OK ? "applied" : "none"), DB_INT(action_id)));
	return rc;
}

/* Each reporter of a pending report on item_id, now upheld, earns the
 * points of a valid report (once per report: mileage_award). */
static int reward_reporters(db *d, const mod_kind *k, long long item_id)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT reporter_id AS reporter FROM content_reports"
				 " WHERE kind = ? AND item_id = ? AND outcome IS NULL",
			  DB_ARGS(DB_STR(k->name), DB_INT(item_id)));
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++)
		rc = mileage_award(d, db_get_ll(r, i, "reporter", 0), MILEAGE_REPORT_VALID, k->name, item_id, NULL);
	db_result_free(r);
	return rc;
}

/* moderation_decide's arguments, for its transaction. */
struct decision {
	const actor *who;
	const mod_kind *k;
	long long item_id;
	mod_decision what;
	const char *ground, *reason;
	bool upheld;
};

/* The transaction of moderation_decide (db_transaction). */
static int decide_tx(db *d, void *arg)
{
	const struct decision *t = arg;
	const actor *who = t->who;
	const mod_kind *k = t->k;
	long long item_id = t->item_id;
	mod_decision what = t->what;
	const char *ground = t->ground, *reason = t->reason;
	bool upheld = t->upheld;
	db_result *item = NULL;
	char object[64];
	long long action_id = 0;
	int rc = moderation_item(d, k, NULL, item_id, &item);
	if (rc != MDG_OK)
		goto done;
	const char *state = db_get(item, 0, "moderation", "visible");
	const char *to = what == MOD_DO_DELETE ? "deleted"
			 : upheld             ? "hidden"
			 : what == MOD_DO_DISMISS && strcmp(state, "held") != 0 ? state
									       : "visible";
	bool penalty = upheld && ground && (strcmp(ground, "abuse") == 0 || strcmp(ground, "spam") == 0);
	/* The reporters' record and points first, from the reports still
	 * pending. */
	if (upheld)
		rc = reward_reporters(d, k, item_id);
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO moderation_reporters (account_id, upheld, decided)"
			" SELECT reporter_id, ?, 1 FROM content_reports"
			" WHERE kind = ? AND item_id = ? AND outcome IS NULL"
			" ON DUPLICATE KEY UPDATE upheld = upheld + VALUES(upheld), decided = decided + 1",
		     DB_ARGS(DB_INT(upheld ? 1 : 0), DB_STR(k->name), DB_INT(item_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE content_reports SET outcome = ?, decided_at = NOW()"
				" WHERE kind = ? AND item_id = ? AND outcome IS NULL",
			     DB_ARGS(DB_STR(upheld ? "upheld" : "dismissed"), DB_STR(k->name), DB_INT(item_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, k->set_state, DB_ARGS(DB_STR(to), DB_STR(reason), DB_INT(item_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE moderation_objections SET resolved_at = NOW()"
				" WHERE kind = ? AND item_id = ? AND resolved_at IS NULL",
			     DB_ARGS(DB_STR(k->name), DB_INT(item_id)));
	if (rc == MDG_OK)
		rc = record_action(d, k, item, who->account_id, moderation_decision_name(what), ground, reason, penalty,
				   &action_id);
	if (rc == MDG_OK && upheld) /* what the item earned goes with it */
		rc = mileage_reverse_for(d, k->name, item_id, NULL);
	if (rc == MDG_OK && penalty)
		rc = owe_penalty(d, who, db_get_ll(item, 0, "author_id", 0), reason, k, item_id, action_id);
	snprintf(object, sizeof object, "%s:%lld", k->name, item_id);
	if (rc == MDG_OK)
		rc = audit_write(d, who, "moderation", object, moderation_decision_name(what), reason ? reason : ground);
	if (rc == MDG_OK && upheld)
		rc = tell_author(d, k, item, to, reason, action_id);
	if (rc == MDG_OK)
		rc = item_changed(d, k, item_id);
done:
	db_result_free(item);
	return rc;
}

int moderation_decide(db *d, const actor *who, const mod_kind *k, long long item_id, mod_decision what,
		      const char *ground, const char *reason)
{
	bool upheld = what == MOD_DO_HIDE || what == MOD_DO_DELETE || what == MOD_DO_UNPUBLISH;
	if (upheld && (!reason || !*reason))
		return MDG_EINVAL;
	if (ground && !moderation_reason_valid(ground))
		return MDG_EINVAL;
	if (!upheld)
		reason = NULL;
	struct decision t = {.who = who, .k = k, .item_id = item_id, .what = what, .ground = ground,
			     .reason = reason, .upheld = upheld};
	int rc = db_transaction(d, decide_tx, &t);
	if (rc == MDG_OK)
		item_committed(d, k, item_id);
	return rc;
}

int moderation_held_in_tx(db *d, const mod_kind *k, long long item_id, long long author_id, const char *word)
{
	int rc = db_exec(d, k->hold, DB_ARGS(DB_INT(item_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO moderation_actions (kind, item_id, author_id, action, reason, created_at)"
				" VALUES (?, ?, ?, 'hold', ?, NOW())",
			     DB_ARGS(DB_STR(k->name), DB_INT(item_id), DB_INT(author_id), DB_STR(word)));
	return rc;
}

int moderation_queue(db *d, const mod_kind *k, const char *depts, const char *lang, db_result **out)
{
	return db_query(d, out, k->queue, DB_ARGS(DB_STR(lang), DB_STR(depts), DB_STR(depts)));
}

int moderation_item_reports(db *d, const mod_kind *k, long long item_id, db_result **out)
{
	return db_query(d, out, "SELECT r.reason AS reason, r.note AS note, " SQL_MINUTE("r.created_at") " AS at,"
				" a.name AS reporter, r.weight AS weight FROM content_reports r"
				" JOIN accounts a ON a.id = r.reporter_id"
				" WHERE r.kind = ? AND r.item_id = ? AND r.outcome IS NULL ORDER BY r.id",
			DB_ARGS(DB_STR(k->name), DB_INT(item_id)));
}

int moderation_item_objections(db *d, const mod_kind *k, long long item_id, db_result **out)
{
	return db_query(d, out, "SELECT o.text AS text, " SQL_MINUTE("o.created_at") " AS at"
				" FROM moderation_objections o"
				" WHERE o.kind = ? AND o.item_id = ? AND o.resolved_at IS NULL ORDER BY o.id",
			DB_ARGS(DB_STR(k->name), DB_INT(item_id)));
}

int moderation_object(db *d, const actor *who, const mod_kind *k, long long item_id, const char *text)
{
	db_result *item = NULL;
	int rc = moderation_item(d, k, NULL, item_id, &item);
	if (rc == MDG_OK && db_get_ll(item, 0, "author_id", 0) != who->account_id)
		rc = MDG_EDENIED;
	else if (rc == MDG_OK && strcmp(db_get(item, 0, "moderation", "visible"), "visible") == 0)
		rc = MDG_EINVAL;
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO moderation_objections (kind, item_id, author_id, text, created_at)"
				" VALUES (?, ?, ?, ?, NOW())",
			     DB_ARGS(DB_STR(k->name), DB_INT(item_id), DB_INT(who->account_id), DB_STR(text)));
	db_result_free(item);
	return rc;
}

int moderation_reports_mine(db *d, long long account_id, db_result **out, long *total, long *upheld)
{
	db_result *n = NULL;
	*upheld = 0;
	/* The link by kind: a case by its tracking number, a post in its
	 * thread (a debate's, a proposal's or a board post's), a board post
	 * or chat message in its community, a note on its page, a proposal
	 * by its id. */
	int rc = db_count_page(
		d, "SELECT COUNT(*) AS n FROM content_reports WHERE reporter_id = ?", DB_ARGS(DB_INT(account_id)),
		"SELECT r.kind AS kind, r.item_id AS item_id, r.reason AS reason, " SQL_MINUTE("r.created_at") " AS created,"
		" IFNULL(r.outcome, 'pending') AS outcome, IFNULL(" SQL_MINUTE("r.decided_at") ", '') AS decided,"
		" CASE r.kind WHEN 'case' THEN CONCAT('/cases/', c.tracking_no)"
		"  WHEN 'post' THEN IF(p.parent_kind = 'cpost', CONCAT('/c/', " CPOST_COMMUNITY("p.parent_id", "slug")
		"   , '/posts/', p.parent_id, '#post-', p.id),"
		"   CONCAT('/', IF(p.parent_kind = 'debate', 'debates', 'proposals'), '/', p.parent_id, '#post-', p.id))"
		"  WHEN 'cpost' THEN CONCAT('/c/', (SELECT cc.slug FROM community_posts cp JOIN communities cc"
		"   ON cc.id = cp.community_id WHERE cp.id = r.item_id), '/posts/', r.item_id)"
		"  WHEN 'chat' THEN CONCAT('/c/', (SELECT cc.slug FROM chat_messages cm JOIN communities cc"
		"   ON cc.id = cm.community_id WHERE cm.id = r.item_id), '/chat#chat-', r.item_id)"
		"  WHEN 'note' THEN CONCAT('/notes/', r.item_id)"
		"  ELSE CONCAT('/proposals/', r.item_id) END AS link"
		" FROM content_reports r LEFT JOIN cases c ON r.kind = 'case' AND c.id = r.item_id"
		" LEFT JOIN posts p ON r.kind = 'post' AND p.id = r.item_id"
		" WHERE r.reporter_id = ? ORDER BY r.id DESC LIMIT ? OFFSET ?",
		DB_ARGS(DB_INT(account_id)), 1, MODERATION_MINE_SIZE, out, total);
	if (rc == MDG_OK)
		rc = db_query(d, &n, "SELECT COUNT(*) AS n FROM content_reports WHERE reporter_id = ? AND outcome = 'upheld'",
			      DB_ARGS(DB_INT(account_id)));
	if (rc == MDG_OK)
		*upheld = (long)db_get_ll(n, 0, "n", 0);
	db_result_free(n);
	return rc;
}

int moderation_words(db *d, db_result **out)
{
	return db_query(d, out, "SELECT w.id AS id, w.word AS word, w.action AS action, a.name AS added_by,"
				" " SQL_DAY("w.created_at") " AS created FROM moderation_words w"
				" LEFT JOIN accounts a ON a.id = w.added_by ORDER BY w.action, w.word",
			DB_NO_ARGS);
}

/* moderation_word_add's and moderation_word_delete's arguments, for
 * their transactions. */
struct word_change {
	const actor *who;
	const char *word, *action;
	long long id;
};

/* The transaction of moderation_word_add (db_transaction). */
static int word_add_tx(db *d, void *arg)
{
	const struct word_change *t = arg;
	int rc = db_exec(d, "INSERT INTO moderation_words (word, action, added_by, created_at) VALUES (?, ?, ?, NOW())",
			 DB_ARGS(DB_STR(t->word), DB_STR(t->action), DB_INT(t->who->account_id)));
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "moderation_word", t->word, "create", t->action);
	return rc;
}

int moderation_word_add(db *d, const actor *who, const char *word, const char *action)
{
	mod_word probe = {word, MOD_MASK};
	mod_result r;
	if (strcmp(action, "mask") != 0 && strcmp(action, "hold") != 0 && strcmp(action, "exception") != 0)
		return MDG_EINVAL;
	/* A word without Hangul would never match: the filter reads only
	 * Hangul (filter.h). It must at least match itself. */
	if (mod_filter(&probe, 1, word, &r) != MDG_OK)
		return MDG_EINVAL;
	bool matches = r.verdict != MOD_CLEAN;
	mod_result_free(&r);
	if (!matches)
		return MDG_EINVAL;
	struct word_change t = {.who = who, .word = word, .action = action};
	return db_transaction(d, word_add_tx, &t);
}

/* The transaction of moderation_word_delete (db_transaction). */
static int word_delete_tx(db *d, void *arg)
{
	const struct word_change *t = arg;
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT word AS word FROM moderation_words WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM moderation_words WHERE id = ?", DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "moderation_word", db_get(r, 0, "word", ""), "delete", NULL);
	db_result_free(r);
	return rc;
}

int moderation_word_delete(db *d, const actor *who, long long id)
{
	struct word_change t = {.who = who, .id = id};
	return db_transaction(d, word_delete_tx, &t);
}
