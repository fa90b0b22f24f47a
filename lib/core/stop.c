/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* stop.c: SIGTERM/SIGINT as a flag, SIGHUP as a log reopen (see stop.h). */
#include "core/stop.h"
#include "core/log.h"
#include "core/mdg.h"

#include <string.h>
#include <time.h>

volatile sig_atomic_t stop_requested;
/* SIGHUP came: the log is opened again before the next message, and
 * stop_pause says so in the new file. */
static volatile sig_atomic_t reopen_said;

static void on_stop(int sig)
{
	MDG_UNUSED(sig);
	stop_requested = 1;
}

static void on_reopen(int sig)
{
	MDG_UNUSED(sig);
	log_reopen_soon();
	reopen_said = 1;
}

void stop_signals_setup(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* logrotate has renamed the log (deploy/logrotate/madang). */
	sa.sa_handler = on_reopen;
	sigaction(SIGHUP, &sa, NULL);
}

void stop_pause(long seconds)
{
	for (long i = 0; i < seconds * 10 && !stop_requested; i++) {
		if (reopen_said) {
			reopen_said = 0;
			log_info("log reopened"); /* the first line of the new file */
		}
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}
