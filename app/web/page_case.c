/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_case.c: filing a complaint and a citizen's own cases. */
#include "web.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "participation/penalty.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const field_spec file_fields[] = {
	{"category", FIELD_INT, true, 0, 1, 1000000},
	{"title", FIELD_LINE, true, CASE_TITLE_MAX, 0, 0},
	{"body", FIELD_TEXT, true, CASE_BODY_MAX, 0, 0},
	{"public", FIELD_CHECKBOX, false, 0, 0, 0},
	{"latitude", FIELD_LINE, false, 12, 0, 0},
	{"longitude", FIELD_LINE, false, 12, 0, 0},
	{"address", FIELD_LINE, false, CASE_ADDRESS_MAX, 0, 0},
	/* "check": the confirmation step first (similar answered cases). */
	{"step", FIELD_LINE, false, 10, 0, 0},
};

int web_categories(web *w)
{
	db_result *cats = NULL;
	int rc = case_categories(w->app->db, w->lang, &cats);
	if (rc == MDG_OK)
		db_rows_hdf(cats, w->hdf, "Categories");
	db_result_free(cats);
	return rc;
}

/* Filing.Restricted (and Filing.Until, "" for no end) while the person
 * may not post in public: the form says a public complaint is filed
 * private; *restricted tells the caller. */
static int fill_restriction(web *w, bool *restricted)
{
	char until[17];
	int rc = penalty_restricts_posting(w->app->db, w->me.id, restricted, until);
	if (rc == MDG_OK && *restricted) {
		hdf_set_value(w->hdf, "Filing.Restricted", "1");
		hdf_set_value(w->hdf, "Filing.Until", until);
	}
	return rc;
}

int page_file_form(web *w)
{
	bool restricted = false;
	int rc;
	if (web_identity_gate(w, "file", &rc))
		return rc;
	rc = fill_restriction(w, &restricted);
	if (rc == MDG_OK)
		rc = web_categories(w);
	if (rc != MDG_OK)
		return rc;
	/* Unticked for a restricted person: the box shows what will happen. */
	hdf_set_value(w->hdf, "Form.public", restricted ? "0" : "1");
	web_map_fill(w, NULL, NULL, true);
	web_page(w, "portal/file.cs", "FileCase");
	return MDG_OK;
}

/* A decimal degree like 37.5665 or -126.978 within ±limit. */
static bool degree_valid(const char *s, double limit)
{
	const char *p = s;
	int digits = 0, dots = 0;
	if (*p == '-')
		p++;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (*p == '.' && dots++ == 0)
			continue;
		else
			return false;
	}
	if (!digits)
		return false;
	double v = strtod(s, NULL);
	return v >= -limit && v <= limit;
}

void web_validate_extras(web *w, form *f, case_upload *files, int *nfiles)
{
	const char *lat = form_text(f, "latitude");
	const char *lng = form_text(f, "longitude");
	if ((*lat || *lng) && !form_err(f, "latitude") && !form_err(f, "longitude") &&
	    (!degree_valid(lat, 90) || !degree_valid(lng, 180)))
		form_fail(f, "latitude", "location");
	*nfiles = web_uploads(w, f, files, 5);
}

int web_uploads(web *w, form *f, case_upload *files, int max)
{
	int n = 0;
	for (const upload *u = w->r->files; u; u = u->next) {
		if (strcmp(u->field, "attachments") != 0)
			continue;
		if (n == max) {
			form_fail(f, "attachments", "too_many_files");
			return n;
		}
		const char *type = u->size ? case_sniff_type(u->path) : NULL;
		if (!type) {
			form_fail(f, "attachments", "file_type");
			hdf_set_value(w->hdf, "Form.BadFile", u->filename);
			return n;
		}
		files[n].up = u;
		files[n].mime_type = type;
		n++;
	}
	return n;
}

int page_file(web *w)
{
	case_upload files[5];
	int nfiles = 0;
	char tracking[TRACKING_LEN + 1];
	form f;
	bool restricted = false;
	int rc;
	if (web_identity_gate(w, "file", &rc))
		return rc;
	form_validate(w, file_fields, MDG_ARRAY_LEN(file_fields), &f);
	web_validate_extras(w, &f, files, &nfiles);
	rc = fill_restriction(w, &restricted);
	if (rc != MDG_OK)
		return rc;

	/* Without JavaScript, the button asks for the confirmation step:
	 * similar answered public cases are shown before anything is filed,
	 * and the same form files on the next press. */
	int similar = 0;
	if (f.errors == 0 && strcmp(form_text(&f, "step"), "check") == 0 &&
	    (rc = web_similar_suggest(w, form_text(&f, "title"), form_text(&f, "body"), &similar)) != MDG_OK)
		return rc;
	if (f.errors == 0 && similar == 0) {
		const char *lat = form_text(&f, "latitude");
		const char *lng = form_text(&f, "longitude");
		const char *address = form_text(&f, "address");
		case_new c = {
			.account_id = w->me.id,
			.category_id = form_num(&f, "category"),
			.title = form_text(&f, "title"),
			.body = form_text(&f, "body"),
			.is_public = form_on(&f, "public"),
			.latitude = *lat ? lat : NULL,
			.longitude = *lng ? lng : NULL,
			.address = *address ? address : NULL,
			.channel = "web",
		};
		web_moderation mod = {0};
		rc = c.is_public ? web_moderate_public(w, &f, &c, &mod) : MDG_OK;
		idem_key idem = {0};
		bool replayed = false;
		tracking[0] = '\0'; /* the key waits for the number case_file takes */
		if (rc == MDG_OK && f.errors == 0 &&
		    !(replayed = web_idem_start(w, &idem, "/cases/", tracking, "?filed=1", &rc))) {
			rc = case_file(w->app->db, &c, files, nfiles, w->app->uploads, tracking);
			replayed = web_idem_raced(w, &idem, rc);
			rc = replayed ? MDG_OK : rc;
		}
		web_moderation_free(&mod);
		if (replayed)
			return rc;
		if (rc == MDG_EINVAL)
			form_fail(&f, "category", "invalid");
		else if (rc == MDG_ENOSPACE) /* the attachment folder is full */
			form_fail(&f, "attachments", "storage_full");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors || similar) {
		w->r->status = f.errors ? 400 : 200;
		if (similar && nfiles)
			hdf_set_value(w->hdf, "Filing.FilesAgain", "1");
		/* An unticked box is sent as nothing: show it unticked. */
		if (!form_filled(&f, "public"))
			hdf_set_value(w->hdf, "Form.public", "0");
		if ((rc = web_categories(w)) != MDG_OK)
			return rc;
		/* map.js centres on the fields' location when it is one. */
		web_map_fill(w, NULL, NULL, true);
		web_page(w, "portal/file.cs", "FileCase");
		return MDG_OK;
	}
	log_info("case filed: %s", tracking);
	char target[64];
	/* case_file filed it private; the case page says why. */
	snprintf(target, sizeof target, "/cases/%s?filed=1%s", tracking,
		 restricted && form_on(&f, "public") ? "&private=1" : "");
	http_redirect(w->r, target);
	return MDG_OK;
}

int page_my_cases(web *w)
{
	db_result *cases = NULL;
	long page, total = 0;
	int rc = web_page_number(w, &page);
	if (rc != MDG_OK)
		return rc;
	rc = case_list_mine(w->app->db, w->me.id, page, w->lang, &cases, &total);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(cases, w->hdf, "Cases");
	web_pager(w, page, total, CASE_PAGE_SIZE);
	if (kv_get(&w->r->query, "welcome"))
		web_flash(w, "Welcome");
	db_result_free(cases);
	web_page(w, "portal/mine.cs", "MyCases");
	return MDG_OK;
}
