/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* moderation.h: moderation of public user text (게시물 관리): the content
 * registry, the word filter on the supervisors' list, the posting
 * throttle, reports (신고) weighted by each reporter's past accuracy with
 * the automatic hold, moderators' decisions (each audited, the author
 * told with a link to object), objections, and the word list.
 *
 * What the posting pages call (the lead wires them after merging the
 * proposals and debates parts; the public complaint's filing, page_file,
 * shows how):
 *   1. moderation_throttle(d, "proposal", account, address): MDG_ETHROTTLED
 *      answers "too many posts, try later" and nothing is stored;
 *   2. moderation_check_text(d, text, &res): post res.text (masked) when
 *      res.verdict is MOD_MASKED; when MOD_HELD store the row and call
 *      moderation_held_in_tx in the same transaction (it holds the row
 *      and the moderator queue lists it);
 *   3. the item's page links to /report/KIND/KEY (moderation_report behind it).
 * Decisions that uphold abuse or spam owe the author a penalty: see
 * moderation_decide. */
#ifndef MDG_MODERATION_H
#define MDG_MODERATION_H
#include <stdbool.h>

#include "db/db.h"
#include "moderation/filter.h"
#include "org/audit.h"

/* One kind of public user text: its table and the statements that read
 * and change its items, each a string literal made at compile time from
 * the kind's columns (moderation.c, MOD_KIND): the statement cache keys
 * on the literal. The kinds are 'case' (a public complaint, cases),
 * 'proposal' (proposals) and 'post' (posts: debate opinions, replies,
 * comments); each table has the columns moderation, moderation_reason
 * and created_at, and its author's account. */
typedef struct mod_kind {
	const char *name;       /* "case", "proposal", "post" */
	const char *table;      /* "cases" */
	const char *by_key;     /* the item by the key of its URL */
	const char *by_id;      /* the item by id */
	const char *queue;      /* its part of the moderator queue */
	const char *set_state;  /* moderation, moderation_reason of an id */
	const char *hold;       /* 'held' when 'visible' */
} mod_kind;

/* The kind named name, or NULL. */
const mod_kind *moderation_kind(const char *name);
/* True when the kind's table exists (the other parts of issue 11 create
 * theirs): lists skip the kinds not there. */
bool moderation_kind_ready(db *d, const mod_kind *k);

/* One item by the key of its URL (a case's tracking number, else the id)
 * or by its id (key NULL): one row with id, item_key, author_id, title,
 * text, department_id, url, moderation, moderation_reason, public,
 * community_id. public is 0 for an item the public does not have (a
 * private complaint, a withdrawn proposal); community_id is the
 * community of a board post, a comment on one or a chat message (NULL
 * for the other items): whether someone has such an item is that
 * community's question, community_access_get, which the caller asks.
 * MDG_ENOTFOUND when absent. */
int moderation_item(db *d, const mod_kind *k, const char *key, long long id, db_result **out);

/* The word filter on the list in moderation_words (filter.h). MDG_OK,
 * MDG_EINVAL (not UTF-8), or the database's error. */
int moderation_check_text(db *d, const char *text, mod_result *out);

/* The posting throttle for every kind of public post: at most
 * moderation.throttle_per_hour posts an hour per account and
 * moderation.throttle_addr_per_hour per client address, all kinds
 * together (defaults 30 and 300; 0 turns a limit off). MDG_OK records
 * this post (call it just before storing); MDG_ETHROTTLED stores nothing. */
int moderation_throttle(db *d, const char *kind, long long account_id, const char *client_addr);

/* The reasons of a report (and a moderator's grounds). */
bool moderation_reason_valid(const char *reason);

/* who reports item_id of k for reason (note may be NULL). Once per person
 * per item: MDG_ECONFLICT the second time; MDG_EDENIED for one's own item;
 * MDG_ENOTFOUND when it is not public (an item of a community: the
 * caller asked community_access_get that who reads it). The report weighs the reporter's
 * accuracy, (upheld + 1) / (decided + 2); when the pending reports of the
 * item weigh moderation.hide_threshold (default 3) or more, a visible item
 * becomes 'held' pending review (*held true) and its author is told. */
int moderation_report(db *d, const actor *who, const mod_kind *k, long long item_id, const char *reason,
		      const char *note, bool *held);

/* A moderator's decision on an item. */
typedef enum mod_decision {
	MOD_DO_HIDE,      /* 'hidden'; pending reports upheld */
	MOD_DO_RESTORE,   /* 'visible' again; pending reports dismissed */
	MOD_DO_DELETE,    /* 'deleted' (the row stays, a placeholder shows); upheld */
	MOD_DO_DISMISS,   /* the reports dismissed; a held item visible again */
	MOD_DO_UNPUBLISH  /* a public complaint's text hidden by staff; upheld */
} mod_decision;

/* The decision's name ("hide", ...) and back (-1 for an unknown one). */
const char *moderation_decision_name(mod_decision what);
int moderation_decision_from_name(const char *name);

/* Applies what to item_id of k in one transaction: the item's state and
 * reason (words the author reads; required for hide, delete and
 * unpublish), the pending reports' outcome and their reporters' record,
 * open objections resolved, a moderation_actions row, the audit entry,
 * and the author's notice (moderation_hidden / moderation_deleted, with
 * the objection link) when the item goes out of sight. ground is one of
 * the report reasons. An upheld decision on abuse or spam owes the
 * author a penalty: penalty_apply's next step, by who, and the row's
 * penalty 'applied' ('none' for an author the ladder does not cover).
 * An upheld decision gives each reporter of a pending report the
 * mileage of a valid report, and one that hides or deletes takes back
 * what the item earned (mileage_reverse_for), all in the transaction.
 * The caller checks that who may decide (moderation_may).
 * MDG_OK, MDG_ENOTFOUND, MDG_EINVAL (no reason where one is needed). */
int moderation_decide(db *d, const actor *who, const mod_kind *k, long long item_id, mod_decision what,
		      const char *ground, const char *reason);

/* For a filing or post the word filter holds, in the transaction that
 * stores it: the item becomes 'held' and its moderation_actions row puts
 * it in the queue. word is the word found. */
int moderation_held_in_tx(db *d, const mod_kind *k, long long item_id, long long author_id, const char *word);

/* The moderator queue's items of kind k (ready): held, with pending
 * reports, or with an open objection, within depts (ids separated by commas,
 * perm_departments; NULL: every item, for global moderators). Columns:
 * kind, id, item_key, title, text, url, moderation, moderation_reason,
 * department_id, department (in lang), author, weight (of the pending
 * reports), reports, objections. Held items first, then heavier. */
int moderation_queue(db *d, const mod_kind *k, const char *depts, const char *lang, db_result **out);
/* The pending reports of an item: reason, note, at, reporter, weight. */
int moderation_item_reports(db *d, const mod_kind *k, long long item_id, db_result **out);
/* The open objections of an item: text, at. */
int moderation_item_objections(db *d, const mod_kind *k, long long item_id, db_result **out);

/* The author's objection to their item's hold, hide or delete: in the
 * queue until the next decision. MDG_EDENIED when author_id is not the
 * author, MDG_EINVAL when the item is visible. */
int moderation_object(db *d, const actor *who, const mod_kind *k, long long item_id, const char *text);

#define MODERATION_MINE_SIZE 10
/* The newest MODERATION_MINE_SIZE reports account_id made, for their
 * page: kind, item_id, reason, created, outcome ("pending", "upheld",
 * "dismissed"), decided (minutes or ""), link (the item's path). *total
 * counts them all, *upheld the upheld ones. */
int moderation_reports_mine(db *d, long long account_id, db_result **out, long *total, long *upheld);

/* The word list: id, word, action, added_by (name), created. */
int moderation_words(db *d, db_result **out);
/* Adds word (only its Hangul counts: MDG_EINVAL when it has none) with
 * action "mask", "hold" or "exception", audited; MDG_ECONFLICT when
 * listed. */
int moderation_word_add(db *d, const actor *who, const char *word, const char *action);
/* Removes the word of id, audited; MDG_ENOTFOUND. */
int moderation_word_delete(db *d, const actor *who, long long id);

#endif
