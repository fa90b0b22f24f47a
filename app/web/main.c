/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* main.c: madang-web, the FastCGI application server. */
#include "web.h"
#include "cache/page_cache.h"
#include "auth/password.h"
#include "core/config.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/mdg.h"
#include "http/server.h"
#include "render/render.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: madang-web [--config FILE]\n"
	"\n"
	"Runs Madang's web application as a pre-forking FastCGI server on the\n"
	"unix socket named by web.socket, in the foreground. nginx passes\n"
	"requests to it; those beyond web.workers wait in the socket's queue\n"
	"(web.backlog, by default net.core.somaxconn). SIGTERM or SIGINT stops\n"
	"it after the requests in hand. SIGHUP opens web.log again (after\n"
	"logrotate renamed it), in the master and every worker.\n"
	"\n"
	"  -c, --config FILE  the HDF configuration file (default: $MADANG_CONFIG)\n"
	"  -h, --help         show this help\n";

static int worker_init(void *ctx)
{
	web_app *app = ctx;
	return db_connect(app->cfg, &app->db);
}

static void worker_handle(FCGX_Request *req, void *ctx)
{
	web_serve(ctx, req);
}

static void worker_exit(void *ctx)
{
	web_app *app = ctx;
	web_usage_flush(app, true);
	db_close(app->db);
	app->db = NULL;
}

static void read_settings(web_app *app)
{
	HDF *c = app->cfg;
	app->limits.max_body = (size_t)config_long(c, "limits.body", 30L << 20, 1024, 1L << 31);
	app->limits.max_fields = (size_t)config_long(c, "limits.fields", 200, 1, 100000);
	app->limits.max_field_len = (size_t)config_long(c, "limits.field_len", 100000, 256, 1L << 24);
	app->limits.max_file_size = (size_t)config_long(c, "limits.file_size", 10L << 20, 1, 1L << 31);
	app->limits.max_files = (size_t)config_long(c, "limits.files", 5, 0, 100);
	app->session.idle_minutes = config_long(c, "session.idle_minutes", 60, 1, 100000);
	app->session.absolute_hours = config_long(c, "session.absolute_hours", 12, 1, 10000);
	app->throttle.window_minutes = config_long(c, "throttle.window_minutes", 15, 1, 10000);
	app->throttle.per_login = config_long(c, "throttle.per_login", 5, 1, 10000);
	app->throttle.per_addr = config_long(c, "throttle.per_addr", 30, 1, 100000);
	app->throttle.delay_seconds = config_long(c, "throttle.delay_seconds", 30, 1, 86400);
	app->throttle.max_delay_seconds = config_long(c, "throttle.max_delay_seconds", 300, 1, 86400);
	app->templates = config_str(c, "web.templates", "cs-templates");
	app->uploads = config_str(c, "web.uploads", "var/uploads");
	app->tmp = config_str(c, "web.tmp", "var/tmp");
	app->https = config_long(c, "web.https", 0, 0, 1) == 1;
	app->metrics_token = config_str(c, "web.metrics_token", "");
	app->migrations = config_str(c, "db.migrations", "db/migrations");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *config_path = NULL;
	web_app app;
	int c, rc = 1;

	memset(&app, 0, sizeof app);
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config_path = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	if (config_load(config_path, &app.cfg) != MDG_OK)
		goto done;
	if (log_open(config_str(app.cfg, "web.log", "-")) != MDG_OK)
		goto done;
	read_settings(&app);
	if (crypto_init() != MDG_OK || config_secret(app.cfg, app.secret) != MDG_OK ||
	    render_init(app.templates) != MDG_OK || web_map_settings(&app) != MDG_OK ||
	    password_policy_init(config_str(app.cfg, "web.data", "data")) != MDG_OK)
		goto done;
	/* The public page cache (cache.dir): emptied at start, as the
	 * templates or the code that rendered its pages may have changed, and
	 * then filled only with cache.store = 1 (an emptied cache is also how
	 * it is turned off: nginx serves its files whatever the setting). A
	 * cache that cannot be emptied must not be served from: no start. */
	if (page_cache_open(config_str(app.cfg, "cache.dir", "")) != MDG_OK || page_cache_purge_all() != MDG_OK)
		goto done;
	page_cache_tidy();
	/* nginx sends a cached page with the site file's fixed
	 * Content-Security-Policy, which has no map tile origin: with
	 * map.tiles set, a cached page's map would lose its tiles, so no page
	 * is stored (docs/operations.md, "Public page cache"). */
	if (!config_long(app.cfg, "cache.store", 1, 0, 1) || *config_str(app.cfg, "map.tiles", ""))
		page_cache_open(NULL);

	http_server_opts sopts = {
		.socket_path = config_str(app.cfg, "web.socket", "var/run/web.sock"),
		.socket_mode = (int)strtol(config_str(app.cfg, "web.socket_mode", "0660"), NULL, 8),
		/* 0: as many as the kernel allows (net.core.somaxconn) */
		.backlog = (int)config_long(app.cfg, "web.backlog", 0, 0, 1 << 20),
		.workers = (int)config_long(app.cfg, "web.workers", 4, 1, 256),
		.max_requests = config_long(app.cfg, "web.max_requests", 10000, 0, 1L << 40),
		.stop_timeout = (int)config_long(app.cfg, "web.stop_timeout", 20, 1, 3600),
	};
	http_server_hooks hooks = {worker_init, worker_handle, worker_exit, &app};
	/* Before the fork: the workers count into the master's block. */
	if (metrics_init() != MDG_OK)
		goto done;
	if (http_server_run(&sopts, &hooks) == MDG_OK)
		rc = 0;
done:
	password_policy_free();
	render_shutdown();
	if (app.cfg)
		hdf_destroy(&app.cfg);
	return rc;
}
