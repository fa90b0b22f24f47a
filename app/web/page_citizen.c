/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_citizen.c: the citizen's side of a case's life cycle: the public
 * timeline with the department and the handler at each stage, the
 * deadline while the case is worked on, and withdrawing (after a
 * confirmation step), accepting (closing) or reopening one's own case. */
#include "web.h"
#include "cases/action.h"
#include "cases/dossier.h"
#include "cases/workflow.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

/* CaseAct.<action> for the actions open to the owner now (from the
 * case's state), and the case's version for their forms. */
static void fill_owner_actions(web *w, const case_state *st)
{
	char name[64];
	unsigned allowed = workflow_owner_actions(st);
	web_set(w, "CaseAct.version", "%lld", st->version);
	for (int a = 0; a < CASE_ACTION__MAX; a++) {
		if (!(allowed & ACTION_BIT(a)))
			continue;
		snprintf(name, sizeof name, "CaseAct.%s", case_action_name((case_action)a));
		hdf_set_value(w->hdf, name, "1");
		hdf_set_value(w->hdf, "CaseAct.Any", "1");
	}
}

/* The case's state for the page: the deadline (Case.due, Case.overdue)
 * while the office is working on it, and for its owner the actions open
 * to them. */
static int fill_state(web *w, long long case_id)
{
	case_state st;
	int rc = dossier_state(w->app->db, case_id, &st, NULL);
	if (rc != MDG_OK)
		return rc;
	/* Once answered (or finished) the deadline no longer binds anyone. */
	if (st.status != CASE_ANSWERED && !workflow_is_final(st.status)) {
		hdf_set_value(w->hdf, "Case.due", st.due);
		hdf_set_value(w->hdf, "Case.overdue", st.overdue ? "1" : "0");
		hdf_set_value(w->hdf, "Case.extended", st.extensions != 0 ? "1" : "0");
	}
	if (hdf_get_value(w->hdf, "Case.Mine", NULL))
		fill_owner_actions(w, &st);
	return MDG_OK;
}

int web_case_timeline(web *w)
{
	db_result *events = NULL, *parts = NULL;
	long n = 0;
	const char *done = kv_get(&w->r->query, "done");
	if (text_parse_long(hdf_get_value(w->hdf, "Case.id", ""), 1, 0x7FFFFFFFFFFFFFFFL, &n) != MDG_OK)
		return MDG_ERR;
	long long case_id = n;
	int rc = dossier_timeline(w->app->db, case_id, w->lang, &events);
	if (rc == MDG_OK)
		rc = dossier_answer_parts(w->app->db, case_id, w->lang, &parts);
	if (rc != MDG_OK)
		goto done;
	/* The joint departments' parts, each shown under the answer it was
	 * sent with (AnswerParts.N.answer = Stages.M.answer). */
	db_rows_hdf(parts, w->hdf, "AnswerParts");
	/* Stages, not Events: the case's own list of events stays as loaded
	 * (removing a tree would leave ClearSilver's lookup cache dangling). */
	db_rows_hdf(events, w->hdf, "Stages");
	/* The office may show the role (담당자) instead of staff names. */
	if (strcmp(db_get(events, 0, "show", "name"), "role") == 0)
		hdf_set_value(w->hdf, "Timeline.Role", "1");
	rc = fill_state(w, case_id);
	if (done && (strcmp(done, "withdraw") == 0 || strcmp(done, "close") == 0 || strcmp(done, "reopen") == 0))
		hdf_set_value(w->hdf, "CaseAct.Done", done);
done:
	db_result_free(events);
	db_result_free(parts);
	return rc;
}

/* The case page again with the problem beside the action's form. */
static int show_problem(web *w, const char *tracking, const char *action, const char *problem, int status)
{
	int rc = web_load_case(w, tracking, false);
	if (rc == MDG_OK)
		rc = web_case_timeline(w);
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
	int rc = web_load_case(w, tracking, false);
	if (rc == MDG_OK && !hdf_get_value(w->hdf, "Case.Mine", NULL))
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = web_case_timeline(w);
	if (rc != MDG_OK)
		return rc;
	if (!hdf_get_value(w->hdf, "CaseAct.withdraw", NULL)) {
		char target[64];
		snprintf(target, sizeof target, "/cases/%s", tracking);
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
	int year;
	unsigned seq;
	char target[64];

	if (tracking_parse(tracking, &year, &seq) != MDG_OK)
		return MDG_ENOTFOUND;
	int rc = dossier_find(w->app->db, tracking, &case_id);
	if (rc == MDG_OK)
		rc = dossier_state(w->app->db, case_id, &st, NULL);
	/* Only the owner acts on a case; to anyone else it does not exist. */
	if (rc == MDG_OK && st.owner != w->me.id)
		rc = MDG_ENOTFOUND;
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
		.actor_id = w->me.id,
		.actor_kind = ACTOR_CITIZEN,
		.text = *form_text(&f, "text") ? form_text(&f, "text") : NULL,
	};
	rc = case_apply(w->app->db, &cmd, &problem);
	switch (rc) {
	case MDG_OK:
		log_info("case %s: %s by its owner", tracking, name);
		snprintf(target, sizeof target, "/cases/%s?done=%s", tracking, name);
		http_redirect(w->r, target);
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
