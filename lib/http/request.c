/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* request.c: reading a FastCGI request and writing its response. */
#include "http/request.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fastcgi.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every response carries these (nginx adds the same to static files); the
 * CSP's img-src may name one more source (r->img_src) between the two. */
static const char csp_head[] = "Content-Security-Policy: default-src 'self'; img-src 'self' data:";
static const char csp_tail[] = "; style-src 'self'; script-src 'self'; form-action 'self'; "
			       "frame-ancestors 'none'; base-uri 'none'\r\n";
static const char security_headers[] =
	"X-Content-Type-Options: nosniff\r\n"
	"X-Frame-Options: DENY\r\n"
	"Referrer-Policy: same-origin\r\n"
	/* Pages can hold personal data: never in a shared cache. */
	"Cache-Control: private, no-store\r\n"
	"Vary: Cookie, Accept-Language\r\n";

const char *http_req_env(const http_req *r, const char *name)
{
	return FCGX_GetParam(name, r->fcgi->envp);
}

int http_req_init(http_req *r, FCGX_Request *fcgi, const http_limits *lim)
{
	const char *s;
	int rc;

	memset(r, 0, sizeof *r);
	r->fcgi = fcgi;
	clock_gettime(CLOCK_MONOTONIC, &r->started);
	crypto_random_hex(r->rid, (sizeof r->rid - 1) / 2);
	r->status = 200;

	r->method = http_req_env(r, "REQUEST_METHOD");
	if (!r->method)
		r->method = "GET";
	r->uri = http_req_env(r, "REQUEST_URI");
	if (!r->uri)
		r->uri = "/";
	r->query_string = http_req_env(r, "QUERY_STRING");
	r->content_type = http_req_env(r, "CONTENT_TYPE");
	r->remote_addr = http_req_env(r, "REMOTE_ADDR");
	if (!r->remote_addr)
		r->remote_addr = "";
	r->accept_language = http_req_env(r, "HTTP_ACCEPT_LANGUAGE");
	s = http_req_env(r, "HTTPS");
	r->https = s && strcmp(s, "on") == 0;
	s = http_req_env(r, "CONTENT_LENGTH");
	if (s && *s) {
		char *end = NULL;
		errno = 0;
		unsigned long long v = strtoull(s, &end, 10);
		if (errno || *end)
			return MDG_EINVAL;
		r->content_length = (size_t)v;
	}
	s = http_req_env(r, "DOCUMENT_URI");
	r->path = s && *s == '/' ? xstrdup(s) : http_decode_path(r->uri);
	if (!r->path) {
		r->path = xstrdup("/");
		return MDG_EINVAL;
	}
	s = http_req_env(r, "HTTP_COOKIE");
	if (s) {
		rc = http_parse_cookies(s, &r->cookies);
		if (rc != MDG_OK) {
			/* Unreadable cookies are ignored, not fatal: the client
			 * simply counts as signed out. */
			kv_free(&r->cookies);
		}
	}
	if (r->query_string && *r->query_string) {
		rc = http_parse_urlencoded(r->query_string, strlen(r->query_string), lim, &r->query);
		if (rc != MDG_OK)
			return rc;
	}
	return MDG_OK;
}

struct body_reader {
	FCGX_Stream *in;
	size_t left;
};

/* An http_reader over the FastCGI stream. Sizes stay size_t; only the
 * count handed to FCGX_GetStr, which takes an int, is cut to INT_MAX (a
 * short read, which every caller loops over), never wrapped to a negative
 * or smaller count. */
static ssize_t read_fcgi(void *ctx, char *dst, size_t len)
{
	struct body_reader *br = ctx;
	if (br->left == 0)
		return 0;
	if (len > br->left)
		len = br->left;
	if (len > INT_MAX)
		len = INT_MAX;
	int got = FCGX_GetStr(dst, (int)len, br->in);
	if (got < 0)
		return -1;
	br->left -= (size_t)got;
	return got;
}

/* The whole body of r (its CONTENT_LENGTH bytes) into a new string of
 * *len bytes and a NUL, or NULL when the client sent less than it
 * declared. */
static char *read_all(http_req *r, size_t *len)
{
	struct body_reader br = {r->fcgi->in, r->content_length};
	char *body = xmalloc(r->content_length + 1);
	size_t got = 0;
	while (got < r->content_length) {
		ssize_t n = read_fcgi(&br, body + got, r->content_length - got);
		if (n <= 0) {
			free(body);
			return NULL;
		}
		got += (size_t)n;
	}
	body[got] = '\0';
	*len = got;
	return body;
}

int http_req_read_body(http_req *r, const http_limits *lim, const char *tmpdir)
{
	const char *ct = r->content_type ? r->content_type : "";
	struct body_reader br = {r->fcgi->in, r->content_length};

	if (r->content_length > lim->max_body)
		return MDG_ETOOBIG;
	if (strncasecmp(ct, "multipart/form-data", 19) == 0)
		return http_parse_multipart(ct, read_fcgi, &br, r->content_length, lim,
					    tmpdir, &r->form, &r->files);
	if (r->content_length == 0)
		return MDG_OK;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
		return MDG_EINVAL;
	size_t got = 0;
	char *body = read_all(r, &got);
	if (!body)
		return MDG_EINVAL;
	int rc = http_parse_urlencoded(body, got, lim, &r->form);
	free(body);
	return rc;
}

int http_req_read_text(http_req *r, const http_limits *lim)
{
	const char *ct = r->content_type ? r->content_type : "";
	if (r->content_length > lim->max_field_len)
		return MDG_ETOOBIG;
	if (strncasecmp(ct, "text/plain", 10) != 0 || (ct[10] && ct[10] != ';' && ct[10] != ' '))
		return MDG_EINVAL;
	free(r->text);
	r->text = read_all(r, &r->text_len);
	return r->text ? MDG_OK : MDG_EINVAL;
}

void http_req_free(http_req *r)
{
	kv_free(&r->query);
	kv_free(&r->form);
	kv_free(&r->cookies);
	upload_free(r->files);
	r->files = NULL;
	for (int i = 0; i < HTTP_MAX_PARAMS; i++)
		free(r->param_store[i]);
	free(r->path);
	free(r->redirect);
	free(r->send_file);
	free(r->text);
	buf_free(&r->headers);
	buf_free(&r->body);
	memset(r, 0, sizeof *r);
}

static bool header_safe(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

void http_header(http_req *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value)) {
		log_error("refused a header with CR/LF: %s", name);
		return;
	}
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

void http_set_cookie(http_req *r, const char *name, const char *value, long max_age)
{
	char line[512];
	char age[40] = "";
	if (max_age >= 0)
		snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
	/* __Host-: the browser keeps it only when Secure, Path=/ and without
	 * Domain, so neither plain HTTP nor a sibling host can set it for us. */
	snprintf(line, sizeof line, "%s%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", r->https ? HTTP_COOKIE_PREFIX : "",
		 name, value, age, r->https ? "; Secure" : "");
	http_header(r, "Set-Cookie", line);
}

const char *http_cookie(const http_req *r, const char *name)
{
	char full[64];
	if (!r->https)
		return kv_get(&r->cookies, name);
	if (snprintf(full, sizeof full, "%s%s", HTTP_COOKIE_PREFIX, name) >= (int)sizeof full)
		return NULL;
	return kv_get(&r->cookies, full);
}

/* True when s holds no control character. Browsers drop tabs and line
 * breaks from a URL before parsing it, so "/\t/host" becomes "//host". */
static bool no_controls(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return false;
	return true;
}

void http_redirect(http_req *r, const char *local_path)
{
	/* Only local targets: "//host" or "/\host" would leave the site. */
	if (local_path[0] != '/' || local_path[1] == '/' || local_path[1] == '\\' ||
	    !no_controls(local_path))
		local_path = "/";
	free(r->redirect);
	r->redirect = xstrdup(local_path);
	r->status = 303;
}

const char *http_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Content Too Large";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	}
	return "Unknown";
}

/* Streams a file as the response body. */
static int send_file_body(http_req *r)
{
	char chunk[16384];
	int fd = open(r->send_file, O_RDONLY | O_CLOEXEC);
	int rc = MDG_OK;
	if (fd < 0)
		return MDG_ERR;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = MDG_ERR;
			break;
		}
		if (n == 0)
			break;
		if (FCGX_PutStr(chunk, (int)n, r->fcgi->out) < 0) {
			rc = MDG_ERR;
			break;
		}
	}
	close(fd);
	return rc;
}

/* Appends one FastCGI record header (FastCGI 1.0, section 3.3). */
static void fcgi_record_header(buf *out, int type, int request_id, size_t content_len, size_t padding)
{
	unsigned char h[FCGI_HEADER_LEN] = {
		FCGI_VERSION_1, (unsigned char)type,
		(unsigned char)(request_id >> 8), (unsigned char)request_id,
		(unsigned char)(content_len >> 8), (unsigned char)content_len,
		(unsigned char)padding, 0,
	};
	buf_append(out, (const char *)h, sizeof h);
}

/* Sends head and body as the request's whole answer in one write(): its
 * STDOUT records, the empty one that ends STDOUT and the END_REQUEST
 * record, and marks libfcgi's stdout stream closed so that FCGX_Finish_r
 * writes nothing more. Why not FCGX_PutStr: libfcgi writes 8 KiB records
 * one write() at a time, and nginx passes the first on to the reader at
 * once; a worker killed between two of them (SIGKILL, the OOM killer)
 * left that reader a cut page that nginx could no longer retry
 * (t/e2e/41-burst.t). One write() is all or nothing for that reader: a
 * worker killed before it is retried by nginx on another worker. */
static int send_whole(http_req *r, const buf *head)
{
	/* The largest content that keeps records 8-byte aligned. */
	enum { RECORD_MAX = 65528 };
	FCGX_Request *req = r->fcgi;
	const char *parts[2] = {head->data, r->body.data};
	size_t lens[2] = {head->len, r->body.len};
	/* Its whole size at once: grown by doubling, the buffer was copied
	 * seven times for a page of a few KiB. Each record adds at most 15
	 * bytes (header, padding); then the two closing records. */
	size_t size = 1 + 3 * FCGI_HEADER_LEN + sizeof(FCGI_EndRequestBody);
	for (int p = 0; p < 2; p++)
		size += lens[p] + (lens[p] / RECORD_MAX + 1) * (FCGI_HEADER_LEN + 7);
	buf out = {.data = xmalloc(size), .cap = size};
	int rc = MDG_OK;
	for (int p = 0; p < 2; p++) {
		for (size_t at = 0; at < lens[p]; at += RECORD_MAX) {
			size_t n = lens[p] - at < RECORD_MAX ? lens[p] - at : RECORD_MAX;
			size_t padding = (8 - n % 8) % 8;
			static const char zeros[8];
			fcgi_record_header(&out, FCGI_STDOUT, req->requestId, n, padding);
			buf_append(&out, parts[p] + at, n);
			buf_append(&out, zeros, padding);
		}
	}
	fcgi_record_header(&out, FCGI_STDOUT, req->requestId, 0, 0);
	fcgi_record_header(&out, FCGI_END_REQUEST, req->requestId, sizeof(FCGI_EndRequestBody), 0);
	FCGI_EndRequestBody end = {.protocolStatus = FCGI_REQUEST_COMPLETE};
	buf_append(&out, (const char *)&end, sizeof end);
	for (size_t done = 0; done < out.len;) {
		ssize_t n = write(req->ipcFd, out.data + done, out.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_warn("answer not sent: %s", strerror(errno));
			rc = MDG_ERR;
			break;
		}
		done += (size_t)n;
	}
	/* Written or failed, the answer is over: libfcgi must not add to it. */
	req->out->wasFCloseCalled = 1;
	req->out->isClosed = 1;
	buf_free(&out);
	return rc;
}

void http_input_drain(FCGX_Request *req)
{
	char chunk[4096];
	if (!req->keepConnection)
		return;
	for (int i = 0; i < 16; i++)
		if (FCGX_GetStr(chunk, (int)sizeof chunk, req->in) < (int)sizeof chunk) {
			if (FCGX_HasSeenEOF(req->in) != EOF || FCGX_GetError(req->in) != 0)
				break;
			return;
		}
	req->keepConnection = 0;
}

int http_send(http_req *r, const char *content_type)
{
	FCGX_Stream *out = r->fcgi->out;
	/* Room for the usual head at once (it grows if need be). */
	buf head = {.data = xmalloc(1024), .cap = 1024};
	head.data[0] = '\0';
	/* Formatted here, not with FCGX_FPrintF, which lacks %zu; the fixed
	 * headers appended as they are (vsnprintf went over them twice). */
	buf_printf(&head, "Status: %d %s\r\n", r->status, http_status_text(r->status));
	buf_append(&head, csp_head, sizeof csp_head - 1);
	if (r->img_src) {
		buf_putc(&head, ' ');
		buf_puts(&head, r->img_src);
	}
	buf_append(&head, csp_tail, sizeof csp_tail - 1);
	buf_append(&head, security_headers, sizeof security_headers - 1);
	/* Over HTTPS, browsers are told to use nothing else for a year. Not
	 * includeSubDomains: the institution's other hosts are not ours. */
	if (r->https)
		buf_puts(&head, "Strict-Transport-Security: max-age=" HTTP_HSTS_MAX_AGE "\r\n");
	if (r->redirect)
		buf_printf(&head, "Location: %s\r\n", r->redirect);
	if (content_type)
		buf_printf(&head, "Content-Type: %s\r\n", content_type);
	if (!r->send_file)
		buf_printf(&head, "Content-Length: %zu\r\n", r->body.len);
	if (r->headers.len)
		buf_append(&head, r->headers.data, r->headers.len);
	buf_puts(&head, "\r\n");
	/* Before the answer, not after: nginx sends the next request on a
	 * kept connection as soon as it has the answer's END_REQUEST, and
	 * libfcgi reads as much as the socket holds into this request's
	 * input buffer, which FCGX_Finish_r frees: a next request read so
	 * with the input's last record was lost and waited for an answer
	 * until nginx's timeout (t/e2e/40-workers.t (h)). Until the answer,
	 * nothing can follow the input on the connection. */
	http_input_drain(r->fcgi);
	int rc = MDG_OK;
	if (r->send_file) {
		/* A download streams from its file, in libfcgi's records. */
		FCGX_PutStr(head.data, (int)head.len, out);
		if (strcmp(r->method, "HEAD") != 0)
			rc = send_file_body(r);
	} else {
		if (strcmp(r->method, "HEAD") == 0)
			buf_reset(&r->body);
		rc = send_whole(r, &head);
	}
	buf_free(&head);
	return rc;
}
