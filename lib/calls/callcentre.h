/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* callcentre.h: the call centre (상담원 console): finding a caller, their
 * history (cases, earlier calls, ratings), the notes of calls and the
 * consent a caller gives by telephone before an agent files for them
 * (db/migrations/0024_callcentre.sql).
 *
 * A caller is a citizen or a guest account (never staff). reach is the
 * agent's scope as perm_departments(PERM_CALLS) gives it: NULL for the
 * whole institution, else department ids separated by commas. A scoped
 * agent sees the callers who have a case in one of those departments, no
 * case at all (somebody calling for the first time) or a call the agent
 * recorded (who filed for them in another department's field), and of each
 * caller only the cases, calls and ratings of those departments. Every
 * read of a caller's contact details writes its audit entry ('account',
 * id, 'view_contact') in the same call. */
#ifndef MDG_CALLCENTRE_H
#define MDG_CALLCENTRE_H
#include <stdbool.h>

#include "auth/account.h"
#include "cases/action.h"
#include "db/db.h"
#include "org/audit.h"

#define CALLCENTRE_FOUND_MAX 20     /* callers one search shows */
#define CALLCENTRE_NOTE_MAX CASE_REASON_MAX /* characters of a call note: a case note */
#define CALLCENTRE_HISTORY_MAX 100  /* cases, calls and ratings shown */

/* How a caller is looked for. */
enum caller_key {
	CALLER_BY_PHONE,    /* normalised digits (phone_normalise): the mobile
			       of the account or the number of an earlier call */
	CALLER_BY_NAME,     /* a part of the name */
	CALLER_BY_EMAIL,    /* the whole address, any case */
	CALLER_BY_TRACKING  /* the tracking number of one of their cases */
};

/* The callers reach lets the agent see that match value, at most
 * CALLCENTRE_FOUND_MAX, by name: id, name, email, mobile, kind
 * ("citizen" or "guest"), cases (how many in reach). Each is audited
 * ("call centre: search"). */
int callcentre_find(db *d, const actor *who, enum caller_key key, const char *value, const char *reach,
		    db_result **out);

/* How many callers (0, 1, or 2 for "more than one") the agent who may
 * see with reach have the telephone number phone (digits), and in *id the one when
 * there is exactly one: a screen pop goes straight to that caller's
 * history, and nothing personal is read (nor audited) here. */
int callcentre_pop(db *d, const actor *who, const char *phone, const char *reach, long long *id, unsigned *n);

/* One caller for their history page: id, name, email, mobile, kind,
 * since (the account's creation, a day), consent_web (the day they
 * agreed on the web form, or NULL), consent_phone (the time of the
 * latest consent given by telephone, or NULL) and consent_agent (the
 * agent who heard it). Audited ("call centre: history").
 * MDG_ENOTFOUND when there is no such caller in reach. */
int callcentre_caller(db *d, const actor *who, long long caller_id, const char *reach, db_result **out);

/* The caller's cases in reach, newest first: id, tracking, title, status,
 * channel, category (in lang), department (in lang), date (filed), last
 * (the last contact: the latest event or call, to the minute). */
int callcentre_cases(db *d, long long caller_id, const char *reach, const char *lang, db_result **out);
/* The caller's calls, newest first, those about a case out of reach left
 * out: at (to the minute), kind ("note", "filed"), phone (digits or
 * NULL), agent (a name), note, tracking (or NULL). */
int callcentre_calls(db *d, long long caller_id, const char *reach, db_result **out);
/* The ratings of the caller's cases in reach, newest first: id (the
 * satisfaction row), tracking, rating, comment, rated (to the minute),
 * callback ("none", "pending", "done"), called, callback_note. */
int callcentre_ratings(db *d, long long caller_id, const char *reach, db_result **out);

/* One call an agent records. */
typedef struct call_note {
	long long caller_id;
	const char *phone;        /* normalised digits, or NULL */
	long long case_id;        /* the case it was about, or 0 */
	long long department_id;  /* the agent's department on that case, or 0 */
	const char *note;         /* 1 ... CALLCENTRE_NOTE_MAX characters */
} call_note;

/* Records the call; a call about a case also goes into the case's history
 * as an internal note by the agent (one transaction). The caller must be
 * in reach, the case theirs and in reach. MDG_OK; MDG_ENOTFOUND when not;
 * MDG_EINVAL for a blank or too long note. */
int callcentre_note(db *d, const actor *who, const call_note *n, const char *reach);

/* The caller's consent to the collection of personal data, given by
 * telephone to the agent who (*caller_id 0) registers the contact c as
 * the caller first (account_for_contact: their verified account, else
 * the guest of that address) or (*caller_id set) files for a known
 * caller in reach. Records the consent (CONSENT_VERSION, the agent, now)
 * in one transaction with the contact. MDG_OK with *caller_id set;
 * MDG_ENOTFOUND for a caller out of reach; MDG_EINVAL without an address;
 * MDG_ECONFLICT when the agent's form of idem_key (NULL: none) was sent
 * before (a filing done, or under way). */
int callcentre_consent(db *d, const actor *who, const account_contact *c, const char *reach,
		       const char *idem_key, long long *caller_id);

/* Records the call in which the agent filed case_id for the caller
 * (kind 'filed', note may be ""), with the key of the form (or NULL). */
int callcentre_filed(db *d, const actor *who, long long caller_id, const char *phone, long long case_id,
		     const char *note, const char *idem_key);
/* The case the agent filed with the form of idem_key: the caller into
 * *caller_id and its tracking number into tracking (TRACKING_LEN + 1
 * bytes). MDG_ENOTFOUND when that form filed nothing (yet). */
int callcentre_filed_by_key(db *d, long long agent_id, const char *idem_key, long long *caller_id, char *tracking);
/* *yes when agent_id filed the case tracking for caller_id in a call
 * (to name it on the page the filing leads to). */
int callcentre_filed_by(db *d, long long agent_id, long long caller_id, const char *tracking, bool *yes);

#endif
