/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* lease.h: a job only one process runs at a time, across every database
 * node: a row of job_leases (0059_job_leases.sql) held until a time.
 * Unlike the server's named locks (GET_LOCK), the row is the same on every
 * node of a Galera cluster: two takers on two nodes conflict on it at
 * commit and one of them loses. */
#ifndef MDG_LEASE_H
#define MDG_LEASE_H
#include "db/db.h"
#include <stdbool.h>

/* The leases (job_leases.name). */
#define LEASE_PROPOSAL_REVIEW "proposal_review"
#define LEASE_RETENTION "retention"

/* Takes lease name for this process (host:pid) for seconds from the
 * database's NOW(), not waiting: *got is true when it was free (its time
 * passed) or already this process's. A lost conflict with another taker
 * is *got false, MDG_OK. Call outside a transaction: the take commits at
 * once. */
int lease_take(db *d, const char *name, int seconds, bool *got);
/* Gives lease name back when this process holds it (free at once for
 * the next taker, whatever its clock). */
int lease_release(db *d, const char *name);

#endif
