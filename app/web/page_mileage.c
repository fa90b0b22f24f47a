/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_mileage.c: the citizen's "my page" (마이페이지: complaints,
 * proposals, supports, debate opinions, comments, reports, mileage,
 * penalties, notices in one place), an objection to a penalty,
 * the public ranking of volunteers and the opt-in to it. */
#include "web.h"
#include "core/mdg.h"
#include "core/text.h"
#include "debates/debate.h"
#include "moderation/moderation.h"
#include "participation/mileage.h"
#include "participation/penalty.h"
#include "posts/post.h"
#include "proposals/proposal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const field_spec objection_fields[] = {
	/* characters, each up to 3 bytes in Korean */
	{"objection", FIELD_TEXT, true, PENALTY_OBJECTION_MAX / 3, 0, 0},
};

/* MyProposals.*, MySupports.*, MyComments.* (the newest of each) and
 * their counts (My.ProposalsCount, ...): the proposals part of /my. */
static int fill_my_proposals(web *w)
{
	db_result *r = NULL;
	long n = 0;
	int rc = proposal_list_mine(w->app->db, w->me.id, 1, &r, &n);
	if (rc == MDG_OK) {
		db_rows_hdf(r, w->hdf, "MyProposals");
		web_set(w, "My.ProposalsCount", "%ld", n);
		db_result_free(r);
		rc = proposal_supports_mine(w->app->db, w->me.id, 1, &r, &n);
	}
	if (rc == MDG_OK) {
		db_rows_hdf(r, w->hdf, "MySupports");
		web_set(w, "My.SupportsCount", "%ld", n);
		db_result_free(r);
		rc = post_comments_mine(w->app->db, w->me.id, 1, &r, &n);
	}
	if (rc == MDG_OK) {
		db_rows_hdf(r, w->hdf, "MyComments");
		web_set(w, "My.CommentsCount", "%ld", n);
	}
	db_result_free(r);
	return rc;
}

/* Fills and names the page /my; the ledger's page comes from ?page=. */
static int show_my(web *w)
{
	db_result *cases = NULL, *ledger = NULL, *penalties = NULL, *opinions = NULL, *reports = NULL;
	long page, ncases = 0, nledger = 0, nopinions = 0, nreports = 0, nupheld = 0;
	long long balance = 0;
	bool restricted = false;
	char until[17];
	db *d = w->app->db;
	int rc = web_page_number(w, &page);
	if (rc == MDG_OK)
		rc = case_list_mine(d, w->me.id, 1, w->lang, &cases, &ncases);
	if (rc == MDG_OK)
		rc = mileage_balance(d, w->me.id, &balance);
	if (rc == MDG_OK)
		rc = mileage_ledger(d, w->me.id, page, &ledger, &nledger);
	if (rc == MDG_OK)
		rc = penalty_list_mine(d, w->me.id, &penalties);
	if (rc == MDG_OK)
		rc = penalty_restricts_posting(d, w->me.id, &restricted, until);
	if (rc == MDG_OK)
		rc = debate_posts_mine(d, w->me.id, &opinions, &nopinions);
	if (rc == MDG_OK)
		rc = moderation_reports_mine(d, w->me.id, &reports, &nreports, &nupheld);
	if (rc == MDG_OK)
		rc = fill_my_proposals(w);
	if (rc != MDG_OK)
		goto done;
	db_rows_hdf(opinions, w->hdf, "Opinions");
	db_rows_hdf(reports, w->hdf, "Reports");
	web_set(w, "My.OpinionsCount", "%ld", nopinions);
	web_set(w, "My.ReportsCount", "%ld", nreports);
	web_set(w, "My.ReportsUpheld", "%ld", nupheld);
	db_rows_hdf(cases, w->hdf, "Cases");
	db_rows_hdf(ledger, w->hdf, "Ledger");
	db_rows_hdf(penalties, w->hdf, "Penalties");
	web_set(w, "My.CasesCount", "%ld", ncases);
	web_set(w, "My.CasesMore", "%d", ncases > (long)cases->nrows);
	web_set(w, "My.LedgerCount", "%ld", nledger);
	web_set(w, "My.PenaltiesCount", "%u", penalties->nrows);
	web_set(w, "My.Balance", "%lld", balance);
	if (restricted) {
		hdf_set_value(w->hdf, "My.Restricted", "1");
		hdf_set_value(w->hdf, "My.Until", until);
	}
	web_pager(w, page, nledger, MILEAGE_PAGE_SIZE);
	web_page(w, "portal/my.cs", "My");
done:
	db_result_free(cases);
	db_result_free(ledger);
	db_result_free(penalties);
	db_result_free(opinions);
	db_result_free(reports);
	return rc;
}

int page_my(web *w)
{
	static const web_done done[] = {{"objection", "ObjectionSent"}};
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	return show_my(w);
}

int page_my_objection(web *w)
{
	long long id = web_param_id(w);
	form f;
	if (!id)
		return MDG_ENOTFOUND;
	form_validate(w, objection_fields, MDG_ARRAY_LEN(objection_fields), &f);
	if (f.errors == 0) {
		int rc = penalty_object(w->app->db, &w->who, id, form_text(&f, "objection"));
		if (rc == MDG_ECONFLICT)
			form_fail(&f, "objection", "objection_already");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		/* The form comes back filled under the penalty it was for. */
		w->r->status = 400;
		web_set(w, "Form.penalty", "%lld", id);
		web_flash_error(w, "FixErrors");
		return show_my(w);
	}
	http_redirect(w->r, "/my?done=objection");
	return MDG_OK;
}

int page_mileage_ranking(web *w)
{
	db_result *r = NULL;
	char name[64];
	int rc = mileage_ranking(w->app->db, &r);
	if (rc != MDG_OK)
		return rc;
	/* Names in public are masked (홍*동), as on public cases. */
	for (unsigned i = 0; i < r->nrows; i++) {
		char *masked = text_mask_name(db_get(r, i, "name", ""));
		snprintf(name, sizeof name, "Ranking.%u.name", i);
		hdf_set_value(w->hdf, name, masked);
		free(masked);
		snprintf(name, sizeof name, "Ranking.%u.rank", i);
		hdf_set_value(w->hdf, name, db_get(r, i, "rank", ""));
		snprintf(name, sizeof name, "Ranking.%u.points", i);
		hdf_set_value(w->hdf, name, db_get(r, i, "points", "0"));
	}
	db_result_free(r);
	web_page(w, "portal/ranking.cs", "MileageRanking");
	return MDG_OK;
}

void web_mileage_prefs_fill(web *w)
{
	bool on = false;
	if (w->staff)
		return;
	hdf_set_value(w->hdf, "Mileage.Offer", "1");
	if (mileage_get_public(w->app->db, w->me.id, &on) == MDG_OK && on)
		hdf_set_value(w->hdf, "Mileage.Public", "1");
}

int page_account_mileage(web *w)
{
	static const field_spec fields[] = {{"mileage_public", FIELD_CHECKBOX, false, 0, 0, 0}};
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	int rc = mileage_set_public(w->app->db, w->me.id, form_on(&f, "mileage_public"));
	if (rc != MDG_OK)
		return rc;
	http_redirect(w->r, "/account?done=mileage");
	return MDG_OK;
}
