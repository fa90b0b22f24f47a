/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* repeat.h: repeat complaints (민원처리법 제23조) and similar cases, on the
 * signatures of similar.h stored per case. */
#ifndef MDG_REPEAT_H
#define MDG_REPEAT_H
#include "db/db.h"
#include "similar/similar.h"

#define REPEAT_WINDOW_DAYS 365 /* earlier cases this recent count as repeats */
#define SIMILAR_HITS_MAX 5     /* suggestions shown at most */
#define REPEAT_MATCHES_MAX 100 /* earlier cases recorded per repeat at most */

/* An earlier case on the same matter: its id, its score (thousandths). */
typedef struct repeat_match {
	long long id;
	int score;
} repeat_match;

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

/* The filer's (account_id) cases of the last REPEAT_WINDOW_DAYS in
 * category_id or department_id (0: none) other than case_id whose text is
 * about the same matter as sig: at most max into out, *n of them. The
 * lookup repeat_on_filing makes (and bench/repeat measures). */
int repeat_find(db *d, long long account_id, long long category_id, long long department_id, long long case_id,
		const similar_sig *sig, repeat_match *out, int max, int *n);

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
