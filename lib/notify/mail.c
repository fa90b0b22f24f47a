/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail.c: the e-mail transport: RFC 5322/MIME messages and SMTP batches (libesmtp). */
#include "notify/mail.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <auth-client.h> /* before libesmtp.h: it declares smtp_auth_set_context */
#include <libesmtp.h>

#include "core/codec.h"
#include "core/crypto.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"

/* Header lines are kept within the 78 columns RFC 5322 recommends. */
#define LINE_SOFT 78
/* Input bytes per encoded-word: 42 bytes are 56 base64 characters, a word
 * of 68 columns, so "Subject: " plus one word still fits in 78. */
#define WORD_BYTES 42
#define B64_LINE 76

/* ---------------------------------------------------------------- checks */

/* Addresses are checked by text_email_valid (lib/core/text.c), the one
 * check shared with the forms that take them. */

bool mail_header_value_valid(const char *s)
{
	size_t len;

	if (!s)
		return false;
	len = strlen(s);
	/* utf8_valid_text already refuses NUL, overlongs, surrogates and C0
	 * controls other than TAB, LF and CR; those three are refused here. */
	if (!utf8_valid_text(s, len))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F)
			return false;
		/* C1 controls U+0080-U+009F are C2 80 - C2 9F in UTF-8. */
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9F)
			return false;
	}
	return true;
}

void mail_header_flatten(char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			*s = ' ';
}

/* An id-left "@" id-right of dot-atom text, as in a Message-ID. */
static bool msgid_valid(const char *id)
{
	const char *at = strchr(id, '@');
	size_t len = strlen(id);
	if (!at || len > MAIL_MSGID_MAX || strchr(at + 1, '@'))
		return false;
	return text_dot_atom_valid(id, (size_t)(at - id)) &&
	       text_dot_atom_valid(at + 1, len - (size_t)(at - id) - 1);
}

/* An http(s) or mailto URL that cannot leave the <...> it is written in. */
static bool url_valid(const char *u)
{
	size_t len = strlen(u);
	if (len > MAIL_URL_MAX)
		return false;
	if (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0 &&
	    strncmp(u, "mailto:", 7) != 0)
		return false;
	for (const char *p = u; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c >= 0x7F || strchr("<>\"',\\", c))
			return false;
	}
	return true;
}

/* --------------------------------------------------------------- encoders */

/* Columns from the last CRLF of out (or its start) to its end. */
static size_t current_col(const buf *out)
{
	size_t i = out->len;
	while (i > 0 && out->data[i - 1] != '\n')
		i--;
	return out->len - i;
}

/* Whether s may stand in a header as it is: printable ASCII, no "=?" (it
 * would be read as an encoded-word), fits on the line. A phrase (display
 * name) also has to be atoms: atext and single inner spaces. */
static bool plain_ok(const char *s, size_t col, bool phrase)
{
	size_t len = strlen(s);
	if (col + len > LINE_SOFT || strstr(s, "=?"))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7E)
			return false;
		if (phrase && !text_is_atext(c) && !(c == ' ' && i > 0 && i + 1 < len && s[i + 1] != ' '))
			return false;
	}
	return true;
}

/* Appends s (valid) as it is or as B encoded-words, out's current column
 * taken into account. Words are cut between characters, never inside one. */
static void encode_value(const char *s, bool phrase, buf *out)
{
	size_t len = strlen(s), i = 0;

	if (plain_ok(s, current_col(out), phrase)) {
		buf_append(out, s, len);
		return;
	}
	while (i < len) {
		size_t j = i;
		while (j < len && j - i + utf8_seq_len((unsigned char)s[j]) <= WORD_BYTES)
			j += utf8_seq_len((unsigned char)s[j]);
		if (i > 0)
			buf_append(out, "\r\n ", 3);
		buf_puts(out, "=?UTF-8?B?");
		base64_append(out, s + i, j - i, 0);
		buf_puts(out, "?=");
		i = j;
	}
}

int mail_rfc2047_encode(const char *utf8, buf *out)
{
	buf line = {0};

	if (!mail_header_value_valid(utf8))
		return MDG_EINVAL;
	/* Judged as the value of a Subject: line, the longest common prefix. */
	buf_puts(&line, "Subject: ");
	encode_value(utf8, false, &line);
	buf_puts(out, line.data + 9);
	buf_free(&line);
	return MDG_OK;
}

/* ---------------------------------------------------------------- headers */

/* RFC 5322 date in Korea time (UTC+9, no daylight saving), written without
 * strftime so that the process locale cannot change the names. */
static void date_append(buf *out, time_t t)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	time_t kst = t + 9 * 3600;

	gmtime_r(&kst, &tm);
	buf_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0900\r\n", days[tm.tm_wday],
		   tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		   tm.tm_sec);
}

/* "From: name <addr>" or "From: addr", the address folded onto its own
 * line when it would not fit. */
static void mailbox_append(buf *out, const char *field, const char *name, const char *addr)
{
	buf_printf(out, "%s: ", field);
	if (name && *name) {
		encode_value(name, true, out);
		if (current_col(out) + 3 + strlen(addr) > LINE_SOFT)
			buf_append(out, "\r\n", 2);
		buf_printf(out, " <%s>\r\n", addr);
	} else {
		buf_printf(out, "%s\r\n", addr);
	}
}

/* The text with every line end made CRLF (MIME's canonical form for text). */
static void crlf_body(const char *s, buf *out)
{
	for (; *s; s++) {
		if (*s == '\r') {
			buf_append(out, "\r\n", 2);
			if (s[1] == '\n')
				s++;
		} else if (*s == '\n') {
			buf_append(out, "\r\n", 2);
		} else {
			buf_putc(out, *s);
		}
	}
}

static void part_append(buf *out, const char *type, const char *body)
{
	buf canon = {0};

	crlf_body(body, &canon);
	buf_printf(out, "Content-Type: %s; charset=UTF-8\r\n"
			"Content-Transfer-Encoding: base64\r\n\r\n", type);
	base64_append(out, buf_str(&canon), canon.len, B64_LINE);
	buf_append(out, "\r\n", 2);
	buf_free(&canon);
}

static int message_check(const mail_message *m)
{
	if (!m || !text_email_valid(m->from_addr) || !text_email_valid(m->to_addr))
		return MDG_EINVAL;
	if (m->from_name && (!mail_header_value_valid(m->from_name) ||
			     strlen(m->from_name) > MAIL_NAME_MAX))
		return MDG_EINVAL;
	if (m->to_name && (!mail_header_value_valid(m->to_name) ||
			   strlen(m->to_name) > MAIL_NAME_MAX))
		return MDG_EINVAL;
	if (!m->subject || !mail_header_value_valid(m->subject) ||
	    strlen(m->subject) > MAIL_SUBJECT_MAX)
		return MDG_EINVAL;
	if (m->message_id && !msgid_valid(m->message_id))
		return MDG_EINVAL;
	if (m->list_unsubscribe && !url_valid(m->list_unsubscribe))
		return MDG_EINVAL;
	if (m->reply_to && !text_email_valid(m->reply_to))
		return MDG_EINVAL;
	if (!m->text || !utf8_valid_text(m->text, strlen(m->text)))
		return MDG_EUTF8;
	if (m->html && !utf8_valid_text(m->html, strlen(m->html)))
		return MDG_EUTF8;
	return MDG_OK;
}

int mail_build(const mail_message *m, buf *out)
{
	buf msg = {0};
	char rnd[33];
	int rc;

	rc = message_check(m);
	if (rc != MDG_OK)
		goto done;

	date_append(&msg, m->date ? m->date : time(NULL));
	mailbox_append(&msg, "From", m->from_name, m->from_addr);
	mailbox_append(&msg, "To", m->to_name, m->to_addr);
	buf_puts(&msg, "Subject: ");
	encode_value(m->subject, false, &msg);
	buf_append(&msg, "\r\n", 2);
	if (m->message_id) {
		buf_printf(&msg, "Message-ID: <%s>\r\n", m->message_id);
	} else {
		crypto_random_hex(rnd, 16);
		buf_printf(&msg, "Message-ID: <%s@%s>\r\n", rnd, strchr(m->from_addr, '@') + 1);
	}
	if (m->reply_to)
		buf_printf(&msg, "Reply-To: %s\r\n", m->reply_to);
	if (m->list_unsubscribe) {
		buf_printf(&msg, "List-Unsubscribe: <%s>\r\n", m->list_unsubscribe);
		/* RFC 8058 one-click applies to the web URL, not to mailto. */
		if (strncmp(m->list_unsubscribe, "mailto:", 7) != 0)
			buf_puts(&msg, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	}
	buf_puts(&msg, "MIME-Version: 1.0\r\n");
	if (!m->html) {
		part_append(&msg, "text/plain", m->text);
	} else {
		/* "=_" never occurs in base64, so the boundary cannot collide
		 * with a part; the random half keeps nested forwards apart. */
		crypto_random_hex(rnd, 16);
		buf_printf(&msg, "Content-Type: multipart/alternative;\r\n"
				 " boundary=\"=_madang_%s\"\r\n\r\n", rnd);
		buf_printf(&msg, "--=_madang_%s\r\n", rnd);
		part_append(&msg, "text/plain", m->text);
		buf_printf(&msg, "--=_madang_%s\r\n", rnd);
		part_append(&msg, "text/html", m->html);
		buf_printf(&msg, "--=_madang_%s--\r\n", rnd);
	}
	buf_append(out, buf_str(&msg), msg.len);
	rc = MDG_OK;
done:
	buf_free(&msg);
	return rc;
}

/* ------------------------------------------------------------------- SMTP */

/* libesmtp asks for the message through this callback: len == NULL means
 * "rewind"; otherwise hand out the whole message once, then nothing. The
 * state lives in *ctx, which libesmtp frees with free(). */
static const char *message_cb(void **ctx, int *len, void *arg)
{
	const mail_batch_item *it = arg;
	int *sent;

	if (*ctx == NULL) {
		*ctx = malloc(sizeof(int));
		if (*ctx == NULL) {
			if (len)
				*len = 0;
			return NULL;
		}
		*(int *)*ctx = 0;
	}
	sent = *ctx;
	if (len == NULL) {
		*sent = 0;
		return NULL;
	}
	if (*sent) {
		*len = 0;
		return NULL;
	}
	*sent = 1;
	*len = (int)it->len;
	return it->data;
}

/* The server's last reply line, kept by the protocol monitor so that an
 * item the session never reached can say why (a refused AUTH, a 421). */
typedef struct last_reply {
	char line[120];
} last_reply;

static void monitor_cb(const char *data, int len, int writing, void *arg)
{
	last_reply *lr = arg;
	size_t n = 0;

	if (writing != SMTP_CB_READING || len <= 0)
		return;
	/* A read may hold several lines; keep the last complete one. */
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	for (int i = len; i > 0; i--)
		if (data[i - 1] == '\n') {
			data += i;
			len -= i;
			break;
		}
	for (int i = 0; i < len && n + 1 < sizeof lr->line; i++)
		lr->line[n++] = ((unsigned char)data[i] < 0x20 || data[i] == 0x7F) ? ' ' : data[i];
	lr->line[n] = '\0';
}

/* Each message sent: its item's on_sent, if any. On connecting:
 * TCP_NODELAY on the session's socket. libesmtp writes a
 * message in 2 KiB pieces and then waits for the reply; with Nagle on, the
 * last piece waits for the server's ACK of the one before, which the
 * server delays (40 ms on Linux) as it has nothing to say yet: 40 ms a
 * message, whatever the server. libesmtp does not hand out its socket, so
 * every TCP socket connected to the server's port gets the option (only
 * ever this one in practice; the option is harmless on any other). */
struct session_events {
	const mail_server *s;
	int fd; /* the session's socket, -1 until connected */
};

static void event_cb(smtp_session_t session, int event_no, void *arg, ...)
{
	struct session_events *ev = arg;
	const mail_server *s = ev->s;
	MDG_UNUSED(session);
	if (event_no == SMTP_EV_MESSAGESENT) {
		/* A message taken (or refused) by the server: tell its item's
		 * caller now rather than at the end of the session. */
		va_list ap;
		va_start(ap, arg);
		smtp_message_t msg = va_arg(ap, smtp_message_t);
		va_end(ap);
		mail_batch_item *it = msg ? smtp_message_get_application_data(msg) : NULL;
		const smtp_status_t *st = msg ? smtp_message_transfer_status(msg) : NULL;
		if (it && it->on_sent && st && st->code >= 200 && st->code < 300 &&
		    !it->on_sent(it, it->on_sent_arg) && ev->fd >= 0) {
			/* libesmtp has no call to end a session: its next read
			 * or write fails, and the session ends there. */
			(void)shutdown(ev->fd, SHUT_RDWR);
			ev->fd = -1;
		}
		return;
	}
	if (event_no != SMTP_EV_CONNECT)
		return;
	for (int fd = 0; fd < 1024; fd++) {
		struct sockaddr_storage peer;
		socklen_t len = sizeof peer;
		int one = 1, port;
		if (getpeername(fd, (struct sockaddr *)&peer, &len) != 0)
			continue;
		if (peer.ss_family == AF_INET)
			port = ntohs(((struct sockaddr_in *)&peer)->sin_port);
		else if (peer.ss_family == AF_INET6)
			port = ntohs(((struct sockaddr_in6 *)&peer)->sin6_port);
		else
			continue;
		if (port != s->port)
			continue;
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		if (ev->fd < 0)
			ev->fd = fd;
	}
}

/* AUTH asks for the user name and the password (PLAIN, LOGIN). */
static int auth_cb(auth_client_request_t req, char **result, int fields, void *arg)
{
	const mail_server *s = arg;
	for (int i = 0; i < fields; i++) {
		if (req[i].flags & AUTH_PASS)
			result[i] = (char *)(s->password ? s->password : "");
		else if (req[i].flags & AUTH_USER)
			result[i] = (char *)s->user;
		else
			return 0;
	}
	return 1;
}

/* err := "<step>: <code> <server text>", control characters turned into
 * spaces so that the text is safe for one log line. */
static void status_text(char *err, size_t size, const char *step, const smtp_status_t *st)
{
	char *p;

	if (st->enh_class)
		snprintf(err, size, "%s: %d %d.%d.%d %s", step, st->code, st->enh_class,
			 st->enh_subject, st->enh_detail, st->text ? st->text : "");
	else
		snprintf(err, size, "%s: %d %s", step, st->code, st->text ? st->text : "");
	for (p = err; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			*p = ' ';
	while (p > err && p[-1] == ' ')
		*--p = '\0';
}

/* One item's outcome from libesmtp's statuses: the sender's, the
 * recipient's, then the data's. A step that never got a reply means the
 * session ended first: try again later. */
static void item_result(mail_batch_item *it, smtp_message_t msg, smtp_recipient_t rcpt,
			const char *session_err)
{
	const smtp_status_t *st[3];
	static const char *const steps[3] = {"MAIL FROM", "RCPT TO", "DATA"};

	st[0] = smtp_reverse_path_status(msg);
	st[1] = smtp_recipient_status(rcpt);
	st[2] = smtp_message_transfer_status(msg);
	for (int k = 0; k < 3; k++) {
		int code = st[k] ? st[k]->code : 0;
		it->smtp_code = code;
		if (code >= 200 && code < 400 && k < 2)
			continue;
		if (code >= 200 && code < 300) {
			it->result = MDG_OK;
			it->err[0] = '\0';
		} else if (code >= 500 && !(k == 0 && (code == 530 || code == 535 || code == 538))) {
			it->result = MDG_EPERMFAIL;
			status_text(it->err, sizeof it->err, steps[k], st[k]);
		} else if (code >= 400) {
			/* 4xx, or an AUTH-related 5xx at MAIL FROM (RFC 4954): a
			 * configuration to fix, not a reason to drop the notice. */
			it->result = MDG_ETEMPFAIL;
			status_text(it->err, sizeof it->err, steps[k], st[k]);
		} else {
			it->result = MDG_ETEMPFAIL;
			snprintf(it->err, sizeof it->err, "%s: no reply (%s)", steps[k], session_err);
		}
		return;
	}
}

static void fail_all(mail_batch_item *items, size_t n, int result, const char *why)
{
	for (size_t i = 0; i < n; i++) {
		items[i].result = result;
		items[i].smtp_code = 0;
		snprintf(items[i].err, sizeof items[i].err, "%s", why);
	}
}

static bool host_valid(const char *h)
{
	size_t len = h ? strlen(h) : 0;
	if (len == 0 || len > 253)
		return false;
	for (const char *p = h; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'))
			return false;
	return true;
}

int mail_send_batch(const mail_server *s, const char *envelope_from,
		    mail_batch_item *items, size_t n)
{
	static int auth_ready;
	smtp_session_t session = NULL;
	auth_context_t auth = NULL;
	smtp_message_t *msgs = NULL;
	smtp_recipient_t *rcpts = NULL;
	char hostport[300], session_err[160] = "";
	last_reply reply = {""};
	struct session_events events = {.s = s, .fd = -1};
	size_t queued = 0, answered = 0;
	long ms;
	int rc = MDG_ETEMPFAIL, ok;

	if (!s || !host_valid(s->host) || s->port < 1 || s->port > 65535 ||
	    !text_email_valid(envelope_from) || (s->user && *s->user && !mail_header_value_valid(s->user))) {
		fail_all(items, n, MDG_ETEMPFAIL, "mail configuration: invalid host, port or sender");
		rc = MDG_EINVAL;
		goto done;
	}
	msgs = xcalloc(n ? n : 1, sizeof *msgs);
	rcpts = xcalloc(n ? n : 1, sizeof *rcpts);
	session = smtp_create_session();
	if (!session)
		goto lib_error;
	snprintf(hostport, sizeof hostport, "%s:%d", s->host, s->port);
	ms = (s->timeout_s > 0 ? s->timeout_s : 30) * 1000L;
	if (!smtp_set_server(session, hostport) ||
	    !smtp_set_timeout(session, Timeout_GREETING | Timeout_OVERRIDE_RFC2822_MINIMUM, ms) ||
	    !smtp_set_timeout(session, Timeout_ENVELOPE | Timeout_OVERRIDE_RFC2822_MINIMUM, ms) ||
	    !smtp_set_timeout(session, Timeout_DATA | Timeout_OVERRIDE_RFC2822_MINIMUM, ms) ||
	    !smtp_set_timeout(session, Timeout_TRANSFER | Timeout_OVERRIDE_RFC2822_MINIMUM, ms) ||
	    !smtp_set_timeout(session, Timeout_DATA2 | Timeout_OVERRIDE_RFC2822_MINIMUM, ms) ||
	    !smtp_set_monitorcb(session, monitor_cb, &reply, 0) ||
	    !smtp_set_eventcb(session, event_cb, &events))
		goto lib_error;
	ok = smtp_starttls_enable(session, s->starttls == MAIL_TLS_REQUIRE ? Starttls_REQUIRED
					   : s->starttls == MAIL_TLS_TRY   ? Starttls_ENABLED
									   : Starttls_DISABLED);
	if (!ok && s->starttls != MAIL_TLS_NO)
		goto lib_error;
	if (s->user && *s->user) {
		if (!auth_ready) {
			auth_client_init();
			auth_ready = 1;
		}
		auth = auth_create_context();
		if (!auth)
			goto lib_error;
		auth_set_mechanism_flags(auth, AUTH_PLUGIN_PLAIN, 0);
		auth_set_interact_cb(auth, auth_cb, (void *)s);
		if (!smtp_auth_set_context(session, auth))
			goto lib_error;
	}

	for (size_t i = 0; i < n; i++) {
		mail_batch_item *it = &items[i];
		it->smtp_code = 0;
		it->err[0] = '\0';
		if (!text_email_valid(it->rcpt) || !it->data || it->len == 0 || it->len > INT32_MAX) {
			it->result = MDG_EPERMFAIL;
			snprintf(it->err, sizeof it->err, "invalid recipient address or empty message");
			continue;
		}
		it->result = MDG_ETEMPFAIL;
		msgs[i] = smtp_add_message(session);
		if (!msgs[i] || !smtp_set_reverse_path(msgs[i], envelope_from) ||
		    !smtp_set_messagecb(msgs[i], message_cb, it))
			goto lib_error;
		smtp_message_set_application_data_release(msgs[i], it, NULL);
		rcpts[i] = smtp_add_recipient(msgs[i], it->rcpt);
		if (!rcpts[i])
			goto lib_error;
		queued++;
	}
	if (queued == 0) {
		rc = MDG_OK;
		goto done;
	}

	if (!smtp_start_session(session)) {
		char tmp[128];
		snprintf(session_err, sizeof session_err, "%s:%d: %s", s->host, s->port,
			 smtp_strerror(smtp_errno(), tmp, sizeof tmp));
	} else {
		snprintf(session_err, sizeof session_err, "session ended; last reply: %s",
			 reply.line[0] ? reply.line : "none");
	}
	for (size_t i = 0; i < n; i++) {
		if (!msgs[i])
			continue;
		item_result(&items[i], msgs[i], rcpts[i], session_err);
		if (items[i].smtp_code != 0 || items[i].result == MDG_OK)
			answered++;
	}
	/* Not one reply to any MAIL FROM: the server was never reached (or
	 * refused us at the greeting). The items say why already. */
	rc = answered ? MDG_OK : MDG_ETEMPFAIL;
	goto done;

lib_error:
	{
		char tmp[128], why[200];
		snprintf(why, sizeof why, "libesmtp: %s",
			 smtp_strerror(smtp_errno(), tmp, sizeof tmp));
		fail_all(items, n, MDG_ETEMPFAIL, why);
		rc = MDG_ETEMPFAIL;
	}
done:
	if (session)
		smtp_destroy_session(session);
	if (auth)
		auth_destroy_context(auth);
	free(rcpts);
	free(msgs);
	return rc;
}
