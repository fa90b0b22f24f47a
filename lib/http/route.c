/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* route.c: matching a request path against one route pattern. */
#include "http/route.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

bool http_route_match(const char *pattern, const char *path, char *captured[HTTP_MAX_PARAMS])
{
	int np = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t n = strcspn(s, "/");
			if (!close || n == 0 || np >= HTTP_MAX_PARAMS)
				return false;
			free(captured[np]);
			captured[np] = xstrndup(s, n);
			np++;
			p = close + 1;
			s += n;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}
