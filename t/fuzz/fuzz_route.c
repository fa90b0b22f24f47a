/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_route.c: libFuzzer target for http_route_match over the real route
 * table (the patterns are read from app/web/routes.c at start, so the
 * table here is always madang-web's). For any path, every route's answer
 * and captures agree with a reference matcher that compares whole
 * '/'-separated segments; and a path made from a route's pattern with
 * input bytes in its {…} segments matches that route, capturing exactly
 * those bytes. */
#include <stdbool.h>

#include "core/buf.h"
#include "fuzz.h"
#include "http/route.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_ROUTES 256
static char *patterns[MAX_ROUTES];
static size_t npatterns;

/* Every "{"GET", "/pattern"," of routes.c. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	FILE *f = fopen(MADANG_SOURCE_DIR "/app/web/routes.c", "r");
	char line[512];
	if (!f)
		abort();
	while (fgets(line, sizeof line, f)) {
		char method[8], pattern[256];
		if (sscanf(line, " {\"%7[A-Z]\", \"%255[^\"]\",", method, pattern) == 2) {
			FUZZ_CHECK(npatterns < MAX_ROUTES);
			patterns[npatterns++] = strdup(pattern);
		}
	}
	fclose(f);
	FUZZ_CHECK(npatterns > 10); /* the table was found */
	return 0;
}

/* The reference: pattern and path split at '/' have as many segments;
 * a "{…}" segment takes any non-empty segment, any other must be equal. */
static bool ref_match(const char *pattern, const char *path, char *captured[HTTP_MAX_PARAMS], int *ncaptured)
{
	const char *p = pattern, *s = path;
	*ncaptured = 0;
	for (;;) {
		size_t plen = strcspn(p, "/"), slen = strcspn(s, "/");
		if (plen >= 2 && p[0] == '{' && p[plen - 1] == '}') {
			if (slen == 0 || *ncaptured == HTTP_MAX_PARAMS)
				return false;
			captured[(*ncaptured)++] = strndup(s, slen);
		} else if (plen != slen || memcmp(p, s, plen) != 0) {
			return false;
		}
		if ((p[plen] == '/') != (s[slen] == '/'))
			return false;
		if (p[plen] == '\0')
			return true;
		p += plen + 1;
		s += slen + 1;
	}
}

static void free_all(char *v[HTTP_MAX_PARAMS])
{
	for (int i = 0; i < HTTP_MAX_PARAMS; i++) {
		free(v[i]);
		v[i] = NULL;
	}
}

/* Input: byte 0 picks a route for the round trip; all of it, as a string,
 * is also a path tried against every route. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_cstr(data, size);
	char *got[HTTP_MAX_PARAMS] = {0}, *want[HTTP_MAX_PARAMS] = {0};
	int nwant;

	for (size_t i = 0; i < npatterns; i++) {
		bool m = http_route_match(patterns[i], path, got);
		bool r = ref_match(patterns[i], path, want, &nwant);
		FUZZ_CHECK(m == r);
		for (int k = 0; m && k < nwant; k++)
			FUZZ_CHECK(got[k] && strcmp(got[k], want[k]) == 0);
		free_all(got);
		free_all(want);
	}

	if (size > 0) {
		/* The round trip: the pattern's {…} segments filled with the
		 * input's pieces (split at '/' and NUL; "x" for an empty one). */
		const char *pattern = patterns[data[0] % npatterns];
		const char *piece = path[0] ? path + 1 : path; /* past the choice */
		buf built = {0};
		char *pieces[HTTP_MAX_PARAMS] = {0};
		int n = 0;
		for (const char *p = pattern; *p; ) {
			if (*p == '{') {
				size_t len = strcspn(piece, "/");
				pieces[n] = len ? strndup(piece, len) : strdup("x");
				buf_puts(&built, pieces[n]);
				n++;
				piece += len + (piece[len] == '/');
				p = strchr(p, '}') + 1;
			} else {
				buf_putc(&built, *p++);
			}
		}
		FUZZ_CHECK(http_route_match(pattern, buf_str(&built), got));
		for (int k = 0; k < n; k++)
			FUZZ_CHECK(got[k] && strcmp(got[k], pieces[k]) == 0);
		free_all(got);
		free_all(pieces);
		buf_free(&built);
	}
	free(path);
	return 0;
}
