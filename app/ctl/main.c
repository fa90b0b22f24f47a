/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* main.c: madangctl, the operator's command: setup, migrate, create-admin,
 * seed-demo and the periodic jobs by hand. */
#include "auth/account.h"
#include "cache/page_cache.h"
#include "cases/public_view.h"
#include "auth/password.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "db/migrate.h"
#include "jobs/timed.h"
#include "org/org.h"
#include "auth/verify.h"
#include "cases/public_view.h"
#include "core/buf.h"
#include "privacy/retention.h"
#include "reports/counters.h"
#include "reports/public_home.h"
#include "reports/report.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: madangctl [--config FILE] COMMAND [OPTIONS]\n"
	"\n"
	"Commands:\n"
	"  setup         create the database, its accounts and the first\n"
	"                administrator, and migrate (a new installation; safe\n"
	"                to run again)\n"
	"  migrate       apply the database migrations not yet applied\n"
	"  create-admin  create a staff account with the administrator role\n"
	"  seed-demo     load demo data (departments, categories, accounts, cases)\n"
	"                into an empty database; only where the configuration\n"
	"                says demo = 1, never in production\n"
	"  tick          escalate idle cases, hand over the work of absent staff,\n"
	"                expire proposals, file the reviews of those at their\n"
	"                threshold and queue the monthly reports when due\n"
	"  retention     run the retention job now: delete expired sessions, codes\n"
	"                and throttle rows, anonymise long-closed cases\n"
	"  verify-carry-over  mark existing accounts' e-mail addresses and/or\n"
	"                mobile numbers verified (once, after the upgrade)\n"
	"  counters-rebuild  count every case again into the reports' counters\n"
	"                (after writing cases by hand, to repair)\n"
	"  public-view-rebuild  build every public case's page row again\n"
	"  public-view-check    compare the public pages' rows with the full queries\n"
	"  cache-purge   empty the public page cache (--all) or drop one case's\n"
	"                pages (TRACKING)\n"
	"\n"
	"migrate and seed-demo connect as the migrator (db.migrate_user), the\n"
	"others as the application (db.user).\n"
	"\n"
	"  -c, --config FILE  the HDF configuration file (default: $MADANG_CONFIG)\n"
	"  -h, --help         show this help; 'madangctl COMMAND --help' for a command\n";

static const char usage_cache[] =
	"Usage: madangctl [--config FILE] cache-purge --all | TRACKING\n"
	"\n"
	"Deletes pages from the public page cache (cache.dir; docs/operations.md,\n"
	"\"Public page cache\"): --all every page, TRACKING (2026-000123) that\n"
	"case's page in every language and the lists. Needs no database. Every\n"
	"other command empties the cache when it is done, as it may have changed\n"
	"what the pages show.\n";

static const char usage_migrate[] =
	"Usage: madangctl [--config FILE] migrate\n"
	"\n"
	"Applies each db.migrations/NNNN_name.sql not yet recorded in the table\n"
	"schema_migrations, in order, once. Forward only: there is no undo.\n"
	"Connects as db.migrate_user (with db.migrate_password; db.user when it\n"
	"is unset), which needs every right on the database, WITH GRANT OPTION\n"
	"when db.app_role is set. Then, with db.app_role set, grants that role\n"
	"(the application's account's default role) SELECT, INSERT, UPDATE and\n"
	"DELETE on every table, only SELECT and INSERT on the append-only\n"
	"audit_log, so that new tables are covered, and EXECUTE on the procedure\n"
	"table_cache_heal (docs/operations.md). Warns when the migrator lacks\n"
	"RELOAD, which that procedure needs (run setup again).\n";

static const char usage_setup[] =
	"Usage: madangctl [--config FILE] setup [--db-admin USER]\n"
	"                 [--db-admin-password-file FILE] [--account-host HOST]\n"
	"                 [--login ID --name NAME --email ADDRESS]\n"
	"\n"
	"Prepares a new installation, as root on the database's machine (the\n"
	"Debian package's postinst wrote the configuration and its passwords):\n"
	"  1. connects to MariaDB as USER (default root) through db.socket with\n"
	"     no password (Debian's unix_socket authentication of root), or with\n"
	"     USER's password (--db-admin-password-file, or the environment's\n"
	"     MADANG_DB_ADMIN_PASSWORD; never on the command line) to the server\n"
	"     the configuration names (db.host and db.port, or db.hosts: another\n"
	"     machine, a Galera node), and\n"
	"     creates, where missing, the database db.name (utf8mb4), the role\n"
	"     db.app_role, the migrator db.migrate_user (every right on the\n"
	"     database, WITH GRANT OPTION, and RELOAD for the procedure\n"
	"     table_cache_heal) and the application's account db.user\n"
	"     (only the role, as its default role), at localhost and 127.0.0.1\n"
	"     and at HOST if given, with the configuration's passwords\n"
	"     (docs/operations.md, \"The database and its accounts\");\n"
	"  2. migrates, as 'madangctl migrate' does;\n"
	"  3. where no account holds the administrator role yet and --login,\n"
	"     --name and --email are given, creates the first administrator\n"
	"     (roles sysadmin and supervisor) with the password read from the\n"
	"     first line of standard input, as create-admin does.\n"
	"Running it again changes nothing but the accounts' passwords (set\n"
	"again from the configuration) and applies new migrations.\n"
	"\n"
	"  --db-admin USER  MariaDB's administrator account (default root)\n"
	"  --db-admin-password-file FILE\n"
	"                   USER's password: the file's first line\n"
	"  --account-host HOST\n"
	"                   the accounts' host besides localhost and 127.0.0.1: the\n"
	"                   application's machine as the server sees it (a name,\n"
	"                   an address, or a pattern such as 10.0.0.%)\n"
	"  --login ID       the first administrator's login ID\n"
	"  --name NAME      their name\n"
	"  --email ADDRESS  their e-mail address\n";

static const char usage_admin[] =
	"Usage: madangctl [--config FILE] create-admin --login ID --name NAME --email ADDRESS\n"
	"\n"
	"Creates a staff account with the administrator role. The password is\n"
	"read from the first line of standard input (so it stays out of the\n"
	"process list and shell history) and must meet the password policy:\n"
	"at least 10 characters and not a common password. It is the operator's\n"
	"own: unlike one a supervisor sets on /admin/staff, it need not be\n"
	"changed at the first sign-in.\n"
	"\n"
	"  --login ID       login ID: 4-32 of a-z 0-9 . _ -, starting with a letter\n"
	"  --name NAME      the person's name\n"
	"  --email ADDRESS  their e-mail address\n";

static const char usage_seed[] =
	"Usage: madangctl [--config FILE] seed-demo\n"
	"\n"
	"Loads demo data once: the supervisor 'admin', the citizen 'citizen', a\n"
	"department tree, categories and about 50 cases (db.seed/demo.sql, then\n"
	"each db.seed/demo.d/*.sql in name order), all\n"
	"in one transaction, as the migrator (db.migrate_user). Prints the demo\n"
	"sign-ins, whose passwords are public. Does nothing when the demo is\n"
	"already loaded.\n"
	"\n"
	"Refuses unless the configuration says demo = 1 (scripts/stack.sh writes\n"
	"it for make run and the tests; a production configuration never has\n"
	"it), and refuses a database that already holds cases.\n";

static const char usage_counters[] =
	"Usage: madangctl [--config FILE] counters-rebuild\n"
	"\n"
	"Counts every case again into the reports' counters (case_counts,\n"
	"db/migrations/0045_case_counts.sql), which every change of a case keeps\n"
	"exact in its own transaction: needed only after cases were written\n"
	"around the application (by hand in SQL, an import), to repair, or to\n"
	"check (the workload report reads the counters). migrate fills them by\n"
	"itself when they are empty and cases exist (the upgrade to 0045), and\n"
	"seed-demo after loading. Runs in transactions of 5,000 cases while the\n"
	"application runs: a case being changed waits for its batch.\n";

static const char usage_public_view[] =
	"Usage: madangctl [--config FILE] public-view-rebuild\n"
	"       madangctl [--config FILE] public-view-check [TRACKING]\n"
	"\n"
	"A public case's page (/cases/TRACKING) is read by anonymous readers from\n"
	"one row per language (case_public, db/migrations/0057_case_public.sql),\n"
	"which every change of the case builds again in its own transaction.\n"
	"public-view-rebuild builds every public case's rows again (a transaction\n"
	"per case, while the application runs): after writing cases by hand in\n"
	"SQL, or to repair. migrate does it by itself when the table is empty and\n"
	"public cases exist (the upgrade to 0057), and seed-demo after loading.\n"
	"public-view-check compares each row (or TRACKING's) with what the full\n"
	"queries give now and prints each difference; it exits 1 when a row\n"
	"differs or belongs to a case no longer public. A public case without a\n"
	"row is listed (its page reads the full queries, and its first anonymous\n"
	"reader builds the row) but is no error. Without TRACKING it also compares\n"
	"the statistics page's figures (/stats, from the reports' counters) with\n"
	"the cases, for every year and all time, and the home page's counts\n"
	"(public_counts, db/migrations/0063_public_counts.sql) with COUNT(*), and\n"
	"exits 1 when one differs.\n";

static const char usage_tick[] =
	"Usage: madangctl [--config FILE] tick [--now 'YYYY-MM-DD HH:MM:SS']\n"
	"\n"
	"Moves cases that had no action for their category's escalation period to\n"
	"the substitute of an absent handler or to the department's managers, and\n"
	"hands the open cases of staff whose absence has started to their\n"
	"substitutes, and archives as expired the policy proposals whose support\n"
	"period ended below their threshold, and files the proposals that reached\n"
	"their threshold as cases for their official review, and archives the\n"
	"communities inactive for community.archive_days days. From the month's\n"
	"first working day on, queues last month's report to each department\n"
	"manager, once per month and manager (the notifier sends it;\n"
	"notifier.monthly_reports = 0 turns that off). madang-notifier does the\n"
	"same on each run (cron runs it every minute); tick is for doing it by\n"
	"hand.\n"
	"\n"
	"  --now TIME  act as if the database clock read TIME (for tests and\n"
	"              for catching up after an outage)\n";

static const char usage_retention[] =
	"Usage: madangctl [--config FILE] retention [--now 'YYYY-MM-DD[ HH:MM:SS]']\n"
	"\n"
	"Runs the retention job once now (madang-notifier runs it once a day):\n"
	"deletes expired sessions (session.idle_minutes, session.absolute_hours),\n"
	"expired verification codes and recovery links, throttle rows older than a\n"
	"day and real-name states older than 10 minutes; removes the personal data\n"
	"of cases closed (closed, withdrawn, rejected) more than\n"
	"retention.closed_case_years (a setting, default 5) years ago: the\n"
	"address's house number, the attachments (rows and files under\n"
	"web.uploads), call notes and numbers, satisfaction comments, intake\n"
	"senders, the addresses notices went to, and the contact of a guest\n"
	"filer with no other case. The cases' figures stay. One run at a time\n"
	"(a lease row, the same on every database node): a second prints 'busy'\n"
	"and does nothing.\n"
	"Prints what it removed. Every period: docs/operations.md, \"Retention\".\n"
	"\n"
	"  --now TIME  act as if the database clock read TIME (a date alone\n"
	"              is its midnight)\n";

static const char usage_carry[] =
	"Usage: madangctl [--config FILE] verify-carry-over [--email] [--mobile]\n"
	"\n"
	"After the upgrade to verified contacts (migration 0038) every existing\n"
	"account's addresses are unverified, so notices go only to the web\n"
	"inbox until the owners verify them. Where the old portal had already\n"
	"proved them, this marks them verified now: with --email every active\n"
	"citizen's and staff account's e-mail address, with --mobile every\n"
	"mobile number (at least one of the two). Accounts already verified\n"
	"keep their time; guests are left alone. Audited; prints the counts.\n";

/* The demo's published passwords: only ever on a demo = 1 configuration. */
#define DEMO_ADMIN_PW "madang-admin-2026"
#define DEMO_CITIZEN_PW "madang-citizen-2026"
#define DEMO_STAFF_PW "madang-staff-2026"
/* The demo's Open311 client key (db/seed/demo.sql stores its SHA-256). */
#define DEMO_OPEN311_KEY "madang-open311-demo-2026"

static bool wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

/* A table every writer of a case keeps, built from the cases by rebuild:
 * built_sql says (built, any_case) whether it holds rows and whether cases
 * it would hold exist; done is printed with the number of cases. */
typedef struct case_table {
	const char *built_sql;
	int (*rebuild)(db *d, long long *cases);
	const char *done, *failed;
} case_table;

static const case_table counters_table = {
	"SELECT EXISTS (SELECT 1 FROM case_counts) AS built, EXISTS (SELECT 1 FROM cases) AS any_case",
	counters_rebuild, "cases counted", "counting the cases"};
static const case_table public_view_table = {
	"SELECT EXISTS (SELECT 1 FROM case_public) AS built,"
	" EXISTS (SELECT 1 FROM cases WHERE is_public = 1) AS any_case",
	case_public_rebuild, "public case pages built", "building the public case pages"};

/* Builds t from every case; unless always, only when it is empty and
 * cases exist (the upgrade to its migration: 0045 for the reports'
 * counters, 0057 for the public pages' rows). */
static int fill_case_table(db *d, const case_table *t, bool always)
{
	db_result *r = NULL;
	long long cases = 0;
	int rc = MDG_OK;
	if (!always) {
		rc = db_query(d, &r, t->built_sql, DB_NO_ARGS);
		bool needed = rc == MDG_OK && !db_get_ll(r, 0, "built", 1) && db_get_ll(r, 0, "any_case", 0);
		db_result_free(r);
		if (rc != MDG_OK || !needed)
			goto done;
	}
	rc = t->rebuild(d, &cases);
	if (rc == MDG_OK)
		printf("%s: %lld\n", t->done, cases);
done:
	if (rc != MDG_OK)
		fprintf(stderr, "madangctl: %s failed: %s\n", t->failed, db_error(d));
	return rc == MDG_OK ? 0 : 1;
}

static int fill_counters(db *d, bool always)
{
	return fill_case_table(d, &counters_table, always);
}

static int fill_public_view(db *d, bool always)
{
	return fill_case_table(d, &public_view_table, always);
}

static int cmd_public_view_check(db *d, int argc, char **argv)
{
	buf out = {0};
	long long checked = 0, stale = 0, missing = 0;
	if (argc > 2)
		return 2;
	int rc = case_public_check(d, argc == 2 ? argv[1] : NULL, &out, &checked, &stale, &missing);
	if (rc != MDG_OK) {
		fprintf(stderr, "madangctl: checking the public case pages failed: %s\n", db_error(d));
		buf_free(&out);
		return 1;
	}
	/* The statistics page's figures (/stats) from the counters, against
	 * the cases, when all is checked. */
	long long figures = 0, figures_stale = 0;
	long long counts_stale = 0;
	if (argc < 2 && (rc = report_public_check(d, &out, &figures, &figures_stale)) == MDG_OK)
		rc = public_home_check(d, &out, &counts_stale);
	if (argc < 2 && rc != MDG_OK) {
		fprintf(stderr, "madangctl: checking the statistics and home page failed: %s\n", db_error(d));
		buf_free(&out);
		return 1;
	}
	fputs(buf_str(&out), stdout);
	printf("rows checked: %lld\nrows stale: %lld\npublic cases without a row: %lld\n", checked, stale,
	       missing);
	if (argc < 2)
		printf("statistics figures checked: %lld\nstatistics figures stale: %lld\nhome counts stale: %lld\n",
		       figures, figures_stale, counts_stale);
	buf_free(&out);
	return stale || figures_stale || counts_stale ? 1 : 0;
}

static int cmd_migrate(db *d, HDF *cfg)
{
	int applied = 0;
	const char *app_role = config_str(cfg, "db.app_role", "");
	int rc = migrate_run(d, config_str(cfg, "db.migrations", "db/migrations"), &applied);
	if (rc != MDG_OK) {
		fprintf(stderr, "madangctl: migration failed: %s\n", db_error(d));
		return 1;
	}
	printf("migrations applied: %d\n", applied);
	if (*app_role) {
		rc = migrate_grant_app(d, app_role);
		if (rc == MDG_EINVAL) {
			fprintf(stderr, "madangctl: db.app_role must be 1-64 of A-Z a-z 0-9 _\n");
			return 2;
		}
		if (rc != MDG_OK) {
			fprintf(stderr, "madangctl: granting the application's rights to %s failed: %s\n", app_role,
				db_error(d));
			return 1;
		}
		printf("application rights granted to role %s\n", app_role);
	}
	bool heal_ready = false;
	const char *migrator = config_str(cfg, "db.migrate_user", "");
	if (migrate_heal_ready(d, &heal_ready) == MDG_OK && !heal_ready)
		fprintf(stderr, "madangctl: warning: the migrator %s lacks RELOAD, which the table cache's heal needs"
				" (docs/operations.md, \"The database and its accounts\"): run madangctl setup again\n",
			*migrator ? migrator : config_str(cfg, "db.user", "madang"));
	rc = fill_counters(d, false);
	return rc ? rc : fill_public_view(d, false);
}

static int create_admin(db *d, HDF *cfg, const char *login, const char *name, const char *email,
			const char *extra_role);

static int cmd_create_admin(db *d, HDF *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{"login", required_argument, NULL, 'l'},
		{"name", required_argument, NULL, 'n'},
		{"email", required_argument, NULL, 'e'},
		{NULL, 0, NULL, 0},
	};
	const char *login = NULL, *name = NULL, *email = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l': login = optarg; break;
		case 'n': name = optarg; break;
		case 'e': email = optarg; break;
		default: fputs(usage_admin, stderr); return 2;
		}
	}
	if (!login || !name || !email || !*name) {
		fputs(usage_admin, stderr);
		return 2;
	}
	return create_admin(d, cfg, login, name, email, NULL);
}

/* create-admin's account, the password from standard input; with
 * extra_role, that global role too (setup's first administrator). */
static int create_admin(db *d, HDF *cfg, const char *login, const char *name, const char *email,
			const char *extra_role)
{
	const char *which = NULL;
	char password[512];
	long long id = 0;

	if (!text_login_id_valid(login)) {
		fprintf(stderr, "madangctl: invalid login ID: 4-32 of a-z 0-9 . _ -, starting with a letter\n");
		return 2;
	}
	if (!text_email_valid(email)) {
		fprintf(stderr, "madangctl: invalid e-mail address\n");
		return 2;
	}
	if (!fgets(password, sizeof password, stdin)) {
		fprintf(stderr, "madangctl: give the password on standard input\n");
		return 2;
	}
	password[strcspn(password, "\r\n")] = '\0';
	if (password_policy_init(config_str(cfg, "web.data", "data")) != MDG_OK)
		return 1;
	if (password_check_policy(password) != PASSWORD_OK) {
		fprintf(stderr, "madangctl: the password must have at least 10 characters and not be a common one\n");
		return 2;
	}
	/* The operator's own password, typed at the server: nobody else saw
	 * it, so it need not be changed at the first sign-in. */
	account_new a = {login, password, name, email, NULL, "staff", NULL, false, PASSWORD_BY_OWNER};
	actor who = {0, "madangctl"};
	int rc = org_staff_create(d, &who, &a, 0, &id, &which);
	if (rc == MDG_OK)
		rc = org_role_grant(d, &who, id, "sysadmin", 0, true);
	if (rc == MDG_OK && extra_role)
		rc = org_role_grant(d, &who, id, extra_role, 0, true);
	if (rc == MDG_ECONFLICT) {
		fprintf(stderr, "madangctl: that %s is already taken\n", strcmp(which, "email") == 0 ? "e-mail" : "login ID");
		return 1;
	}
	if (rc != MDG_OK) {
		fprintf(stderr, "madangctl: cannot create the account: %s\n", db_error(d));
		return 1;
	}
	printf("administrator created: %s (id %lld)\n", login, id);
	return 0;
}

/* The administrator's password for setup: the first line of path (not
 * NULL), else $MADANG_DB_ADMIN_PASSWORD, else none (*out NULL). 2 (said)
 * when the file cannot be read or the line is empty, else 0. */
static int admin_password(const char *path, char *out, size_t size, const char **pw)
{
	const char *env = getenv("MADANG_DB_ADMIN_PASSWORD");
	*pw = NULL;
	if (!path) {
		if (env && *env) {
			snprintf(out, size, "%s", env);
			*pw = out;
		}
		return 0;
	}
	FILE *f = fopen(path, "r");
	bool got = f && fgets(out, (int)size, f);
	if (f)
		fclose(f);
	if (got)
		out[strcspn(out, "\r\n")] = '\0';
	if (!got || !*out) {
		fprintf(stderr, "madangctl: %s: no password on its first line\n", path);
		return 2;
	}
	*pw = out;
	return 0;
}

/* setup: the database and its accounts (as MariaDB's administrator), the
 * migrations (as the migrator), the first administrator (as the app). */
static int cmd_setup(HDF *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db-admin", required_argument, NULL, 'a'},
		{"db-admin-password-file", required_argument, NULL, 'p'},
		{"account-host", required_argument, NULL, 'h'},
		{"login", required_argument, NULL, 'l'},
		{"name", required_argument, NULL, 'n'},
		{"email", required_argument, NULL, 'e'},
		{NULL, 0, NULL, 0},
	};
	const char *admin = "root", *login = NULL, *name = NULL, *email = NULL;
	const char *pw_file = NULL, *account_host = NULL, *pw = NULL;
	char pw_buf[256] = "";
	db *d = NULL;
	long long holders = 0;
	int c, rc = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a': admin = optarg; break;
		case 'p': pw_file = optarg; break;
		case 'h': account_host = optarg; break;
		case 'l': login = optarg; break;
		case 'n': name = optarg; break;
		case 'e': email = optarg; break;
		default: fputs(usage_setup, stderr); return 2;
		}
	}
	if (optind != argc || ((login || name || email) && !(login && name && email && *name))) {
		fputs(usage_setup, stderr);
		return 2;
	}
	if (admin_password(pw_file, pw_buf, sizeof pw_buf, &pw) != 0) {
		rc = 2;
		goto done;
	}
	/* The connection keeps pw for a reconnect: zeroed once it is closed. */
	if (db_connect_admin(cfg, admin, pw, &d) != MDG_OK) {
		fprintf(stderr, "madangctl: cannot connect to MariaDB as %s (run setup as root on the database's"
				" machine, or give --db-admin and its password)\n", admin);
		goto done;
	}
	int srv = migrate_setup_accounts(d, cfg, account_host);
	db_close(d);
	d = NULL;
	explicit_bzero(pw_buf, sizeof pw_buf);
	if (srv != MDG_OK) {
		rc = srv == MDG_EINVAL ? 2 : 1;
		goto done;
	}
	printf("database %s and its accounts %s, %s (role %s) ready\n", config_str(cfg, "db.name", "madang"),
	       config_str(cfg, "db.migrate_user", ""), config_str(cfg, "db.user", "madang"),
	       config_str(cfg, "db.app_role", ""));
	if (db_connect_migrator(cfg, &d) != MDG_OK) {
		fprintf(stderr, "madangctl: cannot connect as the migrator\n");
		goto done;
	}
	if ((rc = cmd_migrate(d, cfg)) != 0)
		goto done;
	db_close(d);
	d = NULL;
	rc = 1;
	if (db_connect(cfg, &d) != MDG_OK || org_role_holders(d, "sysadmin", &holders) != MDG_OK) {
		fprintf(stderr, "madangctl: cannot connect as the application's account\n");
		goto done;
	}
	if (holders > 0) {
		printf("administrators: %lld (none created)\n", holders);
		rc = 0;
	} else if (!login) {
		printf("no administrator yet: run setup again with --login, --name and --email, or create-admin\n");
		rc = 0;
	} else {
		rc = create_admin(d, cfg, login, name, email, "supervisor");
	}
done:
	db_close(d);
	explicit_bzero(pw_buf, sizeof pw_buf);
	return rc;
}

static void print_demo_logins(void)
{
	printf("supervisor: admin / %s\ncitizen: citizen / %s\n"
	       "staff (handlers road.lee, road.park; manager road.choi; civil.han; agent.song; viewer.oh; ...): %s\n",
	       DEMO_ADMIN_PW, DEMO_CITIZEN_PW, DEMO_STAFF_PW);
	printf("open311 api_key (POST /open311/v2/requests.json): %s\n", DEMO_OPEN311_KEY);
}

static int sql_file_filter(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".sql") == 0;
}

/* Runs every .sql file of DIR/demo.d in name order: each part of the portal
 * keeps its own demo rows in a file of its own, loaded after demo.sql
 * (whose departments, categories and accounts they use). A missing
 * folder is no error. */
static int load_demo_parts(db *d, const char *dir)
{
	char *parts = xasprintf("%s/demo.d", dir);
	struct dirent **names = NULL;
	int n = scandir(parts, &names, sql_file_filter, alphasort);
	int rc = MDG_OK;
	for (int i = 0; i < n; i++) {
		if (rc == MDG_OK) {
			char *path = xasprintf("%s/%s", parts, names[i]->d_name);
			rc = migrate_run_file(d, path);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	free(parts);
	return rc;
}

/* The demo's rows, in the caller's transaction. */
static int load_demo(db *d, HDF *cfg)
{
	account_new admin = {"admin", DEMO_ADMIN_PW, "관리자", "admin@madang.example", "01000000001", "staff",
			     "ko", false, PASSWORD_BY_OWNER};
	account_new citizen = {"citizen", DEMO_CITIZEN_PW, "홍길동", "citizen@madang.example", "01012345678",
			       "citizen", "ko", true, PASSWORD_BY_OWNER};
	db_result *r = NULL;
	const char *which = NULL;
	long long id = 0;
	char *path = NULL;
	int rc;
	if ((rc = account_create(d, &admin, &id, &which)) != MDG_OK ||
	    (rc = account_create(d, &citizen, &id, &which)) != MDG_OK)
		goto done;
	path = xasprintf("%s/demo.sql", config_str(cfg, "db.seed", "db/seed"));
	if ((rc = migrate_run_file(d, path)) != MDG_OK ||
	    (rc = load_demo_parts(d, config_str(cfg, "db.seed", "db/seed"))) != MDG_OK)
		goto done;
	/* The demo staff get one known password; '!' marks them. */
	rc = db_query(d, &r, "SELECT id AS id FROM accounts WHERE kind = 'staff' AND password_hash = '!'", DB_NO_ARGS);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++)
		rc = account_set_password(d, db_get_ll(r, i, "id", 0), DEMO_STAFF_PW, PASSWORD_BY_OWNER);
	/* Demo cases are inserted by SQL: derive what filing would. */
	if (rc == MDG_OK)
		rc = org_scope_rebuild(d);
	if (rc == MDG_OK)
		rc = db_exec(d, "REPLACE INTO case_search (case_id, created_at, title, body)"
				" SELECT id, created_at, title, body FROM cases", DB_NO_ARGS);
done:
	db_result_free(r);
	free(path);
	return rc;
}

static int cmd_seed_demo(db *d, HDF *cfg)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT (SELECT COUNT(*) FROM accounts"
				 " WHERE login_id IN ('admin', 'citizen')) AS demo_accounts,"
				 " (SELECT COUNT(*) FROM cases) AS cases", DB_NO_ARGS);
	long long have_demo = db_get_ll(r, 0, "demo_accounts", 0);
	long long cases = db_get_ll(r, 0, "cases", 0);
	db_result_free(r);
	if (rc != MDG_OK)
		goto fail;
	if (have_demo) {
		printf("demo data already loaded\n");
		print_demo_logins();
		return 0;
	}
	/* Demo accounts with published passwords must never land among real
	 * people's cases. */
	if (cases) {
		fprintf(stderr, "madangctl: seed-demo refused: the database already holds cases (%lld);"
				" the demo loads only into an empty database\n", cases);
		return 1;
	}
	/* db_begin by hand: seed-demo runs once, alone, on an empty database
	 * (refused above otherwise): no other writer to conflict with, and a
	 * failure loads nothing, for the operator to run it again. */
	rc = db_begin(d);
	if (rc == MDG_OK)
		rc = load_demo(d, cfg);
	if (rc == MDG_OK)
		rc = db_commit(d);
	if (rc != MDG_OK) {
		db_rollback(d);
		goto fail;
	}
	printf("demo data loaded\n");
	print_demo_logins();
	rc = fill_counters(d, true);
	return rc ? rc : fill_public_view(d, true);
fail:
	fprintf(stderr, "madangctl: seed-demo failed (nothing was loaded): %s\n", db_error(d));
	return 1;
}

static int cmd_tick(db *d, HDF *cfg, int argc, char **argv)
{
	timed_counts t;
	if (argc == 3 && strcmp(argv[1], "--now") == 0) {
		/* NOW() on this connection reads the given time. */
		if (db_set_clock(d, argv[2]) != MDG_OK) {
			fprintf(stderr, "madangctl: --now needs 'YYYY-MM-DD HH:MM:SS'\n");
			return 2;
		}
	} else if (argc != 1) {
		fputs(usage_tick, stderr);
		return 2;
	}
	unsigned jobs = config_long(cfg, "notifier.monthly_reports", 1, 0, 1) ? TIMED_MONTHLY : 0;
	if (timed_run(d, jobs, &t) != MDG_OK) {
		fprintf(stderr, "madangctl: tick failed: %s\n", db_error(d));
		return 1;
	}
	printf("cases moved: %d\n", t.escalated);
	printf("proposals expired: %ld\n", t.expired);
	printf("proposals sent to review: %ld\n", t.reviews);
	printf("communities archived: %ld\n", t.archived);
	if (jobs & TIMED_MONTHLY)
		printf("monthly reports queued: %ld\n", t.reports);
	return 0;
}

static int cmd_retention(db *d, HDF *cfg, int argc, char **argv)
{
	retention_limits lim;
	retention_counts c;
	char now[20], summary[300];
	bool ran = false;
	if (argc == 3 && strcmp(argv[1], "--now") == 0) {
		snprintf(now, sizeof now, strlen(argv[2]) == 10 ? "%s 00:00:00" : "%s", argv[2]);
		if (db_set_clock(d, now) != MDG_OK) {
			fprintf(stderr, "madangctl: --now needs 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'\n");
			return 2;
		}
	} else if (argc != 1) {
		fputs(usage_retention, stderr);
		return 2;
	}
	retention_limits_read(cfg, &lim);
	if (retention_run(d, &lim, &c, &ran) != MDG_OK) {
		fprintf(stderr, "madangctl: retention failed: %s\n", db_error(d));
		return 1;
	}
	if (!ran) {
		printf("busy: another retention run holds the lease; nothing done\n");
		return 0;
	}
	retention_summary(&c, summary, sizeof summary);
	printf("retention: %s\n", summary);
	return 0;
}

static int cmd_carry_over(db *d, int argc, char **argv)
{
	bool email = false, mobile = false, unknown = false;
	long emails = 0, mobiles = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--email") == 0)
			email = true;
		else if (strcmp(argv[i], "--mobile") == 0)
			mobile = true;
		else
			unknown = true;
	}
	if (unknown || (!email && !mobile)) {
		fputs(usage_carry, stderr);
		return 2;
	}
	if (verify_carry_over(d, email, mobile, &emails, &mobiles) != MDG_OK) {
		fprintf(stderr, "madangctl: verify-carry-over failed: %s\n", db_error(d));
		return 1;
	}
	printf("e-mail addresses marked verified: %ld\nmobile numbers marked verified: %ld\n", emails, mobiles);
	return 0;
}

/* cache-purge --all | TRACKING */
static int cmd_cache_purge(int argc, char **argv)
{
	int year;
	unsigned seq;
	if (argc != 2) {
		fputs(usage_cache, stderr);
		return 2;
	}
	if (!page_cache_on()) {
		fprintf(stderr, "madangctl: no cache.dir in the configuration: nothing to purge\n");
		return 0;
	}
	if (strcmp(argv[1], "--all") == 0) {
		int rc = page_cache_purge_all();
		page_cache_tidy();
		return rc == MDG_OK ? 0 : 1;
	}
	if (tracking_parse(argv[1], &year, &seq) != MDG_OK) {
		fprintf(stderr, "madangctl: not a tracking number: %s\n", argv[1]);
		return 2;
	}
	return case_public_changed_tracking(argv[1]) == MDG_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *config_path = NULL;
	HDF *cfg = NULL;
	db *d = NULL;
	int i = 1, rc = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if ((strcmp(argv[i], "--config") == 0 || strcmp(argv[i], "-c") == 0) && i + 1 < argc) {
			config_path = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (i >= argc) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[i];
	int sub_argc = argc - i;
	char **sub_argv = argv + i;
	const char *help = strcmp(cmd, "migrate") == 0	    ? usage_migrate
			   : strcmp(cmd, "setup") == 0	      ? usage_setup
			   : strcmp(cmd, "create-admin") == 0 ? usage_admin
			   : strcmp(cmd, "seed-demo") == 0    ? usage_seed
			   : strcmp(cmd, "tick") == 0	      ? usage_tick
			   : strcmp(cmd, "retention") == 0 ? usage_retention
			   : strcmp(cmd, "verify-carry-over") == 0 ? usage_carry
			   : strcmp(cmd, "counters-rebuild") == 0 ? usage_counters
			   : strcmp(cmd, "public-view-rebuild") == 0 ? usage_public_view
			   : strcmp(cmd, "public-view-check") == 0 ? usage_public_view
			   : strcmp(cmd, "cache-purge") == 0 ? usage_cache
							      : NULL;
	if (!help) {
		fprintf(stderr, "madangctl: unknown command '%s'\n\n%s", cmd, usage);
		return 2;
	}
	if (wants_help(sub_argc, sub_argv)) {
		fputs(help, stdout);
		return 0;
	}
	if (config_load(config_path, &cfg) != MDG_OK || crypto_init() != MDG_OK)
		goto done;
	log_open("-");
	if (strcmp(cmd, "setup") == 0) { /* three connections of its own */
		rc = cmd_setup(cfg, sub_argc, sub_argv);
		goto done;
	}
	if (page_cache_open(config_str(cfg, "cache.dir", "")) != MDG_OK)
		goto done;
	if (strcmp(cmd, "cache-purge") == 0) {
		rc = cmd_cache_purge(sub_argc, sub_argv);
		goto done;
	}
	bool as_migrator = strcmp(cmd, "migrate") == 0 || strcmp(cmd, "seed-demo") == 0;
	/* Before any connection: a production configuration gets no demo. */
	if (strcmp(cmd, "seed-demo") == 0 && config_long(cfg, "demo", 0, 0, 1) != 1) {
		fprintf(stderr, "madangctl: seed-demo refused: this configuration is not a demo one (demo = 1 is not"
				" set); the demo's accounts have published passwords and never belong in production\n");
		rc = 1;
		goto done;
	}
	if ((as_migrator ? db_connect_migrator(cfg, &d) : db_connect(cfg, &d)) != MDG_OK) {
		fprintf(stderr, "madangctl: cannot connect to the database\n");
		goto done;
	}
	if (strcmp(cmd, "migrate") == 0)
		rc = cmd_migrate(d, cfg);
	else if (strcmp(cmd, "create-admin") == 0)
		rc = cmd_create_admin(d, cfg, sub_argc, sub_argv);
	else if (strcmp(cmd, "seed-demo") == 0)
		rc = cmd_seed_demo(d, cfg);
	else if (strcmp(cmd, "retention") == 0)
		rc = cmd_retention(d, cfg, sub_argc, sub_argv);
	else if (strcmp(cmd, "verify-carry-over") == 0)
		rc = cmd_carry_over(d, sub_argc, sub_argv);
	else if (strcmp(cmd, "counters-rebuild") == 0)
		rc = sub_argc == 1 ? fill_counters(d, true) : 2;
	else if (strcmp(cmd, "public-view-rebuild") == 0)
		rc = sub_argc == 1 ? fill_public_view(d, true) : 2;
	else if (strcmp(cmd, "public-view-check") == 0)
		rc = cmd_public_view_check(d, sub_argc, sub_argv);
	else
		rc = cmd_tick(d, cfg, sub_argc, sub_argv);
	/* Whatever the command wrote may be on a cached public page. */
	if (page_cache_purge_all() != MDG_OK)
		rc = 1;
	page_cache_tidy();
done:
	db_close(d);
	password_policy_free();
	if (cfg)
		hdf_destroy(&cfg);
	return rc;
}
