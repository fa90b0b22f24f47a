/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* db.h: one MariaDB connection and prepared-statement helpers.
 *
 * Every statement is prepared; values travel only as bound parameters,
 * each written with its type beside it, which the compiler checks:
 *
 *   db_query(d, &r, "SELECT title FROM cases WHERE id = ? AND owner_id = ?",
 *            DB_ARGS(DB_INT(id), DB_ID(owner)));
 *
 * Results come back as text (NULL cells for SQL NULL) and are read by
 * column name (the SQL's aliases): db_get, db_get_ll, db_rows_hdf. */
#ifndef MDG_DB_H
#define MDG_DB_H
#include <ClearSilver.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct db db;

/* One bound parameter; made with the DB_* macros below. */
enum db_arg_type { DB_ARG_STR, DB_ARG_INT, DB_ARG_ID, DB_ARG_BLOB };
typedef struct db_arg {
	enum db_arg_type type;
	const char *str;   /* DB_STR: text, NULL is SQL NULL */
	long long num;     /* DB_INT, DB_ID */
	const void *blob;  /* DB_BLOB: bytes... */
	size_t len;        /* ...and their length */
} db_arg;

/* Text (const char *; NULL is SQL NULL). */
#define DB_STR(v) ((db_arg){.type = DB_ARG_STR, .str = (v)})
/* A whole number (long long and narrower). */
#define DB_INT(v) ((db_arg){.type = DB_ARG_INT, .num = (v)})
/* An optional reference: an id where 0 is SQL NULL. */
#define DB_ID(v) ((db_arg){.type = DB_ARG_ID, .num = (v)})
/* Bytes (const void *, size_t). */
#define DB_BLOB(p, n) ((db_arg){.type = DB_ARG_BLOB, .blob = (p), .len = (n)})
/* The parameters of one statement, in the order of its ?s: expands to
 * the array and its length, the last two arguments of db_query/db_exec. */
#define DB_ARGS(...) ((const db_arg[]){__VA_ARGS__}), (sizeof((const db_arg[]){__VA_ARGS__}) / sizeof(db_arg))
/* A statement without parameters. */
#define DB_NO_ARGS NULL, 0

typedef struct db_result {
	unsigned nrows;
	unsigned ncols;
	char **cells;          /* nrows * ncols, row-major; NULL for SQL NULL */
	unsigned long *lens;   /* byte lengths of the cells */
	char **names;          /* ncols column names */
} db_result;

/* Connects as the application's account (db.user, db.password): rows
 * only, one statement per query. *out is NULL on failure. */
int db_connect(HDF *cfg, db **out);
/* Connects as the migrator's account (db.migrate_user and
 * db.migrate_password; db.user's when migrate_user is unset), which may
 * change the schema and run scripts (db_run_script). For madangctl's
 * migrate and seed-demo only. */
int db_connect_migrator(HDF *cfg, db **out);
/* Connects as the server's administrator `user` to no database, with
 * multi-statement scripts: madangctl setup, which creates the database and
 * its accounts. password NULL: none (MariaDB's unix_socket authentication
 * of the OS user root through db.socket, Debian's default); else the
 * account's password, for a server reached by db.host and db.port or
 * db.hosts (another machine, a Galera node). */
int db_connect_admin(HDF *cfg, const char *user, const char *password, db **out);
void db_close(db *d);
/* MDG_OK when the server answers (reconnecting if needed), else MDG_EDB. */
int db_ping(db *d);
/* Read-your-writes on a Galera cluster: on, each read of this session
 * waits until its node has applied every write committed anywhere before
 * the read began (wsrep_sync_wait = 1); off, reads answer at once. Asks
 * once per connection whether the server runs Galera (wsrep_on), and does
 * nothing on one that does not. A reconnect starts off. */
int db_sync_reads(db *d, bool on);

/* Runs a query; *out is a new result the caller frees with db_result_free.
 * MDG_OK, MDG_EDB (connection lost), MDG_ECONFLICT (duplicate key or
 * deadlock; inside a transaction also a trigger the server failed to
 * parse, which outside one is healed and run again once), MDG_ERR. */
int db_query(db *d, db_result **out, const char *sql, const db_arg *args, size_t nargs);
/* Runs a statement without a result set. */
int db_exec(db *d, const char *sql, const db_arg *args, size_t nargs);
/* Rows matched (CLIENT_FOUND_ROWS: not only changed) by the last db_exec, and the AUTO_INCREMENT id it made. */
unsigned long long db_affected(const db *d);
unsigned long long db_insert_id(const db *d);

/* The index of the column named name (its SQL alias), -1 when the result
 * has none. */
int db_col(const db_result *r, const char *name);
/* The cell of column name in row, as text; def when the row is out of
 * range (or r is NULL) or the cell is SQL NULL. A name the result lacks
 * is a programming error: it aborts, naming the column. */
const char *db_get(const db_result *r, unsigned row, const char *name, const char *def);
/* The same as a whole number (strtoll; def as above). */
long long db_get_ll(const db_result *r, unsigned row, const char *name, long long def);
/* Copies row of r into hdf as prefix.<column name> = value, every column
 * under its own name; SQL NULL cells are left out. */
void db_row_hdf(const db_result *r, unsigned row, HDF *hdf, const char *prefix);
/* Every row of r into hdf as prefix.N.<column name> (N from 0). */
void db_rows_hdf(const db_result *r, HDF *hdf, const char *prefix);
/* The same, handing the values over to hdf instead of copying them: the
 * rows of r are left without values (NULL cells); free r as usual. For
 * the lists read most, where a copy of each value counts. */
void db_rows_hdf_move(db_result *r, HDF *hdf, const char *prefix);
void db_result_free(db_result *r);

int db_begin(db *d);
int db_commit(db *d);
/* Safe to call after any failure, even when no transaction is open. */
void db_rollback(db *d);
/* Runs hook(d, arg) inside the next transaction (db_begin) to commit on
 * d, just before its COMMIT: its writes commit with the transaction's, and
 * its failure rolls the transaction back and is db_commit's answer. It
 * runs again for a retried transaction; it is forgotten after a
 * successful commit (unless it answered DB_HOOK_LATER: not this one),
 * or with hook NULL (lib/db/idem.c: an idempotency key recorded with the
 * row a POST created). */
#define DB_HOOK_LATER 1
void db_before_commit(db *d, int (*hook)(db *d, void *arg), void *arg);
/* Whether the last db_commit since db_begin was refused by that hook (the
 * server was not asked): its owner's answer (an idempotency key another
 * request recorded meanwhile), not a conflict that running the
 * transaction again resolves. */
bool db_hook_refused(const db *d);
/* The first AUTO_INCREMENT id the open (or last) transaction made, 0 for
 * none: the created object's, for a hook that names it. */
unsigned long long db_tx_first_id(const db *d);

/* Runs body(d, arg) as one transaction: begin, body, commit; rolled back
 * when body or the commit fails. When the server chose it as the victim
 * of a deadlock or a lock-wait timeout (also a Galera certification
 * conflict), or a statement met a trigger the server failed to parse
 * (db.c's db_trigger_cache_fault: the table cache is healed after the
 * rollback), the whole transaction runs again after a short pause, up to
 * DB_TX_ATTEMPTS times in all: body must start from nothing each time
 * (reset what it returns through arg, act on it only after MDG_OK).
 * Returns body's or the commit's code; MDG_ECONFLICT after the last lost
 * conflict. Inside an open transaction it only runs body, as part of
 * that one (which is then the one committed and run again). */
#define DB_TX_ATTEMPTS 5
int db_transaction(db *d, int (*body)(db *d, void *arg), void *arg);
/* db_transaction at READ COMMITTED: for a transaction whose reads must
 * not take gap locks where concurrent writers insert (the outbox claim,
 * a filing). */
int db_transaction_read_committed(db *d, int (*body)(db *d, void *arg), void *arg);
/* Whether a server error number is a lock conflict that running the whole
 * transaction again resolves: deadlock (1213), lock-wait timeout (1205).
 * Not a duplicate key, which would only come again. */
bool db_errno_retryable(unsigned err);
/* The pause in ms before attempt + 1, after attempt (1...) lost a lock
 * conflict; jitter in [0, 1) spreads the losers apart. */
long db_retry_delay_ms(int attempt, double jitter);

/* Runs a whole SQL script (several statements), used for migrations and
 * seed files, which come from the repository, never from users. Only a
 * db_connect_migrator connection allows more than one statement; on the
 * app's the server refuses the second (MDG_ERR). */
int db_run_script(db *d, const char *sql, size_t len);

/* The test clock: NOW() on this connection reads now ("YYYY-MM-DD
 * HH:MM:SS", a real date and time) from here on, kept across reconnects.
 * MDG_EINVAL when now is malformed, MDG_EDB/MDG_ERR from the server. */
int db_set_clock(db *d, const char *now);
/* The database's clock (the test clock when set) as "YYYY-MM-DD
 * HH:MM:SS" in the session's zone, into out[20]. */
int db_now(db *d, char out[20]);

/* The last error text, for the log. */
const char *db_error(const db *d);

#endif
