/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* message.h: the words of a notice: its e-mail's subject, text and HTML and
 * its SMS text, rendered from cs-templates/mail/KIND.cs and
 * cs-templates/sms/KIND.cs in the recipient's language (see
 * cs-templates/mail/README for what the templates are given). */
#ifndef MDG_MESSAGE_H
#define MDG_MESSAGE_H
#include <stdbool.h>
#include <stddef.h>

/* What every message may link to. Borrowed; must outlive the rendering. */
typedef struct message_site {
	const char *base_url;         /* web.base_url, e.g. https://minwon.example.go.kr */
	const unsigned char *key;     /* the site key (config_secret): rating and unsubscribe links */
	size_t keylen;
} message_site;

/* A rendered notice; strings owned by it (message_free). */
typedef struct message {
	char *subject;          /* e-mail: one line */
	char *text;             /* e-mail: the text/plain part; SMS: the text */
	char *html;             /* e-mail: the text/html part */
	char *list_unsubscribe; /* e-mail digests: base_url/unsubscribe/TOKEN (RFC 8058) */
} message;

/* Renders the e-mail (sms false) or the SMS (sms true) of one outbox row:
 * kind is a notice kind name (notice_kind_name), lang "ko" or "en" (any
 * other value: Korean), payload the row's JSON object, recipient_name the
 * row's (may be NULL). Needs render_init. The HTML part is HTML-escaped by
 * the templates; subject and text are not escaped at all (they are not
 * HTML). MDG_OK; MDG_EINVAL (unknown kind, payload not a JSON object) or
 * MDG_ERR (a template failed: logged) with the reason in err: the row
 * cannot be sent as it is. *out is zeroed first and filled only on MDG_OK. */
int message_render(const message_site *site, const char *kind, const char *lang, const char *recipient_name,
		   const char *payload, bool sms, message *out, char *err, size_t errlen);

void message_free(message *m);

/* Frees the cached template parses and data trees (at exit). */
void message_shutdown(void);

#endif
