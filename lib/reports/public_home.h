/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* public_home.h: the home page as an anonymous reader gets it (/), with
 * one statement: the newest public cases, the open debates closing
 * soonest, the most recently active listed communities, the newest
 * proposals, and the counts of public cases and proposals (kept by
 * triggers in public_counts, db/migrations/0063_public_counts.sql). */
#ifndef MDG_PUBLIC_HOME_H
#define MDG_PUBLIC_HOME_H
#include "db/db.h"

struct buf; /* core/buf.h */

#define PUBLIC_HOME_DEBATES 3
#define PUBLIC_HOME_COMMUNITIES 3
#define PUBLIC_HOME_PROPOSALS 5

/* The parts of a row of public_home_read, its column part. */
enum public_home_part {
	HOME_CASE_COUNT = 1,   /* n: the public cases */
	HOME_PROPOSAL_COUNT,   /* n: the proposals the public list shows */
	HOME_CASE,             /* the columns of case_list_public (filer masked) */
	HOME_DEBATE,           /* the columns of debate_list */
	HOME_COMMUNITY,        /* COMMUNITY_LIST_COLUMNS */
	HOME_PROPOSAL,         /* the columns of proposal_list */
};

/* The home page's items and counts for an anonymous reader in lang: one
 * result, its rows in the page's order by part (enum public_home_part),
 * each part's columns under their list's names (NULL in the others').
 * Cases: the first page of the public list (CASE_PAGE_SIZE); debates, communities,
 * proposals: as debate_list (open), community_list (reader 0) and
 * proposal_list (newest) give them, the first few. */
int public_home_read(db *d, const char *lang, db_result **out);

/* Compares the kept counts (public_counts) with COUNT(*) of what they
 * count: a line per difference in out, *stale the counts that differ
 * (madangctl public-view-check). */
int public_home_check(db *d, struct buf *out, long long *stale);

#endif
