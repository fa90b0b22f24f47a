/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_account.c: registration, sign-in, sign-out and account settings. */
#include "web.h"
#include "auth/password.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

static const field_spec register_fields[] = {
	{"login_id", FIELD_LINE, true, 32, 0, 0},
	{"password", FIELD_SECRET, true, 256, 0, 0},
	{"password2", FIELD_SECRET, true, 256, 0, 0},
	{"name", FIELD_LINE, true, 50, 0, 0},
	{"email", FIELD_LINE, true, 254, 0, 0},
	{"mobile", FIELD_LINE, false, 20, 0, 0},
	{"consent", FIELD_CHECKBOX, true, 0, 0, 0},
};

static const char *password_error(enum password_verdict v)
{
	switch (v) {
	case PASSWORD_OK: return NULL;
	case PASSWORD_TOO_SHORT: return "password_short";
	case PASSWORD_TOO_LONG: return "too_long";
	case PASSWORD_COMMON: return "password_common";
	case PASSWORD_INVALID: return "utf8";
	}
	return "invalid";
}

/* The checks beyond form_validate for an e-mail address and a mobile
 * number; the mobile comes back normalised ("" when none). Returns the
 * number of fields in error. */
static int validate_contact(web *w, char mobile[16])
{
	int errors = 0;
	const char *email = form_get(w, "email");
	const char *mobile_in = form_get(w, "mobile");
	mobile[0] = '\0';
	if (*email && !hdf_get_value(w->hdf, "Form.Err.email", NULL) && !text_email_valid(email)) {
		form_error(w, "email", "email");
		errors++;
	}
	if (*mobile_in && !hdf_get_value(w->hdf, "Form.Err.mobile", NULL) &&
	    text_normalise_mobile(mobile_in, mobile, 16) != MDG_OK) {
		form_error(w, "mobile", "mobile");
		errors++;
	}
	return errors;
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
	char mobile[16] = "";
	long long id = 0;
	const char *which = NULL;
	int errors = form_check(w, register_fields, MDG_ARRAY_LEN(register_fields));
	const char *login = form_get(w, "login_id");
	const char *pw = form_get(w, "password");

	if (*login && !hdf_get_value(w->hdf, "Form.Err.login_id", NULL) && !text_login_id_valid(login)) {
		form_error(w, "login_id", "login_id");
		errors++;
	}
	if (*pw && !hdf_get_value(w->hdf, "Form.Err.password", NULL)) {
		const char *problem = password_error(password_check_policy(pw));
		if (problem) {
			form_error(w, "password", problem);
			errors++;
		} else if (strcmp(pw, form_get(w, "password2")) != 0) {
			form_error(w, "password2", "password_mismatch");
			errors++;
		}
	}
	const char *email = form_get(w, "email");
	errors += validate_contact(w, mobile);
	if (errors == 0) {
		char *name = text_trim(form_get(w, "name"));
		account_new a = {login, pw, name, email, mobile[0] ? mobile : NULL, "citizen", w->lang, true,
				 PASSWORD_BY_OWNER};
		int rc = account_create(w->app->db, &a, &id, &which);
		free(name);
		if (rc == MDG_ECONFLICT) {
			form_error(w, which, strcmp(which, "email") == 0 ? "email_taken" : "login_taken");
			errors++;
		} else if (rc != MDG_OK) {
			return rc;
		}
	}
	if (errors) {
		w->r->status = 400;
		web_page(w, "account/register.cs", "Register");
		return MDG_OK;
	}
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
	const char *next = safe_next(kv_get(&w->r->query, "next"));
	if (next)
		hdf_set_value(w->hdf, "Form.next", next);
	web_page(w, "account/login.cs", "Login");
	return MDG_OK;
}

/* 429 with how long to wait; the caller renders its page. */
static void refuse_throttled(web *w, long retry_after)
{
	char secs[24];
	snprintf(secs, sizeof secs, "%ld", retry_after > 0 ? retry_after : 1);
	w->r->status = 429;
	http_header(w->r, "Retry-After", secs);
	web_flash_error(w, "Throttled");
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
	int rc;

	if (form_check(w, fields, MDG_ARRAY_LEN(fields)) > 0)
		goto refuse;
	const char *login = form_get(w, "login_id");
	const char *pw = form_get(w, "password");
	rc = throttle_attempt(d, &w->app->throttle, login, w->r->remote_addr, &retry_after);
	if (rc == MDG_ETHROTTLED) {
		refuse_throttled(w, retry_after);
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
	if (!password_verify(rc == MDG_OK ? hash : NULL, pw))
		goto refuse;
	if (password_needs_rehash(hash))
		(void)account_set_password(d, id, pw, PASSWORD_REHASH);
	(void)throttle_success(d, login, w->r->remote_addr);
	rc = web_sign_in(w, id);
	if (rc != MDG_OK)
		return rc;
	account a;
	rc = account_get(d, id, &a);
	if (rc != MDG_OK)
		return rc;
	const char *next = safe_next(form_get(w, "next"));
	if (!next && strcmp(a.kind, "staff") == 0) {
		/* Agents who handle no cases start at their queue. */
		staff_perm p;
		rc = perm_load(d, id, &p);
		if (rc != MDG_OK)
			return rc;
		next = perm_calls_only(&p) ? "/staff/callbacks" : "/staff/cases";
		perm_free(&p);
	}
	if (!next)
		next = "/my/cases";
	/* Every page would lead there anyway (password_change_due in
	 * dispatch.c). */
	if (a.must_change_password)
		next = "/account";
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

static void fill_account(web *w)
{
	char mobile[24] = "";
	if (w->me.mobile[0] && strlen(w->me.mobile) >= 10) {
		size_t n = strlen(w->me.mobile);
		/* 01012345678 → 010-1234-5678; 0111234567 → 011-123-4567 */
		snprintf(mobile, sizeof mobile, "%.3s-%.*s-%s", w->me.mobile, (int)(n - 7), w->me.mobile + 3,
			 w->me.mobile + n - 4);
	}
	if (!hdf_get_value(w->hdf, "Form.email", NULL))
		hdf_set_value(w->hdf, "Form.email", w->me.email);
	if (!hdf_get_value(w->hdf, "Form.mobile", NULL))
		hdf_set_value(w->hdf, "Form.mobile", mobile);
	if (w->me.must_change_password)
		hdf_set_value(w->hdf, "Account.MustChange", "1");
	hdf_set_value(w->hdf, "Account.Login", w->me.login_id);
	hdf_set_value(w->hdf, "Account.Name", w->me.name);
	web_notify_prefs_fill(w);
	web_page(w, "account/settings.cs", "Account");
}

int page_account_form(web *w)
{
	const char *done = kv_get(&w->r->query, "done");
	if (done && (strcmp(done, "password") == 0 || strcmp(done, "contact") == 0))
		web_flash(w, strcmp(done, "password") == 0 ? "PasswordChanged" : "ContactChanged");
	else if (done && strcmp(done, "notify") == 0)
		web_flash(w, "NotifySaved");
	else if (w->me.must_change_password)
		web_flash_error(w, "MustChangePassword");
	fill_account(w);
	return MDG_OK;
}

/* Proves that the signed-in person knows the current password (typed into
 * field) before a change of password or contact details. Guessing is
 * throttled like signing in. MDG_OK with *right set, or with a form error
 * on field when wrong; MDG_ETHROTTLED after answering 429 with the
 * settings page; other codes from the DB. */
static int check_current_password(web *w, const char *field, bool *right)
{
	char hash[256] = "";
	long long id = 0;
	long retry_after = 0;
	db *d = w->app->db;
	*right = false;
	int rc = account_find_login(d, w->me.login_id, &id, hash, sizeof hash);
	if (rc != MDG_OK)
		return rc;
	rc = throttle_attempt(d, &w->app->throttle, w->me.login_id, w->r->remote_addr, &retry_after);
	if (rc == MDG_ETHROTTLED) {
		refuse_throttled(w, retry_after);
		fill_account(w);
		return rc;
	}
	if (rc != MDG_OK)
		return rc;
	if (!password_verify(hash, form_get(w, field))) {
		form_error(w, field, "current_wrong");
		return MDG_OK;
	}
	*right = true;
	return throttle_success(d, w->me.login_id, w->r->remote_addr);
}

int page_account_password(web *w)
{
	static const field_spec fields[] = {
		{"current", FIELD_SECRET, true, 256, 0, 0},
		{"password", FIELD_SECRET, true, 256, 0, 0},
		{"password2", FIELD_SECRET, true, 256, 0, 0},
	};
	bool right = false;
	int errors = form_check(w, fields, MDG_ARRAY_LEN(fields));
	int rc;

	if (errors == 0) {
		const char *problem = password_error(password_check_policy(form_get(w, "password")));
		rc = check_current_password(w, "current", &right);
		if (rc == MDG_ETHROTTLED)
			return MDG_OK;
		if (rc != MDG_OK)
			return rc;
		if (!right) {
			errors++;
		} else if (problem) {
			form_error(w, "password", problem);
			errors++;
		} else if (strcmp(form_get(w, "password"), form_get(w, "password2")) != 0) {
			form_error(w, "password2", "password_mismatch");
			errors++;
		} else if (w->me.must_change_password && strcmp(form_get(w, "password"), form_get(w, "current")) == 0) {
			/* The administrator knows that one. */
			form_error(w, "password", "password_same");
			errors++;
		}
	}
	if (errors) {
		w->r->status = 400;
		fill_account(w);
		return MDG_OK;
	}
	rc = account_set_password(w->app->db, w->me.id, form_get(w, "password"), PASSWORD_BY_OWNER);
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
		{"email", FIELD_LINE, true, 254, 0, 0},
		{"mobile", FIELD_LINE, false, 20, 0, 0},
		{"contact_password", FIELD_SECRET, true, 256, 0, 0},
	};
	char mobile[16] = "";
	bool right = false;
	int errors = form_check(w, fields, MDG_ARRAY_LEN(fields));
	const char *email = form_get(w, "email");
	int rc;

	errors += validate_contact(w, mobile);
	/* Whoever holds a session (a borrowed computer, a stolen cookie) must
	 * not redirect the account's mail and SMS, and with them the way back
	 * in, without the password. */
	if (errors == 0) {
		rc = check_current_password(w, "contact_password", &right);
		if (rc == MDG_ETHROTTLED)
			return MDG_OK;
		if (rc != MDG_OK)
			return rc;
		if (!right)
			errors++;
	}
	if (errors == 0) {
		rc = account_set_contact(w->app->db, w->me.id, email, mobile[0] ? mobile : NULL);
		if (rc == MDG_ECONFLICT) {
			form_error(w, "email", "email_taken");
			errors++;
		} else if (rc != MDG_OK) {
			return rc;
		}
	}
	if (errors) {
		w->r->status = 400;
		fill_account(w);
		return MDG_OK;
	}
	http_redirect(w->r, "/account?done=contact");
	return MDG_OK;
}
