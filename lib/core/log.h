/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* log.h: one log file per process, one line per message.
 * Never pass passwords, tokens or form bodies to these functions. */
#ifndef MDG_LOG_H
#define MDG_LOG_H

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARN, LOG_LEVEL_INFO };

/* Opens path for appending ("-" or NULL: stderr). Returns MDG_OK or MDG_ERR. */
int log_open(const char *path);
/* Async-signal-safe: asks for the log to be opened again by its path
 * before the next message (logrotate renamed it; SIGHUP). */
void log_reopen_soon(void);
/* Opens the log again by its path now, if log_reopen_soon asked for it
 * (a file log only). Returns MDG_OK, or MDG_ERR keeping the old file. */
int log_reopen_pending(void);
/* The request id added to every message until cleared with NULL. */
void log_set_request_id(const char *rid);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)

#endif
