/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* public_changed.c: the writers' one call after the commit of a change a
 * public page shows (cases/public_view.h): the cached copies of the pages
 * that show it go (lib/cache/page_cache.h). Apart from public_view.c,
 * which reads what the writers (dossier.c among them) write, so that no
 * two files call each other. */
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
	int rc = MDG_OK;
	if (case_id)
		rc = db_query(d, &r, "SELECT tracking_no AS tracking FROM cases WHERE id = ?", DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && r && r->nrows == 1)
		rc = case_public_changed_tracking(db_get(r, 0, "tracking", ""));
	else /* which page is unknown (case_id 0: many): never stale, so every page goes */
		rc = page_cache_purge_all();
	db_result_free(r);
	return rc;
}

int case_public_committed(db *d, int rc)
{
	if (rc == MDG_OK)
		case_public_changed(d, 0);
	return rc;
}
