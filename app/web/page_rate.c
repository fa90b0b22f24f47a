/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_rate.c: the satisfaction follow-up's rating page (만족도 평가),
 * reached without signing in through the signed single-use link of the
 * answer notice (/rate/NONCE.SIGNATURE), which expires web.rate_link_days
 * after the answer. */
#include "web.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "notify/notice.h"
#include "notify/rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page in one of its states: "form", "done", "rated", "expired" or
 * "invalid". */
static int show(web *w, const char *state, int status)
{
	w->r->status = status;
	hdf_set_value(w->hdf, "Rate.State", state);
	web_page(w, "portal/rate.cs", "Rate");
	return MDG_OK;
}

/* The links' lifetime in days. */
static long link_days(const web *w)
{
	return config_long(w->app->cfg, "web.rate_link_days", RATING_LINK_DAYS_DEFAULT, 1, RATING_LINK_DAYS_MAX);
}

/* Checks the link's signature and finds its row: MDG_OK with *link (the
 * caller frees it with rating_link_free) and the nonce, or the invalid page
 * already set up (link->row NULL). */
static int find_link(web *w, char nonce[33], rating_link *link)
{
	const char *token = w->r->params[0];
	memset(link, 0, sizeof *link);
	/* A forged, cut or unknown link looks the same to the visitor. */
	if (!notice_rate_token_valid(w->app->secret, sizeof w->app->secret, token, nonce))
		return show(w, "invalid", 404);
	int rc = rating_link_find(w->app->db, nonce, link_days(w), link);
	if (rc == MDG_ENOTFOUND)
		return show(w, "invalid", 404);
	if (rc != MDG_OK)
		return rc;
	hdf_set_value(w->hdf, "Rate.Token", token);
	hdf_set_value(w->hdf, "Rate.Tracking", link->tracking);
	hdf_set_value(w->hdf, "Rate.Title", link->title);
	return MDG_OK;
}

int page_rate_form(web *w)
{
	char nonce[33];
	rating_link link;
	int rc = find_link(w, nonce, &link);
	if (rc != MDG_OK || !link.row)
		return rc;
	const char *thanks = kv_get(&w->r->query, "thanks");
	if (link.rated)
		rc = show(w, thanks && strcmp(thanks, "1") == 0 ? "done" : "rated", 200);
	else if (link.expired)
		rc = show(w, "expired", 410);
	else
		rc = show(w, "form", 200);
	rating_link_free(&link);
	return rc;
}

int page_rate(web *w)
{
	static const field_spec fields[] = {
		{"rating", FIELD_INT, true, 0, 1, 5},
		{"comment", FIELD_TEXT, false, RATING_COMMENT_MAX, 0, 0},
	};
	char nonce[33];
	rating_link link;
	form f;
	int rc = find_link(w, nonce, &link);
	if (rc != MDG_OK || !link.row)
		return rc;
	if (link.rated) {
		rc = show(w, "rated", 409);
		goto done;
	}
	if (link.expired) {
		rc = show(w, "expired", 410);
		goto done;
	}
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0) {
		web_flash_error(w, "FixErrors");
		rc = show(w, "form", 400);
		goto done;
	}
	int rating = (int)form_num(&f, "rating");
	char *comment = text_trim(form_text(&f, "comment"));
	rc = rating_record(w->app->db, nonce, link_days(w), rating, comment);
	free(comment);
	if (rc == MDG_ECONFLICT) {
		/* Another submit won the race: still exactly one rating. */
		rc = show(w, "rated", 409);
		goto done;
	}
	if (rc == MDG_EDENIED) {
		/* It expired while the form was open. */
		rc = show(w, "expired", 410);
		goto done;
	}
	if (rc == MDG_ENOTFOUND) {
		rc = show(w, "invalid", 404);
		goto done;
	}
	if (rc != MDG_OK)
		goto done;
	log_info("case %s rated %d", link.tracking, rating);
	/* The token passed notice_rate_token_valid: hex, '.', base64url. */
	char target[32 + NOTICE_RATE_TOKEN_MAX];
	snprintf(target, sizeof target, "/rate/%s?thanks=1", w->r->params[0]);
	http_redirect(w->r, target);
done:
	rating_link_free(&link);
	return rc;
}
