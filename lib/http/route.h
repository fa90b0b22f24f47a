/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* route.h: matching a request path against one route pattern. */
#ifndef MDG_HTTP_ROUTE_H
#define MDG_HTTP_ROUTE_H
#include <stdbool.h>

/* Most {…} segments one pattern captures. */
#define HTTP_MAX_PARAMS 4

/* Matches path against pattern ("/cases/{tracking}/act"): bytes outside
 * {…} compare exactly, each {…} captures one whole segment (up to the next
 * '/' or the end), never an empty one; a pattern with more than
 * HTTP_MAX_PARAMS captures, or an unclosed '{', matches nothing. Each
 * capture goes to captured[i] as a new string (what was there is freed
 * first; on a failed match some may have been replaced); the caller frees
 * them. */
bool http_route_match(const char *pattern, const char *path, char *captured[HTTP_MAX_PARAMS]);

#endif
