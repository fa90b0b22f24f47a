/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_admin_audit.c: the audit log for administrators: filtered pages,
 * newest first, and the same rows as a CSV file. The log is read-only
 * here, as everywhere (the database refuses changes to it). */
#include "page_admin.h"
#include "core/codec.h"
#include "core/mdg.h"
#include "org/admin.h"
#include "render/render.h"
#include "http/encode.h"

#include <stdio.h>
#include <string.h>

static const field_spec filter_fields[] = {
	{"login", FIELD_LINE, false, 32, 0, 0},
	{"object_type", FIELD_LINE, false, 32, 0, 0},
	{"action", FIELD_LINE, false, 64, 0, 0},
	{"from", FIELD_DATE, false, 0, 0, 0},
	{"to", FIELD_DATE, false, 0, 0, 0},
};

/* The value of a filter, NULL when not given. */
static const char *filter_value(const form *fm, const char *name)
{
	return form_filled(fm, name) ? form_text(fm, name) : NULL;
}

/* Reads the filters from the query into fm (validated, fm->errors counts
 * the filters in error) and f (their strings owned by the request), and
 * the query of the same filters into q ("a=1&b=2&", for the pager and
 * the CSV link); *nobody is set when the login names no account (nothing
 * matches). Returns MDG_OK or the database's error. */
static int filter_read(web *w, form *fm, audit_filter *f, buf *q, bool *nobody)
{
	memset(f, 0, sizeof *f);
	*nobody = false;
	/* The filters are validated like form fields, and shown back. */
	for (size_t i = 0; i < MDG_ARRAY_LEN(filter_fields); i++) {
		const char *v = kv_get(&w->r->query, filter_fields[i].name);
		if (v && *v)
			kv_add(&w->r->form, filter_fields[i].name, v, strlen(v));
	}
	form_validate(w, filter_fields, MDG_ARRAY_LEN(filter_fields), fm);
	for (size_t i = 0; i < MDG_ARRAY_LEN(filter_fields); i++) {
		const char *name = filter_fields[i].name;
		if (!filter_value(fm, name) || form_err(fm, name))
			continue;
		buf_printf(q, "%s=", name);
		pct_encode(q, form_text(fm, name), NULL);
		buf_putc(q, '&');
	}
	if (fm->errors)
		return MDG_OK;
	const char *login = filter_value(fm, "login");
	if (login) {
		int rc = admin_account_by_login(w->app->db, login, &f->account_id);
		if (rc == MDG_ENOTFOUND)
			*nobody = true;
		else if (rc != MDG_OK)
			return rc;
	}
	f->object_type = filter_value(fm, "object_type");
	f->action = filter_value(fm, "action");
	f->from = filter_value(fm, "from");
	f->to = filter_value(fm, "to");
	return MDG_OK;
}

int page_admin_audit(web *w)
{
	audit_filter f;
	form fm;
	db_result *rows = NULL, *types = NULL;
	buf q = {0};
	bool nobody = false;
	long page = 1, total = 0;
	int rc = web_page_number(w, &page);
	if (rc != MDG_OK)
		return rc;
	rc = filter_read(w, &fm, &f, &q, &nobody);
	if (rc != MDG_OK)
		goto done;
	if (fm.errors)
		w->r->status = 400;
	else if (nobody)
		form_fail(&fm, "login", "admin_no_account");
	if (fm.errors == 0) {
		f.page = page;
		rc = audit_list(w->app->db, &f, &rows, &total);
		if (rc != MDG_OK)
			goto done;
		db_rows_hdf(rows, w->hdf, "Audit");
	}
	rc = admin_audit_types(w->app->db, &types);
	if (rc != MDG_OK)
		goto done;
	db_rows_hdf(types, w->hdf, "AuditTypes");
	web_pager(w, page, total, AUDIT_PAGE_SIZE);
	web_set(w, "Filter.PagerBase", "/admin/audit?%s", buf_str(&q));
	web_set(w, "Filter.Csv", "/admin/audit.csv?%s", buf_str(&q));
	hdf_set_value(w->hdf, "Admin.Section", "audit");
	web_page(w, "admin/org/audit.cs", "AdminAudit");
done:
	db_result_free(rows);
	db_result_free(types);
	buf_free(&q);
	return rc;
}

int page_admin_audit_csv(web *w)
{
	/* The columns of audit_list, by name, in the file's order. */
	static const char *const heads[] = {"id", "at", "account_id", "login", "name", "addr", "object_type",
					    "object_id", "action", "detail"};
	audit_filter f;
	form fm;
	db_result *rows = NULL;
	buf q = {0};
	bool nobody = false;
	long total = 0;
	char key[64];
	int rc = filter_read(w, &fm, &f, &q, &nobody);
	buf_free(&q);
	if (rc != MDG_OK)
		return rc;
	if (fm.errors)
		return MDG_EINVAL;
	if (!nobody) {
		/* XXX every matching row is held in memory at once; a log of
		 * millions of rows wants a narrower filter or streaming. */
		f.page = 0;
		rc = audit_list(w->app->db, &f, &rows, &total);
		if (rc != MDG_OK)
			return rc;
	}
	buf *b = &w->r->body;
	buf_puts(b, "\xEF\xBB\xBF"); /* the BOM: Excel then reads UTF-8 */
	for (size_t c = 0; c < MDG_ARRAY_LEN(heads); c++) {
		snprintf(key, sizeof key, "Admin.Csv.%s", heads[c]);
		http_csv_field(b, render_text(w->lang, key), c == 0);
	}
	buf_puts(b, "\r\n");
	for (unsigned i = 0; rows && i < rows->nrows; i++) {
		for (size_t c = 0; c < MDG_ARRAY_LEN(heads); c++)
			http_csv_field(b, db_get(rows, i, heads[c], NULL), c == 0);
		buf_puts(b, "\r\n");
	}
	db_result_free(rows);
	w->content_type = "text/csv; charset=utf-8";
	http_header(w->r, "Content-Disposition", "attachment; filename=\"madang-audit.csv\"");
	return MDG_OK;
}
