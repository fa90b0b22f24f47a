/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_multipart.c: the streaming multipart/form-data parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mdg.h"
#include "http/parse.h"

#define B "----MadangB0undary7MA4YWxk"
#define CT "multipart/form-data; boundary=" B

enum rmode { R_ALL, R_ONE, R_RANDOM };

/* A reader over a fixed body that records how it was used. */
struct reader {
	const char *data;
	size_t len;
	size_t pos; /* bytes handed out */
	size_t calls;
	enum rmode mode;
	uint32_t seed;
	int fail_at; /* call number that fails, 0 for none */
};

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static ssize_t test_read(void *ctx, char *dst, size_t want)
{
	struct reader *r = ctx;
	size_t n = r->len - r->pos;

	r->calls++;
	if (r->fail_at && (int)r->calls == r->fail_at)
		return -1;
	assert_true(want > 0);
	if (n > want)
		n = want;
	if (r->mode == R_ONE && n > 1)
		n = 1;
	if (r->mode == R_RANDOM && n > 1)
		n = 1 + rnd(&r->seed) % n;
	memcpy(dst, r->data + r->pos, n);
	r->pos += n;
	return (ssize_t)n;
}

static const http_limits def_lim = {
	.max_body = 4 << 20,
	.max_fields = 16,
	.max_field_len = 1024,
	.max_file_size = 1 << 20,
	.max_files = 3,
};

static char tmpdir[256];

static int setup(void **state)
{
	const char *t = getenv("TMPDIR");
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/madang-test-mp-XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

/* Every test frees its uploads; the directory must then be empty, which
 * rmdir checks: a leaked temporary file fails the test here (and is removed,
 * so that a failing run leaves nothing behind). */
static int teardown(void **state)
{
	DIR *d;
	struct dirent *e;
	char path[512];

	(void)state;
	if (rmdir(tmpdir) == 0)
		return 0;
	fprintf(stderr, "tmpdir %s not empty: a temporary file leaked\n", tmpdir);
	d = opendir(tmpdir);
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(tmpdir);
	return -1;
}

static size_t count_tmp_files(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void part_text(buf *b, const char *name, const char *val)
{
	buf_printf(b, "--" B "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", name,
		   val);
}

static void part_file(buf *b, const char *name, const char *fname, const void *data, size_t len)
{
	buf_printf(b,
		   "--" B "\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
		   "Content-Type: image/jpeg\r\n\r\n",
		   name, fname);
	buf_append(b, data, len);
	buf_puts(b, "\r\n");
}

static void part_close(buf *b)
{
	buf_puts(b, "--" B "--\r\n");
}

static int run_ct(const char *ct, const buf *body, enum rmode mode, uint32_t seed,
		  const http_limits *lim, kvlist *fields, upload **files, struct reader *r)
{
	memset(r, 0, sizeof *r);
	r->data = buf_str(body);
	r->len = body->len;
	r->mode = mode;
	r->seed = seed ? seed : 1;
	memset(fields, 0, sizeof *fields);
	*files = NULL;
	return http_parse_multipart(ct, test_read, r, body->len, lim, tmpdir, fields, files);
}

static int run(const buf *body, enum rmode mode, uint32_t seed, const http_limits *lim,
	       kvlist *fields, upload **files)
{
	struct reader r;
	return run_ct(CT, body, mode, seed, lim, fields, files, &r);
}

static void assert_file(const upload *u, const char *data, size_t len)
{
	struct stat st;
	char *got = malloc(len + 1);
	int fd = open(u->path, O_RDONLY);

	assert_non_null(got);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal((size_t)st.st_size, len);
	assert_int_equal(u->size, len);
	assert_int_equal(read(fd, got, len + 1), (ssize_t)len);
	assert_memory_equal(got, data, len);
	close(fd);
	free(got);
	assert_int_equal(strncmp(u->path, tmpdir, strlen(tmpdir)), 0);
}

/* A file body full of near-delimiters: CR LF "--" and every proper prefix
 * of the delimiter, plus NUL and high bytes. */
static void tricky_data(buf *out, size_t len)
{
	static const char delim[] = "\r\n--" B;
	uint32_t s = 7;

	buf_reset(out);
	while (out->len < len) {
		uint32_t k = rnd(&s) % 8;
		if (k == 0) {
			/* '!' is no boundary character: never the full delimiter */
			buf_append(out, delim, 1 + rnd(&s) % (sizeof delim - 2));
			buf_putc(out, '!');
		}
		else if (k == 1)
			buf_append(out, "\r\n--", 4);
		else if (k == 2)
			buf_append(out, "\0\xff\r", 3);
		else
			buf_putc(out, (char)('a' + rnd(&s) % 26));
	}
	out->len = len;
	out->data[len] = '\0';
}

static void build_form(buf *b, const buf *file)
{
	buf_puts(b, "This preamble is ignored.\r\n");
	part_text(b, "title", "도로 파손");
	part_text(b, "desc", "line one\r\nline two\r\n\r\n");
	part_file(b, "photo", "pothole.jpg", file->data, file->len);
	part_text(b, "empty", "");
	part_close(b);
	buf_puts(b, "and so is the epilogue\r\n--" B "\r\nbroken");
}

static void check_form(int rc, kvlist *fields, upload *files, const buf *file)
{
	assert_int_equal(rc, MDG_OK);
	assert_int_equal(fields->count, 3);
	assert_string_equal(kv_get(fields, "title"), "도로 파손");
	assert_string_equal(kv_get(fields, "desc"), "line one\r\nline two\r\n\r\n");
	assert_string_equal(kv_get(fields, "empty"), "");
	assert_non_null(files);
	assert_null(files->next);
	assert_string_equal(files->field, "photo");
	assert_string_equal(files->filename, "pothole.jpg");
	assert_string_equal(files->content_type, "image/jpeg");
	assert_file(files, file->data, file->len);
}

/* Parses body (built by build_form) and checks the result. */
static void parse_form(const buf *body, enum rmode mode, uint32_t seed, const buf *file)
{
	kvlist fields;
	upload *files;
	int rc = run(body, mode, seed, &def_lim, &fields, &files);

	check_form(rc, &fields, files, file);
	kv_free(&fields);
	upload_free(files);
	assert_int_equal(count_tmp_files(), 0);
}

static void test_boundary(void **state)
{
	char out[71], small[8];
	(void)state;
	assert_int_equal(http_multipart_boundary(CT, out, sizeof out), MDG_OK);
	assert_string_equal(out, B);
	assert_int_equal(http_multipart_boundary("Multipart/Form-Data ; charset=utf-8; BOUNDARY=\"a b:c\"",
						 out, sizeof out),
			 MDG_OK);
	assert_string_equal(out, "a b:c");
	assert_int_equal(http_multipart_boundary("multipart/form-data;boundary=x=y/z", out, sizeof out),
			 MDG_OK);
	assert_string_equal(out, "x=y/z");
	assert_int_equal(http_multipart_boundary("multipart/form-data; boundary=\""
						 "1234567890123456789012345678901234567890"
						 "123456789012345678901234567890\"",
						 out, sizeof out),
			 MDG_OK);
	assert_int_equal(strlen(out), 70);
	/* 71 characters */
	assert_int_equal(http_multipart_boundary("multipart/form-data; boundary="
						 "1234567890123456789012345678901234567890"
						 "1234567890123456789012345678901",
						 out, sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("multipart/form-data", out, sizeof out), MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("multipart/form-data; charset=utf-8", out, sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("multipart/form-data; boundary=", out, sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("multipart/form-data; boundary=\"\"", out, sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("multipart/form-data; boundary=\"ab ", out, sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("multipart/form-data; boundary=\"ab \"", out, sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("multipart/form-data; boundary=a{b", out, sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("multipart/form-data; boundary=a; boundary=b", out,
						 sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("multipart/mixed; boundary=a", out, sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary("application/x-www-form-urlencoded", out, sizeof out),
			 MDG_EINVAL);
	assert_int_equal(http_multipart_boundary(NULL, out, sizeof out), MDG_EINVAL);
	assert_int_equal(http_multipart_boundary(CT, small, sizeof small), MDG_EINVAL);
}

/* RFC 2046 allows a boundary of up to 70 characters: a body delimited by
 * one of exactly 70 parses; a Content-Type naming 71 is refused. */
static void test_longest_boundary(void **state)
{
	char b70[71], b71[72], ct[128];
	buf body = {0};
	kvlist fields;
	upload *files;
	struct reader r;
	(void)state;
	for (int i = 0; i < 70; i++)
		b70[i] = (char)('a' + i % 26);
	b70[70] = '\0';
	snprintf(b71, sizeof b71, "%sz", b70);
	buf_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
		   "long boundary\r\n--%s--\r\n", b70, b70);
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", b70);
	assert_int_equal(run_ct(ct, &body, R_ONE, 0, &def_lim, &fields, &files, &r), MDG_OK);
	assert_int_equal(fields.count, 1);
	assert_string_equal(kv_get(&fields, "title"), "long boundary");
	assert_null(files);
	kv_free(&fields);

	buf_reset(&body);
	buf_printf(&body, "--%s\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
		   "x\r\n--%s--\r\n", b71, b71);
	snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", b71);
	assert_int_equal(run_ct(ct, &body, R_ALL, 0, &def_lim, &fields, &files, &r), MDG_EINVAL);
	assert_int_equal(fields.count, 0);
	kv_free(&fields);
	upload_free(files);
	buf_free(&body);
}

static void test_wellformed(void **state)
{
	buf body = {0}, file = {0};
	(void)state;
	tricky_data(&file, 3000);
	build_form(&body, &file);
	parse_form(&body, R_ALL, 0, &file);
	buf_free(&body);
	buf_free(&file);
}

/* The delimiter split across reads: one byte at a time, then random sizes. */
static void test_split_reads(void **state)
{
	buf body = {0}, file = {0};
	(void)state;
	tricky_data(&file, 5000);
	build_form(&body, &file);
	parse_form(&body, R_ONE, 0, &file);
	for (uint32_t seed = 1; seed <= 40; seed++)
		parse_form(&body, R_RANDOM, seed * 2654435761u, &file);
	buf_free(&body);
	buf_free(&file);
}

/* A file many times the parser's window, streamed, byte-exact. */
static void test_large_file(void **state)
{
	buf body = {0}, file = {0};
	(void)state;
	tricky_data(&file, 300000);
	build_form(&body, &file);
	parse_form(&body, R_ALL, 0, &file);
	parse_form(&body, R_RANDOM, 99, &file);
	buf_free(&body);
	buf_free(&file);
}

static void test_no_boundary(void **state)
{
	buf body = {0};
	kvlist fields;
	upload *files;
	struct reader r;
	(void)state;
	part_text(&body, "a", "1");
	part_close(&body);
	assert_int_equal(run_ct("multipart/form-data", &body, R_ALL, 0, &def_lim, &fields, &files, &r),
			 MDG_EINVAL);
	assert_int_equal(r.calls, 0);
	assert_int_equal(run_ct("multipart/form-data; boundary=other", &body, R_ALL, 0, &def_lim,
				&fields, &files, &r),
			 MDG_EINVAL);
	assert_int_equal(fields.count, 0);
	buf_free(&body);
}

/* Every proper prefix of a good body is truncated, and leaks nothing. */
static void test_truncated(void **state)
{
	buf body = {0}, file = {0}, cut = {0};
	kvlist fields;
	upload *files;
	(void)state;
	tricky_data(&file, 200);
	part_text(&body, "title", "도로 파손");
	part_file(&body, "photo", "a.jpg", file.data, file.len);
	part_close(&body);
	/* (the final CR LF is already epilogue) */
	for (size_t i = 0; i < body.len - 2; i++) {
		buf_reset(&cut);
		buf_append(&cut, body.data, i);
		int rc = run(&cut, i % 2 ? R_RANDOM : R_ALL, (uint32_t)i + 1, &def_lim, &fields, &files);
		if (rc != MDG_EINVAL)
			fail_msg("prefix of %zu bytes: got %d", i, rc);
		kv_free(&fields);
		upload_free(files);
		assert_int_equal(count_tmp_files(), 0);
	}
	/* the closing delimiter without its "--" */
	buf_reset(&cut);
	part_text(&cut, "title", "x");
	buf_puts(&cut, "--" B "\r\n");
	assert_int_equal(run(&cut, R_ALL, 0, &def_lim, &fields, &files), MDG_EINVAL);
	kv_free(&fields);
	buf_free(&body);
	buf_free(&file);
	buf_free(&cut);
}

/* Nothing past content_length is asked for; a declared length shorter than
 * the body truncates it. */
static void test_content_length(void **state)
{
	buf body = {0};
	kvlist fields = {0};
	upload *files = NULL;
	struct reader r = {0};
	(void)state;
	part_text(&body, "a", "1");
	part_close(&body);
	size_t good = body.len;
	buf_puts(&body, "trailing bytes the parser must not read");

	r.data = body.data;
	r.len = body.len;
	r.mode = R_ONE;
	assert_int_equal(http_parse_multipart(CT, test_read, &r, good, &def_lim, tmpdir, &fields,
					      &files),
			 MDG_OK);
	assert_true(r.pos <= good);
	assert_string_equal(kv_get(&fields, "a"), "1");
	kv_free(&fields);

	memset(&r, 0, sizeof r);
	r.data = body.data;
	r.len = body.len;
	assert_int_equal(http_parse_multipart(CT, test_read, &r, good - 3, &def_lim, tmpdir, &fields,
					      &files),
			 MDG_EINVAL);
	assert_true(r.pos <= good - 3);
	kv_free(&fields);

	/* over max_body: refused before any read */
	http_limits lim = def_lim;
	lim.max_body = good - 1;
	memset(&r, 0, sizeof r);
	r.data = body.data;
	r.len = body.len;
	assert_int_equal(http_parse_multipart(CT, test_read, &r, good, &lim, tmpdir, &fields, &files),
			 MDG_ETOOBIG);
	assert_int_equal(r.calls, 0);
	/* an empty body */
	memset(&r, 0, sizeof r);
	assert_int_equal(http_parse_multipart(CT, test_read, &r, 0, &def_lim, tmpdir, &fields, &files),
			 MDG_EINVAL);
	assert_int_equal(r.calls, 0);
	buf_free(&body);
}

static void test_reader_error(void **state)
{
	buf body = {0}, file = {0};
	kvlist fields;
	upload *files;
	struct reader r;
	(void)state;
	tricky_data(&file, 100);
	part_file(&body, "photo", "a.jpg", file.data, file.len);
	part_close(&body);
	memset(&r, 0, sizeof r);
	r.data = body.data;
	r.len = body.len;
	r.mode = R_ONE;
	r.fail_at = 150;
	memset(&fields, 0, sizeof fields);
	files = NULL;
	assert_int_equal(http_parse_multipart(CT, test_read, &r, body.len, &def_lim, tmpdir, &fields,
					      &files),
			 MDG_ERR);
	upload_free(files);
	assert_int_equal(count_tmp_files(), 0);
	buf_free(&body);
	buf_free(&file);
}

static void test_oversize_file(void **state)
{
	buf body = {0}, file = {0};
	kvlist fields;
	upload *files;
	http_limits lim = def_lim;
	(void)state;
	lim.max_file_size = 10000;
	tricky_data(&file, 10000);
	part_file(&body, "photo", "a.jpg", file.data, file.len);
	part_close(&body);
	assert_int_equal(run(&body, R_RANDOM, 5, &lim, &fields, &files), MDG_OK);
	assert_file(files, file.data, file.len);
	upload_free(files);

	buf_reset(&body);
	tricky_data(&file, 10001);
	part_file(&body, "photo", "a.jpg", file.data, file.len);
	part_close(&body);
	assert_int_equal(run(&body, R_RANDOM, 5, &lim, &fields, &files), MDG_ETOOBIG);
	assert_non_null(files); /* still listed, for upload_free to unlink */
	assert_int_equal(count_tmp_files(), 1);
	upload_free(files);
	assert_int_equal(count_tmp_files(), 0);
	kv_free(&fields);
	buf_free(&body);
	buf_free(&file);
}

static void test_too_many_files(void **state)
{
	buf body = {0};
	kvlist fields;
	upload *files;
	http_limits lim = def_lim;
	(void)state;
	lim.max_files = 2;
	part_file(&body, "f", "1.txt", "one", 3);
	part_file(&body, "f", "", "", 0); /* an empty file input: not counted */
	part_file(&body, "f", "2.txt", "", 0); /* an empty file that was chosen */
	part_close(&body);
	assert_int_equal(run(&body, R_ALL, 0, &lim, &fields, &files), MDG_OK);
	assert_non_null(files);
	assert_non_null(files->next);
	assert_null(files->next->next);
	assert_string_equal(files->next->filename, "2.txt");
	assert_file(files->next, "", 0);
	upload_free(files);

	buf_reset(&body);
	part_file(&body, "f", "1.txt", "one", 3);
	part_file(&body, "f", "2.txt", "two", 3);
	part_file(&body, "f", "3.txt", "three", 5);
	part_close(&body);
	assert_int_equal(run(&body, R_ALL, 0, &lim, &fields, &files), MDG_ETOOBIG);
	assert_int_equal(count_tmp_files(), 2);
	upload_free(files);
	kv_free(&fields);
	buf_free(&body);
}

static void test_too_many_fields(void **state)
{
	buf body = {0};
	kvlist fields;
	upload *files;
	http_limits lim = def_lim;
	(void)state;
	lim.max_fields = 3;
	part_text(&body, "a", "1");
	part_text(&body, "b", "2");
	part_file(&body, "f", "x.txt", "x", 1);
	part_close(&body);
	assert_int_equal(run(&body, R_ALL, 0, &lim, &fields, &files), MDG_OK);
	kv_free(&fields);
	upload_free(files);
	buf_reset(&body);
	part_text(&body, "a", "1");
	part_text(&body, "b", "2");
	part_file(&body, "f", "x.txt", "x", 1);
	part_text(&body, "c", "3");
	part_close(&body);
	assert_int_equal(run(&body, R_ALL, 0, &lim, &fields, &files), MDG_ETOOBIG);
	kv_free(&fields);
	upload_free(files);
	buf_free(&body);
}

static void test_field_too_long(void **state)
{
	buf body = {0};
	char val[1026];
	kvlist fields;
	upload *files;
	(void)state;
	memset(val, 'v', 1024);
	val[1024] = '\0';
	part_text(&body, "a", val);
	part_close(&body);
	assert_int_equal(run(&body, R_ONE, 0, &def_lim, &fields, &files), MDG_OK);
	assert_int_equal(fields.head->vlen, 1024);
	kv_free(&fields);
	buf_reset(&body);
	val[1024] = 'v';
	val[1025] = '\0';
	part_text(&body, "a", val);
	part_close(&body);
	assert_int_equal(run(&body, R_ALL, 0, &def_lim, &fields, &files), MDG_ETOOBIG);
	kv_free(&fields);
	/* a name over 256 bytes */
	char name[258];
	memset(name, 'n', 257);
	name[257] = '\0';
	buf_reset(&body);
	part_text(&body, name, "1");
	part_close(&body);
	assert_int_equal(run(&body, R_ALL, 0, &def_lim, &fields, &files), MDG_ETOOBIG);
	kv_free(&fields);
	buf_free(&body);
}

static void expect_text_rc(const char *name, const char *val, int want)
{
	buf body = {0};
	kvlist fields;
	upload *files;
	part_text(&body, name, val);
	part_close(&body);
	int rc = run(&body, R_ALL, 0, &def_lim, &fields, &files);
	if (rc != want)
		fail_msg("name \"%s\": got %d, want %d", name, rc, want);
	kv_free(&fields);
	upload_free(files);
	buf_free(&body);
}

static void test_bad_utf8(void **state)
{
	buf body = {0};
	kvlist fields;
	upload *files;
	(void)state;
	expect_text_rc("a", "\xc0\xaf", MDG_EUTF8);
	expect_text_rc("a", "\xed\xa0\x80", MDG_EUTF8);
	expect_text_rc("a", "ok\xe2\x82", MDG_EUTF8);
	expect_text_rc("a", "bell\a", MDG_EUTF8);
	expect_text_rc("\xc0\xaf", "x", MDG_EUTF8);
	expect_text_rc("a", "탭\t이건 괜찮다", MDG_OK);
	/* a file's content is not text, its name is */
	part_file(&body, "f", "ok.bin", "\xc0\xaf\x00", 3);
	part_close(&body);
	assert_int_equal(run(&body, R_ALL, 0, &def_lim, &fields, &files), MDG_OK);
	upload_free(files);
	buf_reset(&body);
	part_file(&body, "f", "bad\xed\xa0\x80.jpg", "x", 1);
	part_close(&body);
	assert_int_equal(run(&body, R_ALL, 0, &def_lim, &fields, &files), MDG_EUTF8);
	upload_free(files);
	kv_free(&fields);
	buf_free(&body);
}

static void test_filenames(void **state)
{
	buf body = {0};
	kvlist fields;
	upload *files;
	(void)state;
	part_file(&body, "f", "C:\\Users\\kim\\사진.jpg", "1", 1);
	part_file(&body, "g", "../../etc/passwd", "2", 1);
	buf_puts(&body, "--" B "\r\ncontent-disposition: form-data; name=\"h\\\"q\"; "
			"filename=\"x.txt\"; filename*=UTF-8''%EB%8F%84%EB%A1%9C.png\r\n\r\n3\r\n");
	part_close(&body);
	http_limits lim = def_lim;
	assert_int_equal(run(&body, R_ALL, 0, &lim, &fields, &files), MDG_OK);
	assert_string_equal(files->filename, "사진.jpg");
	assert_string_equal(files->next->filename, "passwd");
	assert_string_equal(files->next->next->field, "h\"q");
	assert_string_equal(files->next->next->filename, "도로.png");
	assert_string_equal(files->next->next->content_type, "");
	assert_file(files->next->next, "3", 1);
	upload_free(files);
	kv_free(&fields);
	buf_free(&body);
}

/* Parts with an empty name are dropped; an empty file input is skipped. */
static void test_skipped_parts(void **state)
{
	buf body = {0};
	kvlist fields;
	upload *files;
	(void)state;
	part_text(&body, "", "dropped");
	part_file(&body, "", "a.txt", "dropped too", 11);
	part_file(&body, "photo", "", "", 0);
	part_text(&body, "kept", "yes");
	part_close(&body);
	assert_int_equal(run(&body, R_ONE, 0, &def_lim, &fields, &files), MDG_OK);
	assert_null(files);
	assert_int_equal(fields.count, 1);
	assert_string_equal(kv_get(&fields, "kept"), "yes");
	kv_free(&fields);
	/* no parts at all */
	buf_reset(&body);
	part_close(&body);
	assert_int_equal(run(&body, R_ALL, 0, &def_lim, &fields, &files), MDG_OK);
	assert_int_equal(fields.count, 0);
	buf_free(&body);
}

static void test_header_block(void **state)
{
	buf body = {0};
	kvlist fields;
	upload *files;
	char junk[9000];
	(void)state;
	memset(junk, 'j', sizeof junk - 1);
	junk[sizeof junk - 1] = '\0';
	/* just under 8 KiB with the blank line */
	junk[8000] = '\0';
	buf_printf(&body, "--" B "\r\nX-Junk: %s\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n",
		   junk);
	part_close(&body);
	assert_int_equal(run(&body, R_RANDOM, 3, &def_lim, &fields, &files), MDG_OK);
	assert_string_equal(kv_get(&fields, "a"), "1");
	kv_free(&fields);
	junk[8000] = 'j';
	buf_reset(&body);
	buf_printf(&body, "--" B "\r\nX-Junk: %s\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n",
		   junk);
	part_close(&body);
	assert_int_equal(run(&body, R_RANDOM, 3, &def_lim, &fields, &files), MDG_EINVAL);
	assert_int_equal(run(&body, R_ALL, 0, &def_lim, &fields, &files), MDG_EINVAL);
	kv_free(&fields);
	buf_free(&body);
}

static void expect_raw_rc(const char *raw, int want)
{
	buf body = {0};
	kvlist fields;
	upload *files;
	buf_puts(&body, raw);
	int rc = run(&body, R_ALL, 0, &def_lim, &fields, &files);
	if (rc != want)
		fail_msg("body \"%s\": got %d, want %d", raw, rc, want);
	kv_free(&fields);
	upload_free(files);
	buf_free(&body);
}

static void test_malformed(void **state)
{
	(void)state;
	/* well formed, with transport padding and a first delimiter at 0 */
	expect_raw_rc("--" B "  \r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" B "--", MDG_OK);
	expect_raw_rc("--" B "\r\n\r\n1\r\n--" B "--", MDG_EINVAL); /* no headers */
	expect_raw_rc("--" B "\r\nContent-Type: text/plain\r\n\r\n1\r\n--" B "--", MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--" B "--",
		      MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: form-data\r\n\r\n1\r\n--" B "--", MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--" B "--",
		      MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n1\r\n--" B "--",
		      MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: "
		      "form-data; name=b\r\n\r\n1\r\n--" B "--",
		      MDG_EINVAL);
	expect_raw_rc("--" B "\r\nno colon here\r\n\r\n1\r\n--" B "--", MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\n1\r\n--" B "--",
		      MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: form-data; name=a\nX: y\r\n\r\n1\r\n--" B "--",
		      MDG_EINVAL);
	expect_raw_rc("--" B "junk\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" B "--",
		      MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: form-data; name=a; filename*=nope\r\n\r\n1\r\n--" B
		      "--",
		      MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: form-data; name=a; filename*=UTF-8''%G0\r\n\r\n1\r\n--" B
		      "--",
		      MDG_EINVAL);
	expect_raw_rc("--" B "\r\nContent-Disposition: form-data; name=a; filename*=UTF-8''%00\r\n\r\n1\r\n--" B
		      "--",
		      MDG_EUTF8);
	expect_raw_rc("no delimiter at all", MDG_EINVAL);
	expect_raw_rc("--" B "--", MDG_OK);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_boundary),
		T(test_longest_boundary),
		T(test_wellformed),
		T(test_split_reads),
		T(test_large_file),
		T(test_no_boundary),
		T(test_truncated),
		T(test_content_length),
		T(test_reader_error),
		T(test_oversize_file),
		T(test_too_many_files),
		T(test_too_many_fields),
		T(test_field_too_long),
		T(test_bad_utf8),
		T(test_filenames),
		T(test_skipped_parts),
		T(test_header_block),
		T(test_malformed),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
