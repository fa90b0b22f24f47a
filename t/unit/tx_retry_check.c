/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* tx_retry_check.c: a transaction that loses a lock conflict runs again
 * (db_transaction) and writes what it writes alone, once, for
 * t/e2e/512-idempotency.t. A second connection holds a row locked while
 * a child process, with a lock wait of one second, runs the change that
 * needs it: its first attempts time out (1205), the row is let go after
 * 2.5 s, and a later attempt commits. Two changes: a filing (its INSERT's
 * foreign key reads the category's row), compared with one filed alone
 * ("alone ..." and "retried ...": the rows each added); and marking that
 * case no example (its row locked), which before issue 16 was not run
 * again ("example ...": its audit entries). The child prints its answer
 * and how long it took; its log (stderr) says "runs again". Last, a
 * db_transaction inside another is part of it: when the outer one fails,
 * neither's row stays ("nested ...": before, the inner START TRANSACTION
 * committed the outer's row, and the inner's row was committed too). */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cases/case.h"
#include "cases/dossier.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "db/db.h"
#include "org/audit.h"

/* The tables a filing writes, and the tracking counter. */
#define COUNTS                                                                                                \
	"SELECT (SELECT COUNT(*) FROM cases) AS cases, (SELECT COUNT(*) FROM case_events) AS events,"        \
	" (SELECT COUNT(*) FROM notices) AS notices, (SELECT COUNT(*) FROM outbox) AS outbox,"               \
	" (SELECT COUNT(*) FROM case_search) AS search, (SELECT COUNT(*) FROM case_handlers) AS handlers,"    \
	" (SELECT IFNULL(SUM(last_seq), 0) FROM tracking_counters) AS numbers"

static const char *const names[] = {"cases", "events", "notices", "outbox", "search", "handlers", "numbers"};
#define NCOUNTS (sizeof names / sizeof names[0])

static int counts(db *d, long long out[NCOUNTS])
{
	db_result *r = NULL;
	int rc = db_query(d, &r, COUNTS, DB_NO_ARGS);
	for (size_t i = 0; rc == MDG_OK && i < NCOUNTS; i++)
		out[i] = db_get_ll(r, 0, names[i], -1);
	db_result_free(r);
	return rc;
}

static void print_added(const char *label, const long long before[NCOUNTS], const long long after[NCOUNTS])
{
	printf("%s", label);
	for (size_t i = 0; i < NCOUNTS; i++)
		printf(" %s=%lld", names[i], after[i] - before[i]);
	printf("\n");
}

static int file_one(db *d, long long account_id, long long category_id, const char *title, char *tracking)
{
	case_new c = {.account_id = account_id, .category_id = category_id, .title = title,
		      .body = "A filing for the retry check.", .is_public = false, .channel = "web"};
	return case_file(d, &c, NULL, 0, "/nonexistent", tracking);
}

/* What the child runs, on its own connection. */
struct change {
	long long account_id, category_id, case_id;
	char tracking[TRACKING_LEN + 1];
	int (*run)(db *d, struct change *c);
};

static int run_filing(db *d, struct change *c)
{
	return file_one(d, c->account_id, c->category_id, "retried", c->tracking);
}

static int run_example(db *d, struct change *c)
{
	const char *problem = NULL;
	return dossier_set_example(d, &(actor){0, "tx-retry-check"}, c->case_id, c->tracking, false, &problem);
}

/* The child: its own connection, a lock wait of one second, the change. */
static int child_runs(HDF *cfg, struct change *c)
{
	db *d = NULL;
	struct timespec t0, t1;
	int rc = db_connect(cfg, &d);
	if (rc == MDG_OK)
		rc = db_exec(d, "SET SESSION innodb_lock_wait_timeout = 1", DB_NO_ARGS);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (rc == MDG_OK)
		rc = c->run(d, c);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("child rc=%d tracking=%s ms=%ld\n", rc, c->tracking,
	       (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
	fflush(stdout);
	db_close(d);
	return rc == MDG_OK ? 0 : 1;
}

/* Runs c in a child while holder holds the row lock_sql (FOR UPDATE, of
 * id) for 2.5 s. */
static int contended(HDF *cfg, db *holder, const char *lock_sql, long long id, struct change *c)
{
	int status = 0;
	if (db_begin(holder) != MDG_OK || db_exec(holder, lock_sql, DB_ARGS(DB_INT(id))) != MDG_OK)
		return MDG_ERR;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		db_rollback(holder);
		return MDG_ERR;
	}
	if (pid == 0)
		_exit(child_runs(cfg, c));
	struct timespec hold = {.tv_sec = 2, .tv_nsec = 500000000L};
	nanosleep(&hold, NULL);
	int rc = db_commit(holder);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "tx-retry-check: the contended change failed\n");
		rc = MDG_ERR;
	}
	return rc;
}

static int example_audits(db *d, const char *tracking, long long *n)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM audit_log WHERE object_type = 'case' AND object_id = ?"
				 " AND action = 'example_off'",
			  DB_ARGS(DB_STR(tracking)));
	*n = rc == MDG_OK ? db_get_ll(r, 0, "n", 0) : -1;
	db_result_free(r);
	return rc;
}

/* An outer transaction writes a setting, runs an inner one that writes
 * another, then fails. */
static int inner_tx(db *d, void *arg)
{
	(void)arg;
	return db_exec(d, "INSERT INTO settings (name, value) VALUES ('tx-check.inner', '1')", DB_NO_ARGS);
}

static int outer_tx(db *d, void *arg)
{
	int rc = db_exec(d, "INSERT INTO settings (name, value) VALUES ('tx-check.outer', '1')", DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_transaction(d, inner_tx, arg);
	return rc == MDG_OK ? MDG_EINVAL : rc; /* a check after them fails */
}

int main(int argc, char **argv)
{
	HDF *cfg = NULL;
	db *d = NULL, *holder = NULL;
	db_result *r = NULL;
	long long before[NCOUNTS], after[NCOUNTS];
	char tracking[TRACKING_LEN + 1];
	int rc = 2;
	if (argc != 2) {
		fprintf(stderr, "usage: tx-retry-check CONFIG\n"
				"Files one case alone and one whose transaction loses a lock conflict,\n"
				"and prints the rows each added.\n");
		return 2;
	}
	if (config_load(argv[1], &cfg) != MDG_OK)
		goto done;
	log_open("-");
	if (db_connect(cfg, &d) != MDG_OK || db_connect(cfg, &holder) != MDG_OK) {
		fprintf(stderr, "tx-retry-check: cannot connect\n");
		goto done;
	}
	if (db_query(d, &r, "SELECT (SELECT MIN(id) FROM accounts WHERE kind = 'citizen' AND active = 1) AS account,"
			    " (SELECT MIN(id) FROM categories WHERE active = 1) AS category",
		     DB_NO_ARGS) != MDG_OK)
		goto done;
	long long account_id = db_get_ll(r, 0, "account", 0), category_id = db_get_ll(r, 0, "category", 0);
	if (!account_id || !category_id) {
		fprintf(stderr, "tx-retry-check: no citizen or no category (seed the demo)\n");
		goto done;
	}
	/* One filing alone: what a filing adds. */
	if (counts(d, before) != MDG_OK || file_one(d, account_id, category_id, "alone", tracking) != MDG_OK ||
	    counts(d, after) != MDG_OK)
		goto done;
	print_added("alone", before, after);
	fflush(stdout);
	/* The same, while the category's row is held. */
	struct change filing = {.account_id = account_id, .category_id = category_id, .run = run_filing};
	if (counts(d, before) != MDG_OK ||
	    contended(cfg, holder, "SELECT id FROM categories WHERE id = ? FOR UPDATE", category_id, &filing) != MDG_OK ||
	    counts(d, after) != MDG_OK)
		goto done;
	print_added("retried", before, after);
	/* The case filed alone marked no example while its row is held. */
	db_result_free(r);
	r = NULL;
	if (db_query(d, &r, "SELECT id AS id FROM cases WHERE tracking_no = ?", DB_ARGS(DB_STR(tracking))) != MDG_OK ||
	    r->nrows != 1)
		goto done;
	struct change example = {.case_id = db_get_ll(r, 0, "id", 0), .run = run_example};
	snprintf(example.tracking, sizeof example.tracking, "%s", tracking);
	long long audits = 0;
	if (contended(cfg, holder, "SELECT id FROM cases WHERE id = ? FOR UPDATE", example.case_id, &example) != MDG_OK ||
	    example_audits(d, tracking, &audits) != MDG_OK)
		goto done;
	printf("example audits=%lld\n", audits);
	db_result_free(r);
	r = NULL;
	if (db_transaction(d, outer_tx, NULL) != MDG_EINVAL ||
	    db_query(d, &r, "SELECT (SELECT COUNT(*) FROM settings WHERE name = 'tx-check.outer') AS outer_rows,"
			    " (SELECT COUNT(*) FROM settings WHERE name = 'tx-check.inner') AS inner_rows",
		     DB_NO_ARGS) != MDG_OK)
		goto done;
	printf("nested outer=%lld inner=%lld\n", db_get_ll(r, 0, "outer_rows", -1), db_get_ll(r, 0, "inner_rows", -1));
	rc = 0;
done:
	db_result_free(r);
	db_close(holder);
	db_close(d);
	if (cfg)
		hdf_destroy(&cfg);
	return rc;
}
