/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_rights.c: citizens' data rights (개인정보 보호법; issue 13): the
 * "my data" download (/account/data: a ZIP of JSON files and the cases'
 * attachments), closing one's account (/account/delete) and withdrawing
 * an optional consent (/account/consent/withdraw). What they hold and
 * remove: lib/auth/rights.h and docs/operations.md. */
#include "web.h"
#include "auth/consent.h"
#include "auth/rights.h"
#include "cases/case.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/xalloc.h"
#include "org/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

int page_my_data_form(web *w)
{
	web_page(w, "account/data.cs", "MyData");
	return MDG_OK;
}

/* Adds text (malloc'd; libzip frees it, also on failure) as name. */
static int zip_add_text(zip_t *z, const char *name, char *text)
{
	zip_source_t *src = zip_source_buffer(z, text, strlen(text), 1);
	if (!src) {
		free(text);
		return MDG_ERR;
	}
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return MDG_ERR;
	}
	return MDG_OK;
}

/* Each section of the collection as SECTION.json. */
static int zip_add_sections(zip_t *z, json_t *all)
{
	const char *section;
	json_t *value;
	char name[64];
	json_object_foreach(all, section, value)
	{
		char *text = json_dumps(value, JSON_INDENT(2));
		if (!text)
			return MDG_ERR;
		snprintf(name, sizeof name, "%s.json", section);
		if (zip_add_text(z, name, text) != MDG_OK)
			return MDG_ERR;
	}
	return MDG_OK;
}

/* The attachments of the person's cases, read from the uploads folder
 * when the ZIP is written (zip_close). A file missing on disk is left
 * out (logged): the list in cases.json still names it. */
static int zip_add_files(web *w, zip_t *z)
{
	db_result *r = NULL;
	char name[RIGHTS_FILE_NAME_MAX];
	int rc = rights_attachments(w->app->db, w->me.id, &r);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		char *path = case_stored_path(w->app->uploads, db_get(r, i, "stored", ""));
		if (access(path, R_OK) != 0) {
			log_warn("my data of %lld: attachment %s missing", w->me.id, db_get(r, i, "id", ""));
			free(path);
			continue;
		}
		rights_file_name(db_get(r, i, "tracking", ""), db_get_ll(r, i, "id", 0), db_get(r, i, "name", ""),
				 name);
		zip_source_t *src = zip_source_file(z, path, 0, -1);
		free(path);
		if (!src || zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(src);
			rc = MDG_ERR;
		}
	}
	db_result_free(r);
	return rc;
}

/* Writes the ZIP to path (an empty file, replaced). */
static int write_zip(web *w, const char *path)
{
	json_t *all = NULL;
	int zerr = 0;
	int rc = rights_collect(w->app->db, w->me.id, w->lang, &all);
	if (rc != MDG_OK)
		return rc;
	zip_t *z = zip_open(path, ZIP_TRUNCATE, &zerr);
	if (!z) {
		log_error("my data: zip_open %s: error %d", path, zerr);
		json_decref(all);
		return MDG_ERR;
	}
	rc = zip_add_sections(z, all);
	if (rc == MDG_OK)
		rc = zip_add_files(w, z);
	if (rc == MDG_OK && zip_close(z) != 0) {
		log_error("my data: zip_close: %s", zip_strerror(z));
		rc = MDG_ERR;
	}
	if (rc != MDG_OK)
		zip_discard(z);
	json_decref(all);
	return rc;
}

int page_my_data(web *w)
{
	static const field_spec fields[] = {
		{"password", FIELD_SECRET, true, 256, 0, 0},
	};
	char path[4096];
	form f;
	int rc = MDG_OK;
	/* The password again: a borrowed computer's open session must not
	 * carry everything away. */
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0)
		rc = web_password_check(w, &f, "password");
	if (rc == MDG_ETHROTTLED)
		return page_my_data_form(w);
	if (rc != MDG_OK)
		return rc;
	if (f.errors) {
		w->r->status = 400;
		return page_my_data_form(w);
	}
	rc = web_temp_file(w, "madang-mydata", path, sizeof path);
	if (rc == MDG_OK)
		rc = write_zip(w, path);
	if (rc != MDG_OK)
		return rc;
	char id[24];
	snprintf(id, sizeof id, "%lld", w->me.id);
	rc = audit_write(w->app->db, &w->who, "account", id, "data_download", "");
	if (rc != MDG_OK)
		return rc;
	w->r->send_file = xstrdup(path);
	w->content_type = "application/zip";
	http_header(w->r, "Content-Disposition", "attachment; filename=\"madang-my-data.zip\"");
	http_header(w->r, "Cache-Control", "no-store");
	log_info("my data downloaded by %lld", w->me.id);
	return MDG_OK;
}

/* The deletion page; staff read why it is not for them. */
static int show_delete(web *w, int status)
{
	if (w->staff)
		hdf_set_value(w->hdf, "Rights.Staff", "1");
	w->r->status = status;
	web_page(w, "account/delete.cs", "AccountDelete");
	return MDG_OK;
}

int page_account_delete_form(web *w)
{
	return show_delete(w, 200);
}

int page_account_delete(web *w)
{
	static const field_spec fields[] = {
		{"confirm", FIELD_CHECKBOX, false, 0, 0, 0},
		{"password", FIELD_SECRET, true, 256, 0, 0},
	};
	form f;
	int rc = MDG_OK;
	if (w->staff)
		return show_delete(w, 403);
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	if (!form_on(&f, "confirm"))
		form_fail(&f, "confirm", "confirm_needed");
	if (f.errors == 0)
		rc = web_password_check(w, &f, "password");
	if (rc == MDG_ETHROTTLED)
		return show_delete(w, 429);
	if (rc != MDG_OK)
		return rc;
	if (f.errors)
		return show_delete(w, 400);
	rc = account_close(w->app->db, &w->who, w->me.id, w->lang);
	if (rc == MDG_EDENIED)
		return show_delete(w, 403);
	if (rc != MDG_OK)
		return rc;
	log_info("account %lld closed by its owner", w->me.id);
	http_set_cookie(w->r, SESSION_COOKIE, "", 0);
	http_redirect(w->r, "/login?done=closed");
	return MDG_OK;
}

int page_consent_withdraw(web *w)
{
	static const field_spec fields[] = {
		{"kind", FIELD_LINE, true, 16, 0, 0},
	};
	db_result *r = NULL;
	form f;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0 || !consent_optional(form_text(&f, "kind")))
		return MDG_EINVAL;
	const char *kind = form_text(&f, "kind");
	db *d = w->app->db;
	int rc = consent_withdrawable(d, w->me.id, &r);
	const char *version = NULL;
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++)
		if (strcmp(db_get(r, i, "kind", ""), kind) == 0)
			version = db_get(r, i, "version", "");
	/* Not given (a second click): the page shows the history as it is. */
	if (rc == MDG_OK && version && strcmp(kind, CONSENT_KIND_SMS) == 0) {
		account_notify n;
		rc = account_get_notify(d, w->me.id, &n);
		n.sms = false;
		if (rc == MDG_OK)
			rc = account_set_notify(d, w->me.id, &n);
	}
	if (rc == MDG_OK && version)
		rc = consent_record(d, w->me.id, kind, version, false, 0);
	db_result_free(r);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/account%s#identity", version ? "?done=consent" : "");
	return MDG_OK;
}

void web_rights_fill(web *w)
{
	db_result *r = NULL;
	if (consent_withdrawable(w->app->db, w->me.id, &r) == MDG_OK)
		db_rows_hdf(r, w->hdf, "Withdrawable");
	else
		log_warn("account %lld: no optional consents on the account page", w->me.id);
	db_result_free(r);
}
