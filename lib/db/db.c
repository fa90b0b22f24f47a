/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* db.c: the MariaDB connection, prepared statements and results. */
#include "db/db.h"
#include "db/sql.h"
#include "core/bizdays.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DB_MAX_PARAMS 64 /* similar/repeat.c: 32 band keys and more */
#define DB_STMT_CACHE 96

/* A prepared statement, found by the address of its SQL (a literal, the
 * usual case, is found at once) and checked against a copy of the text:
 * SQL built at run time in a reused buffer has the same address with
 * other words in it, and must not get the old statement. */
struct stmt_slot {
	const char *sql; /* the caller's text: its address finds the slot */
	char *text;      /* a copy of it when prepared: the check */
	MYSQL_STMT *stmt;
};

struct db {
	MYSQL *conn;
	HDF *cfg;
	bool in_tx;
	unsigned long long affected;
	unsigned long long insert_id;
	char error[512];
	struct stmt_slot cache[DB_STMT_CACHE];
	unsigned ncached;
	char clock[20]; /* db_set_clock's time, "" for the real clock */
	bool migrator;  /* db_connect_migrator's: DDL rights, multi-statements */
	const char *admin; /* db_connect_admin's user: no database */
	const char *admin_password; /* and its password, NULL for none */
	unsigned last_errno; /* the server's number of the last error, 0 after none */
	bool in_retry;       /* inside db_transaction: a lock conflict is retried there */
	/* The last statement met a trigger the server failed to parse (see
	 * db_trigger_cache_fault): the server's table cache is healed once
	 * no transaction is open, and the statement, or its transaction, runs
	 * again. */
	bool trigger_fault;
	/* db_before_commit's: runs before the next successful COMMIT. */
	int (*commit_hook)(db *d, void *arg);
	void *commit_arg;
	bool hook_refused; /* the last db_commit: refused by that hook */
	unsigned long long tx_first_id; /* the transaction's first AUTO_INCREMENT id */
	unsigned host_at;    /* db.hosts: the entry that answered last, tried first */
	int sync_wait;       /* the session's wsrep_sync_wait, or DB_SYNC_* below */
};

/* db.sync_wait: not asked yet on this connection; no Galera (wsrep_on
 * absent or OFF), nothing to set. */
#define DB_SYNC_UNKNOWN -2
#define DB_SYNC_NONE -1

static void db_set_error(db *d, const char *what, const char *msg)
{
	snprintf(d->error, sizeof d->error, "%s: %s", what, msg ? msg : "?");
}

bool db_errno_retryable(unsigned err)
{
	/* Galera reports a certification conflict as a deadlock too. */
	return err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT;
}

/* Whether the last statement's error is a conflict that running the
 * statement, or its whole transaction, again resolves: a lock conflict,
 * or a trigger fault once the table cache is healed. */
static bool db_conflict_retryable(const db *d)
{
	return db_errno_retryable(d->last_errno) || d->trigger_fault;
}

/* A prepared statement's text was parsed when it was prepared, so a parse
 * error (1064) while it executes comes from one of its tables' triggers.
 * Each copy of a table that the server opens parses the table's triggers
 * anew, and MariaDB 10.11 gives up that parse at once when the statement
 * opening it is being killed: by Galera, which aborts a local transaction
 * that holds a row a replicated one needs (a BF abort), by
 * max_statement_time or by KILL QUERY. The server then keeps that copy in
 * its table cache with the trigger marked unparseable ("Unknown trigger
 * has an error in its body: 'Query was empty'"), and hands it to every
 * later statement on the table, most recently used first, so that every
 * INSERT into cases failed (on a node of t/cluster's 10-failover.t, from
 * the rejoin of another node to the end of the test). */
static bool db_trigger_cache_fault(unsigned err)
{
	return err == ER_PARSE_ERROR;
}

static int db_rc_from_errno(db *d, unsigned err)
{
	d->last_errno = err;
	switch (err) {
	case ER_DUP_ENTRY:
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		return MDG_ECONFLICT;
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_LOST_EXTENDED:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
		return MDG_EDB;
	}
	return MDG_ERR;
}

static void db_drop_cache(db *d)
{
	for (unsigned i = 0; i < d->ncached; i++) {
		mysql_stmt_close(d->cache[i].stmt);
		free(d->cache[i].text);
	}
	d->ncached = 0;
}

static void db_disconnect(db *d)
{
	db_drop_cache(d);
	if (d->conn)
		mysql_close(d->conn);
	d->conn = NULL;
	d->in_tx = false;
}

/* Drops the unused tables of the server's table cache, the faulty copy
 * with them, so that the next statement opens the table anew. FLUSH
 * LOCAL TABLES needs RELOAD, which the application's account does not
 * hold: the migrator's procedure table_cache_heal (migration 0066) runs
 * it with the migrator's rights. Only where no transaction is open (a
 * FLUSH would commit it). A fixed statement, like db_tx's. */
static void db_heal_table_cache(db *d)
{
	if (!d->conn || d->in_tx)
		return;
	if (mysql_query(d->conn, "CALL table_cache_heal()") != 0) {
		log_error("db: a trigger failed to parse in the server's table cache, and healing it failed: %s",
			  mysql_error(d->conn));
		return;
	}
	/* CALL ends with a status result of its own. */
	do {
		MYSQL_RES *res = mysql_store_result(d->conn);
		mysql_free_result(res);
	} while (mysql_next_result(d->conn) == 0);
	/* A statement prepared while the faulty copy was in the cache kept
	 * the tables of the triggers it could parse: run after the heal, it
	 * failed with "Table 'madang.case_search' doesn't exist" (the table
	 * of a trigger of cases it had not parsed). Prepared anew, it runs. */
	db_drop_cache(d);
	log_warn("db: a trigger had failed to parse in the server's table cache (a statement killed while it"
		 " opened the table): the cache's unused tables were dropped");
}

/* Entry i of the comma-separated "host:port" list hosts into host[] and
 * *port; false when there is no entry i or it is malformed. */
static bool host_entry(const char *hosts, unsigned i, char *host, size_t hostlen, unsigned *port)
{
	const char *p = hosts;
	for (unsigned k = 0; k < i; k++) {
		p = strchr(p, ',');
		if (!p)
			return false;
		p++;
	}
	size_t len = strcspn(p, ",");
	const char *colon = memchr(p, ':', len);
	if (!colon || colon == p || (size_t)(colon - p) >= hostlen)
		return false;
	char *end = NULL;
	long v = strtol(colon + 1, &end, 10);
	if (end != p + len || v < 1 || v > 65535)
		return false;
	memcpy(host, p, (size_t)(colon - p));
	host[colon - p] = '\0';
	*port = (unsigned)v;
	return true;
}

/* Whether a connected Galera node takes queries: a joining or cut-off
 * node accepts connections but refuses statements (wsrep_ready OFF).
 * A server without Galera, or whose status cannot be read, counts as
 * ready (its own errors come with the first statement). */
static bool node_ready(MYSQL *conn)
{
	bool ready = true;
	if (mysql_query(conn, "SHOW STATUS LIKE 'wsrep_ready'") != 0)
		return true;
	MYSQL_RES *res = mysql_store_result(conn);
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	if (row && row[1] && strcmp(row[1], "OFF") == 0)
		ready = false;
	if (res)
		mysql_free_result(res);
	return ready;
}

static int db_open_at(db *d, const char *host, unsigned port);

/* Connects to db.hosts when it is set (one "host:port" after another,
 * from the one that answered last, to the first that connects and is a
 * ready Galera node), else to db.socket or db.host and db.port. */
static int db_open(db *d)
{
	const char *hosts = config_str(d->cfg, "db.hosts", "");
	char host[256];
	unsigned port, n = 0;
	d->sync_wait = DB_SYNC_UNKNOWN;
	if (!*hosts)
		return db_open_at(d, NULL, 0);
	while (host_entry(hosts, n, host, sizeof host, &port))
		n++;
	if (n == 0) {
		db_set_error(d, "connect", "db.hosts: not a list of host:port");
		return MDG_EDB;
	}
	for (unsigned k = 0; k < n; k++) {
		unsigned i = (d->host_at + k) % n;
		(void)host_entry(hosts, i, host, sizeof host, &port);
		if (db_open_at(d, host, port) != MDG_OK)
			continue;
		if (node_ready(d->conn)) {
			if (i != d->host_at)
				log_warn("db: connected to %s:%u (db.hosts entry %u)", host, port, i + 1);
			d->host_at = i;
			return MDG_OK;
		}
		db_set_error(d, "connect", "the Galera node is not ready (wsrep_ready OFF)");
		mysql_close(d->conn);
		d->conn = NULL;
	}
	return MDG_EDB;
}

/* Connects to host and port (host NULL: db.socket, or db.host and
 * db.port). */
static int db_open_at(db *d, const char *host_at, unsigned port_at)
{
	const char *socket = host_at ? NULL : config_str(d->cfg, "db.socket", NULL);
	const char *host = host_at ? host_at : config_str(d->cfg, "db.host", "127.0.0.1");
	unsigned port = host_at ? port_at : (unsigned)config_long(d->cfg, "db.port", 3306, 0, 65535);
	unsigned timeout = 5;

	d->conn = mysql_init(NULL);
	if (!d->conn)
		return MDG_ERR;
	mysql_options(d->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(d->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* The app keeps times in the office's zone (Korea has no DST). */
	char init[160];
	/* MariaDB's rowid filter made the inbox count read every case of a
	 * department instead of those in one status (bench/README.md). */
	snprintf(init, sizeof init, "SET time_zone = '%s'",
		 config_str(d->cfg, "db.time_zone", "+09:00"));
	mysql_options(d->conn, MYSQL_INIT_COMMAND, init);
	if (d->clock[0]) {
		/* A reconnect keeps the test clock. d->clock passed
		 * clock_valid: digits, '-', ':' and one space only. */
		char set_clock[80];
		snprintf(set_clock, sizeof set_clock, "SET timestamp = UNIX_TIMESTAMP('%s')", d->clock);
		mysql_options(d->conn, MYSQL_INIT_COMMAND, set_clock);
	}
	if (socket && *socket)
		host = "localhost";
	/* The app's account may only read and write rows; scripts of several
	 * statements (an injected "; DROP ...") work only for the migrator. */
	const char *user = config_str(d->cfg, "db.user", "madang");
	const char *password = config_str(d->cfg, "db.password", "");
	unsigned long flags = CLIENT_FOUND_ROWS;
	if (d->migrator) {
		const char *migrate_user = config_str(d->cfg, "db.migrate_user", "");
		if (*migrate_user) {
			user = migrate_user;
			password = config_str(d->cfg, "db.migrate_password", "");
		}
		flags |= CLIENT_MULTI_STATEMENTS;
	}
	const char *dbname = config_str(d->cfg, "db.name", "madang");
	if (d->admin) {
		user = d->admin;
		password = d->admin_password;
		dbname = NULL; /* it may not exist yet */
		flags |= CLIENT_MULTI_STATEMENTS;
	}
	if (!mysql_real_connect(d->conn, host, user, password, dbname, port,
				socket && *socket ? socket : NULL, flags)) {
		db_set_error(d, "connect", mysql_error(d->conn));
		mysql_close(d->conn);
		d->conn = NULL;
		return MDG_EDB;
	}
	return MDG_OK;
}

static int db_connect_as(HDF *cfg, bool migrator, const char *admin, const char *admin_password, db **out)
{
	db *d = xcalloc(1, sizeof *d);
	d->cfg = cfg;
	d->migrator = migrator;
	d->admin = admin;
	d->admin_password = admin_password;
	*out = NULL;
	int rc = db_open(d);
	if (rc != MDG_OK) {
		log_error("db: %s", d->error);
		free(d);
		return rc;
	}
	*out = d;
	return MDG_OK;
}

int db_connect(HDF *cfg, db **out)
{
	return db_connect_as(cfg, false, NULL, NULL, out);
}

int db_connect_migrator(HDF *cfg, db **out)
{
	return db_connect_as(cfg, true, NULL, NULL, out);
}

int db_connect_admin(HDF *cfg, const char *user, const char *password, db **out)
{
	return db_connect_as(cfg, false, user, password, out);
}

void db_close(db *d)
{
	if (!d)
		return;
	db_disconnect(d);
	free(d);
}

int db_ping(db *d)
{
	if (d->conn && mysql_ping(d->conn) == 0)
		return MDG_OK;
	db_disconnect(d);
	return db_open(d) == MDG_OK ? MDG_OK : MDG_EDB;
}

/* "YYYY-MM-DD HH:MM:SS" with a real date and time. */
static bool clock_valid(const char *s)
{
	char day[11];
	bizdate date;
	if (strlen(s) != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':')
		return false;
	snprintf(day, sizeof day, "%.10s", s);
	for (int i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (s[i] < '0' || s[i] > '9'))
			return false;
	return biz_parse(day, &date) == MDG_OK && atoi(s + 11) < 24 && atoi(s + 14) < 60 && atoi(s + 17) < 60;
}

int db_sync_reads(db *d, bool on)
{
	int want = on ? 1 : 0;
	if (d->conn && d->sync_wait == DB_SYNC_UNKNOWN) {
		db_result *r = NULL;
		int rc = db_query(d, &r, "SHOW VARIABLES LIKE 'wsrep_on'", DB_NO_ARGS);
		if (rc != MDG_OK)
			return rc;
		d->sync_wait = strcmp(db_get(r, 0, "Value", "OFF"), "ON") == 0 ? 0 : DB_SYNC_NONE;
		db_result_free(r);
	}
	if (!d->conn || d->sync_wait == DB_SYNC_NONE || d->sync_wait == want)
		return MDG_OK;
	/* 1: a read first waits until this node has applied every write the
	 * cluster committed before it began (docs/operations.md, "A Galera
	 * cluster"). Two literals: nothing is built from input. */
	int rc = db_exec(d, on ? "SET SESSION wsrep_sync_wait = 1" : "SET SESSION wsrep_sync_wait = 0", DB_NO_ARGS);
	if (rc == MDG_OK)
		d->sync_wait = want;
	return rc;
}

int db_set_clock(db *d, const char *now)
{
	if (!now || !clock_valid(now))
		return MDG_EINVAL;
	int rc = db_exec(d, "SET timestamp = UNIX_TIMESTAMP(?)", DB_ARGS(DB_STR(now)));
	if (rc == MDG_OK)
		snprintf(d->clock, sizeof d->clock, "%s", now);
	return rc;
}

int db_now(db *d, char out[20])
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT " SQL_SECOND("NOW()") " AS now", DB_NO_ARGS);
	if (rc == MDG_OK)
		snprintf(out, 20, "%s", db_get(r, 0, "now", ""));
	db_result_free(r);
	return rc;
}

const char *db_error(const db *d)
{
	return d->error;
}

unsigned long long db_affected(const db *d)
{
	return d->affected;
}

unsigned long long db_insert_id(const db *d)
{
	return d->insert_id;
}

/* Closes and forgets cache slot i, keeping the others in their order. */
static void cache_drop(db *d, unsigned i)
{
	mysql_stmt_close(d->cache[i].stmt);
	free(d->cache[i].text);
	memmove(&d->cache[i], &d->cache[i + 1], sizeof d->cache[0] * (d->ncached - i - 1));
	d->ncached--;
}

/* The prepared statement for sql, from the cache or newly prepared. */
static int db_prepare(db *d, const char *sql, MYSQL_STMT **out)
{
	for (unsigned i = 0; i < d->ncached; i++)
		if (d->cache[i].sql == sql) {
			if (strcmp(d->cache[i].text, sql) == 0) {
				*out = d->cache[i].stmt;
				return MDG_OK;
			}
			/* Other text at the same address: the old statement goes. */
			cache_drop(d, i);
			break;
		}
	if (!d->conn && db_open(d) != MDG_OK)
		return MDG_EDB;
	MYSQL_STMT *st = mysql_stmt_init(d->conn);
	if (!st)
		return MDG_ERR;
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		unsigned err = mysql_stmt_errno(st);
		db_set_error(d, "prepare", mysql_stmt_error(st));
		mysql_stmt_close(st);
		return db_rc_from_errno(d, err);
	}
	if (d->ncached == DB_STMT_CACHE)
		cache_drop(d, 0); /* full: the oldest entry goes */
	d->cache[d->ncached].sql = sql;
	d->cache[d->ncached].text = xstrdup(sql);
	d->cache[d->ncached].stmt = st;
	d->ncached++;
	*out = st;
	return MDG_OK;
}

struct db_params {
	MYSQL_BIND bind[DB_MAX_PARAMS];
	long long ints[DB_MAX_PARAMS];
	unsigned long lens[DB_MAX_PARAMS];
	my_bool nulls[DB_MAX_PARAMS];
	unsigned n;
};

static int db_bind_params(struct db_params *p, const db_arg *args, size_t nargs)
{
	p->n = 0;
	if (nargs > DB_MAX_PARAMS)
		return MDG_ERR;
	/* Only the entries in use: the whole struct is 8 KiB, zeroed for
	 * every statement before (bench/README.md, issue 15). */
	memset(p->bind, 0, nargs * sizeof p->bind[0]);
	memset(p->nulls, 0, nargs * sizeof p->nulls[0]);
	for (size_t i = 0; i < nargs; i++) {
		const db_arg *a = &args[i];
		MYSQL_BIND *b = &p->bind[i];
		switch (a->type) {
		case DB_ARG_STR:
			b->buffer_type = MYSQL_TYPE_STRING;
			if (!a->str) {
				p->nulls[i] = 1;
				b->is_null = &p->nulls[i];
				break;
			}
			b->buffer = (void *)a->str;
			p->lens[i] = strlen(a->str);
			b->buffer_length = p->lens[i];
			b->length = &p->lens[i];
			break;
		case DB_ARG_INT:
		case DB_ARG_ID:
			p->ints[i] = a->num;
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &p->ints[i];
			if (a->type == DB_ARG_ID && a->num == 0) {
				p->nulls[i] = 1;
				b->is_null = &p->nulls[i];
			}
			break;
		case DB_ARG_BLOB:
			p->lens[i] = (unsigned long)a->len;
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer = (void *)a->blob;
			b->buffer_length = p->lens[i];
			b->length = &p->lens[i];
			break;
		default:
			return MDG_ERR;
		}
	}
	p->n = (unsigned)nargs;
	return MDG_OK;
}

/* Bytes of a column's value fetched with its row (see db_fetch_all). */
#define DB_INLINE 256

static int db_fetch_all(db *d, MYSQL_STMT *st, db_result **out)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	MYSQL_BIND *binds = NULL;
	unsigned long *lens = NULL;
	my_bool *nulls = NULL;
	char *inline_buf = NULL;
	db_result *r = xcalloc(1, sizeof *r);
	unsigned cap = 0;
	int rc = MDG_ERR;

	if (!meta) {
		*out = r;
		return MDG_OK;
	}
	r->ncols = mysql_num_fields(meta);
	r->names = xcalloc(r->ncols, sizeof *r->names);
	MYSQL_FIELD *fields = mysql_fetch_fields(meta);
	for (unsigned c = 0; c < r->ncols; c++)
		r->names[c] = xstrdup(fields[c].name);
	binds = xcalloc(r->ncols, sizeof *binds);
	lens = xcalloc(r->ncols, sizeof *lens);
	nulls = xcalloc(r->ncols, sizeof *nulls);
	/* Each column fetched into a buffer of DB_INLINE bytes: a shorter
	 * value (most) is copied from there; a longer one is fetched again
	 * whole with mysql_stmt_fetch_column. A call of that per value was a
	 * tenth of the public list's instructions (bench/README.md). */
	inline_buf = xmalloc((size_t)r->ncols * DB_INLINE);
	for (unsigned c = 0; c < r->ncols; c++) {
		binds[c].buffer_type = MYSQL_TYPE_STRING;
		binds[c].buffer = inline_buf + (size_t)c * DB_INLINE;
		binds[c].buffer_length = DB_INLINE;
		binds[c].length = &lens[c];
		binds[c].is_null = &nulls[c];
	}
	if (mysql_stmt_bind_result(st, binds) != 0) {
		db_set_error(d, "bind result", mysql_stmt_error(st));
		goto done;
	}
	for (;;) {
		int f = mysql_stmt_fetch(st);
		if (f == MYSQL_NO_DATA)
			break;
		if (f == 1) {
			db_set_error(d, "fetch", mysql_stmt_error(st));
			rc = db_rc_from_errno(d, mysql_stmt_errno(st));
			goto done;
		}
		if (r->nrows == cap) {
			cap = cap ? cap * 2 : 16;
			r->cells = xrealloc(r->cells, sizeof *r->cells * cap * r->ncols);
			r->lens = xrealloc(r->lens, sizeof *r->lens * cap * r->ncols);
		}
		for (unsigned c = 0; c < r->ncols; c++) {
			size_t at = (size_t)r->nrows * r->ncols + c;
			r->lens[at] = lens[c];
			if (nulls[c]) {
				r->cells[at] = NULL;
				continue;
			}
			char *cell = xmalloc(lens[c] + 1);
			MYSQL_BIND one = {0};
			unsigned long got = 0;
			one.buffer_type = MYSQL_TYPE_STRING;
			one.buffer = cell;
			one.buffer_length = lens[c] + 1;
			one.length = &got;
			if (lens[c] < DB_INLINE)
				memcpy(cell, inline_buf + (size_t)c * DB_INLINE, lens[c]);
			else if (mysql_stmt_fetch_column(st, &one, c, 0) != 0) {
				free(cell);
				db_set_error(d, "fetch column", mysql_stmt_error(st));
				r->cells[at] = NULL;
				r->nrows++;
				for (unsigned k = c + 1; k < r->ncols; k++)
					r->cells[(size_t)(r->nrows - 1) * r->ncols + k] = NULL;
				goto done;
			}
			cell[lens[c]] = '\0';
			r->cells[at] = cell;
		}
		r->nrows++;
	}
	rc = MDG_OK;
done:
	mysql_stmt_free_result(st);
	mysql_free_result(meta);
	free(binds);
	free(lens);
	free(nulls);
	free(inline_buf);
	if (rc == MDG_OK)
		*out = r;
	else
		db_result_free(r);
	return rc;
}

/* Prepares, binds and executes; fetches rows when out is not NULL. */
static int db_run(db *d, db_result **out, const char *sql, const db_arg *args, size_t nargs)
{
	struct db_params p;
	MYSQL_STMT *st = NULL;
	int rc;

	if (out)
		*out = NULL;
	rc = db_prepare(d, sql, &st);
	if (rc != MDG_OK)
		goto done;
	rc = db_bind_params(&p, args, nargs);
	if (rc != MDG_OK) {
		db_set_error(d, "bind", "bad parameter types");
		goto done;
	}
	if (p.n != mysql_stmt_param_count(st)) {
		db_set_error(d, "bind", "parameter count does not match the statement");
		rc = MDG_ERR;
		goto done;
	}
	if (p.n && mysql_stmt_bind_param(st, p.bind) != 0) {
		db_set_error(d, "bind", mysql_stmt_error(st));
		rc = MDG_ERR;
		goto done;
	}
	if (mysql_stmt_execute(st) != 0) {
		unsigned err = mysql_stmt_errno(st);
		db_set_error(d, "execute", mysql_stmt_error(st));
		rc = db_rc_from_errno(d, err);
		if (db_trigger_cache_fault(err)) {
			d->trigger_fault = true;
			rc = MDG_ECONFLICT;
		}
		goto done;
	}
	d->affected = mysql_stmt_affected_rows(st);
	d->insert_id = mysql_stmt_insert_id(st);
	if (d->in_tx && !d->tx_first_id)
		d->tx_first_id = d->insert_id;
	rc = out ? db_fetch_all(d, st, out) : MDG_OK;
	if (!out)
		mysql_stmt_free_result(st);
done:
	if (rc == MDG_EDB)
		db_disconnect(d);
	return rc;
}

/* Runs once, and once more after a reconnect when the connection had been
 * lost outside a transaction (a restarted server, an idle timeout). */
static int db_run_retry(db *d, db_result **out, const char *sql, const db_arg *args, size_t nargs)
{
	bool was_in_tx = d->in_tx;
	if (!was_in_tx)
		d->trigger_fault = false;
	int rc = db_run(d, out, sql, args, nargs);
	if (rc == MDG_EDB && !was_in_tx && db_open(d) == MDG_OK)
		rc = db_run(d, out, sql, args, nargs);
	if (rc == MDG_ECONFLICT && d->trigger_fault && !was_in_tx) {
		log_warn("db: %s: the table cache is healed and the statement runs again", d->error);
		db_heal_table_cache(d);
		d->trigger_fault = false;
		rc = db_run(d, out, sql, args, nargs);
		/* Not healed (no procedure, no right): an error, not a conflict
		 * its caller might take for a duplicate. */
		if (rc == MDG_ECONFLICT && d->trigger_fault)
			rc = MDG_ERR;
	}
	if (rc == MDG_ECONFLICT && d->in_retry && db_conflict_retryable(d))
		log_warn("db: %s: the transaction runs again", d->error);
	else if (rc != MDG_OK)
		log_error("db: %s", d->error);
	return rc;
}

int db_query(db *d, db_result **out, const char *sql, const db_arg *args, size_t nargs)
{
	return db_run_retry(d, out, sql, args, nargs);
}

int db_exec(db *d, const char *sql, const db_arg *args, size_t nargs)
{
	return db_run_retry(d, NULL, sql, args, nargs);
}

int db_col(const db_result *r, const char *name)
{
	for (unsigned c = 0; r && c < r->ncols; c++)
		if (strcmp(r->names[c], name) == 0)
			return (int)c;
	return -1;
}

/* The cell at (row, col), or def when out of range or SQL NULL: only
 * for the readers by name below. */
static const char *db_cell(const db_result *r, unsigned row, unsigned col, const char *def)
{
	if (!r || row >= r->nrows || col >= r->ncols)
		return def;
	const char *v = r->cells[(size_t)row * r->ncols + col];
	return v ? v : def;
}

const char *db_get(const db_result *r, unsigned row, const char *name, const char *def)
{
	if (!r)
		return def;
	int col = db_col(r, name);
	if (col < 0) {
		/* A query and its reader disagree: a bug to fix, not input. */
		log_error("db: the result has no column \"%s\"", name);
		abort();
	}
	return db_cell(r, row, (unsigned)col, def);
}

long long db_get_ll(const db_result *r, unsigned row, const char *name, long long def)
{
	const char *v = db_get(r, row, name, NULL);
	return v ? strtoll(v, NULL, 10) : def;
}

/* The row's values as children of the node at prefix under hdf. The node
 * is looked up (made) once, at the first value, not per column: a name
 * built with snprintf and walked from the root for every value was a
 * quarter of the public list's CPU (bench/README.md, issue 15). A row
 * without any value makes no node, as before. With move, each value
 * (malloc'd by db_fetch_all) is handed to the tree, which frees it, and
 * its cell left NULL: no copy, and no free of the copied cell. */
static void row_into(char **cells, char *const *names, unsigned ncols, HDF *hdf, const char *prefix, bool move)
{
	HDF *node = NULL;
	for (unsigned c = 0; c < ncols; c++) {
		if (!cells[c])
			continue;
		if (!node && hdf_get_node(hdf, prefix, &node) != STATUS_OK)
			abort(); /* out of memory */
		if (!move)
			hdf_set_value(node, names[c], cells[c]);
		else if (hdf_set_buf(node, names[c], cells[c]) == STATUS_OK)
			cells[c] = NULL;
		else
			abort(); /* out of memory */
	}
}

void db_row_hdf(const db_result *r, unsigned row, HDF *hdf, const char *prefix)
{
	if (r && row < r->nrows)
		row_into(r->cells + (size_t)row * r->ncols, r->names, r->ncols, hdf, prefix, false);
}

/* Every row of a result (its cells, names, size) under prefix.N. */
static void rows_into(char **cells, char *const *names, unsigned nrows, unsigned ncols, HDF *hdf, const char *prefix,
		      bool move)
{
	HDF *base = NULL;
	char num[16];
	for (unsigned row = 0; row < nrows; row++) {
		if (!base && hdf_get_node(hdf, prefix, &base) != STATUS_OK)
			abort(); /* out of memory */
		/* The row's number by hand: snprintf cost as much as a value. */
		char *p = num + sizeof num - 1;
		*p = '\0';
		unsigned n = row;
		do
			*--p = (char)('0' + n % 10);
		while ((n /= 10) > 0);
		row_into(cells + (size_t)row * ncols, names, ncols, base, p, move);
	}
}

void db_rows_hdf(const db_result *r, HDF *hdf, const char *prefix)
{
	if (r)
		rows_into(r->cells, r->names, r->nrows, r->ncols, hdf, prefix, false);
}

void db_rows_hdf_move(db_result *r, HDF *hdf, const char *prefix)
{
	if (r)
		rows_into(r->cells, r->names, r->nrows, r->ncols, hdf, prefix, true);
}

void db_result_free(db_result *r)
{
	if (!r)
		return;
	size_t n = (size_t)r->nrows * r->ncols;
	for (size_t i = 0; i < n; i++)
		free(r->cells[i]);
	for (unsigned c = 0; c < r->ncols; c++)
		free(r->names[c]);
	free(r->cells);
	free(r->lens);
	free(r->names);
	free(r);
}

enum db_tx_verb { DB_TX_BEGIN, DB_TX_COMMIT, DB_TX_ROLLBACK };

/* Transaction control: fixed statements, never built from input. */
static int db_tx(db *d, enum db_tx_verb verb)
{
	int failed;
	if (!d->conn && db_open(d) != MDG_OK)
		return MDG_EDB;
	switch (verb) {
	case DB_TX_BEGIN: failed = mysql_query(d->conn, "START TRANSACTION"); break;
	case DB_TX_COMMIT: failed = mysql_query(d->conn, "COMMIT"); break;
	default: failed = mysql_query(d->conn, "ROLLBACK"); break;
	}
	if (failed) {
		unsigned err = mysql_errno(d->conn);
		db_set_error(d, "transaction", mysql_error(d->conn));
		int rc = db_rc_from_errno(d, err);
		if (d->in_retry && db_errno_retryable(err))
			log_warn("db: %s: the transaction runs again", d->error);
		else
			log_error("db: %s", d->error);
		if (rc == MDG_EDB)
			db_disconnect(d);
		return rc;
	}
	return MDG_OK;
}

int db_begin(db *d)
{
	int rc = db_tx(d, DB_TX_BEGIN);
	if (rc == MDG_EDB && db_open(d) == MDG_OK)
		rc = db_tx(d, DB_TX_BEGIN);
	d->in_tx = rc == MDG_OK;
	d->tx_first_id = 0;
	d->trigger_fault = false;
	d->hook_refused = false;
	return rc;
}

int db_commit(db *d)
{
	/* The hook's writes are part of the transaction they follow: its
	 * failure rolls it all back. It stays for the transaction's retry. */
	bool keep = false;
	if (d->commit_hook && d->in_tx) {
		int rc = d->commit_hook(d, d->commit_arg);
		keep = rc == DB_HOOK_LATER;
		if (rc != MDG_OK && !keep) {
			db_rollback(d);
			d->hook_refused = true;
			return rc;
		}
	}
	int rc = db_tx(d, DB_TX_COMMIT);
	d->in_tx = false;
	if (d->trigger_fault) {
		db_heal_table_cache(d);
		d->trigger_fault = false;
	}
	if (rc == MDG_OK && !keep)
		d->commit_hook = NULL;
	return rc;
}

void db_before_commit(db *d, int (*hook)(db *d, void *arg), void *arg)
{
	d->commit_hook = hook;
	d->commit_arg = arg;
}

bool db_hook_refused(const db *d)
{
	return d->hook_refused;
}

unsigned long long db_tx_first_id(const db *d)
{
	return d->tx_first_id;
}

void db_rollback(db *d)
{
	if (d->conn && d->in_tx)
		(void)db_tx(d, DB_TX_ROLLBACK);
	d->in_tx = false;
	/* The fault stays set: db_transaction runs the transaction again. */
	if (d->trigger_fault)
		db_heal_table_cache(d);
}

long db_retry_delay_ms(int attempt, double jitter)
{
	if (attempt < 1)
		attempt = 1;
	if (attempt > DB_TX_ATTEMPTS)
		attempt = DB_TX_ATTEMPTS;
	if (jitter < 0.0 || jitter >= 1.0)
		jitter = 0.0;
	/* 10, 20, 40, 80 ms, each plus up to as much again: the losers of one
	 * conflict do not meet again at the same moment. */
	long base = 10L << (attempt - 1);
	return base + (long)(base * jitter);
}

/* Sleeps db_retry_delay_ms(attempt, a jitter from the clock): before a
 * transaction that lost a lock conflict runs again. */
static void db_retry_pause(int attempt)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = db_retry_delay_ms(attempt, (double)(now.tv_nsec % 1000) / 1000.0);
	struct timespec pause = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
	nanosleep(&pause, NULL);
}

int db_transaction(db *d, int (*body)(db *d, void *arg), void *arg)
{
	int rc = MDG_OK;
	/* Called inside an open transaction (a function that is a whole
	 * transaction of its own, used in a larger one): body is part of the
	 * outer one, which commits it and runs it again with the rest. A
	 * START TRANSACTION here would commit the outer's writes at once. */
	if (d->in_tx)
		return body(d, arg);
	for (int attempt = 1;; attempt++) {
		d->last_errno = 0;
		d->in_retry = attempt < DB_TX_ATTEMPTS;
		rc = db_begin(d);
		if (rc == MDG_OK)
			rc = body(d, arg);
		if (rc == MDG_OK)
			rc = db_commit(d);
		else
			db_rollback(d);
		d->in_retry = false;
		if (rc != MDG_ECONFLICT || !db_conflict_retryable(d) || attempt == DB_TX_ATTEMPTS)
			break;
		/* The server rolled the whole transaction back (a lock-wait
		 * timeout only the statement, db_rollback the rest): wait a
		 * little, and run it all again from the start. */
		db_retry_pause(attempt);
	}
	return rc;
}

int db_transaction_read_committed(db *d, int (*body)(db *d, void *arg), void *arg)
{
	/* For the session while the transaction runs (every attempt of it),
	 * then back to the server's default: SET TRANSACTION would hold for
	 * the first attempt only. */
	int rc = db_exec(d, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_transaction(d, body, arg);
	int back = db_exec(d, "SET SESSION tx_isolation = DEFAULT", DB_NO_ARGS);
	return rc == MDG_OK ? back : rc;
}

int db_run_script(db *d, const char *sql, size_t len)
{
	int rc = MDG_OK;
	if (!d->conn && db_open(d) != MDG_OK)
		return MDG_EDB;
	if (mysql_real_query(d->conn, sql, (unsigned long)len) != 0) {
		db_set_error(d, "script", mysql_error(d->conn));
		return db_rc_from_errno(d, mysql_errno(d->conn));
	}
	/* Drain every result of the multi-statement script; the first error
	 * stops it. */
	for (;;) {
		MYSQL_RES *res = mysql_store_result(d->conn);
		if (res)
			mysql_free_result(res);
		int next = mysql_next_result(d->conn);
		if (next == -1)
			break;
		if (next > 0) {
			db_set_error(d, "script", mysql_error(d->conn));
			rc = db_rc_from_errno(d, mysql_errno(d->conn));
			break;
		}
	}
	return rc;
}
