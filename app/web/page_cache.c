/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_cache.c: the web side of the anonymous public page cache
 * (lib/cache/page_cache.h; docs/operations.md, "Public page cache"). */
#include "web.h"
#include "core/mdg.h"

#include <string.h>

void web_cache_begin(web *w, const char *group)
{
	http_req *r = w->r;
	/* Only what nginx would serve from the cache (madang.conf's map): a
	 * GET without a query from someone without a session cookie. */
	if (!page_cache_on() || strcmp(r->method, "GET") != 0 || w->signed_in || http_cookie(r, SESSION_COOKIE) ||
	    !r->uri || strchr(r->uri, '?') || strcmp(r->uri, r->path) != 0)
		return;
	page_cache_begin(&w->cache, group, r->path);
	if (!w->cache.on)
		return;
	/* The layout then leaves out the CSRF token and its forms: the page is
	 * everyone's. */
	hdf_set_value(w->hdf, "Page.Cached", "1");
	http_header(r, "X-Madang-Cache", "miss");
}

void web_cache_finish(web *w, const char *content_type)
{
	http_req *r = w->r;
	if (!w->cache.on)
		return;
	/* Only the page itself: not an error page, a redirect or a file. */
	if (r->status != 200 || r->redirect || r->send_file || !content_type ||
	    strncmp(content_type, "text/html", 9) != 0) {
		w->cache.on = false;
		return;
	}
	page_cache_store(&w->cache, w->lang, r->body.data, r->body.len);
}

int page_lang_link(web *w)
{
	const char *to = kv_get(&w->r->query, "lang");
	const char *back = kv_get(&w->r->query, "back");
	if (!to || (strcmp(to, "ko") != 0 && strcmp(to, "en") != 0))
		return MDG_EINVAL;
	/* Only the cookie: a GET changes no account (POST /lang does). */
	http_set_cookie(w->r, "lang", to, 365L * 24 * 3600);
	http_redirect(w->r, back && back[0] ? back : "/");
	return MDG_OK;
}
