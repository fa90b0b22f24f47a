/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* db_script_check.c: runs one SQL script over the app's or the migrator's
 * connection and prints the outcome, for
 * t/security/app-db-account-cannot-drop-audit-triggers.t. */
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
	int rc = 2;
	if (argc != 4 || (strcmp(argv[2], "app") != 0 && strcmp(argv[2], "migrator") != 0)) {
		fprintf(stderr, "usage: db-script-check CONFIG app|migrator SQL\n"
				"Connects as db.user (app) or db.migrate_user (migrator) and runs SQL\n"
				"with db_run_script; prints \"ok\" (exit 0) or \"refused: ERROR\" (exit 1).\n");
		return 2;
	}
	if (config_load(argv[1], &cfg) != MDG_OK)
		goto done;
	log_open("-");
	if ((strcmp(argv[2], "app") == 0 ? db_connect(cfg, &d) : db_connect_migrator(cfg, &d)) != MDG_OK) {
		fprintf(stderr, "db-script-check: cannot connect\n");
		goto done;
	}
	if (db_run_script(d, argv[3], strlen(argv[3])) == MDG_OK) {
		printf("ok\n");
		rc = 0;
	} else {
		printf("refused: %s\n", db_error(d));
		rc = 1;
	}
done:
	db_close(d);
	if (cfg)
		hdf_destroy(&cfg);
	return rc;
}
