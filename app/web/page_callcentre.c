/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_callcentre.c: the call centre (상담원 console): find a caller by
 * phone number, name, e-mail or tracking number (or straight from a phone
 * system's screen pop, /staff/callcentre?caller=NUMBER), the caller's
 * history, a call note on one of their cases, a case filed on their
 * behalf with the consent they gave by telephone, and the way to the
 * callback queue. For agents and the administrators who run the call
 * centre, each within their scope (lib/calls/callcentre.h). */
#include "web.h"
#include "calls/callcentre.h"
#include "calls/phone.h"
#include "cases/dossier.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "notify/rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_MAX 100 /* characters of a search */

/* The form to file a case for a caller: a known one (caller) or a new
 * one (name and a mobile number or an e-mail address for the notices). */
static const field_spec file_fields[] = {
	{"caller", FIELD_ID, false, 0, 0, 0},
	{"name", FIELD_LINE, false, 100, 0, 0},
	{"mobile", FIELD_MOBILE, false, 0, 0, 0},
	{"email", FIELD_EMAIL, false, 254, 0, 0},
	{"phone", FIELD_LINE, false, 40, 0, 0},
	{"category", FIELD_INT, true, 0, 1, 1000000},
	{"title", FIELD_LINE, true, CASE_TITLE_MAX, 0, 0},
	{"body", FIELD_TEXT, true, CASE_BODY_MAX, 0, 0},
	{"address", FIELD_LINE, false, CASE_ADDRESS_MAX, 0, 0},
	{"public", FIELD_CHECKBOX, false, 0, 0, 0},
	{"consent", FIELD_CHECKBOX, true, 0, 0, 0},
	/* One key per form shown: the same form sent twice files once. */
	{"idem", FIELD_LINE, false, 64, 0, 0},
};

static const field_spec note_fields[] = {
	{"case", FIELD_ID, false, 0, 0, 0},
	{"note", FIELD_TEXT, true, CALLCENTRE_NOTE_MAX, 0, 0},
	{"phone", FIELD_LINE, false, 40, 0, 0},
};

/* The call centre's people: agents, and the administrators who run it. */
static bool may_call(const web *w)
{
	return perm_holds(&w->perm, PERM_CALLS);
}

/* The number a call came from, as typed or sent by the phone system,
 * into digits (PHONE_DIGITS bytes); "" when none was given. Marks the
 * field wrong in f when it is no Korean number. */
static void read_phone(form *f, char *digits)
{
	digits[0] = '\0';
	const char *phone = form_text(f, "phone");
	if (*phone && !form_err(f, "phone") && phone_normalise(phone, digits, PHONE_DIGITS) != MDG_OK)
		form_fail(f, "phone", "phone");
}

/* Rows' stored numbers (column col) as people read them, into
 * Prefix.N.col_shown. */
static void show_numbers(web *w, const db_result *r, const char *prefix, const char *col)
{
	char name[96], shown[PHONE_SHOWN];
	for (unsigned i = 0; i < r->nrows; i++) {
		const char *digits = db_get(r, i, col, NULL);
		if (!digits || !*digits)
			continue;
		phone_format(digits, shown, sizeof shown);
		snprintf(name, sizeof name, "%s.%u.%s_shown", prefix, i, col);
		hdf_set_value(w->hdf, name, shown);
	}
}

/* What both pages of the console show: the categories to file in, the
 * callback queue's length (its cases in the agent's scope) and, unless
 * the filing form is being sent back (file_sent_back), a new key for it. */
static int fill_console(web *w, const char *reach, bool file_sent_back)
{
	db_result *r = NULL;
	long waiting = 0;
	if (!file_sent_back) {
		char key[CRYPTO_TOKEN_TEXT];
		crypto_token(key);
		hdf_set_value(w->hdf, "Form.idem", key);
	}
	int rc = case_categories(w->app->db, w->lang, &r);
	if (rc == MDG_OK)
		db_rows_hdf(r, w->hdf, "Categories");
	db_result_free(r);
	r = NULL;
	if (rc == MDG_OK)
		rc = rating_callbacks(w->app->db, 1, w->lang, reach, &r, &waiting);
	db_result_free(r);
	if (rc == MDG_OK)
		web_set(w, "CallCentre.Callbacks", "%ld", waiting);
	return rc;
}

/* The console: the search, its results, the form for a new caller. */
static int show_console(web *w, const char *reach, bool file_sent_back)
{
	int rc = fill_console(w, reach, file_sent_back);
	if (rc != MDG_OK)
		return rc;
	web_page(w, "staff/callcentre.cs", "CallCentre");
	return MDG_OK;
}

/* One caller's history: their contact (audited), cases, calls and
 * ratings in the agent's scope, with the forms for this call. phone is
 * the number the call came from (digits) or "". */
static int show_caller(web *w, long long caller_id, const char *phone, const char *reach, bool file_sent_back)
{
	db_result *caller = NULL, *cases = NULL, *calls = NULL, *ratings = NULL;
	char shown[PHONE_SHOWN];
	int rc = callcentre_caller(w->app->db, &w->who, caller_id, reach, &caller);
	if (rc == MDG_OK)
		rc = callcentre_cases(w->app->db, caller_id, reach, w->lang, &cases);
	if (rc == MDG_OK)
		rc = callcentre_calls(w->app->db, caller_id, reach, &calls);
	if (rc == MDG_OK)
		rc = callcentre_ratings(w->app->db, caller_id, reach, &ratings);
	if (rc == MDG_OK)
		rc = fill_console(w, reach, file_sent_back);
	if (rc != MDG_OK)
		goto done;
	db_row_hdf(caller, 0, w->hdf, "Caller");
	const char *mobile = db_get(caller, 0, "mobile", NULL);
	if (mobile && *mobile) {
		phone_format(mobile, shown, sizeof shown);
		hdf_set_value(w->hdf, "Caller.mobile_shown", shown);
	}
	db_rows_hdf(cases, w->hdf, "CallerCases");
	db_rows_hdf(calls, w->hdf, "Calls");
	show_numbers(w, calls, "Calls", "phone");
	db_rows_hdf(ratings, w->hdf, "Ratings");
	/* The number of this call goes with the forms (a form sent back
	 * keeps what was typed: its handler passes ""). */
	if (*phone) {
		phone_format(phone, shown, sizeof shown);
		hdf_set_value(w->hdf, "Form.phone", shown);
	}
	web_page(w, "staff/callcentre_caller.cs", "CallCentreCaller");
done:
	db_result_free(caller);
	db_result_free(cases);
	db_result_free(calls);
	db_result_free(ratings);
	return rc;
}

/* How a search is read: a tracking number, an e-mail address, a phone
 * number (digits into phone), else a part of a name. */
static enum caller_key search_key(const char *q, char *phone)
{
	int year;
	unsigned seq;
	if (tracking_parse(q, &year, &seq) == MDG_OK)
		return CALLER_BY_TRACKING;
	if (strchr(q, '@'))
		return CALLER_BY_EMAIL;
	if (phone_normalise(q, phone, PHONE_DIGITS) == MDG_OK)
		return CALLER_BY_PHONE;
	return CALLER_BY_NAME;
}

/* Finds the callers for value and shows them; a screen pop (pop) that
 * finds exactly one goes straight to their history. */
static int search(web *w, enum caller_key key, const char *value, bool pop, const char *reach)
{
	static const char *const key_names[] = {"phone", "name", "email", "tracking"};
	db_result *found = NULL;
	if (pop) {
		long long id;
		unsigned n;
		int rc = callcentre_pop(w->app->db, &w->who, value, reach, &id, &n);
		if (rc != MDG_OK || n == 1)
			return rc != MDG_OK ? rc : show_caller(w, id, value, reach, false);
	}
	int rc = callcentre_find(w->app->db, &w->who, key, value, reach, &found);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(found, w->hdf, "Callers");
	show_numbers(w, found, "Callers", "mobile");
	web_set(w, "Search.Count", "%u", found->nrows);
	hdf_set_value(w->hdf, "Search.Key", key_names[key]);
	hdf_set_value(w->hdf, "Search.Done", "1");
	if (key == CALLER_BY_PHONE)
		hdf_set_value(w->hdf, "Search.Phone", value);
	/* Nobody with this number: the form for a new caller starts with it. */
	if (key == CALLER_BY_PHONE && found->nrows == 0) {
		char shown[PHONE_SHOWN];
		phone_format(value, shown, sizeof shown);
		hdf_set_value(w->hdf, "Form.phone", shown);
		if (strncmp(value, "01", 2) == 0)
			hdf_set_value(w->hdf, "Form.mobile", shown);
	}
	db_result_free(found);
	return show_console(w, reach, false);
}

int page_callcentre(web *w)
{
	char phone[PHONE_DIGITS];
	if (!may_call(w))
		return MDG_EDENIED;
	char *reach = perm_departments(&w->perm, PERM_CALLS);
	const char *caller = kv_get(&w->r->query, "caller");
	const char *q = kv_get(&w->r->query, "q");
	int rc;
	if (caller && *caller) {
		/* The screen pop: the number the phone system saw. */
		hdf_set_value(w->hdf, "Filter.q", caller);
		if (phone_normalise(caller, phone, sizeof phone) != MDG_OK) {
			form_error(w, "q", "phone");
			w->r->status = 400;
			rc = show_console(w, reach, false);
		} else {
			rc = search(w, CALLER_BY_PHONE, phone, true, reach);
		}
	} else if (q && *q) {
		hdf_set_value(w->hdf, "Filter.q", q);
		char *words = text_trim(q);
		bool multiline = strpbrk(words, "\r\n") != NULL;
		if (multiline || utf8_length(words, strlen(words)) > SEARCH_MAX) {
			form_error(w, "q", multiline ? "one_line" : "too_long");
			w->r->status = 400;
			rc = show_console(w, reach, false);
		} else if (!*words) {
			rc = show_console(w, reach, false);
		} else {
			enum caller_key key = search_key(words, phone);
			rc = search(w, key, key == CALLER_BY_PHONE ? phone : words, false, reach);
		}
		free(words);
	} else {
		rc = show_console(w, reach, false);
	}
	free(reach);
	return rc;
}

int page_callcentre_caller(web *w)
{
	char phone[PHONE_DIGITS] = "";
	long long id = web_param_id(w);
	static const web_done done[] = {{"noted", "CallNoted"}};
	if (!may_call(w))
		return MDG_EDENIED;
	if (!id)
		return MDG_ENOTFOUND;
	const char *from = kv_get(&w->r->query, "phone");
	if (from && *from && phone_normalise(from, phone, sizeof phone) != MDG_OK)
		return MDG_EINVAL;
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	const char *filed = kv_get(&w->r->query, "filed");
	int year;
	unsigned seq;
	bool mine = false;
	int rc = MDG_OK;
	/* Only a case this agent filed for this caller is named (the query
	 * names it, it never says it). */
	if (filed && tracking_parse(filed, &year, &seq) == MDG_OK)
		rc = callcentre_filed_by(w->app->db, w->me.id, id, filed, &mine);
	if (rc != MDG_OK)
		return rc;
	if (mine)
		hdf_set_value(w->hdf, "CallCentre.Filed", filed);
	char *reach = perm_departments(&w->perm, PERM_CALLS);
	rc = show_caller(w, id, phone, reach, false);
	free(reach);
	return rc;
}

int page_callcentre_note(web *w)
{
	char phone[PHONE_DIGITS];
	long long id = web_param_id(w), dept = 0;
	form f;
	if (!may_call(w))
		return MDG_EDENIED;
	if (!id)
		return MDG_ENOTFOUND;
	char *reach = perm_departments(&w->perm, PERM_CALLS);
	form_validate(w, note_fields, MDG_ARRAY_LEN(note_fields), &f);
	read_phone(&f, phone);
	int rc = MDG_OK;
	char *note = text_trim(form_text(&f, "note"));
	if (f.errors == 0 && !*note)
		form_fail(&f, "note", "required");
	long long case_id = form_num(&f, "case");
	if (f.errors == 0 && case_id)
		rc = dossier_acting_department(w->app->db, w->me.id, case_id, &dept);
	if (f.errors == 0 && rc == MDG_OK) {
		call_note n = {.caller_id = id, .phone = *phone ? phone : NULL, .case_id = case_id,
			       .department_id = dept, .note = note};
		rc = callcentre_note(w->app->db, &w->who, &n, reach);
	}
	if (rc == MDG_OK && f.errors) {
		w->r->status = 400;
		hdf_set_value(w->hdf, "Form.Sent", "note");
		rc = show_caller(w, id, "", reach, false);
	} else if (rc == MDG_OK) {
		log_info("call noted for caller %lld (case %lld) by %lld", id, case_id, w->me.id);
		web_redirect(w, "/staff/callcentre/callers/%lld?done=noted%s%s", id, *phone ? "&phone=" : "", phone);
	}
	free(note);
	free(reach);
	return rc;
}

int page_callcentre_file(web *w)
{
	char phone[PHONE_DIGITS], tracking[TRACKING_LEN + 1];
	form f;
	if (!may_call(w))
		return MDG_EDENIED;
	char *reach = perm_departments(&w->perm, PERM_CALLS);
	form_validate(w, file_fields, MDG_ARRAY_LEN(file_fields), &f);
	read_phone(&f, phone);
	long long caller_id = form_num(&f, "caller");
	int rc = MDG_OK;
	char *name = text_trim(form_text(&f, "name"));
	if (!caller_id && !form_err(&f, "caller")) {
		/* A new caller: a name, and an address the notices reach. */
		if (!*name)
			form_fail(&f, "name", "required");
		if (!form_filled(&f, "mobile") && !form_filled(&f, "email"))
			form_fail(&f, "mobile", "contact_required");
	}
	const char *idem = form_filled(&f, "idem") ? form_text(&f, "idem") : NULL;
	if (f.errors == 0 && idem) {
		/* This form filed already (a double click, a reload): where it led. */
		long long filed_for = 0;
		rc = callcentre_filed_by_key(w->app->db, w->me.id, idem, &filed_for, tracking);
		if (rc == MDG_OK) {
			log_info("case %s: its filing form was sent again by agent %lld", tracking, w->me.id);
			web_redirect(w, "/staff/callcentre/callers/%lld?filed=%s", filed_for, tracking);
			goto done;
		}
		if (rc == MDG_ENOTFOUND)
			rc = MDG_OK;
	}
	if (f.errors == 0 && rc == MDG_OK) {
		account_contact c = {.email = form_text(&f, "email"), .mobile = form_text(&f, "mobile"),
				     .name = name, .lang = w->lang};
		rc = callcentre_consent(w->app->db, &w->who, &c, reach, idem, &caller_id);
		if (rc == MDG_ECONFLICT) {
			/* The same form is being filed by another request now. */
			w->r->status = 409;
			web_flash_error(w, "CallFileBusy");
			rc = caller_id ? show_caller(w, caller_id, "", reach, true) : show_console(w, reach, true);
			goto done;
		}
	}
	if (f.errors == 0 && rc == MDG_OK) {
		const char *address = form_text(&f, "address");
		case_new c = {
			.account_id = caller_id,
			.category_id = form_num(&f, "category"),
			.title = form_text(&f, "title"),
			.body = form_text(&f, "body"),
			.is_public = form_on(&f, "public"),
			.address = *address ? address : NULL,
			.channel = "phone",
			.filed_by = w->me.id,
		};
		rc = case_file(w->app->db, &c, NULL, 0, w->app->uploads, tracking);
		if (rc == MDG_EINVAL) {
			form_fail(&f, "category", "invalid");
			rc = MDG_OK;
		} else if (rc == MDG_OK) {
			long long case_id = 0;
			rc = dossier_find(w->app->db, tracking, &case_id);
			if (rc == MDG_OK)
				rc = callcentre_filed(w->app->db, &w->who, caller_id, *phone ? phone : NULL, case_id, "", idem);
		}
	}
	if (rc == MDG_OK && f.errors) {
		w->r->status = 400;
		hdf_set_value(w->hdf, "Form.Sent", "file");
		/* An unticked box is sent as nothing: show it unticked. */
		if (!form_filled(&f, "public"))
			hdf_set_value(w->hdf, "Form.public", "0");
		rc = caller_id ? show_caller(w, caller_id, "", reach, true) : show_console(w, reach, true);
	} else if (rc == MDG_OK) {
		log_info("case %s filed by telephone for %lld by agent %lld", tracking, caller_id, w->me.id);
		web_redirect(w, "/staff/callcentre/callers/%lld?filed=%s%s%s", caller_id, tracking, *phone ? "&phone=" : "",
			     phone);
	}
done:
	free(name);
	free(reach);
	return rc;
}
