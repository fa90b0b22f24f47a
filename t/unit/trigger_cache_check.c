/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* trigger_cache_check.c: one statement that fires the triggers of cases,
 * run through lib/db as the application's account, for
 * t/e2e/530-trigger-cache.t, which first leaves in the server's table
 * cache a copy of cases whose trigger failed to parse. "plain": the
 * statement alone (db_exec outside a transaction, which heals the cache
 * and runs it again); "tx": the same statement as a db_transaction (rolled
 * back, healed, run again). Prints "MODE rc=N" (0: it succeeded); the log
 * (stderr) says what lib/db did. */
#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "db/db.h"

struct touch {
	long long case_id;
};

/* Changes nothing: the row is matched, so its UPDATE triggers fire. */
static int touch_case(db *d, void *arg)
{
	const struct touch *t = arg;
	return db_exec(d, "UPDATE cases SET version = version WHERE id = ?", DB_ARGS(DB_INT(t->case_id)));
}

int main(int argc, char **argv)
{
	HDF *cfg = NULL;
	db *d = NULL;
	db_result *r = NULL;
	int rc = 2;
	if (argc != 3 || (strcmp(argv[2], "plain") != 0 && strcmp(argv[2], "tx") != 0)) {
		fprintf(stderr, "usage: trigger-cache-check CONFIG plain|tx\n"
				"Runs one UPDATE of a case (changing nothing) that fires its triggers,\n"
				"alone or as a transaction, and prints its result code.\n");
		return 2;
	}
	if (config_load(argv[1], &cfg) != MDG_OK)
		goto done;
	log_open("-");
	if (db_connect(cfg, &d) != MDG_OK) {
		fprintf(stderr, "trigger-cache-check: cannot connect\n");
		goto done;
	}
	if (db_query(d, &r, "SELECT MIN(id) AS id FROM cases", DB_NO_ARGS) != MDG_OK)
		goto done;
	struct touch t = {.case_id = db_get_ll(r, 0, "id", 0)};
	int touched = strcmp(argv[2], "tx") == 0 ? db_transaction(d, touch_case, &t) : touch_case(d, &t);
	printf("%s rc=%d\n", argv[2], touched);
	rc = touched == MDG_OK ? 0 : 1;
done:
	db_result_free(r);
	db_close(d);
	if (cfg)
		hdf_destroy(&cfg);
	return rc;
}
