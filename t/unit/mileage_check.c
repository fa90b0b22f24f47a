/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mileage_check.c: calls the mileage API the other parts of issue 11
 * wire (mileage_award, mileage_reverse_for) on the test stack's database,
 * for t/e2e/190-mileage.t. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "db/db.h"
#include "participation/mileage.h"

static int run(db *d, int argc, char **argv)
{
	if (argc == 7 && strcmp(argv[2], "award") == 0) {
		mileage_reason reason = MILEAGE_REASON__MAX;
		for (int r = 0; r < MILEAGE_REASON__MAX; r++)
			if (strcmp(mileage_reason_name((mileage_reason)r), argv[4]) == 0)
				reason = (mileage_reason)r;
		bool added = false;
		int rc = mileage_award(d, atoll(argv[3]), reason, argv[5], atoll(argv[6]), &added);
		if (rc == MDG_OK)
			printf("added %d\n", added);
		return rc;
	}
	if (argc == 5 && strcmp(argv[2], "reverse") == 0) {
		long n = 0;
		int rc = mileage_reverse_for(d, argv[3], atoll(argv[4]), &n);
		if (rc == MDG_OK)
			printf("reversed %ld\n", n);
		return rc;
	}
	return MDG_EINVAL;
}

int main(int argc, char **argv)
{
	HDF *cfg = NULL;
	db *d = NULL;
	int rc = 2;
	if (argc < 3) {
		fprintf(stderr, "usage: mileage-check CONFIG award ACCOUNT REASON KIND ITEM\n"
				"       mileage-check CONFIG reverse KIND ITEM\n"
				"Prints \"added 0|1\", \"reversed N\" or \"error: CODE\".\n");
		return 2;
	}
	if (config_load(argv[1], &cfg) != MDG_OK)
		goto done;
	log_open("-");
	if (db_connect(cfg, &d) != MDG_OK) {
		fprintf(stderr, "mileage-check: cannot connect\n");
		goto done;
	}
	int r = run(d, argc, argv);
	if (r != MDG_OK)
		printf("error: %s\n", mdg_rc_name(r));
	rc = r == MDG_OK ? 0 : 1;
done:
	db_close(d);
	if (cfg)
		hdf_destroy(&cfg);
	return rc;
}
