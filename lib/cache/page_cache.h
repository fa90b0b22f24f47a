/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_cache.h: the anonymous public page cache (docs/operations.md,
 * "Public page cache"). madang-web writes the rendered page an anonymous
 * reader got as a file, DIR/current/LANG/PATH.html, which nginx serves
 * directly to the next anonymous readers (deploy/nginx/madang.conf); the
 * writers of what a page shows delete it after their commit and before
 * their answer.
 *
 * Never stale: every page belongs to a group ("case/2026-000123", or
 * "lists" for the pages that show many cases) whose counter lives in
 * DIR/versions, all of it under one lock (an OFD lock on the file's first
 * byte). A reader reads its group's counter BEFORE reading what the page
 * shows, and stores the page only under the lock after finding the
 * counter unchanged; a writer, after its commit, bumps the counter and
 * deletes the group's files under the same lock. A reader that read the
 * old state either checks the counter after the bump (and stores
 * nothing) or stores before the writer takes the lock (and the writer
 * deletes what it stored). */
#ifndef MADANG_PAGE_CACHE_H
#define MADANG_PAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a reader remembers between page_cache_begin and page_cache_store. */
typedef struct {
	bool on;		/* begun: the page may be stored */
	char group[64];		/* its group */
	char path[96];		/* the request's path: "/cases/2026-000123" */
	uint64_t version;	/* the group's counter when begun */
	uint64_t all;		/* the counter of "everything" when begun */
} page_cache_ticket;

/* Uses dir (an absolute path; "" or NULL: the cache is off) in this
 * process; creates DIR/current and DIR/versions when missing. MDG_OK, or
 * MDG_ERR when dir cannot be used (logged; the cache is then off). */
int page_cache_open(const char *dir);

/* True when page_cache_open was given a usable directory. */
bool page_cache_on(void);

/* Before the reader reads anything the page shows: remembers the counters
 * of group (and the request's path, the file's name) in t. t->on is false
 * when the cache is off or path is not a cacheable one. */
void page_cache_begin(page_cache_ticket *t, const char *group, const char *path);

/* After rendering: stores body as the page in lang ("ko", "en") when no
 * writer purged its group since page_cache_begin. MDG_OK also when
 * nothing was stored (t->on is then false). */
int page_cache_store(page_cache_ticket *t, const char *lang, const char *body, size_t len);

/* A writer, after its commit and before its answer: bumps group's counter
 * and deletes its pages; the group "lists" (pages showing many cases) too
 * when with_lists. */
int page_cache_purge(const char *group, bool with_lists);

/* Everything (madangctl cache-purge --all, start-up, any POST): a fresh
 * DIR/current at once; the old tree is removed by page_cache_tidy. */
int page_cache_purge_all(void);

/* After page_cache_purge_all in this process (when an answer is out):
 * removes the purged trees, also those of other processes. */
void page_cache_tidy(void);

/* The group of a case's page: "case/TRACKING". */
void page_cache_case_group(char *out, size_t size, const char *tracking);

#endif
