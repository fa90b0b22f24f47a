/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_proposal.c: policy proposals (정책제안): the public list, writing
 * one, its page with the support bar, history and comments, editing,
 * withdrawing, supporting, commenting, a supervisor's promotion to the
 * threshold and staff opening its review below the threshold (both
 * within their reach). Writing, editing and commenting pass the gates of
 * every public post (a penalty's restriction, the throttle, the word
 * filter). */
#include "web.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "http/encode.h"
#include "moderation/moderation.h"
#include "participation/penalty.h"
#include "posts/post.h"
#include "proposals/proposal.h"
#include "proposals/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const field_spec proposal_fields[] = {
	{"category", FIELD_ID, true, 0, 0, 0},
	{"title", FIELD_LINE, true, PROPOSAL_TITLE_MAX, 0, 0},
	{"problem", FIELD_TEXT, true, PROPOSAL_SECTION_MAX, 0, 0},
	{"proposal", FIELD_TEXT, true, PROPOSAL_SECTION_MAX, 0, 0},
	{"effect", FIELD_TEXT, true, PROPOSAL_SECTION_MAX, 0, 0},
	{"latitude", FIELD_LINE, false, 12, 0, 0},
	{"longitude", FIELD_LINE, false, 12, 0, 0},
	{"address", FIELD_LINE, false, CASE_ADDRESS_MAX, 0, 0},
};

static const web_done proposal_done[] = {
	{"created", "ProposalCreated"},     {"edited", "ProposalEdited"},
	{"withdrawn", "ProposalWithdrawn"}, {"supported", "ProposalSupported"},
	{"unsupported", "ProposalUnsupported"}, {"already", "ProposalAlready"},
	{"promoted", "ProposalPromoted"}, {"review_opened", "ProposalReviewOpened"},
	{"held", "ProposalHeld"}, {"comment", "ProposalCommented"},
	{"reply", "ProposalReplied"}, {"comment_held", "ProposalCommentHeld"},
};

/* A problem shown as an alert after a refused change (?problem=KEY). */
static const web_done proposal_problem[] = {
	{"closed", "ProposalClosed"},
	{"locked", "ProposalLocked"},
};

/* The pager's keyset links: Pager.NextKey (the last row's sort key and
 * id) and Pager.PrevKey (the first row's), so that the next or previous
 * page is read from that row on, however deep (proposal_list). */
static void pager_keys(web *w, const db_result *rows)
{
	if (!rows || rows->nrows == 0)
		return;
	if (hdf_get_value(w->hdf, "Pager.Next", NULL))
		web_set(w, "Pager.NextKey", "%s.%s", db_get(rows, rows->nrows - 1, "sort_key", ""),
			db_get(rows, rows->nrows - 1, "id", ""));
	if (hdf_get_value(w->hdf, "Pager.Prev", NULL))
		web_set(w, "Pager.PrevKey", "%s.%s", db_get(rows, 0, "sort_key", ""), db_get(rows, 0, "id", ""));
}

int page_proposals(web *w)
{
	proposal_filter f = {.sort = PROPOSAL_SORT_NEWEST, .page = 1};
	db_result *rows = NULL;
	long total = 0;
	const char *sort = kv_get(&w->r->query, "sort");
	const char *after = kv_get(&w->r->query, "after"), *before = kv_get(&w->r->query, "before");
	int rc;

	if ((rc = web_page_number(w, &f.page)) != MDG_OK)
		return rc;
	/* A pager link: the page after (or before) the row it names. */
	f.seek_back = !(after && *after) && before && *before;
	if ((after && *after) || f.seek_back) {
		if (proposal_seek_parse(f.seek_back ? before : after, &f.seek_key, &f.seek_id) != MDG_OK)
			return MDG_EINVAL;
	}
	if ((rc = web_list_filters(w, &f.category_id, &f.words)) != MDG_OK)
		return rc;
	if (sort && *sort && proposal_sort_parse(sort, &f.sort) != MDG_OK)
		return MDG_EINVAL;
	hdf_set_value(w->hdf, "Filter.sort", sort && *sort ? sort : "newest");
	rc = web_categories(w);
	if (rc == MDG_OK)
		rc = proposal_list(w->app->db, &f, w->lang, &rows, &total);
	if (rc == MDG_OK) {
		db_rows_hdf(rows, w->hdf, "Proposals");
		web_pager(w, f.page, total, PROPOSAL_PAGE_SIZE);
		pager_keys(w, rows);
		web_page(w, "proposals/list.cs", "Proposals");
	}
	db_result_free(rows);
	return rc;
}

/* The writing form (new, or the edit of proposal id), filled from
 * Form.* as form_validate left it or as the caller set it. */
static int show_form(web *w, long long id)
{
	int rc = web_categories(w);
	/* Said before the person writes: a restricted account cannot publish. */
	if (rc == MDG_OK)
		rc = web_restriction_fill(w);
	if (rc != MDG_OK)
		return rc;
	if (id)
		web_set(w, "Edit.id", "%lld", id);
	web_map_fill(w, NULL, NULL, true);
	web_page(w, "proposals/form.cs", id ? "ProposalEdit" : "ProposalNew");
	return MDG_OK;
}

int page_proposal_form(web *w)
{
	return show_form(w, 0);
}

/* Validates the writing form into f and t; files[] gets the attachments
 * when files is not NULL (new proposals: an edit keeps its files). */
static void read_form(web *w, form *f, proposal_text *t, case_upload *files, int *nfiles)
{
	form_validate(w, proposal_fields, MDG_ARRAY_LEN(proposal_fields), f);
	case_upload none[5];
	int unused = 0;
	web_validate_extras(w, f, files ? files : none, files ? nfiles : &unused);
	const char *lat = form_text(f, "latitude"), *lng = form_text(f, "longitude");
	const char *address = form_text(f, "address");
	*t = (proposal_text){
		.category_id = form_num(f, "category"),
		.title = form_text(f, "title"),
		.problem = form_text(f, "problem"),
		.proposal = form_text(f, "proposal"),
		.effect = form_text(f, "effect"),
		.latitude = *lat ? lat : NULL,
		.longitude = *lng ? lng : NULL,
		.address = *address ? address : NULL,
	};
}

/* The word filter's results on a proposal's four texts: the title and
 * the problem through web_moderate (which counts the throttle too), the
 * other two sections beside them. */
typedef struct proposal_mod {
	web_moderation m;
	mod_result proposal, effect;
} proposal_mod;

/* proposal_text.in_tx of a text with a hold word: the proposal is held
 * pending review in the transaction that stores it. */
static int hold_proposal(db *d, long long id, void *arg)
{
	proposal_mod *pm = arg;
	if (pm->m.held)
		return web_moderation_hold(d, &pm->m, id);
	return moderation_held_in_tx(d, moderation_kind("proposal"), id, pm->m.author_id,
				     pm->proposal.verdict == MOD_HELD ? pm->proposal.word : pm->effect.word);
}

static void proposal_mod_free(proposal_mod *pm)
{
	web_moderation_free(&pm->m);
	mod_result_free(&pm->proposal);
	mod_result_free(&pm->effect);
}

/* The gates of a public post on text t (new or edited): a penalty's
 * restriction (a proposal is always public, so it is refused, not made
 * private), the throttle, the word filter (t's texts masked, a hold by
 * t->in_tx). *refused names the refusal's message (under L.Msg) and
 * *status its HTTP status; NULL when t may be stored. Free pm after. */
static int gate_proposal(web *w, proposal_text *t, proposal_mod *pm, const char **refused, int *status)
{
	bool restricted = false;
	memset(pm, 0, sizeof *pm);
	*refused = NULL;
	int rc = penalty_restricts_posting(w->app->db, w->me.id, &restricted, NULL);
	if (rc != MDG_OK)
		return rc;
	if (restricted) {
		*refused = "ProposalRestricted";
		*status = 403;
		return MDG_OK;
	}
	rc = web_moderate(w, "proposal", w->me.id, &t->title, &t->problem, &pm->m);
	if (rc == MDG_ETHROTTLED) {
		*refused = "ProposalThrottled";
		*status = 429;
		return MDG_OK;
	}
	if (rc == MDG_OK)
		rc = moderation_check_text(w->app->db, t->proposal, &pm->proposal);
	if (rc == MDG_OK)
		rc = moderation_check_text(w->app->db, t->effect, &pm->effect);
	if (rc != MDG_OK)
		return rc;
	t->proposal = pm->proposal.text;
	t->effect = pm->effect.text;
	if (pm->m.held || pm->proposal.verdict == MOD_HELD || pm->effect.verdict == MOD_HELD) {
		t->in_tx = hold_proposal;
		t->in_tx_arg = pm;
	}
	return MDG_OK;
}

/* The form of proposal id (0: new) again, filled as sent, after a
 * refusal by the gates: why (a key under L.Msg) as an alert. */
static int refuse_form(web *w, long long id, const char *why, int status)
{
	web_flash_error(w, why);
	w->r->status = status;
	return show_form(w, id);
}

int page_proposal_create(web *w)
{
	case_upload files[5];
	int nfiles = 0, status = 400;
	long long id = 0;
	proposal_text t;
	proposal_mod pm;
	const char *refused = NULL;
	form f;
	int rc = MDG_OK;
	memset(&pm, 0, sizeof pm);
	read_form(w, &f, &t, files, &nfiles);
	if (f.errors == 0)
		rc = gate_proposal(w, &t, &pm, &refused, &status);
	idem_key idem;
	if (rc == MDG_OK && f.errors == 0 && !refused &&
	    web_idem_start(w, &idem, "/proposals/", NULL, t.in_tx ? "?done=held" : "?done=created", &rc)) {
		proposal_mod_free(&pm);
		return rc;
	}
	if (rc == MDG_OK && f.errors == 0 && !refused) {
		rc = proposal_create(w->app->db, w->me.id, &t, files, nfiles, w->app->uploads, &id);
		if (web_idem_raced(w, &idem, rc)) {
			proposal_mod_free(&pm);
			return MDG_OK;
		}
		if (rc == MDG_EINVAL) {
			form_fail(&f, "category", "invalid");
			rc = MDG_OK;
		}
	}
	bool held = t.in_tx != NULL;
	proposal_mod_free(&pm);
	if (rc != MDG_OK)
		return rc;
	if (refused)
		return refuse_form(w, 0, refused, status);
	if (f.errors) {
		w->r->status = 400;
		return show_form(w, 0);
	}
	log_info("proposal %lld written", id);
	web_redirect(w, "/proposals/%lld?done=%s", id, held ? "held" : "created");
	return MDG_OK;
}

/* Proposal id as the signed-in person may see it into Proposal.*, with
 * the author's name masked for others; *out keeps the row when out. */
static int load_proposal(web *w, long long id, db_result **out)
{
	db_result *r = NULL;
	int rc = id ? proposal_get(w->app->db, id, w->signed_in ? w->me.id : 0, w->lang, &r) : MDG_ENOTFOUND;
	if (rc != MDG_OK)
		goto done;
	db_row_hdf(r, 0, w->hdf, "Proposal");
	if (db_get_ll(r, 0, "mine", 0) != 1) {
		/* Others see the author's name masked and the location rounded,
		 * as on a public case. */
		char *masked = text_mask_name(db_get(r, 0, "author", ""));
		char lat[GEO_DEGREE_TEXT], lng[GEO_DEGREE_TEXT];
		hdf_set_value(w->hdf, "Proposal.author", masked);
		free(masked);
		if (db_get(r, 0, "lat", NULL) && db_get(r, 0, "lng", NULL)) {
			geo_round(db_get(r, 0, "lat", ""), w->app->map.public_decimals, lat, sizeof lat);
			geo_round(db_get(r, 0, "lng", ""), w->app->map.public_decimals, lng, sizeof lng);
			hdf_set_value(w->hdf, "Proposal.lat", lat);
			hdf_set_value(w->hdf, "Proposal.lng", lng);
		}
	}
	if (out) {
		*out = r;
		r = NULL;
	}
done:
	db_result_free(r);
	return rc;
}

/* What the viewer may do with the proposal in r: Can.* for the page.
 * Promoting and opening the review are offered only to staff whose
 * reach covers the proposal's department (as the POSTs check). */
static int fill_actions(web *w, const db_result *r)
{
	proposal_state s = PROPOSAL_STATE__MAX;
	(void)proposal_state_parse(db_get(r, 0, "state", ""), &s);
	long supports = (long)db_get_ll(r, 0, "supports", 0), threshold = (long)db_get_ll(r, 0, "threshold", 0);
	bool mine = db_get_ll(r, 0, "mine", 0) == 1;
	bool visible = strcmp(db_get(r, 0, "moderation", ""), "visible") == 0;
	bool open = visible && proposal_may_support(s, supports, threshold, db_get_ll(r, 0, "closed", 1) != 0);
	if (open && !w->staff)
		hdf_set_value(w->hdf, "Can.support", "1");
	if (mine && visible && proposal_may_edit(s, supports))
		hdf_set_value(w->hdf, "Can.edit", "1");
	if (mine && visible && proposal_may_withdraw(s))
		hdf_set_value(w->hdf, "Can.withdraw", "1");
	if (!w->staff || !visible || !proposal_may_promote(s))
		return MDG_OK;
	bool promote = false, review = false;
	long long id = db_get_ll(r, 0, "id", 0);
	int rc = proposal_reaches(w->app->db, &w->perm, PERM_ADMIN, id, &promote);
	if (rc == MDG_OK)
		rc = proposal_reaches(w->app->db, &w->perm, PROPOSAL_REVIEW_ROLES, id, &review);
	if (promote)
		hdf_set_value(w->hdf, "Can.promote", "1");
	if (review)
		hdf_set_value(w->hdf, "Can.open_review", "1");
	return rc;
}

/* The proposal page of id with status: its facts, answer, history and
 * a page (?page=) of its comments; a comment form sent back keeps its
 * Form.* and errors. */
static int show_proposal(web *w, long long id, int status)
{
	db_result *r = NULL, *history = NULL, *files = NULL, *review = NULL, *updates = NULL;
	long page = 1, ncomments = 0;
	int rc = load_proposal(w, id, &r);
	if (rc == MDG_OK)
		rc = web_page_number(w, &page);
	if (rc == MDG_OK)
		rc = web_post_thread(w, "proposal", id, page, "Comments");
	if (rc == MDG_OK)
		rc = post_count(w->app->db, "proposal", id, &ncomments);
	if (rc == MDG_OK && w->signed_in && !w->staff) {
		hdf_set_value(w->hdf, "Me.citizen", "1");
		rc = web_restriction_fill(w);
	}
	if (rc == MDG_OK)
		rc = proposal_history(w->app->db, id, &history);
	if (rc == MDG_OK)
		rc = proposal_attachments(w->app->db, id, &files);
	if (rc == MDG_OK)
		rc = proposal_review_answer(w->app->db, id, w->lang, &review);
	if (rc == MDG_OK)
		rc = proposal_review_updates(w->app->db, id, &updates);
	if (rc == MDG_OK)
		rc = fill_actions(w, r);
	if (rc != MDG_OK)
		goto done;
	if (review->nrows)
		db_row_hdf(review, 0, w->hdf, "Review");
	db_rows_hdf(updates, w->hdf, "Updates");
	db_rows_hdf(history, w->hdf, "History");
	db_rows_hdf(files, w->hdf, "Attachments");
	if (db_get(r, 0, "lat", NULL))
		web_map_fill(w, hdf_get_value(w->hdf, "Proposal.lat", NULL), hdf_get_value(w->hdf, "Proposal.lng", NULL),
			     false);
	web_set(w, "Proposal.comments", "%ld", ncomments);
	/* The comments' thread is styled as a debate's (debates.css). */
	hdf_set_value(w->hdf, "Page.DebateCss", "1");
	/* Comments while it is visible and not withdrawn (proposal_comment). */
	if (strcmp(db_get(r, 0, "moderation", ""), "visible") == 0 && strcmp(db_get(r, 0, "state", ""), "withdrawn") != 0)
		hdf_set_value(w->hdf, "Can.comment", "1");
	w->r->status = status;
	web_page(w, "proposals/view.cs", "Proposal");
done:
	db_result_free(r);
	db_result_free(history);
	db_result_free(files);
	db_result_free(review);
	db_result_free(updates);
	return rc;
}

int page_proposal(web *w)
{
	long long id = web_param_id(w);
	web_notice_opened(w);
	if (!web_flash_done(w, proposal_done, MDG_ARRAY_LEN(proposal_done))) {
		const char *problem = kv_get(&w->r->query, "problem");
		for (size_t i = 0; problem && i < MDG_ARRAY_LEN(proposal_problem); i++)
			if (strcmp(problem, proposal_problem[i].key) == 0)
				web_flash_error(w, proposal_problem[i].msg);
	}
	return show_proposal(w, id, 200);
}

/* The proposal page again after a refused comment: why (a key under
 * L.Msg) as an alert, with status; the form comes back filled. */
static int refuse_comment(web *w, long long id, const char *why, int status)
{
	web_flash_error(w, why);
	return show_proposal(w, id, status);
}

/* post_new.in_tx of a comment the word filter holds. */
static int hold_comment(db *d, long long post_id, void *arg)
{
	return web_moderation_hold(d, arg, post_id);
}

int page_proposal_comment(web *w)
{
	static const field_spec fields[] = {
		{"body", FIELD_TEXT, true, POST_BODY_MAX, 0, 0},
		{"reply_to", FIELD_ID, false, 0, 0, 0},
	};
	form f;
	long long id = web_param_id(w), post_id = 0;
	bool restricted = false;
	int rc;
	if (!id)
		return MDG_ENOTFOUND;
	if (web_identity_gate(w, "comment", &rc))
		return rc;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return refuse_comment(w, id, "ProposalFixComment", 400);
	long long reply_to = form_num(&f, "reply_to");
	/* A comment is always public: a restriction refuses it (it cannot be
	 * made private as a complaint can). */
	rc = penalty_restricts_posting(w->app->db, w->me.id, &restricted, NULL);
	if (rc != MDG_OK)
		return rc;
	if (restricted)
		return refuse_comment(w, id, "CommentRestricted", 403);
	web_moderation mod;
	const char *body = form_text(&f, "body");
	rc = web_moderate(w, "post", w->me.id, NULL, &body, &mod);
	post_new p = {
		.reply_to = reply_to,
		.author_id = w->me.id,
		.body = body,
		.in_tx = hold_comment,
		.in_tx_arg = &mod,
	};
	/* The comment's place: the proposal's page at the new post. */
	char at[IDEM_LOCATION_MAX + 1];
	snprintf(at, sizeof at, "/proposals/%lld?done=%s#post-", id,
		 mod.held ? "comment_held" : reply_to ? "reply" : "comment");
	idem_key idem;
	bool replayed = rc == MDG_OK && web_idem_start(w, &idem, at, NULL, NULL, &rc);
	if (rc == MDG_OK && !replayed) {
		rc = proposal_comment(w->app->db, id, &p, &post_id);
		replayed = web_idem_raced(w, &idem, rc);
		rc = replayed ? MDG_OK : rc;
	}
	bool held = mod.held;
	web_moderation_free(&mod);
	if (replayed)
		return rc;
	if (rc == MDG_ETHROTTLED)
		return refuse_comment(w, id, "CommentThrottled", 429);
	if (rc == MDG_ECONFLICT)
		return refuse_comment(w, id, "CommentClosed", 409);
	if (rc == MDG_ENOTFOUND && reply_to)
		return refuse_comment(w, id, "CommentNoSuchComment", 404);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/proposals/%lld?done=%s#post-%lld", id, held ? "comment_held" : reply_to ? "reply" : "comment",
		     post_id);
	return MDG_OK;
}

int page_proposal_edit_form(web *w)
{
	long long id = web_param_id(w);
	db_result *r = NULL;
	int rc = load_proposal(w, id, &r);
	if (rc != MDG_OK)
		return rc;
	proposal_state s = PROPOSAL_STATE__MAX;
	(void)proposal_state_parse(db_get(r, 0, "state", ""), &s);
	if (db_get_ll(r, 0, "mine", 0) != 1)
		rc = MDG_ENOTFOUND;
	else if (!proposal_may_edit(s, (long)db_get_ll(r, 0, "supports", 0)))
		web_redirect(w, "/proposals/%lld?problem=locked", id);
	else {
		static const char *const copied[] = {"title", "problem", "proposal", "effect", "address", "lat", "lng"};
		static const char *const into[] = {"title", "problem", "proposal", "effect", "address", "latitude",
						   "longitude"};
		for (size_t i = 0; i < MDG_ARRAY_LEN(copied); i++) {
			char name[32];
			snprintf(name, sizeof name, "Form.%s", into[i]);
			hdf_set_value(w->hdf, name, db_get(r, 0, copied[i], ""));
		}
		hdf_set_value(w->hdf, "Form.category", db_get(r, 0, "category_id", ""));
		rc = show_form(w, id);
	}
	db_result_free(r);
	return rc;
}

int page_proposal_edit(web *w)
{
	long long id = web_param_id(w);
	proposal_text t;
	proposal_mod pm;
	const char *refused = NULL;
	int status = 400, rc = MDG_OK;
	form f;
	if (!id)
		return MDG_ENOTFOUND;
	memset(&pm, 0, sizeof pm);
	read_form(w, &f, &t, NULL, NULL);
	if (f.errors == 0)
		rc = gate_proposal(w, &t, &pm, &refused, &status);
	if (rc == MDG_OK && f.errors == 0 && !refused) {
		rc = proposal_edit(w->app->db, id, w->me.id, &t);
		if (rc == MDG_EINVAL) {
			form_fail(&f, "category", "invalid");
			rc = MDG_OK;
		}
	}
	bool held = t.in_tx != NULL;
	proposal_mod_free(&pm);
	if (rc == MDG_ECONFLICT) {
		web_redirect(w, "/proposals/%lld?problem=locked", id);
		return MDG_OK;
	}
	if (rc != MDG_OK)
		return rc;
	if (refused)
		return refuse_form(w, id, refused, status);
	if (f.errors) {
		w->r->status = 400;
		return show_form(w, id);
	}
	web_redirect(w, "/proposals/%lld?done=%s", id, held ? "held" : "edited");
	return MDG_OK;
}

int page_proposal_withdraw(web *w)
{
	long long id = web_param_id(w);
	int rc = id ? proposal_withdraw(w->app->db, id, w->me.id) : MDG_ENOTFOUND;
	if (rc == MDG_ECONFLICT)
		web_redirect(w, "/proposals/%lld?problem=locked", id);
	else if (rc == MDG_OK)
		web_redirect(w, "/proposals/%lld?done=withdrawn", id);
	return rc == MDG_ECONFLICT ? MDG_OK : rc;
}

int page_proposal_support(web *w)
{
	static const field_spec specs[] = {
		{"action", FIELD_LINE, true, 10, 0, 0},
	};
	long long id = web_param_id(w);
	proposal_support_outcome outcome = PROPOSAL_SUPPORT_UNCHANGED;
	form f;
	if (!id)
		return MDG_ENOTFOUND;
	if (form_validate(w, specs, MDG_ARRAY_LEN(specs), &f) > 0)
		return MDG_EINVAL;
	const char *action = form_text(&f, "action");
	bool add = strcmp(action, "add") == 0;
	if (!add && strcmp(action, "remove") != 0)
		return MDG_EINVAL;
	/* web_identity_gate's check is made by proposal_support, in the
	 * statement that locks the proposal (a support's round trips are its
	 * cost: bench/participation). */
	int rc = proposal_support(w->app->db, id, w->me.id, add, &outcome);
	if (rc == MDG_OK && outcome == PROPOSAL_SUPPORT_NEEDS_IDENTITY) {
		web_redirect(w, "/account/identity?need=support");
		return MDG_OK;
	}
	if (rc == MDG_ECONFLICT) {
		web_redirect(w, "/proposals/%lld?problem=closed", id);
		return MDG_OK;
	}
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/proposals/%lld?done=%s", id,
		     outcome != PROPOSAL_SUPPORT_CHANGED ? "already" : add ? "supported" : "unsupported");
	return MDG_OK;
}

int page_proposal_promote(web *w)
{
	long long id = web_param_id(w);
	int rc = id ? proposal_promote(w->app->db, &w->who, &w->perm, id) : MDG_ENOTFOUND;
	if (rc == MDG_ECONFLICT)
		web_redirect(w, "/proposals/%lld?problem=locked", id);
	else if (rc == MDG_OK)
		web_redirect(w, "/proposals/%lld?done=promoted", id);
	return rc == MDG_ECONFLICT ? MDG_OK : rc;
}

int page_proposal_open_review(web *w)
{
	long long id = web_param_id(w);
	char tracking[TRACKING_LEN + 1] = "";
	int rc = id ? proposal_open_review(w->app->db, &w->who, &w->perm, id, tracking) : MDG_ENOTFOUND;
	if (rc == MDG_ECONFLICT)
		web_redirect(w, "/proposals/%lld?problem=locked", id);
	else if (rc == MDG_OK && *tracking)
		/* Filed: straight to its case, where it is answered. */
		web_redirect(w, "/staff/cases/%s", tracking);
	else if (rc == MDG_OK)
		web_redirect(w, "/proposals/%lld?done=review_opened", id);
	return rc == MDG_ECONFLICT ? MDG_OK : rc;
}

int page_proposal_attachment(web *w)
{
	long long id = web_param_id(w);
	char *path = NULL, *name = NULL, *mime = NULL;
	int rc = id ? proposal_attachment_open(w->app->db, id, w->signed_in ? w->me.id : 0, w->app->uploads, &path,
					       &name, &mime)
		    : MDG_ENOTFOUND;
	if (rc != MDG_OK)
		return rc;
	char *disposition = http_content_disposition(name);
	http_header(w->r, "Content-Disposition", disposition);
	w->r->send_file = path;
	/* w->content_type must outlive this function: a static copy. */
	static char type_buf[128];
	snprintf(type_buf, sizeof type_buf, "%s", strcmp(mime, "text/plain") == 0 ? "text/plain; charset=utf-8" : mime);
	w->content_type = type_buf;
	free(disposition);
	free(name);
	free(mime);
	return MDG_OK;
}
