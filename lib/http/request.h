/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* request.h: one HTTP request read from FastCGI, and its response. */
#ifndef MDG_HTTP_REQUEST_H
#define MDG_HTTP_REQUEST_H
#include <ClearSilver.h>
#include <fcgiapp.h>
#include <stdbool.h>
#include <time.h>

#include "core/buf.h"
#include "http/kv.h"
#include "http/parse.h"
#include "http/route.h"

typedef struct http_req {
	FCGX_Request *fcgi;
	/* From the FastCGI environment; owned by libfcgi. */
	const char *method;
	const char *uri;          /* REQUEST_URI: path and query */
	const char *query_string;
	const char *content_type;
	const char *remote_addr;
	const char *accept_language;
	size_t content_length;
	bool https;
	char *path;               /* decoded path without the query; owned */

	char rid[17];             /* request id for the logs */
	struct timespec started;

	kvlist query;
	kvlist form;
	kvlist cookies;
	upload *files;
	/* A text/plain body (http_req_read_text): text_len bytes and a NUL
	 * (a NUL inside shows as strlen(text) < text_len); owned. */
	char *text;
	size_t text_len;
	/* Path parameters captured by the router ({name} segments). */
	const char *params[HTTP_MAX_PARAMS];
	char *param_store[HTTP_MAX_PARAMS];

	/* Response. */
	int status;
	buf headers;              /* extra header lines, each ending in \r\n */
	buf body;
	const char *template;     /* page template to render into the layout */
	char *redirect;           /* Location for 303, owned */
	char *send_file;          /* file to stream as the body, owned */

	/* Another source the page's images may come from (a map's tile
	 * server origin, checked), or NULL; not owned. */
	const char *img_src;

	/* Filled by the application for the access log. */
	long long account_id;
} http_req;

/* Reads what is left of the request's input (a GET's is only FastCGI's
 * empty STDIN record) on a connection nginx keeps, so that the
 * connection starts at the next request; http_send calls it before the
 * answer. A large unread body is not worth reading: the connection is
 * then not kept (req->keepConnection = 0). */
void http_input_drain(FCGX_Request *req);

/* Fills r from the FastCGI request and parses the query string and
 * cookies. The body is parsed later by http_req_read_body. */
int http_req_init(http_req *r, FCGX_Request *fcgi, const http_limits *lim);
/* Reads and parses an urlencoded or multipart body into r->form/r->files.
 * Returns MDG_OK, MDG_EINVAL, MDG_EUTF8, MDG_ETOOBIG or MDG_ERR. */
int http_req_read_body(http_req *r, const http_limits *lim, const char *tmpdir);
/* Reads a text/plain body (any charset parameter; the caller checks the
 * bytes) into r->text, for a route that takes one instead of a form.
 * MDG_ETOOBIG past lim->max_field_len, MDG_EINVAL for another content
 * type or a body shorter than declared. */
int http_req_read_text(http_req *r, const http_limits *lim);
/* A request header by its CGI name (e.g. "HTTP_USER_AGENT"), or NULL. */
const char *http_req_env(const http_req *r, const char *name);
void http_req_free(http_req *r);

/* Adds a response header; name and value must not hold CR or LF (checked:
 * a header with them is dropped and logged). */
void http_header(http_req *r, const char *name, const char *value);
/* Over HTTPS (r->https: nginx's HTTPS=on or web.https) cookies are named
 * with this prefix and responses carry Strict-Transport-Security with
 * this max-age (seconds). */
#define HTTP_COOKIE_PREFIX "__Host-"
#define HTTP_HSTS_MAX_AGE "31536000"
/* Adds a Set-Cookie header: HttpOnly, SameSite=Lax, Path=/; over HTTPS
 * also Secure and the name prefixed with HTTP_COOKIE_PREFIX. max_age < 0
 * makes a session cookie, 0 deletes it. */
void http_set_cookie(http_req *r, const char *name, const char *value, long max_age);
/* The value of the cookie http_set_cookie names name (over HTTPS only the
 * prefixed one counts: an unprefixed cookie may come from plain HTTP or
 * a sibling host), or NULL. Owned by r. */
const char *http_cookie(const http_req *r, const char *name);
/* A 303 See Other to a local path: one that starts with a single '/' and
 * holds no control character; any other target becomes "/". */
void http_redirect(http_req *r, const char *local_path);
/* Writes the status line, headers and body (or send_file) to the client. */
int http_send(http_req *r, const char *content_type);

const char *http_status_text(int status);

#endif
