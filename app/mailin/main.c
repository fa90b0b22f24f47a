/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* main.c: madang-mailin, the e-mail intake: one message from standard
 * input (an MTA alias or pipe), or every message of an IMAP mailbox. */
#include "mailin.h"
#include "cache/page_cache.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/stop.h"
#include "core/text.h"
#include "core/xalloc.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

static const char usage[] =
	"Usage: madang-mailin [--config FILE] (--stdin | --imap [--loop [--interval SECONDS]])\n"
	"\n"
	"Files incoming e-mail as cases: a new mail opens a case (the sender's\n"
	"verified account, else a guest case for the sender's address; the\n"
	"category from the address it was sent to, intake.route, else\n"
	"intake.category) and the sender gets the receipt notice; a reply (the\n"
	"tracking number [YYYY-NNNNNN] in the subject, or In-Reply-To/References\n"
	"naming one of our notices, from the case's filer) is added to its case.\n"
	"Auto-replies, lists, our own mail and mail already handled (same\n"
	"Message-ID) are never filed; a delivery report marks the failed address.\n"
	"\n"
	"  -c, --config FILE   the HDF configuration file (default: $MADANG_CONFIG)\n"
	"      --stdin         read one RFC 5322 message from standard input. Exit\n"
	"                      status for the MTA: 0 handled (filed, added, ignored\n"
	"                      or seen before), 65 (EX_DATAERR) refused for good,\n"
	"                      the reason on standard error (the MTA bounces it to\n"
	"                      the sender), 75 (EX_TEMPFAIL) try again later\n"
	"                      (database down, sender over intake.rate_per_hour).\n"
	"                      The environment's ORIGINAL_RECIPIENT (Postfix) is\n"
	"                      the first address looked up in intake.route\n"
	"      --imap          handle every message of the mailbox intake.imap.url\n"
	"                      by UID: handled ones are moved to intake.imap.done,\n"
	"                      refused ones to intake.imap.failed with a note\n"
	"                      giving the reason; ones to try later stay.\n"
	"                      intake.imap.workers sessions (4) share a pass\n"
	"      --loop          with --imap: poll every --interval seconds until\n"
	"                      SIGTERM/SIGINT (default: one pass, for cron)\n"
	"                      (SIGHUP opens intake.log again, for logrotate)\n"
	"      --interval SECONDS  the pause between passes (default intake.imap.interval, else 60)\n"
	"  -h, --help          show this help\n";

/* Reads standard input whole, up to MAIL_IN_MAX_BYTES. */
static int read_stdin(buf *b)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		if (b->len + n > (size_t)MAIL_IN_MAX_BYTES)
			return MDG_ETOOBIG;
		buf_append(b, chunk, n);
	}
	return ferror(stdin) ? MDG_ERR : MDG_OK;
}

static int run_stdin(mailin *mi)
{
	buf raw = {0};
	char why[300];
	int rc = read_stdin(&raw);
	if (rc == MDG_ETOOBIG) {
		fprintf(stderr, "madang-mailin: the message is larger than %ld bytes\n", (long)MAIL_IN_MAX_BYTES);
		buf_free(&raw);
		return EX_DATAERR;
	}
	if (rc != MDG_OK) {
		fprintf(stderr, "madang-mailin: cannot read standard input\n");
		buf_free(&raw);
		return EX_TEMPFAIL;
	}
	rc = mailin_handle(mi, raw.data ? raw.data : "", raw.len, NULL, why, sizeof why);
	buf_free(&raw);
	if (rc == MDG_OK)
		return 0;
	fprintf(stderr, "madang-mailin: %s\n", why);
	return rc == MDG_EINVAL || rc == MDG_ETOOBIG ? EX_DATAERR : EX_TEMPFAIL;
}

int main(int argc, char **argv)
{
	enum { OPT_STDIN = 256, OPT_IMAP, OPT_LOOP, OPT_INTERVAL };
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{"stdin", no_argument, NULL, OPT_STDIN},
		{"imap", no_argument, NULL, OPT_IMAP},
		{"loop", no_argument, NULL, OPT_LOOP},
		{"interval", required_argument, NULL, OPT_INTERVAL},
		{NULL, 0, NULL, 0},
	};
	const char *config_path = NULL;
	int use_stdin = 0, use_imap = 0, loop = 0, c, rc = EX_TEMPFAIL;
	long interval = 0;
	mailin mi;

	memset(&mi, 0, sizeof mi);
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': config_path = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		case OPT_STDIN: use_stdin = 1; break;
		case OPT_IMAP: use_imap = 1; break;
		case OPT_LOOP: loop = 1; break;
		case OPT_INTERVAL:
			if (text_parse_long(optarg, 1, 86400, &interval) != MDG_OK) {
				fprintf(stderr, "madang-mailin: --interval needs a whole number from 1 to 86400\n");
				return EX_USAGE;
			}
			break;
		default: fputs(usage, stderr); return EX_USAGE;
		}
	}
	if (optind != argc || use_stdin + use_imap != 1 || (loop && !use_imap) || (interval && !loop)) {
		fputs(usage, stderr);
		return EX_USAGE;
	}
	stop_signals_setup();
	if (config_load(config_path, &mi.cfg) != MDG_OK) {
		fprintf(stderr, "madang-mailin: cannot load the configuration\n");
		goto done;
	}
	if (log_open(config_str(mi.cfg, "intake.log", "-")) != MDG_OK) {
		fprintf(stderr, "madang-mailin: cannot open intake.log %s\n", config_str(mi.cfg, "intake.log", "-"));
		goto done;
	}
	/* Cases filed by mail appear in the public lists (public_view.h). */
	if (page_cache_open(config_str(mi.cfg, "cache.dir", "")) != MDG_OK)
		goto done;
	if (crypto_init() != MDG_OK || mailin_configure(&mi) != MDG_OK) {
		fprintf(stderr, "madang-mailin: cannot start (see intake.log)\n");
		goto done;
	}
	if (use_stdin) {
		/* Postfix's local delivery names the address the mail came to
		 * (minwon+road@...) even when the headers do not. */
		mailin_envelope_rcpt = getenv("ORIGINAL_RECIPIENT");
		rc = run_stdin(&mi);
		goto done;
	}
	if (!interval)
		interval = config_long(mi.cfg, "intake.imap.interval", 60, 1, 86400);
	do {
		mailin_stats st = {0};
		int r = mailin_imap_pass(&mi, &st);
		log_info("imap pass: seen=%ld filed=%ld threaded=%ld ignored=%ld failed=%ld later=%ld%s", st.seen,
			 st.filed, st.threaded, st.ignored, st.failed, st.later, r == MDG_OK ? "" : " (pass failed)");
		rc = r == MDG_OK ? 0 : EX_TEMPFAIL;
		if (loop)
			stop_pause(interval);
	} while (loop && !stop_requested);
done:
	mailin_free(&mi);
	return rc;
}
