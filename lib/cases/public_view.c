/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* public_view.c: the writers' one call after a change a public page shows. */
#include "cases/public_view.h"
#include "cache/page_cache.h"
#include "core/mdg.h"

int case_public_changed_tracking(const char *tracking)
{
	char group[64];
	page_cache_case_group(group, sizeof group, tracking);
	return page_cache_purge(group, true);
}

int case_public_changed(db *d, long long case_id)
{
	db_result *r = NULL;
	if (!page_cache_on())
		return MDG_OK;
	int rc = db_query(d, &r, "SELECT tracking_no AS tracking FROM cases WHERE id = ?", DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && r->nrows == 1)
		rc = case_public_changed_tracking(db_get(r, 0, "tracking", ""));
	else /* which page is unknown: never stale, so every page goes */
		rc = page_cache_purge_all();
	db_result_free(r);
	return rc;
}
