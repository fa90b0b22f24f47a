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

int setting_set(db *d, const actor *who, const char *name, const char *value)
{
	int rc = db_begin(d);
	if (rc != MDG_OK)
		return rc;
	rc = db_exec(d, "INSERT INTO settings (name, value) VALUES (?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)",
		     DB_ARGS(DB_STR(name), DB_STR(value)));
	if (rc == MDG_OK)
		rc = audit_write(d, who, "setting", name, "update", value);
	if (rc == MDG_OK)
		rc = db_commit(d);
	if (rc != MDG_OK)
		db_rollback(d);
	return rc;
}
