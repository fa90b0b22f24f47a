/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* metrics.h: request counters and latency buckets shared by madang-web's
 * master and workers, written out in Prometheus text format. */
#ifndef MDG_METRICS_H
#define MDG_METRICS_H
#include "core/buf.h"

#include <stdbool.h>

/* Maps the counters into memory shared with the workers forked later;
 * call it in the master before forking. Without it (tests, one process)
 * the counters are the calling process's own. MDG_ERR when mmap fails. */
int metrics_init(void);
/* Counts one answered request: its route class (a name from the fixed
 * list in metrics.c; others count as "other"), its status, its duration.
 * Atomic adds only: no lock, no I/O. */
void metrics_request(const char *route_class, int status, double ms);
/* Counts one worker replaced by the master: failed (killed, crashed,
 * exited non-zero) or recycled after web.max_requests. */
void metrics_worker_restart(bool failed);
/* Appends the counters to out in Prometheus text format (version 0.0.4):
 * requests by class and status, latency histogram by class, worker
 * restarts. */
void metrics_write(buf *out);

#endif
