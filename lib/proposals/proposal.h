/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* proposal.h: policy proposals (정책제안): writing, editing, withdrawing,
 * supporting, the threshold and its notices, expiry, the public list.
 * The official review after the threshold: review.h. */
#ifndef MDG_PROPOSAL_H
#define MDG_PROPOSAL_H
#include <stdbool.h>

#include "cases/case.h"
#include "db/db.h"
#include "posts/post.h"
#include "notify/notice.h"
#include "org/audit.h"
#include "org/perm.h"

#define PROPOSAL_TITLE_MAX 200     /* characters */
#define PROPOSAL_SECTION_MAX 10000 /* characters, each of the three sections */
#define PROPOSAL_PAGE_SIZE 20
#define PROPOSAL_FILES_MAX 5
#define PROPOSAL_THRESHOLD_DEFAULT "50"   /* setting proposal.threshold */
#define PROPOSAL_SUPPORT_DAYS_DEFAULT "30" /* setting proposal.support_days */

/* The state of a proposal (proposals.state). */
typedef enum proposal_state {
	PROPOSAL_OPEN,      /* collecting supports */
	PROPOSAL_THRESHOLD, /* reached its threshold (or promoted): awaits review */
	PROPOSAL_REVIEW,    /* a department reviews it */
	PROPOSAL_ANSWERED,  /* the official answer is published */
	PROPOSAL_EXPIRED,   /* its support period ended below the threshold */
	PROPOSAL_WITHDRAWN, /* its author withdrew it (or its review case) */
	PROPOSAL_CLOSED,    /* its review case was closed without an answer */
	PROPOSAL_STATE__MAX
} proposal_state;

/* The state named name ("open", ...); MDG_EINVAL for another name. */
int proposal_state_parse(const char *name, proposal_state *out);
/* The name of state s (proposals.state); "" for none. */
const char *proposal_state_name(proposal_state s);

/* The rules of the life cycle, pure so that they are tested alone. */
/* Its author may edit it: open, and nobody supports it yet. */
bool proposal_may_edit(proposal_state s, long support_count);
/* Its author may withdraw it: open (so below its threshold). */
bool proposal_may_withdraw(proposal_state s);
/* Someone may support it or take their support back: open, below the
 * threshold and not past its closing time. */
bool proposal_may_support(proposal_state s, long support_count, long threshold, bool closed);
/* A supervisor may promote it to the threshold, and staff may open its
 * review below the threshold: open. */
bool proposal_may_promote(proposal_state s);

/* The roles that open a proposal's review below the threshold (and answer
 * it through its case): those who handle or run the department. */
#define PROPOSAL_REVIEW_ROLES (PERM_ADMIN | PERM_MANAGER | PERM_HANDLER)
/* The department proposal id's review is in: its case's once filed,
 * else the one its category's rule routes it to (routing_lead; 0 when no
 * rule places it). MDG_ENOTFOUND for no such proposal. */
int proposal_department(db *d, long long id, long long *department_id);
/* *yes when one of roles in perm covers proposal id's department
 * (proposal_department; a department no rule gives: global roles only). */
int proposal_reaches(db *d, const staff_perm *perm, unsigned roles, long long id, bool *yes);
/* The identity one support counts for (proposal_supports.identity, out
 * holds 40 bytes): "m:" and the mobile number when the account has a
 * verified one, else "a:" and the account's id. */
void proposal_identity(long long account_id, const char *verified_mobile, char out[40]);

/* The sorts of the public list. */
typedef enum proposal_sort {
	PROPOSAL_SORT_NEWEST,
	PROPOSAL_SORT_SUPPORTED, /* most supported first */
	PROPOSAL_SORT_CLOSING,   /* open ones, closing soonest first */
	PROPOSAL_SORT_ANSWERED,  /* answered ones, most recently answered first */
	PROPOSAL_SORT__MAX
} proposal_sort;

/* The sort named name ("newest", "supported", "closing", "answered");
 * MDG_EINVAL for another name. */
int proposal_sort_parse(const char *name, proposal_sort *out);

/* A validated proposal (new or edited). */
typedef struct proposal_text {
	long long category_id;
	const char *title, *problem, *proposal, *effect;
	const char *latitude, *longitude; /* decimal text or NULL */
	const char *address;              /* or NULL */
	/* Called with the proposal's id in the transaction that stores the
	 * text (the word filter's hold), or NULL. */
	int (*in_tx)(db *d, long long id, void *arg);
	void *in_tx_arg;
} proposal_text;

/* Writes a proposal of author_id in one transaction: the row (threshold
 * from its category, else the setting; closing after the setting's days),
 * its 'created' event, its attachments (moved into uploads_dir as case
 * attachments are) and its search entry. *id gets the new id. MDG_OK,
 * MDG_EINVAL (no such active category), MDG_ERR. */
int proposal_create(db *d, long long author_id, const proposal_text *t, const case_upload *files, int nfiles,
		    const char *uploads_dir, long long *id);

/* Replaces the text of proposal id by its author while it may be edited
 * (proposal_may_edit), with an 'edited' event. MDG_OK, MDG_ENOTFOUND (no
 * such proposal, or not author_id's), MDG_ECONFLICT (no longer editable),
 * MDG_EINVAL (category). */
int proposal_edit(db *d, long long id, long long author_id, const proposal_text *t);

/* Withdraws proposal id by its author while it is open. MDG_OK,
 * MDG_ENOTFOUND, MDG_ECONFLICT (not open any more). */
int proposal_withdraw(db *d, long long id, long long author_id);

/* What proposal_support did. */
typedef enum {
	PROPOSAL_SUPPORT_UNCHANGED,      /* supported already (add), or had not (remove) */
	PROPOSAL_SUPPORT_CHANGED,        /* added, or taken back */
	PROPOSAL_SUPPORT_NEEDS_IDENTITY, /* identity.required_for names support: nothing done */
} proposal_support_outcome;

/* account_id supports proposal id (add), or takes their support back
 * (!add) while it may be supported: one support per account and per
 * verified mobile number (proposal_identity), counted in the same
 * transaction as its row, so the count never drifts. The support that
 * reaches the threshold moves the proposal to 'threshold', tells the
 * author and every supporter (notice_account) and gives the author the
 * 'proposal_threshold' mileage (a promotion gives none). The gate of
 * identity_required (action "support") is checked in the same locked
 * read, one round trip less than a separate check. MDG_OK (with
 * *outcome), MDG_ENOTFOUND (no visible proposal), MDG_ECONFLICT (not
 * open to support: closed, at the threshold). */
int proposal_support(db *d, long long id, long long account_id, bool add, proposal_support_outcome *outcome);

/* A supervisor (who, with perm) moves an open proposal to 'threshold'
 * below its threshold, audited, with the same notices as reaching it.
 * Their administrative reach must cover the proposal's department
 * (proposal_reaches with PERM_ADMIN). MDG_OK, MDG_ENOTFOUND,
 * MDG_EDENIED (outside their reach), MDG_ECONFLICT (not open). */
int proposal_promote(db *d, const actor *who, const staff_perm *perm, long long id);

/* Staff (who, with perm: PROPOSAL_REVIEW_ROLES covering the proposal's
 * department) move an open proposal to 'threshold' below it to review it
 * (proposal_open_review files it then): a 'review_opened_by_staff'
 * event, audited, no threshold notice (the filing tells the supporters).
 * MDG_OK, MDG_ENOTFOUND, MDG_EDENIED, MDG_ECONFLICT (not open). */
int proposal_raise_for_review(db *d, const actor *who, const staff_perm *perm, long long id);

/* Every open proposal past its closing time becomes 'expired' (kept,
 * never deleted), with its event; *expired counts them. Called by the
 * notifier's scan and by madangctl tick. */
int proposal_expire(db *d, long *expired);

/* A whole-number setting within [min, max], def when unset or invalid. */
int proposal_setting_long(db *d, const char *name, const char *def, long min, long max, long *out);
/* Writes an event of proposal id (proposal_events.kind), in the caller's
 * transaction; actor_id 0: the system. */
int proposal_add_event(db *d, long long id, const char *kind, long long actor_id, const char *detail);
/* notice_account of kind with payload to every supporter of proposal id
 * and, when with_author, its author; the idempotency key is
 * "key_tag:ID:ACCOUNT". In the caller's transaction. */
int proposal_tell(db *d, long long id, notice_kind kind, json_t *payload, const char *key_tag, bool with_author);

/* One proposal as viewer_id (0: signed out) may see it: public when
 * visible (moderation); its author also sees it held or hidden. One row:
 * id, title, problem, proposal, effect, state, supports, threshold,
 * bar (the supports up to the threshold), percent (0-100), closes (day), created (minute), updated, answered,
 * outcome, category, category_id, department, author (the name: pages mask
 * it for others than the author), author_id, lat, lng, address, moderation,
 * moderation_reason, mine (1 for the author), supported (1 when the
 * viewer supports it), closed (1 when past closing). MDG_ENOTFOUND. */
int proposal_get(db *d, long long id, long long viewer_id, const char *lang, db_result **out);

/* The public history of a proposal, oldest first: kind, detail, at. */
int proposal_history(db *d, long long id, db_result **out);
/* Attachments of a proposal: id, name, type, size. */
int proposal_attachments(db *d, long long id, db_result **out);
/* An attachment of a visible proposal: its stored path (caller frees),
 * name and type. MDG_ENOTFOUND. */
int proposal_attachment_open(db *d, long long attachment_id, long long viewer_id, const char *uploads_dir,
			     char **path, char **name, char **mime);

typedef struct proposal_filter {
	long long category_id; /* 0: any */
	const char *words;     /* search words, or NULL */
	proposal_sort sort;
	long page;             /* from 1 */
	long limit;            /* 0: PROPOSAL_PAGE_SIZE */
	/* Keyset paging (the pager's links): the page is the rows right
	 * after (or with seek_back, right before) the row of sort key
	 * seek_key and id seek_id, found through the sort's index without
	 * skipping the rows of the pages before; page only numbers it.
	 * seek_id 0: the page by its number. */
	long long seek_key, seek_id;
	bool seek_back;
} proposal_filter;

/* The sort key and id of a list row in a pager link ("KEY.ID", from the
 * row's sort_key and id), parsed into *key and *id. MDG_EINVAL. */
int proposal_seek_parse(const char *text, long long *key, long long *id);

/* The list's statements' parts (proposal_list): the proposals a public
 * list shows; */
#define PROPOSAL_LIST_WHERE " WHERE p.moderation = 'visible' AND p.state <> 'withdrawn'"
/* a time as the digits of a sort key (the pager's links); the newest
 * first, by their index (migration 0043); */
#define PROPOSAL_LIST_DIGITS(col) "DATE_FORMAT(" col ", '%Y%m%d%H%i%s')"
#define PROPOSAL_LIST_BY_NEWEST "proposals p FORCE INDEX (ix_proposals_newest)"
/* the rows of the page's ids chosen by inner, in the sort's order (binds
 * lang): id, title, state, supports, threshold, bar, percent, date,
 * closes, answered, category, sort_key. */
#define PROPOSAL_LIST_ROWS(key, order, inner)                                                                          \
	"SELECT p.id AS id, p.title AS title, p.state AS state, p.support_count AS supports,"                 \
	" p.threshold AS threshold, LEAST(p.support_count, p.threshold) AS bar,"                              \
	" LEAST(100, FLOOR(p.support_count * 100 / GREATEST(p.threshold, 1))) AS percent,"                    \
	" " SQL_DAY("p.created_at") " AS date, " SQL_DAY("p.closes_at") " AS closes,"                         \
	" " SQL_DAY("p.answered_at") " AS answered, " SQL_NAME_IN("g.") " AS category, " key " AS sort_key"   \
	" FROM (" inner ") k JOIN proposals p ON p.id = k.id JOIN categories g ON g.id = p.category_id"       \
	" ORDER BY " order
/* A page of visible proposals (withdrawn ones left out): id, title,
 * state, supports, threshold, bar, percent, date, closes, answered, category,
 * sort_key (the row's value of the sort, digits, for proposal_seek_parse).
 * *total counts the matches. */
int proposal_list(db *d, const proposal_filter *f, const char *lang, db_result **out, long *total);

/* A comment (reply_to 0) or a reply on proposal id, which must be
 * visible (MDG_ENOTFOUND) and not withdrawn (MDG_ECONFLICT); p's
 * parent is set here. *post_id the new post's; the errors of post_add.
 * One transaction. */
int proposal_comment(db *d, long long id, const post_new *p, long long *post_id);

/* Rows of each list on the person's "my page". */
#define PROPOSAL_MINE_SIZE 10
/* A page (from 1) of account_id's own proposals, newest first, in every
 * state and moderation (theirs to see): id, title, state, supports,
 * threshold, moderation, date. *total counts them all. */
int proposal_list_mine(db *d, long long account_id, long page, db_result **out, long *total);
/* A page of the proposals account_id supports, newest support first:
 * the columns of proposal_list_mine and supported (day). */
int proposal_supports_mine(db *d, long long account_id, long page, db_result **out, long *total);
/* The public statistics of proposals (/stats), one row: total, open,
 * threshold, review, answered, expired, withdrawn (visible ones: what
 * the public lists show, by state; withdrawn ones are counted apart, as
 * the list leaves them out) and supports (their sum): a statement that
 * the page reads inside its own (report_public_page). */
#define PROPOSAL_STATS_SQL                                                                                 \
	"SELECT COUNT(*) AS total, IFNULL(SUM(state = 'open'), 0) AS open,"                               \
	" IFNULL(SUM(state = 'threshold'), 0) AS threshold, IFNULL(SUM(state = 'review'), 0) AS review," \
	" IFNULL(SUM(state = 'answered'), 0) AS answered, IFNULL(SUM(state = 'expired'), 0) AS expired,"  \
	" IFNULL(SUM(state = 'withdrawn'), 0) AS withdrawn, IFNULL(SUM(support_count), 0) AS supports"   \
	" FROM proposals WHERE moderation = 'visible'"

#endif
