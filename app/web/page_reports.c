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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Sets prefix.received … prefix.avg from f. */
static void set_figures(web *w, const char *prefix, const report_figures *f)
{
	char avg[32];
	set_in_ll(w, prefix, "received", f->received);
	set_in_ll(w, prefix, "open", f->open);
	set_in_ll(w, prefix, "answered", f->answered);
	set_in_ll(w, prefix, "overdue", f->overdue);
	report_average_days(f->answered, f->answer_seconds, avg, sizeof avg);
	set_in(w, prefix, "avg", avg);
}

/* Sets prefix.ratings and prefix.rating (the average, "" without any). */
static void set_ratings(web *w, const char *prefix, long long n, long long sum)
{
	char avg[32];
	set_in_ll(w, prefix, "ratings", n);
	report_rating_average(n, sum, avg, sizeof avg);
	set_in(w, prefix, "rating", avg);
}

/* The citizens' ratings given in the period, beside each row of
 * Report.Rows (by department id; the unplaced row by the NULL one) and
 * their sum in Report.Total. */
static int fill_department_ratings(web *w, const report_period *p)
{
	db_result *r = NULL;
	long long all = 0, all_sum = 0;
	char prefix[64];
	int rc = report_ratings_by_department(w->app->db, p, &r);
	if (rc != MDG_OK)
		return rc;
	for (HDF *row = hdf_get_child(w->hdf, "Report.Rows"); row; row = hdf_obj_next(row)) {
		long long id = hdf_get_value(row, "unplaced", NULL) ? 0 : strtoll(hdf_get_value(row, "id", "0"), NULL, 10);
		int i = row_of(r, id);
		long long n = i >= 0 ? db_get_ll(r, (unsigned)i, "ratings", 0) : 0;
		long long sum = i >= 0 ? db_get_ll(r, (unsigned)i, "rating_sum", 0) : 0;
		snprintf(prefix, sizeof prefix, "Report.Rows.%s", hdf_obj_name(row));
		set_ratings(w, prefix, n, sum);
		all += n;
		all_sum += sum;
	}
	set_ratings(w, "Report.Total", all, all_sum);
	db_result_free(r);
	return MDG_OK;
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

/* Report.Rows and Report.Total: the chosen departments in tree order
 * (inactive ones only when they have figures), and the cases no rule
 * placed when the whole organisation is shown. */
static void fill_departments(web *w, const dept_tree *t, const db_result *figs, bool with_unplaced)
{
	report_figures total = {0}, f;
	char prefix[64];
	unsigned k = 0;
	for (size_t i = 0; i < t->n; i++) {
		const dept_node *d = &t->nodes[i];
		if (!d->chosen)
			continue;
		int row = row_of(figs, d->id);
		memset(&f, 0, sizeof f);
		if (row >= 0)
			report_figures_read(figs, (unsigned)row, &f);
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
		report_figures_read(figs, (unsigned)row, &f);
		snprintf(prefix, sizeof prefix, "Report.Rows.%u", k++);
		set_in(w, prefix, "unplaced", "1");
		set_figures(w, prefix, &f);
		report_figures_add(&total, &f);
	}
	set_figures(w, "Report.Total", &total);
}

/* The ratings given in the period beside each handler of Report.Handlers
 * (the rows of handlers, report_workload_handlers, in the same order). */
static int fill_handler_ratings(web *w, const report_period *p, const char *ids, const db_result *handlers)
{
	db_result *r = NULL;
	char prefix[64];
	int rc = report_ratings_by_handler(w->app->db, p, ids, &r);
	if (rc != MDG_OK)
		return rc;
	for (unsigned i = 0; i < handlers->nrows; i++)
		for (unsigned j = 0; j < r->nrows; j++)
			if (db_get_ll(r, j, "department_id", 0) == db_get_ll(handlers, i, "department_id", 0) &&
			    db_get_ll(r, j, "account_id", 0) == db_get_ll(handlers, i, "account_id", 0)) {
				snprintf(prefix, sizeof prefix, "Report.Handlers.%u", i);
				set_ratings(w, prefix, db_get_ll(r, j, "ratings", 0), db_get_ll(r, j, "rating_sum", 0));
				break;
			}
	db_result_free(r);
	return MDG_OK;
}

/* Report.Handlers: each handler of the chosen departments. */
static int fill_handlers(web *w, const dept_tree *t, const report_period *p)
{
	buf ids = {0};
	db_result *r = NULL;
	report_figures f;
	char prefix[64];
	int rc = MDG_OK;

	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].chosen)
			buf_printf(&ids, "%s%lld", ids.len ? "," : "", t->nodes[i].id);
	hdf_set_value(w->hdf, "Report.ShowHandlers", "1");
	if (!ids.len)
		goto done;
	rc = report_workload_handlers(w->app->db, p, buf_str(&ids), &r);
	if (rc != MDG_OK)
		goto done;
	for (unsigned i = 0; i < r->nrows; i++) {
		const dept_node *d = tree_find(t, db_get_ll(r, i, "department_id", 0));
		snprintf(prefix, sizeof prefix, "Report.Handlers.%u", i);
		set_in(w, prefix, "department", d ? d->name : "");
		set_in(w, prefix, "name", db_get(r, i, "name", ""));
		report_figures_read(r, i, &f);
		set_figures(w, prefix, &f);
		set_ratings(w, prefix, 0, 0);
	}
	rc = fill_handler_ratings(w, p, buf_str(&ids), r);
done:
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

/* A GET form is validated like a POSTed one: its query values become the
 * form's fields (unknown ones are never looked at). */
static void query_to_form(web *w, const field_spec *specs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = kv_get(&w->r->query, specs[i].name);
		if (v)
			kv_add(&w->r->form, specs[i].name, v, strlen(v));
	}
}

/* Reads the period and the department from the query into *p and *dept;
 * *errors counts the fields in error (marked beside them). MDG_OK, or the
 * database's error. */
static int workload_input(web *w, const dept_tree *t, report_period *p, long long *dept, int *errors)
{
	const char *field, *problem;
	report_period def;
	form f;
	query_to_form(w, workload_fields, MDG_ARRAY_LEN(workload_fields));
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
	if (report_period_make(*from ? from : def.from, *to ? to : def.to, p, &field, &problem) != MDG_OK)
		form_fail(&f, field, problem);
	*errors = f.errors;
	return MDG_OK;
}

int page_report_workload(web *w)
{
	dept_tree t = {0};
	db_result *figs = NULL;
	buf ids = {0};
	report_period p;
	long long dept = 0;
	int errors = 0;
	report_scope scope = report_scope_of(&w->perm);
	int rc = tree_load(w, &t);
	if (rc != MDG_OK)
		goto done;
	mark_visible(&scope, &t);
	fill_choices(w, &t);
	web_page(w, "reports/workload.cs", "ReportWorkload");
	rc = workload_input(w, &t, &p, &dept, &errors);
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
		rc = ids.len ? report_workload_some_departments(w->app->db, &p, buf_str(&ids), &figs)
			     : report_workload_departments(w->app->db, &p, &figs);
	} else {
		rc = report_workload_departments(w->app->db, &p, &figs);
	}
	if (rc != MDG_OK)
		goto done;
	fill_departments(w, &t, figs, report_scope_unplaced(&scope, dept));
	rc = fill_department_ratings(w, &p);
	if (rc != MDG_OK)
		goto done;
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
		rc = fill_handlers(w, &t, &p);
	hdf_set_value(w->hdf, "Report.Shown", "1");
done:
	db_result_free(figs);
	buf_free(&ids);
	tree_free(&t);
	return rc;
}

/* PubStats.<table>: one table of the public statistics, year 0 for all
 * time: the active departments with cases, in tree order. */
static int fill_public_table(web *w, const dept_tree *t, int year, const char *table)
{
	const db_result *r = NULL;
	char prefix[64], avg[32], share[16];
	unsigned k = 0;
	long max_age = config_long(w->app->cfg, "web.stats_cache_seconds", 300, 0, 86400);
	int rc = report_public_stats_cached(w->app->db, year, max_age, &r);
	if (rc != MDG_OK)
		return rc;
	for (size_t i = 0; i < t->n; i++) {
		const dept_node *d = &t->nodes[i];
		int row = row_of(r, d->id);
		if (!d->active || row < 0)
			continue;
		long long answered = db_get_ll(r, (unsigned)row, "answered", 0);
		long long on_time = db_get_ll(r, (unsigned)row, "on_time", 0);
		report_average_days(answered, db_get_ll(r, (unsigned)row, "seconds", 0), avg, sizeof avg);
		snprintf(share, sizeof share, "%.0f", answered ? 100.0 * (double)on_time / (double)answered : 0.0);
		snprintf(prefix, sizeof prefix, "PubStats.%s.%u", table, k++);
		set_in(w, prefix, "name", d->name);
		set_in(w, prefix, "parent", parent_name(t, d));
		set_in_ll(w, prefix, "received", db_get_ll(r, (unsigned)row, "received", 0));
		set_in_ll(w, prefix, "answered", answered);
		set_in_ll(w, prefix, "on_time", on_time);
		set_in(w, prefix, "share", answered ? share : "");
		set_in(w, prefix, "avg", avg);
	}
	return MDG_OK;
}

int page_public_stats(web *w)
{
	dept_tree t = {0};
	int first, current;
	long long year = 0;
	char name[64];
	form f;
	int rc = report_years(w->app->db, &first, &current);
	if (rc == MDG_OK)
		rc = tree_load(w, &t);
	if (rc != MDG_OK)
		goto done;
	for (int y = current, k = 0; y >= first; y--, k++) {
		snprintf(name, sizeof name, "PubStats.Years.%d", k);
		web_set(w, name, "%d", y);
	}
	web_page(w, "portal/stats.cs", "PublicStats");
	/* Only the years with cases; none asked for: this year. */
	const field_spec year_fields[] = {
		{"year", FIELD_INT, false, 4, first, current},
	};
	query_to_form(w, year_fields, MDG_ARRAY_LEN(year_fields));
	if (form_validate(w, year_fields, MDG_ARRAY_LEN(year_fields), &f) == 0)
		year = form_filled(&f, "year") ? form_num(&f, "year") : current;
	if (year) {
		web_set(w, "PubStats.Year", "%lld", year);
		web_set(w, "Form.year", "%lld", year);
		rc = fill_public_table(w, &t, (int)year, "InYear");
	} else {
		/* Not a year with cases: the form again, with the message
		 * that says so rather than form_validate's "invalid". */
		form_error(w, "year", "report_year");
		w->r->status = 400;
	}
	if (rc == MDG_OK)
		rc = fill_public_table(w, &t, 0, "AllTime");
	/* Debates beside complaints (page_debates.c). */
	if (rc == MDG_OK)
		rc = web_stats_debates(w);
done:
	tree_free(&t);
	return rc;
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
