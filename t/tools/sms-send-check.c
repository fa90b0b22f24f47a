/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* sms-send-check.c: one sms_send to a real Kannel, for t/e2e/16-sms-transport.t. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/mdg.h"
#include "notify/sms.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: sms-send-check --url URL --user U --password P --to NUMBER --text UTF8\n"
		"       [--from DIGITS] [--key KEY] [--ref N] [--dlr-url URL --dlr-secret S]\n"
		"       [--max-parts N] [--timeout S] [--repeat N]\n"
		"Normalises NUMBER, sends TEXT (N times over one connection with --repeat)\n"
		"and prints \"rc=NAME\" and \"err=...\". Exit 0 on MDG_OK, 75 on\n"
		"MDG_ETEMPFAIL, 1 on other failures, 2 on bad usage.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"url", required_argument, NULL, 'u'},      {"user", required_argument, NULL, 'U'},
		{"password", required_argument, NULL, 'p'}, {"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},       {"text", required_argument, NULL, 'x'},
		{"key", required_argument, NULL, 'k'},      {"ref", required_argument, NULL, 'r'},
		{"dlr-url", required_argument, NULL, 'd'},  {"dlr-secret", required_argument, NULL, 's'},
		{"max-parts", required_argument, NULL, 'm'}, {"timeout", required_argument, NULL, 'T'},
		{"repeat", required_argument, NULL, 'n'},   {NULL, 0, NULL, 0},
	};
	sms_gateway g = {0};
	const char *to = NULL, *text = NULL, *key = "check-1";
	long long ref = 1;
	int repeat = 1, c, rc = MDG_ERR;
	char number[SMS_NUMBER_LEN], err[512] = "";
	sms_client *cl = NULL;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u': g.url = optarg; break;
		case 'U': g.user = optarg; break;
		case 'p': g.password = optarg; break;
		case 'f': g.from = optarg; break;
		case 't': to = optarg; break;
		case 'x': text = optarg; break;
		case 'k': key = optarg; break;
		case 'r': ref = strtoll(optarg, NULL, 10); break;
		case 'd': g.dlr_url_base = optarg; break;
		case 's': g.dlr_secret = optarg; break;
		case 'm': g.max_parts = atoi(optarg); break;
		case 'T': g.timeout_s = atoi(optarg); break;
		case 'n': repeat = atoi(optarg); break;
		default: usage(); return 2;
		}
	}
	if (!to || !text || optind != argc || repeat < 1) {
		usage();
		return 2;
	}
	if (crypto_init() != MDG_OK)
		return 1;
	if (sms_normalise_number(to, number, sizeof number) != MDG_OK) {
		printf("rc=%s\nerr=not a mobile number\n", mdg_rc_name(MDG_EINVAL));
		return 1;
	}
	cl = sms_client_new(&g, err, sizeof err);
	if (!cl) {
		printf("rc=%s\nerr=%s\n", mdg_rc_name(MDG_EINVAL), err);
		return 1;
	}
	for (int i = 0; i < repeat; i++) {
		rc = sms_client_send(cl, number, text, key, ref, err, sizeof err);
		printf("rc=%s\nerr=%s\n", mdg_rc_name(rc), err);
		if (rc != MDG_OK)
			break;
	}
	sms_client_free(cl);
	fflush(stdout);
	return rc == MDG_OK ? 0 : rc == MDG_ETEMPFAIL ? 75 : 1;
}
