/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* debate.c: policy debates: their state by time, opening and editing,
 * sides and their tally, opinions, the closing summary and its notice. */
#include "debates/debate.h"
#include "cases/public_view.h"
#include "core/mdg.h"
#include "core/xalloc.h"
#include "db/page.h"
#include "db/sql.h"
#include "notify/notice.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const state_names[] = {"upcoming", "open", "closed"};
static const char *const side_names[SIDE__COUNT] = {"agree", "disagree", "neutral"};

const char *debate_state_name(enum debate_state s)
{
	return s <= DEBATE_CLOSED ? state_names[s] : "closed";
}

bool debate_state_parse(const char *name, enum debate_state *out)
{
	for (int s = DEBATE_UPCOMING; name && s <= DEBATE_CLOSED; s++)
		if (strcmp(name, state_names[s]) == 0) {
			*out = (enum debate_state)s;
			return true;
		}
	return false;
}

const char *debate_side_name(enum debate_side s)
{
	return s < SIDE__COUNT ? side_names[s] : "neutral";
}

enum debate_state debate_state_at(const char *now, const char *opens, const char *closes)
{
	if (strcmp(now, opens) < 0)
		return DEBATE_UPCOMING;
	return strcmp(now, closes) < 0 ? DEBATE_OPEN : DEBATE_CLOSED;
}

/* n digits of s as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int debate_time_parse(const char *s, char *out)
{
	static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t len = s ? strlen(s) : 0;
	if ((len != 16 && len != 19) || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
	    (len == 19 && s[16] != ':'))
		return MDG_EINVAL;
	int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2), h = digits(s + 11, 2),
	    mi = digits(s + 14, 2), sec = len == 19 ? digits(s + 17, 2) : 0;
	if (y < 2000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 ||
	    sec > 59)
		return MDG_EINVAL;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > month_days[mo - 1] || (mo == 2 && d == 29 && !leap))
		return MDG_EINVAL;
	char text[48];
	snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
	memcpy(out, text, DEBATE_TIME_TEXT); /* the checks above keep it 19 long */
	out[DEBATE_TIME_TEXT - 1] = '\0';
	return MDG_OK;
}

void debate_tally_percent(const long counts[SIDE__COUNT], int pct[SIDE__COUNT])
{
	long total = 0, rest[SIDE__COUNT];
	int given = 0;
	for (int i = 0; i < SIDE__COUNT; i++)
		total += counts[i] > 0 ? counts[i] : 0;
	for (int i = 0; i < SIDE__COUNT; i++) {
		long c = counts[i] > 0 ? counts[i] : 0;
		pct[i] = total ? (int)(c * 100 / total) : 0;
		rest[i] = total ? c * 100 % total : 0;
		given += pct[i];
	}
	/* The points lost to rounding down go to the largest remainders
	 * (the earlier side on a tie), so the bar adds up to 100. */
	while (total && given < 100) {
		int best = 0;
		for (int i = 1; i < SIDE__COUNT; i++)
			if (rest[i] > rest[best])
				best = i;
		pct[best]++;
		rest[best] = -1;
		given++;
	}
}

/* The debate's times and now, selected with these aliases. */
#define SQL_TIMES                                                                                   \
	SQL_SECOND("NOW()") " AS now_at, " SQL_SECOND("opens_at") " AS opens_at, " SQL_SECOND(          \
		"closes_at") " AS closes_at"

static int load(db *d, long long id, bool lock, debate *out)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  lock ? "SELECT department_id, summary_at IS NOT NULL AS summarized, " SQL_TIMES
				 " FROM debates WHERE id = ? FOR UPDATE"
			       : "SELECT department_id, summary_at IS NOT NULL AS summarized, " SQL_TIMES
				 " FROM debates WHERE id = ?",
			  DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		out->id = id;
		out->department_id = db_get_ll(r, 0, "department_id", 0);
		out->summarized = db_get_ll(r, 0, "summarized", 0) != 0;
		out->state = debate_state_at(db_get(r, 0, "now_at", ""), db_get(r, 0, "opens_at", ""),
					     db_get(r, 0, "closes_at", ""));
	}
	db_result_free(r);
	return rc;
}

int debate_load(db *d, long long id, debate *out)
{
	return load(d, id, false, out);
}

/* The checks debate_create and debate_edit share: the times in order and
 * closing in the future, the department there. */
static int check_input(db *d, const debate_input *in)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT (SELECT COUNT(*) FROM departments WHERE id = ?) AS dept,"
			  " ? > ? AND ? > NOW() AS times_ok",
			  DB_ARGS(DB_INT(in->department_id), DB_STR(in->closes_at), DB_STR(in->opens_at),
				  DB_STR(in->closes_at)));
	if (rc == MDG_OK && (db_get_ll(r, 0, "dept", 0) == 0 || db_get_ll(r, 0, "times_ok", 0) == 0))
		rc = MDG_EINVAL;
	db_result_free(r);
	return rc;
}

/* The rows of in's files on debate id, on the caller's transaction: the
 * files were moved under stored[] before it (it may run again: they are
 * moved once). */
static int attach_rows(db *d, long long id, const debate_input *in, char stored[][33])
{
	int rc = MDG_OK;
	for (int i = 0; rc == MDG_OK && i < in->nfiles; i++)
		rc = db_exec(d,
			     "INSERT INTO debate_attachments (debate_id, stored_name, original_name, mime_type,"
			     " size_bytes, created_at) VALUES (?, ?, ?, ?, ?, NOW())",
			     DB_ARGS(DB_INT(id), DB_STR(stored[i]),
				     DB_STR(in->files[i].up->filename[0] ? in->files[i].up->filename : "file"),
				     DB_STR(in->files[i].mime_type), DB_INT((long long)in->files[i].up->size)));
	return rc;
}

/* Debate id, in its transaction: *cur loaded (locked when lock), in
 * state want, else MDG_ECONFLICT (not a lock conflict: not run again). */
static int in_state(db *d, long long id, enum debate_state want, bool lock, debate *cur)
{
	int rc = load(d, id, lock, cur);
	if (rc == MDG_OK && cur->state != want)
		rc = MDG_ECONFLICT;
	return rc;
}

static int audit_debate(db *d, const actor *who, long long id, const char *action, const char *detail)
{
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	return audit_write(d, who, "debate", idbuf, action, detail);
}

/* One change of a debate: the arguments of the functions below, and what
 * they answer, for their transactions (debate_change). */
struct change {
	int (*body)(db *d, struct change *t);
	const actor *who;
	long long id;
	const debate_input *in;
	char (*stored)[33];
	const post_new *p;
	long long post_id, attachment_id;
	const char *summary, *action;
	char *stored_name; /* debate_detach: the file to remove once committed */
};

/* The transaction of a change (db_transaction). */
static int change_tx(db *d, void *arg)
{
	struct change *t = arg;
	return t->body(d, t);
}

/* Runs t->body as one transaction. After the commit of a change of a
 * debate (the home page and /stats show them): the hook of what keeps
 * copies of public pages (0: pages of many items). */
static int debate_change(db *d, struct change *t)
{
	int rc = db_transaction(d, change_tx, t);
	if (rc == MDG_OK)
		case_public_changed(d, 0);
	return rc;
}

/* Saves a debate with its files: moved into place first, removed again
 * if the transaction fails. */
static int change_saved(db *d, struct change *t)
{
	char *moved[DEBATE_FILES_MAX] = {0};
	char stored[DEBATE_FILES_MAX][33];
	if (t->in->nfiles > DEBATE_FILES_MAX)
		return MDG_ETOOBIG;
	t->stored = stored;
	int rc = case_store_uploads(t->in->uploads_dir, t->in->files, t->in->nfiles, stored, moved);
	if (rc == MDG_OK)
		rc = debate_change(d, t);
	case_release_uploads(moved, t->in->nfiles, rc != MDG_OK);
	t->stored = NULL;
	return rc;
}

static int create_body(db *d, struct change *t)
{
	const debate_input *in = t->in;
	t->id = 0;
	int rc = check_input(d, in);
	if (rc == MDG_OK)
		rc = db_exec(d,
			     "INSERT INTO debates (title, background, department_id, opens_at, closes_at, created_by,"
			     " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NOW(), NOW())",
			     DB_ARGS(DB_STR(in->title), DB_STR(in->background), DB_INT(in->department_id),
				     DB_STR(in->opens_at), DB_STR(in->closes_at), DB_INT(t->who->account_id)));
	if (rc == MDG_OK)
		t->id = (long long)db_insert_id(d);
	if (rc == MDG_OK)
		rc = audit_debate(d, t->who, t->id, "create", in->title);
	if (rc == MDG_OK)
		rc = attach_rows(d, t->id, in, t->stored);
	return rc;
}

int debate_create(db *d, const actor *who, const debate_input *in, long long *id)
{
	struct change t = {.body = create_body, .who = who, .in = in};
	int rc = change_saved(d, &t);
	*id = rc == MDG_OK ? t.id : 0;
	return rc;
}

static int edit_body(db *d, struct change *t)
{
	const debate_input *in = t->in;
	debate cur;
	int rc = in_state(d, t->id, DEBATE_UPCOMING, true, &cur);
	if (rc == MDG_OK)
		rc = check_input(d, in);
	if (rc == MDG_OK)
		rc = db_exec(d,
			     "UPDATE debates SET title = ?, background = ?, department_id = ?, opens_at = ?,"
			     " closes_at = ?, updated_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_STR(in->title), DB_STR(in->background), DB_INT(in->department_id),
				     DB_STR(in->opens_at), DB_STR(in->closes_at), DB_INT(t->id)));
	if (rc == MDG_OK)
		rc = audit_debate(d, t->who, t->id, "update", in->title);
	if (rc == MDG_OK)
		rc = attach_rows(d, t->id, in, t->stored);
	return rc;
}

int debate_edit(db *d, const actor *who, long long id, const debate_input *in)
{
	struct change t = {.body = edit_body, .who = who, .id = id, .in = in};
	return change_saved(d, &t);
}

int debate_get(db *d, long long id, const char *lang, db_result **out)
{
	int rc = db_query(d, out,
			  "SELECT b.id AS id, b.title AS title, b.background AS background,"
			  " b.department_id AS department_id, " SQL_NAME_IN("g.") " AS department,"
			  " " SQL_MINUTE("b.opens_at") " AS opens, " SQL_MINUTE("b.closes_at") " AS closes,"
			  " DATE_FORMAT(b.opens_at, '%Y-%m-%dT%H:%i') AS opens_input,"
			  " DATE_FORMAT(b.closes_at, '%Y-%m-%dT%H:%i') AS closes_input,"
			  " IFNULL(b.summary, '') AS summary, IFNULL(b.action, '') AS action,"
			  " IFNULL(" SQL_MINUTE("b.summary_at") ", '') AS summary_at,"
			  " b.summary_at IS NOT NULL AS summarized"
			  " FROM debates b JOIN departments g ON g.id = b.department_id WHERE b.id = ?",
			  DB_ARGS(DB_STR(lang), DB_INT(id)));
	if (rc == MDG_OK && (*out)->nrows == 0) {
		db_result_free(*out);
		*out = NULL;
		rc = MDG_ENOTFOUND;
	}
	return rc;
}

int debate_attachments(db *d, long long id, db_result **out)
{
	return db_query(d, out,
			"SELECT id AS id, original_name AS name, mime_type AS type, size_bytes AS size"
			" FROM debate_attachments WHERE debate_id = ? ORDER BY id",
			DB_ARGS(DB_INT(id)));
}

int debate_attachment_open(db *d, long long attachment_id, const char *uploads_dir, char **path, char **name,
			   char **mime)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT stored_name AS stored, original_name AS name, mime_type AS type"
			  " FROM debate_attachments WHERE id = ?",
			  DB_ARGS(DB_INT(attachment_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		*path = case_stored_path(uploads_dir, db_get(r, 0, "stored", ""));
		*name = xstrdup(db_get(r, 0, "name", "file"));
		*mime = xstrdup(db_get(r, 0, "type", "application/octet-stream"));
	}
	db_result_free(r);
	return rc;
}

static int detach_body(db *d, struct change *t)
{
	db_result *r = NULL;
	debate cur;
	free(t->stored_name);
	t->stored_name = NULL;
	int rc = in_state(d, t->id, DEBATE_UPCOMING, true, &cur);
	if (rc == MDG_OK)
		rc = db_query(d, &r, "SELECT stored_name AS stored, original_name AS name FROM debate_attachments"
				     " WHERE id = ? AND debate_id = ?",
			      DB_ARGS(DB_INT(t->attachment_id), DB_INT(t->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM debate_attachments WHERE id = ?", DB_ARGS(DB_INT(t->attachment_id)));
	if (rc == MDG_OK)
		rc = audit_debate(d, t->who, t->id, "detach", db_get(r, 0, "name", ""));
	if (rc == MDG_OK)
		t->stored_name = xstrdup(db_get(r, 0, "stored", ""));
	db_result_free(r);
	return rc;
}

int debate_detach(db *d, const actor *who, long long id, long long attachment_id, const char *uploads_dir)
{
	struct change t = {.body = detach_body, .who = who, .id = id, .attachment_id = attachment_id};
	int rc = debate_change(d, &t);
	/* Only once the row is gone for good: a rollback keeps the file. */
	if (rc == MDG_OK) {
		char *path = case_stored_path(uploads_dir, t.stored_name);
		unlink(path);
		free(path);
	}
	free(t.stored_name);
	return rc;
}

/* The list's queries by state (each a literal: prepared statements are
 * cached by their text). dept_ids comes from perm_departments (digits and
 * commas), bound as one string through FIND_IN_SET; NULL: every one. */
#define LIST_SCOPE DEBATE_LIST_SCOPE
#define LIST_COUNT(where) "SELECT COUNT(*) AS n FROM debates b WHERE " where LIST_SCOPE
#define LIST_ROWS DEBATE_LIST_ROWS
#define WHERE_UPCOMING "b.opens_at > NOW()"
#define WHERE_OPEN DEBATE_WHERE_OPEN
#define WHERE_CLOSED "b.closes_at <= NOW()"
static const char *const list_count[] = {
	LIST_COUNT(WHERE_UPCOMING),
	LIST_COUNT(WHERE_OPEN),
	LIST_COUNT(WHERE_CLOSED),
};
static const char *const list_rows[] = {
	LIST_ROWS(WHERE_UPCOMING, "b.opens_at, b.id"),
	LIST_ROWS(WHERE_OPEN, "b.closes_at, b.id"),
	LIST_ROWS(WHERE_CLOSED, "b.closes_at DESC, b.id DESC"),
};

int debate_list(db *d, enum debate_state state, const char *lang, const char *dept_ids, long page, long page_size,
		db_result **out, long *total)
{
	db_result *n = NULL;
	long long offset = (long long)(page > 0 ? page - 1 : 0) * page_size;
	if (state > DEBATE_CLOSED)
		return MDG_EINVAL;
	int rc = db_query(d, &n, list_count[state], DB_ARGS(DB_STR(dept_ids), DB_STR(dept_ids)));
	if (rc == MDG_OK)
		*total = (long)db_get_ll(n, 0, "n", 0);
	db_result_free(n);
	if (rc != MDG_OK)
		return rc;
	return db_query(d, out, list_rows[state],
			DB_ARGS(DB_STR(lang), DB_STR(dept_ids), DB_STR(dept_ids), DB_INT(page_size), DB_INT(offset)));
}

int debate_side_of(db *d, long long id, long long account_id, char *side)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT side FROM debate_sides WHERE debate_id = ? AND account_id = ?",
			  DB_ARGS(DB_INT(id), DB_INT(account_id)));
	if (rc == MDG_OK)
		snprintf(side, 16, "%s", r->nrows ? db_get(r, 0, "side", "") : "");
	db_result_free(r);
	return rc;
}

/* Takes side for account_id on the caller's transaction; keep_old: an
 * existing side stays (an opinion does not change one's side). */
static int put_side(db *d, long long id, long long account_id, const char *side, bool keep_old)
{
	return db_exec(d,
		       keep_old ? "INSERT IGNORE INTO debate_sides (debate_id, account_id, side, changed_at)"
				  " VALUES (?, ?, ?, NOW())"
				: "INSERT INTO debate_sides (debate_id, account_id, side, changed_at) VALUES (?, ?, ?, NOW())"
				  " ON DUPLICATE KEY UPDATE side = VALUES(side), changed_at = VALUES(changed_at)",
		       DB_ARGS(DB_INT(id), DB_INT(account_id), DB_STR(side)));
}

int debate_take_side(db *d, long long id, long long account_id, const char *side)
{
	debate cur;
	if (!post_side_valid(side))
		return MDG_EINVAL;
	int rc = load(d, id, false, &cur);
	if (rc == MDG_OK && cur.state != DEBATE_OPEN)
		rc = MDG_ECONFLICT;
	if (rc == MDG_OK)
		rc = put_side(d, id, account_id, side, false);
	return rc;
}

int debate_tally(db *d, long long id, long counts[SIDE__COUNT])
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT SUM(side = 'agree') AS agree, SUM(side = 'disagree') AS disagree,"
			  " SUM(side = 'neutral') AS neutral FROM debate_sides WHERE debate_id = ?",
			  DB_ARGS(DB_INT(id)));
	for (int i = 0; i < SIDE__COUNT; i++)
		counts[i] = rc == MDG_OK ? (long)db_get_ll(r, 0, side_names[i], 0) : 0;
	db_result_free(r);
	return rc;
}

static int opinion_body(db *d, struct change *t)
{
	const post_new *p = t->p;
	debate cur;
	t->post_id = 0;
	/* Not locked: opinions on one debate need not wait for each other. */
	int rc = in_state(d, t->id, DEBATE_OPEN, false, &cur);
	if (rc == MDG_OK && !p->reply_to && !post_side_valid(p->side))
		rc = MDG_EINVAL;
	if (rc == MDG_OK)
		rc = post_add(d, p, &t->post_id);
	/* Writing an opinion counts its author on its side, unless they
	 * already took one. */
	if (rc == MDG_OK && !p->reply_to)
		rc = put_side(d, t->id, p->author_id, p->side, true);
	return rc;
}

int debate_opinion(db *d, long long id, const post_new *p, long long *post_id)
{
	struct change t = {.body = opinion_body, .id = id, .p = p};
	int rc = debate_change(d, &t);
	if (rc == MDG_OK)
		*post_id = t.post_id;
	return rc;
}

int debate_posts_mine(db *d, long long account_id, db_result **out, long *total)
{
	return db_count_page(d, "SELECT COUNT(*) AS n FROM posts WHERE author_id = ? AND parent_kind = 'debate'",
			     DB_ARGS(DB_INT(account_id)),
			     "SELECT p.id AS id, b.id AS debate_id, b.title AS debate, p.body AS body,"
			     " IFNULL(p.side, '') AS side, p.reply_to IS NOT NULL AS reply, p.moderation AS moderation,"
			     " p.recommend_count AS recommends, " SQL_MINUTE("p.created_at") " AS created"
			     " FROM posts p JOIN debates b ON b.id = p.parent_id"
			     " WHERE p.author_id = ? AND p.parent_kind = 'debate' ORDER BY p.id DESC LIMIT ? OFFSET ?",
			     DB_ARGS(DB_INT(account_id)), 1, DEBATE_MINE_SIZE, out, total);
}

/* Tells every participant of debate id (a side taken or a post written)
 * that its summary is out; one notice each (the idempotency key). */
static int tell_participants(db *d, long long id)
{
	db_result *who = NULL, *b = NULL;
	json_t *payload = NULL;
	char link[40], key[64];
	int rc = db_query(d, &b, "SELECT title FROM debates WHERE id = ?", DB_ARGS(DB_INT(id)));
	if (rc == MDG_OK)
		rc = db_query(d, &who,
			      "SELECT account_id AS id FROM debate_sides WHERE debate_id = ?"
			      " UNION SELECT author_id FROM posts WHERE parent_kind = 'debate' AND parent_id = ?",
			      DB_ARGS(DB_INT(id), DB_INT(id)));
	if (rc != MDG_OK)
		goto done;
	snprintf(link, sizeof link, "/debates/%lld", id);
	payload = json_pack("{s:s,s:s}", "title", db_get(b, 0, "title", ""), "link", link);
	if (!payload) {
		rc = MDG_ERR;
		goto done;
	}
	for (unsigned i = 0; rc == MDG_OK && i < who->nrows; i++) {
		long long account_id = db_get_ll(who, i, "id", 0);
		snprintf(key, sizeof key, "debate_summary:%lld:%lld", id, account_id);
		rc = notice_account(d, account_id, NOTICE_DEBATE_SUMMARY, payload, key);
	}
done:
	json_decref(payload);
	db_result_free(who);
	db_result_free(b);
	return rc;
}

static int summarize_body(db *d, struct change *t)
{
	debate cur;
	int rc = in_state(d, t->id, DEBATE_CLOSED, true, &cur);
	if (rc == MDG_OK)
		rc = db_exec(d,
			     "UPDATE debates SET summary = ?, action = ?, summary_at = IFNULL(summary_at, NOW()),"
			     " summary_by = ?, updated_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_STR(t->summary), DB_STR(t->action), DB_INT(t->who->account_id), DB_INT(t->id)));
	if (rc == MDG_OK)
		rc = audit_debate(d, t->who, t->id, cur.summarized ? "summary_edit" : "summary", NULL);
	if (rc == MDG_OK && !cur.summarized)
		rc = tell_participants(d, t->id);
	return rc;
}

int debate_summarize(db *d, const actor *who, long long id, const char *summary, const char *action)
{
	struct change t = {.body = summarize_body, .who = who, .id = id, .summary = summary, .action = action};
	return debate_change(d, &t);
}
