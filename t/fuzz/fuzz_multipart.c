/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_multipart.c: libFuzzer target for the streaming multipart parser.
 * Two properties per input: the input itself (a Content-Type line, then a
 * body) parses within the limits, every field valid text, every file
 * where it says and no temporary file left behind; and a round trip: a
 * body written from the input's bytes (a boundary of 1 to 70 characters,
 * up to five text fields and a file, read in uneven pieces) parses back
 * to exactly those fields and that file, or is refused as EUTF8 exactly
 * when one of the texts is not valid UTF-8 text. */
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "fuzz.h"
#include "http/parse.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

static char fuzz_dir[256];

struct fuzz_reader {
	const uint8_t *data;
	size_t len, pos;
	uint32_t seed;
};

/* Hands out the body in uneven pieces, so that delimiters fall across
 * reads; the sizes follow from the input, so a crash replays. */
static ssize_t fuzz_read(void *ctx, char *buf, size_t want)
{
	struct fuzz_reader *r = ctx;
	size_t n = r->len - r->pos;

	if (want == 0)
		abort(); /* the parser never asks for nothing */
	r->seed ^= r->seed << 13;
	r->seed ^= r->seed >> 17;
	r->seed ^= r->seed << 5;
	if (n > want)
		n = want;
	if (n > 7 && (r->seed & 1))
		n = 7; /* often tiny pieces */
	if (n > 1)
		n = 1 + r->seed % n;
	memcpy(buf, r->data + r->pos, n);
	r->pos += n;
	return (ssize_t)n;
}

static void fuzz_cleanup(void)
{
	rmdir(fuzz_dir);
}

/* One temporary directory for the whole run, removed at exit. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *t = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/madang-fuzz-mp-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(fuzz_dir))
		abort();
	atexit(fuzz_cleanup);
	return 0;
}

/* Aborts when a temporary file outlived upload_free. */
static void fuzz_check_empty(void)
{
	DIR *d = opendir(fuzz_dir);
	struct dirent *e;

	if (!d)
		abort();
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			abort();
	closedir(d);
}

static const http_limits lim = {
	.max_body = 1 << 16,
	.max_fields = 8,
	.max_field_len = 128,
	.max_file_size = 512,
	.max_files = 2,
};

/* RFC 2046 bcharsnospace: a boundary of them never ends in a space. */
static const char bchars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?";

#define RT_TEXTS 5

/* The round trip. data[0] picks the boundary's length (1-70), the next
 * bytes its characters; the rest, split at NUL bytes, gives up to five
 * text values (each cut to max_field_len) and then the file's content
 * (cut to max_file_size). */
static void round_trip(const uint8_t *data, size_t size)
{
	char boundary[71], ct[128];
	const char *texts[RT_TEXTS];
	size_t tlen[RT_TEXTS], ntexts = 0, blen, pos = 1;
	const char *file = "";
	size_t flen = 0;
	bool all_text = true;
	buf body = {0};
	kvlist fields = {0};
	upload *files = NULL;
	struct fuzz_reader r = {0};
	int rc;

	if (size < 1)
		return;
	blen = 1 + data[0] % 70;
	for (size_t i = 0; i < blen; i++, pos++)
		boundary[i] = bchars[(pos < size ? data[pos] : i) % (sizeof bchars - 1)];
	boundary[blen] = '\0';
	while (pos <= size && ntexts <= RT_TEXTS) {
		const uint8_t *nul = pos < size ? memchr(data + pos, '\0', size - pos) : NULL;
		size_t len = nul ? (size_t)(nul - (data + pos)) : size - pos;
		if (ntexts == RT_TEXTS || !nul) {
			file = (const char *)data + pos; /* the rest, NULs and all */
			flen = size - pos < lim.max_file_size ? size - pos : lim.max_file_size;
			break;
		}
		texts[ntexts] = (const char *)data + pos;
		tlen[ntexts] = len < lim.max_field_len ? len : lim.max_field_len;
		all_text = all_text && utf8_valid_text(texts[ntexts], tlen[ntexts]);
		ntexts++;
		pos += len + 1;
	}
	buf_puts(&body, "preamble\r\n");
	for (size_t i = 0; i < ntexts; i++) {
		buf_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"t%zu\"\r\n\r\n", boundary, i);
		buf_append(&body, texts[i], tlen[i]);
		buf_puts(&body, "\r\n");
	}
	buf_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
		   "Content-Type: application/octet-stream\r\n\r\n", boundary);
	buf_append(&body, file, flen);
	buf_printf(&body, "\r\n--%s--\r\n", boundary);
	/* A value holding the delimiter would end its part early: not a
	 * body this test means to write. */
	char delim[80];
	snprintf(delim, sizeof delim, "\r\n--%s", boundary);
	for (size_t i = 0; i < ntexts; i++)
		if (memmem(texts[i], tlen[i], delim + 2, strlen(delim + 2)))
			goto out;
	if (memmem(file, flen, delim + 2, strlen(delim + 2)))
		goto out;
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", boundary);
	r.data = (const uint8_t *)body.data;
	r.len = body.len;
	r.seed = (uint32_t)size * 2246822519u | 1;
	rc = http_parse_multipart(ct, fuzz_read, &r, body.len, &lim, fuzz_dir, &fields, &files);
	if (!all_text) {
		FUZZ_CHECK(rc == MDG_EUTF8);
		goto out;
	}
	FUZZ_CHECK(rc == MDG_OK);
	FUZZ_CHECK(fields.count == ntexts);
	const kv *e = fields.head;
	for (size_t i = 0; i < ntexts; i++, e = e->next) {
		char name[8];
		snprintf(name, sizeof name, "t%zu", i);
		FUZZ_CHECK(strcmp(e->key, name) == 0);
		FUZZ_CHECK(e->vlen == tlen[i] && memcmp(e->val, texts[i], tlen[i]) == 0);
	}
	if (flen == 0) {
		/* an empty file with a name is still a file */
		FUZZ_CHECK(files == NULL || files->size == 0);
	} else {
		char got[512];
		FUZZ_CHECK(files && !files->next && files->size == flen);
		FUZZ_CHECK(strcmp(files->filename, "a.bin") == 0 && strcmp(files->field, "file") == 0);
		int fd = open(files->path, O_RDONLY);
		FUZZ_CHECK(fd >= 0);
		FUZZ_CHECK(read(fd, got, sizeof got) == (ssize_t)flen);
		close(fd);
		FUZZ_CHECK(memcmp(got, file, flen) == 0);
	}
out:
	kv_free(&fields);
	upload_free(files);
	fuzz_check_empty();
	buf_free(&body);
}

/* Input: the Content-Type up to the first '\n', then the body; and the
 * round trip's material. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	struct fuzz_reader r = {0};
	kvlist fields = {0};
	upload *files = NULL;
	char *ct, *body;
	size_t nfiles = 0;
	int rc;

	round_trip(data, size);
	if (!nl)
		return 0;
	ct = malloc((size_t)(nl - data) + 1);
	if (!ct)
		abort();
	memcpy(ct, data, (size_t)(nl - data));
	ct[nl - data] = '\0';
	r.len = size - (size_t)(nl - data) - 1;
	body = malloc(r.len ? r.len : 1); /* exact size, for ASan */
	if (!body)
		abort();
	memcpy(body, nl + 1, r.len);
	r.data = (const uint8_t *)body;
	r.seed = (uint32_t)size * 2654435761u | 1;

	rc = http_parse_multipart(ct, fuzz_read, &r, r.len, &lim, fuzz_dir, &fields, &files);
	if (rc != MDG_OK && rc != MDG_EINVAL && rc != MDG_EUTF8 && rc != MDG_ETOOBIG)
		abort();
	if (r.pos > r.len || fields.count > lim.max_fields)
		abort();
	for (const kv *e = fields.head; e; e = e->next)
		if (e->vlen > lim.max_field_len || !utf8_valid_text(e->val, e->vlen))
			abort();
	for (const upload *u = files; u; u = u->next) {
		struct stat st;
		if (++nfiles > lim.max_files || u->size > lim.max_file_size)
			abort();
		if (strchr(u->filename, '/') || strchr(u->filename, '\\'))
			abort();
		if (stat(u->path, &st) != 0 || (size_t)st.st_size != u->size ||
		    (st.st_mode & 0777) != 0600)
			abort();
	}
	kv_free(&fields);
	upload_free(files);
	fuzz_check_empty();
	free(body);
	free(ct);
	return 0;
}
