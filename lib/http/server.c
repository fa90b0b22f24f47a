/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* server.c: the pre-forking FastCGI master and its workers. */
#include "http/server.h"
#include "http/request.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/metrics.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fastcgi.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t child_exited;
static volatile sig_atomic_t reopen_requested;

static void on_stop(int sig)
{
	MDG_UNUSED(sig);
	stop_requested = 1;
	/* Makes a worker's blocking accept give up (FCGI_FAIL_ACCEPT_ON_INTR). */
	FCGX_ShutdownPending();
}

static void on_child(int sig)
{
	MDG_UNUSED(sig);
	child_exited = 1;
}

/* SIGHUP in the master: logrotate has renamed the log. */
static void on_reopen(int sig)
{
	MDG_UNUSED(sig);
	reopen_requested = 1;
}

/* SIGHUP in a worker (from the master): the next message goes to a
 * freshly opened log. */
static void on_worker_reopen(int sig)
{
	MDG_UNUSED(sig);
	log_reopen_soon();
}

static void set_handler_flags(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static void set_handler(int sig, void (*fn)(int))
{
	/* no SA_RESTART: accept() must return on SIGTERM */
	set_handler_flags(sig, fn, 0);
}

/* True when the web server has closed the request's connection: nginx
 * does so when its client gave up (fastcgi_ignore_client_abort off) while
 * the request still waited in the socket's queue. Nobody is left to read
 * the answer, so under overload the workers skip such requests instead of
 * serving readers who have left before those who wait. */
static bool client_gone(const FCGX_Request *req)
{
	struct pollfd p = {.fd = req->ipcFd, .events = POLLRDHUP};
	return poll(&p, 1, 0) == 1 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

/* How long an idle kept connection may hold a worker when nobody waits:
 * nginx's own keepalive_timeout for madang_web (deploy/nginx/madang.conf)
 * is shorter, so normally nginx is the one that closes it. */
#define KEEP_IDLE_MS 15000
/* A connection seen in the socket's queue is left this long to a free
 * worker (blocked in accept) before an idle kept connection is given back
 * for it: a new connection with a free worker at hand must not make every
 * idle worker drop its connection. */
#define QUEUE_GRACE_MS 2
/* How long a worker waits for nginx to close a connection given back. */
#define GIVE_BACK_WAIT_MS 1000

/* True when the worker must stop taking requests (SIGTERM, or recycled). */
static bool worker_done(const http_server_opts *opts, long served)
{
	return stop_requested || (opts->max_requests > 0 && served >= opts->max_requests);
}

/* Waits for fd to be readable (or closed by the peer) for up to ms
 * milliseconds; SIGTERM is let in only during the wait (mask), so it cuts
 * the wait short and never a request. Returns poll's revents for fd, 0 on
 * timeout or signal. */
static short wait_readable(int fd, int ms, const sigset_t *mask)
{
	struct pollfd p = {.fd = fd, .events = POLLIN | POLLRDHUP};
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	return ppoll(&p, 1, &ts, mask) == 1 ? p.revents : 0;
}

/* True when the peer sent at least one byte (a next request), false when
 * it closed the connection or nothing is there. */
static bool has_data(int fd)
{
	char c;
	return recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 1;
}

/* Gives the kept connection of req back to nginx without the race of a
 * plain close (nginx may take an idle connection from its pool for a new
 * request at the very moment the worker closes it, and a POST that meets
 * a closed connection is not retried): the worker sends an empty STDERR
 * record, which nginx ignores inside an answer and takes as the end of an
 * idle pooled connection (any byte there makes it close that connection).
 * Then it waits for nginx: a close (the connection is closed here too and
 * the worker is free), or a request that nginx sent before it saw the
 * record (returns true: the caller serves it on this connection). */
static bool give_back(FCGX_Request *req, const sigset_t *blocked)
{
	unsigned char rec[FCGI_HEADER_LEN] = {
		FCGI_VERSION_1, FCGI_STDERR,
		(unsigned char)(req->requestId >> 8), (unsigned char)req->requestId,
		0, 0, 0, 0,
	};
	if (write(req->ipcFd, rec, sizeof rec) == (ssize_t)sizeof rec &&
	    (wait_readable(req->ipcFd, GIVE_BACK_WAIT_MS, blocked) & POLLIN) && has_data(req->ipcFd))
		return true;
	FCGX_Free(req, 1);
	return false;
}

/* After an answer on a connection nginx keeps (FCGI_KEEP_CONN): waits for
 * the next request on it, and returns true when one is there (the caller
 * reads it with FCGX_Accept_r), or gives the connection back and returns
 * false when the worker is needed elsewhere: a stop or recycling, an idle
 * time of KEEP_IDLE_MS, or a connection waiting in the socket's queue
 * longer than QUEUE_GRACE_MS (which no free worker took). A worker holds
 * one connection at a time; without that last rule, kept connections
 * idle in nginx's pools (one pool per nginx worker) could hold every
 * worker while a new connection waited in the queue. *queue_seen makes it
 * fair under a full load: a connection seen waiting when the last request
 * was taken and still waiting after it gets the worker at once (the kept
 * connection is given back; only a request already sent on it is served
 * first). */
static bool kept_next(int sock, FCGX_Request *req, const http_server_opts *opts, long served,
                      bool *queue_seen, const sigset_t *open, const sigset_t *blocked)
{
	long long idle_until = 0;
	for (;;) {
		if (worker_done(opts, served))
			return give_back(req, blocked);
		struct pollfd p[2] = {
			{.fd = req->ipcFd, .events = POLLIN | POLLRDHUP},
			{.fd = sock, .events = POLLIN},
		};
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long long t = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
		if (!idle_until)
			idle_until = t + KEEP_IDLE_MS;
		if (t >= idle_until)
			return give_back(req, blocked);
		long long left = idle_until - t;
		struct timespec ts = {(time_t)(left / 1000), (long)(left % 1000) * 1000000L};
		int n = ppoll(p, 2, &ts, open);
		if (n < 0)
			continue; /* a signal: the loop checks for a stop */
		bool queued = (p[1].revents & POLLIN) != 0;
		/* Waiting since before the last request: the connection goes
		 * back now (give_back still serves a request already sent). */
		if (*queue_seen && queued)
			return give_back(req, blocked);
		if (p[0].revents & POLLIN) {
			if (has_data(req->ipcFd)) {
				*queue_seen = queued;
				return true;
			}
			FCGX_Free(req, 1); /* nginx closed it */
			return false;
		}
		if (p[0].revents & (POLLRDHUP | POLLHUP | POLLERR)) {
			FCGX_Free(req, 1);
			return false;
		}
		if (!queued) {
			*queue_seen = false;
			continue;
		}
		/* Give a free worker the time to take it, or nginx the time
		 * to reuse this connection. */
		short r = wait_readable(req->ipcFd, QUEUE_GRACE_MS, open);
		if ((r & POLLIN) && has_data(req->ipcFd)) {
			*queue_seen = true;
			return true;
		}
		if (r & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)) {
			FCGX_Free(req, 1);
			return false;
		}
		struct pollfd q = {.fd = sock, .events = POLLIN};
		if (poll(&q, 1, 0) != 1)
			continue; /* taken by a free worker */
		return give_back(req, blocked);
	}
}

static void worker_main(int sock, const http_server_opts *opts, const http_server_hooks *hooks)
{
	FCGX_Request req;
	long served = 0;
	bool queue_seen = false;
	sigset_t none, term;

	set_handler(SIGTERM, on_stop);
	set_handler(SIGINT, SIG_IGN); /* Ctrl-C reaches the master, which stops us */
	set_handler(SIGCHLD, SIG_DFL);
	/* SA_RESTART: a log reopen must not end the wait for a request. */
	set_handler_flags(SIGHUP, on_worker_reopen, SA_RESTART);
	sigemptyset(&none);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	/* Nor interrupt a request in hand (the DB client's waits). */
	sigaddset(&term, SIGHUP);
	sigprocmask(SIG_SETMASK, &none, NULL);

	if (hooks->worker_init && hooks->worker_init(hooks->ctx) != MDG_OK)
		log_warn("worker started without its resources; will retry per request");
	FCGX_InitRequest(&req, sock, FCGI_FAIL_ACCEPT_ON_INTR);
	sigprocmask(SIG_BLOCK, &term, NULL);
	for (;;) {
		/* A kept connection's next request is read with SIGTERM
		 * blocked (kept_next lets it in while it waits): a stop then
		 * comes after that request. */
		bool kept = req.ipcFd >= 0 && kept_next(sock, &req, opts, served, &queue_seen, &none, &term);
		if (!kept) {
			/* SIGTERM may cut short the wait for a request, never a
			 * request in hand: its handler (no SA_RESTART) would make
			 * a read of the body or a write of the answer fail with
			 * EINTR. It is blocked from accept to finish and taken
			 * here. XXX: one arriving just before accept() blocks is
			 * only seen at the next request (or the master's kill
			 * after stop_timeout); libfcgi has the same window. */
			sigprocmask(SIG_SETMASK, &none, NULL);
			if (worker_done(opts, served))
				break;
		}
		int rc = FCGX_Accept_r(&req);
		sigprocmask(SIG_BLOCK, &term, NULL);
		if (rc < 0)
			break;
		/* (No path in the log: it may hold a signed link's token.) */
		if (client_gone(&req))
			log_info("skipped a request whose client left while it waited");
		else
			hooks->handle(&req, hooks->ctx);
		/* Read already by http_send when the handler answered. */
		http_input_drain(&req);
		FCGX_Finish_r(&req);
		served++;
	}
	FCGX_Free(&req, 1);
	if (hooks->worker_exit)
		hooks->worker_exit(hooks->ctx);
	_exit(0);
}

/* Milliseconds on the monotonic clock: restart pacing must not follow
 * changes of the wall clock. */
static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The kernel's cap on a listening socket's queue, SOMAXCONN when it
 * cannot be read. */
static int somaxconn_limit(void)
{
	int v = 0;
	FILE *f = fopen("/proc/sys/net/core/somaxconn", "r");
	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v > 0 ? v : SOMAXCONN;
}

static pid_t spawn_worker(int sock, const http_server_opts *opts, const http_server_hooks *hooks)
{
	pid_t pid = fork();
	if (pid == 0)
		worker_main(sock, opts, hooks);
	if (pid < 0)
		log_error("fork: %s", strerror(errno));
	return pid;
}

/* Waits up to timeout seconds for the workers, then kills what is left. */
static void stop_workers(pid_t *pids, int n, int timeout)
{
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	time_t deadline = time(NULL) + timeout;
	int left = 0;
	for (;;) {
		left = 0;
		for (int i = 0; i < n; i++) {
			if (pids[i] <= 0)
				continue;
			if (waitpid(pids[i], NULL, WNOHANG) == pids[i])
				pids[i] = 0;
			else
				left++;
		}
		if (left == 0 || time(NULL) >= deadline)
			break;
		struct timespec ts = {0, 50 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	for (int i = 0; i < n; i++)
		if (pids[i] > 0) {
			log_warn("worker %ld did not stop in %d s; killing it", (long)pids[i], timeout);
			kill(pids[i], SIGKILL);
			waitpid(pids[i], NULL, 0);
		}
}

/* A worker that fails this soon after its start is restarted only this
 * long after its death, so that one failing at once does not spin. */
#define RESTART_PACE_MS 1000

int http_server_run(const http_server_opts *opts, const http_server_hooks *hooks)
{
	sigset_t block, old;
	pid_t *pids = NULL;
	long long *born = NULL;       /* now_ms() at each worker's start */
	long long *restart_at = NULL; /* a paced restart is due then; 0: none */
	int sock = -1;
	int rc = MDG_ERR;

	signal(SIGPIPE, SIG_IGN);
	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		return MDG_ERR;
	}
	/* Requests beyond the workers wait in the socket's queue: nginx's
	 * connect() fails (EAGAIN, a 502) only once it is full, so it is as
	 * long as the kernel allows unless configured shorter. listen()
	 * silently caps it at net.core.somaxconn. */
	int somaxconn = somaxconn_limit();
	int backlog = opts->backlog > 0 ? opts->backlog : somaxconn;
	if (backlog > somaxconn) {
		log_warn("web.backlog %d is above net.core.somaxconn (%d): the kernel queues only %d",
		         backlog, somaxconn, somaxconn);
		backlog = somaxconn;
	}
	unlink(opts->socket_path);
	mode_t old_umask = umask(0777 & ~(mode_t)opts->socket_mode);
	sock = FCGX_OpenSocket(opts->socket_path, backlog);
	umask(old_umask);
	if (sock < 0) {
		log_error("cannot open FastCGI socket %s: %s", opts->socket_path, strerror(errno));
		return MDG_ERR;
	}
	chmod(opts->socket_path, (mode_t)opts->socket_mode);

	/* Signals are only taken inside ppoll, so no flag is missed. */
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	set_handler(SIGTERM, on_stop);
	set_handler(SIGINT, on_stop);
	set_handler(SIGCHLD, on_child);
	set_handler(SIGHUP, on_reopen);

	pids = xcalloc((size_t)opts->workers, sizeof *pids);
	born = xcalloc((size_t)opts->workers, sizeof *born);
	restart_at = xcalloc((size_t)opts->workers, sizeof *restart_at);
	for (int i = 0; i < opts->workers; i++) {
		pids[i] = spawn_worker(sock, opts, hooks);
		born[i] = now_ms();
		if (pids[i] < 0) { /* fork failed: try again after the pace */
			pids[i] = 0;
			restart_at[i] = born[i] + RESTART_PACE_MS;
		}
	}
	log_info("madang-web master: %d workers on %s, queue %d", opts->workers,
	         opts->socket_path, backlog);

	sigset_t wait_mask = old;
	sigdelset(&wait_mask, SIGCHLD);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGHUP);
	while (!stop_requested) {
		/* Sleep until a signal, or until the next paced restart is due:
		 * waiting for one slot never holds up the others. */
		long long due = 0;
		for (int i = 0; i < opts->workers; i++)
			if (restart_at[i] && (!due || restart_at[i] < due))
				due = restart_at[i];
		struct timespec ts, *timeout = NULL;
		if (due) {
			long long left = due - now_ms();
			if (left < 0)
				left = 0;
			ts.tv_sec = (time_t)(left / 1000);
			ts.tv_nsec = (long)(left % 1000) * 1000000L;
			timeout = &ts;
		}
		ppoll(NULL, 0, timeout, &wait_mask);
		if (stop_requested)
			break;
		if (reopen_requested) {
			/* The master's own log first, then each worker's (a
			 * worker started after this opens the new file anyway). */
			reopen_requested = 0;
			log_reopen_soon();
			log_info("madang-web master: log reopened (SIGHUP)");
			for (int i = 0; i < opts->workers; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGHUP);
		}
		if (child_exited) {
			child_exited = 0;
			int status;
			pid_t dead;
			while ((dead = waitpid(-1, &status, WNOHANG)) > 0) {
				for (int i = 0; i < opts->workers; i++) {
					if (pids[i] != dead)
						continue;
					pids[i] = 0;
					if (WIFSIGNALED(status))
						log_error("worker %ld died of signal %d; restarting", (long)dead,
						          WTERMSIG(status));
					/* A recycled worker exits 0 and is replaced at
					 * once, and so is one that failed after a while
					 * (killed, crashed): its slot must not stay
					 * empty while requests queue. */
					bool failed = WIFSIGNALED(status) || WEXITSTATUS(status) != 0;
					metrics_worker_restart(failed);
					long long t = now_ms();
					restart_at[i] = failed && t - born[i] < RESTART_PACE_MS
						? t + RESTART_PACE_MS : t;
					break;
				}
			}
		}
		long long t = now_ms();
		for (int i = 0; i < opts->workers; i++) {
			if (!restart_at[i] || restart_at[i] > t)
				continue;
			pids[i] = spawn_worker(sock, opts, hooks);
			born[i] = now_ms();
			/* fork failed: try again after the pace */
			restart_at[i] = pids[i] > 0 ? 0 : born[i] + RESTART_PACE_MS;
			if (pids[i] < 0)
				pids[i] = 0;
		}
	}
	log_info("madang-web master: stopping");
	stop_workers(pids, opts->workers, opts->stop_timeout);
	rc = MDG_OK;
	close(sock);
	unlink(opts->socket_path);
	free(pids);
	free(born);
	free(restart_at);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}
