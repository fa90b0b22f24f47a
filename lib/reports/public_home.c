/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* public_home.c: the home page for an anonymous reader in one statement
 * (issue 15): the lists' own statements as parts of one UNION ALL, and
 * the counts from the rows the triggers of migration 0063 keep. */
#include "reports/public_home.h"
#include "cases/case.h"
#include "communities/community.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "db/sql.h"
#include "debates/debate.h"
#include "proposals/proposal.h"

#include <stdio.h>

/* Every part's columns, in this order, NULL where the part has none:
 * part, k1, k2 (the order within the part), n, then the lists'. */
#define NO_ITEM_COLUMNS                                                                                    \
	" NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"\
	" NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
#define COUNT_OF(part, what)                                                                               \
	"SELECT " part ", 0, 0, SUM(n)," NO_ITEM_COLUMNS " FROM public_counts WHERE what = '" what "'"

int public_home_read(db *d, const char *lang, db_result **out)
{
	/* Each part's own order (its list's) is kept by k1, k2 within the
	 * part: numbers in every part (text would sort -2 after -10). */
	int rc = db_query(
		d, out,
		"SELECT x.* FROM ("
		"SELECT 1 AS part, 0 AS k1, 0 AS k2, SUM(n) AS n, NULL AS tracking, NULL AS title,"
		" NULL AS moderation, NULL AS status, NULL AS date, NULL AS category, NULL AS filer, NULL AS id,"
		" NULL AS department, NULL AS opens, NULL AS closes, NULL AS sides, NULL AS opinions,"
		" NULL AS summarized, NULL AS slug, NULL AS name, NULL AS template, NULL AS members,"
		" NULL AS state, NULL AS supports, NULL AS threshold, NULL AS bar, NULL AS percent,"
		" NULL AS answered FROM public_counts WHERE what = 'cases'"
		" UNION ALL " COUNT_OF("2", "proposals") " UNION ALL"
		" SELECT 3, -TO_SECONDS(c.k_at), -CAST(c.k_id AS SIGNED), NULL, c.tracking, c.title, c.moderation,"
		" c.status, c.date, c.category, c.filer, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
		" NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
		" FROM (SELECT STRAIGHT_JOIN c.created_at AS k_at, c.id AS k_id," PUBLIC_LIST_COLUMNS
		PUBLIC_LIST_FROM " WHERE c.is_public = 1" PUBLIC_LIST_ORDER ") c"
		" UNION ALL"
		" SELECT 4, CAST(REPLACE(REPLACE(REPLACE(b.closes, '-', ''), ' ', ''), ':', '') AS SIGNED), b.id, NULL, NULL, b.title, NULL, NULL, NULL, NULL, NULL, b.id, b.department,"
		" b.opens, b.closes, b.sides, b.opinions, b.summarized, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
		" NULL, NULL, NULL"
		" FROM (" DEBATE_LIST_ROWS(DEBATE_WHERE_OPEN, "b.closes_at, b.id") ") b"
		" UNION ALL"
		" SELECT 5, -TO_SECONDS(c.k_at), -CAST(c.k_id AS SIGNED), NULL, NULL, NULL, NULL, NULL, NULL,"
		" NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.slug, c.name, c.template, c.members,"
		" NULL, NULL, NULL, NULL, NULL, NULL"
		" FROM (SELECT c.last_activity_at AS k_at, c.id AS k_id," COMMUNITY_LIST_COLUMNS
		" FROM communities c WHERE c.state <> 'closed' AND c.visibility <> 'unlisted' AND c.staff_only = 0"
		" ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?) c"
		" UNION ALL"
		" SELECT 6, -CAST(p.sort_key AS SIGNED), -CAST(p.id AS SIGNED), NULL, NULL, p.title, NULL, NULL,"
		" p.date, p.category, NULL, p.id, NULL, NULL, p.closes, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
		" p.state, p.supports, p.threshold, p.bar, p.percent, p.answered"
		" FROM (" PROPOSAL_LIST_ROWS(PROPOSAL_LIST_DIGITS("p.created_at"), "p.created_at DESC, p.id DESC",
					     "SELECT p.id FROM " PROPOSAL_LIST_BY_NEWEST PROPOSAL_LIST_WHERE
					     " ORDER BY p.created_at DESC, p.id DESC LIMIT ?") ") p"
		") x ORDER BY x.part, x.k1, x.k2",
		DB_ARGS(DB_STR(lang), DB_INT((long long)CASE_PAGE_SIZE), DB_INT(0), DB_STR(lang), DB_STR(NULL),
			DB_STR(NULL), DB_INT((long long)PUBLIC_HOME_DEBATES), DB_INT(0),
			DB_INT((long long)PUBLIC_HOME_COMMUNITIES), DB_STR(lang),
			DB_INT((long long)PUBLIC_HOME_PROPOSALS)));
	if (rc == MDG_OK)
		case_mask_filers(*out);
	return rc;
}

int public_home_check(db *d, struct buf *out, long long *stale)
{
	db_result *r = NULL;
	*stale = 0;
	int rc = db_query(d, &r,
			  "SELECT k.what AS what, k.n AS kept, CASE k.what"
			  " WHEN 'cases' THEN (SELECT COUNT(*) FROM cases c WHERE c.is_public = 1)"
			  " ELSE (SELECT COUNT(*) FROM proposals p" PROPOSAL_LIST_WHERE ") END AS counted"
			  " FROM (SELECT what, SUM(n) AS n FROM public_counts GROUP BY what) k",
			  DB_NO_ARGS);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		long long kept = db_get_ll(r, i, "kept", 0), counted = db_get_ll(r, i, "counted", 0);
		if (kept != counted) {
			(*stale)++;
			buf_printf(out, "home page count of %s: %lld kept, %lld counted\n", db_get(r, i, "what", ""),
				   kept, counted);
		}
	}
	db_result_free(r);
	return rc;
}
