/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* message.c: rendering a notice's e-mail and SMS from its templates. */
#include "notify/message.h"
#include "auth/case_link.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "notify/notice.h"
#include "render/render.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One data tree per language and escaping, each with the parses of the
 * templates rendered from it, kept for the life of the process: parsing
 * is most of the cost of a message and a drain renders thousands.
 *   ESC_HTML  the HTML part: every <?cs var: ?> HTML-escaped, as on pages
 *   ESC_NONE  subject, text part and SMS: plain text, which must not carry
 *             &amp; and &lt; for a title with & or <; ClearSilver fixes
 *             the escaping of a parse when it is made (cs_init reads
 *             Config.VarEscapeMode), hence a tree of its own. */
enum { ESC_HTML, ESC_NONE, ESC__MAX };
enum { FOR_MAIL, FOR_SMS, FOR__MAX };

struct tree {
	HDF *hdf;
	CSPARSE *parse[NOTICE_KIND__MAX][FOR__MAX];
};

static struct tree trees[2][ESC__MAX]; /* [0] ko, [1] en */

/* Payload keys become HDF names: letters, digits and _ only, so a key
 * cannot reach outside Notice.* or make a deep tree. */
static bool key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > 32)
		return false;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') || *k == '_'))
			return false;
	return true;
}

/* Copies a JSON value under name: objects and arrays (the digest's items)
 * as subtrees, scalars as text; null and anything deeper than 3 levels
 * are left out. */
static void put_json(HDF *hdf, const char *name, json_t *v, int depth)
{
	char sub[160], num[32];
	if (depth > 3)
		return;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *child;
		json_object_foreach(v, k, child)
		{
			if (!key_ok(k))
				continue;
			snprintf(sub, sizeof sub, "%s.%s", name, k);
			put_json(hdf, sub, child, depth + 1);
		}
		break;
	}
	case JSON_ARRAY:
		for (size_t i = 0; i < json_array_size(v) && i < 1000; i++) {
			snprintf(sub, sizeof sub, "%s.%zu", name, i);
			put_json(hdf, sub, json_array_get(v, i), depth + 1);
		}
		break;
	case JSON_STRING:
		hdf_set_value(hdf, name, json_string_value(v));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		hdf_set_value(hdf, name, num);
		break;
	case JSON_REAL:
		snprintf(num, sizeof num, "%g", json_real_value(v));
		hdf_set_value(hdf, name, num);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		hdf_set_value(hdf, name, json_is_true(v) ? "1" : "0");
		break;
	default:
		break;
	}
}

/* base_url + path + tracking number, when tracking is a real one. */
static void put_case_link(HDF *hdf, const char *name, const char *base, const char *path, const char *tracking)
{
	int year;
	unsigned seq;
	if (!tracking || tracking_parse(tracking, &year, &seq) != MDG_OK)
		return;
	char *url = xasprintf("%s%s%s", base, path, tracking);
	hdf_set_value(hdf, name, url);
	free(url);
}

/* A guest's case link (the payload's guest_case and guest_account, see
 * notice_citizen) signed: Notice.case_url becomes
 * base/cases/TRACKING?k=TOKEN, so that every template's link opens the
 * case as its filer sees it (auth/case_link.h). */
static void put_guest_link(HDF *hdf, const message_site *site, json_t *payload)
{
	json_t *case_id = json_object_get(payload, "guest_case"), *account = json_object_get(payload, "guest_account");
	const char *url = hdf_get_value(hdf, "Notice.case_url", NULL);
	if (!url || !site->key || !json_is_integer(case_id) || !json_is_integer(account))
		return;
	char token[CASE_LINK_TOKEN_LEN + 1];
	case_link_token(site->key, site->keylen, (long long)json_integer_value(case_id),
			(long long)json_integer_value(account), token);
	char *signed_url = xasprintf("%s?k=%s", url, token);
	hdf_set_value(hdf, "Notice.case_url", signed_url);
	free(signed_url);
}

/* A rating nonce: 32 lowercase hex digits. */
static bool nonce_ok(const char *s)
{
	if (!s || strlen(s) != 32)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* Removes the previous message's data; the language, configuration and
 * include path stay (as render_request_done does for pages). */
static void tree_clear(HDF *hdf)
{
	static const char *const names[] = {"Notice", "Recipient", "Site", "Part"};
	render_remove_trees(hdf, names, MDG_ARRAY_LEN(names));
}

static void tree_fill(HDF *hdf, const message_site *site, const char *recipient_name, json_t *payload)
{
	char base[512];
	snprintf(base, sizeof base, "%s", site->base_url ? site->base_url : "");
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		base[--n] = '\0';

	tree_clear(hdf);
	put_json(hdf, "Notice", payload, 0);
	hdf_set_value(hdf, "Recipient.name", recipient_name ? recipient_name : "");
	hdf_set_value(hdf, "Site.base_url", base);
	char *account = xasprintf("%s/account", base);
	hdf_set_value(hdf, "Site.account_url", account);
	free(account);

	const char *tracking = json_string_value(json_object_get(payload, "tracking"));
	put_case_link(hdf, "Notice.case_url", base, "/cases/", tracking);
	put_guest_link(hdf, site, payload);
	put_case_link(hdf, "Notice.staff_url", base, "/staff/cases/", tracking);
	const char *nonce = json_string_value(json_object_get(payload, "rate_nonce"));
	if (nonce_ok(nonce) && site->key) {
		char token[NOTICE_RATE_TOKEN_MAX];
		notice_rate_token(site->key, site->keylen, nonce, token);
		char *url = xasprintf("%s/rate/%s", base, token);
		hdf_set_value(hdf, "Notice.rate_url", url);
		free(url);
	}
	/* A digest's one-click unsubscribe link (RFC 8058), signed for the
	 * account it goes to; digests made before it was in the payload
	 * point at the account page instead (message_render). */
	json_t *account_id = json_object_get(payload, "account");
	if (json_is_integer(account_id) && json_integer_value(account_id) > 0 && site->key) {
		char token[NOTICE_TOKEN_MAX];
		notice_unsub_token(site->key, site->keylen, (long long)json_integer_value(account_id), token);
		char *url = xasprintf("%s/unsubscribe/%s", base, token);
		hdf_set_value(hdf, "Notice.unsubscribe_url", url);
		free(url);
	}
	json_t *items = json_object_get(payload, "items");
	for (size_t i = 0; json_is_array(items) && i < json_array_size(items) && i < 1000; i++) {
		char name[64];
		snprintf(name, sizeof name, "Notice.items.%zu.staff_url", i);
		put_case_link(hdf, name, base, "/staff/cases/",
			      json_string_value(json_object_get(json_array_get(items, i), "tracking")));
	}
}

static struct tree *tree_get(const char *lang, int esc)
{
	int l = lang && strcmp(lang, "en") == 0;
	struct tree *t = &trees[l][esc];
	if (!t->hdf) {
		t->hdf = render_new_hdf(l ? "en" : "ko");
		if (esc == ESC_NONE)
			hdf_set_value(t->hdf, "Config.VarEscapeMode", "none");
	}
	return t;
}

/* Renders one part (Part = part) of the kind's template into a new string. */
static int render_part(struct tree *t, notice_kind kind, int target, const char *part, char **out, char *err,
		       size_t errlen)
{
	char path[64];
	buf b = {0};
	snprintf(path, sizeof path, "%s/%s.cs", target == FOR_SMS ? "sms" : "mail", notice_kind_name(kind));
	*out = NULL;
	if (!t->parse[kind][target] && render_parse(t->hdf, path, &t->parse[kind][target]) != MDG_OK) {
		t->parse[kind][target] = NULL;
		snprintf(err, errlen, "template %s does not parse (see the notifier's log)", path);
		return MDG_ERR;
	}
	hdf_set_value(t->hdf, "Part", part);
	if (render_parsed(t->parse[kind][target], path, &b) != MDG_OK) {
		/* Its state after a failed render is unknown: parse again. */
		cs_destroy(&t->parse[kind][target]);
		buf_free(&b);
		snprintf(err, errlen, "template %s failed for part %s (see the notifier's log)", path, part);
		return MDG_ERR;
	}
	*out = buf_detach(&b);
	if (!*out)
		*out = xstrdup("");
	return MDG_OK;
}

/* Subjects: one line, whitespace runs (the template's line breaks, a
 * title's CR/LF) made one space, trimmed. */
static void tidy_line(char *s)
{
	char *w = s;
	bool space = false;
	for (const char *r = s; *r; r++) {
		unsigned char c = (unsigned char)*r;
		if (c < 0x20 || c == 0x7f || c == ' ') {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = false;
		*w++ = (char)c;
	}
	*w = '\0';
}

/* Text parts and SMS: LF line ends, no trailing spaces, no blank lines at
 * either end and never two in a row (the template's tags leave them);
 * with final_newline a text part ends in one line break. */
static void tidy_text(char *s, bool final_newline)
{
	char *w = s;
	int newlines = 0; /* pending line breaks */
	size_t spaces = 0; /* pending spaces/tabs */
	for (const char *r = s; *r; r++) {
		if (*r == '\r')
			continue;
		if (*r == '\n') {
			spaces = 0;
			if (w != s)
				newlines++;
			continue;
		}
		if (*r == ' ' || *r == '\t') {
			spaces++;
			continue;
		}
		if (newlines) {
			*w++ = '\n';
			if (newlines > 1)
				*w++ = '\n';
			newlines = 0;
			spaces = 0; /* indentation from the template */
		}
		for (; spaces; spaces--)
			*w++ = ' ';
		*w++ = *r;
	}
	if (final_newline && w != s)
		*w++ = '\n';
	*w = '\0';
}

/* The HTML part: without the blank lines the template's tags leave
 * before <!DOCTYPE html> and after </html>. */
static void tidy_html(char *s)
{
	size_t start = strspn(s, " \t\r\n"), n = strlen(s);
	while (n > start && strchr(" \t\r\n", s[n - 1]))
		n--;
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
}

int message_render(const message_site *site, const char *kind, const char *lang, const char *recipient_name,
		   const char *payload, bool sms, message *out, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *data = NULL;
	message m = {0};
	int rc = MDG_EINVAL;
	notice_kind k = notice_kind_from_name(kind);

	memset(out, 0, sizeof *out);
	snprintf(err, errlen, "%s", "");
	if (k == NOTICE_KIND__MAX) {
		snprintf(err, errlen, "unknown notice kind '%.32s'", kind ? kind : "");
		goto done;
	}
	data = json_loads(payload ? payload : "", 0, &jerr);
	if (!json_is_object(data)) {
		snprintf(err, errlen, "payload is not a JSON object: %s", data ? "another JSON value" : jerr.text);
		goto done;
	}
	struct tree *plain = tree_get(lang, ESC_NONE);
	tree_fill(plain->hdf, site, recipient_name, data);
	if (sms) {
		rc = render_part(plain, k, FOR_SMS, "text", &m.text, err, errlen);
		if (rc != MDG_OK)
			goto done;
		tidy_text(m.text, false);
	} else {
		struct tree *html = tree_get(lang, ESC_HTML);
		rc = render_part(plain, k, FOR_MAIL, "subject", &m.subject, err, errlen);
		if (rc == MDG_OK)
			rc = render_part(plain, k, FOR_MAIL, "text", &m.text, err, errlen);
		if (rc == MDG_OK) {
			tree_fill(html->hdf, site, recipient_name, data);
			rc = render_part(html, k, FOR_MAIL, "html", &m.html, err, errlen);
		}
		if (rc != MDG_OK)
			goto done;
		tidy_line(m.subject);
		tidy_text(m.text, true);
		tidy_html(m.html);
		if (k == NOTICE_STAFF_DIGEST) {
			const char *unsub = hdf_get_value(plain->hdf, "Notice.unsubscribe_url", NULL);
			m.list_unsubscribe =
				xstrdup(unsub ? unsub : hdf_get_value(plain->hdf, "Site.account_url", ""));
		}
	}
	if ((!sms && !*m.subject) || !*m.text) {
		snprintf(err, errlen, "template %s/%s.cs rendered an empty %s", sms ? "sms" : "mail", kind,
			 sms ? "text" : !*m.subject ? "subject" : "text");
		rc = MDG_ERR;
		goto done;
	}
	*out = m;
	memset(&m, 0, sizeof m);
	rc = MDG_OK;
done:
	message_free(&m);
	json_decref(data);
	return rc;
}

void message_free(message *m)
{
	free(m->subject);
	free(m->text);
	free(m->html);
	free(m->list_unsubscribe);
	memset(m, 0, sizeof *m);
}

void message_shutdown(void)
{
	for (int l = 0; l < 2; l++)
		for (int e = 0; e < ESC__MAX; e++) {
			struct tree *t = &trees[l][e];
			for (int k = 0; k < NOTICE_KIND__MAX; k++)
				for (int f = 0; f < FOR__MAX; f++)
					if (t->parse[k][f])
						cs_destroy(&t->parse[k][f]);
			if (t->hdf)
				hdf_destroy(&t->hdf);
		}
}
