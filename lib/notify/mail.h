/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail.h: the e-mail transport: RFC 5322/MIME messages and SMTP batches (libesmtp). */
#ifndef MDG_MAIL_H
#define MDG_MAIL_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/buf.h"

/* One notice as the notifier hands it over. Strings are UTF-8 and owned by
 * the caller. Header values (names, subject) must pass
 * mail_header_value_valid: a CR or LF in them is refused, never encoded or
 * dropped silently (mail_header_flatten is there for a caller that would
 * rather turn a stray line break in a title into a space). */
typedef struct mail_message {
	const char *from_addr;        /* required, text_email_valid (core/text.h) */
	const char *from_name;        /* may be NULL or "" */
	const char *to_addr;          /* required, text_email_valid (core/text.h) */
	const char *to_name;          /* may be NULL or "" */
	const char *subject;          /* required, at most MAIL_SUBJECT_MAX bytes */
	const char *text;             /* required: the text/plain part */
	const char *html;             /* NULL: a text/plain message only */
	const char *message_id;       /* "left@right" without <>; NULL: a random one */
	const char *list_unsubscribe; /* NULL, or an https:// or mailto: URL (digests) */
	const char *reply_to;         /* NULL, or where replies go (the e-mail intake) */
	time_t date;                  /* 0: now */
} mail_message;

#define MAIL_NAME_MAX 200
#define MAIL_SUBJECT_MAX 998
#define MAIL_MSGID_MAX 200
#define MAIL_URL_MAX 900


/* True when s is valid UTF-8 with no C0 control (TAB, CR and LF included),
 * no DEL and no C1 control: a value that can go into a header as it is or
 * encoded, and never start a new header line. */
bool mail_header_value_valid(const char *s);

/* Replaces each CR, LF, TAB and other control byte of s with a space, in
 * place; for a caller that prefers a flattened title to a refused notice.
 * Does not repair bad UTF-8. */
void mail_header_flatten(char *s);

/* Appends the header value for utf8 to out: unchanged when it is printable
 * ASCII that needs no encoding (no "=?", fits a 78-column line), otherwise
 * RFC 2047 encoded-words (=?UTF-8?B?...?=) of at most 75 characters each,
 * split on UTF-8 character boundaries and folded with CRLF SP between
 * words. MDG_OK, or MDG_EINVAL when !mail_header_value_valid(utf8). */
int mail_rfc2047_encode(const char *utf8, buf *out);

/* Appends the whole message to out: Date (+0900), From, To, Subject,
 * Message-ID, Reply-To and List-Unsubscribe(-Post) when set, MIME-Version, and a
 * multipart/alternative body (or text/plain alone when html is NULL), each
 * part UTF-8 in base64 with 76-column lines. CRLF line ends throughout;
 * bare LF or CR in text/html become CRLF. MDG_OK; MDG_EINVAL when an
 * address, a header value, the message-id or the URL fails validation;
 * MDG_EUTF8 when text or html is not valid UTF-8. out is left unchanged on
 * failure. */
int mail_build(const mail_message *m, buf *out);

/* The SMTP server, from the mail { } block of the configuration. */
typedef enum mail_starttls {
	MAIL_TLS_NO = 0,      /* never, even when offered */
	MAIL_TLS_TRY = 1,     /* when the server offers it */
	MAIL_TLS_REQUIRE = 2, /* end the session when it does not */
} mail_starttls;

typedef struct mail_server {
	const char *host;   /* name or address */
	int port;           /* 1-65535 */
	int starttls;       /* enum mail_starttls */
	const char *user;   /* NULL or "": no AUTH */
	const char *password;
	int timeout_s;      /* per SMTP step; <= 0: 30 s */
} mail_server;

/* One message of a batch: the caller fills rcpt, data and len; mail_send_batch
 * fills result, smtp_code and err. */
typedef struct mail_batch_item {
	const char *rcpt;  /* envelope recipient, text_email_valid (core/text.h) */
	const char *data;  /* the message from mail_build, CRLF line ends */
	size_t len;
	int result;        /* MDG_OK, MDG_ETEMPFAIL or MDG_EPERMFAIL */
	int smtp_code;     /* the deciding SMTP reply code; 0 when none came */
	char err[200];     /* "" or why it failed, for the log and dashboard */
	/* Optional: called as soon as the server has taken this message (2xx
	 * after its data), while the session goes on with the next, so that
	 * the caller can record it at once: a process killed later in the
	 * session then sends again only the message in flight. Answering
	 * false ends the session at once (its connection closed before the
	 * next message's data ends, so the server delivers none of the rest):
	 * the caller could not record it, and would send the rest again. */
	bool (*on_sent)(struct mail_batch_item *it, void *arg);
	void *on_sent_arg;
} mail_batch_item;

/* Sends items[0..n) over one SMTP session, each as its own transaction
 * (MAIL FROM envelope_from, RCPT TO item->rcpt, DATA). Per item: MDG_OK when
 * the server took the message (2xx after the data), MDG_EPERMFAIL on a 5xx
 * for its sender, recipient or data (or an invalid recipient: never sent),
 * MDG_ETEMPFAIL on a 4xx, a timeout, a session that ended before the item
 * was done, or a 530/535/538 to MAIL FROM (AUTH required or refused: a
 * configuration to fix, not a reason to dead-letter every notice). Returns MDG_OK when the session ran (look at each item);
 * MDG_ETEMPFAIL when no connection could be made at all (every item
 * temp-failed, the reason in its err); MDG_EINVAL for a bad server or
 * envelope_from (every item temp-failed: a configuration error must not
 * dead-letter notices). The caller ignores SIGPIPE (a server that hangs up
 * mid-write would otherwise kill the process). Not thread-safe. */
int mail_send_batch(const mail_server *s, const char *envelope_from,
		    mail_batch_item *items, size_t n);

#endif
