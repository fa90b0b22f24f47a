/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_absence.c: absences and substitutes (부재시 대체 담당자): one's own
 * and, for managers, those of their departments' staff; adding one
 * (optionally handing over open cases at once) and deleting a future
 * one. */
#include "web.h"
#include "cases/absence.h"
#include "core/bizdays.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

#define ID_MAX 1000000000000L

/* Substitutes grouped by department: SubGroups.N.name and
 * SubGroups.N.People.M.{id,name}. */
static void fill_substitutes(web *w, const db_result *r)
{
	long long last = -1;
	int group = -1, person = 0;
	char name[96];
	for (unsigned i = 0; i < r->nrows; i++) {
		long long dept = db_cell_ll(r, i, 2, 0);
		if (dept != last) {
			last = dept;
			group++;
			person = 0;
			snprintf(name, sizeof name, "SubGroups.%d.name", group);
			hdf_set_value(w->hdf, name, db_cell(r, i, 3, ""));
		}
		snprintf(name, sizeof name, "SubGroups.%d.People.%d.id", group, person);
		hdf_set_value(w->hdf, name, db_cell(r, i, 0, ""));
		snprintf(name, sizeof name, "SubGroups.%d.People.%d.name", group, person);
		hdf_set_value(w->hdf, name, db_cell(r, i, 1, ""));
		person++;
	}
}

static int show_absences(web *w)
{
	static const char *const cols[] = {"id", "account", "name", "kind", "first", "last",
					   "substitute", "handed_over", "state", NULL};
	static const char *const people_cols[] = {"id", "name", NULL};
	db_result *list = NULL, *people = NULL, *subs = NULL;
	int rc = absence_list(w->app->db, w->me.id, &list);
	if (rc == MDG_OK)
		rc = absence_people(w->app->db, w->me.id, &people);
	if (rc == MDG_OK)
		rc = absence_substitutes(w->app->db, w->me.id, w->lang, &subs);
	if (rc == MDG_OK) {
		web_rows(w, "Absences", list, cols);
		web_rows(w, "People", people, people_cols);
		fill_substitutes(w, subs);
		web_set(w, "Me", "%lld", w->me.id);
		if (!hdf_get_value(w->hdf, "Form.kind", NULL))
			hdf_set_value(w->hdf, "Form.kind", "leave");
		web_page(w, "staff/absences.cs", "Absences");
	}
	db_result_free(list);
	db_result_free(people);
	db_result_free(subs);
	return rc;
}

int page_absences(web *w)
{
	const char *added = kv_get(&w->r->query, "added");
	long moved = 0;
	if (added && text_parse_long(added, 0, 100000, &moved) == MDG_OK) {
		web_flash(w, "AbsenceAdded");
		web_set(w, "Absence.Moved", "%ld", moved);
	}
	if (kv_get(&w->r->query, "deleted"))
		web_flash(w, "AbsenceDeleted");
	return show_absences(w);
}

/* Where each problem of absence_add is shown: field and L.Err key. */
static void show_add_problem(web *w, const char *problem)
{
	static const struct {
		const char *problem, *field, *key;
	} map[] = {
		{"bad_dates", "last", "absence_bad_dates"},
		{"past", "last", "absence_past"},
		{"same_person", "substitute", "absence_same_person"},
		{"bad_substitute", "substitute", "absence_bad_substitute"},
		{"overlap", "first", "absence_overlap"},
	};
	for (size_t i = 0; i < MDG_ARRAY_LEN(map); i++)
		if (strcmp(problem, map[i].problem) == 0) {
			form_error(w, map[i].field, map[i].key);
			return;
		}
	form_error(w, "first", "invalid");
}

int page_absence_add(web *w)
{
	static const field_spec fields[] = {
		{"account", FIELD_INT, true, 0, 1, ID_MAX},
		{"kind", FIELD_LINE, true, 16, 0, 0},
		{"first", FIELD_LINE, true, 10, 0, 0},
		{"last", FIELD_LINE, true, 10, 0, 0},
		{"substitute", FIELD_INT, true, 0, 1, ID_MAX},
		{"handover", FIELD_CHECKBOX, false, 0, 0, 0},
	};
	const char *problem = NULL;
	long who = 0, substitute = 0;
	long long id = 0;
	int moved = 0;
	bizdate day;
	int errors = form_validate(w, fields, MDG_ARRAY_LEN(fields));
	if (!hdf_get_value(w->hdf, "Form.Err.kind", NULL) && !absence_kind_valid(form_get(w, "kind"))) {
		form_error(w, "kind", "invalid");
		errors++;
	}
	static const char *const dates[] = {"first", "last"};
	for (size_t i = 0; i < MDG_ARRAY_LEN(dates); i++) {
		char name[32];
		snprintf(name, sizeof name, "Form.Err.%s", dates[i]);
		if (!hdf_get_value(w->hdf, name, NULL) && biz_parse(form_get(w, dates[i]), &day) != MDG_OK) {
			form_error(w, dates[i], "staff_date");
			errors++;
		}
	}
	if (errors == 0) {
		text_parse_long(form_get(w, "account"), 1, ID_MAX, &who);
		text_parse_long(form_get(w, "substitute"), 1, ID_MAX, &substitute);
		absence_new a = {
			.account_id = who,
			.kind = form_get(w, "kind"),
			.first_day = form_get(w, "first"),
			.last_day = form_get(w, "last"),
			.substitute_id = substitute,
			.hand_over_now = strcmp(form_get(w, "handover"), "1") == 0,
		};
		int rc = absence_add(w->app->db, &w->who, &a, &id, &moved, &problem);
		if (rc == MDG_EINVAL && problem) {
			show_add_problem(w, problem);
			errors++;
		} else if (rc != MDG_OK) {
			return rc;
		}
	}
	if (errors) {
		w->r->status = 400;
		return show_absences(w);
	}
	log_info("absence %lld added for %ld, %d cases handed over", id, who, moved);
	char target[64];
	snprintf(target, sizeof target, "/staff/absences?added=%d", moved);
	http_redirect(w->r, target);
	return MDG_OK;
}

int page_absence_delete(web *w)
{
	const char *problem = NULL;
	long id;
	if (text_parse_long(w->r->params[0], 1, ID_MAX, &id) != MDG_OK)
		return MDG_ENOTFOUND;
	int rc = absence_delete(w->app->db, &w->who, id, &problem);
	if (rc == MDG_EINVAL && problem) {
		w->r->status = 400;
		web_flash(w, "AbsenceStarted");
		return show_absences(w);
	}
	if (rc != MDG_OK)
		return rc;
	http_redirect(w->r, "/staff/absences?deleted=1");
	return MDG_OK;
}
