/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* imap.c: one pass over an IMAP mailbox with libcurl: every message by
 * UID, handled ones moved to the done folder, refused ones to the failed
 * folder next to a note that says why, the others left for the next pass. */
#include "mailin.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/stop.h"
#include "core/xalloc.h"
#include "notify/mail.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct imap {
	CURL *h;
	char *base;      /* scheme://host[:port] */
	char *mailbox;   /* as written in the URL (already URL-encoded) */
	const char *done_folder, *failed_folder;
	buf resp;
	bool too_big;
	char err[CURL_ERROR_SIZE];
} imap;

static size_t collect(char *p, size_t size, size_t n, void *arg)
{
	imap *im = arg;
	size_t len = size * n;
	if (im->resp.len + len > (size_t)MAIL_IN_MAX_BYTES) {
		im->too_big = true;
		return 0;
	}
	buf_append(&im->resp, p, len);
	return len;
}

/* One request: url below base, an IMAP command (NULL: fetch the URL). */
static int request(imap *im, const char *path, const char *command)
{
	char *url = xasprintf("%s/%s", im->base, path);
	buf_reset(&im->resp);
	im->too_big = false;
	im->err[0] = '\0';
	curl_easy_setopt(im->h, CURLOPT_URL, url);
	curl_easy_setopt(im->h, CURLOPT_CUSTOMREQUEST, command);
	curl_easy_setopt(im->h, CURLOPT_UPLOAD, 0L);
	CURLcode cc = curl_easy_perform(im->h);
	free(url);
	if (cc != CURLE_OK && !im->err[0])
		snprintf(im->err, sizeof im->err, "%s", curl_easy_strerror(cc));
	return cc == CURLE_OK ? MDG_OK : im->too_big ? MDG_ETOOBIG : MDG_ETEMPFAIL;
}

struct upload_src {
	const char *data;
	size_t len, pos;
};

static size_t feed(char *p, size_t size, size_t n, void *arg)
{
	struct upload_src *s = arg;
	size_t left = s->len - s->pos, want = size * n;
	if (want > left)
		want = left;
	memcpy(p, s->data + s->pos, want);
	s->pos += want;
	return want;
}

/* APPENDs a message to folder. */
static int append(imap *im, const char *folder, const char *data, size_t len)
{
	struct upload_src src = {data, len, 0};
	char *url = xasprintf("%s/%s", im->base, folder);
	curl_easy_setopt(im->h, CURLOPT_URL, url);
	curl_easy_setopt(im->h, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(im->h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(im->h, CURLOPT_READFUNCTION, feed);
	curl_easy_setopt(im->h, CURLOPT_READDATA, &src);
	curl_easy_setopt(im->h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	CURLcode cc = curl_easy_perform(im->h);
	curl_easy_setopt(im->h, CURLOPT_UPLOAD, 0L);
	free(url);
	return cc == CURLE_OK ? MDG_OK : MDG_ETEMPFAIL;
}

static void add_uid(unsigned long **uids, size_t *n, size_t *cap, unsigned long u)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*uids = xrealloc(*uids, *cap * sizeof **uids);
	}
	(*uids)[(*n)++] = u;
}

/* The UIDs of a sequence set ("1:5,7,9:12") or of a plain SEARCH's list
 * ("1 2 3"), up to the end of the line. */
static void parse_uids(const char *p, unsigned long **uids, size_t *n)
{
	size_t cap = 0;
	while (*p && *p != '\r' && *p != '\n') {
		char *end;
		unsigned long u = strtoul(p, &end, 10);
		if (end == p) {
			p++;
			continue;
		}
		unsigned long last = u;
		if (*end == ':') {
			const char *q = end + 1;
			last = strtoul(q, &end, 10);
			if (end == q || last < u || last - u > 10000000UL)
				last = u;
		}
		for (unsigned long v = u; v <= last; v++)
			add_uid(uids, n, &cap, v);
		p = end;
	}
}

/* The UIDs of the mailbox, ascending (a new array, *n of them). ESEARCH
 * (RFC 4731) answers with ranges, one short line for any mailbox; a plain
 * SEARCH lists every UID. */
static int search(imap *im, unsigned long **uids, size_t *n)
{
	*uids = NULL;
	*n = 0;
	int rc = request(im, im->mailbox, "UID SEARCH RETURN (ALL) ALL");
	const char *p = rc == MDG_OK ? strstr(buf_str(&im->resp), "* ESEARCH") : NULL;
	if (p) {
		const char *eol = strpbrk(p, "\r\n");
		const char *all = strstr(p, " ALL ");
		if (all && (!eol || all < eol))
			parse_uids(all + 5, uids, n);
		return MDG_OK;
	}
	rc = request(im, im->mailbox, "UID SEARCH ALL");
	if (rc != MDG_OK)
		return rc;
	p = strstr(buf_str(&im->resp), "* SEARCH");
	if (p)
		parse_uids(p + 8, uids, n);
	return MDG_OK;
}

/* Moves the messages of set (UIDs, "7" or "7,9,12") to folder: MOVE
 * (RFC 6851), else COPY and delete. */
static int move(imap *im, const char *set, const char *folder)
{
	char *cmd = xasprintf("UID MOVE %s %s", set, folder);
	int rc = request(im, im->mailbox, cmd);
	free(cmd);
	if (rc == MDG_OK)
		return MDG_OK;
	cmd = xasprintf("UID COPY %s %s", set, folder);
	rc = request(im, im->mailbox, cmd);
	free(cmd);
	if (rc == MDG_OK) {
		cmd = xasprintf("UID STORE %s +FLAGS.SILENT (\\Deleted)", set);
		rc = request(im, im->mailbox, cmd);
		free(cmd);
	}
	if (rc == MDG_OK)
		rc = request(im, im->mailbox, "EXPUNGE");
	return rc;
}

/* Handled messages are moved in batches of this many: one round trip
 * for many. One killed before its batch moved leaves them in the inbox,
 * and the next pass finds them duplicates. */
#define MOVE_BATCH 100

static void move_done(imap *im, buf *set)
{
	if (!set->len)
		return;
	if (move(im, buf_str(set), im->done_folder) != MDG_OK)
		log_error("imap: handled mail (UID %s) not moved to %s: %s (a re-run finds it a duplicate)",
			  buf_str(set), im->done_folder, im->err);
	buf_reset(set);
}

/* The note filed next to a refused message: why it was not filed. */
static void failed_note(imap *im, mailin *mi, const char *raw, size_t len, const char *why)
{
	const char *from = mi->conf.address ? mi->conf.address : mi->conf.notice_from;
	buf text = {0}, out = {0};
	if (!from)
		return;
	/* The original's own headers identify it: its Message-ID, From and
	 * Subject lines as they came. */
	buf_printf(&text, "madang-mailin did not file the message below%s%s\n\n", why[0] ? ": " : ".", why);
	const char *end = len > 0 ? strstr(raw, "\r\n\r\n") : NULL;
	if (!end)
		end = strstr(raw, "\n\n");
	for (const char *p = raw; p && p < (end ? end : raw + len);) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		if (strncasecmp(p, "Message-ID:", 11) == 0 || strncasecmp(p, "From:", 5) == 0 ||
		    strncasecmp(p, "Subject:", 8) == 0 || strncasecmp(p, "Date:", 5) == 0) {
			buf_append(&text, p, n && p[n - 1] == '\r' ? n - 1 : n);
			buf_putc(&text, '\n');
		}
		p = eol ? eol + 1 : NULL;
	}
	char subject[260];
	snprintf(subject, sizeof subject, "madang-mailin: not filed: %.200s", why);
	mail_header_flatten(subject);
	mail_message m = {.from_addr = from, .to_addr = from, .subject = subject, .text = buf_str(&text)};
	if (mail_build(&m, &out) == MDG_OK && append(im, im->failed_folder, out.data, out.len) != MDG_OK)
		log_warn("imap: cannot append the note to %s: %s", im->failed_folder, im->err);
	buf_free(&text);
	buf_free(&out);
}

/* Splits intake.imap.url into base and mailbox. */
static int url_parts(const char *url, char **base, char **mailbox)
{
	const char *sep = strstr(url, "://");
	if (!sep || (strncmp(url, "imap://", 7) != 0 && strncmp(url, "imaps://", 8) != 0))
		return MDG_EINVAL;
	const char *slash = strchr(sep + 3, '/');
	*base = xstrndup(url, slash ? (size_t)(slash - url) : strlen(url));
	*mailbox = xstrdup(slash && slash[1] ? slash + 1 : "INBOX");
	return MDG_OK;
}

static int imap_open(mailin *mi, imap *im)
{
	HDF *c = mi->cfg;
	const char *url = config_str(c, "intake.imap.url", "");
	const char *tls = config_str(c, "intake.imap.starttls", "try");
	memset(im, 0, sizeof *im);
	if (url_parts(url, &im->base, &im->mailbox) != MDG_OK) {
		log_error("intake.imap.url must be imap://host[:port]/MAILBOX or imaps://...: %s", url);
		return MDG_EINVAL;
	}
	im->done_folder = config_str(c, "intake.imap.done", "Processed");
	im->failed_folder = config_str(c, "intake.imap.failed", "Failed");
	im->h = curl_easy_init();
	if (!im->h)
		return MDG_ERR;
	curl_easy_setopt(im->h, CURLOPT_USERNAME, config_str(c, "intake.imap.user", ""));
	curl_easy_setopt(im->h, CURLOPT_PASSWORD, config_str(c, "intake.imap.password", ""));
	curl_easy_setopt(im->h, CURLOPT_USE_SSL, strcmp(tls, "require") == 0 ? (long)CURLUSESSL_ALL
						 : strcmp(tls, "no") == 0      ? (long)CURLUSESSL_NONE
									       : (long)CURLUSESSL_TRY);
	curl_easy_setopt(im->h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(im->h, CURLOPT_WRITEDATA, im);
	curl_easy_setopt(im->h, CURLOPT_ERRORBUFFER, im->err);
	curl_easy_setopt(im->h, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(im->h, CURLOPT_NOSIGNAL, 1L);
	/* The folders exist after this (an error means they did already). */
	char cmd[300];
	snprintf(cmd, sizeof cmd, "CREATE %s", im->done_folder);
	(void)request(im, "", cmd);
	snprintf(cmd, sizeof cmd, "CREATE %s", im->failed_folder);
	(void)request(im, "", cmd);
	return MDG_OK;
}

static void imap_close(imap *im)
{
	if (im->h)
		curl_easy_cleanup(im->h);
	buf_free(&im->resp);
	free(im->base);
	free(im->mailbox);
}

/* Folder names go into IMAP commands as atoms. */
static bool folder_ok(const char *f)
{
	if (!*f || strlen(f) > 100)
		return false;
	for (const char *p = f; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      strchr("._-/", *p)))
			return false;
	return true;
}

/* Handles the messages uids[i] for i = first, first + step, ... */
static int handle_share(mailin *mi, imap *im, const unsigned long *uids, size_t n, size_t first, size_t step,
			mailin_stats *st)
{
	buf done = {0};
	int rc = MDG_OK;
	for (size_t i = first; rc == MDG_OK && i < n && !stop_requested; i += step) {
		char path[600], why[300] = "", one[24];
		snprintf(path, sizeof path, "%s/;UID=%lu", im->mailbox, uids[i]);
		int got = request(im, path, NULL);
		st->seen++;
		if (got == MDG_ETEMPFAIL) {
			log_warn("imap: cannot fetch UID %lu: %s", uids[i], im->err);
			st->later++;
			continue;
		}
		mail_outcome_kind kind = MAIL_IGNORED;
		int h = got == MDG_ETOOBIG ? MDG_ETOOBIG
					    : mailin_handle(mi, buf_str(&im->resp), im->resp.len, &kind, why, sizeof why);
		if (got == MDG_ETOOBIG)
			snprintf(why, sizeof why, "the message is larger than %ld bytes", (long)MAIL_IN_MAX_BYTES);
		if (h == MDG_OK) {
			if (kind == MAIL_FILED)
				st->filed++;
			else if (kind == MAIL_THREADED)
				st->threaded++;
			else
				st->ignored++;
			buf_printf(&done, "%s%lu", done.len ? "," : "", uids[i]);
			if ((st->filed + st->threaded + st->ignored) % MOVE_BATCH == 0)
				move_done(im, &done);
		} else if (h == MDG_EINVAL || h == MDG_ETOOBIG) {
			st->failed++;
			failed_note(im, mi, buf_str(&im->resp), im->resp.len, why);
			snprintf(one, sizeof one, "%lu", uids[i]);
			if (move(im, one, im->failed_folder) != MDG_OK)
				log_error("imap: UID %lu not moved to %s: %s", uids[i], im->failed_folder, im->err);
		} else {
			st->later++;
			/* The database is down: the rest waits too. */
			if (h == MDG_EDB || h == MDG_ERR)
				rc = h;
		}
	}
	move_done(im, &done);
	buf_free(&done);
	return rc;
}

/* A worker process: its own IMAP session and database connection, its
 * share of the UIDs; its figures go to the log. Exit status 0 or 1. */
static int worker(mailin *mi, const unsigned long *uids, size_t n, size_t k, size_t workers)
{
	imap im;
	mailin_stats st = {0};
	int rc = imap_open(mi, &im);
	if (rc == MDG_OK)
		rc = handle_share(mi, &im, uids, n, k, workers, &st);
	imap_close(&im);
	db_close(mi->db); /* its own, opened by mailin_handle */
	mi->db = NULL;
	log_info("imap worker %zu: seen=%ld filed=%ld threaded=%ld ignored=%ld failed=%ld later=%ld", k, st.seen,
		 st.filed, st.threaded, st.ignored, st.failed, st.later);
	return rc == MDG_OK ? 0 : 1;
}

int mailin_imap_pass(mailin *mi, mailin_stats *st)
{
	imap im;
	unsigned long *uids = NULL;
	size_t n = 0;
	long workers = config_long(mi->cfg, "intake.imap.workers", 4, 1, 64);
	int rc = imap_open(mi, &im);
	if (rc == MDG_OK && (!folder_ok(im.done_folder) || !folder_ok(im.failed_folder))) {
		log_error("intake.imap.done and intake.imap.failed: letters, digits, . _ - / only");
		rc = MDG_EINVAL;
	}
	if (rc == MDG_OK && (rc = search(&im, &uids, &n)) != MDG_OK)
		log_error("imap: cannot list the mailbox: %s", im.err);
	/* Filing waits on round trips (IMAP, the database), not on the CPU:
	 * several sessions at once, each with a share of the UIDs, keep both
	 * servers busy. A few mails are not worth a process. */
	if (rc == MDG_OK && workers > 1 && n >= (size_t)workers * 4) {
		pid_t pids[64];
		size_t started = 0;
		imap_close(&im);
		memset(&im, 0, sizeof im);
		/* Each worker connects on its own: a connection inherited by
		 * a child would be closed under the parent when it exits. */
		db_close(mi->db);
		mi->db = NULL;
		fflush(NULL);
		for (size_t k = 0; k < (size_t)workers; k++) {
			pid_t pid = fork();
			if (pid == 0)
				_exit(worker(mi, uids, n, k, (size_t)workers));
			if (pid < 0) {
				log_error("imap: cannot start a worker: %s", strerror(errno));
				rc = MDG_ERR;
				break;
			}
			pids[started++] = pid;
		}
		for (size_t k = 0; k < started; k++) {
			int status = 0;
			while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
				;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				rc = MDG_ERR;
		}
		st->seen = (long)n;
	} else if (rc == MDG_OK) {
		rc = handle_share(mi, &im, uids, n, 0, 1, st);
	}
	free(uids);
	imap_close(&im);
	return rc;
}
