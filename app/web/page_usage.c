/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_usage.c: usage statistics (lib/usage): counting each page view
 * (called by dispatch.c), the supervisors' page /staff/usage with its
 * CSV, and the public summary /usage when the setting
 * usage.public_summary is 1. */
#include "web.h"
#include "core/config.h"
#include "core/mdg.h"
#include "core/xalloc.h"
#include "http/encode.h"
#include "org/setting.h"
#include "render/chart.h"
#include "render/render.h"
#include "reports/report.h"
#include "usage/usage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- counting */

void web_usage_count(web *w, const char *content_type)
{
	http_req *r = w->r;
	/* Pages people look at: answered with HTML, not a redirect, a file,
	 * JSON, an error or the health check. */
	if (!w->app->db || !r->path || config_long(w->app->cfg, "usage.count", 1, 0, 1) == 0 ||
	    strcmp(r->method, "GET") != 0 || r->status != 200 || !content_type ||
	    strncmp(content_type, "text/html", 9) != 0 || strcmp(r->path, "/healthz") == 0)
		return;
	usage_count_view(w->app->db, usage_section(r->path), r->remote_addr, http_req_env(r, "HTTP_USER_AGENT"));
}

void web_usage_flush(web_app *app, bool now)
{
	usage_flush(app->db, now ? 0 : config_long(app->cfg, "usage.flush_seconds", 5, 0, 3600));
}

void web_usage_search(web *w, bool staff_inbox, const char *words, long page, long found)
{
	/* A search is counted once, not again for each page of its results. */
	if (words && *words && page <= 1)
		usage_count_search(w->app->db, staff_inbox ? USAGE_INBOX : USAGE_PUBLIC, words, found > 0);
}

/* ---- the figures */

static const char *const channels[] = {"web", "email", "sms", "phone", "open311"};
enum { NCHANNELS = MDG_ARRAY_LEN(channels) };

/* One day of the period with its figures. */
typedef struct usage_day {
	char day[11];
	long long views, visitors, signups, filings;
	long long by_channel[NCHANNELS];
} usage_day;

typedef struct usage_page {
	report_period period;
	usage_day *days; /* every day of the period, in order */
	size_t ndays;
} usage_page;

static void usage_page_free(usage_page *u)
{
	free(u->days);
	u->days = NULL;
}

/* Every day from p->from to p->to (at most REPORT_MAX_YEARS years). */
static void days_make(usage_page *u)
{
	struct tm tm = {0};
	sscanf(u->period.from, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	size_t cap = 366 * REPORT_MAX_YEARS + 2;
	u->days = xcalloc(cap, sizeof *u->days);
	for (u->ndays = 0; u->ndays < cap; u->ndays++, t += 86400) {
		struct tm day;
		gmtime_r(&t, &day);
		strftime(u->days[u->ndays].day, sizeof u->days[u->ndays].day, "%Y-%m-%d", &day);
		if (strcmp(u->days[u->ndays].day, u->period.to) > 0)
			break;
	}
}

static usage_day *day_find(usage_page *u, const char *day)
{
	/* The days are in order: a binary search. */
	size_t lo = 0, hi = u->ndays;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(u->days[mid].day, day);
		if (c == 0)
			return &u->days[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int usage_load(web *w, usage_page *u)
{
	db_result *r = NULL;
	days_make(u);
	int rc = usage_days(w->app->db, u->period.from, u->period.to, &r);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		usage_day *d = day_find(u, db_get(r, i, "day", ""));
		if (!d)
			continue;
		d->views = db_get_ll(r, i, "views", 0);
		d->visitors = db_get_ll(r, i, "visitors", 0);
		d->signups = db_get_ll(r, i, "signups", 0);
		d->filings = db_get_ll(r, i, "filings", 0);
	}
	db_result_free(r);
	r = NULL;
	if (rc == MDG_OK)
		rc = usage_filings(w->app->db, u->period.from, u->period.to, &r);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		usage_day *d = day_find(u, db_get(r, i, "day", ""));
		const char *channel = db_get(r, i, "channel", "");
		for (size_t c = 0; d && c < NCHANNELS; c++)
			if (strcmp(channel, channels[c]) == 0)
				d->by_channel[c] = db_get_ll(r, i, "filings", 0);
	}
	db_result_free(r);
	return rc;
}

/* The period from the query's from and to (either empty: that end of the
 * last REPORT_DEFAULT_DAYS days). *errors counts the fields in error. */
static int period_input(web *w, report_period *p, int *errors)
{
	static const field_spec fields[] = {
		{"from", FIELD_LINE, false, 10, 0, 0},
		{"to", FIELD_LINE, false, 10, 0, 0},
	};
	const char *field, *problem;
	report_period def;
	form f;
	for (size_t i = 0; i < MDG_ARRAY_LEN(fields); i++) {
		const char *v = kv_get(&w->r->query, fields[i].name);
		if (v)
			kv_add(&w->r->form, fields[i].name, v, strlen(v));
	}
	*errors = form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	if (*errors)
		return MDG_OK;
	int rc = report_period_default(w->app->db, &def);
	if (rc != MDG_OK)
		return rc;
	const char *from = form_text(&f, "from"), *to = form_text(&f, "to");
	if (report_period_make(*from ? from : def.from, *to ? to : def.to, p, &field, &problem) != MDG_OK)
		form_fail(&f, field, problem);
	*errors = f.errors;
	return MDG_OK;
}

/* Usage.Days.N (day, views, visitors, and for staff signups, filings and
 * one column per channel) and the charts drawn from them. */
static void fill_days(web *w, const usage_page *u, bool staff)
{
	char name[64];
	size_t n = u->ndays;
	const char **cats = xcalloc(n ? n : 1, sizeof *cats);
	long long *vals = xcalloc((3 + NCHANNELS) * (n ? n : 1), sizeof *vals);
	long long *views = vals, *visitors = vals + n, *signups = vals + 2 * n;
	buf svg = {0};
	for (size_t i = 0; i < n; i++) {
		const usage_day *d = &u->days[i];
		cats[i] = d->day + 5; /* MM-DD: the year is in the period shown */
		views[i] = d->views;
		visitors[i] = d->visitors;
		signups[i] = d->signups;
		snprintf(name, sizeof name, "Usage.Days.%zu.day", i);
		web_set(w, name, "%s", d->day);
		snprintf(name, sizeof name, "Usage.Days.%zu.views", i);
		web_set(w, name, "%lld", d->views);
		snprintf(name, sizeof name, "Usage.Days.%zu.visitors", i);
		web_set(w, name, "%lld", d->visitors);
		if (!staff)
			continue;
		snprintf(name, sizeof name, "Usage.Days.%zu.signups", i);
		web_set(w, name, "%lld", d->signups);
		snprintf(name, sizeof name, "Usage.Days.%zu.filings", i);
		web_set(w, name, "%lld", d->filings);
		for (size_t c = 0; c < NCHANNELS; c++) {
			vals[(3 + c) * n + i] = d->by_channel[c];
			snprintf(name, sizeof name, "Usage.Days.%zu.%s", i, channels[c]);
			web_set(w, name, "%lld", d->by_channel[c]);
		}
	}
	const chart_series visits[] = {{render_text(w->lang, "Usage.Col.views"), views},
				       {render_text(w->lang, "Usage.Col.visitors"), visitors}};
	const chart c1 = {CHART_LINE, "chart-visits", render_text(w->lang, "Usage.ChartVisits"),
			  render_text(w->lang, "Usage.ChartDesc"), cats, n, visits, 2};
	chart_svg(&svg, &c1);
	hdf_set_value(w->hdf, "Usage.ChartVisits", buf_str(&svg));
	if (staff) {
		chart_series by_channel[NCHANNELS];
		char key[64];
		for (size_t c = 0; c < NCHANNELS; c++) {
			snprintf(key, sizeof key, "Inbox.Channel.%s", channels[c]);
			by_channel[c] = (chart_series){render_text(w->lang, key), vals + (3 + c) * n};
		}
		const chart c2 = {CHART_STACKED, "chart-filings", render_text(w->lang, "Usage.ChartFilings"),
				  render_text(w->lang, "Usage.ChartDesc"), cats, n, by_channel, NCHANNELS};
		const chart_series joined[] = {{render_text(w->lang, "Usage.Col.signups"), signups}};
		const chart c3 = {CHART_BARS, "chart-signups", render_text(w->lang, "Usage.ChartSignups"),
				  render_text(w->lang, "Usage.ChartDesc"), cats, n, joined, 1};
		buf_reset(&svg);
		chart_svg(&svg, &c2);
		hdf_set_value(w->hdf, "Usage.ChartFilings", buf_str(&svg));
		buf_reset(&svg);
		chart_svg(&svg, &c3);
		hdf_set_value(w->hdf, "Usage.ChartSignups", buf_str(&svg));
	}
	buf_free(&svg);
	free(vals);
	free(cats);
}

/* Usage.Words.<name>: the top words of area by the searches of kind. */
static int fill_words(web *w, const report_period *p, const char *area, usage_searches kind, const char *name)
{
	db_result *r = NULL;
	char prefix[64];
	int rc = usage_top_words(w->app->db, p->from, p->to, area, kind, &r);
	if (rc == MDG_OK) {
		snprintf(prefix, sizeof prefix, "Usage.Words.%s", name);
		db_rows_hdf(r, w->hdf, prefix);
	}
	db_result_free(r);
	return rc;
}

static int fill_sections(web *w, const report_period *p)
{
	db_result *r = NULL;
	buf svg = {0};
	int rc = usage_section_views(w->app->db, p->from, p->to, &r);
	if (rc != MDG_OK)
		goto done;
	db_rows_hdf(r, w->hdf, "Usage.Sections");
	if (r->nrows) {
		const char **cats = xcalloc(r->nrows, sizeof *cats);
		long long *views = xcalloc(r->nrows, sizeof *views);
		char key[64];
		for (unsigned i = 0; i < r->nrows; i++) {
			snprintf(key, sizeof key, "Usage.Section.%s", db_get(r, i, "section", ""));
			cats[i] = render_text(w->lang, key) ? render_text(w->lang, key) : db_get(r, i, "section", "");
			views[i] = db_get_ll(r, i, "views", 0);
		}
		const chart_series s[] = {{render_text(w->lang, "Usage.Col.views"), views}};
		const chart c = {CHART_BARS, "chart-sections", render_text(w->lang, "Usage.ChartSections"),
				 render_text(w->lang, "Usage.ChartDesc"), cats, r->nrows, s, 1};
		chart_svg(&svg, &c);
		hdf_set_value(w->hdf, "Usage.ChartSections", buf_str(&svg));
		free(views);
		free(cats);
	}
done:
	buf_free(&svg);
	db_result_free(r);
	return rc;
}

int page_staff_usage(web *w)
{
	usage_page u = {0};
	int errors = 0;
	web_page(w, "reports/usage.cs", "StaffUsage");
	int rc = period_input(w, &u.period, &errors);
	if (rc != MDG_OK || errors) {
		if (errors)
			w->r->status = 400; /* the form again, the message beside the field */
		goto done;
	}
	hdf_set_value(w->hdf, "Form.from", u.period.from);
	hdf_set_value(w->hdf, "Form.to", u.period.to);
	hdf_set_value(w->hdf, "Report.From", u.period.from);
	hdf_set_value(w->hdf, "Report.To", u.period.to);
	rc = usage_load(w, &u);
	if (rc == MDG_OK)
		fill_days(w, &u, true);
	if (rc == MDG_OK)
		rc = fill_sections(w, &u.period);
	if (rc == MDG_OK)
		rc = fill_words(w, &u.period, "public", USAGE_ALL, "Public");
	if (rc == MDG_OK)
		rc = fill_words(w, &u.period, "public", USAGE_ZERO, "PublicZero");
	if (rc == MDG_OK)
		rc = fill_words(w, &u.period, "inbox", USAGE_ALL, "Inbox");
	if (rc == MDG_OK)
		rc = fill_words(w, &u.period, "inbox", USAGE_ZERO, "InboxZero");
	if (rc == MDG_OK)
		hdf_set_value(w->hdf, "Usage.Shown", "1");
done:
	usage_page_free(&u);
	return rc;
}

int page_staff_usage_csv(web *w)
{
	usage_page u = {0};
	int errors = 0;
	char disposition[128], cell[32], key[64];
	int rc = period_input(w, &u.period, &errors);
	if (rc == MDG_OK && errors)
		rc = MDG_EINVAL;
	if (rc == MDG_OK)
		rc = usage_load(w, &u);
	if (rc != MDG_OK)
		goto done;
	buf *b = &w->r->body;
	static const char *const cols[] = {"day", "views", "visitors", "signups", "filings"};
	buf_puts(b, "\xEF\xBB\xBF"); /* the BOM: Excel then reads UTF-8 */
	for (size_t c = 0; c < MDG_ARRAY_LEN(cols); c++) {
		snprintf(key, sizeof key, "Usage.Col.%s", cols[c]);
		http_csv_field(b, render_text(w->lang, key), c == 0);
	}
	for (size_t c = 0; c < NCHANNELS; c++) {
		snprintf(key, sizeof key, "Inbox.Channel.%s", channels[c]);
		http_csv_field(b, render_text(w->lang, key), false);
	}
	buf_puts(b, "\r\n");
	for (size_t i = 0; i < u.ndays; i++) {
		const usage_day *d = &u.days[i];
		const long long figures[] = {d->views, d->visitors, d->signups, d->filings};
		http_csv_field(b, d->day, true);
		for (size_t c = 0; c < MDG_ARRAY_LEN(figures); c++) {
			snprintf(cell, sizeof cell, "%lld", figures[c]);
			http_csv_field(b, cell, false);
		}
		for (size_t c = 0; c < NCHANNELS; c++) {
			snprintf(cell, sizeof cell, "%lld", d->by_channel[c]);
			http_csv_field(b, cell, false);
		}
		buf_puts(b, "\r\n");
	}
	snprintf(disposition, sizeof disposition, "attachment; filename=\"madang-usage-%s-%s.csv\"", u.period.from,
		 u.period.to);
	w->content_type = "text/csv; charset=utf-8";
	http_header(w->r, "Content-Disposition", disposition);
done:
	usage_page_free(&u);
	return rc;
}

int page_public_usage(web *w)
{
	usage_page u = {0};
	char on[SETTING_VALUE_MAX + 1];
	int rc = setting_get(w->app->db, "usage.public_summary", "0", on, sizeof on);
	if (rc != MDG_OK)
		return rc;
	if (strcmp(on, "1") != 0)
		return MDG_ENOTFOUND;
	/* The last REPORT_DEFAULT_DAYS days: visits and the public list's
	 * searches, never the searches that found nothing. */
	rc = report_period_default(w->app->db, &u.period);
	if (rc == MDG_OK)
		rc = usage_load(w, &u);
	if (rc != MDG_OK)
		goto done;
	hdf_set_value(w->hdf, "Report.From", u.period.from);
	hdf_set_value(w->hdf, "Report.To", u.period.to);
	fill_days(w, &u, false);
	rc = fill_words(w, &u.period, "public", USAGE_FOUND, "Public");
	web_page(w, "portal/usage.cs", "PublicUsage");
done:
	usage_page_free(&u);
	return rc;
}
