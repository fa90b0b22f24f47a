/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail_in.c: one incoming e-mail parsed with GMime 3 (see mail_in.h). */
#include "intake/mail_in.h"
#include "cases/case.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "notify/mail.h"

#include <ctype.h>
#include <errno.h>
#include <gmime/gmime.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

void mail_in_init(void)
{
	static bool ready;
	if (!ready) {
		g_mime_init();
		ready = true;
	}
}

/* ------------------------------------------------------------ charsets */

/* The iconv name for a MIME charset. Korean mail clients label CP949 text
 * (with the syllables outside KS X 1001, such as 똠) as EUC-KR or
 * ks_c_5601-1987: the whole family is read as CP949, EUC-KR's superset. */
static const char *iconv_name(const char *charset)
{
	static const char *const korean[] = {
		"euc-kr", "euckr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "ksc_5601", "ks_c_5601-1989",
		"cp949", "uhc", "windows-949", "x-windows-949", "ms949", "korean", "csksc56011987",
	};
	if (!charset || !*charset)
		return "UTF-8";
	for (size_t i = 0; i < MDG_ARRAY_LEN(korean); i++)
		if (strcasecmp(charset, korean[i]) == 0)
			return "CP949";
	if (strcasecmp(charset, "us-ascii") == 0 || strcasecmp(charset, "ascii") == 0)
		return "UTF-8";
	return charset;
}

/* Converts with iconv; NULL when the charset is unknown or the text is
 * not in it. */
static char *convert(const char *text, size_t len, const char *from)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = len * 3 + 16, left_out = cap, left_in = len;
	char *out = xmalloc(cap + 1), *op = out;
	char *ip = (char *)text;
	size_t r = iconv(cd, &ip, &left_in, &op, &left_out);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &op, &left_out);
	iconv_close(cd);
	if (r == (size_t)-1) {
		free(out);
		return NULL;
	}
	*op = '\0';
	return out;
}

/* Control characters other than TAB and LF dropped, CRLF made LF. */
static char *clean_text(char *s)
{
	size_t j = 0;
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' && s[i + 1] == '\n')
			continue;
		if (c == '\r')
			c = '\n';
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
			continue;
		s[j++] = (char)c;
	}
	s[j] = '\0';
	return s;
}

char *mail_in_to_utf8(const char *text, size_t len, const char *charset)
{
	const char *name = iconv_name(charset);
	char *out = NULL;
	/* NUL bytes would cut the text short: never valid in mail text. */
	if (memchr(text, '\0', len))
		len = strlen(text);
	if (strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0) {
		/* utf8_valid_text refuses control characters: judge the
		 * bytes after cleaning them out. */
		char *copy = xmalloc(len + 1);
		memcpy(copy, text, len);
		copy[len] = '\0';
		clean_text(copy);
		if (utf8_valid_text(copy, strlen(copy)))
			return copy;
		free(copy);
	} else {
		out = convert(text, len, name);
	}
	/* A wrong label: Korean mail without one is CP949, then anything
	 * else is taken byte for byte as Latin-1 (never fails). */
	if (!out)
		out = convert(text, len, "CP949");
	if (!out)
		out = convert(text, len, "ISO-8859-1");
	return clean_text(out);
}

/* ---------------------------------------------------------------- HTML */

static bool tag_is(const char *p, const char *name)
{
	size_t n = strlen(name);
	return strncasecmp(p, name, n) == 0 && !isalnum((unsigned char)p[n]);
}

/* One entity at p ('&'): appends its character and returns its length,
 * or 0 when it is not one we know (the '&' then stays). */
static size_t entity(const char *p, buf *out)
{
	static const struct {
		const char *name, *text;
	} named[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"},
		     {"&#39;", "'"}, {"&nbsp;", " "}};
	for (size_t i = 0; i < MDG_ARRAY_LEN(named); i++) {
		size_t n = strlen(named[i].name);
		if (strncasecmp(p, named[i].name, n) == 0) {
			buf_puts(out, named[i].text);
			return n;
		}
	}
	if (p[1] != '#')
		return 0;
	char *end;
	unsigned long cp = (p[2] == 'x' || p[2] == 'X') ? strtoul(p + 3, &end, 16) : strtoul(p + 2, &end, 10);
	if (*end != ';' || end == p + 2 || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
	    (cp < 0x20 && cp != '\n' && cp != '\t'))
		return 0;
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_append(out, u, n);
	return (size_t)(end - p) + 1;
}

char *mail_in_html_text(const char *html)
{
	buf out = {0};
	const char *p = html;
	while (*p) {
		if (*p == '<') {
			const char *name = p + 1 + (p[1] == '/');
			/* script and style: their content is not text. */
			if (p[1] != '/' && (tag_is(name, "script") || tag_is(name, "style"))) {
				const char *close = tag_is(name, "script") ? "</script" : "</style";
				const char *e = strcasestr(p, close);
				p = e ? e : p + strlen(p);
			}
			if (strncmp(p, "<!--", 4) == 0) {
				const char *e = strstr(p + 4, "-->");
				p = e ? e + 3 : p + strlen(p);
				continue;
			}
			if (tag_is(name, "br") || tag_is(name, "p") || tag_is(name, "div") || tag_is(name, "tr") ||
			    tag_is(name, "li") || tag_is(name, "h1") || tag_is(name, "h2") || tag_is(name, "h3") ||
			    tag_is(name, "blockquote"))
				buf_putc(&out, '\n');
			const char *e = strchr(p, '>');
			p = e ? e + 1 : p + strlen(p);
			continue;
		}
		if (*p == '&') {
			size_t n = entity(p, &out);
			if (n) {
				p += n;
				continue;
			}
		}
		/* Source line breaks are layout, not text, in HTML. */
		buf_putc(&out, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
		p++;
	}
	/* Spaces at line ends and more than one blank line go. */
	buf tidy = {0};
	const char *s = buf_str(&out);
	int newlines = 0;
	while (*s == ' ' || *s == '\n')
		s++;
	for (; *s; s++) {
		if (*s == ' ' && (s[1] == ' ' || s[1] == '\n' || !s[1]))
			continue;
		if (*s == '\n') {
			if (++newlines > 2)
				continue;
			buf_putc(&tidy, '\n');
			while (s[1] == ' ')
				s++;
			continue;
		}
		newlines = 0;
		buf_putc(&tidy, *s);
	}
	while (tidy.len && tidy.data[tidy.len - 1] == '\n')
		tidy.len--;
	buf_free(&out);
	char *res = xstrdup(buf_str(&tidy));
	buf_free(&tidy);
	return res;
}

/* ------------------------------------------------------------- subject */

bool mail_in_subject_tracking(const char *subject, char *tracking)
{
	int year;
	unsigned seq;
	for (const char *p = subject; p && *p; p++) {
		if (*p != '[' && *p != '(')
			continue;
		char close = *p == '[' ? ']' : ')';
		if (strlen(p + 1) < TRACKING_LEN + 1 || p[1 + TRACKING_LEN] != close)
			continue;
		char cand[TRACKING_LEN + 1];
		memcpy(cand, p + 1, TRACKING_LEN);
		cand[TRACKING_LEN] = '\0';
		if (tracking_parse(cand, &year, &seq) == MDG_OK) {
			memcpy(tracking, cand, TRACKING_LEN + 1);
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------- parsing */

static char *lower_dup(const char *s)
{
	char *r = xstrdup(s ? s : "");
	for (char *p = r; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return r;
}

/* Header text for a header the intake only compares: trimmed, controls
 * made spaces. */
static char *header_dup(GMimeObject *o, const char *name)
{
	const char *v = g_mime_object_get_header(o, name);
	char *t = text_trim(v ? v : "");
	mail_header_flatten(t);
	return t;
}

static void add_rcpt(mail_in *m, const char *addr)
{
	if (!addr || !*addr || m->nrcpts >= MAIL_IN_MAX_RCPTS)
		return;
	char *a = lower_dup(addr);
	for (int i = 0; i < m->nrcpts; i++)
		if (strcmp(m->rcpts[i], a) == 0) {
			free(a);
			return;
		}
	m->rcpts = xrealloc(m->rcpts, sizeof *m->rcpts * (size_t)(m->nrcpts + 1));
	m->rcpts[m->nrcpts++] = a;
}

static void add_list(mail_in *m, InternetAddressList *list)
{
	int n = list ? internet_address_list_length(list) : 0;
	for (int i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			add_rcpt(m, internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
		else if (INTERNET_ADDRESS_IS_GROUP(ia))
			add_list(m, internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)));
	}
}

static void add_refs(mail_in *m, const char *text)
{
	if (!text)
		return;
	GMimeReferences *refs = g_mime_references_parse(NULL, text);
	int n = refs ? g_mime_references_length(refs) : 0;
	for (int i = 0; i < n && m->nrefs < MAIL_IN_MAX_REFS; i++) {
		const char *id = g_mime_references_get_message_id(refs, i);
		if (!id || !*id)
			continue;
		m->refs = xrealloc(m->refs, sizeof *m->refs * (size_t)(m->nrefs + 1));
		m->refs[m->nrefs++] = xstrdup(id);
	}
	if (refs)
		g_mime_references_free(refs);
}

void mail_in_envelope_rcpt(mail_in *m, const char *addr)
{
	if (!addr || !text_email_valid(addr))
		return;
	char *a = lower_dup(addr);
	m->rcpts = xrealloc(m->rcpts, sizeof *m->rcpts * (size_t)(m->nrcpts + 1));
	memmove(m->rcpts + 1, m->rcpts, sizeof *m->rcpts * (size_t)m->nrcpts);
	m->rcpts[0] = a;
	m->nrcpts++;
}

/* The decoded content of a leaf part, in memory. */
static GByteArray *part_bytes(GMimePart *part, GMimeStream **keep)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *s = g_mime_stream_mem_new();
	if (w)
		g_mime_data_wrapper_write_to_stream(w, s);
	*keep = s;
	return g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(s));
}

struct walk {
	mail_in *m;
	const mail_in_limits *lim;
	GMimePart *plain, *html;
	int rc;
	char *err;
	size_t errlen;
};

static void refuse(mail_in *m, const char *name, const char *why)
{
	m->refused = xrealloc(m->refused, sizeof *m->refused * (size_t)(m->nrefused + 1));
	m->refused[m->nrefused].name = xstrdup(name && *name ? name : "file");
	m->refused[m->nrefused].why = why;
	m->nrefused++;
}

/* A delivery-status part: its Final-Recipient (RFC 3464: "rfc822; addr"). */
static void read_dsn(mail_in *m, GMimeObject *part)
{
	char *text = g_mime_object_to_string(part, NULL);
	const char *p = text ? strcasestr(text, "\nFinal-Recipient:") : NULL;
	if (!p && text)
		p = strcasestr(text, "Original-Recipient:");
	if (p) {
		p = strchr(p, ':') + 1;
		const char *semi = strchr(p, ';');
		const char *eol = strpbrk(p, "\r\n");
		if (semi && (!eol || semi < eol))
			p = semi + 1;
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, " \t\r\n;>");
		char *addr = xstrndup(p, n);
		if (text_email_valid(addr)) {
			free(m->bounced_addr);
			m->bounced_addr = lower_dup(addr);
		}
		free(addr);
	}
	g_free(text);
}

/* Writes an attachment to a temporary file and checks it as the web form
 * checks uploads. */
static void keep_attachment(struct walk *wk, GMimePart *part)
{
	mail_in *m = wk->m;
	const char *fname = g_mime_part_get_filename(part);
	char *name = fname ? xstrdup(fname) : xstrdup("");
	if (!utf8_valid_text(name, strlen(name))) {
		char *fixed = mail_in_to_utf8(name, strlen(name), "CP949");
		free(name);
		name = fixed;
	}
	mail_header_flatten(name);
	for (char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			*p = '_';
	if (m->nfiles >= wk->lim->max_files) {
		refuse(m, name, "count");
		goto done;
	}
	char *path = xasprintf("%s/madang-mail-XXXXXX", wk->lim->tmpdir);
	int fd = mkstemp(path);
	if (fd < 0) {
		snprintf(wk->err, wk->errlen, "cannot create a file in %s: %s", wk->lim->tmpdir, strerror(errno));
		wk->rc = MDG_ERR;
		free(path);
		goto done;
	}
	GMimeStream *s = g_mime_stream_fs_new(fd);
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	gint64 size = w ? g_mime_data_wrapper_write_to_stream(w, s) : 0;
	bool flushed = g_mime_stream_flush(s) == 0;
	g_object_unref(s); /* closes fd */
	const char *type = size > 0 && flushed ? case_sniff_type(path) : NULL;
	if (size <= 0 || !flushed || (size_t)size > wk->lim->max_file_size || !type) {
		refuse(m, name, size > 0 && (size_t)size > wk->lim->max_file_size ? "size" : "type");
		unlink(path);
		free(path);
		goto done;
	}
	upload *u = xcalloc(1, sizeof *u);
	u->field = xstrdup("attachments");
	u->filename = name;
	u->content_type = xstrdup(type);
	u->path = path;
	u->size = (size_t)size;
	name = NULL;
	/* In the mail's order. */
	upload **tail = &m->files;
	while (*tail)
		tail = &(*tail)->next;
	*tail = u;
	m->nfiles++;
done:
	free(name);
}

static void visit(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	struct walk *wk = data;
	MDG_UNUSED(parent);
	if (wk->rc != MDG_OK)
		return;
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	if (ct && g_mime_content_type_is_type(ct, "message", "delivery-status")) {
		wk->m->bounce = true;
		read_dsn(wk->m, part);
		return;
	}
	if (ct && g_mime_content_type_is_type(ct, "text", "rfc822-headers"))
		return;
	if (GMIME_IS_MESSAGE_PART(part)) {
		/* A forwarded message: kept as a file if its type passes (it
		 * never does today: message/rfc822 is not an upload type). */
		refuse(wk->m, "message.eml", "type");
		return;
	}
	if (!GMIME_IS_PART(part))
		return;
	GMimePart *p = GMIME_PART(part);
	bool named = g_mime_part_get_filename(p) != NULL;
	if (!g_mime_part_is_attachment(p) && !named && ct && g_mime_content_type_is_type(ct, "text", "plain")) {
		if (!wk->plain)
			wk->plain = p;
		return;
	}
	if (!g_mime_part_is_attachment(p) && !named && ct && g_mime_content_type_is_type(ct, "text", "html")) {
		if (!wk->html)
			wk->html = p;
		return;
	}
	keep_attachment(wk, p);
}

/* The body: text/plain, else the text of text/html, in UTF-8. */
static char *body_text(GMimePart *plain, GMimePart *html)
{
	GMimePart *p = plain ? plain : html;
	if (!p)
		return xstrdup("");
	GMimeStream *keep;
	GByteArray *bytes = part_bytes(p, &keep);
	const char *charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(p), "charset");
	char *text = mail_in_to_utf8((const char *)bytes->data, bytes->len, charset);
	g_object_unref(keep);
	if (!plain) {
		char *t = mail_in_html_text(text);
		free(text);
		text = t;
	}
	char *trimmed = text_trim(text);
	free(text);
	return trimmed;
}

int mail_in_parse(const char *data, size_t len, const mail_in_limits *lim, mail_in *out, char *err, size_t errlen)
{
	GMimeStream *stream = NULL;
	GMimeParser *parser = NULL;
	GMimeMessage *msg = NULL;
	int rc = MDG_EINVAL;

	memset(out, 0, sizeof *out);
	err[0] = '\0';
	if (len > (size_t)MAIL_IN_MAX_BYTES) {
		snprintf(err, errlen, "the message is larger than %ld bytes", (long)MAIL_IN_MAX_BYTES);
		return MDG_ETOOBIG;
	}
	mail_in_init();
	stream = g_mime_stream_mem_new_with_buffer(data, len);
	parser = g_mime_parser_new_with_stream(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	if (!msg || !g_mime_object_get_header(GMIME_OBJECT(msg), "From")) {
		snprintf(err, errlen, "not an e-mail message (no From header)");
		goto done;
	}
	GMimeObject *top = GMIME_OBJECT(msg);
	InternetAddressList *from = g_mime_message_get_from(msg);
	InternetAddress *ia = from && internet_address_list_length(from) > 0
				      ? internet_address_list_get_address(from, 0) : NULL;
	if (ia && INTERNET_ADDRESS_IS_MAILBOX(ia)) {
		out->from_addr = lower_dup(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
		const char *name = internet_address_get_name(ia);
		out->from_name = xstrdup(name ? name : "");
		mail_header_flatten(out->from_name);
	} else {
		out->from_addr = xstrdup("");
		out->from_name = xstrdup("");
	}
	const char *subject = g_mime_message_get_subject(msg);
	out->subject = text_trim(subject ? subject : "");
	if (!utf8_valid_text(out->subject, strlen(out->subject))) {
		/* An 8-bit subject without RFC 2047: Korean clients' CP949. */
		char *fixed = mail_in_to_utf8(out->subject, strlen(out->subject), NULL);
		free(out->subject);
		out->subject = fixed;
	}
	mail_header_flatten(out->subject);
	const char *mid = g_mime_message_get_message_id(msg);
	out->message_id = xstrdup(mid ? mid : "");
	mail_header_flatten(out->message_id);
	add_refs(out, g_mime_object_get_header(top, "In-Reply-To"));
	add_refs(out, g_mime_object_get_header(top, "References"));
	out->auto_submitted = header_dup(top, "Auto-Submitted");
	out->precedence = header_dup(top, "Precedence");

	/* Where it was delivered first: what the MTA says, then the headers. */
	GMimeHeaderList *hl = g_mime_object_get_header_list(top);
	int nh = hl ? g_mime_header_list_get_count(hl) : 0;
	for (int i = 0; i < nh; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *hn = g_mime_header_get_name(h);
		if (strcasecmp(hn, "Delivered-To") == 0 || strcasecmp(hn, "X-Original-To") == 0) {
			char *v = text_trim(g_mime_header_get_value(h));
			add_rcpt(out, v);
			free(v);
		}
	}
	add_list(out, g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_TO));
	add_list(out, g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_CC));

	GMimeContentType *ct = g_mime_object_get_content_type(g_mime_message_get_mime_part(msg));
	if (ct && g_mime_content_type_is_type(ct, "multipart", "report")) {
		const char *rt = g_mime_content_type_get_parameter(ct, "report-type");
		if (rt && strcasecmp(rt, "delivery-status") == 0)
			out->bounce = true;
	}
	struct walk wk = {.m = out, .lim = lim, .rc = MDG_OK, .err = err, .errlen = errlen};
	g_mime_message_foreach(msg, visit, &wk);
	if (wk.rc != MDG_OK) {
		rc = wk.rc;
		goto done;
	}
	if (!out->bounced_addr)
		out->bounced_addr = xstrdup("");
	out->body = body_text(wk.plain, wk.html);
	rc = MDG_OK;
done:
	if (msg)
		g_object_unref(msg);
	if (parser)
		g_object_unref(parser);
	if (stream)
		g_object_unref(stream);
	if (rc != MDG_OK)
		mail_in_free(out);
	return rc;
}

void mail_in_free(mail_in *m)
{
	free(m->from_addr);
	free(m->from_name);
	free(m->subject);
	free(m->message_id);
	for (int i = 0; i < m->nrefs; i++)
		free(m->refs[i]);
	free(m->refs);
	for (int i = 0; i < m->nrcpts; i++)
		free(m->rcpts[i]);
	free(m->rcpts);
	free(m->auto_submitted);
	free(m->precedence);
	free(m->bounced_addr);
	free(m->body);
	upload_free(m->files);
	for (int i = 0; i < m->nrefused; i++)
		free(m->refused[i].name);
	free(m->refused);
	memset(m, 0, sizeof *m);
}
