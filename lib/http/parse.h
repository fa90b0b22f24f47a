/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* parse.h: parsers for what a client sends: the request path, query
 * strings, urlencoded and multipart bodies, cookies. Each (but the path
 * decoder) returns an MDG_* code:
 *   MDG_OK, MDG_EINVAL (malformed), MDG_EUTF8 (a text field or name is not
 *   valid UTF-8 text), MDG_ETOOBIG (a limit exceeded), MDG_ERR (I/O).
 * On failure the output lists hold whatever was parsed so far; the caller
 * frees them either way. */
#ifndef MDG_HTTP_PARSE_H
#define MDG_HTTP_PARSE_H
#include <stddef.h>
#include <sys/types.h>

#include "http/kv.h"

typedef struct http_limits {
	size_t max_body;      /* bytes of request body */
	size_t max_fields;    /* name/value pairs per query or body */
	size_t max_field_len; /* bytes of one value (names: 256 at most) */
	size_t max_file_size; /* bytes of one uploaded file */
	size_t max_files;     /* uploaded files per request */
} http_limits;

/* One uploaded file, streamed to a file under the caller's tmpdir. */
typedef struct upload {
	char *field;        /* form field name */
	char *filename;     /* the client's file name (valid UTF-8), may be "" */
	char *content_type; /* as the client declared it, "" if not; never trusted */
	char *path;         /* the temporary file; unlinked by upload_free */
	size_t size;
	struct upload *next;
} upload;

/* The path of a request URI (what comes before '?' or '#'),
 * percent-decoded ('+' stays '+'); NULL when an escape is malformed or
 * truncated or decodes to NUL. The caller frees it. */
char *http_decode_path(const char *uri);

/* application/x-www-form-urlencoded, also used for QUERY_STRING:
 * '+' is a space, %XX decoded, empty names dropped. */
int http_parse_urlencoded(const char *s, size_t len, const http_limits *lim, kvlist *out);

/* An HTTP Cookie header ("a=1; b=2"). Malformed pairs are skipped, as
 * browsers do; only a value that is not valid UTF-8 or too many cookies
 * is an error. */
int http_parse_cookies(const char *header, kvlist *out);

/* Reads up to len bytes of body; returns the count, 0 at the end, -1 on error. */
typedef ssize_t (*http_reader)(void *ctx, char *buf, size_t len);

/* The boundary parameter of a multipart/form-data Content-Type, copied to
 * out (at most 70 characters, RFC 2046). MDG_EINVAL when missing or bad.
 * out needs room for 71 bytes. */
int http_multipart_boundary(const char *content_type, char *out, size_t outlen);

/* multipart/form-data, read as a stream from rd in small chunks; file parts
 * are written to new files in tmpdir as they arrive (never whole in memory),
 * text parts go to fields. content_length is the declared body length (the
 * reader stops there). Each file is a new madang-upload-XXXXXX (mode 0600)
 * in tmpdir, linked into *files as soon as it exists, so that upload_free
 * removes it even after an error; an empty file input (filename "" and no
 * bytes) makes none. Every part counts against max_fields. */
int http_parse_multipart(const char *content_type, http_reader rd, void *ctx,
			 size_t content_length, const http_limits *lim,
			 const char *tmpdir, kvlist *fields, upload **files);

/* Unlinks every temporary file and frees the list. */
void upload_free(upload *u);

#endif
