/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_admin.c: the administration overview, the department tree and the
 * site settings; helpers shared by the other page_admin_*.c. */
#include "page_admin.h"
#include "auth/totp.h"
#include "core/mdg.h"
#include "core/text.h"
#include "org/admin.h"
#include "notify/outbox.h"
#include "org/setting.h"
#include "proposals/proposal.h"
#include "proposals/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NBSP "\xC2\xA0"

int web_admin_tree(web *w, org_tree *out)
{
	org_tree t;
	char name[64];
	unsigned k = 0;
	if (out)
		memset(out, 0, sizeof *out);
	int rc = org_tree_load(w->app->db, w->lang, &t);
	for (size_t i = 0; rc == MDG_OK && i < t.n; i++) {
		const org_dept *dp = &t.depts[i];
		/* Only the departments the administrator's scope reaches. */
		if (!perm_covers_dept(&w->perm, PERM_ADMIN, dp->id))
			continue;
		snprintf(name, sizeof name, "Depts.%u", k);
		db_row_hdf(t.rows, (unsigned)i, w->hdf, name);
		buf indent = {0};
		for (int n = 0; n < dp->depth && n < 20; n++)
			buf_puts(&indent, NBSP NBSP NBSP);
		snprintf(name, sizeof name, "Depts.%u.indent", k);
		hdf_set_value(w->hdf, name, buf_str(&indent));
		buf_free(&indent);
		if (dp->parent_id) {
			snprintf(name, sizeof name, "Depts.%u.parent_name", k);
			hdf_set_value(w->hdf, name, dp->parent_name);
		}
		k++;
	}
	if (rc == MDG_OK && out)
		*out = t;
	else
		org_tree_free(&t);
	return rc;
}

void web_admin_flash_done(web *w)
{
	static const web_done done[] = {
		{"created", "AdminCreated"}, {"saved", "AdminSaved"},   {"added", "AdminAdded"},
		{"removed", "AdminRemoved"}, {"password", "AdminPassword"},
		{"activated", "AdminActivated"}, {"deactivated", "AdminDeactivated"},
		{"granted", "AdminGranted"}, {"revoked", "AdminRevoked"},
		{"joined", "AdminJoined"}, {"left", "AdminLeft"},
		{"totp_reset", "AdminTotpReset"},
	};
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
}

/* ---------------------------------------------------------------- overview */

int page_admin_home(web *w)
{
	db_result *r = NULL;
	char *reach = perm_departments(&w->perm, PERM_ADMIN);
	int rc = admin_counts(w->app->db, reach, &r);
	free(reach);
	if (rc != MDG_OK)
		return rc;
	db_row_hdf(r, 0, w->hdf, "Counts");
	db_result_free(r);
	hdf_set_value(w->hdf, "Admin.Section", "home");
	web_page(w, "admin/org/index.cs", "Admin");
	return MDG_OK;
}

/* ------------------------------------------------------------- departments */

static const field_spec dept_create_fields[] = {
	{"parent_id", FIELD_INT, true, 0, 0, 0x7FFFFFFFL},
	{"name_ko", FIELD_LINE, true, 100, 0, 0},
	{"name_en", FIELD_LINE, true, 100, 0, 0},
};

static const field_spec dept_update_fields[] = {
	{"parent_id", FIELD_INT, true, 0, 0, 0x7FFFFFFFL},
	{"name_ko", FIELD_LINE, true, 100, 0, 0},
	{"name_en", FIELD_LINE, true, 100, 0, 0},
	{"active", FIELD_CHECKBOX, false, 0, 0, 0},
};

/* The department list page (with the creation form), Depts.* loaded;
 * sent: a refused form is shown back (else the form starts at a root). */
static void departments_page(web *w, bool sent)
{
	if (!sent)
		hdf_set_value(w->hdf, "Form.parent_id", "0");
	hdf_set_value(w->hdf, "Admin.Section", "departments");
	web_page(w, "admin/org/departments.cs", "AdminDepartments");
}

int page_admin_departments(web *w)
{
	int rc = web_admin_tree(w, NULL);
	if (rc != MDG_OK)
		return rc;
	web_admin_flash_done(w);
	departments_page(w, false);
	return MDG_OK;
}

int page_admin_department_create(web *w)
{
	org_tree depts;
	char *ko = NULL, *en = NULL;
	long long id = 0;
	form f;
	form_validate(w, dept_create_fields, MDG_ARRAY_LEN(dept_create_fields), &f);
	int rc = web_admin_tree(w, &depts);
	if (rc != MDG_OK)
		goto done;
	long long parent = form_num(&f, "parent_id");
	if (!form_err(&f, "parent_id") && parent && !org_tree_find(&depts, parent))
		form_fail(&f, "parent_id", "invalid");
	/* A new department joins the scope of roles held on its parent with
	 * the subtree: only there may a scoped administrator add one (a new
	 * root is the whole institution's). */
	if (f.errors == 0 && !perm_covers_subtree(&w->perm, PERM_ADMIN, parent)) {
		rc = MDG_EDENIED;
		goto done;
	}
	if (f.errors) {
		w->r->status = 400;
		departments_page(w, true);
		goto done;
	}
	ko = text_trim(form_text(&f, "name_ko"));
	en = text_trim(form_text(&f, "name_en"));
	rc = org_department_create(w->app->db, &w->who, parent, ko, en, &id);
	if (rc == MDG_OK)
		web_redirect(w, "/admin/departments/%lld?done=created", id);
done:
	free(ko);
	free(en);
	org_tree_free(&depts);
	return rc;
}

/* One department's page, Depts.* loaded; fill_form takes the form's
 * values from the database (not after a refused change, which shows what
 * was typed). */
static int department_page(web *w, long long id, const org_tree *depts, bool fill_form)
{
	const org_dept *dp = org_tree_find(depts, id);
	if (!dp)
		return MDG_ENOTFOUND;
	if (!perm_covers_dept(&w->perm, PERM_ADMIN, id))
		return MDG_EDENIED;
	web_set(w, "Dept.id", "%lld", id);
	hdf_set_value(w->hdf, "Dept.name", dp->name);
	hdf_set_value(w->hdf, "Dept.active", dp->active ? "1" : "0");
	/* The present parent stays a choice even outside the scope. */
	if (dp->parent_id && org_tree_find(depts, dp->parent_id) &&
	    !perm_covers_dept(&w->perm, PERM_ADMIN, dp->parent_id)) {
		web_set(w, "Dept.ParentOutside.id", "%lld", dp->parent_id);
		hdf_set_value(w->hdf, "Dept.ParentOutside.name", dp->parent_name);
	}
	if (fill_form) {
		web_set(w, "Form.parent_id", "%lld", dp->parent_id);
		hdf_set_value(w->hdf, "Form.name_ko", dp->name_ko);
		hdf_set_value(w->hdf, "Form.name_en", dp->name_en);
		hdf_set_value(w->hdf, "Form.active", dp->active ? "1" : "0");
	}
	hdf_set_value(w->hdf, "Admin.Section", "departments");
	web_page(w, "admin/org/department.cs", "AdminDepartment");
	return MDG_OK;
}

int page_admin_department(web *w)
{
	org_tree depts;
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	int rc = web_admin_tree(w, &depts);
	if (rc == MDG_OK)
		rc = department_page(w, id, &depts, true);
	if (rc == MDG_OK)
		web_admin_flash_done(w);
	org_tree_free(&depts);
	return rc;
}

int page_admin_department_update(web *w)
{
	org_tree depts = {0};
	char *ko = NULL, *en = NULL;
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	form f;
	form_validate(w, dept_update_fields, MDG_ARRAY_LEN(dept_update_fields), &f);
	int rc = web_admin_tree(w, &depts);
	if (rc != MDG_OK)
		goto done;
	const org_dept *dp = org_tree_find(&depts, id);
	if (!dp) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	if (!perm_covers_dept(&w->perm, PERM_ADMIN, id)) {
		rc = MDG_EDENIED;
		goto done;
	}
	long long parent = form_num(&f, "parent_id");
	bool active = form_on(&f, "active");
	if (!form_err(&f, "parent_id") && parent) {
		if (!org_tree_find(&depts, parent))
			form_fail(&f, "parent_id", "invalid");
		else if (parent == id)
			form_fail(&f, "parent_id", "admin_cycle");
	}
	/* A move takes the department out of the scopes that cover its old
	 * parent and into those of the new one: both must be the mover's. */
	if (f.errors == 0 && parent != dp->parent_id &&
	    !(perm_covers_subtree(&w->perm, PERM_ADMIN, parent) &&
	      perm_covers_subtree(&w->perm, PERM_ADMIN, dp->parent_id))) {
		rc = MDG_EDENIED;
		goto done;
	}
	if (f.errors == 0) {
		ko = text_trim(form_text(&f, "name_ko"));
		en = text_trim(form_text(&f, "name_en"));
		rc = org_department_update(w->app->db, &w->who, id, parent, ko, en, active);
		/* The new parent is below the department: a cycle. */
		if (rc == MDG_EINVAL)
			form_fail(&f, "parent_id", "admin_cycle");
		else if (rc != MDG_OK)
			goto done;
	}
	if (f.errors) {
		w->r->status = 400;
		if (!active)
			hdf_set_value(w->hdf, "Form.active", "0");
		rc = department_page(w, id, &depts, false);
		goto done;
	}
	web_redirect(w, "/admin/departments/%lld?done=saved", id);
	rc = MDG_OK;
done:
	free(ko);
	free(en);
	org_tree_free(&depts);
	return rc;
}

/* ---------------------------------------------------------------- settings */

/* The settings on the form: the form field, the setting and its default
 * (the defaults the code uses when a setting is absent). */
static const struct {
	const char *field, *name, *def;
} settings_shown[] = {
	{"timeline_show", "timeline.show", "name"},
	{"sms_quiet_start", "sms.quiet_start", "21:00"},
	{"sms_quiet_end", "sms.quiet_end", "08:00"},
	{"digest_hour", "digest.hour", "8"},
	{"apology_workdays", "apology.workdays", "3"},
	/* mileage and penalties: the defaults of lib/participation */
	{"mileage_complaint_answered", "mileage.complaint_answered", "10"},
	{"mileage_proposal_threshold", "mileage.proposal_threshold", "50"},
	{"mileage_proposal_accepted", "mileage.proposal_accepted", "100"},
	{"mileage_opinion_recommended", "mileage.opinion_recommended", "5"},
	{"mileage_report_valid", "mileage.report_valid", "5"},
	{"penalty_decay_days", "penalty.decay_days", "90"},
	/* lib/moderation (its defaults) */
	{"mod_hide_threshold", "moderation.hide_threshold", "3"},
	{"mod_throttle", "moderation.throttle_per_hour", "30"},
	{"mod_throttle_addr", "moderation.throttle_addr_per_hour", "300"},
	{"proposal_threshold", "proposal.threshold", PROPOSAL_THRESHOLD_DEFAULT},
	{"proposal_support_days", "proposal.support_days", PROPOSAL_SUPPORT_DAYS_DEFAULT},
	{"proposal_answer_workdays", "proposal.answer_workdays", PROPOSAL_ANSWER_WORKDAYS_DEFAULT},
};

/* The settings page; sent: a refused form, whose values (what was typed)
 * are shown back with their errors instead of the stored ones. */
static int settings_page(web *w, bool sent)
{
	char value[SETTING_VALUE_MAX + 1], path[64];
	for (size_t i = 0; !sent && i < MDG_ARRAY_LEN(settings_shown); i++) {
		snprintf(path, sizeof path, "Form.%s", settings_shown[i].field);
		int rc = setting_get(w->app->db, settings_shown[i].name, settings_shown[i].def, value, sizeof value);
		if (rc != MDG_OK)
			return rc;
		hdf_set_value(w->hdf, path, value);
	}
	int rc = web_identity_settings_fill(w, sent);
	if (rc != MDG_OK)
		return rc;
	/* Two-step sign-in's rule: a list of its own (lib/auth/totp.h). */
	if (!sent) {
		rc = setting_get(w->app->db, "auth.totp_required", "staff", value, sizeof value);
		if (rc != MDG_OK)
			return rc;
		hdf_set_value(w->hdf, "Form.totp_required", value);
		/* The public usage summary (/usage, page_usage.c): off by default. */
		rc = setting_get(w->app->db, "usage.public_summary", "0", value, sizeof value);
		if (rc != MDG_OK)
			return rc;
		hdf_set_value(w->hdf, "Form.usage_public_summary", value);
	}
	hdf_set_value(w->hdf, "Admin.Section", "settings");
	web_page(w, "admin/org/settings.cs", "AdminSettings");
	return MDG_OK;
}

int page_admin_settings(web *w)
{
	web_admin_flash_done(w);
	return settings_page(w, false);
}

int page_admin_settings_save(web *w)
{
	static const field_spec fields[] = {
		{"timeline_show", FIELD_LINE, true, 8, 0, 0},
		{"sms_quiet_start", FIELD_LINE, true, 5, 0, 0},
		{"sms_quiet_end", FIELD_LINE, true, 5, 0, 0},
		{"digest_hour", FIELD_INT, true, 0, 0, 23},
		{"apology_workdays", FIELD_INT, true, 0, 1, 60},
		{"mileage_complaint_answered", FIELD_INT, true, 0, 0, 100000},
		{"mileage_proposal_threshold", FIELD_INT, true, 0, 0, 100000},
		{"mileage_proposal_accepted", FIELD_INT, true, 0, 0, 100000},
		{"mileage_opinion_recommended", FIELD_INT, true, 0, 0, 100000},
		{"mileage_report_valid", FIELD_INT, true, 0, 0, 100000},
		{"penalty_decay_days", FIELD_INT, true, 0, 1, 3650},
		{"mod_hide_threshold", FIELD_INT, true, 0, 1, 100},
		{"mod_throttle", FIELD_INT, true, 0, 0, 10000},
		{"mod_throttle_addr", FIELD_INT, true, 0, 0, 100000},
		{"proposal_threshold", FIELD_INT, true, 0, 1, 10000000},
		{"proposal_support_days", FIELD_INT, true, 0, 1, 3650},
		{"totp_required", FIELD_LINE, false, 8, 0, 0},
		{"proposal_answer_workdays", FIELD_INT, true, 0, 1, 365},
		{"usage_public_summary", FIELD_CHECKBOX, false, 0, 0, 0},
	};
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	const char *show = form_text(&f, "timeline_show");
	if (!form_err(&f, "timeline_show") && strcmp(show, "name") != 0 && strcmp(show, "role") != 0) {
		form_fail(&f, "timeline_show", "invalid");
		/* Overwritten, not removed: a removal under Form would leave
		 * Form's lookup cache pointing at the freed node (render.c). */
		hdf_set_value(w->hdf, "Form.timeline_show", "");
	}
	/* Equal start and end mean no quiet hours at all. */
	for (int i = 0; i < 2; i++) {
		const char *field = i ? "sms_quiet_end" : "sms_quiet_start";
		if (!form_err(&f, field) && outbox_parse_hhmm(form_text(&f, field)) < 0)
			form_fail(&f, field, "admin_time");
	}
	/* Absent (an older form): left as it is. */
	const char *totp = form_text(&f, "totp_required");
	if (!form_err(&f, "totp_required") && form_filled(&f, "totp_required") && strcmp(totp, "staff") != 0 &&
	    strcmp(totp, "contacts") != 0 && strcmp(totp, "none") != 0)
		form_fail(&f, "totp_required", "invalid");
	if (f.errors) {
		w->r->status = 400;
		return settings_page(w, true);
	}
	int rc = MDG_OK;
	for (size_t i = 0; rc == MDG_OK && i < MDG_ARRAY_LEN(settings_shown); i++)
		rc = setting_set(w->app->db, &w->who, settings_shown[i].name, form_text(&f, settings_shown[i].field));
	if (rc == MDG_OK && form_filled(&f, "totp_required"))
		rc = setting_set(w->app->db, &w->who, "auth.totp_required", totp);
	if (rc == MDG_OK && form_filled(&f, "totp_required"))
		rc = totp_rule_applied(w->app->db, totp);
	if (rc == MDG_OK)
		rc = web_identity_settings_save(w);
	if (rc == MDG_OK)
		rc = setting_set(w->app->db, &w->who, "usage.public_summary",
				 form_on(&f, "usage_public_summary") ? "1" : "0");
	if (rc == MDG_OK)
		web_redirect(w, "/admin/settings?done=saved");
	return rc;
}
