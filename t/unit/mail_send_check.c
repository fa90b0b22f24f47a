/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail_send_check.c: sends one mail_send_batch of Korean test messages and
 * prints each item's result, for t/e2e/15-mail-transport.t. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/crypto.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "notify/mail.h"

#define SUBJECT "[마당] 민원이 접수되었습니다 2026-000123"
#define FROM_NAME "마당 민원센터"
#define TEXT "홍길동 님,\n민원이 접수되었습니다. 접수번호: 2026-000123\n"
#define HTML "<p>홍길동 님,</p><p>민원이 접수되었습니다. 접수번호: <b>2026-000123</b></p>"

static void usage(void)
{
	fprintf(stderr,
		"usage: mail-send-check [--print] [--user U --password P] [--starttls no|try|require]\n"
		"                       [--timeout S] [--tag T] HOST PORT FROM RCPT...\n"
		"Builds one message per RCPT (Message-ID <check-TAG-N@madang.test>) and sends\n"
		"them in one SMTP session; prints \"session RC\" and \"item N RCPT RC CODE ERR\".\n"
		"--print writes the first built message to stdout instead of sending.\n");
	exit(2);
}

int main(int argc, char **argv)
{
	mail_server srv = {.starttls = MAIL_TLS_NO, .timeout_s = 10};
	const char *tag = "t";
	mail_batch_item *items = NULL;
	buf *msgs = NULL;
	char **ids = NULL;
	int print = 0, i = 1, rc = 1, n;
	long port;

	signal(SIGPIPE, SIG_IGN);
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--print") == 0)
			print = 1;
		else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
			srv.user = argv[++i];
		else if (strcmp(argv[i], "--password") == 0 && i + 1 < argc)
			srv.password = argv[++i];
		else if (strcmp(argv[i], "--tag") == 0 && i + 1 < argc)
			tag = argv[++i];
		else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
			srv.timeout_s = atoi(argv[++i]);
		else if (strcmp(argv[i], "--starttls") == 0 && i + 1 < argc) {
			i++;
			srv.starttls = strcmp(argv[i], "require") == 0 ? MAIL_TLS_REQUIRE
				       : strcmp(argv[i], "try") == 0   ? MAIL_TLS_TRY
								       : MAIL_TLS_NO;
		} else
			usage();
	}
	if (argc - i < 4 || text_parse_long(argv[i + 1], 1, 65535, &port) != MDG_OK)
		usage();
	if (crypto_init() != MDG_OK)
		return 1;
	srv.host = argv[i];
	srv.port = (int)port;
	n = argc - i - 3;
	items = xcalloc((size_t)n, sizeof *items);
	msgs = xcalloc((size_t)n, sizeof *msgs);
	ids = xcalloc((size_t)n, sizeof *ids);
	for (int k = 0; k < n; k++) {
		const char *rcpt = argv[i + 3 + k];
		mail_message m = {
			.from_addr = argv[i + 2], .from_name = FROM_NAME,
			.to_addr = rcpt, .to_name = "홍길동",
			.subject = SUBJECT, .text = TEXT, .html = HTML,
		};
		ids[k] = xasprintf("check-%s-%d@madang.test", tag, k);
		m.message_id = ids[k];
		items[k].rcpt = rcpt;
		if (mail_build(&m, &msgs[k]) != MDG_OK) {
			/* An address mail_build refuses still goes to the batch,
			 * which must refuse it for good without sending. */
			buf_puts(&msgs[k], "Subject: x\r\n\r\nx\r\n");
		}
		items[k].data = buf_str(&msgs[k]);
		items[k].len = msgs[k].len;
	}
	if (print) {
		fwrite(items[0].data, 1, items[0].len, stdout);
		rc = 0;
		goto done;
	}
	rc = mail_send_batch(&srv, argv[i + 2], items, (size_t)n);
	printf("session %s\n", mdg_rc_name(rc));
	for (int k = 0; k < n; k++) {
		/* One line per item: control characters in a test address
		 * (the injection case) are shown as '?'. */
		char *shown = xstrdup(items[k].rcpt);
		for (char *p = shown; *p; p++)
			if ((unsigned char)*p < 0x20)
				*p = '?';
		printf("item %d %s %s %d %s %s\n", k, shown, mdg_rc_name(items[k].result),
		       items[k].smtp_code, ids[k], items[k].err);
		free(shown);
	}
	rc = 0;
done:
	for (int k = 0; k < n; k++) {
		buf_free(&msgs[k]);
		free(ids[k]);
	}
	free(ids);
	free(msgs);
	free(items);
	return rc;
}
