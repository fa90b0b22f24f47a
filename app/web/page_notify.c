/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_notify.c: the web side of the notifier: notice preferences, the
 * web inbox of notices, the staff's real-time alert (layout and JSON),
 * the supervisor's outbox, the call centre's callback queue, Kannel's
 * delivery reports and the SMS from phones that Kannel passes on (SMS
 * intake, handled by lib/intake/sms_in.c). */
#include "web.h"
#include "auth/consent.h"
#include "cases/dossier.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "intake/sms_in.h"
#include "notify/notice_inbox.h"
#include "notify/outbox.h"
#include "notify/rating.h"
#include "notify/sms.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An id in the query or the path (1 ... FORM_ID_MAX), 0 when s is none. */
static long long id_of(const char *s)
{
	long id = 0;
	if (!s || text_parse_long(s, 1, (long)FORM_ID_MAX, &id) != MDG_OK)
		return 0;
	return id;
}

/* ---------------------------------------------------------- preferences */

/* The preferences' form. On an error the whole account page is shown
 * again (page_account_form), whose section of preferences
 * view_notify_prefs.c fills: this file calls the account page, never the
 * other way round. */
int page_account_notify(web *w)
{
	static const field_spec fields[] = {
		{"notify_email", FIELD_CHECKBOX, false, 0, 0, 0},
		{"notify_sms", FIELD_CHECKBOX, false, 0, 0, 0},
		{"notify_digest", FIELD_CHECKBOX, false, 0, 0, 0},
	};
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	account_notify n = {
		.email = form_on(&f, "notify_email"),
		.sms = form_on(&f, "notify_sms"),
		.digest = form_on(&f, "notify_digest"),
	};
	hdf_set_value(w->hdf, "Notify.Posted", "1");
	if (n.sms && !w->me.mobile[0])
		form_fail(&f, "notify_sms", "notify_no_mobile");
	/* The digest replaces staff's mail per case; citizens have none. */
	if (n.digest && !w->staff)
		form_fail(&f, "notify_digest", "notify_staff_only");
	if (f.errors) {
		w->r->status = 400;
		web_flash_error(w, "FixErrors");
		return page_account_form(w);
	}
	/* The SMS box is disabled without a mobile number: its stored
	 * choice stays for when a number is added. */
	account_notify stored;
	int rc = account_get_notify(w->app->db, w->me.id, &stored);
	if (rc != MDG_OK)
		return rc;
	if (!w->me.mobile[0])
		n.sms = stored.sms;
	rc = account_set_notify(w->app->db, w->me.id, &n);
	/* SMS notices are an optional consent: its history records each turn. */
	if (rc == MDG_OK && n.sms != stored.sms)
		rc = consent_record(w->app->db, w->me.id, CONSENT_KIND_SMS, CONSENT_SMS_VERSION, n.sms, 0);
	if (rc != MDG_OK)
		return rc;
	log_info("notice preferences of %lld: email=%d sms=%d digest=%d", w->me.id, n.email, n.sms, n.digest);
	http_redirect(w->r, "/account?done=notify");
	return MDG_OK;
}

/* -------------------------------------------------------------- notices */

/* True for a kind safe to use in an HDF name (the stored kinds are). */
static bool kind_ok(const char *kind)
{
	size_t n = strlen(kind);
	return n > 0 && n < 32 && strspn(kind, "abcdefghijklmnopqrstuvwxyz_") == n;
}

/* The line of one notice in the request's language, into out. */
static void notice_line(web *w, const char *kind, const char *payload, buf *out)
{
	char name[64];
	const char *pattern = NULL;
	if (kind_ok(kind)) {
		snprintf(name, sizeof name, "L.Notice.%s", kind);
		pattern = hdf_get_value(w->hdf, name, NULL);
	}
	if (!pattern)
		pattern = hdf_get_value(w->hdf, "L.Notice.other", "");
	(void)notices_text(pattern, payload, out);
}

/* True for a path of this site that a notice may lead to: "/" and then
 * letters, digits and "/-_", nothing that could leave the site or carry
 * a query. */
static bool local_path(const char *p)
{
	if (!p || p[0] != '/' || p[1] == '/' || strlen(p) > 64)
		return false;
	for (const char *c = p + 1; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("/-_", *c))
			return false;
	return true;
}

/* Where a notice leads: the case page of its reader (the staff's or the
 * citizen's), or the page its payload's "link" names (notice_account),
 * with ?notice=ID so that opening it marks it read (web_notice_opened),
 * or the inbox when it is about nothing with a page. */
static void notice_url(long long id, const char *kind, const char *tracking, const char *payload, char *out,
		       size_t n)
{
	char link[80];
	notices_payload_str(payload, "link", link, sizeof link);
	if (tracking && *tracking)
		snprintf(out, n, "%s/%s?notice=%lld", notices_kind_staff(kind) ? "/staff/cases" : "/cases", tracking, id);
	else if (local_path(link))
		snprintf(out, n, "%s?notice=%lld", link, id);
	else
		snprintf(out, n, "%s", "/account/notices");
}

void web_notice_opened(web *w)
{
	long long id = id_of(kv_get(&w->r->query, "notice"));
	if (!w->signed_in || !id)
		return;
	/* Only the reader's own notice changes; a failure costs a mark. */
	(void)notices_mark_read(w->app->db, w->me.id, id);
}

/* Copies notices (notices_list's rows) to prefix.N.{id, kind, text, at,
 * iso, unread, tracking, url}. */
static void fill_notices(web *w, const char *prefix, const db_result *r)
{
	char name[128], url[112];
	for (unsigned i = 0; i < r->nrows; i++) {
		notice_row n;
		buf text = {0};
		notices_row(r, i, &n);
		notice_line(w, n.kind, n.payload, &text);
		notice_url(n.id, n.kind, n.tracking, n.payload, url, sizeof url);
#define SET(field, value)                                                       \
	do {                                                                    \
		snprintf(name, sizeof name, "%s.%u.%s", prefix, i, field);      \
		hdf_set_value(w->hdf, name, value);                             \
	} while (0)
		snprintf(name, sizeof name, "%s.%u.id", prefix, i);
		web_set(w, name, "%lld", n.id);
		SET("kind", kind_ok(n.kind) ? n.kind : "other");
		SET("text", buf_str(&text));
		SET("at", n.at);
		SET("iso", n.iso);
		SET("unread", n.unread ? "1" : "0");
		SET("url", url);
		if (n.tracking)
			SET("tracking", n.tracking);
#undef SET
		buf_free(&text);
	}
}

int page_notices(web *w)
{
	db_result *r = NULL;
	long page, total = 0, unread = 0;
	int rc = web_page_number(w, &page);
	if (rc != MDG_OK)
		return rc;
	const char *done = kv_get(&w->r->query, "done");
	if (done && strcmp(done, "read") == 0)
		web_flash(w, "NoticesRead");
	rc = notices_list(w->app->db, w->me.id, page, &r, &total);
	if (rc == MDG_OK)
		rc = notices_unread(w->app->db, w->me.id, &unread);
	if (rc != MDG_OK)
		goto done;
	fill_notices(w, "Notices", r);
	web_pager(w, page, total, NOTICES_PAGE_SIZE);
	web_set(w, "NoticesUnread", "%ld", unread);
	web_page(w, "account/notices.cs", "Notices");
done:
	db_result_free(r);
	return rc;
}

int page_notices_read(web *w)
{
	long marked = 0;
	int rc = notices_mark_all_read(w->app->db, w->me.id, &marked);
	if (rc != MDG_OK)
		return rc;
	log_info("notices of %lld marked read: %ld", w->me.id, marked);
	http_redirect(w->r, "/account/notices?done=read");
	return MDG_OK;
}

void web_notify_layout(web *w)
{
	db_result *r = NULL;
	long unread = 0;
	/* Only pages that are shown (not redirects, files or JSON), and never
	 * when the database is why the page failed. */
	if (!w->signed_in || !w->app->db || w->db_down || w->r->status >= 500)
		return;
	if (notices_unread(w->app->db, w->me.id, &unread) != MDG_OK)
		return;
	web_set(w, "Notify.Unread", "%ld", unread);
	if (!w->staff)
		return;
	hdf_set_value(w->hdf, "Notify.Alert", "1");
	/* How often alerts.js asks (data-poll-ms): 20 s unless the
	 * configuration says otherwise (the browser test asks every second). */
	web_set(w, "Notify.PollMs", "%ld", config_long(w->app->cfg, "web.alert_poll_ms", 20000, 1000, 600000));
	if (unread > 0 && notices_latest_unread(w->app->db, w->me.id, NOTICES_ALERT_ITEMS, &r) == MDG_OK)
		fill_notices(w, "Notify.Latest", r);
	db_result_free(r);
}

/* A small JSON answer: {"error": reason} with status. */
static int json_error(web *w, int status, const char *reason)
{
	json_t *o = json_pack("{s:s}", "error", reason);
	char *s = json_dumps(o, JSON_COMPACT);
	w->r->status = status;
	buf_puts(&w->r->body, s ? s : "{}");
	free(s);
	json_decref(o);
	w->content_type = "application/json; charset=utf-8";
	return MDG_OK;
}

int page_staff_alerts(web *w)
{
	db_result *r = NULL;
	long unread = 0;
	char url[112];
	json_t *root = NULL, *items = NULL;
	char *text = NULL;
	/* A machine asks: an answer it can read, not the sign-in page. */
	if (!w->signed_in)
		return json_error(w, 401, "sign_in");
	if (!w->staff)
		return json_error(w, 403, "staff_only");
	int rc = notices_unread(w->app->db, w->me.id, &unread);
	if (rc == MDG_OK && unread > 0)
		rc = notices_latest_unread(w->app->db, w->me.id, NOTICES_ALERT_ITEMS, &r);
	if (rc != MDG_OK)
		goto done;
	root = json_object();
	items = json_array();
	json_object_set_new(root, "unread", json_integer(unread));
	for (unsigned i = 0; r && i < r->nrows; i++) {
		notice_row n;
		buf line = {0};
		notices_row(r, i, &n);
		notice_line(w, n.kind, n.payload, &line);
		notice_url(n.id, n.kind, n.tracking, n.payload, url, sizeof url);
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)n.id, "kind",
						       kind_ok(n.kind) ? n.kind : "other", "text", buf_str(&line),
						       "url", url, "at", n.iso));
		buf_free(&line);
	}
	json_object_set(root, "items", items);
	/* The texts are UTF-8 from the database and the language files;
	 * json_dumps escapes what JSON needs, and the client inserts them as
	 * text, never as markup. */
	text = json_dumps(root, JSON_COMPACT);
	if (!text) {
		rc = MDG_ERR;
		goto done;
	}
	buf_puts(&w->r->body, text);
	w->content_type = "application/json; charset=utf-8";
done:
	free(text);
	json_decref(items);
	json_decref(root);
	db_result_free(r);
	return rc;
}

/* ---------------------------------------------------------------- outbox */

/* A recipient as the supervisor's list shows it: enough to recognise
 * (the first two characters and the domain of an address, the start and
 * the last two digits of a number), not a directory of contacts. */
static void mask_recipient(const char *channel, const char *in, char *out, size_t n)
{
	size_t len = strlen(in);
	if (strcmp(channel, "email") == 0) {
		const char *at = strrchr(in, '@');
		size_t local = at ? (size_t)(at - in) : len;
		snprintf(out, n, "%.*s***%s", (int)(local < 2 ? local : 2), in, at ? at : "");
		return;
	}
	if (len <= 6) {
		snprintf(out, n, "%s", "***");
		return;
	}
	snprintf(out, n, "%.*s****%s", (int)(len - 6), in, in + len - 2);
}

static bool outbox_state_ok(const char *s)
{
	static const char *const states[] = {"pending", "dead", "sent", "cancelled"};
	for (size_t i = 0; i < MDG_ARRAY_LEN(states); i++)
		if (strcmp(s, states[i]) == 0)
			return true;
	return false;
}

int page_admin_outbox(web *w)
{
	db_result *counts = NULL, *rows = NULL;
	long page, total = 0;
	char name[96], masked[300];
	const char *state = kv_get(&w->r->query, "state");
	int rc = web_page_number(w, &page);
	if (rc != MDG_OK)
		return rc;
	if (state && *state && !outbox_state_ok(state))
		return MDG_EINVAL; /* no link makes another */
	if (state && !*state)
		state = NULL;
	const char *done = kv_get(&w->r->query, "done");
	if (done && strcmp(done, "retried") == 0)
		web_flash(w, "OutboxRetried");
	else if (done && strcmp(done, "cancelled") == 0)
		web_flash(w, "OutboxCancelled");
	rc = outbox_counts(w->app->db, &counts);
	if (rc == MDG_OK)
		rc = outbox_list(w->app->db, state, page, &rows, &total);
	if (rc != MDG_OK)
		goto done;
	for (unsigned i = 0; i < counts->nrows; i++) {
		const char *st = db_get(counts, i, "state", "");
		if (!outbox_state_ok(st))
			continue;
		snprintf(name, sizeof name, "Outbox.Counts.%s", st);
		hdf_set_value(w->hdf, name, db_get(counts, i, "n", "0"));
	}
	db_rows_hdf(rows, w->hdf, "Outbox.Rows");
	for (unsigned i = 0; i < rows->nrows; i++) {
		mask_recipient(db_get(rows, i, "channel", ""), db_get(rows, i, "recipient", ""), masked, sizeof masked);
		snprintf(name, sizeof name, "Outbox.Rows.%u.recipient", i);
		hdf_set_value(w->hdf, name, masked);
		const char *st = db_get(rows, i, "state", "");
		if (strcmp(st, "dead") == 0 || strcmp(st, "pending") == 0) {
			snprintf(name, sizeof name, "Outbox.Rows.%u.actions", i);
			hdf_set_value(w->hdf, name, "1");
		}
	}
	hdf_set_value(w->hdf, "Outbox.State", state ? state : "");
	web_set(w, "Outbox.PagerBase", "/admin/outbox?state=%s&", state ? state : "");
	web_pager(w, page, total, OUTBOX_PAGE_SIZE);
	hdf_set_value(w->hdf, "Admin.Section", "outbox");
	web_page(w, "admin/outbox.cs", "AdminOutbox");
done:
	db_result_free(counts);
	db_result_free(rows);
	return rc;
}

/* Retry or cancel one row, then back to the list it was on. */
static int outbox_change(web *w, bool retry)
{
	static const field_spec fields[] = {
		{"state", FIELD_LINE, false, 16, 0, 0},
	};
	long long id = id_of(w->r->params[0]);
	char target[96];
	form f;
	if (!id)
		return MDG_ENOTFOUND;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return MDG_EINVAL;
	const char *state = form_text(&f, "state");
	if (*state && !outbox_state_ok(state))
		return MDG_EINVAL;
	int rc = retry ? outbox_retry(w->app->db, &w->who, id) : outbox_cancel(w->app->db, &w->who, id);
	if (rc == MDG_ENOTFOUND) {
		/* Sent, cancelled or in a notifier's hands meanwhile: say so. */
		w->r->status = 409;
		web_flash_error(w, "OutboxUnchanged");
		kv_add(&w->r->query, "state", state, strlen(state));
		return page_admin_outbox(w);
	}
	if (rc != MDG_OK)
		return rc;
	log_info("outbox %lld %s by %lld", id, retry ? "retried" : "cancelled", w->me.id);
	snprintf(target, sizeof target, "/admin/outbox?state=%s&done=%s", state, retry ? "retried" : "cancelled");
	http_redirect(w->r, target);
	return MDG_OK;
}

int page_admin_outbox_retry(web *w)
{
	return outbox_change(w, true);
}

int page_admin_outbox_cancel(web *w)
{
	return outbox_change(w, false);
}

/* ------------------------------------------------------------- callbacks */

/* The call centre: agents, and supervisors who run it, each for the
 * cases of their scope (show_callbacks, page_staff_callback_done). */
static bool may_call(const web *w)
{
	return perm_holds(&w->perm, PERM_CALLS);
}

static int show_callbacks(web *w)
{
	db_result *r = NULL;
	long page, total = 0;
	char name[96], mobile[TEXT_MOBILE_SHOWN];
	int rc = web_page_number(w, &page);
	if (rc != MDG_OK)
		return rc;
	char *reach = perm_departments(&w->perm, PERM_CALLS);
	rc = rating_callbacks(w->app->db, page, w->lang, reach, &r, &total);
	free(reach);
	if (rc != MDG_OK)
		goto done;
	db_rows_hdf(r, w->hdf, "Callbacks");
	/* The citizen's name and number, for the call: a view of personal
	 * data, each in the audit log like the staff case page's. */
	for (unsigned i = 0; i < r->nrows && rc == MDG_OK; i++) {
		db_result *c = NULL;
		rc = dossier_contact(w->app->db, &w->who, db_get_ll(r, i, "case_id", 0), db_get(r, i, "tracking", ""), &c);
		if (rc == MDG_OK) {
			snprintf(name, sizeof name, "Callbacks.%u.name", i);
			hdf_set_value(w->hdf, name, db_get(c, 0, "name", ""));
			snprintf(name, sizeof name, "Callbacks.%u.email", i);
			hdf_set_value(w->hdf, name, db_get(c, 0, "email", ""));
			text_format_mobile(db_get(c, 0, "mobile", ""), mobile, sizeof mobile);
			snprintf(name, sizeof name, "Callbacks.%u.mobile", i);
			hdf_set_value(w->hdf, name, mobile);
		}
		db_result_free(c);
	}
	if (rc != MDG_OK)
		goto done;
	web_pager(w, page, total, RATING_CALLBACK_PAGE);
	web_page(w, "staff/callbacks.cs", "Callbacks");
done:
	db_result_free(r);
	return rc;
}

int page_staff_callbacks(web *w)
{
	if (!may_call(w))
		return MDG_EDENIED;
	const char *done = kv_get(&w->r->query, "done");
	if (done && strcmp(done, "1") == 0)
		web_flash(w, "CallbackDone");
	return show_callbacks(w);
}

int page_staff_callback_done(web *w)
{
	static const field_spec fields[] = {
		{"note", FIELD_TEXT, true, RATING_NOTE_MAX, 0, 0},
	};
	long long id = id_of(w->r->params[0]);
	form f;
	if (!may_call(w))
		return MDG_EDENIED;
	if (!id)
		return MDG_ENOTFOUND;
	long long dept = 0;
	int rc = rating_callback_department(w->app->db, id, &dept);
	if (rc != MDG_OK)
		return rc;
	if (!perm_covers_dept(&w->perm, PERM_CALLS, dept))
		return MDG_EDENIED;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0) {
		/* The message goes beside the form of that row. */
		web_set(w, "Form.row", "%lld", id);
		w->r->status = 400;
		web_flash_error(w, "FixErrors");
		return show_callbacks(w);
	}
	char *note = text_trim(form_text(&f, "note"));
	rc = rating_callback_done(w->app->db, &w->who, id, note);
	free(note);
	if (rc == MDG_ENOTFOUND) {
		w->r->status = 409;
		web_flash_error(w, "CallbackGone");
		return show_callbacks(w);
	}
	if (rc != MDG_OK)
		return rc;
	log_info("callback %lld recorded by %lld", id, w->me.id);
	http_redirect(w->r, "/staff/callbacks?done=1");
	return MDG_OK;
}

/* ------------------------------------------------------- delivery reports */

/* A plain-text answer for Kannel (and whoever reads its log). */
static int plain(web *w, int status, const char *text)
{
	w->r->status = status;
	buf_puts(&w->r->body, text);
	buf_putc(&w->r->body, '\n');
	w->content_type = "text/plain; charset=utf-8";
	return MDG_OK;
}

int page_sms_dlr(web *w)
{
	sms_dlr dlr;
	memset(&dlr, 0, sizeof dlr);
	const char *secret = config_str(w->app->cfg, "sms.dlr_secret", "");
	int rc = sms_dlr_parse(&w->r->query, secret, &dlr);
	if (rc == MDG_EINVAL)
		return plain(w, 400, "malformed delivery report");
	if (rc != MDG_OK) {
		log_warn("SMS delivery report with a bad signature or a parameter not signed (ref %lld)", dlr.ref);
		return plain(w, 403, "bad signature");
	}
	const char *status = sms_dlr_type_name(dlr.type);
	if (!status)
		return plain(w, 400, "unknown report type");
	rc = outbox_record_dlr(w->app->db, dlr.ref, status);
	if (rc == MDG_ENOTFOUND)
		return plain(w, 404, "no such message");
	if (rc == MDG_ECONFLICT) {
		log_warn("SMS %lld: delivery report %s after a final one: refused", dlr.ref, status);
		return plain(w, 409, "a final report was recorded already");
	}
	if (rc != MDG_OK)
		return rc == MDG_EDB ? plain(w, 503, "try again") : plain(w, 500, "not recorded");
	log_info("SMS %lld: delivery report %s", dlr.ref, status);
	return plain(w, 200, "ok");
}

/* ------------------------------------------------------------ SMS intake */

/* The shortest shared secret taken: a short one is guessed. */
#define SMS_IN_SECRET_MIN 16

/* Whether addr is one of the addresses in list (separated by spaces or
 * commas): Kannel's, by sms.in_allow. */
static bool address_allowed(const char *list, const char *addr)
{
	size_t len = addr ? strlen(addr) : 0;
	const char *p = list;
	while (len && *p) {
		p += strspn(p, " ,");
		size_t n = strcspn(p, " ,");
		if (n == len && strncmp(p, addr, n) == 0)
			return true;
		p += n;
	}
	return false;
}

int page_sms_in(web *w)
{
	HDF *cfg = w->app->cfg;
	const char *secret = config_str(cfg, "sms.in_secret", "");
	long category = config_long(cfg, "sms.in_category", 0, 0, (long)FORM_ID_MAX);
	const char *given = kv_get(&w->r->query, "secret");
	const char *addr = w->r->remote_addr ? w->r->remote_addr : "?";
	sms_in_result res;
	if (strlen(secret) < SMS_IN_SECRET_MIN || category == 0)
		return plain(w, 404, "SMS intake is not set up (sms.in_secret, sms.in_category)");
	if (!address_allowed(config_str(cfg, "sms.in_allow", "127.0.0.1 ::1"), w->r->remote_addr)) {
		log_warn("/sms/in from %s refused: not in sms.in_allow", addr);
		return plain(w, 403, "not from Kannel");
	}
	if (!given || !crypto_str_equal(given, secret)) {
		log_warn("/sms/in from %s refused: wrong secret", addr);
		return plain(w, 403, "wrong secret");
	}
	sms_in_config c = {.keywords = config_str(cfg, "sms.in_keywords", SMS_IN_KEYWORDS_DEFAULT),
			   .category_id = category};
	sms_in_msg m = {.kannel_id = kv_get(&w->r->query, "id"),
			.from = kv_get(&w->r->query, "from"),
			.text = kv_get(&w->r->query, "text")};
	/* Kannel's post-url sends the text as the body (a long text in the
	 * URL would outgrow nginx's header buffers); get-url in the query. */
	bool posted = strcmp(w->r->method, "POST") == 0;
	if (posted)
		m.text = w->r->text ? w->r->text : "";
	int rc = posted && strlen(m.text) != w->r->text_len ? MDG_EUTF8 /* a NUL: UTF-16, not recoded */
							    : sms_in_handle(w->app->db, &c, &m, &res);
	if (rc != MDG_OK)
		log_warn("SMS from Kannel not handled: %s", mdg_rc_name(rc)); /* its words are not logged: outside input */
	switch (rc) {
	case MDG_OK:
		break;
	case MDG_EINVAL:
		return plain(w, 400, "refused: needs id, a Korean mobile number (from) and text");
	case MDG_EUTF8:
		return plain(w, 400, "refused: the text is not UTF-8 (is mo-recode on?)");
	case MDG_ETOOBIG:
		return plain(w, 413, "refused: text too long");
	case MDG_EDB:
		return plain(w, 503, "try again");
	default:
		return plain(w, 500, "not handled");
	}
	log_info("SMS %s: %s %s", m.kannel_id, res.action, res.tracking);
	char text[64];
	snprintf(text, sizeof text, "%s %s", res.action, res.tracking);
	return plain(w, 200, text);
}
