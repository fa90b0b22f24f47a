/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_identity.c: real-name identity (실명확인): the account's status
 * and the start of a check (/account/identity), the provider's signed
 * callback (/identity/callback), the account's confirmation of what it
 * claims (/account/identity/confirm) and the built-in test provider
 * (/identity/test, demo configurations only). The protocol is in
 * lib/auth/identity.h; the settings (identity.*) in docs/operations.md. */
#include "web.h"
#include "auth/consent.h"
#include "auth/identity.h"
#include "core/buf.h"
#include "core/codec.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "org/setting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEST_PATH "/identity/test"
#define CALLBACK_PATH "/identity/callback"
#define CONFIRM_PATH "/account/identity/confirm"

/* The provider of the configuration: "test" (only with demo = 1),
 * "external", or NULL when real-name checks are off. */
static const char *provider(const web *w)
{
	const char *p = config_str(w->app->cfg, "identity.provider", "");
	if (strcmp(p, "external") == 0 && config_str(w->app->cfg, "identity.url", "")[0])
		return p;
	if (strcmp(p, "test") == 0 && config_long(w->app->cfg, "demo", 0, 0, 1) == 1)
		return p;
	return NULL;
}

static const char *client_id(const web *w)
{
	return config_str(w->app->cfg, "identity.client_id", "madang");
}

/* Where the provider posts its callback (an absolute URL in production). */
static const char *return_url(const web *w)
{
	return config_str(w->app->cfg, "identity.return_url", CALLBACK_PATH);
}

/* The actions a page may send people here for (?need=), each with its
 * message under L.Identity.Need. */
static const char *const needs[] = {"file", "support", "opinion", "comment"};

/* The boxes of identity.required_for on /admin/settings, one per need. */
static const field_spec settings_fields[] = {
	{"identity_file", FIELD_CHECKBOX, false, 0, 0, 0},
	{"identity_support", FIELD_CHECKBOX, false, 0, 0, 0},
	{"identity_opinion", FIELD_CHECKBOX, false, 0, 0, 0},
	{"identity_comment", FIELD_CHECKBOX, false, 0, 0, 0},
};
_Static_assert(MDG_ARRAY_LEN(settings_fields) == MDG_ARRAY_LEN(needs), "a box per action");

int web_identity_settings_fill(web *w, bool sent)
{
	char list[SETTING_VALUE_MAX + 1], path[48];
	form f;
	if (sent) {
		/* A refused form shows the boxes as they were sent. */
		form_validate(w, settings_fields, MDG_ARRAY_LEN(settings_fields), &f);
		return MDG_OK;
	}
	int rc = setting_get(w->app->db, "identity.required_for", "", list, sizeof list);
	for (size_t i = 0; rc == MDG_OK && i < MDG_ARRAY_LEN(needs); i++) {
		snprintf(path, sizeof path, "Form.%s", settings_fields[i].name);
		hdf_set_value(w->hdf, path, identity_list_names(list, needs[i]) ? "1" : "0");
	}
	return rc;
}

int web_identity_settings_save(web *w)
{
	char list[SETTING_VALUE_MAX + 1] = "";
	form f;
	form_validate(w, settings_fields, MDG_ARRAY_LEN(settings_fields), &f);
	for (size_t i = 0; i < MDG_ARRAY_LEN(needs); i++)
		if (form_on(&f, settings_fields[i].name))
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? "," : "", needs[i]);
	return setting_set(w->app->db, &w->who, "identity.required_for", list);
}

bool web_identity_gate(web *w, const char *action, int *rc)
{
	bool needed = false;
	*rc = identity_required(w->app->db, w->me.id, action, &needed);
	if (*rc != MDG_OK || !needed)
		return *rc != MDG_OK;
	web_redirect(w, "/account/identity?need=%s", action);
	return true;
}

/* The account's page; status: the HTTP status (a refused form: 400). */
static int show(web *w, int status)
{
	identity_status st;
	int rc = identity_get(w->app->db, w->me.id, &st);
	if (rc != MDG_OK)
		return rc;
	if (st.verified) {
		hdf_set_value(w->hdf, "Identity.Verified", "1");
		hdf_set_value(w->hdf, "Identity.At", st.at);
		hdf_set_value(w->hdf, "Identity.Name", st.name);
	}
	if (provider(w))
		hdf_set_value(w->hdf, "Identity.Enabled", "1");
	const char *need = kv_get(&w->r->query, "need");
	for (size_t i = 0; need && i < MDG_ARRAY_LEN(needs); i++)
		if (strcmp(need, needs[i]) == 0)
			hdf_set_value(w->hdf, "Identity.Need", needs[i]);
	static const web_done done[] = {{"verified", "IdentityVerified"}, {"withdrawn", "IdentityWithdrawn"}};
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	w->r->status = status;
	web_page(w, "account/identity.cs", "Identity");
	return MDG_OK;
}

void web_identity_fill(web *w)
{
	identity_status st;
	db_result *r = NULL;
	int rc = identity_get(w->app->db, w->me.id, &st);
	if (rc == MDG_OK && st.verified)
		hdf_set_value(w->hdf, "Identity.At", st.at);
	if (rc == MDG_OK)
		rc = consent_history(w->app->db, w->me.id, &r);
	if (rc == MDG_OK)
		db_rows_hdf(r, w->hdf, "Consents");
	else
		log_warn("account %lld: no real-name status or consents on the account page", w->me.id);
	db_result_free(r);
}

int page_identity(web *w)
{
	return show(w, 200);
}

int page_identity_start(web *w)
{
	static const field_spec fields[] = {
		{"identity_consent", FIELD_CHECKBOX, true, 0, 0, 0},
	};
	char nonce[IDENTITY_NONCE_TEXT], state[IDENTITY_STATE_MAX];
	buf url = {0};
	form f;
	const char *p = provider(w);
	if (!p)
		return MDG_ENOTFOUND;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return show(w, 400);
	int rc = identity_state_new(w->app->db, w->me.id, w->session_token, nonce);
	if (rc != MDG_OK)
		return rc;
	identity_state_sign(w->app->secret, sizeof w->app->secret, nonce, state);
	buf_puts(&url, strcmp(p, "test") == 0 ? TEST_PATH : config_str(w->app->cfg, "identity.url", ""));
	buf_puts(&url, strchr(buf_str(&url), '?') ? "&client_id=" : "?client_id=");
	pct_encode(&url, client_id(w), NULL);
	buf_puts(&url, "&state=");
	pct_encode(&url, state, NULL);
	buf_puts(&url, "&return=");
	pct_encode(&url, return_url(w), NULL);
	http_redirect(w->r, buf_str(&url));
	buf_free(&url);
	return MDG_OK;
}

/* The withdrawal of the consent to the check: the account is no longer
 * verified (and may be checked again, as the same person or not). */
int page_identity_withdraw(web *w)
{
	int rc = identity_withdraw(w->app->db, &w->who, w->me.id);
	if (rc != MDG_OK && rc != MDG_ENOTFOUND)
		return rc;
	/* Not verified (a second click): the page shows that as it is. */
	web_redirect(w, "/account/identity%s", rc == MDG_OK ? "?done=withdrawn" : "");
	return MDG_OK;
}

/* The callback's refusal: the page says why (L.Identity.<key>). */
static int refuse(web *w, int status, const char *key)
{
	w->r->status = status;
	hdf_set_value(w->hdf, "Identity.Error", key);
	web_page(w, "account/identity_result.cs", "Identity");
	return MDG_OK;
}

/* The fields of a claim, shared by the callback and the test provider
 * (macros: a static array's elements are no constant initialisers in
 * standard C, and clang, which builds the fuzzers, refuses them). */
#define CLAIM_STATE {"state", FIELD_LINE, true, IDENTITY_STATE_MAX, 0, 0}
#define CLAIM_NAME {"name", FIELD_LINE, true, IDENTITY_NAME_MAX, 0, 0}
#define CLAIM_BIRTH {"birth", FIELD_LINE, true, 10, 0, 0}
#define CLAIM_KEY {"key", FIELD_LINE, true, IDENTITY_PERSON_KEY_MAX, 0, 0}

/* The year of a checked birth date (YYYY-MM-DD, identity_claim_valid). */
static int birth_year(const char *birth)
{
	int y = 0;
	for (int i = 0; i < 4 && birth[i] >= '0' && birth[i] <= '9'; i++)
		y = y * 10 + (birth[i] - '0');
	return y;
}

/* Reached with no CSRF token (ACCESS_SIGNED): the provider's signature
 * over every field is the authentication, and the signed single-use state
 * names the account. The provider's POST may come without the session
 * cookie (SameSite=Lax); when it carries one, it must be the account
 * that started the check. The claim links nothing yet: a callback that
 * someone else's browser delivers (login CSRF) must not attach their
 * identity to this account, so the account that started the check
 * confirms it from the same session (page_identity_confirm). */
int page_identity_callback(web *w)
{
	static const field_spec fields[] = {
		CLAIM_STATE, CLAIM_NAME, CLAIM_BIRTH, CLAIM_KEY,
		{"sig", FIELD_LINE, true, IDENTITY_SIG_TEXT, 0, 0},
	};
	uint8_t secret[CONFIG_SECRET_BYTES], person_key[CONFIG_SECRET_BYTES];
	char nonce[IDENTITY_NONCE_TEXT], hash[IDENTITY_HASH_TEXT];
	long long account_id = 0;
	form f;
	if (!provider(w))
		return MDG_ENOTFOUND;
	if (config_key_file(w->app->cfg, "identity.secret_file", secret) != MDG_OK ||
	    config_key_file(w->app->cfg, "identity.person_key_file", person_key) != MDG_OK)
		return MDG_ERR;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return refuse(w, 400, "Invalid");
	identity_claim c = {form_text(&f, "state"), form_text(&f, "name"), form_text(&f, "birth"),
			    form_text(&f, "key")};
	if (!identity_callback_check(secret, sizeof secret, client_id(w), &c, form_text(&f, "sig")) ||
	    !identity_state_check(w->app->secret, sizeof w->app->secret, c.state, nonce)) {
		log_warn("identity callback with a bad signature or state");
		return refuse(w, 400, "Invalid");
	}
	identity_person_hash(person_key, sizeof person_key, c.person_key, hash);
	int rc = identity_state_claim(w->app->db, nonce, hash, c.name, birth_year(c.birth), &account_id);
	if (rc == MDG_ENOTFOUND)
		return refuse(w, 400, "Expired");
	if (rc != MDG_OK)
		return rc;
	if (w->signed_in && w->me.id != account_id) {
		/* Nobody confirms it now: not this account, not the other. */
		rc = identity_state_void(w->app->db, nonce);
		return rc == MDG_OK ? refuse(w, 403, "OtherSession") : rc;
	}
	log_info("account %lld: real name checked by the provider, to be confirmed", account_id);
	http_redirect(w->r, CONFIRM_PATH);
	return MDG_OK;
}

/* What the provider confirmed (the name masked, the birth year) and the
 * account it will be linked to, with the button that links it. Only the
 * session that started the check sees it. */
int page_identity_confirm_form(web *w)
{
	identity_pending p;
	if (!provider(w))
		return MDG_ENOTFOUND;
	int rc = identity_pending_get(w->app->db, w->me.id, w->session_token, &p);
	if (rc == MDG_ENOTFOUND)
		return refuse(w, 404, "Expired");
	if (rc != MDG_OK)
		return rc;
	char *masked = text_mask_name(p.name);
	hdf_set_value(w->hdf, "Claim.nonce", p.nonce);
	hdf_set_value(w->hdf, "Claim.Name", masked);
	hdf_set_int_value(w->hdf, "Claim.BirthYear", p.birth_year);
	hdf_set_value(w->hdf, "Claim.Login", w->me.login_id);
	hdf_set_value(w->hdf, "Claim.Account", w->me.name);
	free(masked);
	web_page(w, "account/identity_confirm.cs", "IdentityConfirm");
	return MDG_OK;
}

/* The confirmation (CSRF-checked like every signed-in POST): links the
 * claim of this session's state to this account, once. */
int page_identity_confirm(web *w)
{
	static const field_spec fields[] = {
		{"nonce", FIELD_LINE, true, IDENTITY_NONCE_TEXT - 1, 0, 0},
	};
	form f;
	if (!provider(w))
		return MDG_ENOTFOUND;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return refuse(w, 400, "Expired");
	int rc = identity_confirm(w->app->db, &w->who, w->me.id, w->session_token, form_text(&f, "nonce"));
	if (rc == MDG_ENOTFOUND)
		return refuse(w, 400, "Expired");
	if (rc == MDG_ECONFLICT) {
		/* It can never be confirmed: not left waiting. */
		rc = identity_state_void(w->app->db, form_text(&f, "nonce"));
		return rc == MDG_OK ? refuse(w, 409, "Taken") : rc;
	}
	if (rc != MDG_OK)
		return rc;
	log_info("account %lld: real name checked", w->me.id);
	web_redirect(w, "/account/identity?done=verified");
	return MDG_OK;
}

/* The test provider's pages exist only where provider() is "test". */
static bool test_provider(const web *w)
{
	const char *p = provider(w);
	return p && strcmp(p, "test") == 0;
}

int page_identity_test_form(web *w)
{
	static const char *const keep[] = {"client_id", "state", "return"};
	if (!test_provider(w))
		return MDG_ENOTFOUND;
	for (size_t i = 0; i < MDG_ARRAY_LEN(keep); i++) {
		char name[32];
		const char *v = kv_get(&w->r->query, keep[i]);
		if (!v || !v[0] || strlen(v) > 500)
			return MDG_EINVAL;
		/* A real provider knows its clients and their return address. */
		if ((i == 0 && strcmp(v, client_id(w)) != 0) || (i == 2 && strcmp(v, return_url(w)) != 0))
			return MDG_EINVAL;
		snprintf(name, sizeof name, "Form.%s", keep[i]);
		hdf_set_value(w->hdf, name, v);
	}
	web_page(w, "portal/identity_test.cs", "IdentityTest");
	return MDG_OK;
}

/* Signs the typed claim as a real provider would and shows the form that
 * posts it back to the return address (a button: no script needed). */
int page_identity_test(web *w)
{
	static const field_spec fields[] = {
		CLAIM_STATE, CLAIM_NAME,
		{"birth", FIELD_DATE, true, 0, 0, 0},
		CLAIM_KEY,
		{"client_id", FIELD_LINE, true, 100, 0, 0},
		{"return", FIELD_LINE, true, 500, 0, 0},
	};
	uint8_t secret[CONFIG_SECRET_BYTES];
	char sig[IDENTITY_SIG_TEXT];
	form f;
	if (!test_provider(w))
		return MDG_ENOTFOUND;
	if (config_key_file(w->app->cfg, "identity.secret_file", secret) != MDG_OK)
		return MDG_ERR;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	identity_claim c = {form_text(&f, "state"), form_text(&f, "name"), form_text(&f, "birth"),
			    form_text(&f, "key")};
	if (f.errors == 0 && !identity_claim_valid(&c))
		form_fail(&f, "key", "invalid");
	if (f.errors) {
		w->r->status = 400;
		web_page(w, "portal/identity_test.cs", "IdentityTest");
		return MDG_OK;
	}
	identity_callback_sign(secret, sizeof secret, form_text(&f, "client_id"), &c, sig);
	hdf_set_value(w->hdf, "Signed.sig", sig);
	hdf_set_value(w->hdf, "Signed.Return", return_url(w));
	web_page(w, "portal/identity_test.cs", "IdentityTest");
	return MDG_OK;
}
