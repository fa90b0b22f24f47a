/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* penalty.h: graduated penalties for upheld abuse (issue 11, section 4):
 * a warning, then a 7-day posting restriction, a 30-day one, an
 * indefinite one. Each new penalty is one step above the person's
 * standing level; every clean period (setting penalty.decay_days, 90 by
 * default) since their last penalty ended steps the standing down one
 * level. A restriction stops public posting (proposals, opinions,
 * comments; a public complaint is filed private) and never stops anyone
 * filing a complaint about their own affairs: every public posting path
 * asks penalty_restricts_posting. Each change is audited and told to the
 * person (notice_account) with the reason and how to object (/my). */
#ifndef MDG_PENALTY_H
#define MDG_PENALTY_H
#include <stdbool.h>

#include "db/db.h"
#include "org/audit.h"

typedef enum penalty_level {
	PENALTY_NONE,
	PENALTY_WARNING,     /* "warning": restricts nothing */
	PENALTY_RESTRICT_7,  /* "restrict_7": 7 days */
	PENALTY_RESTRICT_30, /* "restrict_30": 30 days */
	PENALTY_INDEFINITE   /* "indefinite": until lifted */
} penalty_level;

#define PENALTY_DECAY_DAYS_DEFAULT 90
#define PENALTY_REASON_MAX 500
#define PENALTY_OBJECTION_MAX 2000

/* The stored name of level ("warning", ...; "none" for PENALTY_NONE). */
const char *penalty_level_name(penalty_level level);
/* The level named name, PENALTY_NONE for anything else. */
penalty_level penalty_level_from_name(const char *name);
/* The days a level restricts posting: 0 for none and a warning, -1 for
 * indefinite. */
int penalty_level_days(penalty_level level);

/* The ladder, without the database (unit-tested): the standing level of
 * someone whose last penalty in force was last and ended clean_days ago
 * (0 or less: not yet ended), when each decay_days clean days step it
 * down once (decay_days <= 0: no decay). An indefinite restriction never
 * decays: it ends only when lifted. */
penalty_level penalty_standing(penalty_level last, long clean_days, long decay_days);
/* The level the next penalty takes: one above the standing level,
 * indefinite at most. */
penalty_level penalty_next(penalty_level last, long clean_days, long decay_days);

/* Applies the next penalty to account_id (the level from the ladder and
 * the setting penalty.decay_days), for reason (1 to PENALTY_REASON_MAX
 * bytes) about kind/item_id (kind "case", "proposal", "post", or NULL
 * with item_id 0), decided by who; audited and told to the person. On
 * the caller's connection: run it inside a transaction (it locks the
 * account's row so that two moderators do not skip a step). *level and
 * *penalty_id (each may be NULL) get what was applied. MDG_OK,
 * MDG_ENOTFOUND (no such active citizen account), MDG_EINVAL,
 * MDG_EDB/MDG_ERR. */
int penalty_apply(db *d, const actor *who, long long account_id, const char *reason, const char *kind,
		  long long item_id, penalty_level *level, long long *penalty_id);

/* Whether account_id may not post in public now; *until gets the end
 * ("YYYY-MM-DD HH:MM", "" for an indefinite restriction; 17 bytes) when
 * restricted. until may be NULL. */
int penalty_restricts_posting(db *d, long long account_id, bool *restricted, char *until);

/* The person's objection to their own penalty (who->account_id must be
 * its account), once, while it is not lifted (an old one still counts
 * for the ladder): text 1 to PENALTY_OBJECTION_MAX bytes. Audited; in a
 * transaction of its own.
 * MDG_OK, MDG_ENOTFOUND (not theirs, lifted), MDG_ECONFLICT (already
 * objected), MDG_EINVAL. */
int penalty_object(db *d, const actor *who, long long penalty_id, const char *text);
/* Lifts a penalty (it no longer restricts nor counts for the ladder),
 * accepting its objection if one is pending; reason 1 to
 * PENALTY_REASON_MAX bytes. Audited, told to the person. MDG_OK,
 * MDG_ENOTFOUND (none, or already lifted). In a transaction of its own. */
int penalty_lift(db *d, const actor *who, long long penalty_id, const char *reason);
/* Rejects the pending objection to a penalty with a reason. Audited,
 * told to the person. MDG_OK, MDG_ENOTFOUND (no pending objection). In
 * a transaction of its own. */
int penalty_reject_objection(db *d, const actor *who, long long penalty_id, const char *reason);

/* account_id's penalties, newest first: id, level, reason, kind,
 * item_id, starts, ends (minutes; ends NULL for a warning and an
 * indefinite one), active (1 while it restricts posting), objection,
 * objection_state, objected, lifted (minutes or NULL), lift_reason,
 * objection_answer (why an objection was rejected). */
int penalty_list_mine(db *d, long long account_id, db_result **out);
/* How many objections wait for a decision, into *n. */
int penalty_objections_pending(db *d, long *n);
#define PENALTY_PAGE_SIZE 30
/* Penalties for staff, newest first, one page (from 1); objections_only:
 * only those with a pending objection. Columns as penalty_list_mine and
 * account_id, login, name, decided_by_name. */
int penalty_list_staff(db *d, bool objections_only, long page, db_result **out, long *total);

#endif
