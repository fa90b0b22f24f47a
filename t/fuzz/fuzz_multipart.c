/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_multipart.c: libFuzzer target for the streaming multipart parser. */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mdg.h"
#include "core/utf8.h"
#include "http/parse.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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

/* Input: the Content-Type up to the first '\n', then the body. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const http_limits lim = {
		.max_body = 1 << 16,
		.max_fields = 8,
		.max_field_len = 128,
		.max_file_size = 512,
		.max_files = 2,
	};
	const uint8_t *nl = memchr(data, '\n', size);
	struct fuzz_reader r = {0};
	kvlist fields = {0};
	upload *files = NULL;
	char *ct, *body;
	size_t nfiles = 0;
	int rc;

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
