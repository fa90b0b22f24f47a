/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_proposal.c: policy proposals (정책제안): the public list, writing
 * one, its page with the support bar and history, editing, withdrawing,
 * supporting, and a supervisor's promotion to the threshold. */
#include "web.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "http/encode.h"
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
	{"promoted", "ProposalPromoted"},
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

int page_proposal_create(web *w)
{
	case_upload files[5];
	int nfiles = 0;
	long long id = 0;
	proposal_text t;
	form f;
	read_form(w, &f, &t, files, &nfiles);
	if (f.errors == 0) {
		int rc = proposal_create(w->app->db, w->me.id, &t, files, nfiles, w->app->uploads, &id);
		if (rc == MDG_EINVAL)
			form_fail(&f, "category", "invalid");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		return show_form(w, 0);
	}
	log_info("proposal %lld written", id);
	web_redirect(w, "/proposals/%lld?done=created", id);
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

/* What the viewer may do with the proposal in r: Can.* for the page. */
static void fill_actions(web *w, const db_result *r)
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
	if (w->staff && perm_is_admin(&w->perm) && visible && proposal_may_promote(s))
		hdf_set_value(w->hdf, "Can.promote", "1");
}

int page_proposal(web *w)
{
	long long id = web_param_id(w);
	db_result *r = NULL, *history = NULL, *files = NULL, *review = NULL, *updates = NULL;
	int rc = load_proposal(w, id, &r);
	if (rc == MDG_OK)
		rc = proposal_history(w->app->db, id, &history);
	if (rc == MDG_OK)
		rc = proposal_attachments(w->app->db, id, &files);
	if (rc == MDG_OK)
		rc = proposal_review_answer(w->app->db, id, w->lang, &review);
	if (rc == MDG_OK)
		rc = proposal_review_updates(w->app->db, id, &updates);
	if (rc != MDG_OK)
		goto done;
	fill_actions(w, r);
	if (review->nrows)
		db_row_hdf(review, 0, w->hdf, "Review");
	db_rows_hdf(updates, w->hdf, "Updates");
	db_rows_hdf(history, w->hdf, "History");
	db_rows_hdf(files, w->hdf, "Attachments");
	if (db_get(r, 0, "lat", NULL))
		web_map_fill(w, hdf_get_value(w->hdf, "Proposal.lat", NULL), hdf_get_value(w->hdf, "Proposal.lng", NULL),
			     false);
	web_notice_opened(w);
	if (!web_flash_done(w, proposal_done, MDG_ARRAY_LEN(proposal_done))) {
		const char *problem = kv_get(&w->r->query, "problem");
		for (size_t i = 0; problem && i < MDG_ARRAY_LEN(proposal_problem); i++)
			if (strcmp(problem, proposal_problem[i].key) == 0)
				web_flash_error(w, proposal_problem[i].msg);
	}
	web_page(w, "proposals/view.cs", "Proposal");
done:
	db_result_free(r);
	db_result_free(history);
	db_result_free(files);
	db_result_free(review);
	db_result_free(updates);
	return rc;
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
	form f;
	if (!id)
		return MDG_ENOTFOUND;
	read_form(w, &f, &t, NULL, NULL);
	if (f.errors == 0) {
		int rc = proposal_edit(w->app->db, id, w->me.id, &t);
		if (rc == MDG_EINVAL)
			form_fail(&f, "category", "invalid");
		else if (rc == MDG_ECONFLICT) {
			web_redirect(w, "/proposals/%lld?problem=locked", id);
			return MDG_OK;
		} else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		return show_form(w, id);
	}
	web_redirect(w, "/proposals/%lld?done=edited", id);
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
	bool changed = false;
	form f;
	int rc;
	if (!id)
		return MDG_ENOTFOUND;
	if (web_identity_gate(w, "support", &rc))
		return rc;
	if (form_validate(w, specs, MDG_ARRAY_LEN(specs), &f) > 0)
		return MDG_EINVAL;
	const char *action = form_text(&f, "action");
	bool add = strcmp(action, "add") == 0;
	if (!add && strcmp(action, "remove") != 0)
		return MDG_EINVAL;
	rc = add ? proposal_support(w->app->db, id, w->me.id, &changed)
		 : proposal_unsupport(w->app->db, id, w->me.id, &changed);
	if (rc == MDG_ECONFLICT) {
		web_redirect(w, "/proposals/%lld?problem=closed", id);
		return MDG_OK;
	}
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/proposals/%lld?done=%s", id, !changed ? "already" : add ? "supported" : "unsupported");
	return MDG_OK;
}

int page_proposal_promote(web *w)
{
	long long id = web_param_id(w);
	int rc = id ? proposal_promote(w->app->db, &w->who, id) : MDG_ENOTFOUND;
	if (rc == MDG_ECONFLICT)
		web_redirect(w, "/proposals/%lld?problem=locked", id);
	else if (rc == MDG_OK)
		web_redirect(w, "/proposals/%lld?done=promoted", id);
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
