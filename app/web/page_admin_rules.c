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
	{"proposal_threshold", FIELD_INT, false, 0, 1, 10000000},
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
static int rule_read(web *w, const org_tree *depts, struct rule_form *f)
{
	form in;
	memset(f, 0, sizeof *f);
	form_validate(w, rule_fields, MDG_ARRAY_LEN(rule_fields), &in);
	long long lead = form_num(&in, "department_id");
	if (lead && !org_tree_find(depts, lead))
		form_fail(&in, "department_id", "invalid");
	if (!form_err(&in, "mode") && !rule_mode_valid(form_text(&in, "mode")))
		form_fail(&in, "mode", "invalid");
	/* The joint departments: one "joint" field per ticked box, which a
	 * table of single fields does not hold. */
	size_t njoint = 0;
	f->joint = xcalloc(w->r->form.count + 1, sizeof *f->joint);
	for (const kv *p = w->r->form.head; p; p = p->next) {
		long id = 0;
		if (strcmp(p->key, "joint") != 0)
			continue;
		if (text_parse_long(p->val, 1, 0x7FFFFFFFL, &id) != MDG_OK || !org_tree_find(depts, id)) {
			form_fail(&in, "joint", "invalid");
			break;
		}
		if (id == lead) {
			form_fail(&in, "joint", "admin_joint_lead");
			break;
		}
		f->joint[njoint++] = id;
	}
	show_joint(w, f->joint, njoint);
	f->name_ko = text_trim(form_text(&in, "name_ko"));
	f->name_en = text_trim(form_text(&in, "name_en"));
	f->r = (rule){
		.name_ko = f->name_ko,
		.name_en = f->name_en,
		.department_id = lead,
		.mode = form_text(&in, "mode"),
		.deadline_days = (int)form_num(&in, "deadline_days"),
		.reminder_hours = (int)form_num(&in, "reminder_hours"),
		.escalate_hours = (int)form_num(&in, "escalate_hours"),
		.needs_approval = form_on(&in, "needs_approval"),
		.reopen_days = (int)form_num(&in, "reopen_days"),
		.max_extensions = (int)form_num(&in, "max_extensions"),
		.active = form_on(&in, "active"),
		.proposal_threshold = form_num(&in, "proposal_threshold"),
		.joint = f->joint,
		.njoint = njoint,
	};
	return in.errors;
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
		if (!perm_covers_dept(&w->perm, PERM_ADMIN, db_get_ll(joint, i, "department_id", 0)))
			return false;
	for (size_t i = 0; i < n; i++)
		if (!perm_covers_dept(&w->perm, PERM_ADMIN, ids[i]))
			return false;
	return true;
}

/* The category list with the creation form; Depts.* loaded. sent: the
 * creation form is shown back as sent (with its errors), else it starts
 * from the defaults. */
static int categories_page(web *w, bool sent)
{
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
	db_rows_hdf(rules, w->hdf, "Rules");
	db_result_free(rules);
	/* A new category starts from the defaults of the schema. */
	if (!sent)
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
	int rc = web_admin_tree(w, NULL);
	if (rc != MDG_OK)
		return rc;
	web_admin_flash_done(w);
	return categories_page(w, false);
}

int page_admin_category_create(web *w)
{
	org_tree depts;
	struct rule_form f;
	long long id = 0;
	memset(&f, 0, sizeof f);
	int rc = web_admin_tree(w, &depts);
	if (rc != MDG_OK)
		goto done;
	int errors = rule_read(w, &depts, &f);
	if (errors) {
		w->r->status = 400;
		rc = categories_page(w, true);
		goto done;
	}
	if (!rule_in_reach(w, f.r.department_id, NULL, f.r.joint, f.r.njoint)) {
		rc = MDG_EDENIED;
		goto done;
	}
	rc = rule_create(w->app->db, &w->who, &f.r, &id);
	if (rc == MDG_OK)
		web_redirect(w, "/admin/categories/%lld?done=created", id);
done:
	rule_form_free(&f);
	org_tree_free(&depts);
	return rc;
}

/* One category's page; Depts.* loaded, Form.* filled. */
static void category_page(web *w, long long id)
{
	web_set(w, "Rule.id", "%lld", id);
	hdf_set_value(w->hdf, "Admin.Section", "categories");
	web_page(w, "admin/org/category.cs", "AdminCategory");
}

/* The category's name in the reader's language, from a row of rule_get. */
static const char *rule_name(const web *w, const db_result *r)
{
	return db_get(r, 0, strcmp(w->lang, "en") == 0 ? "name_en" : "name_ko", "");
}

int page_admin_category(web *w)
{
	db_result *r = NULL, *joint = NULL;
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	int rc = rule_get(w->app->db, id, &r, &joint);
	if (rc == MDG_OK && !rule_in_reach(w, db_get_ll(r, 0, "department_id", 0), joint, NULL, 0))
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = web_admin_tree(w, NULL);
	if (rc != MDG_OK)
		goto done;
	/* The form starts from the rule: its columns are the fields' names. */
	db_row_hdf(r, 0, w->hdf, "Form");
	for (unsigned i = 0; i < joint->nrows; i++) {
		long long j = db_get_ll(joint, i, "department_id", 0);
		show_joint(w, &j, 1);
	}
	hdf_set_value(w->hdf, "Rule.name", rule_name(w, r));
	web_admin_flash_done(w);
	category_page(w, id);
done:
	db_result_free(r);
	db_result_free(joint);
	return rc;
}

int page_admin_category_update(web *w)
{
	org_tree depts = {0};
	db_result *old = NULL, *joint = NULL;
	struct rule_form f;
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	memset(&f, 0, sizeof f);
	int rc = rule_get(w->app->db, id, &old, &joint);
	if (rc == MDG_OK && !rule_in_reach(w, db_get_ll(old, 0, "department_id", 0), joint, NULL, 0))
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = web_admin_tree(w, &depts);
	if (rc != MDG_OK)
		goto done;
	hdf_set_value(w->hdf, "Rule.name", rule_name(w, old));
	int errors = rule_read(w, &depts, &f);
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
		web_redirect(w, "/admin/categories/%lld?done=saved", id);
done:
	rule_form_free(&f);
	org_tree_free(&depts);
	db_result_free(old);
	db_result_free(joint);
	return rc;
}

/* ---------------------------------------------------------------- holidays */

/* The calendar of year with the form to add a day. */
static int holidays_page(web *w, int year)
{
	db_result *days = NULL;
	int rc = holiday_list(w->app->db, year, &days);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(days, w->hdf, "Holidays");
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
	static const field_spec add_fields[] = {
		{"day", FIELD_DATE, true, 0, 0, 0},
		{"name", FIELD_LINE, true, HOLIDAY_NAME_MAX, 0, 0},
	};
	static const field_spec remove_fields[] = {
		{"day", FIELD_DATE, true, 0, 0, 0},
	};
	const char *action = form_get(w, "action");
	int year = 0, rc;
	char *name = NULL;
	form f;

	if (strcmp(action, "remove") == 0) {
		/* The remove buttons of the list: a bad day is a forged form. */
		if (form_validate(w, remove_fields, MDG_ARRAY_LEN(remove_fields), &f) != 0)
			return MDG_EINVAL;
		rc = holiday_remove(w->app->db, &w->who, form_text(&f, "day"));
		if (rc == MDG_OK)
			web_redirect(w, "/admin/holidays?year=%d&done=removed", form_date(&f, "day").year);
		return rc;
	}
	if (strcmp(action, "add") != 0)
		return MDG_EINVAL;
	form_validate(w, add_fields, MDG_ARRAY_LEN(add_fields), &f);
	bizdate day = form_date(&f, "day");
	/* The years the holiday pages show (holiday_year). */
	if (!form_err(&f, "day") && day.year > 2999)
		form_fail(&f, "day", "date");
	if (f.errors == 0) {
		name = text_trim(form_text(&f, "name"));
		rc = holiday_add(w->app->db, &w->who, form_text(&f, "day"), name);
		free(name);
		if (rc == MDG_ECONFLICT)
			form_fail(&f, "day", "admin_holiday_taken");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		/* The year of the day typed when it is a date, else this year. */
		if (day.year >= 1900 && day.year <= 2999)
			year = day.year;
		else if ((rc = holiday_year_now(w->app->db, &year)) != MDG_OK)
			return rc;
		return holidays_page(w, year);
	}
	web_redirect(w, "/admin/holidays?year=%d&done=added", day.year);
	return MDG_OK;
}
