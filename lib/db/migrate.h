/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* migrate.h: forward-only schema migrations and SQL files. */
#ifndef MDG_MIGRATE_H
#define MDG_MIGRATE_H
#include "db/db.h"

/* Applies every dir/NNNN_name.sql not yet recorded in schema_migrations,
 * in order, each once; *applied counts them. Stops at the first failure
 * (logged with the file's name). */
int migrate_run(db *d, const char *dir, int *applied);
/* Runs the SQL script at path (from the repository, never from users). */
int migrate_run_file(db *d, const char *path);

#endif
