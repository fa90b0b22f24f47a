/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_citizen.c: the citizen's side of a case's life cycle:
 * withdrawing (after a confirmation step), accepting (closing) or
 * reopening one's own case. The case page it shows again (timeline,
 * deadline, the actions open) is view_case.c's. */
#include "web.h"
#include "view_case.h"
#include "auth/case_link.h"
#include "cases/action.h"
#include "cases/dossier.h"
#include "cases/workflow.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

/* The case page again with the problem beside the action's form. */
static int show_problem(web *w, const char *tracking, const char *action, const char *problem, int status)
{
	long long case_id = 0;
	int rc = web_load_case(w, tracking, false, &case_id);
	if (rc == MDG_OK)
		rc = web_case_timeline(w, case_id);
	if (rc != MDG_OK)
		return rc;
	w->r->status = status;
	hdf_set_value(w->hdf, "CaseAct.Action", action);
	hdf_set_value(w->hdf, "CaseAct.Problem", problem);
	web_page(w, "portal/case.cs", "Case");
	return MDG_OK;
}

/* The confirmation step of withdrawing tracking (its owner's only; to
 * anyone else the case does not exist); the case page when it can no
 * longer be withdrawn. */
static int show_withdraw(web *w, const char *tracking)
{
	long long case_id = 0;
	int rc = web_load_case(w, tracking, false, &case_id);
	if (rc == MDG_OK && !hdf_get_value(w->hdf, "Case.Mine", NULL))
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = web_case_timeline(w, case_id);
	if (rc != MDG_OK)
		return rc;
	if (!hdf_get_value(w->hdf, "CaseAct.withdraw", NULL)) {
		char target[128];
		const char *link = hdf_get_value(w->hdf, "Case.Link", NULL);
		snprintf(target, sizeof target, "/cases/%s%s%s", tracking, link ? "?k=" : "", link ? link : "");
		http_redirect(w->r, target);
		return MDG_OK;
	}
	web_page(w, "portal/withdraw.cs", "Withdraw");
	return MDG_OK;
}

int page_case_withdraw_form(web *w)
{
	int year;
	unsigned seq;
	if (tracking_parse(w->r->params[0], &year, &seq) != MDG_OK)
		return MDG_ENOTFOUND;
	return show_withdraw(w, w->r->params[0]);
}

/* The case tracking when the request comes from its owner: signed in,
 * or holding the guest's tracking link of that case (*link then
 * the token, else NULL). To anyone else the case does not exist. */
static int find_own_case(web *w, const char *tracking, long long *case_id, case_state *st, long long *owner,
			 const char **link)
{
	int year;
	unsigned seq;
	long long link_case = 0;
	long long guest = 0;
	*owner = w->signed_in ? w->me.id : 0;
	*link = NULL;
	if (tracking_parse(tracking, &year, &seq) != MDG_OK)
		return MDG_ENOTFOUND;
	int rc = dossier_find(w->app->db, tracking, case_id);
	if (rc == MDG_OK)
		rc = dossier_state(w->app->db, *case_id, st, NULL);
	/* Not the signed-in owner: the link, if it is this case's, stands
	 * for its guest (as on the page the form came from). */
	const char *k = rc == MDG_OK && st->owner != *owner ? web_case_link_param(w) : NULL;
	if (k && case_link_case(w->app->db, w->app->secret, sizeof w->app->secret, tracking, k, &link_case, &guest) ==
			 MDG_OK) {
		*owner = guest;
		*link = k;
	}
	if (rc == MDG_OK && (!*owner || st->owner != *owner))
		rc = MDG_ENOTFOUND;
	return rc;
}

/* Back to the case page after an owner's change, ?done=what, with the
 * guest's link when it came through one (nginx logs it without the
 * token). */
static void redirect_done(web *w, const char *tracking, const char *what, const char *link)
{
	char target[128];
	snprintf(target, sizeof target, "/cases/%s?done=%s%s%s", tracking, what, link ? "&k=" : "", link ? link : "");
	http_redirect(w->r, target);
}

int page_case_message(web *w)
{
	static const field_spec fields[] = {
		{"text", FIELD_TEXT, true, CASE_REASON_MAX, 0, 0},
	};
	const char *tracking = w->r->params[0];
	case_state st;
	long long case_id = 0, owner = 0;
	const char *link = NULL;
	form f;
	int rc = find_own_case(w, tracking, &case_id, &st, &owner, &link);
	if (rc != MDG_OK)
		return rc;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	/* A finished case takes no more messages: a new one is a new case. */
	if (workflow_is_final(st.status))
		return show_problem(w, tracking, "message", "not_allowed", 400);
	if (form_err(&f, "text"))
		return show_problem(w, tracking, "message",
				    strcmp(form_err(&f, "text"), "required") == 0 ? "text_required" : "text_too_long",
				    400);
	/* The key only for a signed-in owner: a guest's way back holds their
	 * link, a credential not to be stored. */
	idem_key idem = {0};
	if (!link && web_idem_start(w, &idem, "/cases/", tracking, "?done=message", &rc))
		return rc;
	rc = dossier_owner_message(w->app->db, case_id, owner, form_text(&f, "text"));
	if (web_idem_raced(w, &idem, rc))
		return MDG_OK;
	if (rc != MDG_OK)
		return rc;
	log_info("case %s: a message from its owner%s", tracking, link ? " (tracking link)" : "");
	redirect_done(w, tracking, "message", link);
	return MDG_OK;
}

int page_case_act(web *w)
{
	static const field_spec fields[] = {
		{"action", FIELD_LINE, true, 20, 0, 0},
		{"version", FIELD_INT, true, 0, 1, 0x7FFFFFFFL},
		{"text", FIELD_TEXT, false, CASE_REASON_MAX, 0, 0},
		{"confirm", FIELD_CHECKBOX, false, 0, 0, 0},
	};
	const char *tracking = w->r->params[0];
	const char *problem = NULL;
	case_state st;
	long long case_id = 0;
	case_action action;
	form f;

	long long owner = 0;
	const char *link = NULL;
	int rc = find_own_case(w, tracking, &case_id, &st, &owner, &link);
	if (rc != MDG_OK)
		return rc;
	int errors = form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	const char *name = form_text(&f, "action");
	if (case_action_parse(name, &action) != MDG_OK ||
	    (action != ACT_WITHDRAW && action != ACT_CLOSE && action != ACT_REOPEN))
		return MDG_EINVAL; /* no form sends another */
	if (errors)
		return show_problem(w, tracking, name, form_err(&f, "text") ? "text_too_long" : "invalid", 400);
	/* Withdrawing ends the case for good: only from the confirmation
	 * step, which a form without confirm=1 leads to. */
	if (action == ACT_WITHDRAW && !form_on(&f, "confirm"))
		return show_withdraw(w, tracking);
	case_cmd cmd = {
		.case_id = case_id,
		.version = form_num(&f, "version"),
		.action = action,
		.actor_id = owner,
		.actor_kind = ACTOR_CITIZEN,
		.text = *form_text(&f, "text") ? form_text(&f, "text") : NULL,
	};
	rc = case_apply(w->app->db, &cmd, &problem);
	switch (rc) {
	case MDG_OK:
		log_info("case %s: %s by its owner", tracking, name);
		redirect_done(w, tracking, name, link);
		return MDG_OK;
	case MDG_ECONFLICT:
		return show_problem(w, tracking, name, "changed", 409);
	case MDG_EINVAL:
		return show_problem(w, tracking, name, problem ? problem : "not_allowed", 400);
	case MDG_EDENIED:
		return show_problem(w, tracking, name, "denied", 403);
	}
	return rc;
}
