/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* retention.c: see retention.h. */
#include "cache/page_cache.h"
#include "privacy/retention.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/identity.h"
#include "auth/totp.h"
#include "cases/case.h"
#include "cases/public_view.h"
#include "core/log.h"
#include "core/mdg.h"
#include "geo/geo.h"
#include "jobs/lease.h"
#include "org/setting.h"

/* Cases read per round of the anonymisation. */
#define RETENTION_CASE_BATCH 200

/* Runs one DELETE and adds the rows it removed to *count. */
static int purge(db *d, const char *sql, const db_arg *args, size_t nargs, long *count)
{
	int rc = db_exec(d, sql, args, nargs);
	if (rc == MDG_OK)
		*count += (long)db_affected(d);
	return rc;
}

/* What has outlived its use, each after its own period (the table in
 * docs/operations.md). A code or link still within its minutes stays
 * even when used: only an account's newest code of a kind works, and
 * removing a used newest one would wake an older one. */
static int purge_expired(db *d, const retention_limits *lim, retention_counts *c)
{
	int rc = purge(d, "DELETE FROM sessions WHERE last_seen_at < NOW() - INTERVAL ? MINUTE"
			  " OR created_at < NOW() - INTERVAL ? HOUR",
		       DB_ARGS(DB_INT(lim->session_idle_minutes), DB_INT(lim->session_absolute_hours)), &c->sessions);
	if (rc == MDG_OK)
		rc = purge(d, "DELETE FROM totp_pending WHERE created_at < NOW() - INTERVAL ? MINUTE",
			   DB_ARGS(DB_INT(TOTP_PENDING_MINUTES)), &c->sessions);
	if (rc == MDG_OK)
		rc = purge(d, "DELETE FROM contact_codes WHERE expires_at < NOW()", DB_NO_ARGS, &c->codes);
	/* No throttle looks back further than a day (rate_limit.h,
	 * session.h, moderation's post log). */
	if (rc == MDG_OK)
		rc = purge(d, "DELETE FROM rate_events WHERE at < NOW() - INTERVAL 1 DAY", DB_NO_ARGS, &c->throttle);
	if (rc == MDG_OK)
		rc = purge(d, "DELETE FROM login_failures WHERE failed_at < NOW() - INTERVAL 1 DAY", DB_NO_ARGS,
			   &c->throttle);
	if (rc == MDG_OK)
		rc = purge(d, "DELETE FROM login_throttle WHERE last_attempt_at < NOW() - INTERVAL 1 DAY", DB_NO_ARGS,
			   &c->throttle);
	if (rc == MDG_OK)
		rc = purge(d, "DELETE FROM moderation_posts WHERE created_at < NOW() - INTERVAL 1 DAY", DB_NO_ARGS,
			   &c->throttle);
	if (rc == MDG_OK)
		rc = purge(d, "DELETE FROM identity_states WHERE created_at < NOW() - INTERVAL ? MINUTE",
			   DB_ARGS(DB_INT(IDENTITY_STATE_MINUTES)), &c->states);
	return rc;
}

/* What goes of a long-closed case, each statement taking its id: the
 * attachments' rows (their files after the commit), and the copies of
 * the filer's contact and words outside the case's own record: call
 * notes and numbers, the satisfaction comment and the callback's note,
 * the SMS and mail intake's senders, Open311's device and account, the
 * addresses its notices were sent to. */
static const char *const case_copies[] = {
	"DELETE FROM attachments WHERE case_id = ?",
	"UPDATE calls SET phone = NULL, note = '' WHERE case_id = ?",
	"UPDATE satisfaction SET comment = NULL, callback_note = NULL WHERE case_id = ?",
	"UPDATE sms_inbound SET sender = '', body = '' WHERE case_id = ?",
	"DELETE FROM sms_pending WHERE case_id = ?",
	"UPDATE mail_intake SET sender = '' WHERE case_id = ?",
	"UPDATE open311_requests SET device_id = NULL, client_account = NULL WHERE case_id = ?",
	/* In parentheses: one element written on two lines (clang's
	 * -Wstring-concatenation takes it for a missing comma otherwise). */
	("UPDATE outbox o JOIN notices n ON n.id = o.notice_id SET o.recipient = '', o.recipient_name = NULL"
	 " WHERE n.case_id = ? AND o.state <> 'pending'"),
};

/* One case's anonymisation, in db_transaction. */
typedef struct case_args {
	long long id, filer;
	const char *address;
	db_result *files; /* out: the stored names of its attachments */
	long guests;      /* out: 1 when the filer was a guest now emptied */
	bool done;        /* out: this run anonymised it */
} case_args;

static int anonymise_body(db *d, void *arg)
{
	case_args *a = arg;
	char masked[256];
	db_result_free(a->files);
	a->files = NULL;
	a->guests = 0;
	a->done = false;
	/* The street part, as the public sees it: enough for the figures by
	 * place, no house number. */
	geo_mask_address(a->address, GEO_ADDRESS_STREET, masked, sizeof masked);
	int rc = db_exec(d, "UPDATE cases SET address = NULLIF(?, ''), anonymised_at = NOW(), updated_at = updated_at"
			    " WHERE id = ? AND anonymised_at IS NULL",
			 DB_ARGS(DB_STR(masked), DB_INT(a->id)));
	if (rc == MDG_OK && db_affected(d) != 1)
		return MDG_OK; /* another run did it meanwhile */
	if (rc == MDG_OK)
		rc = db_query(d, &a->files, "SELECT stored_name AS stored FROM attachments WHERE case_id = ?",
			      DB_ARGS(DB_INT(a->id)));
	for (size_t i = 0; rc == MDG_OK && i < MDG_ARRAY_LEN(case_copies); i++)
		rc = db_exec(d, case_copies[i], DB_ARGS(DB_INT(a->id)));
	/* A guest is nothing but a contact: once none of its cases keeps its
	 * data, the contact goes too (the row stays: cases point at it). */
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE accounts SET name = '', email = NULL, mobile = NULL, email_verified_at = NULL,"
				" mobile_verified_at = NULL WHERE id = ? AND kind = 'guest'"
				" AND (name <> '' OR email IS NOT NULL OR mobile IS NOT NULL)"
				" AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.account_id = ? AND c.anonymised_at IS NULL)",
			     DB_ARGS(DB_INT(a->filer), DB_INT(a->filer)));
	if (rc == MDG_OK)
		a->guests = (long)db_affected(d);
	/* Its public page loses the attachments and the exact address. */
	if (rc == MDG_OK)
		rc = case_public_refresh(d, a->id);
	if (rc == MDG_OK)
		a->done = true;
	return rc;
}

/* Removes the files of a case's attachments, after the commit that
 * removed their rows (a crash in between leaves files no row names,
 * never a row without its file). */
static void remove_files(const db_result *files, const char *uploads_dir, long *count)
{
	for (unsigned i = 0; files && i < files->nrows; i++) {
		char *path = case_stored_path(uploads_dir, db_get(files, i, "stored", ""));
		if (unlink(path) == 0 || errno == ENOENT)
			(*count)++;
		else
			log_error("retention: cannot remove %s: %s", path, strerror(errno));
		free(path);
	}
}

static int anonymise_cases(db *d, const retention_limits *lim, long years, retention_counts *c)
{
	int rc = MDG_OK;
	long long after = 0;
	for (;;) {
		db_result *r = NULL;
		rc = db_query(d, &r, "SELECT id AS id, account_id AS filer, COALESCE(address, '') AS address FROM cases"
				     " WHERE anonymised_at IS NULL AND status IN ('closed', 'withdrawn', 'rejected')"
				     " AND COALESCE(closed_at, updated_at) < NOW() - INTERVAL ? YEAR AND id > ? ORDER BY id LIMIT ?",
			      DB_ARGS(DB_INT(years), DB_INT(after), DB_INT(RETENTION_CASE_BATCH)));
		unsigned n = rc == MDG_OK ? r->nrows : 0;
		for (unsigned i = 0; rc == MDG_OK && i < n; i++) {
			case_args a = {db_get_ll(r, i, "id", 0), db_get_ll(r, i, "filer", 0), db_get(r, i, "address", ""),
				       NULL, 0, false};
			after = a.id;
			rc = db_transaction(d, anonymise_body, &a);
			if (rc == MDG_OK && a.done)
				case_public_changed(d, a.id);
			if (rc == MDG_OK) {
				c->cases += a.done;
				c->guests += a.guests;
				remove_files(a.files, lim->uploads_dir, &c->files);
			}
			db_result_free(a.files);
		}
		db_result_free(r);
		if (rc != MDG_OK || n < RETENTION_CASE_BATCH)
			break;
	}
	return rc;
}

void retention_limits_read(HDF *cfg, retention_limits *out)
{
	/* The same keys and defaults as madang-web's (app/web/main.c). */
	out->session_idle_minutes = config_long(cfg, "session.idle_minutes", 60, 1, 100000);
	out->session_absolute_hours = config_long(cfg, "session.absolute_hours", 12, 1, 10000);
	out->uploads_dir = config_str(cfg, "web.uploads", "var/uploads");
}

void retention_summary(const retention_counts *c, char *out, size_t n)
{
	snprintf(out, n, "sessions=%ld codes=%ld throttle=%ld states=%ld cases=%ld guests=%ld files=%ld", c->sessions,
		 c->codes, c->throttle, c->states, c->cases, c->guests, c->files);
}

/* The job, with the lock held. */
static int run_locked(db *d, const retention_limits *lim, retention_counts *c)
{
	char text[24], summary[300];
	char *end = NULL;
	int rc = setting_get(d, RETENTION_CASE_YEARS_SETTING, "", text, sizeof text);
	long years = rc == MDG_OK && text[0] ? strtol(text, &end, 10) : RETENTION_CASE_YEARS_DEFAULT;
	if (end && (*end || years < 1 || years > 100)) {
		log_warn("retention: %s = '%s' is not 1-100 years: %d used", RETENTION_CASE_YEARS_SETTING, text,
			 RETENTION_CASE_YEARS_DEFAULT);
		years = RETENTION_CASE_YEARS_DEFAULT;
	}
	if (rc == MDG_OK)
		rc = purge_expired(d, lim, c);
	if (rc == MDG_OK)
		rc = anonymise_cases(d, lim, years, c);
	retention_summary(c, summary, sizeof summary);
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO retention_runs (day, finished_at, summary) VALUES (CURDATE(), NOW(), ?)"
				" ON DUPLICATE KEY UPDATE finished_at = NOW(), summary = VALUES(summary)",
			     DB_ARGS(DB_STR(summary)));
	return rc;
}

/* Whether a run finished today (by the database clock): *done. */
static int ran_today(db *d, bool *done)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM retention_runs WHERE day = CURDATE()", DB_NO_ARGS);
	*done = rc == MDG_OK && db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	return rc;
}

/* retention_run, or with daily retention_daily. */
static int run(db *d, const retention_limits *lim, bool daily, retention_counts *out, bool *ran)
{
	bool today = false, got = false;
	memset(out, 0, sizeof *out);
	*ran = false;
	/* Not waited for: the run that holds the lease does the work. A row,
	 * the same on every node of a Galera cluster (a named lock of the
	 * server was per node). */
	int rc = lease_take(d, LEASE_RETENTION, RETENTION_LEASE_SECONDS, &got);
	if (rc != MDG_OK || !got)
		return rc;
	/* Again under the lease: a run may have finished since the check. */
	if (daily)
		rc = ran_today(d, &today);
	*ran = rc == MDG_OK && !today;
	if (*ran)
		rc = run_locked(d, lim, out);
	/* Addresses and names anonymised may be on cached public pages. */
	if (*ran)
		page_cache_purge_all();
	if (lease_release(d, LEASE_RETENTION) != MDG_OK && rc == MDG_OK)
		rc = MDG_EDB;
	return rc;
}

int retention_run(db *d, const retention_limits *lim, retention_counts *out, bool *ran)
{
	return run(d, lim, false, out, ran);
}

int retention_daily(db *d, const retention_limits *lim, retention_counts *out, bool *ran)
{
	bool today = false;
	memset(out, 0, sizeof *out);
	*ran = false;
	int rc = ran_today(d, &today);
	if (rc != MDG_OK || today)
		return rc;
	return run(d, lim, true, out, ran);
}
