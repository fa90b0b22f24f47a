/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* util.c: helpers shared by the handlers: page data, paging, forms. */
#include "web.h"
#include "auth/password.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "http/encode.h"
#include "notes/note.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void web_page(web *w, const char *template, const char *title_key)
{
	w->r->template = template;
	hdf_set_value(w->hdf, "Page.Template", template);
	hdf_set_value(w->hdf, "Page.TitleKey", title_key);
	/* The header's unread notes: one covered index read per page shown
	 * (not per request: redirects and downloads skip it), after the
	 * handler, so that a note just opened no longer counts. A failure
	 * only leaves the count out. */
	long notes = 0;
	if (w->signed_in && w->app->db && note_unread(w->app->db, w->me.id, &notes) == MDG_OK && notes > 0)
		web_set(w, "Session.NotesUnread", "%ld", notes);
}

void web_set(web *w, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *v = NULL;
	if (vasprintf(&v, fmt, ap) < 0)
		abort();
	va_end(ap);
	hdf_set_value(w->hdf, name, v);
	free(v);
}

void web_pager(web *w, long page, long total, long page_size)
{
	long pages = total ? (total + page_size - 1) / page_size : 1;
	web_set(w, "Pager.Page", "%ld", page);
	web_set(w, "Pager.Pages", "%ld", pages);
	web_set(w, "Pager.Total", "%ld", total);
	if (page > 1)
		web_set(w, "Pager.Prev", "%ld", page - 1);
	if (page < pages)
		web_set(w, "Pager.Next", "%ld", page + 1);
}

int web_page_number(web *w, long *page)
{
	const char *s = kv_get(&w->r->query, "page");
	*page = 1;
	if (!s || !*s)
		return MDG_OK;
	return text_parse_long(s, 1, 100000, page);
}

viewer web_viewer(const web *w)
{
	viewer v = {0};
	if (w->signed_in) {
		v.account_id = w->me.id;
		v.staff = w->staff;
	}
	v.location_decimals = w->app->map.public_decimals;
	v.address_mode = w->app->map.public_address;
	return v;
}

int web_sign_in(web *w, long long account_id)
{
	char token[CRYPTO_TOKEN_TEXT];
	/* A new token at every sign-in; the old one, if any, ends. */
	const char *old = http_cookie(w->r, SESSION_COOKIE);
	if (old)
		(void)session_delete(w->app->db, old);
	int rc = session_create(w->app->db, account_id, w->r->remote_addr, token);
	if (rc != MDG_OK)
		return rc;
	http_set_cookie(w->r, SESSION_COOKIE, token, -1);
	return MDG_OK;
}

void web_refuse_throttled(web *w, long retry_after)
{
	char secs[24];
	snprintf(secs, sizeof secs, "%ld", retry_after > 0 ? retry_after : 1);
	w->r->status = 429;
	http_header(w->r, "Retry-After", secs);
	web_flash_error(w, "Throttled");
}

void web_flash(web *w, const char *key)
{
	hdf_set_value(w->hdf, "Flash", key);
}

void web_flash_error(web *w, const char *key)
{
	hdf_set_value(w->hdf, "Flash", key);
	hdf_set_value(w->hdf, "FlashKind", "error");
}

bool web_flash_done(web *w, const web_done *done, size_t n)
{
	const char *key = kv_get(&w->r->query, "done");
	for (size_t i = 0; key && i < n; i++)
		if (strcmp(key, done[i].key) == 0) {
			web_flash(w, done[i].msg);
			return true;
		}
	return false;
}

void web_redirect(web *w, const char *fmt, ...)
{
	va_list ap;
	char *target = NULL;
	va_start(ap, fmt);
	if (vasprintf(&target, fmt, ap) < 0)
		abort();
	va_end(ap);
	http_redirect(w->r, target);
	free(target);
}

/* Redirects to where the POST with k went; false when not recorded. */
static bool idem_redirect(web *w, const idem_key *k, int *rc)
{
	bool found = false;
	char location[IDEM_LOCATION_MAX + 1];
	*rc = idem_lookup(w->app->db, k, &found, location, sizeof location);
	if (*rc != MDG_OK)
		return true;
	if (found) {
		log_info("idempotency key seen again: redirected to %s", location);
		http_redirect(w->r, location);
	}
	return found;
}

bool web_idem_start(web *w, idem_key *k, const char *prefix, const char *text, const char *suffix, int *rc)
{
	*rc = MDG_OK;
	/* What was posted, as the key's content: every field but the CSRF
	 * token (each with its length, so no two differ only in where one
	 * ends), and the files' names and sizes. */
	buf content = {0};
	for (const kv *f = w->r->form.head; f; f = f->next)
		if (strcmp(f->key, CSRF_FIELD) != 0)
			buf_printf(&content, "%zu:%s=%zu:%s\n", strlen(f->key), f->key, f->vlen, f->val);
	for (const upload *u = w->r->files; u; u = u->next)
		buf_printf(&content, "file %s %zu:%s %zu\n", u->field, strlen(u->filename), u->filename, (size_t)u->size);
	bool keyed = idem_init(k, kv_get(&w->r->form, "idem"), w->signed_in ? w->me.id : 0, w->anon, w->r->path,
			       buf_str(&content));
	buf_free(&content);
	if (!keyed)
		return false;
	if (idem_redirect(w, k, rc))
		return true;
	k->prefix = prefix;
	k->text = text;
	k->suffix = suffix;
	idem_arm(w->app->db, k);
	return false;
}

bool web_idem_raced(web *w, idem_key *k, int rc)
{
	int found_rc = MDG_OK;
	idem_disarm(w->app->db);
	return rc != MDG_OK && k->taken && idem_redirect(w, k, &found_rc) && found_rc == MDG_OK;
}

long long web_param_id(const web *w)
{
	long id = 0;
	if (!w->r->params[0] || text_parse_long(w->r->params[0], 1, FORM_ID_MAX, &id) != MDG_OK)
		return 0;
	return id;
}

void web_send_attachment(web *w, char *path, char *name, char *mime)
{
	char *disposition = http_content_disposition(name);
	http_header(w->r, "Content-Disposition", disposition);
	w->r->send_file = path;
	w->content_type = strcmp(mime, "text/plain") == 0 ? "text/plain; charset=utf-8" : mime;
	/* w->content_type must outlive this function: keep the static copy. */
	static char type_buf[128];
	snprintf(type_buf, sizeof type_buf, "%s", w->content_type);
	w->content_type = type_buf;
	free(disposition);
	free(name);
	free(mime);
}

int web_password_check(web *w, form *f, const char *field)
{
	char hash[256] = "";
	long long id = 0;
	long retry_after = 0;
	db *d = w->app->db;
	int rc = account_find_login(d, w->me.login_id, &id, hash, sizeof hash);
	if (rc != MDG_OK)
		return rc;
	rc = throttle_attempt(d, &w->app->throttle, w->me.login_id, w->r->remote_addr, &retry_after);
	if (rc == MDG_ETHROTTLED)
		web_refuse_throttled(w, retry_after);
	if (rc != MDG_OK)
		return rc;
	if (!password_verify(hash, form_text(f, field))) {
		form_fail(f, field, "current_wrong");
		return MDG_OK;
	}
	return throttle_success(d, w->me.login_id, w->r->remote_addr);
}

int web_temp_file(web *w, const char *prefix, char *path, size_t len)
{
	snprintf(path, len, "%s/%s-XXXXXX", w->app->tmp, prefix);
	int fd = mkstemp(path);
	if (fd < 0)
		return MDG_ERR;
	close(fd);
	upload *u = xcalloc(1, sizeof *u);
	u->field = xstrdup(prefix);
	u->filename = xstrdup("");
	u->content_type = xstrdup("");
	u->path = xstrdup(path);
	u->next = w->r->files;
	w->r->files = u;
	return MDG_OK;
}
