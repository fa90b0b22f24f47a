/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* usage.h: how the portal is used, counted without storing anything that
 * identifies a person (issue 12 section 2; docs/operations.md, "Usage
 * statistics"): page views per day and section, distinct visitors per
 * day from a hash of (the day's salt, address, user agent) kept only
 * while the salt lives, and the words searched on the public list and in
 * the staff inbox. A worker counts in memory and writes its counts every
 * few seconds (usage_flush), after the response has gone. */
#ifndef MDG_USAGE_H
#define MDG_USAGE_H
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

#define USAGE_WORD_CHARS 20      /* longer words are not counted */
#define USAGE_WORD_BYTES (USAGE_WORD_CHARS * 4 + 1)
#define USAGE_WORDS_PER_SEARCH 8 /* the first words of a search that count */
#define USAGE_HASH_BYTES 8       /* the visitor hash kept for the day */

/* Where a search was made. */
typedef enum usage_area { USAGE_PUBLIC, USAGE_INBOX } usage_area;

/* The sections of the site, in the order the pages show them; the last
 * is "other". */
extern const char *const usage_sections[];
extern const size_t usage_nsections;

/* The section of a request path ("/cases/2026-000001" → "cases"). */
const char *usage_section(const char *path);

/* The words of search text q that may be counted, into words (at most
 * max, each lower-cased, distinct): split at spaces and punctuation;
 * dropped are words with a digit (a phone, a case or a resident number),
 * e-mail-like and URL-like ones (an '@', "://", "www.", a dot or a slash
 * inside) and words of one ASCII letter or more than USAGE_WORD_CHARS
 * characters. Returns how many. */
size_t usage_words(const char *q, char (*words)[USAGE_WORD_BYTES], size_t max);

/* The visitor hash: the first USAGE_HASH_BYTES of SHA-256 over salt,
 * address and user agent (NULL taken as ""). */
void usage_visitor_hash(const unsigned char salt[32], const char *addr, const char *agent,
			unsigned char out[USAGE_HASH_BYTES]);

/* Counts a page view of section by the client (addr, agent) in this
 * worker's memory; reads the day's salt from d first when this worker
 * has none or has not looked for a minute (rotating it on a new day).
 * Nothing of addr or agent is kept but the salted hash. */
int usage_count_view(db *d, const char *section, const char *addr, const char *agent);
/* Counts a search of text q in area: each of its words once, and as a
 * search that found nothing when !found (the salt's day read from d as
 * usage_count_view does). */
int usage_count_search(db *d, usage_area area, const char *q, bool found);
/* Writes this worker's counts to d when there are some and the last
 * write is max_age seconds old or more (0: now), or the memory is full.
 * Also reads the day's salt, replacing it (and the past days' hashes by
 * their number) on a new day. A failure drops the counts (logged). */
int usage_flush(db *d, long max_age);

/* The figures of the days from to to (both "YYYY-MM-DD", included): one
 * row per day with anything, by day: day, views, visitors, signups,
 * filings. */
int usage_days(db *d, const char *from, const char *to, db_result **out);
/* The views of each section in the period: section, views (most first). */
int usage_section_views(db *d, const char *from, const char *to, db_result **out);
/* The filings of each channel per day: day, channel, filings. */
int usage_filings(db *d, const char *from, const char *to, db_result **out);
/* Which searches of a word usage_top_words counts. */
typedef enum usage_searches {
	USAGE_ALL,   /* every search */
	USAGE_ZERO,  /* those that found nothing */
	USAGE_FOUND, /* those that found something (the public summary: a
			word nobody found anything for is not shown) */
} usage_searches;

/* The 20 words of area ("public" or "inbox") with the most searches of
 * kind: word, searches, most first. */
int usage_top_words(db *d, const char *from, const char *to, const char *area, usage_searches kind,
		    db_result **out);

#endif
