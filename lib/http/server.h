/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* server.h: the pre-forking FastCGI server (master and workers). */
#ifndef MDG_HTTP_SERVER_H
#define MDG_HTTP_SERVER_H
#include <fcgiapp.h>

typedef struct http_server_hooks {
	/* In each new worker, before it accepts: connect to the DB and so on.
	 * A failure here is logged and the worker still starts (a worker
	 * without a DB answers 503 and reconnects later). */
	int (*worker_init)(void *ctx);
	/* One request; must not return before the response is written. */
	void (*handle)(FCGX_Request *req, void *ctx);
	/* In a worker that is about to exit. */
	void (*worker_exit)(void *ctx);
	void *ctx;
} http_server_hooks;

typedef struct http_server_opts {
	const char *socket_path;
	int socket_mode;      /* permission bits of the socket file */
	int backlog;          /* requests the socket queues for a free worker;
	                       * 0 = the kernel's limit (net.core.somaxconn) */
	int workers;
	long max_requests;    /* a worker exits after this many; 0 = never */
	int stop_timeout;     /* seconds in-flight requests get on SIGTERM */
} http_server_opts;

/* Opens the socket, forks the workers and supervises them until SIGTERM
 * or SIGINT (SIGHUP: every process opens its log file again): dead workers are restarted at once (a worker that dies within
 * a second of its start, after a second), recycled workers replaced. On a
 * stop, workers finish the request in hand. Returns MDG_OK after a clean
 * stop, MDG_ERR when the socket cannot be opened. */
int http_server_run(const http_server_opts *opts, const http_server_hooks *hooks);

#endif
