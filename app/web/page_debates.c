/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_debates.c: policy debates (토론): the public list and a debate's
 * page (question, background, times, the tally as a bar and a table, the
 * reader's side, the most recommended opinions per side, every opinion
 * with its replies), the citizen's side, opinion, reply and
 * recommendation, and the staff's pages to open and edit a debate and to
 * publish its closing summary. */
#include "web.h"
#include "reports/public_home.h"
#include "core/mdg.h"
#include "debates/debate.h"
#include "org/perm.h"
#include "participation/penalty.h"
#include "posts/post.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Who opens and edits a debate of a department: its moderators and
 * supervisors; who publishes its summary: its handlers, managers and
 * supervisors (the department responsible). */
#define DEBATE_OPENERS (PERM_MODERATOR | PERM_SUPERVISOR)
#define DEBATE_ANSWERERS (PERM_HANDLER | PERM_MANAGER | PERM_SUPERVISOR)

/* Debates of a state shown on the public list before paging (open and
 * upcoming ones are few; closed ones are paged). */
#define DEBATE_LIST_SHORT 50

/* ---------------------------------------------------------------- public */

/* Debates.{Upcoming,Open,Closed}.*: the three lists of a debates page,
 * the closed one paged (Pager.*); reach as debate_list takes it. */
static int fill_lists(web *w, const char *reach)
{
	static const char *const names[] = {"Upcoming", "Open", "Closed"};
	db_result *r = NULL;
	long page = 1, total = 0;
	char prefix[32];
	int rc = web_page_number(w, &page);
	for (int s = DEBATE_UPCOMING; rc == MDG_OK && s <= DEBATE_CLOSED; s++) {
		bool paged = s == DEBATE_CLOSED;
		rc = debate_list(w->app->db, (enum debate_state)s, w->lang, reach, paged ? page : 1,
				 paged ? DEBATE_PAGE_SIZE : DEBATE_LIST_SHORT, &r, &total);
		if (rc != MDG_OK)
			break;
		snprintf(prefix, sizeof prefix, "Debates.%s", names[s]);
		db_rows_hdf(r, w->hdf, prefix);
		db_result_free(r);
		r = NULL;
		if (paged)
			web_pager(w, page, total, DEBATE_PAGE_SIZE);
	}
	return rc;
}

int page_debates(web *w)
{
	int rc = fill_lists(w, NULL);
	if (rc == MDG_OK)
		web_page(w, "portal/debates.cs", "Debates");
	return rc;
}

/* Open debates the home page lists. */
#define DEBATE_HOME PUBLIC_HOME_DEBATES

int web_home_debates(web *w)
{
	db_result *r = NULL;
	long total = 0;
	int rc = debate_list(w->app->db, DEBATE_OPEN, w->lang, NULL, 1, DEBATE_HOME, &r, &total);
	if (rc == MDG_OK)
		db_rows_hdf(r, w->hdf, "HomeDebates");
	db_result_free(r);
	return rc;
}

/* Tally.N.{side, n, pct, x} (x: where the side's part of the bar
 * starts, in percent) and Tally.Total. */
static int fill_tally(web *w, long long id)
{
	long counts[SIDE__COUNT];
	int pct[SIDE__COUNT], x = 0;
	long total = 0;
	int rc = debate_tally(w->app->db, id, counts);
	if (rc != MDG_OK)
		return rc;
	debate_tally_percent(counts, pct);
	for (int i = 0; i < SIDE__COUNT; i++) {
		hdf_set_valuef(w->hdf, "Tally.Sides.%d.side=%s", i, debate_side_name((enum debate_side)i));
		hdf_set_valuef(w->hdf, "Tally.Sides.%d.n=%ld", i, counts[i]);
		hdf_set_valuef(w->hdf, "Tally.Sides.%d.pct=%d", i, pct[i]);
		hdf_set_valuef(w->hdf, "Tally.Sides.%d.x=%d", i, x);
		x += pct[i];
		total += counts[i];
	}
	web_set(w, "Tally.Total", "%ld", total);
	return MDG_OK;
}

int web_post_thread(web *w, const char *kind, long long id, long page, const char *prefix)
{
	db_result *tops = NULL, *replies = NULL;
	long total = 0;
	char name[64];
	int rc = post_thread(w->app->db, kind, id, w->signed_in ? w->me.id : 0, page, &tops, &replies, &total);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(tops, w->hdf, prefix);
	for (unsigned t = 0; t < tops->nrows; t++) {
		long long top = db_get_ll(tops, t, "id", 0);
		unsigned k = 0;
		for (unsigned j = 0; j < replies->nrows; j++) {
			if (db_get_ll(replies, j, "reply_to", 0) != top)
				continue;
			snprintf(name, sizeof name, "%s.%u.Replies.%u", prefix, t, k++);
			db_row_hdf(replies, j, w->hdf, name);
		}
	}
	web_pager(w, page, total, POST_PAGE_SIZE);
	db_result_free(tops);
	db_result_free(replies);
	return MDG_OK;
}

/* Files.*: debate id's background files. */
static int fill_files(web *w, long long id)
{
	db_result *r = NULL;
	int rc = debate_attachments(w->app->db, id, &r);
	if (rc == MDG_OK)
		db_rows_hdf(r, w->hdf, "Files");
	db_result_free(r);
	return rc;
}

int page_debate_attachment(web *w)
{
	char *path = NULL, *name = NULL, *mime = NULL;
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	int rc = debate_attachment_open(w->app->db, id, w->app->uploads, &path, &name, &mime);
	if (rc == MDG_OK)
		web_send_attachment(w, path, name, mime);
	return rc;
}

int web_restriction_fill(web *w)
{
	bool restricted = false;
	char until[17];
	int rc = penalty_restricts_posting(w->app->db, w->me.id, &restricted, until);
	if (rc == MDG_OK && restricted) {
		hdf_set_value(w->hdf, "Me.Restricted", "1");
		hdf_set_value(w->hdf, "Me.Until", until);
	}
	return rc;
}

/* post_new.in_tx of an opinion or reply the word filter holds. */
static int hold_post(db *d, long long post_id, void *arg)
{
	return web_moderation_hold(d, arg, post_id);
}

/* The debate page of id, with status (a form sent back keeps its
 * Form.* and errors). */
static int show_debate(web *w, long long id, int status)
{
	db_result *r = NULL;
	debate b;
	long page = 1, n = 0;
	char side[16] = "", prefix[32];
	int rc = debate_load(w->app->db, id, &b);
	if (rc == MDG_OK)
		rc = web_page_number(w, &page);
	if (rc == MDG_OK)
		rc = debate_get(w->app->db, id, w->lang, &r);
	if (rc != MDG_OK)
		return rc;
	db_row_hdf(r, 0, w->hdf, "Debate");
	db_result_free(r);
	r = NULL;
	hdf_set_value(w->hdf, "Debate.state", debate_state_name(b.state));
	if ((rc = fill_files(w, id)) != MDG_OK)
		return rc;
	if (w->signed_in && !w->staff) {
		hdf_set_value(w->hdf, "Me.citizen", "1");
		rc = debate_side_of(w->app->db, id, w->me.id, side);
		if (rc == MDG_OK)
			rc = web_restriction_fill(w);
	}
	if (rc == MDG_OK && side[0])
		hdf_set_value(w->hdf, "Me.side", side);
	if (rc == MDG_OK)
		rc = fill_tally(w, id);
	for (int i = 0; rc == MDG_OK && i < SIDE__COUNT; i++) {
		const char *s = debate_side_name((enum debate_side)i);
		rc = post_top(w->app->db, "debate", id, s, DEBATE_TOP_PER_SIDE, &r);
		if (rc != MDG_OK)
			break;
		snprintf(prefix, sizeof prefix, "Top.%s", s);
		db_rows_hdf(r, w->hdf, prefix);
		db_result_free(r);
		r = NULL;
	}
	if (rc == MDG_OK)
		rc = post_count(w->app->db, "debate", id, &n);
	if (rc == MDG_OK)
		rc = web_post_thread(w, "debate", id, page, "Opinions");
	if (rc != MDG_OK)
		return rc;
	web_set(w, "Debate.posts", "%ld", n);
	hdf_set_value(w->hdf, "Page.DebateCss", "1");
	w->r->status = status;
	web_page(w, "portal/debate.cs", "Debate");
	return MDG_OK;
}

int page_debate(web *w)
{
	static const web_done done[] = {
		{"side", "DebateSide"}, {"opinion", "DebateOpinion"}, {"reply", "DebateReply"},
		{"recommended", "DebateRecommended"}, {"held", "DebateHeld"},
	};
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	web_notice_opened(w);
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	return show_debate(w, id, 200);
}

/* The debate page again after a refused action: why (a key under L.Msg)
 * as an alert, with status. */
static int refuse(web *w, long long id, const char *why, int status)
{
	web_flash_error(w, why);
	return show_debate(w, id, status);
}

int page_debate_side(web *w)
{
	static const field_spec fields[] = {
		{"side", FIELD_LINE, true, 10, 0, 0},
	};
	form f;
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	/* The message says it at the top: Form.Err.side would show under the
	 * opinion form's sides, which share the name. */
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0 || !post_side_valid(form_text(&f, "side")))
		return refuse(w, id, "DebateBadSide", 400);
	int rc = debate_take_side(w->app->db, id, w->me.id, form_text(&f, "side"));
	if (rc == MDG_ECONFLICT)
		return refuse(w, id, "DebateNotOpen", 409);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/debates/%lld?done=side#side", id);
	return MDG_OK;
}

int page_debate_opinion(web *w)
{
	static const field_spec fields[] = {
		{"body", FIELD_TEXT, true, POST_BODY_MAX, 0, 0},
		{"side", FIELD_LINE, false, 10, 0, 0},
		{"reply_to", FIELD_ID, false, 0, 0, 0},
	};
	form f;
	long long id = web_param_id(w), post_id = 0;
	int gate_rc;
	if (!id)
		return MDG_ENOTFOUND;
	if (web_identity_gate(w, "opinion", &gate_rc))
		return gate_rc;
	int errors = form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	long long reply_to = form_num(&f, "reply_to");
	const char *side = form_text(&f, "side");
	/* An opinion takes a side; a reply has none. */
	if (!reply_to && !post_side_valid(side)) {
		form_fail(&f, "side", "debate_side");
		errors++;
	}
	if (errors)
		return refuse(w, id, "DebateFixOpinion", 400);
	/* The gates of every public post: a penalty's restriction, the
	 * throttle, the word filter (the text is sent back as typed). */
	bool restricted = false;
	int rc = penalty_restricts_posting(w->app->db, w->me.id, &restricted, NULL);
	if (rc != MDG_OK)
		return rc;
	if (restricted)
		return refuse(w, id, "DebateRestricted", 403);
	web_moderation mod;
	const char *body = form_text(&f, "body");
	rc = web_moderate(w, "post", w->me.id, NULL, &body, &mod);
	post_new p = {
		.parent_kind = "debate",
		.parent_id = id,
		.reply_to = reply_to,
		.author_id = w->me.id,
		.side = reply_to ? NULL : side,
		.body = body,
		.in_tx = hold_post,
		.in_tx_arg = &mod,
	};
	char at[IDEM_LOCATION_MAX + 1];
	snprintf(at, sizeof at, "/debates/%lld?done=%s#post-", id, mod.held ? "held" : reply_to ? "reply" : "opinion");
	idem_key idem;
	bool replayed = rc == MDG_OK && web_idem_start(w, &idem, at, NULL, NULL, &rc);
	if (rc == MDG_OK && !replayed) {
		rc = debate_opinion(w->app->db, id, &p, &post_id);
		replayed = web_idem_raced(w, &idem, rc);
		rc = replayed ? MDG_OK : rc;
	}
	bool held = mod.held;
	web_moderation_free(&mod);
	if (replayed)
		return rc;
	if (rc == MDG_ETHROTTLED)
		return refuse(w, id, "DebateThrottled", 429);
	if (rc == MDG_ECONFLICT)
		return refuse(w, id, "DebateNotOpen", 409);
	if (rc == MDG_ENOTFOUND && reply_to)
		return refuse(w, id, "DebateNoSuchOpinion", 404);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/debates/%lld?done=%s#post-%lld", id, held ? "held" : reply_to ? "reply" : "opinion", post_id);
	return MDG_OK;
}

int page_post_recommend(web *w)
{
	char kind[16];
	long long post_id = web_param_id(w), parent = 0, author = 0;
	debate b;
	if (!post_id)
		return MDG_ENOTFOUND;
	int rc = post_parent(w->app->db, post_id, kind, &parent, &author);
	/* Only a debate's opinions are recommended (a proposal's comments
	 * are not: the issue asks recommendations of opinions only). */
	if (rc == MDG_OK && strcmp(kind, "debate") != 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = debate_load(w->app->db, parent, &b);
	if (rc != MDG_OK)
		return rc;
	if (b.state != DEBATE_OPEN)
		return refuse(w, parent, "DebateNotOpen", 409);
	rc = post_recommend(w->app->db, post_id, w->me.id);
	if (rc == MDG_EDENIED)
		return refuse(w, parent, "DebateOwnPost", 403);
	if (rc == MDG_ECONFLICT)
		return refuse(w, parent, "DebateRecommendedBefore", 409);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/debates/%lld?done=recommended#post-%lld", parent, post_id);
	return MDG_OK;
}

/* ---------------------------------------------------------------- staff */

int page_staff_debates(web *w)
{
	char *reach = perm_departments(&w->perm, DEBATE_OPENERS | DEBATE_ANSWERERS);
	int rc = fill_lists(w, reach);
	free(reach);
	if (rc != MDG_OK)
		return rc;
	if (perm_holds(&w->perm, DEBATE_OPENERS))
		hdf_set_value(w->hdf, "Staff.MayOpen", "1");
	web_page(w, "staff/debates.cs", "StaffDebates");
	return MDG_OK;
}

/* Departments.N.{id, name}: those the staff member may open a debate
 * for, in tree order. */
static int fill_departments(web *w)
{
	db_result *r = NULL;
	unsigned k = 0;
	int rc = org_departments(w->app->db, w->lang, &r);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		long long dept = db_get_ll(r, i, "id", 0);
		if (!perm_covers_dept(&w->perm, DEBATE_OPENERS, dept) || !db_get_ll(r, i, "active", 0))
			continue;
		hdf_set_valuef(w->hdf, "Departments.%u.id=%lld", k, dept);
		hdf_set_valuef(w->hdf, "Departments.%u.name=%s", k, db_get(r, i, "name", ""));
		k++;
	}
	db_result_free(r);
	return rc;
}

/* Form.*: the stored debate r (debate_get) in its forms. */
static void prefill_forms(web *w, const db_result *r)
{
	static const char *const keep[][2] = {
		{"title", "title"}, {"background", "background"}, {"department_id", "department_id"},
		{"opens_at", "opens_input"}, {"closes_at", "closes_input"}, {"summary", "summary"}, {"action", "action"},
	};
	char name[32];
	for (size_t i = 0; i < MDG_ARRAY_LEN(keep); i++) {
		snprintf(name, sizeof name, "Form.%s", keep[i][0]);
		hdf_set_value(w->hdf, name, db_get(r, 0, keep[i][1], ""));
	}
}

/* The form to open a debate (id 0) or the staff page of debate id, with
 * status; sent_back: a form came back with its Form.* (else the forms
 * start from what is stored). */
static int show_staff_debate(web *w, long long id, int status, bool sent_back)
{
	db_result *r = NULL;
	debate b;
	int rc = fill_departments(w);
	if (rc == MDG_OK && id) {
		rc = debate_load(w->app->db, id, &b);
		if (rc == MDG_OK && !perm_covers_dept(&w->perm, DEBATE_OPENERS | DEBATE_ANSWERERS, b.department_id))
			rc = MDG_EDENIED;
		if (rc == MDG_OK)
			rc = fill_files(w, id);
		if (rc == MDG_OK)
			rc = debate_get(w->app->db, id, w->lang, &r);
		if (rc == MDG_OK) {
			db_row_hdf(r, 0, w->hdf, "Debate");
			hdf_set_value(w->hdf, "Debate.state", debate_state_name(b.state));
			if (b.state == DEBATE_UPCOMING && perm_covers_dept(&w->perm, DEBATE_OPENERS, b.department_id))
				hdf_set_value(w->hdf, "Staff.MayEdit", "1");
			if (b.state == DEBATE_CLOSED && perm_covers_dept(&w->perm, DEBATE_ANSWERERS, b.department_id))
				hdf_set_value(w->hdf, "Staff.MaySummarize", "1");
			/* The forms start from what is stored, unless one came back
			 * (only one of them is ever offered: before opening or after
			 * closing). */
			if (!sent_back)
				prefill_forms(w, r);
		}
		db_result_free(r);
	} else if (rc == MDG_OK && !perm_holds(&w->perm, DEBATE_OPENERS)) {
		rc = MDG_EDENIED;
	}
	if (rc != MDG_OK)
		return rc;
	hdf_set_value(w->hdf, "Page.DebateCss", "1");
	w->r->status = status;
	web_page(w, "staff/debate.cs", id ? "StaffDebate" : "StaffDebateNew");
	return MDG_OK;
}

int page_staff_debate_new(web *w)
{
	return show_staff_debate(w, 0, 200, false);
}

int page_staff_debate(web *w)
{
	static const web_done done[] = {
		{"created", "DebateCreated"}, {"saved", "DebateSaved"}, {"summary", "DebateSummarized"},
		{"detached", "DebateDetached"},
	};
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	return show_staff_debate(w, id, 200, false);
}

/* Validates the debate form into *in (times into the buffers, the files
 * into files, DEBATE_FILES_MAX of them); the
 * number of fields in error, with 403 in *status for a department out of
 * the staff member's reach. */
static int debate_form(web *w, form *f, debate_input *in, case_upload *files, char *opens, char *closes,
		       int *status)
{
	static const field_spec fields[] = {
		{"title", FIELD_LINE, true, DEBATE_TITLE_MAX, 0, 0},
		{"background", FIELD_TEXT, true, DEBATE_BACKGROUND_MAX, 0, 0},
		{"department_id", FIELD_ID, true, 0, 0, 0},
		{"opens_at", FIELD_LINE, true, 19, 0, 0},
		{"closes_at", FIELD_LINE, true, 19, 0, 0},
	};
	form_validate(w, fields, MDG_ARRAY_LEN(fields), f);
	*status = 400;
	if (!form_err(f, "opens_at") && debate_time_parse(form_text(f, "opens_at"), opens) != MDG_OK)
		form_fail(f, "opens_at", "debate_time");
	if (!form_err(f, "closes_at") && debate_time_parse(form_text(f, "closes_at"), closes) != MDG_OK)
		form_fail(f, "closes_at", "debate_time");
	if (!form_err(f, "opens_at") && !form_err(f, "closes_at") && strcmp(closes, opens) <= 0)
		form_fail(f, "closes_at", "debate_order");
	if (!form_err(f, "department_id") &&
	    !perm_covers_dept(&w->perm, DEBATE_OPENERS, form_num(f, "department_id"))) {
		form_fail(f, "department_id", "debate_department");
		*status = 403;
	}
	in->title = form_text(f, "title");
	in->background = form_text(f, "background");
	in->department_id = form_num(f, "department_id");
	in->opens_at = opens;
	in->closes_at = closes;
	in->files = files;
	in->nfiles = web_uploads(w, f, files, DEBATE_FILES_MAX);
	in->uploads_dir = w->app->uploads;
	return f->errors;
}

int page_staff_debate_create(web *w)
{
	form f;
	debate_input in;
	case_upload files[DEBATE_FILES_MAX];
	char opens[DEBATE_TIME_TEXT] = "", closes[DEBATE_TIME_TEXT] = "";
	int status;
	long long id = 0;
	if (!perm_holds(&w->perm, DEBATE_OPENERS))
		return MDG_EDENIED;
	if (debate_form(w, &f, &in, files, opens, closes, &status) > 0)
		return show_staff_debate(w, 0, status, true);
	int rc = debate_create(w->app->db, &w->who, &in, &id);
	if (rc == MDG_EINVAL) {
		form_fail(&f, "closes_at", "debate_past");
		return show_staff_debate(w, 0, 400, true);
	}
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/staff/debates/%lld?done=created", id);
	return MDG_OK;
}

/* The debate named in the path, when one of roles covers its department:
 * *id; MDG_ENOTFOUND, MDG_EDENIED. */
static int staff_debate_id(web *w, unsigned roles, long long *id)
{
	debate b;
	*id = web_param_id(w);
	if (!*id)
		return MDG_ENOTFOUND;
	int rc = debate_load(w->app->db, *id, &b);
	if (rc == MDG_OK && !perm_covers_dept(&w->perm, roles, b.department_id))
		rc = MDG_EDENIED;
	return rc;
}

/* After a change to debate id (rc): its staff page with ?done=done, or
 * again with the conflict's message (a key under L.Msg) and 409, the
 * form sent back when sent_back. */
static int staff_changed(web *w, long long id, int rc, const char *conflict, const char *done, bool sent_back)
{
	if (rc == MDG_ECONFLICT) {
		web_flash_error(w, conflict);
		return show_staff_debate(w, id, 409, sent_back);
	}
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/staff/debates/%lld?done=%s", id, done);
	return MDG_OK;
}

int page_staff_debate_update(web *w)
{
	form f;
	debate_input in;
	case_upload files[DEBATE_FILES_MAX];
	char opens[DEBATE_TIME_TEXT] = "", closes[DEBATE_TIME_TEXT] = "";
	int status;
	long long id;
	int rc = staff_debate_id(w, DEBATE_OPENERS, &id);
	if (rc != MDG_OK)
		return rc;
	if (debate_form(w, &f, &in, files, opens, closes, &status) > 0)
		return show_staff_debate(w, id, status, true);
	rc = debate_edit(w->app->db, &w->who, id, &in);
	if (rc == MDG_EINVAL) {
		form_fail(&f, "closes_at", "debate_past");
		return show_staff_debate(w, id, 400, true);
	}
	return staff_changed(w, id, rc, "DebateOpened", "saved", true);
}

int page_staff_debate_summary(web *w)
{
	static const field_spec fields[] = {
		{"summary", FIELD_TEXT, true, DEBATE_SUMMARY_MAX, 0, 0},
		{"action", FIELD_TEXT, true, DEBATE_SUMMARY_MAX, 0, 0},
	};
	form f;
	long long id;
	int rc = staff_debate_id(w, DEBATE_ANSWERERS, &id);
	if (rc != MDG_OK)
		return rc;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return show_staff_debate(w, id, 400, true);
	rc = debate_summarize(w->app->db, &w->who, id, form_text(&f, "summary"), form_text(&f, "action"));
	return staff_changed(w, id, rc, "DebateNotClosed", "summary", true);
}

int page_staff_debate_detach(web *w)
{
	static const field_spec fields[] = {
		{"attachment_id", FIELD_ID, true, 0, 0, 0},
	};
	form f;
	long long id;
	int rc = staff_debate_id(w, DEBATE_OPENERS, &id);
	if (rc != MDG_OK)
		return rc;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return MDG_EINVAL; /* no form sends another */
	rc = debate_detach(w->app->db, &w->who, id, form_num(&f, "attachment_id"), w->app->uploads);
	return staff_changed(w, id, rc, "DebateOpened", "detached", false);
}
