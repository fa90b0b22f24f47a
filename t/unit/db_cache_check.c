/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* db_cache_check.c: two different statements written one after the other
 * into the same buffer, each run with db_query and its answer printed, for
 * t/e2e/23-db-statement-cache.t. The cache of prepared statements knows a
 * statement by the address of its text; text built at run time in a
 * reused buffer must still get its own statement, not the old one. */
#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "db/db.h"

int main(int argc, char **argv)
{
	HDF *cfg = NULL;
	db *d = NULL;
	db_result *r = NULL;
	char sql[64];
	int rc = 2;
	if (argc != 2) {
		fprintf(stderr, "usage: db-cache-check CONFIG\n"
				"Runs \"SELECT 1 AS v\" and then \"SELECT 2 AS v, 3 AS w\" from one\n"
				"buffer and prints each answer's v (and w) on a line.\n");
		return 2;
	}
	if (config_load(argv[1], &cfg) != MDG_OK)
		goto done;
	log_open("-");
	if (db_connect(cfg, &d) != MDG_OK) {
		fprintf(stderr, "db-cache-check: cannot connect\n");
		goto done;
	}
	snprintf(sql, sizeof sql, "SELECT 1 AS v");
	if (db_query(d, &r, sql, DB_NO_ARGS) != MDG_OK)
		goto done;
	printf("v=%s\n", db_get(r, 0, "v", "?"));
	db_result_free(r);
	r = NULL;
	snprintf(sql, sizeof sql, "SELECT 2 AS v, 3 AS w");
	if (db_query(d, &r, sql, DB_NO_ARGS) != MDG_OK)
		goto done;
	/* db_get aborts on a name the result lacks: the old statement's
	 * answer has no w. */
	printf("v=%s w=%s\n", db_get(r, 0, "v", "?"), db_col(r, "w") >= 0 ? db_get(r, 0, "w", "?") : "missing");
	rc = 0;
done:
	db_result_free(r);
	db_close(d);
	if (cfg)
		hdf_destroy(&cfg);
	return rc;
}
