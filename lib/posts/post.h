/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* post.h: posts, the one table of short public texts by citizens: a
 * debate's opinions and their replies, comments on proposals and their
 * replies (and later community posts), each under a parent (kind and
 * id). Threads have one level: a reply answers a top post, never another
 * reply. Everyone may recommend a post once, never their own.
 *
 * What a parent allows (an open debate, a proposal not withdrawn) is its
 * own module's check (lib/debates, lib/proposals); this module keeps the
 * rules every kind of parent shares. */
#ifndef MDG_POST_H
#define MDG_POST_H
#include <stdbool.h>

#include "db/db.h"

/* Most characters of a post's text. */
#define POST_BODY_MAX 2000
/* Top posts per page of a thread. */
#define POST_PAGE_SIZE 20

/* A new post: parent_kind is "debate", "proposal" or "cpost" (a
 * comment on a community board's post, lib/communities/board.c);
 * reply_to 0 for a top post; side "agree"/"disagree"/"neutral" or NULL
 * (replies have none). */
typedef struct post_new {
	const char *parent_kind;
	long long parent_id;
	long long reply_to;
	long long author_id;
	const char *side;
	const char *body;
	/* Called with the new post's id in the transaction that stores it
	 * (the word filter's hold), or NULL. */
	int (*in_tx)(db *d, long long post_id, void *arg);
	void *in_tx_arg;
} post_new;

/* True for a kind of parent the table holds. */
bool post_kind_valid(const char *kind);
/* True for "agree", "disagree" or "neutral". */
bool post_side_valid(const char *side);

/* Adds p on the caller's connection (in its transaction, if any); *id
 * the new post's. A reply to a reply is attached to that reply's top
 * post (one level of nesting); a reply_to that is not a visible post of
 * the same parent is MDG_ENOTFOUND. MDG_EINVAL for a bad kind or side. */
int post_add(db *d, const post_new *p, long long *id);

/* One post's parent and author, for the handlers that act on a post
 * named in a path: MDG_ENOTFOUND when there is none or it is not
 * visible. parent_kind receives at least 16 bytes. */
int post_parent(db *d, long long post_id, char *parent_kind, long long *parent_id, long long *author_id);

/* Its author (p->author_id) changes the text of their post_id under p's
 * parent to p->body while it is visible (a held, hidden or deleted post
 * is the moderators'), edited now; p->in_tx (or NULL) runs with post_id
 * in the same transaction (the word filter's hold). reply_to and side
 * stay as they are. MDG_ENOTFOUND when author_id wrote no visible
 * post_id under that parent, MDG_EINVAL for an empty body. */
int post_edit(db *d, long long post_id, const post_new *p);
/* Its author deletes their post_id under the parent (held or hidden
 * too): 'deleted', its place kept in the thread as for a moderator's
 * delete. MDG_ENOTFOUND when author_id wrote no such post not yet
 * deleted under that parent. */
int post_delete_own(db *d, const char *parent_kind, long long parent_id, long long post_id, long long author_id);

/* account_id recommends post_id once: MDG_OK (the count grows by one),
 * MDG_ECONFLICT (already recommended), MDG_EDENIED (their own post),
 * MDG_ENOTFOUND (no visible post). Its own transaction, with the
 * author's mileage for a recommended opinion (once per post). */
int post_recommend(db *d, long long post_id, long long account_id);

/* A page (1...) of the thread under a parent as viewer_id (0: nobody
 * signed in) reads it: *tops the top posts, oldest first, and *replies
 * the replies to those, oldest first; each row: id, reply_to, author,
 * side, body ("" when deleted), recommends, moderation, reason, mine,
 * recommended (by the viewer), created, edited ("" when never). Visible posts, the deleted ones
 * (their place kept) and the viewer's own held or hidden ones. *total
 * counts the top posts. */
int post_thread(db *d, const char *parent_kind, long long parent_id, long long viewer_id, long page,
		db_result **tops, db_result **replies, long *total);

/* The n most recommended visible top posts of side under a parent (only
 * those recommended at least once): id, author, body, recommends, page
 * (the page of the thread it is on, as the public sees it). */
int post_top(db *d, const char *parent_kind, long long parent_id, const char *side, long n, db_result **out);

/* The visible posts (top and replies) under a parent. */
int post_count(db *d, const char *parent_kind, long long parent_id, long *n);

/* Rows of the comments list on the person's "my page". */
#define POST_MINE_SIZE 10
/* A page (from 1) of account_id's comments on proposals (and replies
 * to them), newest first, in every moderation state: id, proposal_id,
 * proposal (its title), body, reply (1 for a reply), moderation,
 * reason, created. *total counts them all. */
int post_comments_mine(db *d, long long account_id, long page, db_result **out, long *total);

#endif
