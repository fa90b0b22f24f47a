/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mileage.h: the mileage ledger (issue 11, section 4). Points reward
 * constructive participation; each entry names its reason and what
 * earned it (kind 'case', 'proposal' or 'post' and its id). The ledger
 * is append-only: points are taken back by a reversing entry, never by
 * an edit. Every writer works on the caller's connection, in the
 * caller's transaction, so points come and go with what earns them:
 *
 *   a complaint answered       mileage_award(d, owner, MILEAGE_COMPLAINT_ANSWERED, "case", case_id)
 *   a proposal at threshold    mileage_award(d, author, MILEAGE_PROPOSAL_THRESHOLD, "proposal", id)
 *   a proposal accepted        mileage_award(d, author, MILEAGE_PROPOSAL_ACCEPTED, "proposal", id)
 *   an opinion recommended     mileage_award(d, author, MILEAGE_OPINION_RECOMMENDED, "post", id)
 *   a report found valid       mileage_award(d, reporter, MILEAGE_REPORT_VALID, kind, item_id)
 *   the item hidden/deleted    mileage_reverse_for(d, kind, item_id)
 */
#ifndef MDG_MILEAGE_H
#define MDG_MILEAGE_H
#include <stdbool.h>

#include "db/db.h"

/* Why points were given; the names are the ledger's reason values and
 * the settings' suffixes (mileage.<name>). */
typedef enum mileage_reason {
	MILEAGE_COMPLAINT_ANSWERED,  /* "complaint_answered" */
	MILEAGE_PROPOSAL_THRESHOLD,  /* "proposal_threshold" */
	MILEAGE_PROPOSAL_ACCEPTED,   /* "proposal_accepted" */
	MILEAGE_OPINION_RECOMMENDED, /* "opinion_recommended" */
	MILEAGE_REPORT_VALID,        /* "report_valid" */
	MILEAGE_REVERSAL,            /* "reversal": written by mileage_reverse_for only */
	MILEAGE_REASON__MAX
} mileage_reason;

/* The ledger's name of reason ("complaint_answered", ...). */
const char *mileage_reason_name(mileage_reason reason);
/* The points reason gives when its setting (mileage.<name>) is unset. */
long mileage_default_points(mileage_reason reason);
/* True for a content kind of issue 11 ("case", "proposal", "post") or of
 * issue 14 ("cpost": a board post, "note", "chat"). */
bool mileage_kind_valid(const char *kind);

/* Gives account_id the points of reason (setting mileage.<name>, whole
 * number 0...100000, the default when unset or malformed) for kind/item_id.
 * Once per (reason, kind, item, account): a repeat, or an amount of 0,
 * writes nothing (an item has one author, so once per item, but each of
 * its reporters once). *added (may be NULL) becomes true when an entry was written.
 * MDG_OK, MDG_EINVAL (a kind not named above, MILEAGE_REVERSAL),
 * MDG_EDB/MDG_ERR. */
int mileage_award(db *d, long long account_id, mileage_reason reason, const char *kind, long long item_id,
		  bool *added);

/* Takes back every award kind/item_id earned (its reporters' keep theirs:
 * a valid report is the reporter's merit) not yet taken back: one
 * 'reversal' entry of the opposite points per award (once per award, so
 * calling it twice changes nothing). For when what earned them is hidden
 * or deleted by a moderator. *reversed (may be NULL) counts the entries
 * written. MDG_OK, MDG_EINVAL, MDG_EDB/MDG_ERR. */
int mileage_reverse_for(db *d, const char *kind, long long item_id, long *reversed);

/* account_id's balance (the sum of their entries) into *points. */
int mileage_balance(db *d, long long account_id, long long *points);

#define MILEAGE_PAGE_SIZE 20
/* One page (from 1) of account_id's ledger, newest first: columns id,
 * points, reason, kind, item_id, reverses_id, at ("YYYY-MM-DD HH:MM"),
 * link (the item's public path: "/cases/TRACKING" for a case,
 * "/proposals/ID" for a proposal, none for a post: its page is the
 * debates' to name). *total counts the entries. */
int mileage_ledger(db *d, long long account_id, long page, db_result **out, long *total);

#define MILEAGE_RANKING_SIZE 50
/* The ranking of volunteers who opted in (accounts.mileage_public), the
 * highest balance first, at most MILEAGE_RANKING_SIZE: columns rank
 * (1...), name (the account's, unmasked: mask it for the page), points.
 * Accounts with a balance of 0 or less are left out. */
int mileage_ranking(db *d, db_result **out);

/* Whether account_id is in the public ranking. */
int mileage_get_public(db *d, long long account_id, bool *on);
int mileage_set_public(db *d, long long account_id, bool on);

#endif
