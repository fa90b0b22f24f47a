/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* stop.h: how a long-running program (madang-notifier, madang-mailin)
 * stops: SIGTERM or SIGINT sets a flag it reads between units of work;
 * and how it follows logrotate: SIGHUP opens its log file again by name
 * (before its next message; in a pause at once). */
#ifndef MDG_STOP_H
#define MDG_STOP_H
#include <signal.h>

/* Set by SIGTERM and SIGINT once stop_signals_setup has run. */
extern volatile sig_atomic_t stop_requested;

/* Ignores SIGPIPE (a server that hangs up mid-write must not kill the
 * process) and makes SIGTERM and SIGINT set stop_requested, and SIGHUP
 * reopen the log (log_reopen_soon), with SA_RESTART: a signal during an
 * SMTP, HTTP or IMAP exchange must not break it. */
void stop_signals_setup(void);

/* Sleeps up to seconds, returning early once stop_requested is set; a
 * log reopen asked meanwhile is done at once ("log reopened"). */
void stop_pause(long seconds);

#endif
