/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_repeat.c: repeat complaints and similar cases on the pages
 * (similar/repeat.h): the staff case page's repeat warning, closing as a
 * repeat and similar answers of the department; the similar public cases
 * suggested to a citizen about to file (the confirmation step, and
 * similar.json for the script while they type); following a public case
 * ("this is my problem too"). */
#include "web.h"
#include "view_case.h"
#include "core/mdg.h"
#include "cases/dossier.h"
#include "org/perm.h"
#include "similar/repeat.h"
#include "similar/follow.h"
#include "similar/repeat_close.h"
#include "core/buf.h"

#include <jansson.h>
#include <stdlib.h>

#include <stdio.h>
#include <string.h>

/* "3rd" in English, "3번째" in Korean: the filer's nth time. */
static void nth_time(const char *lang, long n, char *out, size_t len)
{
	static const char *const suffix[] = {"th", "st", "nd", "rd"};
	if (strcmp(lang, "en") != 0) {
		snprintf(out, len, "%ld번째", n);
		return;
	}
	long last = n % 10;
	bool teen = n % 100 >= 11 && n % 100 <= 13;
	snprintf(out, len, "%ld%s", n, !teen && last <= 3 ? suffix[last] : "th");
}

/* The rows h kept into prefix.N. */
static void hits_hdf(web *w, const similar_hits *h, const char *prefix)
{
	char name[64];
	for (int i = 0; i < h->n; i++) {
		snprintf(name, sizeof name, "%s.%d", prefix, i);
		db_row_hdf(h->r, h->rows[i], w->hdf, name);
	}
}

/* The outcomes and problems of the closing's steps shown after the
 * redirect (?repeat=KEY, a key under L.Repeat.Msg). */
static const char *const messages[] = {
	"proposed", "approved", "returned", "repeat_too_few", "repeat_pending", "repeat_none",
	"repeat_self", "not_allowed", "text_required", "text_too_long", "changed", "needs_approval",
};

/* The closing of a repeat: its state, the forms open to this reader
 * (can: the perm_case bits), the message of the last step. */
static int closing_fill(web *w, long long case_id, unsigned can)
{
	db_result *c = NULL;
	int rc = repeat_closing(w->app->db, case_id, &c);
	if (rc != MDG_OK)
		return rc;
	db_row_hdf(c, 0, w->hdf, "Closing");
	const char *status = db_get(c, 0, "status", "");
	bool proposed = strcmp(status, "proposed") == 0;
	if ((can & CAN_HANDLE) && !db_get_ll(c, 0, "final", 1) && !proposed &&
	    db_get_ll(c, 0, "answered", 0) >= REPEAT_CLOSE_AFTER)
		hdf_set_value(w->hdf, "Closing.can_propose", "1");
	if ((can & CAN_MANAGE) && proposed)
		hdf_set_value(w->hdf, "Closing.can_decide", "1");
	const char *msg = kv_get(&w->r->query, "repeat");
	for (size_t i = 0; msg && i < MDG_ARRAY_LEN(messages); i++)
		if (strcmp(msg, messages[i]) == 0)
			hdf_set_value(w->hdf, "Closing.msg", msg);
	db_result_free(c);
	return MDG_OK;
}

int page_staff_repeat(web *w)
{
	static const field_spec fields[] = {
		{"action", FIELD_LINE, true, 10, 0, 0},
		{"notice", FIELD_TEXT, false, 0, 0, 0},
	};
	const char *tracking = w->r->params[0];
	const char *problem = NULL;
	long long case_id = 0;
	unsigned can = 0;
	char target[96];
	form f;
	int rc = web_staff_case_find(w, tracking, &case_id, &can);
	if (rc != MDG_OK)
		return rc;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return MDG_EINVAL;
	const char *action = form_text(&f, "action");
	bool approve = strcmp(action, "approve") == 0;
	if (strcmp(action, "propose") == 0 && (can & CAN_HANDLE))
		rc = repeat_propose(w->app->db, &w->who, case_id, tracking, form_text(&f, "notice"), &problem);
	else if ((approve || strcmp(action, "return") == 0) && (can & CAN_MANAGE))
		rc = repeat_decide(w->app->db, &w->who, case_id, tracking, approve, &problem);
	else
		return MDG_EDENIED;
	if (rc != MDG_OK && !problem)
		return rc;
	snprintf(target, sizeof target, "/staff/cases/%s?repeat=%s#repeat-h", tracking,
		 problem ? problem : approve ? "approved" : action[0] == 'p' ? "proposed" : "returned");
	http_redirect(w->r, target);
	return MDG_OK;
}

int web_repeat_fill(web *w, long long case_id, unsigned can)
{
	db_result *earlier = NULL;
	similar_hits answers = {0};
	char nth[32];
	int rc = repeat_earlier(w->app->db, w->me.id, case_id, &earlier);
	if (rc == MDG_OK)
		rc = similar_department_answers(w->app->db, w->me.id, case_id, &answers);
	if (rc != MDG_OK)
		goto done;
	if (earlier->nrows > 0) {
		long answered = 0;
		for (unsigned i = 0; i < earlier->nrows; i++)
			answered += db_get(earlier, i, "answer", NULL) != NULL;
		db_rows_hdf(earlier, w->hdf, "Repeat.Earlier");
		nth_time(w->lang, (long)earlier->nrows + 1, nth, sizeof nth);
		hdf_set_value(w->hdf, "Repeat.nth", nth);
		hdf_set_int_value(w->hdf, "Repeat.answered", (int)answered);
	}
	hits_hdf(w, &answers, "SimilarAnswers");
	rc = closing_fill(w, case_id, can);
done:
	db_result_free(earlier);
	similar_hits_free(&answers);
	return rc;
}

int web_similar_suggest(web *w, const char *title, const char *body, int *n)
{
	similar_hits hits = {0};
	buf text = {0};
	buf_printf(&text, "%s\n%s", title, body);
	int rc = similar_public(w->app->db, buf_str(&text), &hits);
	*n = rc == MDG_OK ? hits.n : 0;
	if (rc == MDG_OK)
		hits_hdf(w, &hits, "Similar");
	similar_hits_free(&hits);
	buf_free(&text);
	return rc;
}

int page_similar_json(web *w)
{
	static const field_spec fields[] = {
		{"title", FIELD_LINE, false, CASE_TITLE_MAX, 0, 0},
		{"body", FIELD_TEXT, false, CASE_BODY_MAX, 0, 0},
	};
	similar_hits hits = {0};
	buf text = {0};
	form f;
	json_t *items = json_array();
	int rc = MDG_OK;
	/* Bad input suggests nothing, as too little text does. */
	form_from_query(w, fields, MDG_ARRAY_LEN(fields));
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0) {
		buf_printf(&text, "%s\n%s", form_text(&f, "title"), form_text(&f, "body"));
		rc = similar_public(w->app->db, buf_str(&text), &hits);
	}
	for (int i = 0; rc == MDG_OK && i < hits.n; i++) {
		char url[64];
		snprintf(url, sizeof url, "/cases/%s", db_get(hits.r, hits.rows[i], "tracking", ""));
		json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s}", "tracking",
						       db_get(hits.r, hits.rows[i], "tracking", ""), "title",
						       db_get(hits.r, hits.rows[i], "title", ""), "answered",
						       db_get(hits.r, hits.rows[i], "answered", ""), "url", url));
	}
	if (rc == MDG_OK) {
		json_t *root = json_pack("{s:O}", "items", items);
		/* json_dumps escapes what JSON needs; the script inserts the
		 * texts with textContent, never as markup. */
		char *out = json_dumps(root, JSON_COMPACT);
		buf_puts(&w->r->body, out ? out : "{\"items\":[]}");
		w->content_type = "application/json; charset=utf-8";
		free(out);
		json_decref(root);
	}
	json_decref(items);
	similar_hits_free(&hits);
	buf_free(&text);
	return rc;
}

int web_follow_fill(web *w, long long case_id)
{
	static const char *const done[] = {"on", "off"};
	bool on = false;
	char me[24];
	snprintf(me, sizeof me, "%lld", w->me.id);
	/* Only a citizen other than the filer follows, only a public case. */
	if (!w->signed_in || w->staff || strcmp(hdf_get_value(w->hdf, "Case.public", "0"), "1") != 0 ||
	    strcmp(hdf_get_value(w->hdf, "Case.owner", ""), me) == 0)
		return MDG_OK;
	int rc = follow_is(w->app->db, w->me.id, case_id, &on);
	if (rc != MDG_OK)
		return rc;
	hdf_set_value(w->hdf, "Follow.can", "1");
	hdf_set_value(w->hdf, "Follow.on", on ? "1" : "0");
	const char *msg = kv_get(&w->r->query, "follow");
	for (size_t i = 0; msg && i < MDG_ARRAY_LEN(done); i++)
		if (strcmp(msg, done[i]) == 0)
			hdf_set_value(w->hdf, "Follow.msg", msg);
	return MDG_OK;
}

int page_case_follow(web *w)
{
	static const field_spec fields[] = {
		{"action", FIELD_LINE, true, 10, 0, 0},
	};
	const char *tracking = w->r->params[0];
	long long case_id = 0;
	char target[96];
	form f;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return MDG_EINVAL;
	bool on = strcmp(form_text(&f, "action"), "follow") == 0;
	if (!on && strcmp(form_text(&f, "action"), "unfollow") != 0)
		return MDG_EINVAL;
	int rc = dossier_find(w->app->db, tracking, &case_id);
	if (rc == MDG_OK)
		rc = follow_set(w->app->db, w->me.id, case_id, on);
	if (rc != MDG_OK)
		return rc;
	snprintf(target, sizeof target, "/cases/%s?follow=%s", tracking, on ? "on" : "off");
	http_redirect(w->r, target);
	return MDG_OK;
}
