/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* main.c: madang-notifier, which escalates idle cases, enqueues
 * deadline-driven notices and delivers the outbox by e-mail and SMS. */
#include "notifier.h"
#include "cache/page_cache.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/stop.h"
#include "core/text.h"
#include "notify/message.h"
#include "render/render.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"Usage: madang-notifier [--config FILE] (--once | --loop [--interval SECONDS]) [OPTIONS]\n"
	"\n"
	"Each run escalates cases idle past their escalation period, enqueues the\n"
	"notices that deadlines make due (delay apologies, reminders, digests),\n"
	"then claims due outbox rows and delivers them by e-mail (SMTP) and SMS\n"
	"(Kannel) until none are left. Failed deliveries are retried with backoff\n"
	"or dead-lettered; the run still succeeds. Cron runs --once every minute.\n"
	"\n"
	"  -c, --config FILE     the HDF configuration file (default: $MADANG_CONFIG)\n"
	"      --once            one run, then exit: 0 when it worked, 1 when the\n"
	"                        database was unreachable or lost\n"
	"      --loop            a run every --interval seconds until SIGTERM/SIGINT;\n"
	"                        a database failure is logged and retried\n"
	"                        (SIGHUP opens notifier.log again, for logrotate)\n"
	"      --interval SECONDS  the pause between runs of --loop (default 10)\n"
	"      --batch N         rows per claim (default notifier.batch, else 100)\n"
	"      --lease SECONDS   how long a claim holds its rows before another\n"
	"                        notifier may take them (default notifier.lease, else 300)\n"
	"      --owner NAME      the name leases are taken under (default host:pid)\n"
	"      --now TIME        act as if the database clock read TIME,\n"
	"                        'YYYY-MM-DD HH:MM:SS' (for tests)\n"
	"  -h, --help            show this help\n";

/* A whole number within [min, max] from an option, or -1. */
static long option_long(const char *name, const char *value, long min, long max)
{
	long v;
	if (text_parse_long(value, min, max, &v) != MDG_OK) {
		fprintf(stderr, "madang-notifier: %s needs a whole number from %ld to %ld\n", name, min, max);
		return -1;
	}
	return v;
}

static int run_once(notifier *n)
{
	run_stats st;
	int rc = notifier_run(n, &st);
	log_info("run: scanned=%ld escalated=%d claimed=%ld sent=%ld retried=%ld dead=%ld scan_ms=%ld%s", st.scanned,
		 st.escalated, st.claimed, st.sent, st.retried, st.dead, st.scan_ms,
		 rc == MDG_OK ? "" : rc == MDG_EDB ? " failed: database unreachable or lost" : " failed");
	if (rc == MDG_EINVAL)
		log_error("run failed: --now is not a real date and time");
	else if (rc != MDG_OK)
		log_error("run failed: %s (%s)%s", mdg_rc_name(rc), n->db ? db_error(n->db) : "no connection",
			  rc == MDG_EDB ? "; rows claimed and not marked are taken again when their lease ends" : "");
	return rc;
}

int main(int argc, char **argv)
{
	enum { OPT_ONCE = 256, OPT_LOOP, OPT_INTERVAL, OPT_BATCH, OPT_LEASE, OPT_OWNER, OPT_NOW };
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{"once", no_argument, NULL, OPT_ONCE},
		{"loop", no_argument, NULL, OPT_LOOP},
		{"interval", required_argument, NULL, OPT_INTERVAL},
		{"batch", required_argument, NULL, OPT_BATCH},
		{"lease", required_argument, NULL, OPT_LEASE},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"now", required_argument, NULL, OPT_NOW},
		{NULL, 0, NULL, 0},
	};
	const char *config_path = NULL, *owner = NULL;
	long interval = 10, batch = 0, lease = 0;
	int once = 0, loop = 0, c, rc = 1;
	notifier n;

	memset(&n, 0, sizeof n);
	n.stop = &stop_requested;
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': config_path = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		case OPT_ONCE: once = 1; break;
		case OPT_LOOP: loop = 1; break;
		case OPT_INTERVAL: interval = option_long("--interval", optarg, 1, 86400); break;
		case OPT_BATCH: batch = option_long("--batch", optarg, 1, 10000); break;
		case OPT_LEASE: lease = option_long("--lease", optarg, 10, 86400); break;
		case OPT_OWNER: owner = optarg; break;
		case OPT_NOW: n.now = optarg; break;
		default: fputs(usage, stderr); return 2;
		}
		if (interval < 0 || batch < 0 || lease < 0)
			return 2;
	}
	if (optind != argc || once + loop != 1) {
		fputs(usage, stderr);
		return 2;
	}
	if (owner && (!*owner || strlen(owner) >= sizeof n.owner)) {
		fprintf(stderr, "madang-notifier: --owner needs 1 to %zu characters\n", sizeof n.owner - 1);
		return 2;
	}
	if (n.now && strlen(n.now) != 19) {
		fprintf(stderr, "madang-notifier: --now needs 'YYYY-MM-DD HH:MM:SS'\n");
		return 2;
	}
	if (owner) {
		snprintf(n.owner, sizeof n.owner, "%s", owner);
	} else {
		char host[48] = "";
		if (gethostname(host, sizeof host) != 0)
			snprintf(host, sizeof host, "localhost");
		host[sizeof host - 1] = '\0';
		snprintf(n.owner, sizeof n.owner, "%s:%ld", host, (long)getpid());
	}

	stop_signals_setup();
	if (config_load(config_path, &n.cfg) != MDG_OK)
		goto done;
	if (log_open(config_str(n.cfg, "notifier.log", "-")) != MDG_OK) {
		fprintf(stderr, "madang-notifier: cannot open notifier.log %s\n", config_str(n.cfg, "notifier.log", "-"));
		goto done;
	}
	/* Its jobs change cases (escalation, proposals filed): their pages in
	 * the public page cache are purged (lib/cases/public_view.h). */
	if (page_cache_open(config_str(n.cfg, "cache.dir", "")) != MDG_OK)
		goto done;
	n.batch = (int)(batch ? batch : config_long(n.cfg, "notifier.batch", 100, 1, 10000));
	n.lease = (int)(lease ? lease : config_long(n.cfg, "notifier.lease", 300, 10, 86400));
	if (crypto_init() != MDG_OK || config_secret(n.cfg, n.key) != MDG_OK || notifier_configure(&n) != MDG_OK ||
	    render_init(config_str(n.cfg, "web.templates", "cs-templates")) != MDG_OK) {
		fprintf(stderr, "madang-notifier: cannot start (see notifier.log)\n");
		goto done;
	}
	log_info("notifier %s: %s, batch %d, lease %d s%s%s", n.owner, loop ? "loop" : "once", n.batch, n.lease,
		 n.now ? ", clock " : "", n.now ? n.now : "");
	if (once) {
		int r = run_once(&n);
		if (r == MDG_EINVAL)
			fprintf(stderr, "madang-notifier: --now needs 'YYYY-MM-DD HH:MM:SS'\n");
		else if (r != MDG_OK)
			fprintf(stderr, "madang-notifier: run failed: %s\n",
				r == MDG_EDB ? "the database is unreachable or was lost" : mdg_rc_name(r));
		rc = r == MDG_OK ? 0 : r == MDG_EINVAL ? 2 : 1;
		goto done;
	}
	while (!stop_requested) {
		/* A failed run is logged; the next one reconnects. A bad
		 * --now cannot get better. */
		if (run_once(&n) == MDG_EINVAL) {
			fprintf(stderr, "madang-notifier: --now needs 'YYYY-MM-DD HH:MM:SS'\n");
			rc = 2;
			goto done;
		}
		stop_pause(interval);
	}
	log_info("notifier %s: stopped by signal", n.owner);
	rc = 0;
done:
	sms_client_free(n.smsc);
	db_close(n.db);
	message_shutdown();
	render_shutdown();
	if (n.cfg)
		hdf_destroy(&n.cfg);
	return rc;
}
