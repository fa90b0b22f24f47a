/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_boards.c: a community's boards (issue 14 section 2): a board's
 * list (pinned first, paged) and the community's search, writing a post
 * with files (a gallery's images, a files board's documents with their
 * versions), a post's page with its files, link card and comments,
 * editing and deleting by the author (a post, a comment), deleting and
 * pinning by managers.
 *
 * Every handler asks community_access_get first: a community the reader
 * may not read is not there (404), by URL too. Writing passes the gates
 * of every public text (restriction, throttle, word filter). */
#include "web.h"
#include "communities/board.h"
#include "core/log.h"
#include "core/mdg.h"
#include "moderation/moderation.h"
#include "posts/post.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const field_spec post_fields[] = {
	{"title", FIELD_LINE, true, BOARD_TITLE_MAX, 0, 0},
	{"body", FIELD_TEXT, true, BOARD_BODY_MAX, 0, 0},
	{"link_kind", FIELD_LINE, false, 10, 0, 0},
	{"link_key", FIELD_LINE, false, BOARD_LINK_KEY_MAX, 0, 0},
};

static const web_done post_done[] = {
	{"created", "BoardPosted"},   {"held", "BoardHeld"},       {"edited", "BoardEdited"},
	{"pinned", "BoardPinned"},    {"unpinned", "BoardUnpinned"}, {"comment", "ProposalCommented"},
	{"reply", "ProposalReplied"}, {"comment_held", "ProposalCommentHeld"},
	{"comment_edited", "CommentEdited"}, {"comment_edit_held", "ProposalCommentHeld"},
	{"comment_deleted", "CommentDeleted"},
};

static const web_done board_done[] = {
	{"deleted", "BoardDeleted"},
};

/* The route's capture i as an id; 0 when it is none. */
static long long param_id(const web *w, int i)
{
	const char *s = w->r->params[i];
	char *end = NULL;
	long long id = s && *s ? strtoll(s, &end, 10) : 0;
	return end && !*end && id > 0 && id <= FORM_ID_MAX ? id : 0;
}

/* The community of the route's {slug} as the reader may see it:
 * MDG_ENOTFOUND when they may not read it. Community.* and Boards.* for
 * the page. */
static int load_community(web *w, community_access *acc)
{
	db_result *r = NULL, *kinds = NULL;
	int rc = web_community_readable(w, acc);
	if (rc == MDG_OK)
		rc = board_community(w->app->db, acc->id, &r);
	if (rc == MDG_OK && r->nrows != 1)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = board_kinds(w->app->db, acc->id, &kinds);
	if (rc == MDG_OK) {
		db_row_hdf(r, 0, w->hdf, "Community");
		hdf_set_value(w->hdf, "Page.BoardCss", "1");
		db_rows_hdf(kinds, w->hdf, "Boards");
		if (acc->may_manage)
			hdf_set_value(w->hdf, "Community.manager", "1");
	}
	db_result_free(r);
	db_result_free(kinds);
	return rc;
}

/* The community of the route's {slug} (load_community) and its board of
 * the route's {kind}: MDG_ENOTFOUND when the community has none. */
static int load_board(web *w, community_access *acc, enum community_board *kind, long long *board_id)
{
	int rc = load_community(w, acc);
	if (rc != MDG_OK)
		return rc;
	if (!community_board_parse(w->r->params[1], kind))
		return MDG_ENOTFOUND;
	rc = board_find(w->app->db, acc->id, *kind, board_id);
	if (rc == MDG_OK)
		hdf_set_value(w->hdf, "Board.kind", community_board_name(*kind));
	return rc;
}

/* Whether the reader may write on a board of kind: an active member of
 * an active community, not restricted; on the notice board a manager. */
static bool may_write(const community_access *acc, enum community_board kind)
{
	return acc->may_post && (kind != BOARD_NOTICE || acc->may_manage);
}

int page_board(web *w)
{
	community_access acc;
	enum community_board kind;
	long long board_id = 0;
	long page = 1, total = 0;
	db_result *rows = NULL;
	const char *q = kv_get(&w->r->query, "q");
	int rc = load_board(w, &acc, &kind, &board_id);
	if (rc == MDG_OK)
		rc = web_page_number(w, &page);
	if (rc != MDG_OK)
		return rc;
	web_flash_done(w, board_done, MDG_ARRAY_LEN(board_done));
	if (q && *q) {
		/* The search covers the whole community, every board. */
		hdf_set_value(w->hdf, "Search.q", q);
		rc = board_search(w->app->db, acc.id, q, page, &rows, &total);
	} else
		rc = board_posts(w->app->db, board_id, w->signed_in ? w->me.id : 0, page, &rows, &total);
	if (rc == MDG_OK) {
		db_rows_hdf(rows, w->hdf, "Posts");
		web_set(w, "Board.total", "%ld", total);
		web_pager(w, page, total, BOARD_PAGE_SIZE);
		if (may_write(&acc, kind))
			hdf_set_value(w->hdf, "Can.post", "1");
		web_page(w, "boards/board.cs", "Board");
	}
	db_result_free(rows);
	return rc;
}

/* The writing form of a new post on the board (edit_id 0), or of the
 * edit of post edit_id, as Form.* holds it. */
static int show_form(web *w, long long edit_id, int status)
{
	int rc = web_restriction_fill(w);
	if (rc != MDG_OK)
		return rc;
	if (edit_id)
		web_set(w, "Edit.id", "%lld", edit_id);
	w->r->status = status;
	web_page(w, "boards/form.cs", edit_id ? "BoardEdit" : "BoardNew");
	return MDG_OK;
}

int page_board_form(web *w)
{
	community_access acc;
	enum community_board kind;
	long long board_id = 0;
	int rc = load_board(w, &acc, &kind, &board_id);
	if (rc != MDG_OK)
		return rc;
	if (!may_write(&acc, kind))
		return MDG_EDENIED;
	return show_form(w, 0, 200);
}

/* Validates the writing form into f and t, files[] the uploads each
 * allowed on a board of kind, and the link (a public item, or none). */
static int read_form(web *w, enum community_board kind, form *f, board_text *t, case_upload *files, int *nfiles)
{
	form_validate(w, post_fields, MDG_ARRAY_LEN(post_fields), f);
	*nfiles = web_uploads(w, f, files, BOARD_FILES_MAX);
	for (int i = 0; i < *nfiles; i++)
		if (!board_file_allowed(kind, files[i].mime_type)) {
			form_fail(f, "attachments", kind == BOARD_GALLERY ? "board_images_only" : "board_documents_only");
			hdf_set_value(w->hdf, "Form.BadFile", files[i].up->filename);
			*nfiles = i;
			break;
		}
	const char *link_kind = form_text(f, "link_kind"), *link_key = form_text(f, "link_key");
	*t = (board_text){
		.title = form_text(f, "title"),
		.body = form_text(f, "body"),
		.link_kind = *link_kind && *link_key ? link_kind : NULL,
		.link_key = *link_kind && *link_key ? link_key : NULL,
	};
	if (!t->link_kind || form_err(f, "link_key"))
		return MDG_OK;
	int rc = board_link_check(w->app->db, t->link_kind, t->link_key);
	if (rc == MDG_EINVAL || rc == MDG_ENOTFOUND) {
		form_fail(f, "link_key", "board_link");
		rc = MDG_OK;
	}
	return rc;
}

/* post_new / board_text in_tx of a text the word filter holds. */
static int hold_text(db *d, long long id, void *arg)
{
	return web_moderation_hold(d, arg, id);
}

/* The gates on t (kind "cpost" for a post, "post" for a comment): the
 * throttle and the word filter (t's texts masked, a hold by t->in_tx).
 * *refused a key under L.Msg when refused, with *status. */
static int gate_text(web *w, const char **title, const char **body, web_moderation *m, const char **refused,
		     int *status)
{
	*refused = NULL;
	int rc = web_moderate(w, title ? "cpost" : "post", w->me.id, title, body, m);
	if (rc == MDG_ETHROTTLED) {
		*refused = "CommentThrottled";
		*status = 429;
		return MDG_OK;
	}
	return rc;
}

/* Writes the form's post on the board of kind (board_id) of the
 * community, or saves its author's edit of post edit_id: the gates, then
 * the post page, or the form again with what was wrong. */
static int save_post(web *w, const community_access *acc, enum community_board kind, long long board_id,
		     long long edit_id)
{
	case_upload files[BOARD_FILES_MAX];
	int nfiles = 0, status = 400;
	long long id = edit_id;
	board_text t;
	form f;
	web_moderation mod;
	const char *refused = NULL;
	memset(&mod, 0, sizeof mod);
	if (edit_id ? !acc->may_post : !may_write(acc, kind)) {
		web_flash_error(w, "BoardCannotPost");
		return show_form(w, edit_id, 403);
	}
	int rc = read_form(w, kind, &f, &t, files, &nfiles);
	if (rc == MDG_OK && f.errors == 0)
		rc = gate_text(w, &t.title, &t.body, &mod, &refused, &status);
	/* A new post's place: the community's post page. */
	char at[IDEM_LOCATION_MAX + 1];
	snprintf(at, sizeof at, "/c/%s/posts/", acc->slug);
	idem_key idem = {0};
	bool replayed = rc == MDG_OK && f.errors == 0 && !refused && !edit_id &&
			web_idem_start(w, &idem, at, NULL, mod.held ? "?done=held" : "?done=created", &rc);
	if (rc == MDG_OK && f.errors == 0 && !refused && !replayed) {
		t.in_tx = mod.held ? hold_text : NULL;
		t.in_tx_arg = &mod;
		rc = edit_id ? board_post_edit(w->app->db, edit_id, w->me.id, &t, files, nfiles, w->app->uploads)
			     : board_post_create(w->app->db, acc->id, board_id, w->me.id, &t, files, nfiles,
						 w->app->uploads, &id);
		replayed = web_idem_raced(w, &idem, rc);
		rc = replayed ? MDG_OK : rc;
		if (rc == MDG_ETOOBIG) {
			form_fail(&f, "attachments", "too_many_files");
			rc = MDG_OK;
		}
	}
	bool held = mod.held;
	web_moderation_free(&mod);
	if (rc != MDG_OK || replayed)
		return rc;
	if (refused) {
		web_flash_error(w, refused);
		return show_form(w, edit_id, status);
	}
	if (f.errors)
		return show_form(w, edit_id, 400);
	log_info("community %lld: post %lld %s", acc->id, id, edit_id ? "edited" : "written");
	web_redirect(w, "/c/%s/posts/%lld?done=%s", acc->slug, id, held ? "held" : edit_id ? "edited" : "created");
	return MDG_OK;
}

int page_board_create(web *w)
{
	community_access acc;
	enum community_board kind;
	long long board_id = 0;
	int rc = load_board(w, &acc, &kind, &board_id);
	return rc == MDG_OK ? save_post(w, &acc, kind, board_id, 0) : rc;
}

/* Post id of the route in the community into Post.*, *out keeping the
 * row when out. */
static int load_post(web *w, const community_access *acc, long long id, db_result **out)
{
	db_result *r = NULL;
	int rc = id ? board_post_get(w->app->db, acc->id, id, w->signed_in ? w->me.id : 0, &r) : MDG_ENOTFOUND;
	if (rc != MDG_OK)
		return rc;
	db_row_hdf(r, 0, w->hdf, "Post");
	if (out)
		*out = r;
	else
		db_result_free(r);
	return MDG_OK;
}

/* The post page of id with status: the post, its files, the card of its
 * link, a page of its comments; a comment form sent back keeps its
 * Form.* and errors. */
static int show_post(web *w, const community_access *acc, long long id, int status)
{
	db_result *r = NULL, *files = NULL, *card = NULL;
	long page = 1;
	int rc = load_post(w, acc, id, &r);
	if (rc == MDG_OK)
		rc = web_page_number(w, &page);
	if (rc != MDG_OK)
		goto done;
	bool visible = strcmp(db_get(r, 0, "moderation", ""), "visible") == 0;
	bool mine = db_get_ll(r, 0, "mine", 0) == 1;
	/* Read once a day per reader; the author's own reads do not count. */
	if (w->signed_in && !mine && visible && status == 200)
		rc = board_post_read(w->app->db, id, w->me.id);
	if (rc == MDG_OK)
		rc = board_files(w->app->db, id, &files);
	if (rc == MDG_OK && *db_get(r, 0, "link_kind", ""))
		rc = board_link_card(w->app->db, db_get(r, 0, "link_kind", ""), db_get(r, 0, "link_key", ""), &card);
	if (rc == MDG_OK)
		rc = web_post_thread(w, "cpost", id, page, "Comments");
	if (rc == MDG_OK && w->signed_in)
		rc = web_restriction_fill(w);
	if (rc != MDG_OK)
		goto done;
	/* Its author edits (while they may post) and deletes their comment:
	 * the forms post under this address. */
	if (w->signed_in)
		web_set(w, "CommentEdit.base", "/c/%s/posts/%lld/comments", acc->slug, id);
	if (acc->may_post)
		hdf_set_value(w->hdf, "CommentEdit.may_edit", "1");
	db_rows_hdf(files, w->hdf, "Files");
	if (card && card->nrows)
		db_row_hdf(card, 0, w->hdf, "Card");
	hdf_set_value(w->hdf, "Page.DebateCss", "1");
	if (visible && acc->may_post)
		hdf_set_value(w->hdf, "Can.comment", "1");
	if (mine && visible)
		hdf_set_value(w->hdf, "Can.edit", "1");
	if (mine || acc->may_manage)
		hdf_set_value(w->hdf, "Can.delete", "1");
	if (acc->may_manage && visible)
		hdf_set_value(w->hdf, "Can.pin", "1");
	/* Whoever reads the post reports it and its comments (moderation's
	 * kinds 'cpost' and 'post'): in a members-only community, only its
	 * members read it. */
	if (w->signed_in && !mine && visible)
		hdf_set_value(w->hdf, "Can.report", "1");
	w->r->status = status;
	web_page(w, "boards/post.cs", "BoardPost");
done:
	db_result_free(r);
	db_result_free(files);
	db_result_free(card);
	return rc;
}

int page_cpost(web *w)
{
	community_access acc;
	int rc = load_community(w, &acc);
	if (rc != MDG_OK)
		return rc;
	web_notice_opened(w);
	web_flash_done(w, post_done, MDG_ARRAY_LEN(post_done));
	return show_post(w, &acc, param_id(w, 1), 200);
}

int page_cpost_comment(web *w)
{
	static const field_spec fields[] = {
		{"body", FIELD_TEXT, true, POST_BODY_MAX, 0, 0},
		{"reply_to", FIELD_ID, false, 0, 0, 0},
	};
	community_access acc;
	long long id = param_id(w, 1), comment_id = 0;
	const char *refused = NULL;
	int status = 400;
	form f;
	int rc = load_community(w, &acc);
	if (rc != MDG_OK)
		return rc;
	if (!id)
		return MDG_ENOTFOUND;
	if (!acc.may_post) {
		web_flash_error(w, "BoardCannotPost");
		return show_post(w, &acc, id, 403);
	}
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0) {
		web_flash_error(w, "ProposalFixComment");
		return show_post(w, &acc, id, 400);
	}
	long long reply_to = form_num(&f, "reply_to");
	web_moderation mod;
	const char *body = form_text(&f, "body");
	rc = gate_text(w, NULL, &body, &mod, &refused, &status);
	post_new p = {
		.reply_to = reply_to,
		.author_id = w->me.id,
		.body = body,
		.in_tx = hold_text,
		.in_tx_arg = &mod,
	};
	char at[IDEM_LOCATION_MAX + 1];
	snprintf(at, sizeof at, "/c/%s/posts/%lld?done=%s#post-", acc.slug, id,
		 mod.held ? "comment_held" : reply_to ? "reply" : "comment");
	idem_key idem;
	bool replayed = rc == MDG_OK && !refused && web_idem_start(w, &idem, at, NULL, NULL, &rc);
	if (rc == MDG_OK && !refused && !replayed) {
		rc = board_comment(w->app->db, acc.id, id, &p, &comment_id);
		replayed = web_idem_raced(w, &idem, rc);
		rc = replayed ? MDG_OK : rc;
	}
	bool held = mod.held;
	web_moderation_free(&mod);
	if (replayed)
		return rc;
	if (refused) {
		web_flash_error(w, refused);
		return show_post(w, &acc, id, status);
	}
	if (rc == MDG_ECONFLICT)
		return MDG_ENOTFOUND;
	if (rc == MDG_ENOTFOUND && reply_to) {
		web_flash_error(w, "CommentNoSuchComment");
		return show_post(w, &acc, id, 404);
	}
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/c/%s/posts/%lld?done=%s#post-%lld", acc.slug, id,
		     held ? "comment_held" : reply_to ? "reply" : "comment", comment_id);
	return MDG_OK;
}

/* The post of the route ({id}) as the reader sees it and its comment
 * ({comment}) by the reader: p with that post as parent and the reader
 * as author, *comment_id. MDG_ENOTFOUND when they may not read the post;
 * whether they wrote the comment is lib/posts' check, in its
 * transaction. */
static int load_own_comment(web *w, community_access *acc, post_new *p, long long *comment_id)
{
	*p = (post_new){.parent_kind = "cpost", .parent_id = param_id(w, 1), .author_id = w->me.id};
	*comment_id = param_id(w, 2);
	int rc = load_community(w, acc);
	if (rc == MDG_OK)
		rc = load_post(w, acc, p->parent_id, NULL);
	if (rc == MDG_OK && !*comment_id)
		rc = MDG_ENOTFOUND;
	return rc;
}

int page_cpost_comment_edit(web *w)
{
	static const field_spec fields[] = {
		{"text", FIELD_TEXT, true, POST_BODY_MAX, 0, 0},
	};
	community_access acc;
	post_new p;
	long long id = 0, parent = 0, author = 0;
	const char *refused = NULL;
	int status = 400;
	form f;
	char kind[16];
	int rc = load_own_comment(w, &acc, &p, &id);
	/* Someone else's comment, or one out of sight, before any gate
	 * counts the attempt. */
	if (rc == MDG_OK)
		rc = post_parent(w->app->db, id, kind, &parent, &author);
	if (rc == MDG_OK && (strcmp(kind, p.parent_kind) != 0 || parent != p.parent_id || author != w->me.id))
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		return rc;
	web_set(w, "Form.edit_id", "%lld", id);
	if (!acc.may_post) {
		web_flash_error(w, "BoardCannotPost");
		return show_post(w, &acc, p.parent_id, 403);
	}
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0) {
		web_flash_error(w, "ProposalFixComment");
		return show_post(w, &acc, p.parent_id, 400);
	}
	/* The gates of a new comment: the throttle, the word filter. */
	web_moderation mod;
	p.body = form_text(&f, "text");
	rc = gate_text(w, NULL, &p.body, &mod, &refused, &status);
	p.in_tx = hold_text;
	p.in_tx_arg = &mod;
	if (rc == MDG_OK && !refused)
		rc = post_edit(w->app->db, id, &p);
	bool held = mod.held;
	web_moderation_free(&mod);
	if (refused) {
		web_flash_error(w, refused);
		return show_post(w, &acc, p.parent_id, status);
	}
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/c/%s/posts/%lld?done=%s#post-%lld", acc.slug, p.parent_id,
		     held ? "comment_edit_held" : "comment_edited", id);
	return MDG_OK;
}

int page_cpost_comment_delete(web *w)
{
	community_access acc;
	post_new p;
	long long id = 0;
	int rc = load_own_comment(w, &acc, &p, &id);
	if (rc == MDG_OK)
		rc = post_delete_own(w->app->db, p.parent_kind, p.parent_id, id, w->me.id);
	if (rc != MDG_OK)
		return rc;
	log_info("community %lld: comment %lld deleted by its author", acc.id, id);
	web_redirect(w, "/c/%s/posts/%lld?done=comment_deleted#post-%lld", acc.slug, p.parent_id, id);
	return MDG_OK;
}

/* The post of the route for its author to change: *kind its board's.
 * MDG_ENOTFOUND for anyone else and for a post out of sight. */
static int load_own_post(web *w, community_access *acc, enum community_board *kind, db_result **r)
{
	int rc = load_community(w, acc);
	if (rc == MDG_OK)
		rc = load_post(w, acc, param_id(w, 1), r);
	if (rc != MDG_OK)
		return rc;
	if (db_get_ll(*r, 0, "mine", 0) != 1 || strcmp(db_get(*r, 0, "moderation", ""), "visible") != 0 ||
	    !community_board_parse(db_get(*r, 0, "board", ""), kind))
		return MDG_ENOTFOUND;
	hdf_set_value(w->hdf, "Board.kind", community_board_name(*kind));
	return MDG_OK;
}

int page_cpost_edit_form(web *w)
{
	community_access acc;
	enum community_board kind;
	db_result *r = NULL;
	int rc = load_own_post(w, &acc, &kind, &r);
	if (rc == MDG_OK) {
		static const char *const copied[] = {"title", "body", "link_kind", "link_key"};
		for (size_t i = 0; i < MDG_ARRAY_LEN(copied); i++) {
			char name[32];
			snprintf(name, sizeof name, "Form.%s", copied[i]);
			hdf_set_value(w->hdf, name, db_get(r, 0, copied[i], ""));
		}
		rc = show_form(w, db_get_ll(r, 0, "id", 0), 200);
	}
	db_result_free(r);
	return rc;
}

int page_cpost_edit(web *w)
{
	community_access acc;
	enum community_board kind;
	db_result *r = NULL;
	int rc = load_own_post(w, &acc, &kind, &r);
	long long id = r ? db_get_ll(r, 0, "id", 0) : 0;
	db_result_free(r);
	return rc == MDG_OK ? save_post(w, &acc, kind, 0, id) : rc;
}

int page_cpost_delete(web *w)
{
	community_access acc;
	db_result *r = NULL;
	int rc = load_community(w, &acc);
	long long id = param_id(w, 1);
	if (rc == MDG_OK)
		rc = load_post(w, &acc, id, &r);
	if (rc != MDG_OK)
		return rc;
	/* The author, or a manager of the community. */
	bool mine = db_get_ll(r, 0, "mine", 0) == 1;
	const char *board = hdf_get_value(w->hdf, "Post.board", "free");
	char kind[16];
	snprintf(kind, sizeof kind, "%s", board);
	db_result_free(r);
	if (!mine && !acc.may_manage)
		return MDG_ENOTFOUND;
	rc = board_post_delete(w->app->db, id);
	if (rc != MDG_OK)
		return rc;
	log_info("community %lld: post %lld deleted by %s", acc.id, id, mine ? "its author" : "a manager");
	web_redirect(w, "/c/%s/boards/%s?done=deleted", acc.slug, kind);
	return MDG_OK;
}

int page_cpost_pin(web *w)
{
	static const field_spec specs[] = {
		{"action", FIELD_LINE, true, 10, 0, 0},
	};
	community_access acc;
	form f;
	long long id = param_id(w, 1);
	int rc = load_community(w, &acc);
	if (rc == MDG_OK)
		rc = load_post(w, &acc, id, NULL);
	if (rc != MDG_OK)
		return rc;
	if (!acc.may_manage)
		return MDG_ENOTFOUND;
	if (form_validate(w, specs, MDG_ARRAY_LEN(specs), &f) > 0)
		return MDG_EINVAL;
	bool pin = strcmp(form_text(&f, "action"), "pin") == 0;
	if (!pin && strcmp(form_text(&f, "action"), "unpin") != 0)
		return MDG_EINVAL;
	rc = board_post_pin(w->app->db, id, pin);
	if (rc == MDG_OK)
		web_redirect(w, "/c/%s/posts/%lld?done=%s", acc.slug, id, pin ? "pinned" : "unpinned");
	return rc;
}

int page_cpost_file(web *w)
{
	community_access acc;
	char *path = NULL, *name = NULL, *mime = NULL;
	long long id = param_id(w, 1);
	int rc = load_community(w, &acc);
	/* The post as the reader sees it: a file of a post out of their sight
	 * is not there either. */
	if (rc == MDG_OK)
		rc = load_post(w, &acc, id, NULL);
	if (rc == MDG_OK)
		rc = board_file_open(w->app->db, id, param_id(w, 2), w->app->uploads, &path, &name, &mime);
	if (rc == MDG_OK)
		web_send_attachment(w, path, name, mime);
	return rc;
}
