/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_admin_staff.c: staff accounts in the administration pages: the
 * list, creating one, and one member's memberships, roles, activation and
 * password. Every change goes through org_* (audited, scope rebuilt). */
#include "page_admin.h"
#include "auth/password.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "org/admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------- list */

/* An account id and its row in the staff list, for finding rows by id. */
struct staff_index {
	long long id;
	unsigned row;
};

static int index_cmp(const void *a, const void *b)
{
	long long x = ((const struct staff_index *)a)->id, y = ((const struct staff_index *)b)->id;
	return (x > y) - (x < y);
}

/* Adds Staff.N.Roles.M.{role, dept, subtree} from every role. */
static void fill_roles(web *w, const db_result *staff, const db_result *roles)
{
	struct staff_index *idx = calloc(staff->nrows ? staff->nrows : 1, sizeof *idx);
	unsigned *count = calloc(staff->nrows ? staff->nrows : 1, sizeof *count);
	char name[96];
	if (!idx || !count)
		abort(); /* the out-of-memory policy of xalloc.h */
	for (unsigned i = 0; i < staff->nrows; i++) {
		idx[i].id = db_cell_ll(staff, i, 0, 0);
		idx[i].row = i;
	}
	qsort(idx, staff->nrows, sizeof *idx, index_cmp);
	for (unsigned i = 0; i < roles->nrows; i++) {
		struct staff_index key = {db_cell_ll(roles, i, 0, 0), 0};
		struct staff_index *hit = bsearch(&key, idx, staff->nrows, sizeof *idx, index_cmp);
		if (!hit)
			continue;
		unsigned m = count[hit->row]++;
		snprintf(name, sizeof name, "Staff.%u.Roles.%u.role", hit->row, m);
		hdf_set_value(w->hdf, name, db_cell(roles, i, 1, ""));
		snprintf(name, sizeof name, "Staff.%u.Roles.%u.dept", hit->row, m);
		hdf_set_value(w->hdf, name, db_cell(roles, i, 2, ""));
		snprintf(name, sizeof name, "Staff.%u.Roles.%u.subtree", hit->row, m);
		hdf_set_value(w->hdf, name, db_cell(roles, i, 3, "0"));
	}
	free(idx);
	free(count);
}

/* Staff.N.* from the rows of org_staff_list, with Staff.N.manage = 1 for
 * those the administrator may manage (perm_may_manage): the others are
 * listed (they belong to the administrator's departments) without a link
 * to a page that would refuse them. */
static int mark_manageable(web *w, const db_result *staff)
{
	static const char *const cols[] = {"id", "login", "name", "email", "active", "departments", NULL};
	long long *ids = xcalloc(staff->nrows ? staff->nrows : 1, sizeof *ids);
	bool *may = xcalloc(staff->nrows ? staff->nrows : 1, sizeof *may);
	char name[64];
	for (unsigned i = 0; i < staff->nrows; i++)
		ids[i] = db_cell_ll(staff, i, 0, 0);
	int rc = perm_may_manage_many(w->app->db, &w->perm, staff->nrows, ids, may);
	if (rc == MDG_OK) {
		web_rows(w, "Staff", staff, cols);
		for (unsigned i = 0; i < staff->nrows; i++)
			if (may[i]) {
				snprintf(name, sizeof name, "Staff.%u.manage", i);
				hdf_set_value(w->hdf, name, "1");
			}
	}
	free(ids);
	free(may);
	return rc;
}

/* The staff list with the creation form; Depts.* loaded. */
static int staff_page(web *w)
{
	db_result *staff = NULL, *roles = NULL;
	/* Those who belong to or hold a role in the administrator's scope. */
	char *reach = perm_departments(&w->perm, PERM_ADMIN);
	int rc = org_staff_list(w->app->db, w->lang, reach, &staff);
	free(reach);
	if (rc == MDG_OK)
		rc = admin_roles(w->app->db, w->lang, &roles);
	if (rc == MDG_OK)
		rc = mark_manageable(w, staff);
	if (rc == MDG_OK) {
		fill_roles(w, staff, roles);
		web_set(w, "StaffCount", "%u", staff->nrows);
		if (!hdf_get_value(w->hdf, "Form.department_id", NULL))
			hdf_set_value(w->hdf, "Form.department_id", "0");
		hdf_set_value(w->hdf, "Admin.Section", "staff");
		web_page(w, "admin/org/staff.cs", "AdminStaff");
	}
	db_result_free(staff);
	db_result_free(roles);
	return rc;
}

int page_admin_staff(web *w)
{
	int rc = web_admin_departments(w, NULL);
	if (rc != MDG_OK)
		return rc;
	web_admin_flash_done(w);
	return staff_page(w);
}

static const char *password_problem(const char *pw)
{
	switch (password_check_policy(pw)) {
	case PASSWORD_OK: return NULL;
	case PASSWORD_TOO_SHORT: return "password_short";
	case PASSWORD_TOO_LONG: return "too_long";
	case PASSWORD_COMMON: return "password_common";
	case PASSWORD_INVALID: return "utf8";
	}
	return "invalid";
}

/* Checks a new password typed by the supervisor into field. */
static void check_password(web *w, int *errors, const char *field)
{
	char name[64];
	snprintf(name, sizeof name, "Form.Err.%s", field);
	if (hdf_get_value(w->hdf, name, NULL))
		return;
	const char *problem = password_problem(form_get(w, field));
	if (problem)
		web_admin_error(w, errors, field, problem);
}

int page_admin_staff_create(web *w)
{
	static const field_spec fields[] = {
		{"login_id", FIELD_LINE, true, 32, 0, 0},
		{"name", FIELD_LINE, true, 50, 0, 0},
		{"email", FIELD_LINE, true, 254, 0, 0},
		{"password", FIELD_SECRET, true, 256, 0, 0},
		{"department_id", FIELD_INT, true, 0, 0, 0x7FFFFFFFL},
	};
	db_result *depts = NULL;
	char *name = NULL;
	const char *which = NULL;
	long long id = 0;
	int errors = form_check(w, fields, MDG_ARRAY_LEN(fields));
	int rc = web_admin_departments(w, &depts);
	if (rc != MDG_OK)
		goto done;
	const char *login = form_get(w, "login_id");
	const char *email = form_get(w, "email");
	long long dept = web_admin_form_ll(w, "department_id", 0);
	if (*login && !hdf_get_value(w->hdf, "Form.Err.login_id", NULL) && !text_login_id_valid(login))
		web_admin_error(w, &errors, "login_id", "login_id");
	if (*email && !hdf_get_value(w->hdf, "Form.Err.email", NULL) && !text_email_valid(email))
		web_admin_error(w, &errors, "email", "email");
	check_password(w, &errors, "password");
	if (!hdf_get_value(w->hdf, "Form.Err.department_id", NULL) && dept && !web_admin_department_known(depts, dept))
		web_admin_error(w, &errors, "department_id", "invalid");
	/* A scoped administrator places the new account in their scope (an
	 * account placed nowhere is the whole institution's). */
	if (errors == 0 && !perm_covers_dept(&w->perm, PERM_ADMIN, dept)) {
		rc = MDG_EDENIED;
		goto done;
	}
	if (errors == 0) {
		name = text_trim(form_get(w, "name"));
		/* The supervisor typed the password: the new member changes it
		 * at the first sign-in (docs/decisions.md, "Accounts"). */
		account_new a = {login, form_get(w, "password"), name, email, NULL, "staff", NULL, false,
				 PASSWORD_BY_ADMIN};
		rc = org_staff_create(w->app->db, &w->who, &a, dept, &id, &which);
		if (rc == MDG_ECONFLICT && which)
			web_admin_error(w, &errors, which, strcmp(which, "email") == 0 ? "email_taken" : "login_taken");
		else if (rc != MDG_OK)
			goto done;
	}
	if (errors) {
		w->r->status = 400;
		rc = staff_page(w);
		goto done;
	}
	web_admin_redirect(w, "/admin/staff/%lld?done=created", id);
	rc = MDG_OK;
done:
	free(name);
	db_result_free(depts);
	return rc;
}

/* ------------------------------------------------------------- one member */

/* One staff member, as loaded for their page. */
struct member {
	account a;
	db_result *depts;     /* the department tree */
	db_result *roles;     /* org_staff_roles */
	db_result *joined;    /* org_staff_departments */
};

static void member_free(struct member *m)
{
	db_result_free(m->depts);
	db_result_free(m->roles);
	db_result_free(m->joined);
}

/* Loads the staff member of the route; MDG_ENOTFOUND for anyone else,
 * MDG_EDENIED for one whose rights are wider than or outside the
 * administrator's own (perm_may_manage): their page and every action on
 * it are refused alike. */
static int member_load(web *w, struct member *m)
{
	long long id = web_admin_param_id(w);
	bool may = false;
	memset(m, 0, sizeof *m);
	if (!id)
		return MDG_ENOTFOUND;
	int rc = account_get(w->app->db, id, &m->a);
	if (rc == MDG_OK && strcmp(m->a.kind, "staff") != 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = perm_may_manage(w->app->db, &w->perm, id, &may);
	if (rc == MDG_OK && !may)
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = web_admin_departments(w, &m->depts);
	if (rc == MDG_OK)
		rc = org_staff_roles(w->app->db, id, w->lang, &m->roles);
	if (rc == MDG_OK)
		rc = org_staff_departments(w->app->db, id, w->lang, &m->joined);
	return rc;
}

/* Fills the member's page. */
static void member_page(web *w, const struct member *m)
{
	static const char *const role_cols[] = {"id", "role", "department_id", "department", "subtree", NULL};
	static const char *const dept_cols[] = {"id", "name", NULL};
	web_set(w, "Member.id", "%lld", m->a.id);
	hdf_set_value(w->hdf, "Member.login", m->a.login_id);
	hdf_set_value(w->hdf, "Member.name", m->a.name);
	hdf_set_value(w->hdf, "Member.email", m->a.email);
	hdf_set_value(w->hdf, "Member.active", m->a.active ? "1" : "0");
	if (m->a.id == w->me.id)
		hdf_set_value(w->hdf, "Member.self", "1");
	web_rows(w, "Roles", m->roles, role_cols);
	web_rows(w, "Joined", m->joined, dept_cols);
	if (!hdf_get_value(w->hdf, "Form.role", NULL))
		hdf_set_value(w->hdf, "Form.role", "handler");
	if (!hdf_get_value(w->hdf, "Form.Err.role", NULL) && !hdf_get_value(w->hdf, "Form.role_department", NULL)) {
		hdf_set_value(w->hdf, "Form.with_subtree", "1");
		if (m->joined->nrows)
			hdf_set_value(w->hdf, "Form.role_department", db_cell(m->joined, 0, 0, "0"));
	}
	hdf_set_value(w->hdf, "Admin.Section", "staff");
	web_page(w, "admin/org/member.cs", "AdminMember");
}

int page_admin_member(web *w)
{
	struct member m;
	int rc = member_load(w, &m);
	if (rc == MDG_OK) {
		web_admin_flash_done(w);
		member_page(w, &m);
	}
	member_free(&m);
	return rc;
}

/* Each sub-action validates its fields, acts, and on success names the
 * ?done= message; a refused one counts its errors in *errors. */
typedef int (*member_action)(web *w, const struct member *m, int *errors, const char **done);

static int act_join(web *w, const struct member *m, int *errors, const char **done)
{
	static const field_spec fields[] = {{"join_department", FIELD_INT, true, 0, 1, 0x7FFFFFFFL}};
	*errors += form_check(w, fields, MDG_ARRAY_LEN(fields));
	long long dept = web_admin_form_ll(w, "join_department", 0);
	if (*errors == 0 && !web_admin_department_known(m->depts, dept))
		web_admin_error(w, errors, "join_department", "invalid");
	if (*errors == 0 && !perm_covers_dept(&w->perm, PERM_ADMIN, dept))
		return MDG_EDENIED;
	for (unsigned i = 0; *errors == 0 && i < m->joined->nrows; i++)
		if (db_cell_ll(m->joined, i, 0, 0) == dept)
			web_admin_error(w, errors, "join_department", "admin_already_member");
	if (*errors)
		return MDG_OK;
	*done = "joined";
	return org_staff_membership(w->app->db, &w->who, m->a.id, dept, true);
}

static int act_leave(web *w, const struct member *m, int *errors, const char **done)
{
	long long dept = web_admin_form_ll(w, "department_id", 0);
	MDG_UNUSED(errors);
	if (dept <= 0)
		return MDG_EINVAL;
	if (!perm_covers_dept(&w->perm, PERM_ADMIN, dept))
		return MDG_EDENIED;
	*done = "left";
	/* MDG_ENOTFOUND when not a member (a stale page): 404. */
	return org_staff_membership(w->app->db, &w->who, m->a.id, dept, false);
}

static int act_grant(web *w, const struct member *m, int *errors, const char **done)
{
	static const field_spec fields[] = {
		{"role", FIELD_LINE, true, 16, 0, 0},
		{"role_department", FIELD_INT, true, 0, 0, 0x7FFFFFFFL},
		{"with_subtree", FIELD_CHECKBOX, false, 0, 0, 0},
	};
	*errors += form_check(w, fields, MDG_ARRAY_LEN(fields));
	const char *role = form_get(w, "role");
	long long dept = web_admin_form_ll(w, "role_department", 0);
	if (!hdf_get_value(w->hdf, "Form.Err.role", NULL) && !org_role_valid(role))
		web_admin_error(w, errors, "role", "invalid");
	if (!hdf_get_value(w->hdf, "Form.Err.role_department", NULL) && dept &&
	    !web_admin_department_known(m->depts, dept))
		web_admin_error(w, errors, "role_department", "invalid");
	if (*errors)
		return MDG_OK;
	bool subtree = dept ? strcmp(form_get(w, "with_subtree"), "1") == 0 : true;
	/* Nobody grants a role wider than their own. */
	if (!perm_may_grant(&w->perm, role, dept, subtree))
		return MDG_EDENIED;
	int rc = org_role_grant(w->app->db, &w->who, m->a.id, role, dept, subtree);
	if (rc == MDG_ECONFLICT) {
		web_admin_error(w, errors, "role", "admin_role_held");
		return MDG_OK;
	}
	*done = "granted";
	return rc;
}

static int act_revoke(web *w, const struct member *m, int *errors, const char **done)
{
	long long role_id = web_admin_form_ll(w, "role_id", 0);
	unsigned i = 0;
	while (i < m->roles->nrows && db_cell_ll(m->roles, i, 0, 0) != role_id)
		i++;
	if (role_id <= 0 || i == m->roles->nrows)
		return MDG_ENOTFOUND;
	/* Supervisors cannot lock themselves out of these pages. */
	const char *role = db_cell(m->roles, i, 1, "");
	if (m->a.id == w->me.id && (strcmp(role, "supervisor") == 0 || strcmp(role, "sysadmin") == 0)) {
		web_flash(w, "AdminNotSelf");
		(*errors)++;
		return MDG_OK;
	}
	*done = "revoked";
	return org_role_revoke(w->app->db, &w->who, m->a.id, role_id);
}

static int act_active(web *w, const struct member *m, int *errors, const char **done)
{
	bool active = strcmp(form_get(w, "action"), "activate") == 0;
	if (!active && m->a.id == w->me.id) {
		web_flash(w, "AdminNotSelf");
		(*errors)++;
		return MDG_OK;
	}
	*done = active ? "activated" : "deactivated";
	return org_staff_set_active(w->app->db, &w->who, m->a.id, active);
}

static int act_password(web *w, const struct member *m, int *errors, const char **done)
{
	static const field_spec fields[] = {{"new_password", FIELD_SECRET, true, 256, 0, 0}};
	*errors += form_check(w, fields, MDG_ARRAY_LEN(fields));
	check_password(w, errors, "new_password");
	if (*errors)
		return MDG_OK;
	*done = "password";
	return org_staff_reset_password(w->app->db, &w->who, m->a.id, form_get(w, "new_password"));
}

int page_admin_member_action(web *w)
{
	static const struct {
		const char *name;
		member_action fn;
	} actions[] = {
		{"join", act_join},         {"leave", act_leave},       {"grant", act_grant},
		{"revoke", act_revoke},     {"activate", act_active},   {"deactivate", act_active},
		{"password", act_password},
	};
	struct member m;
	const char *action = form_get(w, "action");
	const char *done = NULL;
	int errors = 0;
	int rc = member_load(w, &m);
	if (rc != MDG_OK)
		goto out;
	member_action fn = NULL;
	for (size_t i = 0; i < MDG_ARRAY_LEN(actions); i++)
		if (strcmp(action, actions[i].name) == 0)
			fn = actions[i].fn;
	if (!fn) {
		rc = MDG_EINVAL;
		goto out;
	}
	rc = fn(w, &m, &errors, &done);
	if (rc != MDG_OK)
		goto out;
	if (errors) {
		w->r->status = 400;
		member_page(w, &m);
		goto out;
	}
	web_admin_redirect(w, "/admin/staff/%lld?done=%s", m.a.id, done);
out:
	member_free(&m);
	return rc;
}
