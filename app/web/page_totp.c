/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_totp.c: two-factor sign-in: the code asked after the password
 * (/login/code), enrolment (/account/2fa, also in the half-signed-in
 * state when the factor is required and missing), turning an optional
 * factor off. lib/auth/totp.h has the rules. */
#include "web.h"
#include "auth/rights.h"
#include "auth/totp.h"
#include "core/log.h"
#include "core/mdg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The words under which the authenticator lists the account. */
#define TOTP_ISSUER "Madang"

/* Who the page is for: the half-signed-in account of the pending cookie,
 * or (session_too) the signed-in one (*pending false, next ""). *id 0
 * when neither: the answer is then the redirect to the sign-in page. */
static int totp_person(web *w, bool session_too, long long *id, bool *pending, char *next, size_t nextlen)
{
	*id = 0;
	*pending = false;
	next[0] = '\0';
	if (session_too && w->signed_in) {
		*id = w->me.id;
		return MDG_OK;
	}
	int rc = totp_pending_get(w->app->db, http_cookie(w->r, TOTP_PENDING_COOKIE), id, next, nextlen);
	if (rc == MDG_ENOTFOUND) {
		*id = 0;
		http_redirect(w->r, "/login");
		return MDG_OK;
	}
	*pending = rc == MDG_OK;
	return rc;
}

/* The second step is done: the pending state becomes a session. */
static int finish_sign_in(web *w, long long id, const char *next)
{
	int rc = totp_pending_end(w->app->db, http_cookie(w->r, TOTP_PENDING_COOKIE));
	if (rc == MDG_OK)
		rc = web_sign_in(w, id);
	if (rc != MDG_OK)
		return rc;
	http_set_cookie(w->r, TOTP_PENDING_COOKIE, "", 0);
	log_info("two-factor sign-in: %lld", id);
	http_redirect(w->r, next[0] ? next : "/");
	return MDG_OK;
}

int web_totp_after_password(web *w, long long id, const char *kind, const char *next, bool *pending)
{
	totp_state st;
	bool required = false;
	char token[CRYPTO_TOKEN_TEXT];
	*pending = false;
	int rc = totp_get(w->app->db, id, &st);
	if (rc == MDG_OK)
		rc = totp_required(w->app->db, id, kind, &required);
	if (rc != MDG_OK || (!st.enrolled && !required))
		return rc;
	rc = totp_pending_start(w->app->db, id, next, token);
	if (rc != MDG_OK)
		return rc;
	/* Nothing else of the site opens before the second step: the old
	 * session, if any, ends now. */
	const char *old = http_cookie(w->r, SESSION_COOKIE);
	if (old)
		(void)session_delete(w->app->db, old);
	http_set_cookie(w->r, SESSION_COOKIE, "", 0);
	http_set_cookie(w->r, TOTP_PENDING_COOKIE, token, -1);
	http_redirect(w->r, st.enrolled ? "/login/code" : "/account/2fa");
	*pending = true;
	return MDG_OK;
}

int page_login_code_form(web *w)
{
	long long id = 0;
	bool pending = false;
	char next[512];
	int rc = totp_person(w, false, &id, &pending, next, sizeof next);
	if (rc != MDG_OK || !id)
		return rc;
	web_page(w, "account/login_code.cs", "LoginCode");
	return MDG_OK;
}

int page_login_code(web *w)
{
	static const field_spec fields[] = {{"code", FIELD_LINE, true, 32, 0, 0}};
	long long id = 0;
	long retry_after = 0;
	bool recovery = false, pending = false;
	char next[512], subject[40];
	db *d = w->app->db;
	form f;
	int rc = totp_person(w, false, &id, &pending, next, sizeof next);
	if (rc != MDG_OK || !id)
		return rc;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		goto refuse;
	/* Guessing codes is throttled like passwords, per account (its own
	 * subject, apart from the login ID's) and per address. */
	snprintf(subject, sizeof subject, "2fa:%lld", id);
	rc = throttle_attempt(d, &w->app->throttle, subject, w->r->remote_addr, &retry_after);
	if (rc == MDG_ETHROTTLED) {
		web_refuse_throttled(w, retry_after);
		web_page(w, "account/login_code.cs", "LoginCode");
		return MDG_OK;
	}
	if (rc != MDG_OK)
		return rc;
	rc = totp_verify(d, w->app->secret, sizeof w->app->secret, id, form_text(&f, "code"), &recovery);
	if (rc == MDG_OK || rc == MDG_EINVAL || rc == MDG_ENOTFOUND)
		(void)signin_record(d, id, "totp", rc == MDG_OK, w->r->remote_addr);
	if (rc == MDG_EINVAL || rc == MDG_ENOTFOUND)
		goto refuse;
	if (rc == MDG_OK)
		rc = throttle_success(d, subject, w->r->remote_addr);
	if (rc != MDG_OK)
		return rc;
	if (recovery)
		log_info("recovery code used: %lld", id);
	return finish_sign_in(w, id, next);
refuse:
	w->r->status = 400;
	form_fail(&f, "code", "totp_wrong");
	web_page(w, "account/login_code.cs", "LoginCode");
	return MDG_OK;
}

/* The enrolment page: QR code, the typed secret and the confirmation form. */
static int enrol_page(web *w, long long id, bool pending)
{
	uint8_t secret[TOTP_SECRET_BYTES];
	char b32[TOTP_SECRET_B32];
	account a;
	totp_state st;
	bool required = false;
	buf svg = {0};
	int rc = account_get(w->app->db, id, &a);
	if (rc == MDG_OK)
		rc = totp_get(w->app->db, id, &st);
	if (rc == MDG_OK)
		rc = totp_required(w->app->db, id, a.kind, &required);
	if (rc != MDG_OK)
		return rc;
	if (required)
		hdf_set_value(w->hdf, "Totp.Required", "1");
	if (pending)
		hdf_set_value(w->hdf, "Totp.Pending", "1");
	if (st.enrolled) {
		hdf_set_value(w->hdf, "Totp.Enrolled", "1");
		web_set(w, "Totp.RecoveryLeft", "%ld", st.recovery_left);
		web_page(w, "account/totp.cs", "Totp");
		return MDG_OK;
	}
	rc = totp_enrol_start(w->app->db, id, secret);
	if (rc == MDG_OK)
		rc = totp_secret_base32(secret, b32);
	if (rc != MDG_OK)
		return rc;
	char *uri = totp_uri(TOTP_ISSUER, a.login_id, b32);
	rc = totp_qr_svg(uri, hdf_get_value(w->hdf, "L.Totp.QrLabel", "QR code"), &svg);
	free(uri);
	if (rc == MDG_OK) {
		hdf_set_value(w->hdf, "Totp.Qr", svg.data);
		/* In groups of four, as authenticator apps show it. */
		char grouped[TOTP_SECRET_B32 + TOTP_SECRET_B32 / 4];
		size_t k = 0;
		for (size_t i = 0; b32[i]; i++) {
			if (i && i % 4 == 0)
				grouped[k++] = ' ';
			grouped[k++] = b32[i];
		}
		grouped[k] = '\0';
		hdf_set_value(w->hdf, "Totp.Secret", grouped);
		web_page(w, "account/totp.cs", "Totp");
	}
	buf_free(&svg);
	return rc;
}

int page_totp_form(web *w)
{
	long long id = 0;
	bool pending = false;
	char next[512];
	int rc = totp_person(w, true, &id, &pending, next, sizeof next);
	if (rc != MDG_OK || !id)
		return rc;
	static const web_done done[] = {{"off", "TotpOff"}};
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	return enrol_page(w, id, pending);
}

int page_totp_enrol(web *w)
{
	static const field_spec fields[] = {{"code", FIELD_LINE, true, 32, 0, 0}};
	char codes[TOTP_RECOVERY_CODES][TOTP_RECOVERY_TEXT];
	long long id = 0;
	bool pending = false;
	char next[512];
	form f;
	int rc = totp_person(w, true, &id, &pending, next, sizeof next);
	if (rc != MDG_OK || !id)
		return rc;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0) {
		rc = totp_enrol_confirm(w->app->db, w->app->secret, sizeof w->app->secret, id,
					form_text(&f, "code"), codes);
		if (rc == MDG_EINVAL)
			form_fail(&f, "code", "totp_wrong");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		return enrol_page(w, id, pending);
	}
	log_info("second factor enrolled: %lld", id);
	for (int i = 0; i < TOTP_RECOVERY_CODES; i++) {
		char name[32];
		snprintf(name, sizeof name, "Totp.Codes.%d", i);
		hdf_set_value(w->hdf, name, codes[i]);
	}
	if (pending) {
		/* The person is signed in now; the codes are shown this once,
		 * with the way on. */
		rc = totp_pending_end(w->app->db, http_cookie(w->r, TOTP_PENDING_COOKIE));
		if (rc == MDG_OK)
			rc = web_sign_in(w, id);
		if (rc != MDG_OK)
			return rc;
		http_set_cookie(w->r, TOTP_PENDING_COOKIE, "", 0);
		hdf_set_value(w->hdf, "Totp.Next", next[0] ? next : "/");
	} else {
		hdf_set_value(w->hdf, "Totp.Next", "/account/2fa");
	}
	web_flash(w, "TotpEnrolled");
	web_page(w, "account/totp_codes.cs", "Totp");
	return MDG_OK;
}

int page_totp_off(web *w)
{
	static const field_spec fields[] = {{"code", FIELD_LINE, true, 32, 0, 0}};
	bool required = false, recovery = false;
	form f;
	int rc = totp_required(w->app->db, w->me.id, w->me.kind, &required);
	if (rc != MDG_OK)
		return rc;
	/* Who must have a factor cannot drop it (a supervisor resets it). */
	if (required)
		return MDG_EDENIED;
	/* A stolen session alone must not turn it off: a current code. */
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0) {
		rc = totp_verify(w->app->db, w->app->secret, sizeof w->app->secret, w->me.id, form_text(&f, "code"),
				 &recovery);
		if (rc == MDG_EINVAL || rc == MDG_ENOTFOUND)
			form_fail(&f, "code", "totp_wrong");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		return enrol_page(w, w->me.id, false);
	}
	rc = totp_remove(w->app->db, w->me.id);
	if (rc != MDG_OK)
		return rc;
	http_redirect(w->r, "/account/2fa?done=off");
	return MDG_OK;
}
