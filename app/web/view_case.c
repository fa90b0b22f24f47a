/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* view_case.c: a case as its public page shows it, shared by the portal
 * (page_portal.c), the citizen's actions (page_citizen.c) and the staff
 * case page (page_staff.c): the case and its attachments, the public
 * timeline, the deadline and the owner's actions. */
#include "view_case.h"
#include "auth/case_link.h"
#include "cases/dossier.h"
#include "cases/public_view.h"
#include "cases/workflow.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "open311/open311.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *web_case_link_param(web *w)
{
	const char *k = kv_get(&w->r->query, "k");
	if (!k && strcmp(w->r->method, "POST") == 0)
		k = kv_get(&w->r->form, "k");
	return k && *k ? k : NULL;
}

/* A guest's tracking link in the request, for tracking: v sees the case
 * as its guest owner when the link is that case's. Any other link is
 * ignored (logged without the token): the page is then what anyone sees,
 * a private case not found. */
static int open_link(web *w, const char *tracking, viewer *v)
{
	const char *k = web_case_link_param(w);
	if (!k)
		return MDG_OK;
	int rc = case_link_case(w->app->db, w->app->secret, sizeof w->app->secret, tracking, k, &v->link_case_id,
				&v->link_guest_id);
	if (rc == MDG_EDENIED) {
		log_warn("case %s: a tracking link that does not open it", tracking);
		rc = MDG_OK;
	}
	return rc;
}

/* The guest's view through the link: its forms and links carry the token
 * (Case.Link), and the view is audited with the guest as the actor, as
 * the staff's views of personal data are. */
static int guest_view(web *w, const char *tracking, long long guest_id)
{
	actor guest = {guest_id, w->r->remote_addr};
	hdf_set_value(w->hdf, "Case.Mine", "1");
	hdf_set_value(w->hdf, "Case.Link", web_case_link_param(w));
	return audit_write(w->app->db, &guest, "case", tracking, "view_by_link", NULL);
}

int web_load_case(web *w, const char *tracking, bool staff_view, long long *case_id)
{
	db_result *c = NULL, *files = NULL, *answers = NULL;
	viewer v = web_viewer(w);
	int year;
	unsigned seq;
	int rc;

	if (tracking_parse(tracking, &year, &seq) != MDG_OK)
		return MDG_ENOTFOUND;
	if (!staff_view && (rc = open_link(w, tracking, &v)) != MDG_OK)
		goto done;
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
	long long owner = db_get_ll(c, 0, "owner", -1);
	if (v.account_id && owner == v.account_id)
		hdf_set_value(w->hdf, "Case.Mine", "1");
	else if (v.link_guest_id && owner == v.link_guest_id)
		rc = guest_view(w, tracking, owner);
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
	if (hdf_get_value(w->hdf, "Case.Mine", NULL)) {
		fill_owner_actions(w, &st);
		/* Its owner may write to a case until it is finished. */
		if (!workflow_is_final(st.status))
			hdf_set_value(w->hdf, "CaseAct.message", "1");
	}
	return MDG_OK;
}

int web_case_timeline(web *w, long long case_id)
{
	db_result *events = NULL, *parts = NULL;
	const char *done = kv_get(&w->r->query, "done");
	/* Its owner (signed in, or a guest through the link) also reads
	 * what they wrote to the case by mail or SMS. */
	bool owner = hdf_get_value(w->hdf, "Case.Mine", NULL) != NULL;
	int rc = dossier_timeline(w->app->db, case_id, w->lang, owner, &events);
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
	if (done && (strcmp(done, "withdraw") == 0 || strcmp(done, "close") == 0 || strcmp(done, "reopen") == 0 ||
		     strcmp(done, "message") == 0))
		hdf_set_value(w->hdf, "CaseAct.Done", done);
done:
	db_result_free(events);
	db_result_free(parts);
	return rc;
}

int web_public_case(web *w, const char *tracking, bool *done)
{
	*done = false;
	int year;
	unsigned seq;
	/* The owner, staff and a guest's tracking link see more: the full
	 * queries. */
	if (w->signed_in || web_case_link_param(w))
		return MDG_OK;
	if (tracking_parse(tracking, &year, &seq) != MDG_OK)
		return MDG_ENOTFOUND;
	viewer v = web_viewer(w);
	int rc = case_public_page(w->app->db, tracking, &v, w->lang, w->hdf, done);
	if (rc != MDG_OK || !*done)
		return rc;
	/* The map shows the location as rounded for the public. */
	const char *lat = hdf_get_value(w->hdf, "Case.lat", ""), *lng = hdf_get_value(w->hdf, "Case.lng", "");
	if (*lat && *lng)
		web_map_fill(w, lat, lng, false);
	return MDG_OK;
}

static int refresh_in_tx(db *d, void *arg)
{
	return case_public_refresh(d, *(const long long *)arg);
}

void web_public_case_missed(web *w, long long case_id)
{
	/* Only a public case has a row: a private one stays on the full
	 * queries (whose page its reader could see: the owner, staff). */
	if (w->signed_in || web_case_link_param(w) || strcmp(hdf_get_value(w->hdf, "Case.public", "0"), "1") != 0)
		return;
	/* A failure costs the next reader the full queries again, no more. */
	if (db_transaction(w->app->db, refresh_in_tx, &case_id) != MDG_OK)
		log_warn("case %lld: its public view could not be built", case_id);
}

int web_staff_case_find(web *w, const char *tracking, long long *case_id, unsigned *can)
{
	*can = 0;
	int rc = dossier_find(w->app->db, tracking, case_id);
	if (rc == MDG_OK)
		rc = perm_case(w->app->db, w->me.id, *case_id, can);
	if (rc == MDG_OK && !(*can & CAN_READ))
		rc = MDG_ENOTFOUND;
	return rc;
}
