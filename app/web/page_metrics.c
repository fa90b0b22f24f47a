/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_metrics.c: /metrics, the counters in Prometheus text format, for
 * the loopback or a holder of web.metrics_token. */
#include "web.h"
#include "core/crypto.h"
#include "core/metrics.h"
#include "core/mdg.h"
#include "notify/outbox.h"

#include <string.h>

/* Whether the caller may read the counters: with web.metrics_token set,
 * whoever sends it as "Authorization: Bearer TOKEN" (from anywhere, and
 * only they); without, a client on the loopback (nginx in front passes
 * the client's address; deploy/nginx/madang.conf also allows only
 * 127.0.0.1 by default). */
static bool metrics_allowed(const web *w)
{
	const char *token = w->app->metrics_token;
	if (token && token[0]) {
		const char *auth = http_req_env(w->r, "HTTP_AUTHORIZATION");
		return auth && strncmp(auth, "Bearer ", 7) == 0 && crypto_str_equal(auth + 7, token);
	}
	const char *addr = w->r->remote_addr ? w->r->remote_addr : "";
	return strncmp(addr, "127.", 4) == 0 || strcmp(addr, "::1") == 0;
}

/* The outbox's depth and the age of its oldest pending row per channel,
 * read when asked (the pending rows' range of an index), and whether the
 * DB answered. */
static void write_outbox(web *w)
{
	buf *out = &w->r->body;
	db_result *r = NULL;
	bool up = w->app->db && !w->db_down && outbox_pending_stats(w->app->db, &r) == MDG_OK;
	buf_printf(out, "# HELP madang_db_up Whether this worker's database connection answered.\n"
			"# TYPE madang_db_up gauge\n"
			"madang_db_up %d\n", up ? 1 : 0);
	if (!up)
		return;
	static const char *const channels[] = {"email", "sms"};
	static const struct {
		const char *name, *help, *column;
	} gauges[] = {
		{"madang_outbox_pending", "Messages waiting in the outbox, by channel.", "n"},
		{"madang_outbox_oldest_pending_seconds", "Age of the oldest message waiting in the outbox (0: none).",
		 "oldest"},
	};
	for (size_t g = 0; g < MDG_ARRAY_LEN(gauges); g++) {
		buf_printf(out, "# HELP %s %s\n# TYPE %s gauge\n", gauges[g].name, gauges[g].help, gauges[g].name);
		for (size_t i = 0; i < MDG_ARRAY_LEN(channels); i++) {
			long long v = 0; /* a channel without pending rows has no row */
			const char *ch;
			for (unsigned row = 0; (ch = db_get(r, row, "channel", NULL)); row++)
				if (strcmp(ch, channels[i]) == 0)
					v = db_get_ll(r, row, gauges[g].column, 0);
			buf_printf(out, "%s{channel=\"%s\"} %lld\n", gauges[g].name, channels[i], v > 0 ? v : 0);
		}
	}
	db_result_free(r);
}

int page_metrics(web *w)
{
	if (!metrics_allowed(w))
		return MDG_EDENIED;
	w->content_type = "text/plain; version=0.0.4; charset=utf-8";
	metrics_write(&w->r->body);
	write_outbox(w);
	return MDG_OK;
}
