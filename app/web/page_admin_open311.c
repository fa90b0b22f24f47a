/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_admin_open311.c: the Open311 API's client keys for global
 * supervisors (a key files into every category):
 * the list (last used, the rate and this minute's use), a new key (shown
 * once, on the answer to the POST that made it: it is never stored), and
 * revoking one; and the categories' questions (the service definitions'
 * attributes), each category's for the supervisors whose scope covers
 * its department. Every change is audited in lib/open311. */
#include "page_admin.h"
#include "core/mdg.h"
#include "open311/open311.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const field_spec client_fields[] = {
	{"name", FIELD_LINE, true, OPEN311_NAME_MAX, 0, 0},
	{"rate", FIELD_INT, true, 0, 1, OPEN311_RATE_MAX},
};

/* The page with the list of clients; Form.* as the caller left it. */
static int clients_page(web *w)
{
	db_result *r = NULL;
	int rc = open311_client_list(w->app->db, &r);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(r, w->hdf, "Open311.Clients");
	db_result_free(r);
	hdf_set_value(w->hdf, "Admin.Section", "open311");
	web_set(w, "Open311.NameMax", "%d", OPEN311_NAME_MAX);
	web_set(w, "Open311.RateMax", "%d", OPEN311_RATE_MAX);
	web_page(w, "admin/open311.cs", "AdminOpen311");
	return MDG_OK;
}

int page_admin_open311(web *w)
{
	web_admin_flash_done(w);
	hdf_set_value(w->hdf, "Form.rate", "60"); /* a new key's default rate */
	return clients_page(w);
}

int page_admin_open311_create(web *w)
{
	form f;
	char key[CRYPTO_TOKEN_TEXT];
	long long id = 0;
	if (form_validate(w, client_fields, MDG_ARRAY_LEN(client_fields), &f)) {
		w->r->status = 400;
		return clients_page(w);
	}
	int rc = open311_client_create(w->app->db, &w->who, form_text(&f, "name"), (long)form_num(&f, "rate"), key, &id);
	if (rc != MDG_OK)
		return rc;
	/* Shown on this answer only: the database keeps its hash. */
	hdf_set_value(w->hdf, "Open311.NewKey", key);
	hdf_set_value(w->hdf, "Open311.NewName", form_text(&f, "name"));
	hdf_set_value(w->hdf, "Form.name", "");
	hdf_set_value(w->hdf, "Form.rate", "60");
	return clients_page(w);
}

int page_admin_open311_revoke(web *w)
{
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	int rc = open311_client_revoke(w->app->db, &w->who, id);
	if (rc == MDG_OK)
		web_redirect(w, "/admin/open311?done=revoked");
	return rc;
}

/* ---------------------------------------------------------- questions */

static const field_spec question_fields[] = {
	{"category", FIELD_ID, true, 0, 0, 0},
	{"code", FIELD_LINE, true, 50, 0, 0},
	{"datatype", FIELD_LINE, true, 20, 0, 0},
	{"required", FIELD_CHECKBOX, false, 0, 0, 0},
	{"question_ko", FIELD_LINE, true, 200, 0, 0},
	{"question_en", FIELD_LINE, true, 200, 0, 0},
	{"value_list", FIELD_TEXT, false, 2000, 0, 0},
	{"sort_order", FIELD_INT, true, 0, 0, 10000},
};

static const field_spec delete_fields[] = {
	{"category", FIELD_ID, true, 0, 0, 0},
	{"code", FIELD_LINE, true, 50, 0, 0},
};

/* The questions page: every category, the ones in the supervisor's reach
 * editable (Open311.Questions.N.mine). */
static int questions_page(web *w)
{
	db_result *r = NULL;
	int rc = open311_question_list(w->app->db, w->lang, &r);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(r, w->hdf, "Open311.Questions");
	for (unsigned i = 0; i < r->nrows; i++)
		if (perm_covers_dept(&w->perm, PERM_ADMIN, db_get_ll(r, i, "department_id", 0))) {
			char name[64];
			snprintf(name, sizeof name, "Open311.Questions.%u.mine", i);
			hdf_set_value(w->hdf, name, "1");
		}
	db_result_free(r);
	hdf_set_value(w->hdf, "Admin.Section", "open311_questions");
	web_page(w, "admin/open311_questions.cs", "AdminOpen311Questions");
	return MDG_OK;
}

/* Whether the supervisor's scope covers the category's department;
 * MDG_ENOTFOUND for no such category. */
static int category_in_reach(web *w, long long category_id, bool *yes)
{
	long long dept = 0;
	int rc = open311_category_department(w->app->db, category_id, &dept);
	*yes = rc == MDG_OK && perm_covers_dept(&w->perm, PERM_ADMIN, dept);
	return rc;
}

/* A question's code: [a-z0-9_], as clients name it in attribute[code]. */
static bool code_valid(const char *code)
{
	for (const char *p = code; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '_')
			return false;
	return *code != '\0';
}

int page_admin_open311_questions(web *w)
{
	web_admin_flash_done(w);
	hdf_set_value(w->hdf, "Form.sort_order", "10");
	return questions_page(w);
}

int page_admin_open311_question_save(web *w)
{
	form f;
	bool mine = false;
	form_validate(w, question_fields, MDG_ARRAY_LEN(question_fields), &f);
	if (!form_err(&f, "code") && !code_valid(form_text(&f, "code")))
		form_fail(&f, "code", "open311_code");
	if (!form_err(&f, "datatype") && !open311_datatype_valid(form_text(&f, "datatype")))
		form_fail(&f, "datatype", "open311_datatype");
	if (!form_err(&f, "value_list") && strstr(form_text(&f, "datatype"), "valuelist") &&
	    !strchr(form_text(&f, "value_list"), '='))
		form_fail(&f, "value_list", "open311_values");
	if (!form_err(&f, "category")) {
		int rc = category_in_reach(w, form_num(&f, "category"), &mine);
		if (rc == MDG_ENOTFOUND)
			form_fail(&f, "category", "open311_category");
		else if (rc != MDG_OK)
			return rc;
		else if (!mine)
			return MDG_EDENIED;
	}
	if (f.errors) {
		w->r->status = 400;
		return questions_page(w);
	}
	open311_question q = {
		.category_id = form_num(&f, "category"),
		.code = form_text(&f, "code"),
		.datatype = form_text(&f, "datatype"),
		.required = form_on(&f, "required"),
		.question_ko = form_text(&f, "question_ko"),
		.question_en = form_text(&f, "question_en"),
		.value_list = form_filled(&f, "value_list") ? form_text(&f, "value_list") : NULL,
		.sort_order = (long)form_num(&f, "sort_order"),
	};
	int rc = open311_question_save(w->app->db, &w->who, &q);
	if (rc == MDG_OK)
		web_redirect(w, "/admin/open311/questions?done=saved");
	return rc;
}

int page_admin_open311_question_delete(web *w)
{
	form f;
	bool mine = false;
	if (form_validate(w, delete_fields, MDG_ARRAY_LEN(delete_fields), &f))
		return MDG_EINVAL;
	int rc = category_in_reach(w, form_num(&f, "category"), &mine);
	if (rc == MDG_OK && !mine)
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = open311_question_delete(w->app->db, &w->who, form_num(&f, "category"), form_text(&f, "code"));
	if (rc == MDG_OK)
		web_redirect(w, "/admin/open311/questions?done=removed");
	return rc;
}
