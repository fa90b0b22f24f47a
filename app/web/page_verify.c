/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_verify.c: proving one's mobile number (an SMS code) and e-mail
 * address (a signed link), "Forgot your password?" and "Forgot your ID?"
 * (lib/auth/verify.h). */
#include "web.h"
#include "auth/password.h"
#include "auth/verify.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

/* 429 with the page named, for a throttled sending or try. */
static int throttled(web *w, const char *template, const char *title)
{
	w->r->status = 429;
	http_header(w->r, "Retry-After", "3600");
	web_flash_error(w, "VerifyThrottled");
	web_page(w, template, title);
	return MDG_OK;
}

void web_verify_fill(web *w)
{
	verify_state v;
	if (verify_state_get(w->app->db, w->me.id, &v) != MDG_OK)
		return;
	hdf_set_value(w->hdf, "Verify.Email", v.email ? "1" : "0");
	hdf_set_value(w->hdf, "Verify.HasMobile", w->me.mobile[0] ? "1" : "0");
	hdf_set_value(w->hdf, "Verify.Mobile", v.mobile ? "1" : "0");
}

void web_verify_send_new(web *w, long long account_id, bool email, bool mobile)
{
	/* A throttled or failed sending is no reason to refuse the change:
	 * the account page offers to send again. */
	if (email)
		(void)verify_email_send(w->app->db, w->app->secret, sizeof w->app->secret, account_id,
					w->r->remote_addr);
	if (mobile)
		(void)verify_mobile_send(w->app->db, account_id, w->r->remote_addr);
}

int page_verify_form(web *w)
{
	web_verify_fill(w);
	static const web_done done[] = {{"sent", "VerifyCodeSent"}};
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	web_page(w, "account/verify.cs", "Verify");
	return MDG_OK;
}

int page_verify_mobile_send(web *w)
{
	int rc = verify_mobile_send(w->app->db, w->me.id, w->r->remote_addr);
	if (rc == MDG_ETHROTTLED) {
		web_verify_fill(w);
		return throttled(w, "account/verify.cs", "Verify");
	}
	if (rc == MDG_EINVAL) {
		http_redirect(w->r, "/account");
		return MDG_OK;
	}
	if (rc != MDG_OK)
		return rc;
	http_redirect(w->r, "/account/verify?done=sent");
	return MDG_OK;
}

int page_verify_mobile_check(web *w)
{
	static const field_spec fields[] = {
		{"code", FIELD_LINE, true, 12, 0, 0},
	};
	form f;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0) {
		int rc = verify_mobile_check(w->app->db, w->me.id, form_text(&f, "code"));
		if (rc == MDG_OK) {
			http_redirect(w->r, "/account?done=mobile_verified");
			return MDG_OK;
		}
		if (rc == MDG_EINVAL)
			form_fail(&f, "code", "code_wrong");
		else if (rc == MDG_ENOTFOUND)
			form_fail(&f, "code", "code_gone");
		else
			return rc;
	}
	w->r->status = 400;
	web_verify_fill(w);
	web_page(w, "account/verify.cs", "Verify");
	return MDG_OK;
}

int page_verify_email_send(web *w)
{
	int rc = verify_email_send(w->app->db, w->app->secret, sizeof w->app->secret, w->me.id,
				   w->r->remote_addr);
	if (rc == MDG_ETHROTTLED) {
		web_verify_fill(w);
		return throttled(w, "account/verify.cs", "Verify");
	}
	if (rc != MDG_OK && rc != MDG_EINVAL)
		return rc;
	http_redirect(w->r, rc == MDG_OK ? "/account?done=link_sent" : "/account");
	return MDG_OK;
}

/* The e-mail link's page: GET shows a button (mail scanners open links;
 * only the person's POST verifies). */
int page_verify_email_form(web *w)
{
	hdf_set_value(w->hdf, "VerifyLink.Token", w->r->params[0]);
	web_page(w, "account/verify_email.cs", "VerifyEmail");
	return MDG_OK;
}

int page_verify_email(web *w)
{
	long long id = 0;
	int rc = verify_email_confirm(w->app->db, w->app->secret, sizeof w->app->secret, w->r->params[0], &id);
	if (rc != MDG_OK && rc != MDG_ENOTFOUND)
		return rc;
	hdf_set_value(w->hdf, "VerifyLink.State", rc == MDG_OK ? "done" : "invalid");
	w->r->status = rc == MDG_OK ? 200 : 404;
	web_page(w, "account/verify_email.cs", "VerifyEmail");
	return MDG_OK;
}

int page_recover_form(web *w)
{
	web_page(w, "account/recover.cs", "Recover");
	return MDG_OK;
}

int page_recover(web *w)
{
	static const field_spec fields[] = {
		{"login_id", FIELD_LINE, true, 64, 0, 0},
		{"channel", FIELD_LINE, true, 8, 0, 0},
	};
	form f;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0 && strcmp(form_text(&f, "channel"), "email") != 0 &&
	    strcmp(form_text(&f, "channel"), "sms") != 0)
		form_fail(&f, "channel", "required");
	if (f.errors) {
		w->r->status = 400;
		web_page(w, "account/recover.cs", "Recover");
		return MDG_OK;
	}
	const char *channel = form_text(&f, "channel");
	int rc = recover_send(w->app->db, w->app->secret, sizeof w->app->secret, form_text(&f, "login_id"), channel,
			      w->r->remote_addr);
	if (rc == MDG_ETHROTTLED)
		return throttled(w, "account/recover.cs", "Recover");
	if (rc != MDG_OK)
		return rc;
	/* The same answer whether or not the account or its contact exists. */
	hdf_set_value(w->hdf, "Recover.Sent", channel);
	web_page(w, "account/recover.cs", "Recover");
	return MDG_OK;
}

/* The new password of a reset form (password, password2) checked into f. */
static void check_new_password(form *f)
{
	if (form_err(f, "password"))
		return;
	const char *problem = password_problem(form_text(f, "password"));
	if (problem)
		form_fail(f, "password", problem);
	else if (strcmp(form_text(f, "password"), form_text(f, "password2")) != 0)
		form_fail(f, "password2", "password_mismatch");
}

int page_recover_code(web *w)
{
	static const field_spec fields[] = {
		{"login_id", FIELD_LINE, true, 64, 0, 0},
		{"code", FIELD_LINE, true, 12, 0, 0},
		{"password", FIELD_SECRET, true, 256, 0, 0},
		{"password2", FIELD_SECRET, true, 256, 0, 0},
	};
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	check_new_password(&f);
	if (f.errors == 0) {
		int rc = recover_reset_code(w->app->db, form_text(&f, "login_id"), form_text(&f, "code"),
					    form_text(&f, "password"));
		if (rc == MDG_OK) {
			http_redirect(w->r, "/login?done=reset");
			return MDG_OK;
		}
		/* An unknown account looks like a wrong code. */
		if (rc == MDG_EINVAL || rc == MDG_ENOTFOUND)
			form_fail(&f, "code", "code_wrong");
		else
			return rc;
	}
	w->r->status = 400;
	hdf_set_value(w->hdf, "Recover.Sent", "sms");
	web_page(w, "account/recover.cs", "Recover");
	return MDG_OK;
}

int page_reset_form(web *w)
{
	bool live = recover_link_live(w->app->db, w->app->secret, sizeof w->app->secret, w->r->params[0]);
	hdf_set_value(w->hdf, "Reset.Token", w->r->params[0]);
	if (!live) {
		w->r->status = 404;
		hdf_set_value(w->hdf, "Reset.Invalid", "1");
	}
	web_page(w, "account/reset.cs", "Reset");
	return MDG_OK;
}

int page_reset(web *w)
{
	static const field_spec fields[] = {
		{"password", FIELD_SECRET, true, 256, 0, 0},
		{"password2", FIELD_SECRET, true, 256, 0, 0},
	};
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	check_new_password(&f);
	hdf_set_value(w->hdf, "Reset.Token", w->r->params[0]);
	if (f.errors == 0) {
		int rc = recover_reset_link(w->app->db, w->app->secret, sizeof w->app->secret, w->r->params[0],
					    form_text(&f, "password"));
		if (rc == MDG_OK) {
			http_redirect(w->r, "/login?done=reset");
			return MDG_OK;
		}
		if (rc != MDG_ENOTFOUND)
			return rc;
		w->r->status = 404;
		hdf_set_value(w->hdf, "Reset.Invalid", "1");
	} else
		w->r->status = 400;
	web_page(w, "account/reset.cs", "Reset");
	return MDG_OK;
}

int page_forgot_id_form(web *w)
{
	web_page(w, "account/forgot_id.cs", "ForgotId");
	return MDG_OK;
}

int page_forgot_id(web *w)
{
	static const field_spec fields[] = {
		{"contact", FIELD_LINE, true, 254, 0, 0},
	};
	char mobile[24];
	form f;
	const char *contact = NULL;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0) {
		contact = form_text(&f, "contact");
		if (strchr(contact, '@') ? !text_email_valid(contact)
					 : text_normalise_mobile(contact, mobile, sizeof mobile) != MDG_OK)
			form_fail(&f, "contact", "contact_invalid");
		else if (!strchr(contact, '@'))
			contact = mobile;
	}
	if (f.errors) {
		w->r->status = 400;
		web_page(w, "account/forgot_id.cs", "ForgotId");
		return MDG_OK;
	}
	int rc = recover_send_login_id(w->app->db, contact, w->r->remote_addr);
	if (rc == MDG_ETHROTTLED)
		return throttled(w, "account/forgot_id.cs", "ForgotId");
	if (rc != MDG_OK)
		return rc;
	hdf_set_value(w->hdf, "ForgotId.Sent", "1");
	web_page(w, "account/forgot_id.cs", "ForgotId");
	return MDG_OK;
}
