/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* setting.c: reading and changing site-wide settings. */
#include "org/setting.h"
#include "core/mdg.h"

#include <stdio.h>

int setting_get(db *d, const char *name, const char *def, char *out, size_t outlen)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT value AS value FROM settings WHERE name = ?", DB_ARGS(DB_STR(name)));
	if (rc == MDG_OK)
		snprintf(out, outlen, "%s", db_get(r, 0, "value", def));
	db_result_free(r);
	return rc;
}

/* setting_set's arguments, for its transaction. */
struct setting_change {
	const actor *who;
	const char *name, *value;
};

/* The transaction of setting_set (db_transaction). */
static int set_tx(db *d, void *arg)
{
	const struct setting_change *t = arg;
	int rc = db_exec(d, "INSERT INTO settings (name, value) VALUES (?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)",
			 DB_ARGS(DB_STR(t->name), DB_STR(t->value)));
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "setting", t->name, "update", t->value);
	return rc;
}

int setting_set(db *d, const actor *who, const char *name, const char *value)
{
	struct setting_change t = {.who = who, .name = name, .value = value};
	return db_transaction(d, set_tx, &t);
}
