/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* guest_check.c: whose account a filing from a contact goes to
 * (account_for_contact), printed as an id, for t/e2e/31-guests.t. */
#include <stdio.h>
#include <string.h>

#include "auth/account.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "db/db.h"

int main(int argc, char **argv)
{
	HDF *cfg = NULL;
	db *d = NULL;
	long long id = 0;
	int rc = 2;
	if (argc != 5) {
		fprintf(stderr, "usage: guest-check CONFIG EMAIL MOBILE NAME\n"
				"Prints the id of the account a filing from this contact belongs to\n"
				"(account_for_contact; \"\" for no e-mail or mobile), or \"error: CODE\".\n");
		return 2;
	}
	if (config_load(argv[1], &cfg) != MDG_OK)
		goto done;
	log_open("-");
	if (db_connect(cfg, &d) != MDG_OK) {
		fprintf(stderr, "guest-check: cannot connect\n");
		goto done;
	}
	account_contact c = {argv[2], argv[3], argv[4], "ko"};
	int found = account_for_contact(d, &c, &id);
	if (found == MDG_OK) {
		printf("%lld\n", id);
		rc = 0;
	} else {
		printf("error: %s\n", mdg_rc_name(found));
		rc = 1;
	}
done:
	db_close(d);
	if (cfg)
		hdf_destroy(&cfg);
	return rc;
}
