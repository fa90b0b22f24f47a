/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* kv.h: an ordered list of name/value pairs (query, form fields, cookies). */
#ifndef MDG_KV_H
#define MDG_KV_H
#include <stddef.h>

typedef struct kv {
	char *key;  /* NUL-terminated, owned */
	char *val;  /* NUL-terminated, owned (vlen excludes the NUL) */
	size_t vlen;
	struct kv *next;
} kv;

typedef struct kvlist {
	kv *head;
	kv *tail;
	size_t count;
} kvlist;

/* Appends copies of key and val[0..vlen). */
void kv_add(kvlist *l, const char *key, const char *val, size_t vlen);
/* The first value for key, or NULL; owned by the list. */
const char *kv_get(const kvlist *l, const char *key);
void kv_free(kvlist *l);

#endif
