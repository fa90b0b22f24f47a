/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_portal.c: the public portal: home, public cases, a case's page,
 * attachments, the language switch and the health check. */
#include "web.h"
#include "view_case.h"
#include "auth/case_link.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/migrate.h"
#include "http/encode.h"
#include "proposals/proposal.h"
#include "reports/public_home.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The home page of an anonymous reader from public_home_read's one
 * statement: each part's rows under the names the full queries' give. */
static int home_anonymous(web *w)
{
	static const char *const lists[] = {
		[HOME_CASE] = "Cases",
		[HOME_DEBATE] = "HomeDebates",
		[HOME_COMMUNITY] = "HomeCommunities",
		[HOME_PROPOSAL] = "Proposals",
	};
	unsigned k[MDG_ARRAY_LEN(lists)] = {0};
	char prefix[48];
	db_result *r = NULL;
	int rc = public_home_read(w->app->db, w->lang, &r);
	if (rc != MDG_OK)
		return rc;
	for (unsigned i = 0; i < r->nrows; i++) {
		long long part = db_get_ll(r, i, "part", 0);
		if (part == HOME_CASE_COUNT || part == HOME_PROPOSAL_COUNT)
			web_set(w, part == HOME_CASE_COUNT ? "Stats.Public" : "Stats.Proposals", "%lld",
				db_get_ll(r, i, "n", 0));
		else if (part > 0 && (size_t)part < MDG_ARRAY_LEN(lists) && lists[part]) {
			snprintf(prefix, sizeof prefix, "%s.%u", lists[part], k[part]++);
			db_row_hdf(r, i, w->hdf, prefix);
		}
	}
	db_result_free(r);
	web_page(w, "portal/home.cs", "Home");
	return MDG_OK;
}

int page_home(web *w)
{
	case_filter f = {0, NULL, NULL, 1};
	/* Only the communities listed depend on who reads (one's own). */
	if (!w->signed_in)
		return home_anonymous(w);
	db_result *cases = NULL;
	long total = 0;
	int rc = case_list_public(w->app->db, &f, w->lang, &cases, &total);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(cases, w->hdf, "Cases");
	web_set(w, "Stats.Public", "%ld", total);
	db_result_free(cases);
	/* The open debates beside the complaints (page_debates.c). */
	if ((rc = web_home_debates(w)) != MDG_OK)
		return rc;
	/* A few communities (page_communities.c). */
	if ((rc = web_home_communities(w)) != MDG_OK)
		return rc;
	/* The newest few proposals beside the complaints. */
	proposal_filter pf = {.sort = PROPOSAL_SORT_NEWEST, .page = 1, .limit = PUBLIC_HOME_PROPOSALS};
	db_result *proposals = NULL;
	rc = proposal_list(w->app->db, &pf, w->lang, &proposals, &total);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(proposals, w->hdf, "Proposals");
	web_set(w, "Stats.Proposals", "%ld", total);
	db_result_free(proposals);
	web_page(w, "portal/home.cs", "Home");
	return MDG_OK;
}

int page_healthz(web *w)
{
	w->content_type = "text/plain; charset=utf-8";
	if (!w->app->db || db_ping(w->app->db) != MDG_OK) {
		w->r->status = 503;
		buf_puts(&w->r->body, "database unavailable\n");
		return MDG_OK;
	}
	/* Code newer than its schema (an upgrade without madangctl migrate)
	 * fails on the new columns: not healthy. A migrations folder that
	 * cannot be read is logged and not held against the DB. */
	int pending = 0;
	if (migrate_pending(w->app->db, w->app->migrations, &pending) == MDG_EDB) {
		w->r->status = 503;
		buf_puts(&w->r->body, "database unavailable\n");
		return MDG_OK;
	}
	if (pending) {
		w->r->status = 503;
		buf_printf(&w->r->body, "migrations pending: %d\n", pending);
		return MDG_OK;
	}
	buf_puts(&w->r->body, "ok\n");
	return MDG_OK;
}

int page_lang(web *w)
{
	const char *to = form_get(w, "lang");
	const char *back = form_get(w, "back");
	if (strcmp(to, "ko") != 0 && strcmp(to, "en") != 0)
		return MDG_EINVAL;
	http_set_cookie(w->r, "lang", to, 365L * 24 * 3600);
	if (w->signed_in) {
		int rc = account_set_lang(w->app->db, w->me.id, to);
		if (rc != MDG_OK)
			return rc;
	}
	http_redirect(w->r, back[0] ? back : "/");
	return MDG_OK;
}

int page_error_413(web *w)
{
	/* nginx refused an oversized body and sent the client here. */
	MDG_UNUSED(w);
	return MDG_ETOOBIG;
}

int web_list_filters(web *w, long long *category, const char **words)
{
	static const field_spec query_specs[] = {
		{"q", FIELD_LINE, false, 100, 0, 0},
	};
	long id = 0;
	const char *s = kv_get(&w->r->query, "category");
	*category = 0;
	*words = NULL;
	if (s && *s && text_parse_long(s, 1, 1000000, &id) != MDG_OK)
		return MDG_EINVAL;
	*category = id;
	if (id)
		web_set(w, "Filter.category", "%ld", id);
	s = kv_get(&w->r->query, "q");
	if (s && *s) {
		/* The search box is validated like a form field, shown back. */
		form q;
		kv_add(&w->r->form, "q", s, strlen(s));
		if (form_validate(w, query_specs, MDG_ARRAY_LEN(query_specs), &q) > 0)
			return MDG_EINVAL;
		*words = s;
		hdf_set_value(w->hdf, "Filter.q", s);
	}
	return MDG_OK;
}

int page_public_cases(web *w)
{
	case_filter f = {0, NULL, NULL, 1};
	db_result *categories = NULL, *cases = NULL;
	long total = 0;
	const char *s;
	int rc;

	/* Its first page without filters only: the others have a query. */
	web_cache_begin(w, "lists");
	if ((rc = web_page_number(w, &f.page)) != MDG_OK)
		return rc;
	if ((rc = web_list_filters(w, &f.category_id, &f.words)) != MDG_OK)
		return rc;
	s = kv_get(&w->r->query, "status");
	if (s && *s) {
		if (!case_status_valid(s))
			return MDG_EINVAL;
		f.status = s;
		hdf_set_value(w->hdf, "Filter.status", s);
	}
	/* The filter's categories, the count and the page: one statement. */
	rc = case_list_public_page(w->app->db, &f, w->lang, &categories, &cases, &total);
	if (rc == MDG_OK) {
		web_usage_search(w, false, f.words, f.page, total);
		/* The values handed over, not copied: the most read list. */
		db_rows_hdf_move(categories, w->hdf, "Categories");
		db_rows_hdf_move(cases, w->hdf, "Cases");
		web_pager(w, f.page, total, CASE_PAGE_SIZE);
		web_page(w, "portal/cases.cs", "PublicCases");
	}
	db_result_free(categories);
	db_result_free(cases);
	return rc;
}

int page_case(web *w)
{
	long long case_id = 0;
	char group[64];
	/* Before anything the page shows is read (page_cache.h). */
	page_cache_case_group(group, sizeof group, w->r->params[0]);
	web_cache_begin(w, group);
	bool done = false;
	int rc = web_public_case(w, w->r->params[0], &done);
	if (rc == MDG_OK && !done) {
		rc = web_load_case(w, w->r->params[0], false, &case_id);
		if (rc == MDG_OK)
			rc = web_case_timeline(w, case_id);
		if (rc == MDG_OK)
			rc = web_follow_fill(w, case_id);
		if (rc == MDG_OK)
			web_public_case_missed(w, case_id);
	}
	if (rc != MDG_OK)
		return rc;
	/* A running deadline turns "overdue" by the clock, with no writer
	 * to purge the page: such a page is not kept. */
	if (*hdf_get_value(w->hdf, "Case.due", "") && strcmp(hdf_get_value(w->hdf, "Case.overdue", "0"), "0") == 0)
		w->cache.on = false;
	web_notice_opened(w);
	if (kv_get(&w->r->query, "filed"))
		web_flash(w, kv_get(&w->r->query, "private") ? "FiledPrivate" : "Filed");
	web_page(w, "portal/case.cs", "Case");
	return MDG_OK;
}

int page_attachment(web *w)
{
	long id;
	char *path = NULL, *name = NULL, *mime = NULL;
	viewer v = web_viewer(w);
	if (text_parse_long(w->r->params[0], 1, 0x7FFFFFFFFFFFFFFFL, &id) != MDG_OK)
		return MDG_ENOTFOUND;
	/* A guest's tracking link opens the attachments of its case. */
	const char *link = kv_get(&w->r->query, "k");
	int rc = link ? case_link_attachment(w->app->db, w->app->secret, sizeof w->app->secret, id, link,
					     &v.link_case_id, &v.link_guest_id)
		      : MDG_OK;
	if (rc == MDG_EDENIED)
		rc = MDG_OK; /* a wrong link: what anyone may see */
	if (rc == MDG_OK)
		rc = case_attachment_open(w->app->db, id, &v, w->app->uploads, &path, &name, &mime);
	if (rc != MDG_OK)
		return rc;
	web_send_attachment(w, path, name, mime);
	return MDG_OK;
}
