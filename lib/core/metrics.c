/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* metrics.c: request counters and latency buckets in shared memory. */
#include "core/metrics.h"
#include "core/log.h"
#include "core/mdg.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

/* Fixed label sets keep the shared block a plain array and the output's
 * cardinality bounded whatever paths clients ask for. */
static const char *const class_names[] = {
	"public", "signed", "account", "citizen", "owner", "staff", "admin",
	"reports", "health", "unrouted", "other",
};
#define NCLASS MDG_ARRAY_LEN(class_names)
#define CLASS_OTHER (NCLASS - 1)

static const int status_codes[] = {
	200, 204, 301, 302, 303, 304, 400, 401, 403, 404, 405, 409, 413, 429, 500, 502, 503, 504,
};
#define NSTATUS (MDG_ARRAY_LEN(status_codes) + 1) /* the last: any other */

/* Upper bounds of the latency buckets, in milliseconds. */
static const int bucket_ms[] = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};
#define NBUCKET (MDG_ARRAY_LEN(bucket_ms) + 1) /* the last: +Inf */

typedef struct metrics_block {
	unsigned long long requests[NCLASS][NSTATUS];
	/* Per bucket, not cumulative: one add per request; summed on output. */
	unsigned long long buckets[NCLASS][NBUCKET];
	unsigned long long micros[NCLASS];
	unsigned long long restarts_recycled;
	unsigned long long restarts_failed;
} metrics_block;

static metrics_block local_block;
static metrics_block *block = &local_block;

int metrics_init(void)
{
	void *p = mmap(NULL, sizeof(metrics_block), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		log_error("metrics: mmap: %s", strerror(errno));
		return MDG_ERR;
	}
	memset(p, 0, sizeof(metrics_block));
	block = p;
	return MDG_OK;
}

static void add(unsigned long long *counter, unsigned long long n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

static unsigned long long get(const unsigned long long *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

void metrics_request(const char *route_class, int status, double ms)
{
	size_t c = CLASS_OTHER, s = NSTATUS - 1, b = NBUCKET - 1;
	for (size_t i = 0; route_class && i < NCLASS; i++)
		if (strcmp(class_names[i], route_class) == 0) {
			c = i;
			break;
		}
	for (size_t i = 0; i < NSTATUS - 1; i++)
		if (status_codes[i] == status) {
			s = i;
			break;
		}
	for (size_t i = 0; i < NBUCKET - 1; i++)
		if (ms <= bucket_ms[i]) {
			b = i;
			break;
		}
	add(&block->requests[c][s], 1);
	add(&block->buckets[c][b], 1);
	add(&block->micros[c], ms > 0 ? (unsigned long long)(ms * 1000.0) : 0);
}

void metrics_worker_restart(bool failed)
{
	add(failed ? &block->restarts_failed : &block->restarts_recycled, 1);
}

void metrics_write(buf *out)
{
	buf_puts(out, "# HELP madang_http_requests_total Requests answered by madang-web, by route class and status.\n"
		      "# TYPE madang_http_requests_total counter\n");
	for (size_t c = 0; c < NCLASS; c++)
		for (size_t s = 0; s < NSTATUS; s++) {
			unsigned long long n = get(&block->requests[c][s]);
			if (!n)
				continue;
			if (s < NSTATUS - 1)
				buf_printf(out, "madang_http_requests_total{class=\"%s\",code=\"%d\"} %llu\n",
					   class_names[c], status_codes[s], n);
			else
				buf_printf(out, "madang_http_requests_total{class=\"%s\",code=\"other\"} %llu\n",
					   class_names[c], n);
		}
	buf_puts(out, "# HELP madang_http_request_duration_seconds Time from the request's start to its answer, by route class.\n"
		      "# TYPE madang_http_request_duration_seconds histogram\n");
	for (size_t c = 0; c < NCLASS; c++) {
		unsigned long long total = 0;
		for (size_t b = 0; b < NBUCKET; b++)
			total += get(&block->buckets[c][b]);
		if (!total)
			continue;
		unsigned long long running = 0;
		for (size_t b = 0; b < NBUCKET; b++) {
			running += get(&block->buckets[c][b]);
			if (b < NBUCKET - 1)
				buf_printf(out, "madang_http_request_duration_seconds_bucket{class=\"%s\",le=\"%g\"} %llu\n",
					   class_names[c], bucket_ms[b] / 1000.0, running);
			else
				buf_printf(out, "madang_http_request_duration_seconds_bucket{class=\"%s\",le=\"+Inf\"} %llu\n",
					   class_names[c], running);
		}
		buf_printf(out, "madang_http_request_duration_seconds_sum{class=\"%s\"} %.6f\n", class_names[c],
			   (double)get(&block->micros[c]) / 1e6);
		buf_printf(out, "madang_http_request_duration_seconds_count{class=\"%s\"} %llu\n", class_names[c], running);
	}
	buf_printf(out, "# HELP madang_worker_restarts_total Workers the master replaced: recycled (web.max_requests) or failed (killed, crashed).\n"
			"# TYPE madang_worker_restarts_total counter\n"
			"madang_worker_restarts_total{reason=\"recycled\"} %llu\n"
			"madang_worker_restarts_total{reason=\"failed\"} %llu\n",
		   get(&block->restarts_recycled), get(&block->restarts_failed));
}
