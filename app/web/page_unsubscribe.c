/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_unsubscribe.c: one-click unsubscribe (RFC 8058) from the digest's
 * List-Unsubscribe link, /unsubscribe/ID.SIGNATURE: turns the account's
 * e-mail notices off without signing in. */
#include "web.h"
#include "auth/account.h"
#include "core/log.h"
#include "core/mdg.h"
#include "notify/notice.h"

/* The page in one of its states: "form", "off" (already off), "done" or
 * "invalid". */
static int show(web *w, const char *state, int status)
{
	w->r->status = status;
	hdf_set_value(w->hdf, "Unsub.State", state);
	web_page(w, "portal/unsubscribe.cs", "Unsubscribe");
	return MDG_OK;
}

/* The account the link was signed for and its choices: MDG_OK with *id
 * set, or the invalid page already set up (*id 0). */
static int find_account(web *w, long long *id, account_notify *n)
{
	const char *token = w->r->params[0];
	/* A forged, cut or stale link (the account gone) looks the same. */
	if (!notice_unsub_token_valid(w->app->secret, sizeof w->app->secret, token, id))
		return show(w, "invalid", 404);
	int rc = account_get_notify(w->app->db, *id, n);
	if (rc == MDG_ENOTFOUND) {
		*id = 0;
		return show(w, "invalid", 404);
	}
	if (rc != MDG_OK)
		*id = 0;
	else
		hdf_set_value(w->hdf, "Unsub.Token", token);
	return rc;
}

int page_unsubscribe_form(web *w)
{
	long long id = 0;
	account_notify n;
	int rc = find_account(w, &id, &n);
	if (rc != MDG_OK || !id)
		return rc;
	/* GET never changes anything: mail scanners open links. */
	return show(w, n.email ? "form" : "off", 200);
}

/* Reached with no session and no CSRF token (ACCESS_SIGNED): RFC 8058's
 * one-click POST comes from the mail provider, without the person's
 * cookies, with the body "List-Unsubscribe=One-Click". The signature in
 * the path is the authentication; the worst a leaked link can do is turn
 * that one account's e-mail notices off (docs/decisions.md). The body is
 * not required: the page's own button sends the same. */
int page_unsubscribe(web *w)
{
	long long id = 0;
	account_notify n;
	int rc = find_account(w, &id, &n);
	if (rc != MDG_OK || !id)
		return rc;
	if (n.email) {
		n.email = false;
		rc = account_set_notify(w->app->db, id, &n);
		if (rc != MDG_OK)
			return rc;
		/* Preference changes are logged, not audited (as on /account). */
		log_info("notice preferences of %lld: email=0 by the one-click unsubscribe link", id);
	}
	return show(w, "done", 200);
}
