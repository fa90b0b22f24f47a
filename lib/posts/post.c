/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* post.c: posts: adding, replying (one level), recommending once, the
 * thread of a parent and its most recommended posts. */
#include "posts/post.h"
#include "core/mdg.h"
#include "db/page.h"
#include "db/sql.h"
#include "participation/mileage.h"

#include <stdio.h>
#include <string.h>

/* The author as the public sees them: the name masked but the first and
 * last letters, or "former member" for a closed account. */
#define SQL_AUTHOR SQL_PERSON_AS("a.", SQL_MASKED_NAME("a.name"))

/* The columns of a thread's rows (aliases as post.h lists them); binds
 * the viewer twice. */
#define SQL_THREAD_COLUMNS                                                                          \
	"p.id AS id, IFNULL(p.reply_to, 0) AS reply_to, " SQL_AUTHOR " AS author,"                  \
	" IFNULL(p.side, '') AS side, IF(p.moderation = 'deleted', '', p.body) AS body,"            \
	" p.recommend_count AS recommends, p.moderation AS moderation,"                             \
	" IFNULL(p.moderation_reason, '') AS reason, p.author_id = ? AS mine,"                      \
	" EXISTS (SELECT 1 FROM post_recommends r WHERE r.post_id = p.id AND r.account_id = ?)"     \
	" AS recommended, " SQL_MINUTE("p.created_at") " AS created,"                               \
	" IFNULL(" SQL_MINUTE("p.edited_at") ", '') AS edited"

/* What a reader sees of a thread: visible posts, the deleted ones (as a
 * placeholder) and their own held or hidden ones; binds the viewer. */
#define SQL_SEEN "(p.moderation IN ('visible', 'deleted') OR p.author_id = ?)"

bool post_kind_valid(const char *kind)
{
	return kind && (strcmp(kind, "debate") == 0 || strcmp(kind, "proposal") == 0 || strcmp(kind, "cpost") == 0);
}

bool post_side_valid(const char *side)
{
	return side && (strcmp(side, "agree") == 0 || strcmp(side, "disagree") == 0 || strcmp(side, "neutral") == 0);
}

int post_add(db *d, const post_new *p, long long *id)
{
	db_result *r = NULL;
	long long reply_to = p->reply_to;
	int rc = MDG_OK;
	if (!post_kind_valid(p->parent_kind) || (p->side && !post_side_valid(p->side)) || !p->body || !*p->body)
		return MDG_EINVAL;
	if (reply_to) {
		/* One level: a reply to a reply answers that reply's top post. */
		rc = db_query(d, &r,
			      "SELECT IFNULL(reply_to, id) AS top FROM posts WHERE id = ? AND parent_kind = ?"
			      " AND parent_id = ? AND moderation = 'visible'",
			      DB_ARGS(DB_INT(reply_to), DB_STR(p->parent_kind), DB_INT(p->parent_id)));
		if (rc != MDG_OK)
			goto done;
		if (r->nrows == 0) {
			rc = MDG_ENOTFOUND;
			goto done;
		}
		reply_to = db_get_ll(r, 0, "top", 0);
	}
	rc = db_exec(d,
		     "INSERT INTO posts (parent_kind, parent_id, reply_to, author_id, side, body, created_at)"
		     " VALUES (?, ?, ?, ?, ?, ?, NOW())",
		     DB_ARGS(DB_STR(p->parent_kind), DB_INT(p->parent_id), DB_ID(reply_to), DB_INT(p->author_id),
			     DB_STR(reply_to ? NULL : p->side), DB_STR(p->body)));
	if (rc == MDG_OK)
		*id = (long long)db_insert_id(d);
	if (rc == MDG_OK && p->in_tx)
		rc = p->in_tx(d, *id, p->in_tx_arg);
done:
	db_result_free(r);
	return rc;
}

int post_parent(db *d, long long post_id, char *parent_kind, long long *parent_id, long long *author_id)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT parent_kind AS kind, parent_id AS parent, author_id AS author FROM posts"
			  " WHERE id = ? AND moderation = 'visible'",
			  DB_ARGS(DB_INT(post_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		snprintf(parent_kind, 16, "%s", db_get(r, 0, "kind", ""));
		*parent_id = db_get_ll(r, 0, "parent", 0);
		*author_id = db_get_ll(r, 0, "author", 0);
	}
	db_result_free(r);
	return rc;
}

/* Locks post_id when author_id wrote it under the parent kind and id and
 * it is visible (visible_only) or at least not deleted: MDG_ENOTFOUND
 * when not. On the caller's transaction. */
static int lock_own(db *d, const char *parent_kind, long long parent_id, long long post_id, long long author_id,
		    bool visible_only)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT moderation AS moderation FROM posts WHERE id = ? AND author_id = ?"
			  " AND parent_kind = ? AND parent_id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(post_id), DB_INT(author_id), DB_STR(parent_kind), DB_INT(parent_id)));
	if (rc == MDG_OK) {
		const char *state = r->nrows ? db_get(r, 0, "moderation", "") : "deleted";
		if (visible_only ? strcmp(state, "visible") != 0 : strcmp(state, "deleted") == 0)
			rc = MDG_ENOTFOUND;
	}
	db_result_free(r);
	return rc;
}

/* post_edit's and post_delete_own's arguments, for their transactions. */
struct own_change {
	long long post_id;
	const post_new *p;
	const char *parent_kind;
	long long parent_id, author_id;
};

/* The transaction of post_edit (db_transaction). */
static int edit_tx(db *d, void *arg)
{
	const struct own_change *t = arg;
	const post_new *p = t->p;
	int rc = lock_own(d, p->parent_kind, p->parent_id, t->post_id, p->author_id, true);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE posts SET body = ?, edited_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_STR(p->body), DB_INT(t->post_id)));
	if (rc == MDG_OK && p->in_tx)
		rc = p->in_tx(d, t->post_id, p->in_tx_arg);
	return rc;
}

int post_edit(db *d, long long post_id, const post_new *p)
{
	if (!p->body || !*p->body)
		return MDG_EINVAL;
	struct own_change t = {.post_id = post_id, .p = p};
	return db_transaction(d, edit_tx, &t);
}

/* The transaction of post_delete_own (db_transaction). */
static int delete_own_tx(db *d, void *arg)
{
	const struct own_change *t = arg;
	int rc = lock_own(d, t->parent_kind, t->parent_id, t->post_id, t->author_id, false);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE posts SET moderation = 'deleted', moderation_reason = NULL WHERE id = ?",
			     DB_ARGS(DB_INT(t->post_id)));
	return rc;
}

int post_delete_own(db *d, const char *parent_kind, long long parent_id, long long post_id, long long author_id)
{
	struct own_change t = {.post_id = post_id, .parent_kind = parent_kind, .parent_id = parent_id,
			       .author_id = author_id};
	return db_transaction(d, delete_own_tx, &t);
}

/* One recommendation: post_recommend's arguments. */
struct recommend {
	long long post_id, account_id;
};

/* The transaction of post_recommend (db_transaction: two recommendations
 * of one post on two Galera nodes conflict on its count, and the loser
 * runs again). */
static int recommend_tx(db *d, void *arg)
{
	const struct recommend *c = arg;
	db_result *r = NULL;
	/* The post's row lock orders concurrent recommendations: the count
	 * stays the number of rows. */
	int rc = db_query(d, &r,
			  "SELECT author_id AS author FROM posts WHERE id = ? AND moderation = 'visible' FOR UPDATE",
			  DB_ARGS(DB_INT(c->post_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && db_get_ll(r, 0, "author", 0) == c->account_id)
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT IGNORE INTO post_recommends (post_id, account_id, created_at) VALUES (?, ?, NOW())",
			     DB_ARGS(DB_INT(c->post_id), DB_INT(c->account_id)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ECONFLICT;
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE posts SET recommend_count = recommend_count + 1 WHERE id = ?",
			     DB_ARGS(DB_INT(c->post_id)));
	/* The author's points, once per post (mileage_award): the first
	 * recommendation earns them, more of them or a recommender who
	 * comes back add nothing to farm. */
	if (rc == MDG_OK)
		rc = mileage_award(d, db_get_ll(r, 0, "author", 0), MILEAGE_OPINION_RECOMMENDED, "post", c->post_id,
				   NULL);
	db_result_free(r);
	return rc;
}

int post_recommend(db *d, long long post_id, long long account_id)
{
	struct recommend c = {.post_id = post_id, .account_id = account_id};
	return db_transaction(d, recommend_tx, &c);
}

int post_thread(db *d, const char *parent_kind, long long parent_id, long long viewer_id, long page,
		db_result **tops, db_result **replies, long *total)
{
	db_result *n = NULL;
	long long offset = (long long)(page > 0 ? page - 1 : 0) * POST_PAGE_SIZE;
	*tops = *replies = NULL;
	int rc = db_query(d, &n,
			  "SELECT COUNT(*) AS n FROM posts p WHERE p.parent_kind = ? AND p.parent_id = ?"
			  " AND p.reply_to IS NULL AND " SQL_SEEN,
			  DB_ARGS(DB_STR(parent_kind), DB_INT(parent_id), DB_INT(viewer_id)));
	if (rc == MDG_OK)
		*total = (long)db_get_ll(n, 0, "n", 0);
	if (rc == MDG_OK)
		rc = db_query(d, tops,
			      "SELECT " SQL_THREAD_COLUMNS " FROM posts p JOIN accounts a ON a.id = p.author_id"
			      " WHERE p.parent_kind = ? AND p.parent_id = ? AND p.reply_to IS NULL AND " SQL_SEEN
			      " ORDER BY p.id LIMIT ? OFFSET ?",
			      DB_ARGS(DB_INT(viewer_id), DB_INT(viewer_id), DB_STR(parent_kind), DB_INT(parent_id),
				      DB_INT(viewer_id), DB_INT(POST_PAGE_SIZE), DB_INT(offset)));
	/* The replies to this page's top posts: the page's ids as a derived
	 * table (same order and limit), so the replies need no id list. */
	if (rc == MDG_OK)
		rc = db_query(d, replies,
			      "SELECT " SQL_THREAD_COLUMNS " FROM posts p JOIN accounts a ON a.id = p.author_id"
			      " JOIN (SELECT p.id FROM posts p WHERE p.parent_kind = ? AND p.parent_id = ?"
			      " AND p.reply_to IS NULL AND " SQL_SEEN " ORDER BY p.id LIMIT ? OFFSET ?) t"
			      " ON p.reply_to = t.id WHERE " SQL_SEEN " ORDER BY p.id",
			      DB_ARGS(DB_INT(viewer_id), DB_INT(viewer_id), DB_STR(parent_kind), DB_INT(parent_id),
				      DB_INT(viewer_id), DB_INT(POST_PAGE_SIZE), DB_INT(offset), DB_INT(viewer_id)));
	if (rc != MDG_OK) {
		db_result_free(*tops);
		*tops = NULL;
	}
	db_result_free(n);
	return rc;
}

int post_top(db *d, const char *parent_kind, long long parent_id, const char *side, long n, db_result **out)
{
	return db_query(d, out,
			"SELECT p.id AS id, " SQL_AUTHOR " AS author, p.body AS body, p.recommend_count AS recommends,"
			" (SELECT COUNT(*) FROM posts q WHERE q.parent_kind = p.parent_kind AND q.parent_id = p.parent_id"
			" AND q.reply_to IS NULL AND q.id < p.id AND q.moderation IN ('visible', 'deleted')) DIV ? + 1"
			" AS page FROM posts p JOIN accounts a ON a.id = p.author_id"
			" WHERE p.parent_kind = ? AND p.parent_id = ? AND p.side = ? AND p.reply_to IS NULL"
			" AND p.moderation = 'visible' AND p.recommend_count > 0"
			" ORDER BY p.recommend_count DESC, p.id LIMIT ?",
			DB_ARGS(DB_INT(POST_PAGE_SIZE), DB_STR(parent_kind), DB_INT(parent_id), DB_STR(side), DB_INT(n)));
}

int post_count(db *d, const char *parent_kind, long long parent_id, long *n)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT COUNT(*) AS n FROM posts WHERE parent_kind = ? AND parent_id = ? AND moderation = 'visible'",
			  DB_ARGS(DB_STR(parent_kind), DB_INT(parent_id)));
	if (rc == MDG_OK)
		*n = (long)db_get_ll(r, 0, "n", 0);
	db_result_free(r);
	return rc;
}

int post_comments_mine(db *d, long long account_id, long page, db_result **out, long *total)
{
	return db_count_page(d, "SELECT COUNT(*) AS n FROM posts WHERE author_id = ? AND parent_kind = 'proposal'",
			     DB_ARGS(DB_INT(account_id)),
			     "SELECT p.id AS id, q.id AS proposal_id, q.title AS proposal, p.body AS body,"
			     " p.reply_to IS NOT NULL AS reply, p.moderation AS moderation,"
			     " IFNULL(p.moderation_reason, '') AS reason, " SQL_MINUTE("p.created_at") " AS created"
			     " FROM posts p JOIN proposals q ON q.id = p.parent_id"
			     " WHERE p.author_id = ? AND p.parent_kind = 'proposal' ORDER BY p.id DESC LIMIT ? OFFSET ?",
			     DB_ARGS(DB_INT(account_id)), page, POST_MINE_SIZE, out, total);
}
