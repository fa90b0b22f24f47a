/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_moderation.c: moderation (게시물 관리): the report form (신고) for
 * any kind of public text and for a community's content, its members'
 * (/report/KIND/KEY), the author's objection form (/objection/KIND/KEY),
 * the moderator queue with its decisions (/staff/moderation) and the
 * audited review of a private item in it (/staff/moderation/KIND/ID: a
 * note, a members-only community's post, comment or chat message), staff
 * unpublishing a public complaint's text
 * (/staff/cases/TRACKING/unpublish) and the supervisors' word list
 * (/admin/moderation/words). The rules are in lib/moderation. */
#include "web.h"
#include "communities/community.h"
#include "core/mdg.h"
#include "core/text.h"
#include "moderation/moderation.h"
#include "notes/note.h"
#include "org/perm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_NOTE_MAX 500
#define OBJECTION_MAX 2000
#define DECISION_REASON_MAX 255

/* Who moderates: moderators and administrators, each in their scope. */
#define PERM_MODERATION (PERM_MODERATOR | PERM_ADMIN)

/* The item of the route's /KIND/KEY into *item (Item.* on the page) and
 * its kind into *k: MDG_ENOTFOUND for an unknown kind or item. */
static int load_item(web *w, const mod_kind **k, db_result **item)
{
	*item = NULL;
	*k = moderation_kind(w->r->params[0]);
	if (!*k || !moderation_kind_ready(w->app->db, *k))
		return MDG_ENOTFOUND;
	int rc = moderation_item(w->app->db, *k, w->r->params[1], 0, item);
	/* A note is private: its forms (the report, shown with its text) are
	 * only for its sender and recipient, who still have it. */
	if (rc == MDG_OK && strcmp((*k)->name, "note") == 0) {
		bool party = false;
		rc = note_party(w->app->db, w->me.id, db_get_ll(*item, 0, "id", 0), &party);
		if (rc == MDG_OK && !party)
			rc = MDG_ENOTFOUND;
	}
	if (rc == MDG_OK) {
		db_row_hdf(*item, 0, w->hdf, "Item");
		hdf_set_value(w->hdf, "Item.kind", (*k)->name);
		/* The note's own page, not the moderators' review. */
		if (strcmp((*k)->name, "note") == 0)
			hdf_set_valuef(w->hdf, "Item.url=/notes/%lld", db_get_ll(*item, 0, "id", 0));
	}
	return rc;
}

/* True when the public may see the item (reports are about those). */
static bool item_public(const db_result *item)
{
	const char *state = db_get(item, 0, "moderation", "");
	return db_get_ll(item, 0, "public", 0) == 1 && strcmp(state, "hidden") != 0 && strcmp(state, "deleted") != 0;
}

/* Whether who (NULL: nobody signed in) with perm reads row's item of
 * result r: an item of a community (its community_id) as
 * community_access_get answers for that community, every other item
 * yes. */
static int community_reads(web *w, const db_result *r, unsigned row, const actor *who, const staff_perm *perm,
			   bool *readable)
{
	community_access acc;
	long long community_id = db_get_ll(r, row, "community_id", 0);
	*readable = true;
	if (!community_id)
		return MDG_OK;
	int rc = community_access_get(w->app->db, NULL, community_id, who, perm, &acc);
	*readable = rc == MDG_OK && acc.readable;
	return rc == MDG_ENOTFOUND ? MDG_OK : rc;
}

/* MDG_OK when the reader may report the item: one the public has and
 * the reader reads (a members-only community's only for its members);
 * MDG_ENOTFOUND for anything else, which is not there for them. */
static int may_report(web *w, const db_result *item)
{
	bool readable = false;
	int rc = item_public(item) ? community_reads(w, item, 0, &w->who, w->staff ? &w->perm : NULL, &readable)
				   : MDG_OK;
	return rc == MDG_OK && !readable ? MDG_ENOTFOUND : rc;
}

static const field_spec report_fields[] = {
	{"reason", FIELD_LINE, true, 20, 0, 0},
	{"note", FIELD_TEXT, false, REPORT_NOTE_MAX, 0, 0},
};

static int report_page(web *w, const db_result *item)
{
	int rc = may_report(w, item);
	if (rc != MDG_OK)
		return rc;
	if (db_get_ll(item, 0, "author_id", 0) == w->me.id)
		hdf_set_value(w->hdf, "Report.Own", "1");
	web_set(w, "Report.NoteMax", "%d", REPORT_NOTE_MAX);
	web_page(w, "portal/report.cs", "Report");
	return MDG_OK;
}

/* The GET of a form about the route's item: show(w, item), with done
 * (Report.Done, Objection.Done) set after the form was sent (?query). */
static int item_form(web *w, const char *query, const char *done, int (*show)(web *, const db_result *))
{
	const mod_kind *k;
	db_result *item = NULL;
	int rc = load_item(w, &k, &item);
	if (rc == MDG_OK) {
		if (kv_get(&w->r->query, query))
			hdf_set_value(w->hdf, done, "1");
		rc = show(w, item);
	}
	db_result_free(item);
	return rc;
}

/* The answer to the POST of such a form: the form again with its errors
 * (400), else back to /PATH/KIND/KEY?SENT=1. */
static int item_answer(web *w, const form *f, const char *path, const char *sent, const mod_kind *k,
		       const db_result *item, int (*show)(web *, const db_result *))
{
	if (f->errors) {
		w->r->status = 400;
		return show(w, item);
	}
	web_redirect(w, "/%s/%s/%s?%s=1", path, k->name, db_get(item, 0, "item_key", ""), sent);
	return MDG_OK;
}

int page_report_form(web *w)
{
	return item_form(w, "reported", "Report.Done", report_page);
}

int page_report(web *w)
{
	const mod_kind *k;
	db_result *item = NULL;
	form f;
	bool held = false;
	int rc = load_item(w, &k, &item);
	if (rc == MDG_OK)
		rc = may_report(w, item);
	if (rc != MDG_OK)
		goto done;
	form_validate(w, report_fields, MDG_ARRAY_LEN(report_fields), &f);
	if (!form_err(&f, "reason") && !moderation_reason_valid(form_text(&f, "reason")))
		form_fail(&f, "reason", "report_reason");
	if (f.errors == 0) {
		const char *note = form_text(&f, "note");
		rc = moderation_report(w->app->db, &w->who, k, db_get_ll(item, 0, "id", 0), form_text(&f, "reason"),
				       note, &held);
		if (rc == MDG_ECONFLICT)
			form_fail(&f, "reason", "report_twice");
		else if (rc == MDG_EDENIED)
			form_fail(&f, "reason", "report_own");
		else if (rc != MDG_OK)
			goto done;
	}
	rc = item_answer(w, &f, "report", "reported", k, item, report_page);
done:
	db_result_free(item);
	return rc;
}

/* The objection form: the author's, while the item is out of sight. */
static int objection_page(web *w, const db_result *item)
{
	if (db_get_ll(item, 0, "author_id", 0) != w->me.id)
		return MDG_ENOTFOUND;
	web_set(w, "Objection.Max", "%d", OBJECTION_MAX);
	web_page(w, "portal/objection.cs", "Objection");
	return MDG_OK;
}

int page_objection_form(web *w)
{
	return item_form(w, "sent", "Objection.Done", objection_page);
}

int page_objection(web *w)
{
	static const field_spec fields[] = {
		{"text", FIELD_TEXT, true, OBJECTION_MAX, 0, 0},
	};
	const mod_kind *k;
	db_result *item = NULL;
	form f;
	int rc = load_item(w, &k, &item);
	if (rc != MDG_OK)
		goto done;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0) {
		rc = moderation_object(w->app->db, &w->who, k, db_get_ll(item, 0, "id", 0), form_text(&f, "text"));
		if (rc == MDG_EINVAL)
			form_fail(&f, "text", "objection_visible");
		else if (rc != MDG_OK)
			goto done;
	}
	rc = item_answer(w, &f, "objection", "sent", k, item, objection_page);
done:
	db_result_free(item);
	return rc;
}

/* Whether row's item of r is private: a note, or the content of a
 * community the public does not read (members only, staff only). */
static int item_private(web *w, const mod_kind *k, const db_result *r, unsigned row, bool *private)
{
	bool public_reads = false;
	*private = strcmp(k->name, "note") == 0;
	int rc = *private ? MDG_OK : community_reads(w, r, row, NULL, NULL, &public_reads);
	if (rc == MDG_OK && !*private)
		*private = !public_reads;
	return rc;
}

/* Queue.N.* for one kind's items in the viewer's scope, each with its
 * Reports and Objections; *n counts the entries so far. A private item's
 * title and text stay out of the list: its review (only_id), audited,
 * shows that one item's (Queue.N.review and its url lead there). only_id
 * 0 lists them all. */
static int fill_queue_kind(web *w, const mod_kind *k, const char *depts, long long only_id, int *n)
{
	db_result *q = NULL;
	char prefix[48], name[64];
	bool private = false;
	int rc = moderation_queue(w->app->db, k, depts, w->lang, &q);
	for (unsigned i = 0; rc == MDG_OK && i < q->nrows; i++) {
		db_result *reports = NULL, *objections = NULL;
		long long id = db_get_ll(q, i, "id", 0);
		if (only_id && id != only_id)
			continue;
		rc = item_private(w, k, q, i, &private);
		if (rc != MDG_OK)
			break;
		snprintf(prefix, sizeof prefix, "Queue.%d", (*n)++);
		db_row_hdf(q, i, w->hdf, prefix);
		if (private && !only_id) {
			snprintf(name, sizeof name, "%s.text", prefix);
			hdf_remove_tree(w->hdf, name);
			hdf_set_valuef(w->hdf, "%s.title=#%lld", prefix, id);
			hdf_set_valuef(w->hdf, "%s.url=/staff/moderation/%s/%lld", prefix, k->name, id);
			hdf_set_valuef(w->hdf, "%s.review=1", prefix);
		}
		rc = moderation_item_reports(w->app->db, k, id, &reports);
		if (rc == MDG_OK)
			rc = moderation_item_objections(w->app->db, k, id, &objections);
		if (rc == MDG_OK) {
			snprintf(name, sizeof name, "%s.Reports", prefix);
			db_rows_hdf(reports, w->hdf, name);
			snprintf(name, sizeof name, "%s.Objections", prefix);
			db_rows_hdf(objections, w->hdf, name);
		}
		db_result_free(reports);
		db_result_free(objections);
	}
	db_result_free(q);
	return rc;
}

static int queue_page(web *w)
{
	static const char *const kinds[] = {"case", "proposal", "post", "cpost", "chat", "note"};
	char *depts = perm_departments(&w->perm, PERM_MODERATION);
	int n = 0, rc = MDG_OK;
	for (size_t i = 0; rc == MDG_OK && i < MDG_ARRAY_LEN(kinds); i++) {
		const mod_kind *k = moderation_kind(kinds[i]);
		if (moderation_kind_ready(w->app->db, k))
			rc = fill_queue_kind(w, k, depts, 0, &n);
	}
	free(depts);
	if (rc == MDG_OK) {
		web_set(w, "Moderation.ReasonMax", "%d", DECISION_REASON_MAX);
		web_page(w, "staff/moderation.cs", "Moderation");
	}
	return rc;
}

int page_moderation_queue(web *w)
{
	static const web_done done[] = {
		{"hide", "ModHidden"},       {"restore", "ModRestored"}, {"delete", "ModDeleted"},
		{"dismiss", "ModDismissed"},
	};
	if (!perm_holds(&w->perm, PERM_MODERATION))
		return MDG_EDENIED;
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	return queue_page(w);
}

/* The route's /KIND/ID: the kind (NULL when unknown or not there) and
 * the id (0 when none). */
static const mod_kind *route_item(web *w, long long *id)
{
	const mod_kind *k = moderation_kind(w->r->params[0]);
	long n = 0;
	*id = text_parse_long(w->r->params[1], 1, FORM_ID_MAX, &n) == MDG_OK ? n : 0;
	return k && *id && moderation_kind_ready(w->app->db, k) ? k : NULL;
}

int page_moderation_review(web *w)
{
	long long id = 0;
	db_result *item = NULL;
	const mod_kind *k = route_item(w, &id);
	bool private = false;
	int n = 0;
	/* Only a private item in the queue (reported, or its author
	 * objecting), for moderators whose scope covers it (a note has no
	 * department: those of the whole institution). */
	int rc = k ? moderation_item(w->app->db, k, NULL, id, &item) : MDG_ENOTFOUND;
	if (rc == MDG_OK && !perm_covers_dept(&w->perm, PERM_MODERATION, db_get_ll(item, 0, "department_id", 0)))
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = item_private(w, k, item, 0, &private);
	db_result_free(item);
	if (rc == MDG_OK && !private)
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		return rc;
	char *depts = perm_departments(&w->perm, PERM_MODERATION);
	rc = fill_queue_kind(w, k, depts, id, &n);
	free(depts);
	if (rc == MDG_OK && n == 0)
		rc = MDG_ENOTFOUND;
	/* Every reading of a private item by a moderator is on the record:
	 * a note as "note", a community's content as its kind. */
	char object[24];
	snprintf(object, sizeof object, "%lld", id);
	if (rc == MDG_OK)
		rc = audit_write(w->app->db, &w->who, k->name, object, "moderation_review", NULL);
	if (rc != MDG_OK)
		return rc;
	web_set(w, "Moderation.ReasonMax", "%d", DECISION_REASON_MAX);
	hdf_set_value(w->hdf, "Moderation.Review", k->name);
	web_page(w, "staff/moderation.cs", "Moderation");
	return MDG_OK;
}

static const field_spec decision_fields[] = {
	{"action", FIELD_LINE, true, 20, 0, 0},
	{"ground", FIELD_LINE, false, 20, 0, 0},
	{"reason", FIELD_TEXT, false, DECISION_REASON_MAX, 0, 0},
};

/* The decision's checks beyond the table: a known action, a known
 * ground, and the reason the author will read where one is owed. */
static int check_decision(form *f)
{
	int what = moderation_decision_from_name(form_text(f, "action"));
	const char *ground = form_text(f, "ground");
	if (what < 0 || what == MOD_DO_UNPUBLISH)
		form_fail(f, "action", "invalid");
	if (*ground && !moderation_reason_valid(ground))
		form_fail(f, "ground", "report_reason");
	if ((what == MOD_DO_HIDE || what == MOD_DO_DELETE || what == MOD_DO_UNPUBLISH) &&
	    !*form_text(f, "reason"))
		form_fail(f, "reason", "decision_reason");
	return what;
}

int page_moderation_decide(web *w)
{
	long long id = 0;
	db_result *item = NULL;
	form f;
	if (!perm_holds(&w->perm, PERM_MODERATION))
		return MDG_ENOTFOUND;
	const mod_kind *k = route_item(w, &id);
	if (!k)
		return MDG_ENOTFOUND;
	int rc = moderation_item(w->app->db, k, NULL, id, &item);
	/* Per object: the item's department is in the viewer's scope
	 * (none: global moderators only). */
	if (rc == MDG_OK && !perm_covers_dept(&w->perm, PERM_MODERATION, db_get_ll(item, 0, "department_id", 0)))
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		goto done;
	form_validate(w, decision_fields, MDG_ARRAY_LEN(decision_fields), &f);
	int what = check_decision(&f);
	if (f.errors) {
		w->r->status = 400;
		web_set(w, "Decision.item", "%s-%lld", k->name, id);
		web_flash_error(w, "ModReasonNeeded");
		rc = queue_page(w);
		goto done;
	}
	const char *ground = form_text(&f, "ground");
	rc = moderation_decide(w->app->db, &w->who, k, id, (mod_decision)what, *ground ? ground : NULL,
			       form_text(&f, "reason"));
	if (rc == MDG_OK)
		web_redirect(w, "/staff/moderation?done=%s", moderation_decision_name((mod_decision)what));
done:
	db_result_free(item);
	return rc;
}

int page_case_unpublish(web *w)
{
	const mod_kind *k = moderation_kind("case");
	db_result *item = NULL;
	unsigned can = 0;
	form f;
	int rc = moderation_item(w->app->db, k, w->r->params[0], 0, &item);
	long long id = db_get_ll(item, 0, "id", 0);
	/* The case's handlers, and moderators whose scope covers it. */
	if (rc == MDG_OK)
		rc = perm_case(w->app->db, w->me.id, id, &can);
	if (rc == MDG_OK && !(can & CAN_HANDLE) &&
	    !perm_covers_dept(&w->perm, PERM_MODERATION, db_get_ll(item, 0, "department_id", 0)))
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		goto done;
	/* Publishing an unpublished ('hidden') text again: the same people,
	 * no reason needed (held and deleted texts are the queue's). */
	if (*form_get(w, "restore")) {
		if (strcmp(db_get(item, 0, "moderation", ""), "hidden") != 0) {
			rc = MDG_EINVAL;
			goto done;
		}
		rc = moderation_decide(w->app->db, &w->who, k, id, MOD_DO_RESTORE, NULL, NULL);
		if (rc == MDG_OK)
			web_redirect(w, "/staff/cases/%s?done=republished", db_get(item, 0, "item_key", ""));
		goto done;
	}
	form_validate(w, decision_fields + 1, 2, &f);
	const char *ground = form_text(&f, "ground");
	if (strcmp(ground, "personal_data") != 0 && strcmp(ground, "abuse") != 0)
		form_fail(&f, "ground", "report_reason");
	if (!*form_text(&f, "reason"))
		form_fail(&f, "reason", "decision_reason");
	if (f.errors) {
		/* The form's fields are required in the browser too: only a
		 * hand-made request gets here. */
		rc = MDG_EINVAL;
		goto done;
	}
	rc = moderation_decide(w->app->db, &w->who, k, id, MOD_DO_UNPUBLISH, ground, form_text(&f, "reason"));
	if (rc == MDG_OK)
		web_redirect(w, "/staff/cases/%s?done=unpublished", db_get(item, 0, "item_key", ""));
done:
	db_result_free(item);
	return rc;
}

static int words_page(web *w)
{
	db_result *r = NULL;
	int rc = moderation_words(w->app->db, &r);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(r, w->hdf, "Words");
	db_result_free(r);
	hdf_set_value(w->hdf, "Admin.Section", "moderation_words");
	web_page(w, "admin/moderation_words.cs", "ModerationWords");
	return MDG_OK;
}

int page_admin_moderation_words(web *w)
{
	static const web_done done[] = {{"added", "WordAdded"}, {"deleted", "WordDeleted"}};
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	hdf_set_value(w->hdf, "Form.action", "mask");
	return words_page(w);
}

int page_admin_moderation_words_change(web *w)
{
	static const field_spec fields[] = {
		{"word", FIELD_LINE, false, 30, 0, 0},
		{"action", FIELD_LINE, false, 20, 0, 0},
		{"delete", FIELD_ID, false, 0, 0, 0},
	};
	form f;
	int rc;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) == 0 && form_num(&f, "delete")) {
		rc = moderation_word_delete(w->app->db, &w->who, form_num(&f, "delete"));
		if (rc == MDG_OK)
			web_redirect(w, "/admin/moderation/words?done=deleted");
		return rc;
	}
	if (f.errors == 0 && !*form_text(&f, "word"))
		form_fail(&f, "word", "required");
	if (f.errors == 0) {
		rc = moderation_word_add(w->app->db, &w->who, form_text(&f, "word"), form_text(&f, "action"));
		if (rc == MDG_EINVAL)
			form_fail(&f, "word", "word_invalid");
		else if (rc == MDG_ECONFLICT)
			form_fail(&f, "word", "word_listed");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		return words_page(w);
	}
	web_redirect(w, "/admin/moderation/words?done=added");
	return MDG_OK;
}

int web_moderate(web *w, const char *kind, long long author_id, const char **title, const char **body,
		 web_moderation *m)
{
	memset(m, 0, sizeof *m);
	m->kind = kind;
	m->author_id = author_id;
	int rc = moderation_throttle(w->app->db, kind, author_id, w->who.client_addr ? w->who.client_addr : "");
	if (rc == MDG_OK && title)
		rc = moderation_check_text(w->app->db, *title, &m->title);
	if (rc == MDG_OK)
		rc = moderation_check_text(w->app->db, *body, &m->body);
	if (rc != MDG_OK)
		return rc;
	if (title)
		*title = m->title.text;
	*body = m->body.text;
	m->held = m->title.verdict == MOD_HELD || m->body.verdict == MOD_HELD;
	return MDG_OK;
}

int web_moderation_hold(db *d, const web_moderation *m, long long item_id)
{
	if (!m->held)
		return MDG_OK;
	return moderation_held_in_tx(d, moderation_kind(m->kind), item_id, m->author_id,
				     m->title.verdict == MOD_HELD ? m->title.word : m->body.word);
}

/* case_new.in_tx of a public complaint the word filter holds. */
static int hold_filed_case(db *d, long long case_id, const char *tracking, void *arg)
{
	MDG_UNUSED(tracking);
	return web_moderation_hold(d, arg, case_id);
}

int web_moderate_public(web *w, form *f, case_new *c, web_moderation *m)
{
	int rc = web_moderate(w, "case", c->account_id, &c->title, &c->body, m);
	if (rc == MDG_ETHROTTLED) {
		form_fail(f, "public", "throttled");
		return MDG_OK;
	}
	if (rc == MDG_OK && m->held) {
		c->in_tx = hold_filed_case;
		c->in_tx_arg = m;
	}
	return rc;
}

void web_moderation_free(web_moderation *m)
{
	mod_result_free(&m->title);
	mod_result_free(&m->body);
}
