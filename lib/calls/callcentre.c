/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* callcentre.c: callers, their history, call notes and consents given by
 * telephone (callcentre.h). */
#include "calls/callcentre.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/consent.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "db/sql.h"

/* A case c one of whose departments is in reach (NULL: every case, those
 * no rule placed too). Binds two parameters: DB_STR(reach) twice. */
#define CASE_IN_REACH(c)                                                                         \
	" (? IS NULL OR EXISTS (SELECT 1 FROM case_departments cd_r WHERE cd_r.case_id = " c ".id" \
	" AND FIND_IN_SET(cd_r.department_id, ?) > 0))"
/* A caller (account a) the agent of reach may see: a citizen or guest
 * with a case in reach, with no case at all, or whom this agent has
 * spoken to (a call they recorded: the agent who filed a case that went
 * to another department still finds the caller). Binds DB_STR(reach)
 * twice, then DB_INT(the agent's account). */
#define CALLER_IN_REACH                                                                            \
	" a.kind IN ('citizen', 'guest') AND (? IS NULL"                                           \
	" OR NOT EXISTS (SELECT 1 FROM cases cx WHERE cx.account_id = a.id)"                       \
	" OR EXISTS (SELECT 1 FROM cases cy JOIN case_departments cd_y ON cd_y.case_id = cy.id"    \
	"  WHERE cy.account_id = a.id AND FIND_IN_SET(cd_y.department_id, ?) > 0)"                 \
	" OR EXISTS (SELECT 1 FROM calls kz WHERE kz.caller_id = a.id AND kz.agent_id = ?))"

#define FIND_HEAD                                                                                  \
	"SELECT a.id AS id, a.name AS name, a.email AS email, a.mobile AS mobile, a.kind AS kind,"  \
	" (SELECT COUNT(*) FROM cases c WHERE c.account_id = a.id AND" CASE_IN_REACH("c") ") AS cases" \
	" FROM accounts a WHERE "
#define FIND_TAIL " AND" CALLER_IN_REACH " ORDER BY a.name, a.id LIMIT ?"

/* Writes the audit entry of every caller in r (column id): each view of a
 * person's contact details is recorded. */
static int audit_callers(db *d, const actor *who, const db_result *r, const char *detail)
{
	char id[24];
	int rc = MDG_OK;
	for (unsigned i = 0; i < r->nrows && rc == MDG_OK; i++) {
		snprintf(id, sizeof id, "%lld", db_get_ll(r, i, "id", 0));
		rc = audit_write(d, who, "account", id, "view_contact", detail);
	}
	return rc;
}

/* value as a LIKE pattern for "contains" (with ESCAPE '!', named in the
 * query so that no SQL mode changes it): %, _ and ! taken literally. The
 * caller frees it. */
static char *contains_pattern(const char *value)
{
	buf b = {0};
	buf_putc(&b, '%');
	for (const char *p = value; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '!')
			buf_putc(&b, '!');
		buf_putc(&b, *p);
	}
	buf_putc(&b, '%');
	return buf_detach(&b);
}

int callcentre_find(db *d, const actor *who, enum caller_key key, const char *value, const char *reach,
		    db_result **out)
{
	db_result *r = NULL;
	char *pattern = NULL;
	const long long max = CALLCENTRE_FOUND_MAX;
	int rc = MDG_EINVAL;
	*out = NULL;
	switch (key) {
	case CALLER_BY_PHONE:
		rc = db_query(d, &r, FIND_HEAD "(a.mobile = ? OR a.id IN (SELECT k.caller_id FROM calls k"
					       " WHERE k.phone = ?))" FIND_TAIL,
			      DB_ARGS(DB_STR(reach), DB_STR(reach), DB_STR(value), DB_STR(value), DB_STR(reach),
				      DB_STR(reach), DB_INT(who->account_id), DB_INT(max)));
		break;
	case CALLER_BY_NAME:
		pattern = contains_pattern(value);
		rc = db_query(d, &r, FIND_HEAD "a.name LIKE ? ESCAPE '!'" FIND_TAIL,
			      DB_ARGS(DB_STR(reach), DB_STR(reach), DB_STR(pattern), DB_STR(reach), DB_STR(reach),
				      DB_INT(who->account_id), DB_INT(max)));
		break;
	case CALLER_BY_EMAIL:
		rc = db_query(d, &r, FIND_HEAD "a.email = ?" FIND_TAIL,
			      DB_ARGS(DB_STR(reach), DB_STR(reach), DB_STR(value), DB_STR(reach), DB_STR(reach),
				      DB_INT(who->account_id), DB_INT(max)));
		break;
	case CALLER_BY_TRACKING:
		/* Only a case in reach names its filer. */
		rc = db_query(d, &r, FIND_HEAD "a.id IN (SELECT t.account_id FROM cases t WHERE t.tracking_no = ? AND" CASE_IN_REACH("t") ")" FIND_TAIL,
			      DB_ARGS(DB_STR(reach), DB_STR(reach), DB_STR(value), DB_STR(reach), DB_STR(reach),
				      DB_STR(reach), DB_STR(reach), DB_INT(who->account_id), DB_INT(max)));
		break;
	}
	if (rc == MDG_OK)
		rc = audit_callers(d, who, r, "call centre: search");
	if (rc == MDG_OK) {
		*out = r;
		r = NULL;
	}
	db_result_free(r);
	free(pattern);
	return rc;
}

int callcentre_pop(db *d, const actor *who, const char *phone, const char *reach, long long *id, unsigned *n)
{
	db_result *r = NULL;
	*id = 0;
	*n = 0;
	int rc = db_query(d, &r, "SELECT a.id AS id FROM accounts a"
				 " WHERE (a.mobile = ? OR a.id IN (SELECT k.caller_id FROM calls k"
				 " WHERE k.phone = ?)) AND" CALLER_IN_REACH
				 " ORDER BY a.id LIMIT 2",
			  DB_ARGS(DB_STR(phone), DB_STR(phone), DB_STR(reach), DB_STR(reach), DB_INT(who->account_id)));
	if (rc == MDG_OK) {
		*n = r->nrows;
		if (r->nrows == 1)
			*id = db_get_ll(r, 0, "id", 0);
	}
	db_result_free(r);
	return rc;
}

int callcentre_caller(db *d, const actor *who, long long caller_id, const char *reach, db_result **out)
{
	db_result *r = NULL;
	*out = NULL;
	int rc = db_query(d, &r, "SELECT a.id AS id, a.name AS name, a.email AS email, a.mobile AS mobile, a.kind AS"
				 " kind,"
				 " " SQL_DAY("a.created_at") " AS since, " SQL_DAY("a.consent_at") " AS consent_web,"
				 " " SQL_MINUTE("cc.given_at") " AS consent_phone, g.name AS consent_agent"
				 " FROM accounts a"
				 " LEFT JOIN call_consents cc ON cc.id = (SELECT MAX(c2.id) FROM call_consents c2"
				 " WHERE c2.account_id = a.id)"
				 /* ...unless the person withdrew it since (/account). */
				 " AND NOT EXISTS (SELECT 1 FROM consents w WHERE w.account_id = a.id"
				 "  AND w.kind = 'phone' AND w.given = 0 AND w.at >= cc.given_at)"
				 " LEFT JOIN accounts g ON g.id = cc.agent_id"
				 " WHERE a.id = ? AND" CALLER_IN_REACH,
			  DB_ARGS(DB_INT(caller_id), DB_STR(reach), DB_STR(reach), DB_INT(who->account_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = audit_callers(d, who, r, "call centre: history");
	if (rc == MDG_OK) {
		*out = r;
		r = NULL;
	}
	db_result_free(r);
	return rc;
}

int callcentre_cases(db *d, long long caller_id, const char *reach, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT c.id AS id, c.tracking_no AS tracking, c.title AS title, c.status AS status,"
				" c.channel AS channel, " SQL_NAME_IN("g.") " AS category, " SQL_NAME_IN("dp.") " AS"
														" department,"
				" " SQL_DAY("c.created_at") " AS date,"
				" " SQL_MINUTE("GREATEST(IFNULL((SELECT MAX(e.created_at) FROM case_events e"
					       " WHERE e.case_id = c.id), c.created_at),"
					       " IFNULL((SELECT MAX(k.created_at) FROM calls k"
					       " WHERE k.case_id = c.id), c.created_at))") " AS last"
				" FROM cases c JOIN categories g ON g.id = c.category_id"
				" LEFT JOIN departments dp ON dp.id = c.department_id"
				" WHERE c.account_id = ? AND" CASE_IN_REACH("c")
				" ORDER BY c.created_at DESC, c.id DESC LIMIT ?",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_INT(caller_id), DB_STR(reach), DB_STR(reach),
				DB_INT((long long)CALLCENTRE_HISTORY_MAX)));
}

int callcentre_calls(db *d, long long caller_id, const char *reach, db_result **out)
{
	return db_query(d, out, "SELECT " SQL_MINUTE("k.created_at") " AS at, k.kind AS kind, k.phone AS phone,"
				" ag.name AS agent, k.note AS note, c.tracking_no AS tracking"
				" FROM calls k JOIN accounts ag ON ag.id = k.agent_id LEFT JOIN cases c"
				" ON c.id = k.case_id"
				" WHERE k.caller_id = ? AND (k.case_id IS NULL OR" CASE_IN_REACH("c") ")"
				" ORDER BY k.created_at DESC, k.id DESC LIMIT ?",
			DB_ARGS(DB_INT(caller_id), DB_STR(reach), DB_STR(reach),
				DB_INT((long long)CALLCENTRE_HISTORY_MAX)));
}

int callcentre_ratings(db *d, long long caller_id, const char *reach, db_result **out)
{
	return db_query(d, out, "SELECT s.id AS id, c.tracking_no AS tracking, s.rating AS rating, s.comment AS"
				" comment,"
				" " SQL_MINUTE("s.rated_at") " AS rated, s.callback_state AS callback,"
				" " SQL_MINUTE("s.callback_at") " AS called, s.callback_note AS callback_note"
				" FROM satisfaction s JOIN cases c ON c.id = s.case_id"
				" WHERE c.account_id = ? AND s.rated_at IS NOT NULL AND" CASE_IN_REACH("c")
				" ORDER BY s.rated_at DESC, s.id DESC LIMIT ?",
			DB_ARGS(DB_INT(caller_id), DB_STR(reach), DB_STR(reach),
				DB_INT((long long)CALLCENTRE_HISTORY_MAX)));
}

/* Whether text is a note: not blank, at most CALLCENTRE_NOTE_MAX
 * characters. */
static bool note_valid(const char *text)
{
	if (!text || !text[strspn(text, " \t\r\n")])
		return false;
	return utf8_length(text, strlen(text)) <= CALLCENTRE_NOTE_MAX;
}

/* callcentre_note's arguments, for its transaction. */
struct noting {
	const actor *who;
	const call_note *n;
	const char *reach;
};

/* The transaction of callcentre_note (db_transaction). */
static int note_tx(db *d, void *arg)
{
	const struct noting *t = arg;
	const call_note *n = t->n;
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM accounts a WHERE a.id = ? AND" CALLER_IN_REACH,
			  DB_ARGS(DB_INT(n->caller_id), DB_STR(t->reach), DB_STR(t->reach), DB_INT(t->who->account_id)));
	if (rc == MDG_OK && db_get_ll(r, 0, "n", 0) == 0)
		rc = MDG_ENOTFOUND;
	db_result_free(r);
	r = NULL;
	if (rc == MDG_OK && n->case_id) {
		/* The case is the caller's and the agent's to see. */
		rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM cases c WHERE c.id = ? AND c.account_id = ? AND" CASE_IN_REACH("c"),
			      DB_ARGS(DB_INT(n->case_id), DB_INT(n->caller_id), DB_STR(t->reach), DB_STR(t->reach)));
		if (rc == MDG_OK && db_get_ll(r, 0, "n", 0) == 0)
			rc = MDG_ENOTFOUND;
	}
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO calls (caller_id, phone, agent_id, case_id, kind, note, created_at)"
				" VALUES (?, ?, ?, ?, 'note', ?, NOW())",
			     DB_ARGS(DB_INT(n->caller_id), DB_STR(n->phone), DB_INT(t->who->account_id), DB_ID(n->case_id),
				     DB_STR(n->note)));
	/* On the case, the handlers read it in the history like their notes
	 * (its transaction is part of this one: db_transaction). */
	if (rc == MDG_OK && n->case_id)
		rc = case_add_note(d, n->case_id, t->who->account_id, n->department_id, n->note);
	db_result_free(r);
	return rc;
}

int callcentre_note(db *d, const actor *who, const call_note *n, const char *reach)
{
	if (!note_valid(n->note))
		return MDG_EINVAL;
	struct noting t = {.who = who, .n = n, .reach = reach};
	return db_transaction(d, note_tx, &t);
}

/* callcentre_consent's arguments and answer, for its transaction. */
struct consenting {
	const actor *who;
	const account_contact *c;
	const char *reach, *idem_key;
	long long given, caller_id;
};

/* The transaction of callcentre_consent (db_transaction): a guest made
 * by a run that rolled back is gone, so each run starts from the caller
 * given. */
static int consent_tx(db *d, void *arg)
{
	struct consenting *t = arg;
	db_result *r = NULL;
	int rc = MDG_OK;
	t->caller_id = t->given;
	if (t->caller_id) {
		rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM accounts a WHERE a.id = ? AND" CALLER_IN_REACH,
			      DB_ARGS(DB_INT(t->caller_id), DB_STR(t->reach), DB_STR(t->reach),
				      DB_INT(t->who->account_id)));
		if (rc == MDG_OK && db_get_ll(r, 0, "n", 0) == 0)
			rc = MDG_ENOTFOUND;
	} else {
		rc = account_for_contact(d, t->c, &t->caller_id);
	}
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO call_consents (account_id, agent_id, consent_version, given_at, idem_key)"
				" VALUES (?, ?, ?, NOW(), ?)",
			     DB_ARGS(DB_INT(t->caller_id), DB_INT(t->who->account_id), DB_STR(CONSENT_VERSION),
				     DB_STR(t->idem_key)));
	if (rc == MDG_OK)
		rc = consent_record(d, t->caller_id, CONSENT_KIND_PHONE, CONSENT_VERSION, true, t->who->account_id);
	db_result_free(r);
	return rc;
}

int callcentre_consent(db *d, const actor *who, const account_contact *c, const char *reach,
		       const char *idem_key, long long *caller_id)
{
	struct consenting t = {.who = who, .c = c, .reach = reach, .idem_key = idem_key, .given = *caller_id};
	int rc = db_transaction(d, consent_tx, &t);
	/* A guest made here is gone with a rollback. */
	*caller_id = rc == MDG_OK ? t.caller_id : t.given;
	return rc;
}

int callcentre_filed(db *d, const actor *who, long long caller_id, const char *phone, long long case_id,
		     const char *note, const char *idem_key)
{
	return db_exec(d, "INSERT INTO calls (caller_id, phone, agent_id, case_id, kind, note, created_at, idem_key)"
			  " VALUES (?, ?, ?, ?, 'filed', ?, NOW(), ?)",
		       DB_ARGS(DB_INT(caller_id), DB_STR(phone), DB_INT(who->account_id), DB_INT(case_id),
			       DB_STR(note ? note : ""), DB_STR(idem_key)));
}

int callcentre_filed_by_key(db *d, long long agent_id, const char *idem_key, long long *caller_id, char *tracking)
{
	db_result *r = NULL;
	*caller_id = 0;
	tracking[0] = '\0';
	int rc = db_query(d, &r, "SELECT k.caller_id AS caller_id, c.tracking_no AS tracking FROM calls k"
				 " JOIN cases c ON c.id = k.case_id WHERE k.agent_id = ? AND k.idem_key = ?"
				 " AND k.kind = 'filed'",
			  DB_ARGS(DB_INT(agent_id), DB_STR(idem_key)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		*caller_id = db_get_ll(r, 0, "caller_id", 0);
		snprintf(tracking, TRACKING_LEN + 1, "%s", db_get(r, 0, "tracking", ""));
	}
	db_result_free(r);
	return rc;
}

int callcentre_filed_by(db *d, long long agent_id, long long caller_id, const char *tracking, bool *yes)
{
	db_result *r = NULL;
	*yes = false;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM calls k JOIN cases c ON c.id = k.case_id"
				 " WHERE k.agent_id = ? AND k.caller_id = ? AND k.kind = 'filed' AND c.tracking_no = ?",
			  DB_ARGS(DB_INT(agent_id), DB_INT(caller_id), DB_STR(tracking)));
	if (rc == MDG_OK)
		*yes = db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	return rc;
}
