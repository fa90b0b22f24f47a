/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_admin_open311.c: the Open311 API's client keys for supervisors:
 * the list (last used, the rate and this minute's use), a new key (shown
 * once, on the answer to the POST that made it: it is never stored), and
 * revoking one. Every change is audited in lib/open311. */
#include "page_admin.h"
#include "core/mdg.h"
#include "open311/open311.h"

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
	if (!hdf_get_value(w->hdf, "Form.rate", NULL))
		hdf_set_value(w->hdf, "Form.rate", "60");
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
