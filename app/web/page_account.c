/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_account.c: registration, sign-in, sign-out and account settings. */
#include "web.h"
#include "auth/password.h"
#include "auth/rights.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

static const field_spec register_fields[] = {
	{"login_id", FIELD_LOGIN, true, 32, 0, 0},
	{"password", FIELD_SECRET, true, 256, 0, 0},
	{"password2", FIELD_SECRET, true, 256, 0, 0},
	{"name", FIELD_LINE, true, 50, 0, 0},
	{"email", FIELD_EMAIL, true, 254, 0, 0},
	{"mobile", FIELD_MOBILE, false, 20, 0, 0},
	{"consent", FIELD_CHECKBOX, true, 0, 0, 0},
};

/* The mobile number of a valid form, normalised; NULL when none. */
static const char *mobile_of(const form *f)
{
	return form_filled(f, "mobile") ? form_text(f, "mobile") : NULL;
}

int page_register_form(web *w)
{
	if (w->signed_in) {
		http_redirect(w->r, "/");
		return MDG_OK;
	}
	web_page(w, "account/register.cs", "Register");
	return MDG_OK;
}

int page_register(web *w)
{
	long long id = 0;
	const char *which = NULL;
	form f;
	form_validate(w, register_fields, MDG_ARRAY_LEN(register_fields), &f);
	const char *pw = form_text(&f, "password");

	if (!form_err(&f, "password")) {
		const char *problem = password_problem(pw);
		if (problem)
			form_fail(&f, "password", problem);
		else if (strcmp(pw, form_text(&f, "password2")) != 0)
			form_fail(&f, "password2", "password_mismatch");
	}
	if (f.errors == 0) {
		char *name = text_trim(form_text(&f, "name"));
		account_new a = {form_text(&f, "login_id"), pw, name, form_text(&f, "email"), mobile_of(&f), "citizen",
				 w->lang, true, PASSWORD_BY_OWNER};
		int rc = account_create(w->app->db, &a, &id, &which);
		free(name);
		if (rc == MDG_ECONFLICT)
			form_fail(&f, which, strcmp(which, "email") == 0 ? "email_taken" : "login_taken");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		web_page(w, "account/register.cs", "Register");
		return MDG_OK;
	}
	web_verify_send_new(w, id, true, mobile_of(&f) != NULL);
	int rc = web_sign_in(w, id);
	if (rc != MDG_OK)
		return rc;
	log_info("account registered: %lld", id);
	http_redirect(w->r, "/my/cases?welcome=1");
	return MDG_OK;
}

/* Only local paths are followed after sign-in. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return NULL;
	return next;
}

int page_login_form(web *w)
{
	static const web_done done[] = {{"reset", "PasswordReset"}, {"closed", "AccountClosed"}};
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	const char *next = safe_next(kv_get(&w->r->query, "next"));
	if (next)
		hdf_set_value(w->hdf, "Form.next", next);
	web_page(w, "account/login.cs", "Login");
	return MDG_OK;
}

int page_login(web *w)
{
	static const field_spec fields[] = {
		{"login_id", FIELD_LINE, true, 64, 0, 0},
		{"password", FIELD_SECRET, true, 256, 0, 0},
		{"next", FIELD_LINE, false, 500, 0, 0},
	};
	char hash[256] = "";
	long long id = 0;
	long retry_after = 0;
	db *d = w->app->db;
	form f;
	int rc;

	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		goto refuse;
	const char *login = form_text(&f, "login_id");
	const char *pw = form_text(&f, "password");
	rc = throttle_attempt(d, &w->app->throttle, login, w->r->remote_addr, &retry_after);
	if (rc == MDG_ETHROTTLED) {
		web_refuse_throttled(w, retry_after);
		web_page(w, "account/login.cs", "Login");
		return MDG_OK;
	}
	if (rc != MDG_OK)
		return rc;
	rc = account_find_login(d, login, &id, hash, sizeof hash);
	if (rc != MDG_OK && rc != MDG_ENOTFOUND)
		return rc;
	/* An unknown ID is checked against a dummy hash: the same answer in
	 * about the same time as a wrong password. A failure needs no record:
	 * throttle_attempt counted it already. */
	bool right = password_verify(rc == MDG_OK ? hash : NULL, pw);
	/* The sign-in history (the "my data" download): attempts on a
	 * known account, never the password typed. */
	if (rc == MDG_OK)
		(void)signin_record(d, id, "password", right, w->r->remote_addr);
	if (!right)
		goto refuse;
	if (password_needs_rehash(hash))
		(void)account_set_password(d, id, pw, PASSWORD_REHASH);
	(void)throttle_success(d, login, w->r->remote_addr);
	account a;
	rc = account_get(d, id, &a);
	if (rc != MDG_OK)
		return rc;
	const char *next = safe_next(form_text(&f, "next"));
	if (!next && strcmp(a.kind, "staff") == 0) {
		/* Agents who handle no cases start at the call centre's console. */
		staff_perm p;
		rc = perm_load(d, id, &p);
		if (rc != MDG_OK)
			return rc;
		next = perm_calls_only(&p) ? "/staff/callcentre" : "/staff/cases";
		perm_free(&p);
	}
	if (!next)
		next = "/my/cases";
	/* Every page would lead there anyway (password_change_due in
	 * dispatch.c). */
	if (a.must_change_password)
		next = "/account";
	/* A second factor, when there is or must be one, before the session. */
	bool pending = false;
	rc = web_totp_after_password(w, id, a.kind, next, &pending);
	if (rc == MDG_OK && !pending)
		rc = web_sign_in(w, id);
	if (rc != MDG_OK || pending)
		return rc;
	http_redirect(w->r, next);
	return MDG_OK;
refuse:
	w->r->status = 400;
	web_flash_error(w, "LoginFailed");
	web_page(w, "account/login.cs", "Login");
	return MDG_OK;
}

int page_logout(web *w)
{
	int rc = session_delete(w->app->db, w->session_token);
	if (rc != MDG_OK)
		return rc;
	http_set_cookie(w->r, SESSION_COOKIE, "", 0);
	http_redirect(w->r, "/?signed_out=1");
	return MDG_OK;
}

/* The account page; contact_sent: a refused contact form is shown back
 * (else the form shows the stored e-mail address and mobile number). */
static void fill_account(web *w, bool contact_sent)
{
	char mobile[24] = "";
	if (w->me.mobile[0] && strlen(w->me.mobile) >= 10) {
		size_t n = strlen(w->me.mobile);
		/* 01012345678 → 010-1234-5678; 0111234567 → 011-123-4567 */
		snprintf(mobile, sizeof mobile, "%.3s-%.*s-%s", w->me.mobile, (int)(n - 7), w->me.mobile + 3,
			 w->me.mobile + n - 4);
	}
	if (!contact_sent) {
		hdf_set_value(w->hdf, "Form.email", w->me.email);
		hdf_set_value(w->hdf, "Form.mobile", mobile);
	}
	if (w->me.must_change_password)
		hdf_set_value(w->hdf, "Account.MustChange", "1");
	hdf_set_value(w->hdf, "Account.Login", w->me.login_id);
	hdf_set_value(w->hdf, "Account.Name", w->me.name);
	if (account_email_failing(w->app->db, w->me.id))
		hdf_set_value(w->hdf, "Account.EmailFailing", "1");
	web_notify_prefs_fill(w);
	web_mileage_prefs_fill(w);
	web_identity_fill(w);
	web_verify_fill(w);
	web_rights_fill(w);
	web_page(w, "account/settings.cs", "Account");
}

int page_account_form(web *w)
{
	static const web_done done[] = {
		{"password", "PasswordChanged"}, {"contact", "ContactChanged"}, {"notify", "NotifySaved"},
		{"mileage", "MileageSaved"}, {"link_sent", "VerifyLinkSent"}, {"mobile_verified", "MobileVerified"},
		{"consent", "ConsentWithdrawn"},
	};
	if (!web_flash_done(w, done, MDG_ARRAY_LEN(done)) && w->me.must_change_password)
		web_flash_error(w, "MustChangePassword");
	fill_account(w, false);
	return MDG_OK;
}

/* Proves that the signed-in person knows the current password (typed into
 * field of f, the contact form when contact_form) before a change of
 * password or contact details (web_password_check). MDG_OK, with field
 * marked wrong in f when it is; MDG_ETHROTTLED after answering 429 with
 * the settings page; other codes from the DB. */
static int check_current_password(web *w, form *f, const char *field, bool contact_form)
{
	int rc = web_password_check(w, f, field);
	if (rc == MDG_ETHROTTLED)
		fill_account(w, contact_form);
	return rc;
}

int page_account_password(web *w)
{
	static const field_spec fields[] = {
		{"current", FIELD_SECRET, true, 256, 0, 0},
		{"password", FIELD_SECRET, true, 256, 0, 0},
		{"password2", FIELD_SECRET, true, 256, 0, 0},
	};
	form f;
	int rc;

	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0) {
		const char *pw = form_text(&f, "password");
		const char *problem = password_problem(pw);
		rc = check_current_password(w, &f, "current", false);
		if (rc == MDG_ETHROTTLED)
			return MDG_OK;
		if (rc != MDG_OK)
			return rc;
		/* After a wrong current password nothing else is said. */
		if (!form_err(&f, "current")) {
			if (problem)
				form_fail(&f, "password", problem);
			else if (strcmp(pw, form_text(&f, "password2")) != 0)
				form_fail(&f, "password2", "password_mismatch");
			else if (w->me.must_change_password && strcmp(pw, form_text(&f, "current")) == 0)
				/* The administrator knows that one. */
				form_fail(&f, "password", "password_same");
		}
	}
	if (f.errors) {
		w->r->status = 400;
		fill_account(w, false);
		return MDG_OK;
	}
	rc = account_set_password(w->app->db, w->me.id, form_text(&f, "password"), PASSWORD_BY_OWNER);
	if (rc == MDG_OK)
		rc = session_delete_others(w->app->db, w->me.id, w->session_token);
	if (rc != MDG_OK)
		return rc;
	http_redirect(w->r, "/account?done=password");
	return MDG_OK;
}

int page_account_contact(web *w)
{
	static const field_spec fields[] = {
		{"email", FIELD_EMAIL, true, 254, 0, 0},
		{"mobile", FIELD_MOBILE, false, 20, 0, 0},
		{"contact_password", FIELD_SECRET, true, 256, 0, 0},
	};
	form f;
	int rc;

	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	/* Whoever holds a session (a borrowed computer, a stolen cookie) must
	 * not redirect the account's mail and SMS, and with them the way back
	 * in, without the password. */
	if (f.errors == 0) {
		rc = check_current_password(w, &f, "contact_password", true);
		if (rc == MDG_ETHROTTLED)
			return MDG_OK;
		if (rc != MDG_OK)
			return rc;
	}
	if (f.errors == 0) {
		const char *mobile = mobile_of(&f);
		bool new_email = strcmp(form_text(&f, "email"), w->me.email) != 0;
		bool new_mobile = mobile && strcmp(mobile, w->me.mobile) != 0;
		rc = account_set_contact(w->app->db, w->me.id, form_text(&f, "email"), mobile);
		if (rc == MDG_OK)
			web_verify_send_new(w, w->me.id, new_email, new_mobile);
		if (rc == MDG_ECONFLICT)
			form_fail(&f, "email", "email_taken");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		fill_account(w, true);
		return MDG_OK;
	}
	http_redirect(w->r, "/account?done=contact");
	return MDG_OK;
}
