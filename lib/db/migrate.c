/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* migrate.c: forward-only schema migrations and SQL files. */
#include "db/migrate.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t cap = 0, n = 0;
	if (!f) {
		log_error("cannot read %s: %s", path, strerror(errno));
		return MDG_ERR;
	}
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 65536;
			data = xrealloc(data, cap);
		}
		size_t got = fread(data + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	data[n] = '\0';
	*out = data;
	*len = n;
	return MDG_OK;
}

int migrate_run_file(db *d, const char *path)
{
	char *sql = NULL;
	size_t len = 0;
	int rc = read_file(path, &sql, &len);
	if (rc != MDG_OK)
		return rc;
	rc = db_run_script(d, sql, len);
	if (rc != MDG_OK)
		log_error("%s: %s", path, db_error(d));
	free(sql);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* True for NNNN_name.sql. */
static int is_migration(const char *name)
{
	size_t len = strlen(name);
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)name[i]))
			return 0;
	return len > 9 && name[4] == '_' && strcmp(name + len - 4, ".sql") == 0;
}

/* The migration files in dir, sorted, *count of them (the array is never
 * NULL for a readable dir); NULL when dir cannot be read. */
static char **list_migrations(const char *dir, size_t *count)
{
	char **names = xcalloc(1, sizeof *names);
	size_t cap = 1;
	DIR *dh = opendir(dir);
	*count = 0;
	if (!dh) {
		log_error("cannot open migrations folder %s: %s", dir, strerror(errno));
		free(names);
		return NULL;
	}
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (!is_migration(de->d_name))
			continue;
		if (*count == cap) {
			cap *= 2;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[(*count)++] = xstrdup(de->d_name);
	}
	closedir(dh);
	qsort(names, *count, sizeof *names, cmp_names);
	return names;
}

static void free_names(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

int migrate_pending(db *d, const char *dir, int *pending)
{
	size_t count = 0;
	db_result *r = NULL;
	*pending = 0;
	char **names = list_migrations(dir, &count);
	if (!names)
		return MDG_ERR;
	int rc = db_query(d, &r, "SELECT version FROM schema_migrations", DB_NO_ARGS);
	for (size_t i = 0; rc == MDG_OK && i < count; i++) {
		long long version = atoll(names[i]);
		bool done = false;
		const char *v;
		for (unsigned row = 0; !done && (v = db_get(r, row, "version", NULL)); row++)
			done = atoll(v) == version;
		if (!done)
			(*pending)++;
	}
	db_result_free(r);
	free_names(names, count);
	return rc;
}

int migrate_run(db *d, const char *dir, int *applied)
{
	char **names = NULL;
	size_t count = 0;
	int rc;

	*applied = 0;
	rc = db_exec(d, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			" version INT UNSIGNED NOT NULL PRIMARY KEY,"
			" name VARCHAR(200) NOT NULL,"
			" applied_at DATETIME NOT NULL) ENGINE=InnoDB", DB_NO_ARGS);
	if (rc != MDG_OK)
		return rc;
	names = list_migrations(dir, &count);
	if (!names)
		return MDG_ERR;

	for (size_t i = 0; i < count && rc == MDG_OK; i++) {
		db_result *r = NULL;
		long long version = atoll(names[i]);
		rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM schema_migrations WHERE version = ?",
			      DB_ARGS(DB_INT(version)));
		long long done_before = db_get_ll(r, 0, "n", 0);
		db_result_free(r);
		if (rc != MDG_OK || done_before)
			continue;
		char *path = xasprintf("%s/%s", dir, names[i]);
		/* MariaDB commits each DDL statement by itself: a migration that
		 * fails halfway must be mended by hand, so each one is small. */
		rc = migrate_run_file(d, path);
		if (rc == MDG_OK)
			rc = db_exec(d, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, NOW())",
				     DB_ARGS(DB_INT(version), DB_STR(names[i])));
		if (rc == MDG_OK) {
			log_info("migration applied: %s", names[i]);
			(*applied)++;
		}
		free(path);
	}
	free_names(names, count);
	return rc;
}

/* Identifiers go into GRANT as text (they cannot be parameters): only
 * plain names pass. */
static bool plain_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* A password that can stand between single quotes as it is. */
static bool plain_password(const char *s)
{
	size_t n = strlen(s);
	if (n < 16 || n > 128)
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+/=-") == n;
}

/* An account's host as setup takes it: a name, an address or a pattern,
 * nothing that could end the quoted string it goes into. */
static bool plain_host(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 60)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(".%_:-", *s))
			return false;
	return true;
}

int migrate_setup_accounts(db *d, HDF *cfg, const char *account_host)
{
	const char *hosts[] = {"localhost", "127.0.0.1", account_host};
	size_t nhosts = account_host ? 3 : 2;
	const char *name = config_str(cfg, "db.name", "madang");
	const char *role = config_str(cfg, "db.app_role", "");
	const char *mig = config_str(cfg, "db.migrate_user", "");
	const char *mig_pw = config_str(cfg, "db.migrate_password", "");
	const char *app = config_str(cfg, "db.user", "madang");
	const char *app_pw = config_str(cfg, "db.password", "");
	buf script = {0};
	int rc;
	if (!plain_name(name) || !plain_name(role) || !plain_name(mig) || !plain_name(app) || !strcmp(mig, app)) {
		log_error("setup: db.name, db.app_role, db.migrate_user and db.user must be set, each 1-64 of"
			  " A-Z a-z 0-9 _, the two accounts different");
		return MDG_EINVAL;
	}
	if (!plain_password(mig_pw) || !plain_password(app_pw)) {
		log_error("setup: db.password and db.migrate_password must be 16-128 of A-Z a-z 0-9 . _ + / = -");
		return MDG_EINVAL;
	}
	if (account_host && !plain_host(account_host)) {
		log_error("setup: the accounts' host must be 1-60 of A-Z a-z 0-9 . %% _ : -");
		return MDG_EINVAL;
	}
	buf_printf(&script, "CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n"
			    "CREATE ROLE IF NOT EXISTS `%s`;\n", name, role);
	for (size_t i = 0; i < nhosts; i++) {
		const char *h = hosts[i];
		/* ALTER after CREATE: a second run brings the passwords in
		 * line with a changed configuration. */
		buf_printf(&script, "CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED BY '%s';\n"
				    "ALTER USER '%s'@'%s' IDENTIFIED BY '%s';\n"
				    "GRANT ALL PRIVILEGES ON `%s`.* TO '%s'@'%s' WITH GRANT OPTION;\n"
				    /* For table_cache_heal (migration 0066), its
				     * only use: FLUSH LOCAL TABLES. */
				    "GRANT RELOAD ON *.* TO '%s'@'%s';\n",
			   mig, h, mig_pw, mig, h, mig_pw, name, mig, h, mig, h);
		buf_printf(&script, "CREATE USER IF NOT EXISTS '%s'@'%s' IDENTIFIED BY '%s';\n"
				    "ALTER USER '%s'@'%s' IDENTIFIED BY '%s';\n"
				    "GRANT `%s` TO '%s'@'%s';\n"
				    "SET DEFAULT ROLE `%s` FOR '%s'@'%s';\n",
			   app, h, app_pw, app, h, app_pw, role, app, h, role, app, h);
	}
	/* A script, not db_exec: account statements take no placeholders,
	 * and the names and passwords were checked above. */
	rc = db_run_script(d, buf_str(&script), script.len);
	if (rc != MDG_OK)
		log_error("setup: creating the database and its accounts: %s", db_error(d));
	/* The script held the passwords. */
	if (script.len)
		explicit_bzero(script.data, script.len);
	buf_free(&script);
	return rc;
}

int migrate_grant_app(db *d, const char *role)
{
	db_result *r = NULL;
	buf script = {0};
	int rc;
	if (!plain_name(role))
		return MDG_EINVAL;
	rc = db_query(d, &r, "SELECT table_name AS name FROM information_schema.tables"
			     " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1", DB_NO_ARGS);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		const char *table = db_get(r, i, "name", "");
		/* The audit log is append-only: its triggers refuse UPDATE and
		 * DELETE, and the app may not touch it otherwise either. */
		const char *rights = strcmp(table, "audit_log") == 0	       ? "SELECT, INSERT"
				     : strcmp(table, "schema_migrations") == 0 ? "SELECT"
									       : "SELECT, INSERT, UPDATE, DELETE";
		if (!plain_name(table)) {
			log_error("not granting on table %s: unexpected name", table);
			rc = MDG_ERR;
			break;
		}
		buf_printf(&script, "GRANT %s ON `%s` TO `%s`;\n", rights, table, role);
	}
	/* The one routine the app calls itself (db.c's table cache heal);
	 * absent before migration 0066. */
	db_result_free(r);
	r = NULL;
	if (rc == MDG_OK)
		rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM information_schema.routines WHERE routine_schema = DATABASE()"
				     " AND routine_type = 'PROCEDURE' AND routine_name = 'table_cache_heal'", DB_NO_ARGS);
	if (rc == MDG_OK && db_get_ll(r, 0, "n", 0) > 0)
		buf_printf(&script, "GRANT EXECUTE ON PROCEDURE `table_cache_heal` TO `%s`;\n", role);
	/* A script, not db_exec: the statement cache keys on the text's
	 * address, and these texts are built here. */
	if (rc == MDG_OK && script.len) {
		rc = db_run_script(d, buf_str(&script), script.len);
		if (rc != MDG_OK)
			log_error("granting the app's rights to %s: %s", role, db_error(d));
	}
	buf_free(&script);
	db_result_free(r);
	return rc;
}

int migrate_heal_ready(db *d, bool *ready)
{
	db_result *r = NULL;
	/* user_privileges lists the connected account's own global rights. */
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM information_schema.user_privileges"
				 " WHERE privilege_type = 'RELOAD'", DB_NO_ARGS);
	*ready = rc == MDG_OK && db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	return rc;
}
