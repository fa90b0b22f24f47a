/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* repeat.h: repeat complaints (민원처리법 제23조) and similar cases, on the
 * signatures of similar.h stored per case. */
#ifndef MDG_REPEAT_H
#define MDG_REPEAT_H
#include "db/db.h"

#define REPEAT_WINDOW_DAYS 365 /* earlier cases this recent count as repeats */
#define SIMILAR_HITS_MAX 5     /* suggestions shown at most */

/* Rows of a result that passed the similarity threshold, best first. */
typedef struct similar_hits {
	db_result *r;
	unsigned rows[SIMILAR_HITS_MAX];
	int n;
} similar_hits;

/* After a filing (its own transaction, after case_file's): stores the
 * case's signature and band keys, and records the filer's earlier cases
 * of the last REPEAT_WINDOW_DAYS in the same category or department
 * whose text is about the same matter. Never stops a filing: the caller
 * logs a failure and goes on. */
int repeat_on_filing(db *d, const char *tracking);

/* The earlier cases case_id repeats that staff member viewer_id may see
 * (their scope covers one of the earlier case's departments), newest
 * first: tracking, title, status, filed (day), answered (day or NULL),
 * answer (the last answer sent, or NULL). */
int repeat_earlier(db *d, long long viewer_id, long long case_id, db_result **out);

/* Answered public cases and published examples (처리 사례) similar to
 * text, for a citizen about to file: tracking, title, status, answered. */
int similar_public(db *d, const char *text, similar_hits *out);

/* Answers sent by the departments of viewer_id's scope to cases similar
 * to case_id, for reuse: tracking, title, answer, answered. */
int similar_department_answers(db *d, long long viewer_id, long long case_id, similar_hits *out);

/* Frees the result in h. */
void similar_hits_free(similar_hits *h);

#endif
