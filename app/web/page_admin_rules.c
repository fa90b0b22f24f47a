/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_admin_rules.c: categories and their routing rules (분류별
 * 처리지침), and the holiday calendar, in the administration pages. */
#include "page_admin.h"
#include "cases/rules.h"
#include "core/bizdays.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "org/holiday.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* -------------------------------------------------------------- categories */

static const field_spec rule_fields[] = {
	{"name_ko", FIELD_LINE, true, RULE_NAME_MAX, 0, 0},
	{"name_en", FIELD_LINE, true, RULE_NAME_MAX, 0, 0},
	{"department_id", FIELD_INT, true, 0, 0, 0x7FFFFFFFL},
	{"mode", FIELD_LINE, true, 16, 0, 0},
	{"deadline_days", FIELD_INT, true, 0, RULE_DEADLINE_MIN, RULE_DEADLINE_MAX},
	{"reminder_hours", FIELD_INT, true, 0, 0, RULE_HOURS_MAX},
	{"escalate_hours", FIELD_INT, true, 0, 0, RULE_HOURS_MAX},
	{"needs_approval", FIELD_CHECKBOX, false, 0, 0, 0},
	{"reopen_days", FIELD_INT, true, 0, 0, RULE_REOPEN_MAX},
	{"max_extensions", FIELD_INT, true, 0, 0, RULE_EXTENSIONS_MAX},
	{"active", FIELD_CHECKBOX, false, 0, 0, 0},
};

/* A rule read from the form, with the storage its strings point into. */
struct rule_form {
	rule r;
	char *name_ko, *name_en;
	long long *joint;
};

static void rule_form_free(struct rule_form *f)
{
	free(f->name_ko);
	free(f->name_en);
	free(f->joint);
}

/* Marks the ticked joint departments as Form.Joint.<id> = 1. */
static void show_joint(web *w, const long long *ids, size_t n)
{
	char name[64];
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof name, "Form.Joint.%lld", ids[i]);
		hdf_set_value(w->hdf, name, "1");
	}
}

/* Validates the rule form into f (id 0: a new category); returns the
 * number of fields in error. */
static int rule_read(web *w, const db_result *depts, struct rule_form *f)
{
	int errors = form_check(w, rule_fields, MDG_ARRAY_LEN(rule_fields));
	memset(f, 0, sizeof *f);
	long long lead = web_admin_form_ll(w, "department_id", 0);
	if (!hdf_get_value(w->hdf, "Form.Err.department_id", NULL) && lead &&
	    !web_admin_department_known(depts, lead))
		web_admin_error(w, &errors, "department_id", "invalid");
	if (!hdf_get_value(w->hdf, "Form.Err.mode", NULL) && !rule_mode_valid(form_get(w, "mode")))
		web_admin_error(w, &errors, "mode", "invalid");
	/* The joint departments: one "joint" field per ticked box. */
	size_t njoint = 0;
	f->joint = xcalloc(w->r->form.count + 1, sizeof *f->joint);
	for (const kv *p = w->r->form.head; p; p = p->next) {
		long id = 0;
		if (strcmp(p->key, "joint") != 0)
			continue;
		if (text_parse_long(p->val, 1, 0x7FFFFFFFL, &id) != MDG_OK || !web_admin_department_known(depts, id)) {
			web_admin_error(w, &errors, "joint", "invalid");
			break;
		}
		if (id == lead) {
			web_admin_error(w, &errors, "joint", "admin_joint_lead");
			break;
		}
		f->joint[njoint++] = id;
	}
	show_joint(w, f->joint, njoint);
	f->name_ko = text_trim(form_get(w, "name_ko"));
	f->name_en = text_trim(form_get(w, "name_en"));
	f->r = (rule){
		.name_ko = f->name_ko,
		.name_en = f->name_en,
		.department_id = lead,
		.mode = form_get(w, "mode"),
		.deadline_days = (int)web_admin_form_ll(w, "deadline_days", RULE_DEADLINE_DEFAULT),
		.reminder_hours = (int)web_admin_form_ll(w, "reminder_hours", 0),
		.escalate_hours = (int)web_admin_form_ll(w, "escalate_hours", 0),
		.needs_approval = strcmp(form_get(w, "needs_approval"), "1") == 0,
		.reopen_days = (int)web_admin_form_ll(w, "reopen_days", 0),
		.max_extensions = (int)web_admin_form_ll(w, "max_extensions", 0),
		.active = strcmp(form_get(w, "active"), "1") == 0,
		.joint = f->joint,
		.njoint = njoint,
	};
	/* Unticked boxes are absent from a form: show them unticked. */
	if (errors) {
		if (!hdf_get_value(w->hdf, "Form.needs_approval", NULL))
			hdf_set_value(w->hdf, "Form.needs_approval", "0");
		if (!hdf_get_value(w->hdf, "Form.active", NULL))
			hdf_set_value(w->hdf, "Form.active", "0");
	}
	return errors;
}

/* True when a category with lead department lead (0: none) and the
 * joint departments of joint (its first column) or ids lies in the
 * administrator's scope: a scoped supervisor's categories and rules are
 * those whose every department is theirs (as RULE_IN_DEPTS lists them). */
static bool rule_in_reach(const web *w, long long lead, const db_result *joint, const long long *ids, size_t n)
{
	if (!perm_covers_dept(&w->perm, PERM_ADMIN, lead))
		return false;
	for (unsigned i = 0; joint && i < joint->nrows; i++)
		if (!perm_covers_dept(&w->perm, PERM_ADMIN, db_cell_ll(joint, i, 0, 0)))
			return false;
	for (size_t i = 0; i < n; i++)
		if (!perm_covers_dept(&w->perm, PERM_ADMIN, ids[i]))
			return false;
	return true;
}

/* The category list with the creation form; Depts.* loaded. */
static int categories_page(web *w)
{
	static const char *const cols[] = {"id", "name", "department", "mode", "deadline", "reminder", "escalate",
					   "approval", "reopen", "extensions", "active", "joint", NULL};
	static const char *const defaults[][2] = {
		{"department_id", "0"}, {"mode", "manual"},  {"deadline_days", "7"}, {"reminder_hours", "24"},
		{"escalate_hours", "48"}, {"reopen_days", "14"}, {"max_extensions", "2"}, {"active", "1"},
		{"needs_approval", "0"},
	};
	char name[64];
	db_result *rules = NULL;
	char *reach = perm_departments(&w->perm, PERM_ADMIN);
	int rc = rules_list(w->app->db, w->lang, reach, &rules);
	free(reach);
	if (rc != MDG_OK)
		return rc;
	web_rows(w, "Rules", rules, cols);
	db_result_free(rules);
	/* A new category starts from the defaults of the schema. */
	if (!hdf_get_value(w->hdf, "Form.HasErrors", NULL))
		for (size_t i = 0; i < MDG_ARRAY_LEN(defaults); i++) {
			snprintf(name, sizeof name, "Form.%s", defaults[i][0]);
			hdf_set_value(w->hdf, name, defaults[i][1]);
		}
	hdf_set_value(w->hdf, "Admin.Section", "categories");
	web_page(w, "admin/org/categories.cs", "AdminCategories");
	return MDG_OK;
}

int page_admin_categories(web *w)
{
	int rc = web_admin_departments(w, NULL);
	if (rc != MDG_OK)
		return rc;
	web_admin_flash_done(w);
	return categories_page(w);
}

int page_admin_category_create(web *w)
{
	db_result *depts = NULL;
	struct rule_form f;
	long long id = 0;
	int rc = web_admin_departments(w, &depts);
	if (rc != MDG_OK)
		return rc;
	int errors = rule_read(w, depts, &f);
	if (errors) {
		w->r->status = 400;
		rc = categories_page(w);
		goto done;
	}
	if (!rule_in_reach(w, f.r.department_id, NULL, f.r.joint, f.r.njoint)) {
		rc = MDG_EDENIED;
		goto done;
	}
	rc = rule_create(w->app->db, &w->who, &f.r, &id);
	if (rc == MDG_OK)
		web_admin_redirect(w, "/admin/categories/%lld?done=created", id);
done:
	rule_form_free(&f);
	db_result_free(depts);
	return rc;
}

/* One category's page; Depts.* loaded, Form.* filled. */
static void category_page(web *w, long long id)
{
	web_set(w, "Rule.id", "%lld", id);
	hdf_set_value(w->hdf, "Admin.Section", "categories");
	web_page(w, "admin/org/category.cs", "AdminCategory");
}

int page_admin_category(web *w)
{
	static const char *const cols[] = {"id", "name_ko", "name_en", "department_id", "mode", "deadline_days",
					   "reminder_hours", "escalate_hours", "needs_approval", "reopen_days",
					   "max_extensions", "active", NULL};
	db_result *r = NULL, *joint = NULL;
	long long id = web_admin_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	int rc = rule_get(w->app->db, id, &r, &joint);
	if (rc == MDG_OK && !rule_in_reach(w, db_cell_ll(r, 0, 3, 0), joint, NULL, 0))
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = web_admin_departments(w, NULL);
	if (rc != MDG_OK)
		goto done;
	web_rows(w, "Form", r, cols);
	HDF *row = hdf_get_obj(w->hdf, "Form.0");
	if (row)
		hdf_copy(w->hdf, "Form", row);
	hdf_remove_tree(w->hdf, "Form.0");
	for (unsigned i = 0; i < joint->nrows; i++) {
		long long j = db_cell_ll(joint, i, 0, 0);
		show_joint(w, &j, 1);
	}
	hdf_set_value(w->hdf, "Rule.name", db_cell(r, 0, strcmp(w->lang, "en") == 0 ? 2 : 1, ""));
	web_admin_flash_done(w);
	category_page(w, id);
done:
	db_result_free(r);
	db_result_free(joint);
	return rc;
}

int page_admin_category_update(web *w)
{
	db_result *depts = NULL, *old = NULL, *joint = NULL;
	struct rule_form f;
	long long id = web_admin_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	memset(&f, 0, sizeof f);
	int rc = rule_get(w->app->db, id, &old, &joint);
	if (rc == MDG_OK && !rule_in_reach(w, db_cell_ll(old, 0, 3, 0), joint, NULL, 0))
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = web_admin_departments(w, &depts);
	if (rc != MDG_OK)
		goto done;
	hdf_set_value(w->hdf, "Rule.name", db_cell(old, 0, strcmp(w->lang, "en") == 0 ? 2 : 1, ""));
	int errors = rule_read(w, depts, &f);
	if (errors) {
		w->r->status = 400;
		category_page(w, id);
		goto done;
	}
	if (!rule_in_reach(w, f.r.department_id, NULL, f.r.joint, f.r.njoint)) {
		rc = MDG_EDENIED;
		goto done;
	}
	f.r.id = id;
	rc = rule_update(w->app->db, &w->who, &f.r);
	if (rc == MDG_OK)
		web_admin_redirect(w, "/admin/categories/%lld?done=saved", id);
done:
	rule_form_free(&f);
	db_result_free(depts);
	db_result_free(old);
	db_result_free(joint);
	return rc;
}

/* ---------------------------------------------------------------- holidays */

/* The calendar of year with the form to add a day. */
static int holidays_page(web *w, int year)
{
	static const char *const cols[] = {"day", "name", "weekday", NULL};
	db_result *days = NULL;
	int rc = holiday_list(w->app->db, year, &days);
	if (rc != MDG_OK)
		return rc;
	web_rows(w, "Holidays", days, cols);
	db_result_free(days);
	web_set(w, "Year.This", "%d", year);
	web_set(w, "Year.Prev", "%d", year - 1);
	web_set(w, "Year.Next", "%d", year + 1);
	hdf_set_value(w->hdf, "Admin.Section", "holidays");
	web_page(w, "admin/org/holidays.cs", "AdminHolidays");
	return MDG_OK;
}

/* The year asked for (?year= or the form's), else this year. */
static int holiday_year(web *w, const char *s, int *year)
{
	long y = 0;
	if (s && *s) {
		if (text_parse_long(s, 1900, 2999, &y) != MDG_OK)
			return MDG_EINVAL;
		*year = (int)y;
		return MDG_OK;
	}
	return holiday_year_now(w->app->db, year);
}

int page_admin_holidays(web *w)
{
	int year = 0;
	int rc = holiday_year(w, kv_get(&w->r->query, "year"), &year);
	if (rc != MDG_OK)
		return rc;
	web_admin_flash_done(w);
	return holidays_page(w, year);
}

int page_admin_holidays_change(web *w)
{
	static const field_spec fields[] = {
		{"day", FIELD_LINE, true, 10, 0, 0},
		{"name", FIELD_LINE, true, HOLIDAY_NAME_MAX, 0, 0},
	};
	const char *action = form_get(w, "action");
	const char *day = form_get(w, "day");
	bizdate date;
	int year = 0, errors = 0, rc;
	char *name = NULL;

	if (strcmp(action, "remove") == 0) {
		if (biz_parse(day, &date) != MDG_OK)
			return MDG_EINVAL;
		rc = holiday_remove(w->app->db, &w->who, day);
		if (rc == MDG_OK)
			web_admin_redirect(w, "/admin/holidays?year=%d&done=removed", date.year);
		return rc;
	}
	if (strcmp(action, "add") != 0)
		return MDG_EINVAL;
	errors = form_check(w, fields, MDG_ARRAY_LEN(fields));
	if (!hdf_get_value(w->hdf, "Form.Err.day", NULL) && (biz_parse(day, &date) != MDG_OK || date.year < 1900 ||
							   date.year > 2999))
		web_admin_error(w, &errors, "day", "admin_date");
	if (errors == 0) {
		name = text_trim(form_get(w, "name"));
		rc = holiday_add(w->app->db, &w->who, day, name);
		free(name);
		if (rc == MDG_ECONFLICT)
			web_admin_error(w, &errors, "day", "admin_holiday_taken");
		else if (rc != MDG_OK)
			return rc;
	}
	if (errors) {
		w->r->status = 400;
		/* The year of the day typed when it is a date, else this year. */
		if (biz_parse(day, &date) == MDG_OK && date.year >= 1900 && date.year <= 2999)
			year = date.year;
		else if ((rc = holiday_year_now(w->app->db, &year)) != MDG_OK)
			return rc;
		return holidays_page(w, year);
	}
	web_admin_redirect(w, "/admin/holidays?year=%d&done=added", date.year);
	return MDG_OK;
}
