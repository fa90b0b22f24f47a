/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_reports.c: the staff workload report (업무량) per department and
 * handler, and the public pages built on the same figures: statistics per
 * department and the published example cases (처리 사례). */
#include "web.h"
#include "core/config.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "reports/report.h"
#include "reports/rating_report.h"
#include "reports/report_scope.h"
#include "reports/analysis.h"
#include "reports/export_rows.h"
#include "core/codec.h"
#include "http/encode.h"
#include "render/chart.h"
#include "render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* One department of the tree as the report sees it. */
typedef struct dept_node {
	long long id;
	long long parent_id;  /* 0 for a root */
	int depth;
	bool active;
	const char *name;     /* in the request's language; owned by the tree result */
	bool visible;         /* in the viewer's scope */
	bool chosen;          /* in the part of the tree the report covers */
} dept_node;

typedef struct dept_tree {
	org_tree org;         /* the tree as lib/org reads it */
	dept_node *nodes;     /* in tree order */
	size_t n;
} dept_tree;

static void tree_free(dept_tree *t)
{
	free(t->nodes);
	org_tree_free(&t->org);
	memset(t, 0, sizeof *t);
}

static int tree_load(web *w, dept_tree *t)
{
	int rc = org_tree_load(w->app->db, w->lang, &t->org);
	if (rc != MDG_OK)
		return rc;
	t->n = t->org.n;
	t->nodes = xcalloc(t->n ? t->n : 1, sizeof *t->nodes);
	for (size_t i = 0; i < t->n; i++) {
		const org_dept *o = &t->org.depts[i];
		dept_node *d = &t->nodes[i];
		d->id = o->id;
		d->parent_id = o->parent_id;
		d->active = o->active;
		d->depth = o->depth;
		d->name = o->name;
	}
	return MDG_OK;
}

static const dept_node *tree_find(const dept_tree *t, long long id)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].id == id)
			return &t->nodes[i];
	return NULL;
}

/* Marks chosen the visible departments of the subtree rooted at index
 * root (tree order puts a subtree right after its root). */
static void tree_choose_subtree(dept_tree *t, size_t root)
{
	t->nodes[root].chosen = true;
	for (size_t i = root + 1; i < t->n && t->nodes[i].depth > t->nodes[root].depth; i++)
		t->nodes[i].chosen = t->nodes[i].visible;
}

/* The row of a department (by id; 0 for the NULL department) in a result
 * with a department_id column, or -1. */
static int row_of(const db_result *r, long long id)
{
	for (unsigned i = 0; i < r->nrows; i++) {
		const char *cell = db_get(r, i, "department_id", NULL);
		if (cell ? db_get_ll(r, i, "department_id", 0) == id : id == 0)
			return (int)i;
	}
	return -1;
}

/* Sets prefix.field to value, and to a number. */
static void set_in(web *w, const char *prefix, const char *field, const char *value)
{
	char name[128];
	snprintf(name, sizeof name, "%s.%s", prefix, field);
	hdf_set_value(w->hdf, name, value);
}

static void set_in_ll(web *w, const char *prefix, const char *field, long long value)
{
	char text[24];
	snprintf(text, sizeof text, "%lld", value);
	set_in(w, prefix, field, text);
}

/* Sets prefix.ratings and prefix.rating (the average, "" without any). */
static void set_ratings(web *w, const char *prefix, long long n, long long sum)
{
	char avg[32];
	set_in_ll(w, prefix, "ratings", n);
	report_rating_average(n, sum, avg, sizeof avg);
	set_in(w, prefix, "rating", avg);
}

/* Sets prefix.received … prefix.avg, prefix.ratings and prefix.rating
 * from f. */
static void set_figures(web *w, const char *prefix, const report_figures *f)
{
	char avg[32];
	set_in_ll(w, prefix, "received", f->received);
	set_in_ll(w, prefix, "open", f->open);
	set_in_ll(w, prefix, "answered", f->answered);
	set_in_ll(w, prefix, "overdue", f->overdue);
	report_average_days(f->answered, f->answer_seconds, avg, sizeof avg);
	set_in(w, prefix, "avg", avg);
	set_ratings(w, prefix, f->ratings, f->rating_sum);
}

/* The name of a department's parent, "" for a root. */
static const char *parent_name(const dept_tree *t, const dept_node *d)
{
	const dept_node *p = d->parent_id ? tree_find(t, d->parent_id) : NULL;
	return p ? p->name : "";
}

/* Marks visible the departments the reader may report on
 * (report_scope.h). */
static void mark_visible(const report_scope *scope, dept_tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		t->nodes[i].visible = report_scope_covers(scope, t->nodes[i].id);
}

/* The department select: every visible department, in tree order. */
static void fill_choices(web *w, const dept_tree *t)
{
	char prefix[64];
	unsigned k = 0;
	for (size_t i = 0; i < t->n; i++) {
		const dept_node *d = &t->nodes[i];
		if (!d->visible)
			continue;
		snprintf(prefix, sizeof prefix, "Report.Choices.%u", k++);
		set_in_ll(w, prefix, "id", d->id);
		set_in(w, prefix, "name", d->name);
		set_in_ll(w, prefix, "depth", d->depth);
	}
}

/* The figures of row (or none, -1) of a workload result, with the
 * overdue of the cases due today before now (due_today, for the same
 * department and account) added. */
static void figures_at(const db_result *figs, int row, const db_result *due_today, long long department_id,
		       long long account_id, report_figures *f)
{
	memset(f, 0, sizeof *f);
	if (row >= 0)
		report_figures_read(figs, (unsigned)row, f);
	f->overdue += report_due_today_of(due_today, department_id, account_id);
}

/* Report.Rows and Report.Total: the chosen departments in tree order
 * (inactive ones only when they have figures), and the cases no rule
 * placed when the whole organisation is shown. */
static void fill_departments(web *w, const dept_tree *t, const db_result *figs, const db_result *due_today,
			     bool with_unplaced)
{
	report_figures total = {0}, f;
	char prefix[64];
	unsigned k = 0;
	for (size_t i = 0; i < t->n; i++) {
		const dept_node *d = &t->nodes[i];
		if (!d->chosen)
			continue;
		figures_at(figs, row_of(figs, d->id), due_today, d->id, 0, &f);
		if (!d->active && !f.received && !f.open && !f.answered)
			continue;
		snprintf(prefix, sizeof prefix, "Report.Rows.%u", k++);
		set_in_ll(w, prefix, "id", d->id);
		set_in(w, prefix, "name", d->name);
		set_in(w, prefix, "parent", parent_name(t, d));
		set_figures(w, prefix, &f);
		report_figures_add(&total, &f);
	}
	int row = with_unplaced ? row_of(figs, 0) : -1;
	if (row >= 0) {
		figures_at(figs, row, due_today, 0, 0, &f);
		snprintf(prefix, sizeof prefix, "Report.Rows.%u", k++);
		set_in(w, prefix, "unplaced", "1");
		set_figures(w, prefix, &f);
		report_figures_add(&total, &f);
	}
	set_figures(w, "Report.Total", &total);
}

/* Report.Handlers: each handler of the chosen departments. */
static int fill_handlers(web *w, const dept_tree *t, const report_period *p, const char *today)
{
	buf ids = {0};
	db_result *r = NULL, *due_today = NULL;
	report_figures f;
	char prefix[64];
	int rc = MDG_OK;

	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].chosen)
			buf_printf(&ids, "%s%lld", ids.len ? "," : "", t->nodes[i].id);
	hdf_set_value(w->hdf, "Report.ShowHandlers", "1");
	if (!ids.len)
		goto done;
	rc = report_workload_handlers(w->app->db, p, today, buf_str(&ids), &r);
	if (rc == MDG_OK)
		rc = report_workload_due_today(w->app->db, buf_str(&ids), true, &due_today);
	if (rc != MDG_OK)
		goto done;
	for (unsigned i = 0; i < r->nrows; i++) {
		long long dept = db_get_ll(r, i, "department_id", 0);
		const dept_node *d = tree_find(t, dept);
		snprintf(prefix, sizeof prefix, "Report.Handlers.%u", i);
		set_in(w, prefix, "department", d ? d->name : "");
		set_in(w, prefix, "name", db_get(r, i, "name", ""));
		figures_at(r, (int)i, due_today, dept, db_get_ll(r, i, "account_id", 0), &f);
		set_figures(w, prefix, &f);
	}
done:
	db_result_free(due_today);
	db_result_free(r);
	buf_free(&ids);
	return rc;
}

/* Report.Channels: the cases received in the period per channel, every
 * channel listed (0 when none came by it), and their sum in
 * Report.ChannelTotal; dept_ids as report_received_by_channel takes it. */
static int fill_channels(web *w, const report_period *p, const char *dept_ids)
{
	static const char *const channels[] = {"web", "email", "sms", "phone", "open311"};
	db_result *r = NULL;
	char prefix[64];
	long long total = 0;
	int rc = report_received_by_channel(w->app->db, p, dept_ids, &r);
	if (rc != MDG_OK)
		return rc;
	for (size_t i = 0; i < MDG_ARRAY_LEN(channels); i++) {
		long long n = 0;
		for (unsigned j = 0; j < r->nrows; j++)
			if (strcmp(db_get(r, j, "channel", ""), channels[i]) == 0)
				n = db_get_ll(r, j, "received", 0);
		snprintf(prefix, sizeof prefix, "Report.Channels.%zu", i);
		set_in(w, prefix, "channel", channels[i]);
		set_in_ll(w, prefix, "received", n);
		total += n;
	}
	web_set(w, "Report.ChannelTotal", "%lld", total);
	db_result_free(r);
	r = NULL;
	/* The proposals' reviews among the same cases, counted apart. */
	int rc2 = report_proposal_cases(w->app->db, p, dept_ids, &r);
	if (rc2 == MDG_OK)
		db_row_hdf(r, 0, w->hdf, "Report.Proposals");
	db_result_free(r);
	return rc2;
}

static const field_spec workload_fields[] = {
	{"from", FIELD_LINE, false, 10, 0, 0},
	{"to", FIELD_LINE, false, 10, 0, 0},
	{"department", FIELD_INT, false, 0, 1, 1000000},
};

/* Reads the period and the department from the query into *p and *dept,
 * and the database's today into today; *errors counts the fields in error
 * (marked beside them). MDG_OK, or the database's error. */
static int workload_input(web *w, const dept_tree *t, report_period *p, char today[11], long long *dept,
			  int *errors)
{
	const char *field, *problem;
	report_period def;
	form f;
	form_from_query(w, workload_fields, MDG_ARRAY_LEN(workload_fields));
	*errors = form_validate(w, workload_fields, MDG_ARRAY_LEN(workload_fields), &f);
	const char *from = form_text(&f, "from"), *to = form_text(&f, "to");
	*dept = 0;
	if (*errors)
		return MDG_OK;
	if (form_filled(&f, "department")) {
		const dept_node *node;
		*dept = form_num(&f, "department");
		if (!(node = tree_find(t, *dept)) || !node->visible)
			form_fail(&f, "department", "report_department");
	}
	/* Either date left empty: that end of the default period. */
	int rc = report_period_default(w->app->db, &def);
	if (rc != MDG_OK)
		return rc;
	memcpy(today, def.to, sizeof def.to);
	if (report_period_make(*from ? from : def.from, *to ? to : def.to, p, &field, &problem) != MDG_OK)
		form_fail(&f, field, problem);
	*errors = f.errors;
	return MDG_OK;
}

int page_report_workload(web *w)
{
	dept_tree t = {0};
	db_result *figs = NULL, *due_today = NULL;
	buf ids = {0};
	report_period p;
	char today[11] = "";
	long long dept = 0;
	int errors = 0;
	report_scope scope = report_scope_of(&w->perm);
	int rc = tree_load(w, &t);
	if (rc != MDG_OK)
		goto done;
	mark_visible(&scope, &t);
	fill_choices(w, &t);
	web_page(w, "reports/workload.cs", "ReportWorkload");
	rc = workload_input(w, &t, &p, today, &dept, &errors);
	if (rc != MDG_OK)
		goto done;
	if (errors > 0) {
		/* The form again, with the message beside the field. */
		w->r->status = 400;
		goto done;
	}
	hdf_set_value(w->hdf, "Form.from", p.from);
	hdf_set_value(w->hdf, "Form.to", p.to);
	hdf_set_value(w->hdf, "Report.From", p.from);
	hdf_set_value(w->hdf, "Report.To", p.to);
	if (dept) {
		for (size_t i = 0; i < t.n; i++)
			if (t.nodes[i].id == dept)
				tree_choose_subtree(&t, i);
		web_set(w, "Report.Department", "%lld", dept);
		hdf_set_value(w->hdf, "Report.DepartmentName", tree_find(&t, dept)->name);
	} else {
		for (size_t i = 0; i < t.n; i++)
			t.nodes[i].chosen = t.nodes[i].visible;
	}
	if (report_scope_partial(&scope, dept)) {
		/* Only the departments shown: a bureau's figures need not
		 * read the whole organisation's. */
		for (size_t i = 0; i < t.n; i++)
			if (t.nodes[i].chosen)
				buf_printf(&ids, "%s%lld", ids.len ? "," : "", t.nodes[i].id);
		rc = ids.len ? report_workload_some_departments(w->app->db, &p, today, buf_str(&ids), &figs)
			     : report_workload_departments(w->app->db, &p, today, &figs);
	} else {
		rc = report_workload_departments(w->app->db, &p, today, &figs);
	}
	if (rc == MDG_OK)
		rc = report_workload_due_today(w->app->db, ids.len ? buf_str(&ids) : NULL, false, &due_today);
	if (rc != MDG_OK)
		goto done;
	fill_departments(w, &t, figs, due_today, report_scope_unplaced(&scope, dept));
	/* Per channel, the same cases as the departments' received figure:
	 * the chosen departments' (none chosen: nothing), or all of them. */
	if (!report_scope_partial(&scope, dept))
		rc = fill_channels(w, &p, NULL);
	else if (ids.len)
		rc = fill_channels(w, &p, buf_str(&ids));
	if (rc != MDG_OK)
		goto done;
	/* Handlers of the whole organisation would make one very long table
	 * (and one slow query): they are shown for a chosen department, or
	 * for the few departments a manager runs. */
	if (report_scope_partial(&scope, dept))
		rc = fill_handlers(w, &t, &p, today);
	hdf_set_value(w->hdf, "Report.Shown", "1");
done:
	db_result_free(due_today);
	db_result_free(figs);
	buf_free(&ids);
	tree_free(&t);
	return rc;
}

/* PubStats.<table>: one table of the public statistics from r
 * (report_public_page), columns <pre>received, ...: the active
 * departments with cases in the period, in tree order. */
static void fill_public_table(web *w, const db_result *r, const char *pre, const char *table)
{
	char prefix[64], avg[32], share[16], col[32];
	unsigned k = 0;
#define FIGURE(name) (snprintf(col, sizeof col, "%s%s", pre, name), db_get_ll(r, i, col, 0))
	for (unsigned i = 0; i < r->nrows; i++) {
		long long received = FIGURE("received"), answered = FIGURE("answered");
		long long on_time = FIGURE("on_time"), seconds = FIGURE("seconds");
		if (db_get_ll(r, i, "active", 0) != 1 || (!received && !answered))
			continue;
		report_average_days(answered, seconds, avg, sizeof avg);
		snprintf(share, sizeof share, "%.0f", answered ? 100.0 * (double)on_time / (double)answered : 0.0);
		snprintf(prefix, sizeof prefix, "PubStats.%s.%u", table, k++);
		set_in(w, prefix, "name", db_get(r, i, "name", ""));
		set_in(w, prefix, "parent", db_get(r, i, "parent", ""));
		set_in_ll(w, prefix, "received", received);
		set_in_ll(w, prefix, "answered", answered);
		set_in_ll(w, prefix, "on_time", on_time);
		set_in(w, prefix, "share", answered ? share : "");
		set_in(w, prefix, "avg", avg);
	}
#undef FIGURE
}

/* Prefix.<name> from the first row's column <pre><name>, for each name. */
static void fill_figures(web *w, const db_result *r, const char *pre, const char *const *names, size_t n,
			 const char *prefix)
{
	char col[32];
	for (size_t i = 0; i < n; i++) {
		snprintf(col, sizeof col, "%s%s", pre, names[i]);
		set_in(w, prefix, names[i], db_get(r, 0, col, "0"));
	}
}

int page_public_stats(web *w)
{
	static const char *const debate_figures[] = {"debates",      "open",     "closed", "summarized",
						     "participants", "opinions", "replies"};
	static const char *const proposal_figures[] = {"total",    "open",    "threshold", "review",
						       "answered", "expired", "withdrawn", "supports"};
	db_result *r = NULL;
	int first, current;
	long asked = 0;
	char name[64];
	form f;
	/* The year asked for, if it looks like one (else this year), goes
	 * into the page's one statement, which also gives the years it may
	 * be (checked below). */
	const char *s = kv_get(&w->r->query, "year");
	if (s && text_parse_long(s, 1000, 9998, &asked) != MDG_OK)
		asked = 0;
	int rc = report_public_page(w->app->db, (int)asked, w->lang, &r);
	if (rc != MDG_OK)
		return rc;
	current = (int)db_get_ll(r, 0, "this_year", 2026);
	first = (int)db_get_ll(r, 0, "first_year", current);
	if (first > current)
		first = current;
	for (int y = current, k = 0; y >= first; y--, k++) {
		snprintf(name, sizeof name, "PubStats.Years.%d", k);
		web_set(w, name, "%d", y);
	}
	web_page(w, "portal/stats.cs", "PublicStats");
	/* Only the years with cases; none asked for: this year. */
	const field_spec year_fields[] = {
		{"year", FIELD_INT, false, 4, first, current},
	};
	form_from_query(w, year_fields, MDG_ARRAY_LEN(year_fields));
	if (form_validate(w, year_fields, MDG_ARRAY_LEN(year_fields), &f) == 0 && !form_filled(&f, "year"))
		asked = current; /* the statement's year 0 */
	if (!form_err(&f, "year") && asked) {
		web_set(w, "PubStats.Year", "%ld", asked);
		web_set(w, "Form.year", "%ld", asked);
		fill_public_table(w, r, "y_", "InYear");
	} else {
		/* Not a year with cases: the form again, with the message
		 * that says so rather than form_validate's "invalid". */
		form_error(w, "year", "report_year");
		w->r->status = 400;
	}
	fill_public_table(w, r, "a_", "AllTime");
	/* Debates and proposals beside complaints. */
	fill_figures(w, r, "d_", debate_figures, MDG_ARRAY_LEN(debate_figures), "DebateStats");
	fill_figures(w, r, "p_", proposal_figures, MDG_ARRAY_LEN(proposal_figures), "ProposalStats");
	db_result_free(r);
	return MDG_OK;
}

int page_examples(web *w)
{
	db_result *r = NULL;
	long page, total = 0;
	int rc = web_page_number(w, &page);
	if (rc != MDG_OK)
		return rc;
	rc = report_examples(w->app->db, page, w->lang, &r, &total);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(r, w->hdf, "Examples");
	web_pager(w, page, total, REPORT_EXAMPLES_PAGE);
	db_result_free(r);
	web_page(w, "portal/examples.cs", "Examples");
	return MDG_OK;
}

/* ---- The managers' report (/staff/reports): filters, groups, charts
 * and exports of the same rows (lib/reports/analysis.c). ---- */

static const char *const channel_names[] = {"web", "email", "sms", "phone", "open311"};
static const char *const status_names[] = {"received", "assigned",  "in_progress", "approval",
					   "answered", "closed",    "withdrawn",   "rejected"};
static const char *const kind_names[] = {"complaint", "proposal"};

static const field_spec analysis_fields[] = {
	{"period", FIELD_LINE, false, 8, 0, 0},   {"at", FIELD_DATE, false, 10, 0, 0},
	{"from", FIELD_LINE, false, 10, 0, 0},    {"to", FIELD_LINE, false, 10, 0, 0},
	{"department", FIELD_ID, false, 0, 0, 0}, {"handler", FIELD_ID, false, 0, 0, 0},
	{"category", FIELD_ID, false, 0, 0, 0},   {"channel", FIELD_LINE, false, 8, 0, 0},
	{"status", FIELD_LINE, false, 12, 0, 0},  {"kind", FIELD_LINE, false, 10, 0, 0},
	{"group", FIELD_LINE, false, 12, 0, 0},
};

/* Whether s is "" or one of names. */
static bool one_of(const char *s, const char *const *names, size_t n)
{
	if (!*s)
		return true;
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return true;
	return false;
}

/* A report being made: the reader's tree, the filter and the figures. */
typedef struct analysis_page {
	dept_tree tree;
	buf dept_ids;        /* the departments the report covers */
	buf query;           /* the filters as a query string (the permalink) */
	buf drill;           /* the same without the department and the group */
	analysis_filter filter;
	analysis figures;
	long long department; /* chosen, or 0 */
} analysis_page;

static void analysis_page_free(analysis_page *a)
{
	tree_free(&a->tree);
	buf_free(&a->dept_ids);
	buf_free(&a->query);
	buf_free(&a->drill);
	analysis_free(&a->figures);
}

/* Adds name=value to the permalink when value is not empty. */
static void query_add(buf *q, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(q, "%s%s=", q->len ? "&" : "", name);
	pct_encode(q, value, NULL);
}

/* The period: a whole day … year around at (today when empty), or
 * from/to (each end defaulting to the last REPORT_DEFAULT_DAYS days). */
static int analysis_period_input(web *w, form *f, report_period *p, buf *q)
{
	const char *unit = form_text(f, "period"), *field, *problem;
	report_period def;
	bizdate at;
	analysis_group g;
	int rc = report_period_default(w->app->db, &def);
	if (rc != MDG_OK)
		return rc;
	if (*unit) {
		if (!analysis_group_parse(unit, &g) || !analysis_group_is_period(g)) {
			form_fail(f, "period", "report_choice");
			return MDG_OK;
		}
		if (form_filled(f, "at"))
			at = form_date(f, "at");
		else if (biz_parse(def.to, &at) != MDG_OK)
			return MDG_ERR;
		if (at.year < 1970 || at.year > 2998 || analysis_period_around(g, at, p) != MDG_OK) {
			form_fail(f, "at", "report_date");
			return MDG_OK;
		}
		query_add(q, "period", unit);
		query_add(q, "at", form_filled(f, "at") ? form_text(f, "at") : "");
		return MDG_OK;
	}
	const char *from = form_text(f, "from"), *to = form_text(f, "to");
	if (report_period_make(*from ? from : def.from, *to ? to : def.to, p, &field, &problem) != MDG_OK)
		form_fail(f, field, problem);
	query_add(q, "from", p->from);
	query_add(q, "to", p->to);
	return MDG_OK;
}

/* Reads and checks the filters into a->filter (the departments limited to
 * the reader's scope); *errors counts the fields in error. */
static int analysis_input(web *w, analysis_page *a, int *errors)
{
	report_scope scope = report_scope_of(&w->perm);
	form f;
	form_from_query(w, analysis_fields, MDG_ARRAY_LEN(analysis_fields));
	*errors = form_validate(w, analysis_fields, MDG_ARRAY_LEN(analysis_fields), &f);
	if (*errors)
		return MDG_OK;
	int rc = analysis_period_input(w, &f, &a->filter.period, &a->query);
	if (rc != MDG_OK)
		return rc;
	a->department = form_filled(&f, "department") ? form_num(&f, "department") : 0;
	if (a->department) {
		const dept_node *node = tree_find(&a->tree, a->department);
		if (!node || !node->visible)
			form_fail(&f, "department", "report_department");
		for (size_t i = 0; node && node->visible && i < a->tree.n; i++)
			if (a->tree.nodes[i].id == a->department)
				tree_choose_subtree(&a->tree, i);
	} else {
		for (size_t i = 0; i < a->tree.n; i++)
			a->tree.nodes[i].chosen = a->tree.nodes[i].visible;
	}
	/* The unplaced cases only to a reader of the whole institution,
	 * with no department chosen: then no list at all. */
	for (size_t i = 0; i < a->tree.n; i++)
		if (a->tree.nodes[i].chosen)
			buf_printf(&a->dept_ids, "%s%lld", a->dept_ids.len ? "," : "", a->tree.nodes[i].id);
	a->filter.dept_ids = report_scope_unplaced(&scope, a->department) ? NULL : buf_str(&a->dept_ids);
	a->filter.handler = form_filled(&f, "handler") ? form_num(&f, "handler") : 0;
	a->filter.category = form_filled(&f, "category") ? form_num(&f, "category") : 0;
	a->filter.channel = form_text(&f, "channel");
	a->filter.status = form_text(&f, "status");
	a->filter.kind = form_text(&f, "kind");
	a->filter.lang = w->lang;
	if (!one_of(a->filter.channel, channel_names, MDG_ARRAY_LEN(channel_names)))
		form_fail(&f, "channel", "report_choice");
	if (!one_of(a->filter.status, status_names, MDG_ARRAY_LEN(status_names)))
		form_fail(&f, "status", "report_choice");
	if (!one_of(a->filter.kind, kind_names, MDG_ARRAY_LEN(kind_names)))
		form_fail(&f, "kind", "report_choice");
	if (!analysis_group_parse(form_text(&f, "group"), &a->filter.group) && *form_text(&f, "group"))
		form_fail(&f, "group", "report_choice");
	if (a->filter.group == GROUP_NONE)
		a->filter.group = GROUP_DEPARTMENT;
	static const char *const names[] = {"handler", "category", "channel", "status", "kind"};
	for (size_t i = 0; i < MDG_ARRAY_LEN(names); i++)
		query_add(&a->query, names[i], form_text(&f, names[i]));
	/* A row's link: these filters, its department. */
	buf_puts(&a->drill, buf_str(&a->query));
	query_add(&a->query, "department", form_text(&f, "department"));
	query_add(&a->query, "group", analysis_group_name(a->filter.group));
	*errors = f.errors;
	return MDG_OK;
}

/* Loads the tree, reads the filters and, when they are valid and
 * figures is set, the figures. *errors as analysis_input. */
static int analysis_load(web *w, analysis_page *a, bool figures, int *errors)
{
	report_scope scope = report_scope_of(&w->perm);
	int rc = tree_load(w, &a->tree);
	if (rc != MDG_OK)
		return rc;
	mark_visible(&scope, &a->tree);
	rc = analysis_input(w, a, errors);
	if (rc != MDG_OK || *errors || !figures)
		return rc;
	rc = analysis_run(w->app->db, &a->filter, &a->figures);
	if (rc == MDG_OK)
		analysis_fill_buckets(&a->figures, a->filter.group, &a->filter.period);
	return rc;
}

/* The name of a row's group as the reader sees it, into out. */
static void analysis_label(web *w, const analysis_page *a, const analysis_row *r, char *out, size_t n)
{
	const char *key = NULL;
	char name[64];
	switch (a->filter.group) {
	case GROUP_DEPARTMENT:
		key = "Report.Unplaced";
		break;
	case GROUP_HANDLER:
		key = "Analysis.NoHandler";
		break;
	case GROUP_CHANNEL:
		snprintf(name, sizeof name, "Inbox.Channel.%s", r->key);
		key = name;
		break;
	case GROUP_STATUS:
		snprintf(name, sizeof name, "Status.%s", r->key);
		key = name;
		break;
	case GROUP_KIND:
		snprintf(name, sizeof name, "Analysis.Kind.%s", r->key);
		key = name;
		break;
	default:
		break;
	}
	if (r->label)
		snprintf(out, n, "%s", r->label);
	else if (key && render_text(w->lang, key))
		snprintf(out, n, "%s", render_text(w->lang, key));
	else
		snprintf(out, n, "%s", r->key);
}

/* The columns of the table and the exports, in order: a key under
 * L.Analysis.Col. */
static const char *const analysis_columns[] = {"group",    "received", "answered", "open",      "overdue",
					       "late",     "average",  "median",   "extensions", "transfers",
					       "reopened", "ratings",  "rating",   "callbacks"};
enum { ANALYSIS_NCOLS = MDG_ARRAY_LEN(analysis_columns) };

/* One row's cells as text, in analysis_columns' order. */
static void analysis_cells(const analysis_row *r, const char *label, char cells[ANALYSIS_NCOLS][128])
{
	analysis_row copy = *r;
	snprintf(cells[0], 128, "%s", label);
	const long long counts[] = {r->received, r->answered, r->open,       r->overdue,   r->late,
				    0,           0,           r->extensions, r->transfers, r->reopened,
				    r->ratings};
	for (size_t i = 0; i < MDG_ARRAY_LEN(counts); i++)
		snprintf(cells[i + 1], 128, "%lld", counts[i]);
	analysis_average(r, cells[6], 128);
	/* The median sorts the days in place (through the copy, which
	 * shares them): their order matters nowhere else. */
	analysis_median(&copy, cells[7], 128);
	analysis_rating(r, cells[12], 128);
	snprintf(cells[13], 128, "%lld", r->callbacks);
}

/* The chart of the rows: a line over time for a period group, else
 * bars; and the answers on time and late stacked. */
static void analysis_charts(web *w, const analysis_page *a, char (*labels)[128])
{
	size_t n = a->figures.n;
	const char **cats = xcalloc(n ? n : 1, sizeof *cats);
	long long *vals = xcalloc(4 * (n ? n : 1), sizeof *vals);
	long long *received = vals, *answered = vals + n, *on_time = vals + 2 * n, *late = vals + 3 * n;
	buf svg = {0};
	for (size_t i = 0; i < n; i++) {
		const analysis_row *r = &a->figures.rows[i];
		cats[i] = labels[i];
		received[i] = r->received;
		answered[i] = r->answered;
		on_time[i] = r->answered - r->late;
		late[i] = r->late;
	}
	const chart_series flow[] = {{render_text(w->lang, "Analysis.Col.received"), received},
				     {render_text(w->lang, "Analysis.Col.answered"), answered}};
	const chart_series timely[] = {{render_text(w->lang, "Analysis.OnTime"), on_time},
				       {render_text(w->lang, "Analysis.Col.late"), late}};
	const chart c1 = {analysis_group_is_period(a->filter.group) ? CHART_LINE : CHART_BARS, "chart-flow",
			  render_text(w->lang, "Analysis.ChartFlow"), render_text(w->lang, "Analysis.ChartDesc"),
			  cats, n, flow, 2};
	const chart c2 = {CHART_STACKED, "chart-timely", render_text(w->lang, "Analysis.ChartTimely"),
			  render_text(w->lang, "Analysis.ChartDesc"), cats, n, timely, 2};
	chart_svg(&svg, &c1);
	hdf_set_value(w->hdf, "Analysis.ChartFlow", buf_str(&svg));
	buf_reset(&svg);
	chart_svg(&svg, &c2);
	hdf_set_value(w->hdf, "Analysis.ChartTimely", buf_str(&svg));
	buf_free(&svg);
	free(vals);
	free(cats);
}

/* The choices of the form's selects: the handlers of the departments
 * the reader may see (all of them for a reader of the whole
 * institution). */
static int analysis_choices(web *w, const analysis_page *a)
{
	db_result *r = NULL;
	buf visible = {0};
	report_scope scope = report_scope_of(&w->perm);
	for (size_t i = 0; i < a->tree.n; i++)
		if (a->tree.nodes[i].visible)
			buf_printf(&visible, "%s%lld", visible.len ? "," : "", a->tree.nodes[i].id);
	int rc = analysis_handlers(w->app->db, scope.whole ? NULL : buf_str(&visible), &r);
	buf_free(&visible);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(r, w->hdf, "Analysis.Handlers");
	db_result_free(r);
	rc = case_categories(w->app->db, w->lang, &r);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(r, w->hdf, "Analysis.Categories");
	db_result_free(r);
	return MDG_OK;
}

int page_report_analysis(web *w)
{
	analysis_page a = {0};
	char name[64];
	int errors = 0;
	int rc = analysis_load(w, &a, true, &errors);
	if (rc != MDG_OK)
		goto done;
	fill_choices(w, &a.tree);
	web_page(w, "reports/analysis.cs", "ReportAnalysis");
	rc = analysis_choices(w, &a);
	if (rc != MDG_OK)
		goto done;
	if (errors) {
		/* The form again, with the message beside the field. */
		w->r->status = 400;
		goto done;
	}
	hdf_set_value(w->hdf, "Report.From", a.filter.period.from);
	hdf_set_value(w->hdf, "Report.To", a.filter.period.to);
	hdf_set_value(w->hdf, "Analysis.Group", analysis_group_name(a.filter.group));
	hdf_set_value(w->hdf, "Analysis.Query", buf_str(&a.query));
	hdf_set_value(w->hdf, "Analysis.Drill", buf_str(&a.drill));
	/* The group shown, also when none was asked for. */
	hdf_set_value(w->hdf, "Form.group", analysis_group_name(a.filter.group));
	char (*labels)[128] = xcalloc(a.figures.n ? a.figures.n : 1, sizeof *labels);
	char cells[ANALYSIS_NCOLS][128];
	for (size_t i = 0; i < a.figures.n; i++) {
		const analysis_row *r = &a.figures.rows[i];
		analysis_label(w, &a, r, labels[i], sizeof labels[i]);
		analysis_cells(r, labels[i], cells);
		for (size_t c = 0; c < ANALYSIS_NCOLS; c++) {
			snprintf(name, sizeof name, "Analysis.Rows.%zu.%s", i, analysis_columns[c]);
			hdf_set_value(w->hdf, name, cells[c]);
		}
		/* The group's own report: the same filters and that group. */
		if (a.filter.group == GROUP_DEPARTMENT && strtoll(r->key, NULL, 10) > 0) {
			snprintf(name, sizeof name, "Analysis.Rows.%zu.department", i);
			web_set(w, name, "%lld", strtoll(r->key, NULL, 10));
		}
	}
	analysis_cells(&a.figures.total, render_text(w->lang, "Report.Total"), cells);
	for (size_t c = 0; c < ANALYSIS_NCOLS; c++) {
		snprintf(name, sizeof name, "Analysis.Total.%s", analysis_columns[c]);
		hdf_set_value(w->hdf, name, cells[c]);
	}
	if (a.figures.n)
		analysis_charts(w, &a, labels);
	free(labels);
	hdf_set_value(w->hdf, "Analysis.Shown", "1");
done:
	analysis_page_free(&a);
	return rc;
}

/* Loads the report an export asks for (its figures only when the export
 * shows them): MDG_EINVAL for bad filters. */
static int export_load(web *w, analysis_page *a, bool figures)
{
	int errors = 0;
	int rc = analysis_load(w, a, figures, &errors);
	return rc == MDG_OK && errors ? MDG_EINVAL : rc;
}

/* The export's type and its download name, madang-STEM-FROM-TO.ext
 * (stem "report" for the grouped figures, "cases" for the rows). */
static void export_headers(web *w, const analysis_page *a, const char *stem, const char *type, const char *ext)
{
	char disposition[128];
	snprintf(disposition, sizeof disposition, "attachment; filename=\"madang-%s-%s-%s.%s\"", stem,
		 a->filter.period.from, a->filter.period.to, ext);
	w->content_type = type;
	http_header(w->r, "Content-Disposition", disposition);
}

/* Calls put for the header row, each row and the total, with the cells
 * the page shows. */
typedef void (*analysis_put)(void *ctx, size_t row, char cells[ANALYSIS_NCOLS][128], bool head);

static void analysis_each(web *w, const analysis_page *a, analysis_put put, void *ctx)
{
	char cells[ANALYSIS_NCOLS][128], label[128], key[64];
	for (size_t c = 0; c < ANALYSIS_NCOLS; c++) {
		/* The first column is named after the group, as on the page. */
		if (c == 0)
			snprintf(key, sizeof key, "Analysis.Groups.%s", analysis_group_name(a->filter.group));
		else
			snprintf(key, sizeof key, "Analysis.Col.%s", analysis_columns[c]);
		snprintf(cells[c], 128, "%s", render_text(w->lang, key) ? render_text(w->lang, key) : key);
	}
	put(ctx, 0, cells, true);
	for (size_t i = 0; i < a->figures.n; i++) {
		analysis_label(w, a, &a->figures.rows[i], label, sizeof label);
		analysis_cells(&a->figures.rows[i], label, cells);
		put(ctx, i + 1, cells, false);
	}
	analysis_cells(&a->figures.total, render_text(w->lang, "Report.Total"), cells);
	put(ctx, a->figures.n + 1, cells, false);
}

static void csv_put(void *ctx, size_t row, char cells[ANALYSIS_NCOLS][128], bool head)
{
	buf *b = ctx;
	(void)row;
	(void)head;
	for (size_t c = 0; c < ANALYSIS_NCOLS; c++)
		http_csv_field(b, cells[c], c == 0);
	buf_puts(b, "\r\n");
}

int page_report_analysis_csv(web *w)
{
	analysis_page a = {0};
	int rc = export_load(w, &a, true);
	if (rc != MDG_OK)
		goto done;
	/* The grouped rows are few (one per group): the file is built in
	 * the response body. */
	buf_puts(&w->r->body, "\xEF\xBB\xBF"); /* the BOM: Excel then reads UTF-8 */
	analysis_each(w, &a, csv_put, &w->r->body);
	export_headers(w, &a, "report", "text/csv; charset=utf-8", "csv");
done:
	analysis_page_free(&a);
	return rc;
}

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

struct xlsx_ctx {
	lxw_worksheet *sheet;
	lxw_format *bold;
	lxw_error err;
};

static void xlsx_put(void *ctx, size_t row, char cells[ANALYSIS_NCOLS][128], bool head)
{
	struct xlsx_ctx *x = ctx;
	for (size_t c = 0; c < ANALYSIS_NCOLS && x->err == LXW_NO_ERROR; c++) {
		char *end;
		double v = strtod(cells[c], &end);
		/* Figures as numbers (a spreadsheet sums them); names and
		 * empty averages as text. */
		if (!head && c > 0 && *cells[c] && !*end)
			x->err = worksheet_write_number(x->sheet, (lxw_row_t)row, (lxw_col_t)c, v, NULL);
		else
			x->err = worksheet_write_string(x->sheet, (lxw_row_t)row, (lxw_col_t)c, cells[c],
							head ? x->bold : NULL);
	}
}

/* A workbook at path that writes each row to the file as it is written
 * (constant_memory), or NULL. */
static lxw_workbook *export_book(web *w, const char *path)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)w->app->tmp};
	return workbook_new_opt(path, &opt);
}

int page_report_analysis_xlsx(web *w)
{
	analysis_page a = {0};
	char path[4096];
	int rc = export_load(w, &a, true);
	if (rc == MDG_OK)
		rc = web_temp_file(w, "madang-report", path, sizeof path);
	if (rc != MDG_OK)
		goto done;
	lxw_workbook *book = export_book(w, path);
	if (!book) {
		rc = MDG_ERR;
		goto done;
	}
	struct xlsx_ctx x = {workbook_add_worksheet(book, NULL), workbook_add_format(book), LXW_NO_ERROR};
	format_set_bold(x.bold);
	analysis_each(w, &a, xlsx_put, &x);
	if (workbook_close(book) != LXW_NO_ERROR || x.err != LXW_NO_ERROR) {
		rc = MDG_ERR;
		goto done;
	}
	w->r->send_file = xstrdup(path);
	export_headers(w, &a, "report", XLSX_TYPE, "xlsx");
done:
	analysis_page_free(&a);
	return rc;
}

/* ---- The raw-row exports: one line per case the report's filters
 * select (lib/reports/export_rows.c), written to a file as the rows come
 * and sent from it, so that memory stays flat however many there are. */

/* The columns, in order: keys under L.Analysis.RowCol. */
static const char *const row_columns[] = {"tracking", "filed",    "department", "handlers", "category", "channel",
					  "status",   "kind",     "due",        "answered", "late",     "workdays"};
enum { ROW_NCOLS = MDG_ARRAY_LEN(row_columns) };

/* The text of key, or key itself when the language lacks it. */
static const char *text_or_key(web *w, const char *key)
{
	const char *t = render_text(w->lang, key);
	return t ? t : key;
}

/* The name of a channel, status or kind (a key under group) as the
 * reader sees it. */
static const char *value_name(web *w, const char *group, const char *value, char *key, size_t n)
{
	snprintf(key, n, "%s.%s", group, value);
	const char *t = render_text(w->lang, key);
	return t ? t : value;
}

/* One row's cells as text, in row_columns' order; "" for the working days
 * and lateness of a case not answered. */
static void row_cells(web *w, const export_row *r, const char *cells[ROW_NCOLS], char workdays[16],
		      char keys[3][64])
{
	cells[0] = r->tracking;
	cells[1] = r->filed;
	cells[2] = r->department;
	cells[3] = r->handlers;
	cells[4] = r->category;
	cells[5] = value_name(w, "Inbox.Channel", r->channel, keys[0], sizeof keys[0]);
	cells[6] = value_name(w, "Status", r->status, keys[1], sizeof keys[1]);
	cells[7] = value_name(w, "Analysis.Kind", r->kind, keys[2], sizeof keys[2]);
	cells[8] = r->due;
	cells[9] = r->answered;
	cells[10] = *r->answered ? (r->late ? "1" : "0") : "";
	if (r->workdays >= 0)
		snprintf(workdays, 16, "%d", r->workdays);
	else
		workdays[0] = '\0';
	cells[11] = workdays;
}

/* The CSV being written: lines gather in out and go to file in chunks. */
struct rows_csv {
	web *w;
	FILE *file;
	buf out;
};

#define CSV_CHUNK 65536

static void csv_line(struct rows_csv *c, const char *const cells[ROW_NCOLS])
{
	for (size_t i = 0; i < ROW_NCOLS; i++)
		http_csv_field(&c->out, cells[i], i == 0);
	buf_puts(&c->out, "\r\n");
}

static int csv_flush(struct rows_csv *c)
{
	bool ok = c->out.len == 0 || fwrite(c->out.data, 1, c->out.len, c->file) == c->out.len;
	buf_reset(&c->out);
	return ok ? MDG_OK : MDG_ERR;
}

static int csv_row(void *ctx, const export_row *r)
{
	struct rows_csv *c = ctx;
	const char *cells[ROW_NCOLS];
	char workdays[16], keys[3][64];
	row_cells(c->w, r, cells, workdays, keys);
	csv_line(c, cells);
	return c->out.len >= CSV_CHUNK ? csv_flush(c) : MDG_OK;
}

/* The header row of the rows' exports. */
static void row_heads(web *w, const char *cells[ROW_NCOLS])
{
	char key[64];
	for (size_t i = 0; i < ROW_NCOLS; i++) {
		snprintf(key, sizeof key, "Analysis.RowCol.%s", row_columns[i]);
		cells[i] = text_or_key(w, key);
	}
}

/* Writes the rows f selects as CSV to path. */
static int rows_csv_write(web *w, const analysis_filter *f, const char *path)
{
	struct rows_csv c = {w, fopen(path, "wb"), {0}};
	const char *heads[ROW_NCOLS];
	long long n = 0;
	if (!c.file)
		return MDG_ERR;
	buf_puts(&c.out, "\xEF\xBB\xBF"); /* the BOM: Excel then reads UTF-8 */
	row_heads(w, heads);
	csv_line(&c, heads);
	int rc = export_rows_each(w->app->db, f, csv_row, &c, &n);
	if (rc == MDG_OK)
		rc = csv_flush(&c);
	if (fclose(c.file) != 0 && rc == MDG_OK)
		rc = MDG_ERR;
	buf_free(&c.out);
	return rc;
}

/* A rows' export: the filters of the query (their figures are not
 * needed), the file write makes of them, sent as madang-cases-FROM-TO.ext. */
static int rows_export(web *w, int (*write)(web *w, const analysis_filter *f, const char *path), const char *type,
		       const char *ext)
{
	analysis_page a = {0};
	char path[4096];
	int rc = export_load(w, &a, false);
	if (rc == MDG_OK)
		rc = web_temp_file(w, "madang-report", path, sizeof path);
	if (rc == MDG_OK)
		rc = write(w, &a.filter, path);
	if (rc == MDG_OK) {
		w->r->send_file = xstrdup(path);
		export_headers(w, &a, "cases", type, ext);
	}
	analysis_page_free(&a);
	return rc;
}

int page_report_rows_csv(web *w)
{
	return rows_export(w, rows_csv_write, "text/csv; charset=utf-8", "csv");
}

/* The workbook being written, one row of cells per case. */
struct rows_xlsx {
	web *w;
	lxw_worksheet *sheet;
	lxw_row_t row;
};

/* The numbers (lateness, working days) as numbers, so that a
 * spreadsheet sums them; the rest as text. */
static int xlsx_row(void *ctx, const export_row *r)
{
	struct rows_xlsx *x = ctx;
	const char *cells[ROW_NCOLS];
	char workdays[16], keys[3][64];
	lxw_error err = LXW_NO_ERROR;
	/* A sheet holds 1,048,576 rows, the header among them. */
	if (x->row >= LXW_ROW_MAX)
		return MDG_ETOOBIG;
	row_cells(x->w, r, cells, workdays, keys);
	for (lxw_col_t i = 0; i < ROW_NCOLS && err == LXW_NO_ERROR; i++) {
		if (!*cells[i])
			continue;
		if (i >= 10)
			err = worksheet_write_number(x->sheet, x->row, i, strtod(cells[i], NULL), NULL);
		else
			err = worksheet_write_string(x->sheet, x->row, i, cells[i], NULL);
	}
	x->row++;
	return err == LXW_NO_ERROR ? MDG_OK : MDG_ERR;
}

/* Writes the rows f selects as a workbook to path. */
static int rows_xlsx_write(web *w, const analysis_filter *f, const char *path)
{
	const char *heads[ROW_NCOLS];
	long long n = 0;
	lxw_workbook *book = export_book(w, path);
	if (!book)
		return MDG_ERR;
	struct rows_xlsx x = {w, workbook_add_worksheet(book, NULL), 1};
	lxw_format *bold = workbook_add_format(book);
	format_set_bold(bold);
	row_heads(w, heads);
	for (lxw_col_t i = 0; i < ROW_NCOLS; i++)
		worksheet_write_string(x.sheet, 0, i, heads[i], bold);
	int rc = export_rows_each(w->app->db, f, xlsx_row, &x, &n);
	if (workbook_close(book) != LXW_NO_ERROR && rc == MDG_OK)
		rc = MDG_ERR;
	return rc;
}

int page_report_rows_xlsx(web *w)
{
	return rows_export(w, rows_xlsx_write, XLSX_TYPE, "xlsx");
}
