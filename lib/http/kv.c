/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* kv.c: an ordered list of name/value pairs. */
#include "http/kv.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Appends copies of key and val[0..vlen) (val may hold any bytes; a NUL is
 * added after them). Aborts on out-of-memory like every x* allocation. */
void kv_add(kvlist *l, const char *key, const char *val, size_t vlen)
{
	kv *e = xmalloc(sizeof *e);

	e->key = xstrdup(key);
	e->val = xstrndup(val ? val : "", val ? vlen : 0);
	e->vlen = val ? vlen : 0;
	e->next = NULL;
	if (l->tail)
		l->tail->next = e;
	else
		l->head = e;
	l->tail = e;
	l->count++;
}

/* The first value stored under key, or NULL; the list keeps ownership. */
const char *kv_get(const kvlist *l, const char *key)
{
	for (const kv *e = l->head; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e->val;
	return NULL;
}

/* Frees every pair and leaves the list empty, ready for reuse. */
void kv_free(kvlist *l)
{
	kv *e = l->head;

	while (e) {
		kv *next = e->next;
		free(e->key);
		free(e->val);
		free(e);
		e = next;
	}
	l->head = l->tail = NULL;
	l->count = 0;
}
