/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_staff.c: the staff's work on cases: the inbox (views, filters,
 * search, sorting, bulk assign and transfer) and a case's page with every
 * action its state and the staff member's abilities allow. */
#include "web.h"
#include "view_case.h"
#include "cases/action.h"
#include "cases/dossier.h"
#include "cases/inbox.h"
#include "cases/workflow.h"
#include "core/bizdays.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "notify/rating.h"
#include "proposals/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BULK_MAX 100           /* cases in one bulk action */

/* ---------------------------------------------------------------- inbox */

/* True when s is one line of valid text of at most max characters. */
static bool line_ok(const char *s, size_t max)
{
	size_t len = strlen(s);
	return utf8_valid_text(s, len) && !strpbrk(s, "\r\n") && utf8_length(s, len) <= max;
}

/* Reads one optional date filter; a badly typed one is reported beside
 * its field and ignored. */
static const char *date_filter(web *w, const kvlist *src, const char *name)
{
	const char *s = kv_get(src, name);
	bizdate day;
	char key[32];
	if (!s || !*s)
		return NULL;
	snprintf(key, sizeof key, "Filter.%s", name);
	if (!line_ok(s, 10) || biz_parse(s, &day) != MDG_OK) {
		if (utf8_valid_text(s, strlen(s)))
			hdf_set_value(w->hdf, key, s);
		form_error(w, name, "staff_date");
		w->r->status = 400;
		return NULL;
	}
	hdf_set_value(w->hdf, key, s);
	return s;
}

/* Reads the inbox filters from src (the query, or the hidden copy in the
 * bulk form) into f and Filter.*. MDG_EINVAL for a value that no form
 * offers (a hand-made address), MDG_EDENIED for the unplaced view
 * without the role. */
static int read_filter(web *w, const kvlist *src, inbox_filter *f)
{
	const char *s;
	long n;
	memset(f, 0, sizeof *f);
	f->account_id = w->me.id;
	f->view = INBOX_DEPARTMENT;
	f->sort = INBOX_SORT_FILED;
	f->desc = true;
	f->page = 1;
	if ((s = kv_get(src, "view")) && *s && inbox_view_parse(s, &f->view) != MDG_OK)
		return MDG_EINVAL;
	if (f->view == INBOX_UNPLACED && !perm_is_global_admin(&w->perm))
		return MDG_EDENIED;
	if ((s = kv_get(src, "status")) && *s) {
		if (!case_status_valid(s))
			return MDG_EINVAL;
		f->status = s;
	}
	if ((s = kv_get(src, "category")) && *s) {
		if (text_parse_long(s, 1, 1000000, &n) != MDG_OK)
			return MDG_EINVAL;
		f->category_id = n;
	}
	if ((s = kv_get(src, "channel")) && *s) {
		if (!inbox_channel_valid(s))
			return MDG_EINVAL;
		f->channel = s;
	}
	if ((s = kv_get(src, "overdue")) && *s) {
		if (strcmp(s, "1") != 0)
			return MDG_EINVAL;
		f->overdue = true;
	}
	if ((s = kv_get(src, "sort")) && *s && inbox_sort_parse(s, &f->sort) != MDG_OK)
		return MDG_EINVAL;
	if ((s = kv_get(src, "dir")) && *s) {
		if (strcmp(s, "asc") != 0 && strcmp(s, "desc") != 0)
			return MDG_EINVAL;
		f->desc = strcmp(s, "desc") == 0;
	}
	if ((s = kv_get(src, "page")) && *s && text_parse_long(s, 1, INBOX_MAX_PAGE, &f->page) != MDG_OK)
		return MDG_EINVAL;
	f->from = date_filter(w, src, "from");
	f->to = date_filter(w, src, "to");
	if ((s = kv_get(src, "q")) && *s) {
		if (!line_ok(s, 100)) {
			form_error(w, "q", "too_long");
			w->r->status = 400;
		} else {
			f->words = s;
			hdf_set_value(w->hdf, "Filter.q", s);
		}
	}
	hdf_set_value(w->hdf, "Filter.view", inbox_view_name(f->view));
	hdf_set_value(w->hdf, "Filter.sort", inbox_sort_name(f->sort));
	hdf_set_value(w->hdf, "Filter.dir", f->desc ? "desc" : "asc");
	if (f->status)
		hdf_set_value(w->hdf, "Filter.status", f->status);
	if (f->category_id)
		web_set(w, "Filter.category", "%lld", f->category_id);
	if (f->channel)
		hdf_set_value(w->hdf, "Filter.channel", f->channel);
	if (f->overdue)
		hdf_set_value(w->hdf, "Filter.overdue", "1");
	return MDG_OK;
}

/* Active departments, for the transfer forms: Departments.* */
static int fill_departments(web *w, const char *prefix)
{
	db_result *r = NULL;
	int rc = org_departments(w->app->db, w->lang, &r);
	if (rc == MDG_OK)
		db_rows_hdf(r, w->hdf, prefix);
	db_result_free(r);
	return rc;
}

/* The inbox page for the filters in src. */
static int show_inbox(web *w, const kvlist *src)
{
	db_result *cases = NULL, *cats = NULL, *staff = NULL;
	inbox_filter f;
	long total = 0;
	bool more = false;
	bool manager = perm_holds(&w->perm, PERM_MANAGER | PERM_ADMIN);
	int rc = read_filter(w, src, &f);
	if (rc != MDG_OK)
		return rc;
	rc = inbox_list(w->app->db, &f, w->lang, &cases, &total, &more);
	if (rc == MDG_OK)
		web_usage_search(w, true, f.words, f.page, total);
	if (rc == MDG_OK)
		rc = case_categories(w->app->db, w->lang, &cats);
	if (rc == MDG_OK)
		rc = fill_departments(w, "Departments");
	if (rc == MDG_OK && manager)
		rc = inbox_assignable(w->app->db, w->me.id, w->lang, &staff);
	if (rc != MDG_OK)
		goto done;
	if (cases) /* NULL when the search words can match nothing */
		db_rows_hdf(cases, w->hdf, "Cases");
	db_rows_hdf(cats, w->hdf, "Categories");
	if (staff)
		db_rows_hdf(staff, w->hdf, "Assignable");
	/* A search of many matches is counted up to the cap: "200+", and
	 * pages up to it (the search can be narrowed). */
	web_pager(w, f.page, total, INBOX_PAGE_SIZE);
	if (more)
		hdf_set_value(w->hdf, "Inbox.More", "1");
	if (manager)
		hdf_set_value(w->hdf, "Inbox.CanAssign", "1");
	if (perm_is_global_admin(&w->perm))
		hdf_set_value(w->hdf, "Inbox.Unplaced", "1");
	web_page(w, "admin/cases.cs", "StaffCases");
done:
	db_result_free(cases);
	db_result_free(cats);
	db_result_free(staff);
	return rc;
}

int page_staff_cases(web *w)
{
	const char *moved = kv_get(&w->r->query, "moved");
	if (moved && tracking_parse(moved, &(int){0}, &(unsigned){0}) == MDG_OK)
		web_flash(w, "StaffMoved");
	return show_inbox(w, &w->r->query);
}

/* What the staff member may do on a case as an actor of the workflow. */
static unsigned actor_kind(unsigned can)
{
	unsigned kind = 0;
	if (can & CAN_MANAGE)
		kind |= ACTOR_MANAGER | ACTOR_HANDLER;
	if (can & CAN_HANDLE)
		kind |= ACTOR_HANDLER;
	return kind;
}

/* The case of the URL and the staff member's abilities on it; a case
 * outside their scope is MDG_ENOTFOUND, like one that does not exist. */
static int find_case(web *w, const char *tracking, long long *case_id, unsigned *can, unsigned *lead)
{
	int year;
	unsigned seq;
	*can = *lead = 0;
	if (tracking_parse(tracking, &year, &seq) != MDG_OK)
		return MDG_ENOTFOUND;
	int rc = dossier_find(w->app->db, tracking, case_id);
	if (rc == MDG_OK)
		rc = perm_case(w->app->db, w->me.id, *case_id, can);
	if (rc == MDG_OK && !(*can & CAN_READ))
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = perm_case_lead(w->app->db, w->me.id, *case_id, lead);
	return rc;
}

/* Applies one bulk action to one case ("TRACKING:VERSION"); returns the
 * problem key, or NULL when done. A failure of the database is
 * returned in *rc. */
static const char *bulk_one(web *w, const char *item, case_cmd cmd, int *rc)
{
	char tracking[TRACKING_LEN + 1];
	const char *colon = strchr(item, ':');
	const char *problem = NULL;
	unsigned can = 0, lead = 0;
	long version;
	*rc = MDG_OK;
	if (!colon || colon - item != TRACKING_LEN || text_parse_long(colon + 1, 1, 0x7FFFFFFFL, &version) != MDG_OK)
		return "notfound";
	snprintf(tracking, sizeof tracking, "%.*s", TRACKING_LEN, item);
	int r = find_case(w, tracking, &cmd.case_id, &can, &lead);
	if (r == MDG_ENOTFOUND)
		return "notfound"; /* outside the scope: as if it did not exist */
	if (r != MDG_OK) {
		*rc = r;
		return NULL;
	}
	cmd.version = version;
	cmd.actor_kind = actor_kind(lead);
	r = case_apply(w->app->db, &cmd, &problem);
	switch (r) {
	case MDG_OK:
		return NULL;
	case MDG_ECONFLICT:
		return "changed";
	case MDG_EINVAL:
		return problem ? problem : "not_allowed";
	case MDG_EDENIED:
		return "denied";
	case MDG_ENOTFOUND:
		return "notfound";
	}
	*rc = r;
	return NULL;
}

int page_staff_bulk(web *w)
{
	static const field_spec fields[] = {
		{"op", FIELD_LINE, true, 16, 0, 0},
		{"handler", FIELD_ID, false, 0, 0, 0},
		{"department", FIELD_ID, false, 0, 0, 0},
		{"reason", FIELD_TEXT, false, CASE_REASON_MAX, 0, 0},
	};
	const char *items[BULK_MAX];
	form f;
	int nitems = 0;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	const char *op = form_text(&f, "op");
	case_cmd cmd = {.actor_id = w->me.id};

	for (const kv *p = w->r->form.head; p; p = p->next)
		if (strcmp(p->key, "case") == 0 && nitems < BULK_MAX)
			items[nitems++] = p->val;
	if (strcmp(op, "assign") == 0) {
		if (!perm_holds(&w->perm, PERM_MANAGER | PERM_ADMIN))
			return MDG_EDENIED;
		cmd.action = ACT_ASSIGN;
		cmd.handler_id = form_num(&f, "handler");
		if (!cmd.handler_id)
			form_fail(&f, "handler", "required");
	} else if (strcmp(op, "transfer") == 0) {
		cmd.action = ACT_TRANSFER;
		cmd.department_id = form_num(&f, "department");
		if (!cmd.department_id)
			form_fail(&f, "department", "required");
		if (!*form_text(&f, "reason"))
			form_fail(&f, "reason", "required");
		cmd.text = form_text(&f, "reason");
	} else {
		return MDG_EINVAL; /* no form sends another */
	}
	if (nitems == 0)
		form_fail(&f, "cases", "staff_none_selected");
	hdf_set_value(w->hdf, "Bulk.Op", op);
	if (f.errors) {
		w->r->status = 400;
		return show_inbox(w, &w->r->form);
	}
	int done = 0, failed = 0, rc = MDG_OK;
	for (int i = 0; i < nitems && rc == MDG_OK; i++) {
		const char *problem = bulk_one(w, items[i], cmd, &rc);
		if (rc != MDG_OK)
			break;
		if (!problem) {
			done++;
			continue;
		}
		char name[64];
		snprintf(name, sizeof name, "Bulk.Failed.%d.item", failed);
		/* What was sent back, shown only when it is valid text. */
		if (line_ok(items[i], 40))
			hdf_set_value(w->hdf, name, items[i]);
		snprintf(name, sizeof name, "Bulk.Failed.%d.problem", failed);
		hdf_set_value(w->hdf, name, problem);
		failed++;
	}
	if (rc != MDG_OK)
		return rc;
	log_info("bulk %s: %d done, %d failed", op, done, failed);
	web_set(w, "Bulk.Done", "%d", done);
	web_set(w, "Bulk.FailedCount", "%d", failed);
	/* The page shows the new state: the typed values are spent. */
	hdf_set_value(w->hdf, "Form.reason", "");
	hdf_set_value(w->hdf, "Form.handler", "");
	hdf_set_value(w->hdf, "Form.department", "");
	return show_inbox(w, &w->r->form);
}

/* ------------------------------------------------------------ case page */

/* Allow.<action> for each action the case allows the staff member now
 * (dossier_staff_actions: the state, the rule and their abilities in
 * the lead department). */
static int fill_allowed(web *w, long long case_id, const case_state *st, unsigned lead)
{
	unsigned allowed = 0;
	char name[64];
	int rc = dossier_staff_actions(w->app->db, case_id, st, actor_kind(lead), &allowed);
	for (int a = 0; a < CASE_ACTION__MAX && rc == MDG_OK; a++) {
		if (!(allowed & ACTION_BIT(a)))
			continue;
		snprintf(name, sizeof name, "Allow.%s", case_action_name((case_action)a));
		hdf_set_value(w->hdf, name, "1");
		hdf_set_value(w->hdf, "Allow.Any", "1");
	}
	return rc;
}

/* The forms' lists: handlers of the lead department, departments to
 * transfer to, categories to re-file under, the joint parts this staff
 * member may submit. */
static int fill_choices(web *w, long long case_id, const case_state *st)
{
	db_result *r = NULL;
	int rc = MDG_OK;
	if (hdf_get_value(w->hdf, "Allow.refile", NULL)) {
		rc = case_categories(w->app->db, w->lang, &r);
		if (rc == MDG_OK)
			db_rows_hdf(r, w->hdf, "RefileTo");
		db_result_free(r);
		r = NULL;
	}
	if (rc == MDG_OK && hdf_get_value(w->hdf, "Allow.assign", NULL)) {
		rc = dossier_department_handlers(w->app->db, st->department_id, &r);
		if (rc == MDG_OK)
			db_rows_hdf(r, w->hdf, "Assignees");
		db_result_free(r);
		r = NULL;
	}
	if (rc == MDG_OK && hdf_get_value(w->hdf, "Allow.transfer", NULL))
		rc = fill_departments(w, "TransferTo");
	if (rc == MDG_OK) {
		rc = dossier_part_departments(w->app->db, w->me.id, case_id, w->lang, &r);
		if (rc == MDG_OK)
			db_rows_hdf(r, w->hdf, "Parts");
		db_result_free(r);
	}
	return rc;
}

/* Everything the staff case page shows about case_id; can and lead are
 * the staff member's abilities on it (perm_case, perm_case_lead). */
static int show_case(web *w, const char *tracking, long long case_id, unsigned can, unsigned lead)
{
	db_result *ratings = NULL, *parts = NULL;
	db_result *st = NULL, *depts = NULL, *handlers = NULL, *history = NULL, *answers = NULL, *messages = NULL,
		  *contact = NULL, *others = NULL;
	case_state state;
	bool personal = (can & (CAN_HANDLE | CAN_MANAGE)) != 0;

	int rc = web_load_case(w, tracking, true, NULL);
	/* Unpublishing a public text: its handlers and moderators (page_moderation.c checks the scope). */
	if (can & CAN_HANDLE || perm_holds(&w->perm, PERM_MODERATOR | PERM_ADMIN))
		hdf_set_value(w->hdf, "Unpublish.Can", "1");
	if (rc == MDG_OK)
		rc = dossier_state(w->app->db, case_id, &state, &st);
	if (rc == MDG_OK)
		rc = dossier_departments(w->app->db, case_id, w->lang, &depts);
	if (rc == MDG_OK)
		rc = dossier_handlers(w->app->db, case_id, w->lang, &handlers);
	if (rc == MDG_OK)
		rc = dossier_history(w->app->db, case_id, w->lang, &history);
	if (rc == MDG_OK)
		rc = dossier_answer_parts(w->app->db, case_id, w->lang, &parts);
	if (rc == MDG_OK)
		rc = dossier_answers(w->app->db, case_id, &answers);
	if (rc == MDG_OK)
		rc = dossier_messages(w->app->db, case_id, w->lang, &messages);
	if (rc == MDG_OK)
		rc = dossier_other_cases(w->app->db, w->me.id, case_id, &others);
	if (rc == MDG_OK)
		rc = rating_of_case(w->app->db, case_id, &ratings);
	if (rc == MDG_OK)
		rc = web_repeat_fill(w, case_id, can);
	/* Contact details only for those who work the case; every view is
	 * in the audit log. */
	if (rc == MDG_OK && personal)
		rc = dossier_contact(w->app->db, &w->who, case_id, tracking, &contact);
	if (rc == MDG_OK)
		rc = fill_allowed(w, case_id, &state, lead);
	if (rc == MDG_OK)
		rc = web_intranet_share_fill(w);
	if (rc != MDG_OK)
		goto done;
	db_row_hdf(st, 0, w->hdf, "State");
	rc = fill_choices(w, case_id, &state);
	if (rc != MDG_OK)
		goto done;
	db_rows_hdf(depts, w->hdf, "Departments");
	db_rows_hdf(handlers, w->hdf, "Handlers");
	db_rows_hdf(history, w->hdf, "History");
	db_rows_hdf(parts, w->hdf, "AnswerParts");
	db_rows_hdf(answers, w->hdf, "Answers");
	db_rows_hdf(messages, w->hdf, "Messages");
	db_rows_hdf(others, w->hdf, "Others");
	db_rows_hdf(ratings, w->hdf, "Ratings");
	if (contact) {
		hdf_set_value(w->hdf, "Contact.name", db_get(contact, 0, "name", ""));
		hdf_set_value(w->hdf, "Contact.email", db_get(contact, 0, "email", ""));
		char mobile[TEXT_MOBILE_SHOWN];
		text_format_mobile(db_get(contact, 0, "mobile", ""), mobile, sizeof mobile);
		hdf_set_value(w->hdf, "Contact.mobile", mobile);
	} else {
		/* Others in scope read the case, not who filed it. */
		char *masked = text_mask_name(hdf_get_value(w->hdf, "Case.filer", ""));
		hdf_set_value(w->hdf, "Case.filer", masked);
		free(masked);
	}
	if (personal) {
		hdf_set_value(w->hdf, "Allow.note", "1");
		hdf_set_value(w->hdf, "Allow.message", "1");
	}
	if (hdf_get_obj(w->hdf, "Parts.0"))
		hdf_set_value(w->hdf, "Allow.part", "1");
	/* Example cases (처리 사례): answered public cases, chosen by managers. */
	if ((can & CAN_MANAGE) && workflow_example_switchable(&state))
		hdf_set_value(w->hdf, "Allow.example", "1");
	web_page(w, "admin/case.cs", "StaffCase");
done:
	db_result_free(st);
	db_result_free(depts);
	db_result_free(handlers);
	db_result_free(history);
	db_result_free(answers);
	db_result_free(messages);
	db_result_free(contact);
	db_result_free(others);
	db_result_free(ratings);
	db_result_free(parts);
	return rc;
}

/* Messages after a redirect: ?done=KEY (a key under L.Act.Done). */
static void done_message(web *w)
{
	static const char *const extra[] = {"note", "message", "part", "example_on", "example_off", "unpublished",
					     "republished", "update"};
	const char *done = kv_get(&w->r->query, "done");
	case_action a;
	if (!done)
		return;
	bool known = case_action_parse(done, &a) == MDG_OK;
	for (size_t i = 0; i < MDG_ARRAY_LEN(extra) && !known; i++)
		known = strcmp(done, extra[i]) == 0;
	if (known)
		hdf_set_value(w->hdf, "Act.Done", done);
}

int page_staff_case(web *w)
{
	long long case_id = 0;
	unsigned can, lead;
	const char *tracking = w->r->params[0];
	int rc = find_case(w, tracking, &case_id, &can, &lead);
	if (rc != MDG_OK)
		return rc;
	web_notice_opened(w);
	done_message(w);
	return show_case(w, tracking, case_id, can, lead);
}

/* Back to the case after a change, or to the inbox when the change
 * took it out of the staff member's scope (a transfer). */
static int after_change(web *w, const char *tracking, long long case_id, const char *done)
{
	unsigned can = 0;
	char target[96];
	int rc = perm_case(w->app->db, w->me.id, case_id, &can);
	if (rc != MDG_OK)
		return rc;
	if (can & CAN_READ)
		snprintf(target, sizeof target, "/staff/cases/%s?done=%s", tracking, done);
	else
		snprintf(target, sizeof target, "/staff/cases?moved=%s", tracking);
	http_redirect(w->r, target);
	return MDG_OK;
}

/* The case page again, with what went wrong beside the form of action
 * (the typed values are kept in Form.*). */
static int show_problem(web *w, const char *tracking, long long case_id, unsigned can, unsigned lead,
			const char *action, const char *problem, int status)
{
	w->r->status = status;
	hdf_set_value(w->hdf, "Act.Action", action);
	hdf_set_value(w->hdf, "Act.Problem", problem);
	if (strcmp(problem, "changed") == 0)
		hdf_set_value(w->hdf, "Act.Conflict", "1");
	return show_case(w, tracking, case_id, can, lead);
}

int page_staff_act(web *w)
{
	static const field_spec fields[] = {
		{"action", FIELD_LINE, true, 20, 0, 0},
		{"version", FIELD_INT, true, 0, 1, 0x7FFFFFFFL},
		{"text", FIELD_TEXT, false, CASE_ANSWER_MAX, 0, 0},
		{"department", FIELD_ID, false, 0, 0, 0},
		{"handler", FIELD_ID, false, 0, 0, 0},
		{"due_date", FIELD_LINE, false, 10, 0, 0},
		{"category", FIELD_ID, false, 0, 0, 0},
		{"outcome", FIELD_LINE, false, 10, 0, 0},
		{"plan", FIELD_TEXT, false, CASE_ANSWER_MAX, 0, 0},
	};
	const char *tracking = w->r->params[0];
	const char *problem = NULL;
	long long case_id = 0;
	unsigned can, lead;
	case_action action;
	form f;
	int rc = find_case(w, tracking, &case_id, &can, &lead);
	if (rc != MDG_OK)
		return rc;
	int errors = form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	const char *name = form_text(&f, "action");
	if (case_action_parse(name, &action) != MDG_OK || action == ACT_WITHDRAW || action == ACT_REOPEN)
		return MDG_EINVAL; /* no form sends these */
	if (errors) {
		/* A field out of shape: the date, an id, a text too long. */
		const char *key = form_err(&f, "due_date")				? "bad_date"
				  : form_err(&f, "text") || form_err(&f, "plan") ? "text_too_long"
				  : form_err(&f, "outcome")			? "outcome_required"
										: "invalid";
		return show_problem(w, tracking, case_id, can, lead, name, key, 400);
	}
	case_cmd cmd = {
		.case_id = case_id,
		.action = action,
		.actor_id = w->me.id,
		.actor_kind = actor_kind(lead),
		.text = form_text(&f, "text"),
		.due_date = form_text(&f, "due_date"),
		.who = &w->who,
		.version = form_num(&f, "version"),
		.department_id = form_num(&f, "department"),
		.handler_id = form_num(&f, "handler"),
		.category_id = form_num(&f, "category"),
		.outcome = form_text(&f, "outcome"),
		.plan = form_text(&f, "plan"),
	};
	if (!cmd.category_id && action == ACT_REFILE)
		return show_problem(w, tracking, case_id, can, lead, name, "bad_category", 400);
	rc = case_apply(w->app->db, &cmd, &problem);
	switch (rc) {
	case MDG_OK:
		log_info("case %s: %s by %lld", tracking, name, w->me.id);
		return after_change(w, tracking, case_id, name);
	case MDG_ECONFLICT:
		return show_problem(w, tracking, case_id, can, lead, name, "changed", 409);
	case MDG_EINVAL:
		return show_problem(w, tracking, case_id, can, lead, name, problem ? problem : "not_allowed", 400);
	case MDG_EDENIED:
		return show_problem(w, tracking, case_id, can, lead, name, "denied", 403);
	}
	return rc;
}

/* A note, a message in the thread or a joint part: kind is the form's
 * text field and the ?done= key. */
static int post_text(web *w, const char *kind)
{
	const field_spec fields[] = {
		{kind, FIELD_TEXT, true, strcmp(kind, "part") == 0 ? CASE_ANSWER_MAX : CASE_REASON_MAX, 0, 0},
		/* a proposal's follow-up update: PROPOSAL_UPDATE_MAX == CASE_REASON_MAX */
		{"department", FIELD_ID, false, 0, 0, 0},
	};
	const char *tracking = w->r->params[0];
	long long case_id = 0, dept = 0;
	unsigned can, lead;
	form f;
	int rc = find_case(w, tracking, &case_id, &can, &lead);
	if (rc != MDG_OK)
		return rc;
	if (!(can & (CAN_HANDLE | CAN_MANAGE)) && strcmp(kind, "part") != 0)
		return show_problem(w, tracking, case_id, can, lead, kind, "denied", 403);
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0) {
		w->r->status = 400;
		hdf_set_value(w->hdf, "Act.Action", kind);
		return show_case(w, tracking, case_id, can, lead);
	}
	const char *text = form_text(&f, kind);
	bool part = strcmp(kind, "part") == 0, update = strcmp(kind, "update") == 0;
	if (part) {
		/* Only for a joint department the staff member works for. */
		db_result *parts = NULL;
		bool mine = false;
		dept = form_num(&f, "department");
		rc = dossier_part_departments(w->app->db, w->me.id, case_id, w->lang, &parts);
		for (unsigned i = 0; rc == MDG_OK && i < parts->nrows; i++)
			mine |= db_get_ll(parts, i, "id", 0) == dept;
		db_result_free(parts);
		if (rc != MDG_OK)
			return rc;
		if (!mine)
			return show_problem(w, tracking, case_id, can, lead, kind, "denied", 403);
	} else if (!update) {
		rc = dossier_acting_department(w->app->db, w->me.id, case_id, &dept);
		if (rc != MDG_OK)
			return rc;
	}
	/* Sent twice, it is written once: the key is armed just for the
	 * writing call (the refusals' pages below must not record it). */
	char done[32];
	snprintf(done, sizeof done, "?done=%s", kind);
	idem_key idem;
	if (web_idem_start(w, &idem, "/staff/cases/", tracking, done, &rc))
		return rc;
	if (part)
		rc = case_submit_part(w->app->db, case_id, dept, w->me.id, text);
	else if (update)
		rc = proposal_review_update(w->app->db, &w->who, case_id, text);
	else if (strcmp(kind, "note") == 0)
		rc = case_add_note(w->app->db, case_id, w->me.id, dept, text);
	else
		rc = case_add_message(w->app->db, case_id, w->me.id, dept, text);
	if (web_idem_raced(w, &idem, rc))
		return MDG_OK;
	if (part && rc == MDG_EINVAL) /* the answer is drafted or sent: parts are closed */
		return show_problem(w, tracking, case_id, can, lead, kind, "not_allowed", 400);
	if (update && (rc == MDG_EDENIED || rc == MDG_ENOTFOUND))
		return show_problem(w, tracking, case_id, can, lead, kind, "update_not_answered", 400);
	if (rc != MDG_OK)
		return rc;
	return after_change(w, tracking, case_id, kind);
}

int page_staff_note(web *w)
{
	return post_text(w, "note");
}

int page_staff_message(web *w)
{
	return post_text(w, "message");
}

int page_staff_part(web *w)
{
	return post_text(w, "part");
}

int page_staff_proposal_update(web *w)
{
	return post_text(w, "update");
}

int page_staff_example(web *w)
{
	static const field_spec fields[] = {
		{"example", FIELD_INT, true, 0, 0, 1},
	};
	const char *tracking = w->r->params[0];
	const char *problem = NULL;
	long long case_id = 0;
	unsigned can, lead;
	form f;
	int rc = find_case(w, tracking, &case_id, &can, &lead);
	if (rc != MDG_OK)
		return rc;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return MDG_EINVAL;
	if (!(can & CAN_MANAGE))
		return show_problem(w, tracking, case_id, can, lead, "example", "denied", 403);
	bool on = form_num(&f, "example") == 1;
	rc = dossier_set_example(w->app->db, &w->who, case_id, tracking, on, &problem);
	if (rc == MDG_EINVAL && problem)
		return show_problem(w, tracking, case_id, can, lead, "example", problem, 400);
	if (rc != MDG_OK)
		return rc;
	return after_change(w, tracking, case_id, on ? "example_on" : "example_off");
}
