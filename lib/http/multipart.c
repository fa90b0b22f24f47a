/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* multipart.c: streaming multipart/form-data parser (RFC 7578, RFC 2046). */
#include "http/parse.h"
#include "core/buf.h"
#include "core/codec.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MP_BOUNDARY_MAX 70                  /* RFC 2046 */
#define MP_DELIM_MAX (MP_BOUNDARY_MAX + 4)  /* CR LF "--" boundary, without its NUL */
#define MP_HEAD_MAX 8192                    /* one part's headers, blank line included */
#define MP_PAD_MAX 256                      /* transport padding after a delimiter */
#define MP_CHUNK 8192                       /* bytes asked of the reader at once */
#define MP_WIN (MP_HEAD_MAX + MP_CHUNK)     /* the window holds a header block + a chunk */
#define MP_NAME_MAX 256                     /* bytes of a field name, as for urlencoded */

enum mp_state {
	MP_PREAMBLE,    /* looking for the first delimiter */
	MP_AFTER_DELIM, /* "--" closes the body, anything else starts a part */
	MP_PADDING,     /* optional spaces, then CR LF */
	MP_HEADERS,     /* a part's header block up to the blank line */
	MP_BODY,        /* a part's content up to the next delimiter */
	MP_DONE
};

enum mp_kind {
	MP_NONE,
	MP_SKIP, /* a part with an empty name: read and dropped */
	MP_TEXT,
	MP_FILE
};

/* The whole parse state. The window win[pos..pos+avail) holds bytes read but
 * not yet consumed; it never grows, which bounds memory whatever the body. */
struct mp {
	http_reader rd;
	void *ctx;
	size_t remaining; /* of content_length, not yet asked for */
	size_t read;      /* bytes read so far, for the log */
	bool eof;
	const http_limits *lim;
	const char *tmpdir;
	kvlist *fields;
	upload **tail; /* where the next upload is linked */
	size_t nparts, nfiles;
	char delim[MP_DELIM_MAX + 1]; /* + 1: snprintf writes the NUL */
	size_t dlen;
	size_t pos, avail, pad;
	enum mp_state state;
	/* the part being read */
	enum mp_kind kind;
	char *name;
	char *filename;       /* from filename= */
	char *filename_ext;   /* from filename*=UTF-8''..., preferred */
	bool has_filename;    /* filename= or filename*= was present */
	bool has_filename_ext;
	char *ctype;
	buf text;
	upload *file; /* created lazily, on the first content byte */
	int fd;
	size_t fsize;
	char win[MP_WIN];
};

static bool mp_is_ows(char c)
{
	return c == ' ' || c == '\t';
}

static const char *mp_skip_ows(const char *p, const char *end)
{
	while (p < end && mp_is_ows(*p))
		p++;
	return p;
}

/* Length of a parameter name or media type at p (RFC 2045 token, leniently:
 * any visible byte but separators that matter here). */
static size_t mp_token_len(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end) {
		unsigned char c = (unsigned char)p[n];
		if (c <= 0x20 || c == 0x7f || c == ';' || c == '=' || c == '"')
			break;
		n++;
	}
	return n;
}

/* Length of an unquoted parameter value: like a token, but '=' and '/' are
 * allowed since some clients send such boundaries unquoted. */
static size_t mp_value_len(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end) {
		unsigned char c = (unsigned char)p[n];
		if (c <= 0x20 || c == 0x7f || c == ';' || c == '"')
			break;
		n++;
	}
	return n;
}

/* A quoted string at p (which is '"'), unescaped into val. A backslash
 * escapes only '"' and '\\': old clients send Windows paths such as
 * "C:\dir\f.txt" unescaped, and this keeps their separators for the
 * base-name step. Returns the byte after the closing quote, NULL when the
 * string is not closed. */
static const char *mp_quoted(const char *p, const char *end, buf *val)
{
	p++;
	while (p < end) {
		if (*p == '"')
			return p + 1;
		if (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\'))
			p++;
		buf_putc(val, *p);
		p++;
	}
	return NULL;
}

/* The next ";name=value" parameter from *pp. Returns 1 with the name in
 * *name (nlen bytes, not copied) and the unquoted value in val, 0 at the end
 * of the string, MDG_EINVAL when malformed. */
static int mp_next_param(const char **pp, const char *end, const char **name, size_t *nlen,
			 buf *val)
{
	const char *p = mp_skip_ows(*pp, end);

	buf_reset(val);
	if (p == end)
		return 0;
	if (*p != ';')
		return MDG_EINVAL;
	p = mp_skip_ows(p + 1, end);
	if (p == end)
		return 0; /* a trailing ';' */
	*name = p;
	*nlen = mp_token_len(p, end);
	if (*nlen == 0)
		return MDG_EINVAL;
	p += *nlen;
	if (p == end || *p != '=')
		return MDG_EINVAL;
	p++;
	if (p < end && *p == '"') {
		p = mp_quoted(p, end, val);
		if (!p)
			return MDG_EINVAL;
	} else {
		size_t vlen = mp_value_len(p, end);
		if (vlen == 0)
			return MDG_EINVAL;
		buf_append(val, p, vlen);
		p += vlen;
	}
	*pp = p;
	return 1;
}

static bool mp_name_is(const char *name, size_t nlen, const char *want)
{
	return nlen == strlen(want) && strncasecmp(name, want, nlen) == 0;
}

static bool mp_bchar(char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/* Accepts only "multipart/form-data" with exactly one boundary parameter of
 * 1..70 RFC 2046 characters (not ending in a space). out needs room for 71
 * bytes; a smaller out is MDG_EINVAL too. */
int http_multipart_boundary(const char *content_type, char *out, size_t outlen)
{
	buf val = {0};
	const char *p, *end, *name = NULL;
	size_t nlen = 0, tlen, blen = 0;
	bool found = false;
	int rc = MDG_EINVAL, r;

	if (!content_type || !out || outlen == 0)
		goto out;
	out[0] = '\0';
	p = content_type;
	end = p + strlen(p);
	p = mp_skip_ows(p, end);
	tlen = mp_token_len(p, end);
	if (!mp_name_is(p, tlen, "multipart/form-data"))
		goto out;
	p += tlen;
	while ((r = mp_next_param(&p, end, &name, &nlen, &val)) == 1) {
		if (!mp_name_is(name, nlen, "boundary"))
			continue;
		if (found)
			goto out; /* two boundaries: ambiguous */
		found = true;
		blen = val.len;
		if (blen == 0 || blen > MP_BOUNDARY_MAX || blen >= outlen || val.data[blen - 1] == ' ')
			goto out;
		for (size_t i = 0; i < blen; i++)
			if (!mp_bchar(val.data[i]))
				goto out;
		memcpy(out, val.data, blen);
	}
	if (r < 0 || !found)
		goto out;
	out[blen] = '\0';
	rc = MDG_OK;
out:
	if (rc != MDG_OK && out && outlen > 0)
		out[0] = '\0';
	buf_free(&val);
	return rc;
}

/* Decodes a filename*= value "UTF-8'lang'%E2%82%AC.txt" (RFC 8187). Returns
 * 1 with the name in out, 0 for another charset (ignored), MDG_EINVAL when
 * malformed. */
static int mp_ext_value(const char *s, size_t len, buf *out)
{
	const char *end = s + len;
	const char *q1 = memchr(s, '\'', len), *q2;

	if (!q1)
		return MDG_EINVAL;
	q2 = memchr(q1 + 1, '\'', (size_t)(end - q1 - 1));
	if (!q2)
		return MDG_EINVAL;
	if (!mp_name_is(s, (size_t)(q1 - s), "utf-8"))
		return 0;
	for (const char *p = q2 + 1; p < end; p++) {
		if (*p == '%') {
			int byte = pct_decode_byte(p, (size_t)(end - p));
			if (byte < 0)
				return MDG_EINVAL;
			buf_putc(out, (char)byte);
			p += 2;
		} else {
			buf_putc(out, *p);
		}
	}
	return 1;
}

/* Sets *slot to a copy of val, MDG_EINVAL when it was set already. */
static int mp_set_once(char **slot, const buf *val)
{
	if (*slot)
		return MDG_EINVAL;
	*slot = xstrndup(buf_str(val), val->len);
	return MDG_OK;
}

/* Content-Disposition: form-data; name="..."; filename="..." */
static int mp_disposition(struct mp *m, const char *v, size_t vlen)
{
	buf val = {0}, ext = {0};
	const char *p = v, *end = v + vlen, *name = NULL;
	size_t nlen = 0, tlen = mp_token_len(p, end);
	int rc = MDG_EINVAL, r;

	if (!mp_name_is(p, tlen, "form-data"))
		goto out;
	p += tlen;
	while ((r = mp_next_param(&p, end, &name, &nlen, &val)) == 1) {
		if (mp_name_is(name, nlen, "name")) {
			if (mp_set_once(&m->name, &val) != MDG_OK)
				goto out;
		} else if (mp_name_is(name, nlen, "filename")) {
			if (mp_set_once(&m->filename, &val) != MDG_OK)
				goto out;
			m->has_filename = true;
		} else if (mp_name_is(name, nlen, "filename*")) {
			if (m->has_filename_ext)
				goto out;
			m->has_filename_ext = true;
			m->has_filename = true;
			buf_reset(&ext);
			r = mp_ext_value(buf_str(&val), val.len, &ext);
			if (r < 0)
				goto out;
			if (r == 1 && !utf8_valid_text(ext.data, ext.len)) {
				rc = MDG_EUTF8; /* %00 and the like */
				goto out;
			}
			if (r == 1)
				m->filename_ext = xstrndup(buf_str(&ext), ext.len);
		}
	}
	if (r < 0)
		goto out;
	rc = MDG_OK;
out:
	buf_free(&val);
	buf_free(&ext);
	return rc;
}

/* One header line (without its CR LF). Unknown headers are ignored. */
static int mp_header_line(struct mp *m, const char *line, size_t len, bool *seen_cd)
{
	const char *colon, *v, *end = line + len;
	size_t nlen;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return MDG_EINVAL; /* NUL, bare CR or LF, other controls */
	}
	if (len == 0 || mp_is_ows(line[0]))
		return MDG_EINVAL; /* obsolete line folding */
	colon = memchr(line, ':', len);
	if (!colon)
		return MDG_EINVAL;
	nlen = (size_t)(colon - line);
	if (nlen == 0 || mp_token_len(line, colon) != nlen)
		return MDG_EINVAL;
	v = mp_skip_ows(colon + 1, end);
	while (end > v && mp_is_ows(end[-1]))
		end--;
	if (mp_name_is(line, nlen, "content-disposition")) {
		if (*seen_cd)
			return MDG_EINVAL;
		*seen_cd = true;
		return mp_disposition(m, v, (size_t)(end - v));
	}
	if (mp_name_is(line, nlen, "content-type")) {
		if (m->ctype)
			return MDG_EINVAL;
		if (!utf8_valid_text(v, (size_t)(end - v)))
			return MDG_EUTF8;
		m->ctype = xstrndup(v, (size_t)(end - v));
	}
	return MDG_OK;
}

/* Drops what is known about the current part; an open upload file is closed
 * (it stays on the list, for upload_free to unlink). */
static void mp_part_clear(struct mp *m)
{
	free(m->name);
	free(m->filename);
	free(m->filename_ext);
	free(m->ctype);
	m->name = m->filename = m->filename_ext = m->ctype = NULL;
	m->has_filename = m->has_filename_ext = false;
	buf_free(&m->text);
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	m->file = NULL;
	m->fsize = 0;
	m->kind = MP_NONE;
}

/* Parses a part's header block h[0..hlen) (lines each ending in CR LF) and
 * decides what the part is. */
static int mp_part_begin(struct mp *m, const char *h, size_t hlen)
{
	bool seen_cd = false;
	const char *base;
	size_t i = 0;
	int rc;

	mp_part_clear(m);
	if (++m->nparts > m->lim->max_fields)
		return MDG_ETOOBIG;
	while (i < hlen) {
		const char *line = h + i;
		const char *eol = memmem(line, hlen - i, "\r\n", 2);
		if (!eol)
			return MDG_EINVAL;
		i += (size_t)(eol - line) + 2;
		rc = mp_header_line(m, line, (size_t)(eol - line), &seen_cd);
		if (rc != MDG_OK)
			return rc;
	}
	if (!seen_cd || !m->name)
		return MDG_EINVAL;
	if (strlen(m->name) > MP_NAME_MAX)
		return MDG_ETOOBIG;
	if (!utf8_valid_text(m->name, strlen(m->name)))
		return MDG_EUTF8;
	if (m->name[0] == '\0') {
		m->kind = MP_SKIP;
		return MDG_OK;
	}
	if (!m->has_filename) {
		m->kind = MP_TEXT;
		return MDG_OK;
	}
	m->kind = MP_FILE;
	/* The client's name is only ever metadata, but keep no directories. */
	if (m->filename_ext) {
		free(m->filename);
		m->filename = m->filename_ext;
		m->filename_ext = NULL;
	}
	if (!m->filename)
		m->filename = xstrdup("");
	base = m->filename;
	for (const char *p = m->filename; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	memmove(m->filename, base, strlen(base) + 1);
	if (!utf8_valid_text(m->filename, strlen(m->filename)))
		return MDG_EUTF8;
	return MDG_OK;
}

/* Creates the temporary file for the current file part and links it into
 * the caller's list at once, so that no error path can leak it. */
static int mp_file_open(struct mp *m)
{
	upload *u;
	int fd;

	if (m->nfiles >= m->lim->max_files)
		return MDG_ETOOBIG;
	u = xcalloc(1, sizeof *u);
	u->path = xasprintf("%s/madang-upload-XXXXXX", m->tmpdir);
	/* mkstemp's mode is 0600; O_CLOEXEC keeps the fd from child processes. */
	fd = mkostemp(u->path, O_CLOEXEC);
	if (fd < 0) {
		log_error("multipart: cannot create %s: %s", u->path, strerror(errno));
		free(u->path);
		free(u);
		return MDG_ERR;
	}
	u->field = xstrdup(m->name);
	u->filename = xstrdup(m->filename);
	u->content_type = xstrdup(m->ctype ? m->ctype : "");
	*m->tail = u;
	m->tail = &u->next;
	m->nfiles++;
	m->file = u;
	m->fd = fd;
	return MDG_OK;
}

static int mp_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			log_error("multipart: cannot write an upload: %s", strerror(errno));
			return MDG_ERR;
		}
		p += w;
		n -= (size_t)w;
	}
	return MDG_OK;
}

/* Content bytes of the current part. */
static int mp_emit(struct mp *m, const char *p, size_t n)
{
	int rc;

	if (n == 0)
		return MDG_OK;
	switch (m->kind) {
	case MP_TEXT:
		if (n > m->lim->max_field_len - m->text.len)
			return MDG_ETOOBIG;
		buf_append(&m->text, p, n);
		return MDG_OK;
	case MP_FILE:
		if (n > m->lim->max_file_size - m->fsize)
			return MDG_ETOOBIG;
		if (m->fd < 0) {
			rc = mp_file_open(m);
			if (rc != MDG_OK)
				return rc;
		}
		rc = mp_write_all(m->fd, p, n);
		if (rc != MDG_OK)
			return rc;
		m->fsize += n;
		m->file->size = m->fsize;
		return MDG_OK;
	default:
		return MDG_OK;
	}
}

/* The current part's closing delimiter was seen. */
static int mp_part_end(struct mp *m)
{
	int rc = MDG_OK;

	switch (m->kind) {
	case MP_TEXT:
		if (!utf8_valid_text(m->text.data, m->text.len))
			return MDG_EUTF8;
		kv_add(m->fields, m->name, buf_str(&m->text), m->text.len);
		break;
	case MP_FILE:
		if (m->fd < 0) {
			/* An empty file input: browsers send filename="" and no
			 * bytes. Any other empty file is kept. */
			if (m->filename[0] == '\0')
				break;
			rc = mp_file_open(m);
			if (rc != MDG_OK)
				return rc;
		}
		if (close(m->fd) != 0) {
			log_error("multipart: cannot close %s: %s", m->file->path, strerror(errno));
			rc = MDG_ERR;
		}
		m->fd = -1;
		break;
	default:
		break;
	}
	mp_part_clear(m);
	return rc;
}

static void mp_consume(struct mp *m, size_t n)
{
	m->pos += n;
	m->avail -= n;
}

/* Reads more of the body into the window. Returns 1 when bytes came, 0 at the
 * end of the body, MDG_ERR when the reader failed. Never asks for bytes past
 * content_length. */
static int mp_fill(struct mp *m)
{
	size_t want;
	ssize_t n;

	if (m->pos > 0) {
		memmove(m->win, m->win + m->pos, m->avail);
		m->pos = 0;
	}
	if (m->eof || m->remaining == 0)
		return 0;
	want = MP_WIN - m->avail;
	if (want > MP_CHUNK)
		want = MP_CHUNK;
	if (want > m->remaining)
		want = m->remaining;
	if (want == 0)
		return MDG_ERR; /* the window is full: a bug, not input */
	n = m->rd(m->ctx, m->win + m->avail, want);
	if (n < 0 || (size_t)n > want) {
		log_error("multipart: reading the body failed after %zu bytes",
			  m->read);
		return MDG_ERR;
	}
	if (n == 0) {
		m->eof = true;
		return 0;
	}
	m->avail += (size_t)n;
	m->remaining -= (size_t)n;
	m->read += (size_t)n;
	return 1;
}

/* Looks for the delimiter; without one, hands all but its last dlen-1 bytes
 * (which may start a delimiter split across reads) to the part, or drops
 * them in the preamble. */
static int mp_step_scan(struct mp *m)
{
	const char *d = m->win + m->pos;
	const char *hit = memmem(d, m->avail, m->delim, m->dlen);
	size_t n;
	int rc;

	if (!hit) {
		size_t keep = m->dlen - 1;
		if (m->avail <= keep)
			return 0;
		n = m->avail - keep;
		if (m->state == MP_BODY) {
			rc = mp_emit(m, d, n);
			if (rc != MDG_OK)
				return rc;
		}
		mp_consume(m, n);
		return 0;
	}
	n = (size_t)(hit - d);
	if (m->state == MP_BODY) {
		rc = mp_emit(m, d, n);
		if (rc == MDG_OK)
			rc = mp_part_end(m);
		if (rc != MDG_OK)
			return rc;
	}
	mp_consume(m, n + m->dlen);
	m->state = MP_AFTER_DELIM;
	return 1;
}

static int mp_step_headers(struct mp *m)
{
	const char *d = m->win + m->pos;
	size_t hlen, skip;
	int rc;

	if (m->avail < 2)
		return 0;
	if (d[0] == '\r' && d[1] == '\n') {
		hlen = 0;
		skip = 2;
	} else {
		size_t look = m->avail < MP_HEAD_MAX ? m->avail : MP_HEAD_MAX;
		const char *hit = memmem(d, look, "\r\n\r\n", 4);
		if (!hit)
			return m->avail >= MP_HEAD_MAX ? MDG_EINVAL : 0;
		hlen = (size_t)(hit - d) + 2;
		skip = hlen + 2;
	}
	rc = mp_part_begin(m, d, hlen);
	if (rc != MDG_OK)
		return rc;
	mp_consume(m, skip);
	m->state = MP_BODY;
	return 1;
}

/* Advances the state machine with the bytes in the window. Returns 1 when it
 * made progress, 0 when it needs more bytes, or an MDG_* error. */
static int mp_step(struct mp *m)
{
	const char *d = m->win + m->pos;

	switch (m->state) {
	case MP_PREAMBLE:
	case MP_BODY:
		return mp_step_scan(m);
	case MP_AFTER_DELIM:
		if (m->avail < 2)
			return 0;
		if (d[0] == '-' && d[1] == '-') {
			m->state = MP_DONE; /* the epilogue is never read */
			return 1;
		}
		m->pad = 0;
		m->state = MP_PADDING;
		return 1;
	case MP_PADDING:
		while (m->avail > 0 && mp_is_ows(m->win[m->pos])) {
			if (++m->pad > MP_PAD_MAX)
				return MDG_EINVAL;
			mp_consume(m, 1);
		}
		if (m->avail < 2)
			return 0;
		d = m->win + m->pos;
		if (d[0] != '\r' || d[1] != '\n')
			return MDG_EINVAL;
		mp_consume(m, 2);
		m->state = MP_HEADERS;
		return 1;
	case MP_HEADERS:
		return mp_step_headers(m);
	case MP_DONE:
		return 1;
	}
	return MDG_ERR;
}

/* Checks the boundary and the declared length before reading anything, then
 * runs the state machine until the closing delimiter. The body is seen as if
 * it began with CR LF, so that a first delimiter at offset 0 matches like any
 * other. A body that ends earlier is MDG_EINVAL. */
int http_parse_multipart(const char *content_type, http_reader rd, void *ctx,
			 size_t content_length, const http_limits *lim,
			 const char *tmpdir, kvlist *fields, upload **files)
{
	char boundary[MP_BOUNDARY_MAX + 1];
	struct mp *m = NULL;
	int rc, r;

	rc = http_multipart_boundary(content_type, boundary, sizeof boundary);
	if (rc != MDG_OK)
		goto out;
	if (content_length > lim->max_body) {
		rc = MDG_ETOOBIG;
		goto out;
	}
	m = xcalloc(1, sizeof *m);
	m->rd = rd;
	m->ctx = ctx;
	m->remaining = content_length;
	m->lim = lim;
	m->tmpdir = tmpdir;
	m->fields = fields;
	m->tail = files;
	while (*m->tail)
		m->tail = &(*m->tail)->next;
	m->fd = -1;
	m->dlen = (size_t)snprintf(m->delim, sizeof m->delim, "\r\n--%s", boundary);
	memcpy(m->win, "\r\n", 2);
	m->avail = 2;
	m->state = MP_PREAMBLE;
	while (m->state != MP_DONE) {
		r = mp_step(m);
		if (r < 0) {
			rc = r;
			goto out;
		}
		if (r > 0)
			continue;
		r = mp_fill(m);
		if (r < 0) {
			rc = r;
			goto out;
		}
		if (r == 0) {
			rc = MDG_EINVAL; /* truncated */
			goto out;
		}
	}
	rc = MDG_OK;
out:
	if (m) {
		mp_part_clear(m);
		free(m);
	}
	return rc;
}

/* Unlinks each temporary file (errors ignored: nothing to do about them
 * here) and frees the list; NULL is fine. */
void upload_free(upload *u)
{
	while (u) {
		upload *next = u->next;
		if (u->path)
			unlink(u->path);
		free(u->field);
		free(u->filename);
		free(u->content_type);
		free(u->path);
		free(u);
		u = next;
	}
}
