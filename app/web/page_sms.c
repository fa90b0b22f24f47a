/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_sms.c: /sms/in, where Kannel's smsbox passes each SMS from a
 * phone (its sms-service get-url; docs/operations.md): checked to come
 * from Kannel, then handled by lib/intake/sms_in.c. The answer to the
 * person goes by SMS through the outbox; this page's plain-text body is
 * for smsbox's log only (its sms-service sends none of it). */
#include "web.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "intake/sms_in.h"

#include <stdio.h>
#include <string.h>

/* The shortest shared secret taken: a short one is guessed. */
#define SMS_IN_SECRET_MIN 16

/* A plain-text answer for smsbox (and whoever reads its log). */
static int answer(web *w, int status, const char *text)
{
	w->r->status = status;
	buf_puts(&w->r->body, text);
	buf_putc(&w->r->body, '\n');
	w->content_type = "text/plain; charset=utf-8";
	return MDG_OK;
}

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
	sms_in_result res;
	if (strlen(secret) < SMS_IN_SECRET_MIN || category == 0)
		return answer(w, 404, "SMS intake is not set up (sms.in_secret, sms.in_category)");
	if (!address_allowed(config_str(cfg, "sms.in_allow", "127.0.0.1 ::1"), w->r->remote_addr)) {
		log_warn("/sms/in from %s refused: not in sms.in_allow", w->r->remote_addr ? w->r->remote_addr : "?");
		return answer(w, 403, "not from Kannel");
	}
	if (!given || !crypto_str_equal(given, secret)) {
		log_warn("/sms/in from %s refused: wrong secret", w->r->remote_addr);
		return answer(w, 403, "wrong secret");
	}
	sms_in_config c = {.keywords = config_str(cfg, "sms.in_keywords", SMS_IN_KEYWORDS_DEFAULT),
			   .category_id = category};
	sms_in_msg m = {.kannel_id = kv_get(&w->r->query, "id"),
			.from = kv_get(&w->r->query, "from"),
			.text = kv_get(&w->r->query, "text")};
	int rc = sms_in_handle(w->app->db, &c, &m, &res);
	switch (rc) {
	case MDG_OK:
		break;
	case MDG_EINVAL:
		return answer(w, 400, "refused: needs id, a Korean mobile number (from) and text");
	case MDG_EUTF8:
		return answer(w, 400, "refused: the text is not UTF-8 (is mo-recode on?)");
	case MDG_ETOOBIG:
		return answer(w, 413, "refused: text too long");
	case MDG_EDB:
		return answer(w, 503, "try again");
	default:
		return answer(w, 500, "not handled");
	}
	log_info("SMS %s: %s %s", m.kannel_id, res.action, res.tracking);
	char text[64];
	snprintf(text, sizeof text, "%s %s", res.action, res.tracking);
	return answer(w, 200, text);
}
