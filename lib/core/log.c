/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* log.c: timestamped log lines, tagged with pid and request id. */
#include "core/log.h"
#include "core/mdg.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static FILE *log_file;
static char log_rid[40];
/* The file's path, for a reopen; empty: stderr. */
static char log_path[4096];
static volatile sig_atomic_t reopen_asked;

int log_open(const char *path)
{
	if (!path || !*path || strcmp(path, "-") == 0) {
		log_file = stderr;
		log_path[0] = '\0';
		return MDG_OK;
	}
	if (strlen(path) >= sizeof log_path) {
		fprintf(stderr, "madang: log path too long: %s\n", path);
		return MDG_ERR;
	}
	FILE *f = fopen(path, "a");
	if (!f) {
		fprintf(stderr, "madang: cannot open log %s: %s\n", path, strerror(errno));
		return MDG_ERR;
	}
	setvbuf(f, NULL, _IOLBF, 0);
	if (log_file && log_file != stderr)
		fclose(log_file);
	log_file = f;
	if (path != log_path)
		memcpy(log_path, path, strlen(path) + 1);
	return MDG_OK;
}

void log_reopen_soon(void)
{
	reopen_asked = 1;
}

int log_reopen_pending(void)
{
	if (!reopen_asked)
		return MDG_OK;
	reopen_asked = 0;
	if (!log_path[0])
		return MDG_OK;
	/* On failure log_open keeps the old file (renamed, still written). */
	return log_open(log_path);
}

void log_set_request_id(const char *rid)
{
	snprintf(log_rid, sizeof log_rid, "%s", rid ? rid : "");
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *const names[] = {"error", "warn", "info"};
	int saved = errno;
	log_reopen_pending();
	FILE *f = log_file ? log_file : stderr;
	char stamp[40];
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);

	char line[2048];
	int n = snprintf(line, sizeof line, "%s.%03ldZ [%s] pid=%ld%s%s ", stamp,
			 ts.tv_nsec / 1000000, names[level], (long)getpid(),
			 log_rid[0] ? " rid=" : "", log_rid);
	if (n < 0 || (size_t)n >= sizeof line)
		n = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	/* One message is one line: fold any newline an error text carried. */
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fprintf(f, "%s\n", line);
	fflush(f);
	errno = saved;
}
