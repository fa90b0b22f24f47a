/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* xalloc.h: allocation wrappers that abort on out-of-memory.
 *
 * Policy: a worker that cannot allocate cannot do anything useful, so these
 * log and abort(); the master restarts the worker. Code that can handle an
 * allocation failure (none yet) uses plain malloc and checks. */
#ifndef MDG_XALLOC_H
#define MDG_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Logs that n bytes could not be allocated and aborts: for a size that
 * cannot even be computed (an overflow), which is out of memory too. */
void xalloc_fail(size_t n) __attribute__((noreturn));
/* printf into a new string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
