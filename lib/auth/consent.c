/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* consent.c: recording and reading the consent history. */
#include "auth/consent.h"
#include "db/sql.h"

#include <string.h>

int consent_record(db *d, long long account_id, const char *kind, const char *version, bool given,
		   long long agent_id)
{
	return db_exec(d, "INSERT INTO consents (account_id, kind, text_version, given, at, agent_id)"
			  " VALUES (?, ?, ?, ?, NOW(), ?)",
		       DB_ARGS(DB_INT(account_id), DB_STR(kind), DB_STR(version), DB_INT((long long)given),
			       DB_ID(agent_id)));
}

int consent_history(db *d, long long account_id, db_result **out)
{
	return db_query(d, out,
			"SELECT c.kind AS kind, c.text_version AS version, c.given AS given, " SQL_MINUTE("c.at")
			" AS at, COALESCE(g.name, '') AS agent FROM consents c"
			" LEFT JOIN accounts g ON g.id = c.agent_id"
			" WHERE c.account_id = ? ORDER BY c.at DESC, c.id DESC",
			DB_ARGS(DB_INT(account_id)));
}

bool consent_optional(const char *kind)
{
	return kind && (strcmp(kind, CONSENT_KIND_PHONE) == 0 || strcmp(kind, CONSENT_KIND_SMS) == 0);
}

int consent_withdrawable(db *d, long long account_id, db_result **out)
{
	return db_query(d, out,
			"SELECT c.kind AS kind, c.text_version AS version FROM consents c"
			" WHERE c.account_id = ? AND c.kind IN ('" CONSENT_KIND_PHONE "', '" CONSENT_KIND_SMS "')"
			" AND c.given = 1 AND c.id = (SELECT MAX(x.id) FROM consents x"
			"  WHERE x.account_id = c.account_id AND x.kind = c.kind)"
			" ORDER BY c.kind",
			DB_ARGS(DB_INT(account_id)));
}
