/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* chat-bench.c: bench/chat's client (issue 14, live chat). Holds one
 * EventSource connection per session token of TOKENS through nginx's nchan
 * (/chat/sub/ID, each authorised by madang-web), then POSTs MESSAGES chat
 * messages at RATE a second through madang-web (/c/SLUG/chat, as the
 * no-script form does: cookie and CSRF token) from a second thread, and
 * reports for each message the time from the start of its POST to its
 * receipt by the last of the subscribers.
 *
 *   chat-bench PORT ID SLUG TOKENS PUB_TOKEN CSRF MESSAGES RATE TAG HELDFILE
 *
 * After every subscription has answered it writes HELDFILE (bench/chat
 * counts madang-web's workers and nginx's connections then) and waits 2 s
 * before publishing. Figures on stdout as "name: value". One epoll loop,
 * loopback only; Linux. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_MSG 100000
#define CARRY 96

typedef struct sub {
	int fd;
	int status;        /* 0: waiting for the status line; HTTP status after */
	size_t got;        /* messages received */
	char carry[CARRY]; /* the end of the last read: a marker split over reads */
	size_t ncarry;
	char head[512];
	size_t nhead;
} sub;

static int port, nmsg, rate;
static const char *slug, *pub_token, *csrf, *tag;
static double sent_at[MAX_MSG], last_at[MAX_MSG];
static int receivers[MAX_MSG];
static int post_status[MAX_MSG];
static atomic_int published; /* the publisher thread has posted every message */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int connect_lo(int nonblock)
{
	int fd = socket(AF_INET, SOCK_STREAM | (nonblock ? SOCK_NONBLOCK : 0), 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0 && errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The markers "TAG-N" in data (with the carry of the last read): each
 * counts once per subscriber (a marker is only found whole once, as the
 * carry keeps less than a marker after it). */
static void scan(sub *s, const char *data, size_t n, double t)
{
	char buf[CARRY + 65536];
	size_t tl = strlen(tag);
	memcpy(buf, s->carry, s->ncarry);
	memcpy(buf + s->ncarry, data, n);
	size_t len = s->ncarry + n, from = 0;
	for (;;) {
		char *p = memmem(buf + from, len - from, tag, tl);
		if (!p)
			break;
		char *q = p + tl;
		if (q >= buf + len || *q != '-') {
			from = (size_t)(q - buf);
			continue;
		}
		q++;
		char *e = q;
		while (e < buf + len && *e >= '0' && *e <= '9')
			e++;
		if (e >= buf + len) { /* maybe cut: kept for the next read */
			from = (size_t)(p - buf);
			goto keep;
		}
		long i = strtol(q, NULL, 10);
		if (e > q && i >= 0 && i < nmsg) {
			receivers[i]++;
			last_at[i] = t;
			s->got++;
		}
		from = (size_t)(e - buf);
	}
	/* Only what follows the last marker counted, and less than a marker:
	 * the start of one cut by the read. */
	if (len > from + tl + 1)
		from = len - tl - 1;
keep:
	s->ncarry = len - from < CARRY ? len - from : 0;
	memmove(s->carry, buf + from, s->ncarry);
}

/* The CSRF token, form-encoded (it may hold '+', '/' or '='). */
static char csrf_enc[256];

static void encode(const char *in)
{
	size_t o = 0;
	for (; *in && o + 4 < sizeof csrf_enc; in++) {
		unsigned char c = (unsigned char)*in;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
			csrf_enc[o++] = (char)c;
		else
			o += (size_t)snprintf(csrf_enc + o, 4, "%%%02X", c);
	}
	csrf_enc[o] = 0;
}

static void *publisher(void *arg)
{
	(void)arg;
	char body[256], req[2048], resp[1024];
	double start = now_ms();
	for (int i = 0; i < nmsg; i++) {
		double due = start + i * 1000.0 / rate;
		double wait = due - now_ms();
		if (wait > 0) {
			struct timespec ts = {(time_t)(wait / 1000), (long)((wait - (long)(wait / 1000) * 1000) * 1e6)};
			nanosleep(&ts, NULL);
		}
		int bl = snprintf(body, sizeof body, "csrf=%s&body=bench+%s-%d", csrf_enc, tag, i);
		int rl = snprintf(req, sizeof req,
				  "POST /c/%s/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: mdg_session=%s\r\n"
				  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n"
				  "Connection: close\r\n\r\n%s",
				  slug, pub_token, bl, body);
		sent_at[i] = now_ms();
		int fd = connect_lo(0);
		if (fd < 0 || write(fd, req, (size_t)rl) != rl) {
			if (fd >= 0)
				close(fd);
			continue;
		}
		ssize_t n = read(fd, resp, sizeof resp - 1);
		if (n > 12)
			post_status[i] = atoi(resp + 9);
		close(fd);
	}
	atomic_store(&published, 1);
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc != 11) {
		fprintf(stderr, "usage: chat-bench PORT ID SLUG TOKENS PUB_TOKEN CSRF MESSAGES RATE TAG HELDFILE\n");
		return 2;
	}
	port = atoi(argv[1]);
	long id = atol(argv[2]);
	slug = argv[3];
	pub_token = argv[5];
	csrf = argv[6];
	encode(csrf);
	nmsg = atoi(argv[7]);
	rate = atoi(argv[8]);
	tag = argv[9];
	if (nmsg < 1 || nmsg > MAX_MSG || rate < 1)
		return 2;
	FILE *tf = fopen(argv[4], "r");
	if (!tf)
		return perror(argv[4]), 1;
	size_t cap = 1024, n = 0;
	sub *subs = calloc(cap, sizeof *subs);
	char line[128];
	int ep = epoll_create1(0);
	while (fgets(line, sizeof line, tf)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!*line)
			continue;
		if (n == cap)
			subs = realloc(subs, (cap *= 2) * sizeof *subs);
		sub *s = &subs[n++];
		memset(s, 0, sizeof *s);
		s->fd = -1;
		snprintf(s->head, sizeof s->head,
			 "GET /chat/sub/%ld HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
			 "Cookie: mdg_session=%s\r\n\r\n",
			 id, line);
		s->nhead = strlen(s->head);
	}
	fclose(tf);
	/* At most inflight subscriptions waiting for their answer at once:
	 * members arrive over time, not in one millisecond (and nchan 1.3.6
	 * crashes a worker under some hundreds of authorisations at once). */
	const char *env = getenv("CHAT_BENCH_INFLIGHT");
	size_t inflight = env && atoi(env) > 0 ? (size_t)atoi(env) : 50, started = 0;
	size_t answered = 0, ok = 0;
	double t0 = now_ms(), t_held = 0, t_end = 0;
	pthread_t pub;
	int publishing = 0;
	static char rbuf[65536];
	struct epoll_event evs[256];
	for (;;) {
		double t = now_ms();
		if (!publishing && answered == n) {
			if (t_held == 0) {
				t_held = t;
				printf("chat_subscribe_seconds: %.1f\n", (t - t0) / 1000);
				FILE *h = fopen(argv[10], "w");
				if (h)
					fclose(h);
				fflush(stdout);
			} else if (t - t_held > 2000) {
				pthread_create(&pub, NULL, publisher, NULL);
				publishing = 1;
				t_end = 0;
			}
		}
		if (!publishing && t - t0 > 60000)
			break; /* subscriptions that never answered */
		/* Until 3 s after the last POST's answer: what has not come by
		 * then counts as not received. */
		if (publishing && t_end == 0 && atomic_load(&published))
			t_end = t + 3000;
		if (publishing && t_end > 0 && t > t_end)
			break;
		while (started < n && started - answered < inflight) {
			sub *s = &subs[started];
			s->fd = connect_lo(1);
			if (s->fd < 0)
				return perror("connect"), 1;
			/* The request goes once the connection is made (EPOLLOUT). */
			struct epoll_event ev = {.events = EPOLLOUT | EPOLLIN, .data.u64 = started};
			epoll_ctl(ep, EPOLL_CTL_ADD, s->fd, &ev);
			started++;
		}
		int k = epoll_wait(ep, evs, 256, 10);
		t = now_ms();
		for (int j = 0; j < k; j++) {
			sub *s = &subs[evs[j].data.u64];
			if (s->nhead && (evs[j].events & EPOLLOUT)) {
				ssize_t w = write(s->fd, s->head, s->nhead);
				if (w > 0) {
					s->nhead = 0;
					struct epoll_event ev = {.events = EPOLLIN, .data.u64 = evs[j].data.u64};
					epoll_ctl(ep, EPOLL_CTL_MOD, s->fd, &ev);
				}
				continue;
			}
			if (!(evs[j].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
				continue;
			ssize_t r = read(s->fd, rbuf, sizeof rbuf);
			if (r <= 0) {
				if (r < 0 && errno == EAGAIN)
					continue;
				if (s->status == 0) {
					s->status = -1;
					answered++;
				} else if (s->status == 200)
					s->status = -200; /* closed while held */
				epoll_ctl(ep, EPOLL_CTL_DEL, s->fd, NULL);
				close(s->fd);
				continue;
			}
			if (s->status == 0 && r > 12) {
				s->status = atoi(rbuf + 9);
				answered++;
				if (s->status == 200)
					ok++;
			}
			if (s->status == 200)
				scan(s, rbuf, (size_t)r, t);
		}
	}
	if (publishing)
		pthread_join(pub, NULL);
	size_t held = 0, refused = 0;
	for (size_t i = 0; i < n; i++) {
		held += subs[i].status == 200;
		refused += subs[i].status != 200 && subs[i].status != -200;
	}
	double *lat = calloc((size_t)nmsg, sizeof *lat);
	int complete = 0, posted = 0;
	for (int i = 0; i < nmsg; i++) {
		posted += post_status[i] == 303;
		if (receivers[i] >= (int)ok && ok > 0)
			lat[complete++] = last_at[i] - sent_at[i];
	}
	qsort(lat, (size_t)complete, sizeof *lat, cmp);
	int fewest = nmsg ? receivers[0] : 0;
	for (int i = 1; i < nmsg; i++)
		fewest = receivers[i] < fewest ? receivers[i] : fewest;
	printf("chat_message_fewest_receivers: %d\n", fewest);
	for (int i = 0, shown = 0; i < nmsg && shown < 10; i++)
		if (receivers[i] < (int)ok) {
			fprintf(stderr, "message %d: %d receivers, post status %d\n", i, receivers[i], post_status[i]);
			shown++;
		}
	printf("chat_subscribers: %zu\n", n);
	printf("chat_subscribers_accepted: %zu\n", ok);
	printf("chat_subscribers_refused: %zu\n", refused);
	printf("chat_subscribers_still_held: %zu\n", held);
	printf("chat_messages_posted: %d\n", posted);
	printf("chat_messages_to_all: %d\n", complete);
	if (complete) {
		printf("chat_delivery_p50_ms: %.1f\n", lat[(complete - 1) / 2]);
		printf("chat_delivery_max_ms: %.1f\n", lat[complete - 1]);
		int i99 = (int)(0.99 * complete + 0.999999) - 1;
		printf("chat_delivery_p99_ms: %.1f\n", lat[i99 < 0 ? 0 : i99]);
	} else
		printf("chat_delivery_p99_ms: none\n");
	return complete == nmsg && posted == nmsg ? 0 : 1;
}
