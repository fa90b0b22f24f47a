/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* lease.c: job leases as rows (lease.h). */
#include "jobs/lease.h"
#include "core/log.h"
#include "core/mdg.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* This process's name as a lease owner: host:pid (a process holds a
 * lease across its connections, and a new process never inherits one). */
static const char *owner_name(void)
{
	static char owner[128];
	static pid_t made_for;
	pid_t pid = getpid();
	if (made_for != pid) {
		char host[64] = "";
		if (gethostname(host, sizeof host) != 0)
			snprintf(host, sizeof host, "?");
		host[sizeof host - 1] = '\0';
		snprintf(owner, sizeof owner, "%s:%ld", host, (long)pid);
		made_for = pid;
	}
	return owner;
}

/* One UPDATE: it matches the row only when the lease is free or ours, so
 * of two takers at once on one node the second waits for the first's row
 * lock and then matches nothing; on two nodes both match, and the
 * certification of the second commit fails (a deadlock to the client,
 * after the server's own retries, wsrep_retry_autocommit). */
static int take_once(db *d, const char *name, const char *owner, int seconds, bool *got)
{
	int rc = db_exec(d, "UPDATE job_leases SET owner = ?, until = NOW() + INTERVAL ? SECOND"
			    " WHERE name = ? AND (until < NOW() OR owner = ?)",
			 DB_ARGS(DB_STR(owner), DB_INT((long long)seconds), DB_STR(name), DB_STR(owner)));
	*got = rc == MDG_OK && db_affected(d) == 1;
	return rc;
}

int lease_take(db *d, const char *name, int seconds, bool *got)
{
	const char *owner = owner_name();
	*got = false;
	int rc = take_once(d, name, owner, seconds, got);
	if (rc == MDG_OK && !*got) {
		/* A name the migration did not list: its row first (the
		 * lease free), then the same UPDATE. */
		rc = db_exec(d, "INSERT IGNORE INTO job_leases (name) VALUES (?)", DB_ARGS(DB_STR(name)));
		if (rc == MDG_OK && db_affected(d) == 1)
			rc = take_once(d, name, owner, seconds, got);
	}
	if (rc == MDG_ECONFLICT) {
		/* Another node took it at the same moment. */
		log_info("lease %s: taken by another process meanwhile", name);
		*got = false;
		rc = MDG_OK;
	}
	return rc;
}

int lease_release(db *d, const char *name)
{
	/* A fixed time in the past rather than NOW(): a run at a test clock
	 * ahead of the real one must not leave the lease held until then. */
	return db_exec(d, "UPDATE job_leases SET until = '1970-01-01 00:00:01' WHERE name = ? AND owner = ?",
		       DB_ARGS(DB_STR(name), DB_STR(owner_name())));
}
