/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* board.h: the boards of a community (게시판: notice, free, Q&A, gallery,
 * files): posts with a title, a body and files (a gallery's images, a
 * files board's documents with every version kept), pinning by
 * managers, read counts (once per reader per day), a link to a public
 * complaint or proposal shown as a card, Korean full-text search within
 * the community, and comments (rows of lib/posts, parent kind 'cpost').
 *
 * Who may read, post, pin or delete is the caller's question to
 * community_access_get (community.h); this module keeps the facts and
 * the rules of the post itself (its author, its board's kind). */
#ifndef MDG_BOARD_H
#define MDG_BOARD_H
#include <stdbool.h>

#include "cases/case.h"
#include "communities/community.h"
#include "db/db.h"
#include "posts/post.h"

#define BOARD_TITLE_MAX 200
#define BOARD_BODY_MAX 20000
/* Posts per page of a board or a search. */
#define BOARD_PAGE_SIZE 20
/* Files a post takes at once (the limit of a complaint's form). */
#define BOARD_FILES_MAX 5
#define BOARD_LINK_KEY_MAX 20

/* True when a file of mime (as case_sniff_type judged it) may go on a
 * board of kind: a gallery takes images only, a files board documents
 * only (no images), the others both. */
bool board_file_allowed(enum community_board kind, const char *mime);

/* What a board page shows of community_id: one row of name, slug,
 * state. */
int board_community(db *d, long long community_id, db_result **out);
/* The boards community_id has: rows of kind, in their order. */
int board_kinds(db *d, long long community_id, db_result **out);
/* The id of community_id's board of kind: MDG_ENOTFOUND when it has none. */
int board_find(db *d, long long community_id, enum community_board kind, long long *board_id);

/* A post's text as written (title and body after the word filter), its
 * link (link_kind "case" with a tracking number, "proposal" with an id,
 * or NULL) and the hold of the word filter in the storing transaction
 * (in_tx, or NULL). */
typedef struct board_text {
	const char *title;
	const char *body;
	const char *link_kind;
	const char *link_key;
	int (*in_tx)(db *d, long long post_id, void *arg);
	void *in_tx_arg;
} board_text;

/* MDG_OK when kind/key names a complaint or proposal the public may see
 * now (a public visible complaint, a visible proposal); MDG_ENOTFOUND
 * when not, MDG_EINVAL for a kind not "case" or "proposal". */
int board_link_check(db *d, const char *kind, const char *key);
/* The card of a link: one row of title, state, url; no row (*out empty)
 * when the item is not, or no longer, public. */
int board_link_card(db *d, const char *kind, const char *key, db_result **out);

/* author_id writes t on board board_id of community_id with files (each
 * allowed on the board: the caller checks board_file_allowed), stored
 * under uploads_dir; the community's activity is touched. *id the new
 * post's. MDG_ETOOBIG for more than BOARD_FILES_MAX files. One
 * transaction; no file is left on failure. */
int board_post_create(db *d, long long community_id, long long board_id, long long author_id, const board_text *t,
		      const case_upload *files, int nfiles, const char *uploads_dir, long long *id);
/* The author changes post_id's text and link and adds files (a file of
 * a name the post has is that name's next version; the older stay).
 * MDG_ENOTFOUND when author_id did not write it or it is deleted. */
int board_post_edit(db *d, long long post_id, long long author_id, const board_text *t, const case_upload *files,
		    int nfiles, const char *uploads_dir);
/* post_id out of sight for good (its author's or a manager's act; the
 * caller checks which): moderation 'deleted'. */
int board_post_delete(db *d, long long post_id);
/* A manager pins or unpins post_id. */
int board_post_pin(db *d, long long post_id, bool pinned);

/* Post post_id of community_id as viewer_id (0: signed out) may see it:
 * one row of id, board (its kind), title, body, author (masked),
 * author_id, mine, pinned, views, comments, link_kind, link_key,
 * moderation, reason, created, edited. Others' held, hidden and
 * deleted posts and the author's deleted ones are MDG_ENOTFOUND. */
int board_post_get(db *d, long long community_id, long long post_id, long long viewer_id, db_result **out);
/* account_id read post_id: counted once per reader per day. */
int board_post_read(db *d, long long post_id, long long account_id);

/* A page (from 1) of board board_id's posts as viewer_id sees them,
 * pinned first, then newest: id, title, author, pinned, views, comments,
 * moderation, created, mine, thumb (a gallery's first image's file id,
 * or 0). *total counts them. */
int board_posts(db *d, long long board_id, long long viewer_id, long page, db_result **out, long *total);
/* A page of community_id's visible posts matching words (Korean parts of
 * words too), newest first: the columns of board_posts and board (its
 * kind). */
int board_search(db *d, long long community_id, const char *words, long page, db_result **out, long *total);

/* post_id's files: id, name, type, size, version, latest (1 for a name's
 * newest version), image (1 for an image), created; by name, newest
 * version first. */
int board_files(db *d, long long post_id, db_result **out);
/* File file_id of post_id: where it is stored (path), its name and type
 * (the caller frees the three). MDG_ENOTFOUND when post_id has no such
 * file. */
int board_file_open(db *d, long long post_id, long long file_id, const char *uploads_dir, char **path, char **name,
		    char **mime);

/* A comment (p: parent kind and id set here) on visible post_id: stored
 * with lib/posts, the post's comment count and the community's activity
 * touched, in one transaction. MDG_ECONFLICT when the post is not
 * visible, MDG_ENOTFOUND for a reply to no visible comment of it. */
int board_comment(db *d, long long community_id, long long post_id, post_new *p, long long *id);

#endif
