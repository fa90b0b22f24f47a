/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* view_case.c: a case as its public page shows it, shared by the portal
 * (page_portal.c), the citizen's actions (page_citizen.c) and the staff
 * case page (page_staff.c): the case and its attachments, the public
 * timeline, the deadline and the owner's actions. */
#include "view_case.h"
#include "cases/dossier.h"
#include "cases/workflow.h"
#include "core/mdg.h"
#include "core/text.h"
#include "open311/open311.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int web_load_case(web *w, const char *tracking, bool staff_view, long long *case_id)
{
	db_result *c = NULL, *files = NULL, *answers = NULL;
	viewer v = web_viewer(w);
	int year;
	unsigned seq;
	int rc;

	if (tracking_parse(tracking, &year, &seq) != MDG_OK)
		return MDG_ENOTFOUND;
	rc = case_get(w->app->db, tracking, &v, w->lang, &c);
	if (rc != MDG_OK)
		goto done;
	long long id = db_get_ll(c, 0, "id", 0);
	if (staff_view) {
		/* The staff page is for staff whose scope covers the case. */
		unsigned can = 0;
		rc = w->staff ? perm_case(w->app->db, w->me.id, id, &can) : MDG_OK;
		if (rc == MDG_OK && !(can & CAN_READ))
			rc = MDG_ENOTFOUND;
		if (rc != MDG_OK)
			goto done;
	}
	rc = case_attachments(w->app->db, id, &files);
	if (rc == MDG_OK) /* the answers to the category's questions (Open311) */
		rc = open311_case_answers(w->app->db, id, w->lang, &answers);
	if (rc != MDG_OK)
		goto done;
	db_rows_hdf(answers, w->hdf, "Answers");
	for (unsigned i = 0; i < answers->nrows; i++) {
		/* A list question's answer by its options' names, not keys. */
		char name[48];
		char *shown = open311_answer_shown(db_get(answers, i, "datatype", ""),
						   db_get(answers, i, "value_list", ""), db_get(answers, i, "answer", ""));
		snprintf(name, sizeof name, "Answers.%u.answer", i);
		hdf_set_value(w->hdf, name, shown);
		free(shown);
	}
	db_row_hdf(c, 0, w->hdf, "Case");
	/* The map shows the location as this viewer may see it (rounded
	 * for the public, case_get). */
	const char *lat = db_get(c, 0, "lat", ""), *lng = db_get(c, 0, "lng", "");
	if (*lat && *lng)
		web_map_fill(w, lat, lng, false);
	if (case_id)
		*case_id = id;
	db_rows_hdf(files, w->hdf, "Files");
	if (v.account_id && db_get_ll(c, 0, "owner", -1) == v.account_id)
		hdf_set_value(w->hdf, "Case.Mine", "1");
done:
	db_result_free(c);
	db_result_free(files);
	db_result_free(answers);
	return rc;
}

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

int web_case_timeline(web *w, long long case_id)
{
	db_result *events = NULL, *parts = NULL;
	const char *done = kv_get(&w->r->query, "done");
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
