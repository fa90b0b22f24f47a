/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_admin_staff.c: staff accounts in the administration pages: the
 * list, creating one, and one member's memberships, roles, activation and
 * password. Every change goes through org_* (audited, scope rebuilt). */
#include "page_admin.h"
#include "auth/password.h"
#include "auth/totp.h"
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

/* Adds Staff.N.Roles.M.{role, dept, subtree} from every role (admin_roles). */
static void fill_roles(web *w, const db_result *staff, const db_result *roles)
{
	struct staff_index *idx = calloc(staff->nrows ? staff->nrows : 1, sizeof *idx);
	unsigned *count = calloc(staff->nrows ? staff->nrows : 1, sizeof *count);
	char name[96];
	if (!idx || !count)
		abort(); /* the out-of-memory policy of xalloc.h */
	for (unsigned i = 0; i < staff->nrows; i++) {
		idx[i].id = db_get_ll(staff, i, "id", 0);
		idx[i].row = i;
	}
	qsort(idx, staff->nrows, sizeof *idx, index_cmp);
	for (unsigned i = 0; i < roles->nrows; i++) {
		struct staff_index key = {db_get_ll(roles, i, "account_id", 0), 0};
		struct staff_index *hit = bsearch(&key, idx, staff->nrows, sizeof *idx, index_cmp);
		if (!hit)
			continue;
		snprintf(name, sizeof name, "Staff.%u.Roles.%u", hit->row, count[hit->row]++);
		db_row_hdf(roles, i, w->hdf, name);
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
	long long *ids = xcalloc(staff->nrows ? staff->nrows : 1, sizeof *ids);
	bool *may = xcalloc(staff->nrows ? staff->nrows : 1, sizeof *may);
	char name[64];
	for (unsigned i = 0; i < staff->nrows; i++)
		ids[i] = db_get_ll(staff, i, "id", 0);
	int rc = perm_may_manage_many(w->app->db, &w->perm, staff->nrows, ids, may);
	if (rc == MDG_OK) {
		db_rows_hdf(staff, w->hdf, "Staff");
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

/* The staff list with the creation form, Depts.* loaded; sent: a refused
 * form is shown back (else the form starts with no department). */
static int staff_page(web *w, bool sent)
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
		if (!sent)
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
	int rc = web_admin_tree(w, NULL);
	if (rc != MDG_OK)
		return rc;
	web_admin_flash_done(w);
	return staff_page(w, false);
}

/* Checks a new password typed by the supervisor into field of f. */
static void check_password(form *f, const char *field)
{
	const char *problem = form_err(f, field) ? NULL : password_problem(form_text(f, field));
	if (problem)
		form_fail(f, field, problem);
}

int page_admin_staff_create(web *w)
{
	static const field_spec fields[] = {
		{"login_id", FIELD_LOGIN, true, 32, 0, 0},
		{"name", FIELD_LINE, true, 50, 0, 0},
		{"email", FIELD_EMAIL, true, 254, 0, 0},
		{"password", FIELD_SECRET, true, 256, 0, 0},
		{"department_id", FIELD_INT, true, 0, 0, 0x7FFFFFFFL},
	};
	org_tree depts;
	char *name = NULL;
	const char *which = NULL;
	long long id = 0;
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	int rc = web_admin_tree(w, &depts);
	if (rc != MDG_OK)
		goto done;
	long long dept = form_num(&f, "department_id");
	check_password(&f, "password");
	if (!form_err(&f, "department_id") && dept && !org_tree_find(&depts, dept))
		form_fail(&f, "department_id", "invalid");
	/* A scoped administrator places the new account in their scope (an
	 * account placed nowhere is the whole institution's). */
	if (f.errors == 0 && !perm_covers_dept(&w->perm, PERM_ADMIN, dept)) {
		rc = MDG_EDENIED;
		goto done;
	}
	if (f.errors == 0) {
		name = text_trim(form_text(&f, "name"));
		/* The supervisor typed the password: the new member changes it
		 * at the first sign-in (docs/decisions.md, "Accounts"). */
		account_new a = {form_text(&f, "login_id"), form_text(&f, "password"), name, form_text(&f, "email"),
				 NULL, "staff", NULL, false, PASSWORD_BY_ADMIN};
		rc = org_staff_create(w->app->db, &w->who, &a, dept, &id, &which);
		if (rc == MDG_ECONFLICT && which)
			form_fail(&f, which, strcmp(which, "email") == 0 ? "email_taken" : "login_taken");
		else if (rc != MDG_OK)
			goto done;
	}
	if (f.errors) {
		w->r->status = 400;
		rc = staff_page(w, true);
		goto done;
	}
	/* The new member proves the address (lib/auth/verify.h): mail
	 * notices wait for that. */
	web_verify_send_new(w, id, true, false);
	web_redirect(w, "/admin/staff/%lld?done=created", id);
	rc = MDG_OK;
done:
	free(name);
	org_tree_free(&depts);
	return rc;
}

/* ------------------------------------------------------------- one member */

/* One staff member, as loaded for their page. */
struct member {
	account a;
	org_tree depts;       /* the department tree */
	db_result *roles;     /* org_staff_roles */
	db_result *joined;    /* org_staff_departments */
	totp_state totp;      /* their second factor */
};

static void member_free(struct member *m)
{
	org_tree_free(&m->depts);
	db_result_free(m->roles);
	db_result_free(m->joined);
}

/* Loads the staff member of the route; MDG_ENOTFOUND for anyone else,
 * MDG_EDENIED for one whose rights are wider than or outside the
 * administrator's own (perm_may_manage): their page and every action on
 * it are refused alike. */
static int member_load(web *w, struct member *m)
{
	long long id = web_param_id(w);
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
		rc = web_admin_tree(w, &m->depts);
	if (rc == MDG_OK)
		rc = org_staff_roles(w->app->db, id, w->lang, &m->roles);
	if (rc == MDG_OK)
		rc = org_staff_departments(w->app->db, id, w->lang, &m->joined);
	if (rc == MDG_OK)
		rc = totp_get(w->app->db, id, &m->totp);
	return rc;
}

/* Fills the member's page; granting: a refused grant form is shown back
 * (else that form starts with a handler's role in the first department
 * the member belongs to, with its subtree). */
static void member_page(web *w, const struct member *m, bool granting)
{
	web_set(w, "Member.id", "%lld", m->a.id);
	hdf_set_value(w->hdf, "Member.login", m->a.login_id);
	hdf_set_value(w->hdf, "Member.name", m->a.name);
	hdf_set_value(w->hdf, "Member.email", m->a.email);
	hdf_set_value(w->hdf, "Member.active", m->a.active ? "1" : "0");
	if (m->a.id == w->me.id)
		hdf_set_value(w->hdf, "Member.self", "1");
	if (m->totp.enrolled)
		hdf_set_value(w->hdf, "Member.totp", "1");
	db_rows_hdf(m->roles, w->hdf, "Roles");
	db_rows_hdf(m->joined, w->hdf, "Joined");
	if (!granting) {
		hdf_set_value(w->hdf, "Form.role", "handler");
		hdf_set_value(w->hdf, "Form.with_subtree", "1");
		if (m->joined->nrows)
			hdf_set_value(w->hdf, "Form.role_department", db_get(m->joined, 0, "id", "0"));
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
		member_page(w, &m, false);
	}
	member_free(&m);
	return rc;
}

/* Each sub-action validates its fields, acts, and on success names the
 * ?done= message; a refused one counts its errors in *errors. */
typedef int (*member_action)(web *w, const struct member *m, int *errors, const char **done);

static int act_join(web *w, const struct member *m, int *errors, const char **done)
{
	static const field_spec fields[] = {{"join_department", FIELD_ID, true, 0, 0, 0}};
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	long long dept = form_num(&f, "join_department");
	if (f.errors == 0 && !org_tree_find(&m->depts, dept))
		form_fail(&f, "join_department", "invalid");
	if (f.errors == 0 && !perm_covers_dept(&w->perm, PERM_ADMIN, dept))
		return MDG_EDENIED;
	for (unsigned i = 0; f.errors == 0 && i < m->joined->nrows; i++)
		if (db_get_ll(m->joined, i, "id", 0) == dept)
			form_fail(&f, "join_department", "admin_already_member");
	*errors = f.errors;
	if (*errors)
		return MDG_OK;
	*done = "joined";
	return org_staff_membership(w->app->db, &w->who, m->a.id, dept, true);
}

static int act_leave(web *w, const struct member *m, int *errors, const char **done)
{
	static const field_spec fields[] = {{"department_id", FIELD_ID, true, 0, 0, 0}};
	form f;
	MDG_UNUSED(errors);
	/* A hidden field of the page: a wrong one is no typing error. */
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f))
		return MDG_EINVAL;
	long long dept = form_num(&f, "department_id");
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
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	const char *role = form_text(&f, "role");
	long long dept = form_num(&f, "role_department");
	if (!form_err(&f, "role") && !org_role_valid(role))
		form_fail(&f, "role", "invalid");
	if (!form_err(&f, "role_department") && dept && !org_tree_find(&m->depts, dept))
		form_fail(&f, "role_department", "invalid");
	*errors = f.errors;
	if (*errors)
		return MDG_OK;
	bool subtree = dept ? form_on(&f, "with_subtree") : true;
	/* Nobody grants a role wider than their own. */
	if (!perm_may_grant(&w->perm, role, dept, subtree))
		return MDG_EDENIED;
	int rc = org_role_grant(w->app->db, &w->who, m->a.id, role, dept, subtree);
	if (rc == MDG_ECONFLICT) {
		form_fail(&f, "role", "admin_role_held");
		*errors = f.errors;
		return MDG_OK;
	}
	*done = "granted";
	return rc;
}

static int act_revoke(web *w, const struct member *m, int *errors, const char **done)
{
	static const field_spec fields[] = {{"role_id", FIELD_ID, true, 0, 0, 0}};
	form f;
	/* A hidden field of the page: a wrong one names no role of theirs. */
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f))
		return MDG_ENOTFOUND;
	long long role_id = form_num(&f, "role_id");
	unsigned i = 0;
	while (i < m->roles->nrows && db_get_ll(m->roles, i, "id", 0) != role_id)
		i++;
	if (i == m->roles->nrows)
		return MDG_ENOTFOUND;
	/* Supervisors cannot lock themselves out of these pages. */
	const char *role = db_get(m->roles, i, "role", "");
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
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	check_password(&f, "new_password");
	*errors = f.errors;
	if (*errors)
		return MDG_OK;
	*done = "password";
	return org_staff_reset_password(w->app->db, &w->who, m->a.id, form_text(&f, "new_password"));
}

/* A lost phone: the member enrols again at the next sign-in. */
static int act_totp_reset(web *w, const struct member *m, int *errors, const char **done)
{
	MDG_UNUSED(errors);
	*done = "totp_reset";
	return totp_reset(w->app->db, &w->who, m->a.id);
}

int page_admin_member_action(web *w)
{
	static const struct {
		const char *name;
		member_action fn;
	} actions[] = {
		{"join", act_join},         {"leave", act_leave},       {"grant", act_grant},
		{"revoke", act_revoke},     {"activate", act_active},   {"deactivate", act_active},
		{"password", act_password}, {"totp_reset", act_totp_reset},
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
		member_page(w, &m, strcmp(action, "grant") == 0);
		goto out;
	}
	web_redirect(w, "/admin/staff/%lld?done=%s", m.a.id, done);
out:
	member_free(&m);
	return rc;
}
