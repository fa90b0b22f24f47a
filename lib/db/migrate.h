/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* migrate.h: forward-only schema migrations and SQL files. */
#ifndef MDG_MIGRATE_H
#define MDG_MIGRATE_H
#include "db/db.h"

/* Applies every dir/NNNN_name.sql not yet recorded in schema_migrations,
 * in order, each once; *applied counts them. Stops at the first failure
 * (logged with the file's name). */
int migrate_run(db *d, const char *dir, int *applied);
/* Gives the role (the app's account holds it as its default role) what
 * madang-web and madang-notifier need on every table of the database:
 * SELECT, INSERT, UPDATE, DELETE, except the append-only audit_log
 * (SELECT, INSERT) and schema_migrations (SELECT), and EXECUTE on the
 * procedure table_cache_heal. Run after migrate_run, so that new tables
 * are covered; MDG_EINVAL for a role name that is not 1-64 of A-Z a-z 0-9 _. */
int migrate_grant_app(db *d, const char *role);
/* Whether the connected account (the migrator, table_cache_heal's
 * definer) holds RELOAD, which that procedure needs: an account set up
 * before it did lacks it until madangctl setup runs again. */
int migrate_heal_ready(db *d, bool *ready);
/* Counts the dir/NNNN_name.sql not recorded in schema_migrations into
 * *pending (/healthz: the code is newer than the schema). MDG_ERR when
 * dir cannot be read. */
int migrate_pending(db *d, const char *dir, int *pending);
/* On an administrator's connection (db_connect_admin): creates, where
 * missing, the database db.name (utf8mb4), the role db.app_role, the
 * migrator db.migrate_user (every right on the database WITH GRANT
 * OPTION) and the application's account db.user (the role as its default
 * role, nothing else), each account at localhost and 127.0.0.1 and, when
 * account_host is not NULL, at that host too (the application's machine
 * as the server sees it, a name, an address or a pattern such as
 * 10.0.0.%), and sets their passwords to the configuration's. Safe to run
 * again. MDG_EINVAL (logged) when a name is not 1-64 of A-Z a-z 0-9 _, a
 * password is not 16-128 of A-Z a-z 0-9 . _ + / = - (postinst writes hex)
 * or account_host is not 1-60 of A-Z a-z 0-9 . % _ : -. */
int migrate_setup_accounts(db *d, HDF *cfg, const char *account_host);
/* Runs the SQL script at path (from the repository, never from users). */
int migrate_run_file(db *d, const char *path);

#endif
