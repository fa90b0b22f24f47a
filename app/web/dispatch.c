/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* dispatch.c: one request from FastCGI to response: session, routing,
 * body, CSRF, access, handler, layout, error pages and the access log. */
#include "web.h"
#include "cases/action.h"
#include "core/codec.h"
#include "core/config.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Matches the request's path against pattern (http_route_match), its
 * captures becoming r->params. */
static bool route_match(const char *pattern, const char *path, http_req *r)
{
	bool match = http_route_match(pattern, path, r->param_store);
	for (int i = 0; i < HTTP_MAX_PARAMS; i++)
		r->params[i] = r->param_store[i];
	return match;
}

static const char *error_title(int status)
{
	switch (status) {
	case 400: return "Error400";
	case 403: return "Error403";
	case 404: return "Error404";
	case 405: return "Error405";
	case 413: return "Error413";
	case 429: return "Error429";
	case 503: return "Error503";
	}
	return "Error500";
}

static int status_for(int rc)
{
	switch (rc) {
	case MDG_EINVAL:
	case MDG_EUTF8: return 400;
	case MDG_EDENIED: return 403;
	case MDG_ENOTFOUND: return 404;
	case MDG_ETOOBIG: return 413;
	case MDG_ETHROTTLED: return 429;
	case MDG_EDB: return 503;
	}
	return 500;
}

/* The error page for status; the language switch on it goes home, since
 * the failed address may not be worth repeating (or be nginx-internal). */
static void show_error(web *w, int status)
{
	w->r->status = status;
	web_set(w, "Error.Status", "%d", status);
	hdf_set_value(w->hdf, "Request.Uri", "/");
	web_page(w, "error.cs", error_title(status));
}

/* Turns the request into an error page for rc (an MDG_* code). */
static void error_page(web *w, int rc)
{
	http_req *r = w->r;
	free(r->redirect);
	r->redirect = NULL;
	free(r->send_file);
	r->send_file = NULL;
	w->content_type = NULL;
	buf_reset(&r->body);
	if (web_open311_error(w, status_for(rc)))
		return;
	if (rc == MDG_EUTF8)
		web_set(w, "Error.Detail", "%s", "utf8");
	show_error(w, status_for(rc));
}

static void load_session(web *w)
{
	const char *token = http_cookie(w->r, SESSION_COOKIE);
	if (!token || !w->app->db)
		return;
	int rc = session_lookup(w->app->db, token, &w->app->session, &w->me);
	if (rc == MDG_EDB)
		w->db_down = true; /* signed in or not: unknowable, so 503 */
	if (rc != MDG_OK)
		return;
	w->signed_in = true;
	snprintf(w->session_token, sizeof w->session_token, "%s", token);
	w->r->account_id = w->me.id;
	w->who.account_id = w->me.id;
	w->staff = strcmp(w->me.kind, "staff") == 0;
	/* Without their roles a staff member may do nothing: treat a failed
	 * lookup as no roles (the handler's own queries will report the DB). */
	if (w->staff && perm_load(w->app->db, w->me.id, &w->perm) != MDG_OK)
		perm_free(&w->perm);
}

/* Before sign-in, CSRF tokens are bound to a random anonymous cookie. */
static void ensure_anon(web *w)
{
	const char *anon = http_cookie(w->r, ANON_COOKIE);
	if (anon && strlen(anon) == CRYPTO_TOKEN_TEXT - 1) {
		snprintf(w->anon, sizeof w->anon, "%s", anon);
		return;
	}
	crypto_token(w->anon);
	http_set_cookie(w->r, ANON_COOKIE, w->anon, -1);
}

static const char *csrf_binding(const web *w)
{
	return w->signed_in ? w->session_token : w->anon;
}

/* Values every page's layout uses. */
static void fill_common(web *w)
{
	csrf_token(w->app->secret, sizeof w->app->secret, csrf_binding(w), w->csrf);
	hdf_set_value(w->hdf, "CSRF", w->csrf);
	/* A new idempotency key for each rendering of a create form
	 * (macros.cs idem_field; lib/db/idem.h). */
	char idem[CRYPTO_TOKEN_TEXT];
	crypto_token(idem);
	hdf_set_value(w->hdf, "Idem", idem);
	hdf_set_value(w->hdf, "Request.Path", w->r->path);
	hdf_set_value(w->hdf, "Request.Uri", w->r->uri);
	/* The mark of a closed account's name, for person() in macros.cs. */
	hdf_set_value(w->hdf, "Person.Closed", PERSON_CLOSED);
	/* The forms' maxlength: the same limits the handlers check. */
	web_set(w, "Limit.Reason", "%d", CASE_REASON_MAX);
	web_set(w, "Limit.Answer", "%d", CASE_ANSWER_MAX);
	if (w->signed_in) {
		hdf_set_value(w->hdf, "Session.Name", w->me.name);
		hdf_set_value(w->hdf, "Session.Login", w->me.login_id);
		hdf_set_value(w->hdf, "Session.Kind", w->me.kind);
		hdf_set_value(w->hdf, "Session.Staff", w->staff ? "1" : "0");
		/* Which parts of the dashboard the navigation offers. */
		if (perm_is_admin(&w->perm))
			hdf_set_value(w->hdf, "Session.Admin", "1");
		if (perm_is_global_admin(&w->perm))
			hdf_set_value(w->hdf, "Session.AdminGlobal", "1");
		if (perm_sees_reports(&w->perm))
			hdf_set_value(w->hdf, "Session.Reports", "1");
		if (perm_holds(&w->perm, PERM_CALLS))
			hdf_set_value(w->hdf, "Session.Calls", "1");
		if (perm_calls_only(&w->perm))
			hdf_set_value(w->hdf, "Session.CallsOnly", "1");
		if (web_decides_penalties(w))
			hdf_set_value(w->hdf, "Session.Penalties", "1");
		if (perm_holds(&w->perm, PERM_MODERATOR | PERM_ADMIN))
			hdf_set_value(w->hdf, "Session.Moderator", "1");
	}
}

/* Finds the route; on a miss sets *status to 404 or 405 (with Allow). */
static const web_route *find_route(web *w, int *status)
{
	const char *method = strcmp(w->r->method, "HEAD") == 0 ? "GET" : w->r->method;
	buf allow = {0};
	const web_route *found = NULL;
	for (size_t i = 0; i < web_nroutes && !found; i++) {
		if (!route_match(web_routes[i].pattern, w->r->path, w->r))
			continue;
		if (strcmp(web_routes[i].method, method) == 0)
			found = &web_routes[i];
		else if (!strstr(buf_str(&allow), web_routes[i].method))
			buf_printf(&allow, "%s%s%s", allow.len ? ", " : "", web_routes[i].method,
				   strcmp(web_routes[i].method, "GET") == 0 ? ", HEAD" : "");
	}
	if (!found) {
		*status = allow.len ? 405 : 404;
		if (allow.len)
			http_header(w->r, "Allow", buf_str(&allow));
	}
	buf_free(&allow);
	return found;
}

static bool access_ok(const web *w, enum web_access access, int *rc)
{
	bool staff = w->signed_in && w->staff;
	*rc = MDG_OK;
	switch (access) {
	case ACCESS_PUBLIC:
	case ACCESS_SIGNED:
		return true;
	case ACCESS_ACCOUNT:
		return w->signed_in;
	case ACCESS_CITIZEN:
		if (staff)
			*rc = MDG_EDENIED; /* staff file cases by another route */
		return w->signed_in && !staff;
	case ACCESS_OWNER:
		if (staff)
			*rc = MDG_EDENIED;
		return !staff && (w->signed_in || kv_get(&w->r->query, "k") || kv_get(&w->r->form, "k"));
	case ACCESS_STAFF:
		return staff;
	case ACCESS_ADMIN:
	case ACCESS_GLOBAL_ADMIN:
	case ACCESS_REPORTS:
		/* Staff without the role are refused; others sign in first. */
		if (staff && !(access == ACCESS_ADMIN	      ? perm_is_admin(&w->perm)
			       : access == ACCESS_GLOBAL_ADMIN ? perm_is_global_admin(&w->perm)
							       : perm_sees_reports(&w->perm)))
			*rc = MDG_EDENIED;
		return staff && *rc == MDG_OK;
	}
	return false;
}

/* The sign-in page, to come back to path afterwards. */
static void redirect_to_login(web *w)
{
	char *target = NULL;
	buf enc = {0};
	pct_encode(&enc, w->r->path, "/");
	target = xasprintf("/login?next=%s", buf_str(&enc));
	http_redirect(w->r, target);
	free(target);
	buf_free(&enc);
}

/* A password an administrator set is changed before anything else: every
 * page but the form (and signing out, the language) leads there. */
static bool password_change_due(const web *w, const web_route *route)
{
	return w->signed_in && w->me.must_change_password && route->handler != page_account_form &&
	       route->handler != page_account_password && route->handler != page_logout &&
	       route->handler != page_lang && route->handler != page_healthz;
}

static int run_route(web *w, const web_route *route)
{
	http_req *r = w->r;
	int rc;
	/* The probes answer without the DB: they report its absence. */
	if ((!w->app->db || w->db_down) && route->handler != page_healthz && route->handler != page_metrics)
		return MDG_EDB;
	if (strcmp(route->method, "POST") == 0) {
		/* Kannel posts a message from a phone as text/plain. */
		rc = route->handler == page_sms_in ? http_req_read_text(r, &w->app->limits)
						   : http_req_read_body(r, &w->app->limits, w->app->tmp);
		if (rc != MDG_OK)
			return rc;
		/* A signed link's POST is authenticated by its path (checked
		 * by its handler), not by a session. */
		if (route->access != ACCESS_SIGNED &&
		    !csrf_valid(w->app->secret, sizeof w->app->secret, csrf_binding(w),
				kv_get(&r->form, CSRF_FIELD))) {
			log_warn("CSRF token missing or wrong");
			return MDG_EDENIED;
		}
	}
	if (!access_ok(w, route->access, &rc)) {
		if (rc != MDG_OK)
			return rc;
		redirect_to_login(w);
		return MDG_OK;
	}
	if (password_change_due(w, route)) {
		http_redirect(r, "/account");
		return MDG_OK;
	}
	return route->handler(w);
}

/* Renders the page into the response body, unless the handler made its
 * own answer (a redirect, a file, another type); returns the answer's
 * content type (NULL for none). Nothing is sent yet. */
static const char *finish_response(web *w)
{
	http_req *r = w->r;
	if (r->redirect || r->send_file || w->content_type)
		return w->content_type;
	web_notify_layout(w);
	if (render_template(w->hdf, "layout.cs", &r->body) != MDG_OK) {
		buf_reset(&r->body);
		r->status = 500;
		/* The layout itself failed: a minimal page rather than none. */
		buf_puts(&r->body, "<!doctype html><title>500</title><h1>500</h1>");
	}
	return "text/html; charset=utf-8";
}

/* The length of path to log: a signed link's path ends in its token, a
 * credential, which the log leaves out (as nginx's madang_access format
 * does, deploy/nginx/madang.conf). */
static int loggable_length(const char *path)
{
	static const char *const signed_prefixes[] = {"/unsubscribe/", "/rate/", "/reset/", "/verify/email/"};
	for (size_t i = 0; i < MDG_ARRAY_LEN(signed_prefixes); i++)
		if (strncmp(path, signed_prefixes[i], strlen(signed_prefixes[i])) == 0)
			return (int)strlen(signed_prefixes[i]);
	return (int)strlen(path);
}

/* Milliseconds since the request's start. */
static double elapsed_ms(const web *w)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - w->r->started.tv_sec) * 1000.0 +
	       (double)(now.tv_nsec - w->r->started.tv_nsec) / 1e6;
}

/* The class /metrics counts a request under: who may call its route
 * (the probes apart), "unrouted" for a 404 or 405 of the router. */
static const char *route_class(const web_route *route)
{
	if (!route)
		return "unrouted";
	if (route->handler == page_healthz || route->handler == page_metrics)
		return "health";
	switch (route->access) {
	case ACCESS_PUBLIC: return "public";
	case ACCESS_SIGNED: return "signed";
	case ACCESS_ACCOUNT: return "account";
	case ACCESS_CITIZEN: return "citizen";
	case ACCESS_OWNER: return "owner";
	case ACCESS_STAFF: return "staff";
	case ACCESS_ADMIN:
	case ACCESS_GLOBAL_ADMIN: return "admin";
	case ACCESS_REPORTS: return "reports";
	}
	return "other";
}

static void access_log(const web *w, double ms)
{
	const char *path = w->r->path ? w->r->path : "";
	int n = loggable_length(path);
	log_info("%s %.*s%s %d %.1fms account=%lld", w->r->method, n, path, path[n] ? "-" : "", w->r->status, ms,
		 w->r->account_id);
}

/* The POSTs that change nothing a public page shows and come often:
 * signing in and out, the language. They keep the page cache. */
static bool keeps_public_pages(const web_route *route)
{
	return route->handler == page_login || route->handler == page_login_code || route->handler == page_logout ||
	       route->handler == page_lang;
}

/* Read-your-writes on a Galera cluster (db.sync_wait_after_write): a
 * person's successful POST leaves this cookie for a few seconds, and their
 * requests while it lasts read with wsrep_sync_wait (db_sync_reads), so
 * the page the POST redirects to shows its change even when a failover
 * put this worker on another node meanwhile. Off (0, the default): no
 * cookie and no query. */
#define SYNC_COOKIE "mdg_sync"
#define SYNC_COOKIE_SECONDS 10

static bool sync_after_write(const web_app *app)
{
	return config_long(app->cfg, "db.sync_wait_after_write", 0, 0, 1) == 1;
}

void web_serve(web_app *app, FCGX_Request *fcgi)
{
	http_req r;
	web w;
	int rc, status = 0;
	const web_route *route = NULL;

	memset(&w, 0, sizeof w);
	w.app = app;
	w.r = &r;
	rc = http_req_init(&r, fcgi, &app->limits);
	w.who.client_addr = r.remote_addr;
	/* Behind a TLS terminator that does not pass HTTPS=on, the setting
	 * still gives the HTTPS posture: __Host- cookies, Secure, HSTS. */
	r.https = r.https || app->https;
	/* The map's tiles, when a tile server is configured. */
	r.img_src = app->map.tile_origin[0] ? app->map.tile_origin : NULL;
	log_set_request_id(r.rid);
	if (!app->db && db_connect(app->cfg, &app->db) != MDG_OK)
		app->db = NULL;
	/* Before the session is read: the POST may have been a sign-in. */
	if (app->db && sync_after_write(app) && db_sync_reads(app->db, http_cookie(&r, SYNC_COOKIE) != NULL) != MDG_OK)
		log_warn("db: read-your-writes not set: %s", db_error(app->db));
	load_session(&w);
	if (!w.signed_in)
		ensure_anon(&w);
	const char *preferred = http_cookie(&r, "lang");
	if (!preferred && w.signed_in && w.me.lang[0])
		preferred = w.me.lang;
	w.lang = render_pick_lang(preferred, r.accept_language);
	w.hdf = render_request_hdf(w.lang);
	fill_common(&w);

	if (rc == MDG_OK) {
		route = find_route(&w, &status);
		if (route)
			rc = run_route(&w, route);
		/* Any POST may have changed what a cached public page shows
		 * (a setting, a name, a case through a path without its own
		 * purge): the cache is emptied before the answer, whatever the
		 * handler returned (it may fail after its commit). */
		if (route && strcmp(route->method, "POST") == 0 && !keeps_public_pages(route))
			page_cache_purge_all();
	}
	if (rc != MDG_OK) {
		if (rc == MDG_ERR)
			log_error("handler failed: %s %.*s", r.method, r.path ? loggable_length(r.path) : 0, r.path ? r.path : "");
		error_page(&w, rc);
	} else if (status && !web_open311_error(&w, status)) {
		show_error(&w, status);
	}
	/* A failed transaction must not leak into the next request. */
	if (app->db) {
		db_rollback(app->db);
		idem_disarm(app->db); /* its key lived on the handler's stack */
	}
	if (rc == MDG_OK && r.method && strcmp(r.method, "POST") == 0 && sync_after_write(app))
		http_set_cookie(&r, SYNC_COOKIE, "1", SYNC_COOKIE_SECONDS);
	const char *content_type = finish_response(&w);
	web_cache_finish(&w, content_type);
	web_usage_count(&w, content_type);
	/* Everything but the sending is done before it: http_send writes the
	 * answer and ends the FastCGI request in one write(), the request's
	 * last act, so the access line is not lost to a worker killed after
	 * answering and the next request in the queue is taken at once. */
	render_request_done(w.hdf);
	perm_free(&w.perm);
	double ms = elapsed_ms(&w);
	access_log(&w, ms);
	metrics_request(route_class(route), r.status, ms);
	log_set_request_id(NULL);
	http_send(&r, content_type);
	/* The usage counts of the last seconds, now that the answer is out. */
	web_usage_flush(app, false);
	/* The page cache's purged trees (page_cache.h), the answer being out. */
	page_cache_tidy();
	http_req_free(&r);
}
