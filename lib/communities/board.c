/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* board.c: posts on community boards: writing with files (versions on a
 * files board), editing, deleting, pinning, read counts, the list and
 * the search of a community, link cards and comments. */
#include "communities/board.h"
#include "core/mdg.h"
#include "db/page.h"
#include "db/sql.h"

#include <stdlib.h>
#include <string.h>

/* The columns of a board's list (aliases as board.h lists them); binds
 * the viewer. */
#define SQL_LIST_COLUMNS                                                                                \
	"p.id AS id, p.title AS title, " SQL_PERSON_AS("a.", SQL_MASKED_NAME("a.name")) " AS author, p.pinned AS pinned,"   \
	" p.read_count AS views, p.comment_count AS comments, p.moderation AS moderation,"            \
	" " SQL_MINUTE("p.created_at") " AS created, p.author_id = ? AS mine,"                          \
	" IFNULL((SELECT MIN(f.id) FROM community_post_files f WHERE f.post_id = p.id"                  \
	"  AND f.mime_type LIKE 'image/%'), 0) AS thumb"

/* What a reader sees of a board: visible posts and their own held or
 * hidden ones; binds the viewer. */
#define SQL_LIST_SEEN "(p.moderation = 'visible' OR (p.author_id = ? AND p.moderation IN ('held', 'hidden')))"

bool board_file_allowed(enum community_board kind, const char *mime)
{
	bool image = mime && strncmp(mime, "image/", 6) == 0;
	if (!mime)
		return false;
	if (kind == BOARD_GALLERY)
		return image;
	if (kind == BOARD_FILES)
		return !image;
	return true;
}

int board_community(db *d, long long community_id, db_result **out)
{
	return db_query(d, out, "SELECT name AS name, slug AS slug, state AS state FROM communities WHERE id = ?",
			DB_ARGS(DB_INT(community_id)));
}

int board_kinds(db *d, long long community_id, db_result **out)
{
	return db_query(d, out, "SELECT kind AS kind FROM community_boards WHERE community_id = ? ORDER BY position, id",
			DB_ARGS(DB_INT(community_id)));
}

int board_find(db *d, long long community_id, enum community_board kind, long long *board_id)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT id AS id FROM community_boards WHERE community_id = ? AND kind = ?",
			  DB_ARGS(DB_INT(community_id), DB_STR(community_board_name(kind))));
	if (rc == MDG_OK && r->nrows != 1)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		*board_id = db_get_ll(r, 0, "id", 0);
	db_result_free(r);
	return rc;
}

int board_link_card(db *d, const char *kind, const char *key, db_result **out)
{
	*out = NULL;
	if (!kind || !key)
		return MDG_EINVAL;
	/* Only what the public sees: a public complaint whose text is not
	 * out of sight, a visible proposal. */
	if (strcmp(kind, "case") == 0)
		return db_query(d, out,
				"SELECT title AS title, status AS state, CONCAT('/cases/', tracking_no) AS url FROM cases"
				" WHERE tracking_no = ? AND is_public = 1 AND moderation = 'visible'",
				DB_ARGS(DB_STR(key)));
	if (strcmp(kind, "proposal") == 0) {
		char *end = NULL;
		long long id = strtoll(key, &end, 10);
		if (!*key || *end || id <= 0)
			return db_query(d, out, "SELECT 1 AS title FROM DUAL WHERE 0", DB_NO_ARGS);
		return db_query(d, out,
				"SELECT title AS title, state AS state, CONCAT('/proposals/', id) AS url FROM proposals"
				" WHERE id = ? AND moderation = 'visible'",
				DB_ARGS(DB_INT(id)));
	}
	return MDG_EINVAL;
}

int board_link_check(db *d, const char *kind, const char *key)
{
	db_result *r = NULL;
	int rc = board_link_card(d, kind, key, &r);
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	db_result_free(r);
	return rc;
}

/* The search entry of post id, written with its text. */
static int write_search(db *d, long long id)
{
	return db_exec(d,
		       "REPLACE INTO community_post_search (post_id, community_id, title, body)"
		       " SELECT id, community_id, title, body FROM community_posts WHERE id = ?",
		       DB_ARGS(DB_INT(id)));
}

/* The rows of files stored for post_id: a name the post has is that
 * name's next version. */
static int insert_files(db *d, long long post_id, long long by, const case_upload *files, char (*stored)[33],
			int nfiles)
{
	int rc = MDG_OK;
	for (int i = 0; i < nfiles && rc == MDG_OK; i++) {
		const char *name = files[i].up->filename[0] ? files[i].up->filename : "file";
		rc = db_exec(d,
			     "INSERT INTO community_post_files (post_id, stored_name, original_name, mime_type,"
			     " size_bytes, version, uploaded_by, created_at)"
			     " SELECT ?, ?, ?, ?, ?, COALESCE(MAX(version), 0) + 1, ?, NOW()"
			     " FROM community_post_files WHERE post_id = ? AND original_name = ?",
			     DB_ARGS(DB_INT(post_id), DB_STR(stored[i]), DB_STR(name), DB_STR(files[i].mime_type),
				     DB_INT((long long)files[i].up->size), DB_INT(by), DB_INT(post_id), DB_STR(name)));
	}
	return rc;
}

struct write_arg {
	long long community_id, board_id, author_id, post_id;
	const board_text *t;
	const case_upload *files;
	char (*stored)[33];
	int nfiles;
};

/* What writing and editing a post share, after its row: the files, the
 * search entry, the community's activity and the word filter's hold. */
static int after_write(db *d, const struct write_arg *a)
{
	int rc = insert_files(d, a->post_id, a->author_id, a->files, a->stored, a->nfiles);
	if (rc == MDG_OK)
		rc = write_search(d, a->post_id);
	if (rc == MDG_OK)
		rc = community_touch(d, a->community_id);
	if (rc == MDG_OK && a->t->in_tx)
		rc = a->t->in_tx(d, a->post_id, a->t->in_tx_arg);
	return rc;
}

static int create_tx(db *d, void *arg)
{
	struct write_arg *a = arg;
	const board_text *t = a->t;
	int rc = db_exec(d,
			 "INSERT INTO community_posts (community_id, board_id, author_id, title, body, link_kind,"
			 " link_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NOW())",
			 DB_ARGS(DB_INT(a->community_id), DB_INT(a->board_id), DB_INT(a->author_id), DB_STR(t->title),
				 DB_STR(t->body), DB_STR(t->link_kind), DB_STR(t->link_kind ? t->link_key : NULL)));
	if (rc != MDG_OK)
		return rc;
	a->post_id = (long long)db_insert_id(d);
	return after_write(d, a);
}

static int edit_tx(db *d, void *arg)
{
	struct write_arg *a = arg;
	const board_text *t = a->t;
	db_result *r = NULL;
	/* The author's post, locked, and its community (for the activity). */
	int rc = db_query(d, &r,
			  "SELECT community_id AS c FROM community_posts WHERE id = ? AND author_id = ?"
			  " AND moderation <> 'deleted' FOR UPDATE",
			  DB_ARGS(DB_INT(a->post_id), DB_INT(a->author_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		a->community_id = db_get_ll(r, 0, "c", 0);
	db_result_free(r);
	if (rc == MDG_OK)
		rc = db_exec(d,
			     "UPDATE community_posts SET title = ?, body = ?, link_kind = ?, link_key = ?,"
			     " edited_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_STR(t->title), DB_STR(t->body), DB_STR(t->link_kind),
				     DB_STR(t->link_kind ? t->link_key : NULL), DB_INT(a->post_id)));
	if (rc == MDG_OK)
		rc = after_write(d, a);
	return rc;
}

/* Stores the files, runs body in a transaction, and removes the stored
 * files again when it failed. */
static int write_with_files(db *d, struct write_arg *a, const char *uploads_dir, int (*body)(db *d, void *arg))
{
	char *moved[CASE_FILES_MAX] = {0};
	char stored[CASE_FILES_MAX][33];
	a->stored = stored;
	int rc = a->nfiles > BOARD_FILES_MAX ? MDG_ETOOBIG
					     : case_store_uploads(uploads_dir, a->files, a->nfiles, stored, moved);
	if (rc == MDG_OK)
		rc = db_transaction(d, body, a);
	case_release_uploads(moved, a->nfiles, rc != MDG_OK);
	return rc;
}

int board_post_create(db *d, long long community_id, long long board_id, long long author_id, const board_text *t,
		      const case_upload *files, int nfiles, const char *uploads_dir, long long *id)
{
	struct write_arg a = {community_id, board_id, author_id, 0, t, files, NULL, nfiles};
	int rc = write_with_files(d, &a, uploads_dir, create_tx);
	if (rc == MDG_OK)
		*id = a.post_id;
	return rc;
}

int board_post_edit(db *d, long long post_id, long long author_id, const board_text *t, const case_upload *files,
		    int nfiles, const char *uploads_dir)
{
	struct write_arg a = {0, 0, author_id, post_id, t, files, NULL, nfiles};
	return write_with_files(d, &a, uploads_dir, edit_tx);
}

int board_post_delete(db *d, long long post_id)
{
	int rc = db_exec(d, "UPDATE community_posts SET moderation = 'deleted' WHERE id = ? AND moderation <> 'deleted'",
			 DB_ARGS(DB_INT(post_id)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ENOTFOUND;
	/* Out of the search with it. */
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM community_post_search WHERE post_id = ?", DB_ARGS(DB_INT(post_id)));
	return rc;
}

int board_post_pin(db *d, long long post_id, bool pinned)
{
	return db_exec(d, "UPDATE community_posts SET pinned = ? WHERE id = ? AND moderation <> 'deleted'",
		       DB_ARGS(DB_INT(pinned ? 1 : 0), DB_INT(post_id)));
}

int board_post_get(db *d, long long community_id, long long post_id, long long viewer_id, db_result **out)
{
	int rc = db_query(d, out,
			  "SELECT p.id AS id, b.kind AS board, p.title AS title, p.body AS body,"
			  " " SQL_PERSON_AS("a.", SQL_MASKED_NAME("a.name")) " AS author, p.author_id AS author_id, p.author_id = ? AS mine,"
			  " p.pinned AS pinned, p.read_count AS views, p.comment_count AS comments,"
			  " IFNULL(p.link_kind, '') AS link_kind, IFNULL(p.link_key, '') AS link_key,"
			  " p.moderation AS moderation, IFNULL(p.moderation_reason, '') AS reason,"
			  " " SQL_MINUTE("p.created_at") " AS created, IFNULL(" SQL_MINUTE("p.edited_at") ", '') AS edited"
			  " FROM community_posts p JOIN community_boards b ON b.id = p.board_id"
			  " JOIN accounts a ON a.id = p.author_id"
			  " WHERE p.id = ? AND p.community_id = ? AND " SQL_LIST_SEEN,
			  DB_ARGS(DB_INT(viewer_id), DB_INT(post_id), DB_INT(community_id), DB_INT(viewer_id)));
	if (rc == MDG_OK && (*out)->nrows != 1) {
		db_result_free(*out);
		*out = NULL;
		rc = MDG_ENOTFOUND;
	}
	return rc;
}

int board_post_read(db *d, long long post_id, long long account_id)
{
	int rc = db_exec(d, "INSERT IGNORE INTO community_post_reads (post_id, account_id, day) VALUES (?, ?, CURDATE())",
			 DB_ARGS(DB_INT(post_id), DB_INT(account_id)));
	if (rc == MDG_OK && db_affected(d) == 1)
		rc = db_exec(d, "UPDATE community_posts SET read_count = read_count + 1 WHERE id = ?",
			     DB_ARGS(DB_INT(post_id)));
	return rc;
}

int board_posts(db *d, long long board_id, long long viewer_id, long page, db_result **out, long *total)
{
	return db_count_page(d,
			     "SELECT COUNT(*) AS n FROM community_posts p WHERE p.board_id = ? AND " SQL_LIST_SEEN,
			     DB_ARGS(DB_INT(board_id), DB_INT(viewer_id)),
			     "SELECT " SQL_LIST_COLUMNS " FROM community_posts p JOIN accounts a ON a.id = p.author_id"
			     " WHERE p.board_id = ? AND " SQL_LIST_SEEN " ORDER BY p.pinned DESC, p.id DESC LIMIT ? OFFSET ?",
			     DB_ARGS(DB_INT(viewer_id), DB_INT(board_id), DB_INT(viewer_id)), page, BOARD_PAGE_SIZE, out,
			     total);
}

int board_search(db *d, long long community_id, const char *words, long page, db_result **out, long *total)
{
	char *query = case_search_query(words ? words : "");
	int rc;
	if (!query) {
		*total = 0;
		return db_query(d, out, "SELECT 1 AS id FROM DUAL WHERE 0", DB_NO_ARGS);
	}
	rc = db_count_page(
		d,
		"SELECT COUNT(*) AS n FROM community_posts p WHERE p.moderation = 'visible' AND p.id IN"
		" (SELECT post_id FROM community_post_search WHERE community_id = ?"
		"  AND MATCH(title, body) AGAINST(? IN BOOLEAN MODE))",
		DB_ARGS(DB_INT(community_id), DB_STR(query)),
		"SELECT " SQL_LIST_COLUMNS ", b.kind AS board FROM community_posts p JOIN accounts a ON a.id = p.author_id"
		" JOIN community_boards b ON b.id = p.board_id WHERE p.moderation = 'visible' AND p.id IN"
		" (SELECT post_id FROM community_post_search WHERE community_id = ?"
		"  AND MATCH(title, body) AGAINST(? IN BOOLEAN MODE)) ORDER BY p.id DESC LIMIT ? OFFSET ?",
		DB_ARGS(DB_INT(0), DB_INT(community_id), DB_STR(query)), page, BOARD_PAGE_SIZE, out, total);
	free(query);
	return rc;
}

int board_files(db *d, long long post_id, db_result **out)
{
	return db_query(d, out,
			"SELECT f.id AS id, f.original_name AS name, f.mime_type AS type, f.size_bytes AS size,"
			" f.version AS version, f.version = (SELECT MAX(g.version) FROM community_post_files g"
			"  WHERE g.post_id = f.post_id AND g.original_name = f.original_name) AS latest,"
			" f.mime_type LIKE 'image/%' AS image, " SQL_MINUTE("f.created_at") " AS created"
			" FROM community_post_files f WHERE f.post_id = ? ORDER BY f.original_name, f.version DESC",
			DB_ARGS(DB_INT(post_id)));
}

int board_file_open(db *d, long long post_id, long long file_id, const char *uploads_dir, char **path, char **name,
		    char **mime)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT stored_name AS stored, original_name AS name, mime_type AS type"
			  " FROM community_post_files WHERE id = ? AND post_id = ?",
			  DB_ARGS(DB_INT(file_id), DB_INT(post_id)));
	if (rc == MDG_OK && r->nrows != 1)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		*path = case_stored_path(uploads_dir, db_get(r, 0, "stored", ""));
		*name = strdup(db_get(r, 0, "name", "file"));
		*mime = strdup(db_get(r, 0, "type", "application/octet-stream"));
		if (!*path || !*name || !*mime)
			rc = MDG_ERR;
	}
	db_result_free(r);
	return rc;
}

struct comment_arg {
	long long community_id;
	post_new *p;
	long long id;
};

static int comment_tx(db *d, void *arg)
{
	struct comment_arg *a = arg;
	db_result *r = NULL;
	/* Locks the post: its count grows with each comment. */
	int rc = db_query(d, &r,
			  "SELECT id AS id FROM community_posts WHERE id = ? AND community_id = ?"
			  " AND moderation = 'visible' FOR UPDATE",
			  DB_ARGS(DB_INT(a->p->parent_id), DB_INT(a->community_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ECONFLICT;
	db_result_free(r);
	if (rc == MDG_OK)
		rc = post_add(d, a->p, &a->id);
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE community_posts SET comment_count = comment_count + 1 WHERE id = ?",
			     DB_ARGS(DB_INT(a->p->parent_id)));
	if (rc == MDG_OK)
		rc = community_touch(d, a->community_id);
	return rc;
}

int board_comment(db *d, long long community_id, long long post_id, post_new *p, long long *id)
{
	p->parent_kind = "cpost";
	p->parent_id = post_id;
	p->side = NULL;
	struct comment_arg a = {community_id, p, 0};
	int rc = db_transaction(d, comment_tx, &a);
	if (rc == MDG_OK)
		*id = a.id;
	return rc;
}
