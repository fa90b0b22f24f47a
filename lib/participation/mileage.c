/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mileage.c: the mileage ledger (mileage.h). */
#include "participation/mileage.h"

#include <stdio.h>
#include <string.h>

#include "core/mdg.h"
#include "core/text.h"
#include "db/page.h"
#include "db/sql.h"
#include "org/setting.h"

static const char *const reason_names[MILEAGE_REASON__MAX] = {
	[MILEAGE_COMPLAINT_ANSWERED] = "complaint_answered",
	[MILEAGE_PROPOSAL_THRESHOLD] = "proposal_threshold",
	[MILEAGE_PROPOSAL_ACCEPTED] = "proposal_accepted",
	[MILEAGE_OPINION_RECOMMENDED] = "opinion_recommended",
	[MILEAGE_REPORT_VALID] = "report_valid",
	[MILEAGE_REVERSAL] = "reversal",
};

/* The demo's amounts: an accepted proposal is worth most, a single
 * recommendation or report least (they come in numbers). */
static const long default_points[MILEAGE_REASON__MAX] = {
	[MILEAGE_COMPLAINT_ANSWERED] = 10,
	[MILEAGE_PROPOSAL_THRESHOLD] = 50,
	[MILEAGE_PROPOSAL_ACCEPTED] = 100,
	[MILEAGE_OPINION_RECOMMENDED] = 5,
	[MILEAGE_REPORT_VALID] = 5,
	[MILEAGE_REVERSAL] = 0,
};

const char *mileage_reason_name(mileage_reason reason)
{
	return reason < MILEAGE_REASON__MAX ? reason_names[reason] : "unknown";
}

long mileage_default_points(mileage_reason reason)
{
	return reason < MILEAGE_REASON__MAX ? default_points[reason] : 0;
}

bool mileage_kind_valid(const char *kind)
{
	return kind && (strcmp(kind, "case") == 0 || strcmp(kind, "proposal") == 0 || strcmp(kind, "post") == 0 ||
			strcmp(kind, "cpost") == 0 || strcmp(kind, "note") == 0 || strcmp(kind, "chat") == 0);
}

/* The amount of reason from its setting, the default when unset or not
 * a whole number in 0...100000 (a typo must not hand out millions). */
static int points_of(db *d, mileage_reason reason, long *points)
{
	char name[64], value[SETTING_VALUE_MAX + 1], def[24];
	snprintf(name, sizeof name, "mileage.%s", reason_names[reason]);
	snprintf(def, sizeof def, "%ld", default_points[reason]);
	int rc = setting_get(d, name, def, value, sizeof value);
	if (rc != MDG_OK)
		return rc;
	if (text_parse_long(value, 0, 100000, points) != MDG_OK)
		*points = default_points[reason];
	return MDG_OK;
}

int mileage_award(db *d, long long account_id, mileage_reason reason, const char *kind, long long item_id,
		  bool *added)
{
	long points = 0;
	if (added)
		*added = false;
	if (reason >= MILEAGE_REVERSAL || !mileage_kind_valid(kind) || account_id <= 0 || item_id <= 0)
		return MDG_EINVAL;
	int rc = points_of(d, reason, &points);
	if (rc != MDG_OK || points == 0)
		return rc;
	/* IGNORE: the once_key of an award already given makes this a
	 * no-op, also when two requests race to give it. */
	rc = db_exec(d, "INSERT IGNORE INTO mileage_ledger (account_id, points, reason, kind, item_id, created_at)"
			" VALUES (?, ?, ?, ?, ?, NOW())",
		     DB_ARGS(DB_INT(account_id), DB_INT(points), DB_STR(reason_names[reason]), DB_STR(kind),
			     DB_INT(item_id)));
	if (rc == MDG_OK && added)
		*added = db_affected(d) > 0;
	return rc;
}

int mileage_reverse_for(db *d, const char *kind, long long item_id, long *reversed)
{
	if (reversed)
		*reversed = 0;
	if (!mileage_kind_valid(kind) || item_id <= 0)
		return MDG_EINVAL;
	int rc = db_exec(d, "INSERT IGNORE INTO mileage_ledger (account_id, points, reason, kind, item_id,"
			    " reverses_id, created_at)"
			    " SELECT l.account_id, -l.points, 'reversal', l.kind, l.item_id, l.id, NOW()"
			    " FROM mileage_ledger l WHERE l.kind = ? AND l.item_id = ? AND l.reverses_id IS NULL"
			    " AND l.reason NOT IN ('reversal', 'report_valid')"
			    " AND NOT EXISTS (SELECT 1 FROM mileage_ledger r WHERE r.reverses_id = l.id)",
			 DB_ARGS(DB_STR(kind), DB_INT(item_id)));
	if (rc == MDG_OK && reversed)
		*reversed = (long)db_affected(d);
	return rc;
}

int mileage_balance(db *d, long long account_id, long long *points)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT IFNULL(SUM(points), 0) AS points FROM mileage_ledger WHERE account_id = ?",
			  DB_ARGS(DB_INT(account_id)));
	*points = rc == MDG_OK ? db_get_ll(r, 0, "points", 0) : 0;
	db_result_free(r);
	return rc;
}

int mileage_ledger(db *d, long long account_id, long page, db_result **out, long *total)
{
	return db_count_page(d, "SELECT COUNT(*) AS n FROM mileage_ledger WHERE account_id = ?",
			     DB_ARGS(DB_INT(account_id)),
			     "SELECT l.id AS id, l.points AS points, l.reason AS reason, l.kind AS kind,"
			     " l.item_id AS item_id, l.reverses_id AS reverses_id, " SQL_MINUTE("l.created_at") " AS at,"
			     " CASE l.kind WHEN 'case' THEN CONCAT('/cases/', c.tracking_no)"
			     " WHEN 'proposal' THEN CONCAT('/proposals/', l.item_id) END AS link"
			     " FROM mileage_ledger l LEFT JOIN cases c ON l.kind = 'case' AND c.id = l.item_id"
			     " WHERE l.account_id = ? ORDER BY l.id DESC LIMIT ? OFFSET ?",
			     DB_ARGS(DB_INT(account_id)), page, MILEAGE_PAGE_SIZE, out, total);
}

int mileage_ranking(db *d, db_result **out)
{
	return db_query(d, out,
			"SELECT ROW_NUMBER() OVER (ORDER BY t.points DESC, t.account_id) AS `rank`, a.name AS name,"
			" t.points AS points"
			" FROM (SELECT l.account_id, SUM(l.points) AS points FROM mileage_ledger l"
			"  JOIN accounts x ON x.id = l.account_id AND x.mileage_public = 1 AND x.active = 1"
			"  GROUP BY l.account_id HAVING SUM(l.points) > 0) t"
			" JOIN accounts a ON a.id = t.account_id"
			" ORDER BY t.points DESC, t.account_id LIMIT ?",
			DB_ARGS(DB_INT(MILEAGE_RANKING_SIZE)));
}

int mileage_get_public(db *d, long long account_id, bool *on)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT mileage_public AS on_ FROM accounts WHERE id = ?", DB_ARGS(DB_INT(account_id)));
	*on = rc == MDG_OK && db_get_ll(r, 0, "on_", 0) == 1;
	db_result_free(r);
	return rc;
}

int mileage_set_public(db *d, long long account_id, bool on)
{
	return db_exec(d, "UPDATE accounts SET mileage_public = ? WHERE id = ?",
		       DB_ARGS(DB_INT((long long)on), DB_INT(account_id)));
}
