/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_absence.c: absences and substitutes (부재시 대체 담당자): one's own
 * and, for managers, those of their departments' staff; adding one
 * (optionally handing over open cases at once), deleting a future one,
 * ending a current one early; the month calendar of the absences in
 * one's scope with each staff member's schedule. */
#include "web.h"
#include "cases/absence.h"
#include "core/bizdays.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

/* Substitutes grouped by department: SubGroups.N.name and
 * SubGroups.N.People.M.{id,name}. */
static void fill_substitutes(web *w, const db_result *r)
{
	long long last = -1;
	int group = -1, person = 0;
	char name[96];
	for (unsigned i = 0; i < r->nrows; i++) {
		long long dept = db_get_ll(r, i, "department_id", 0);
		if (dept != last) {
			last = dept;
			group++;
			person = 0;
			snprintf(name, sizeof name, "SubGroups.%d.name", group);
			hdf_set_value(w->hdf, name, db_get(r, i, "department", ""));
		}
		snprintf(name, sizeof name, "SubGroups.%d.People.%d", group, person);
		db_row_hdf(r, i, w->hdf, name);
		person++;
	}
}

/* Whose absence the form is for: asked (the form sent back, or ?for=
 * from the choice above it; 0: none) when the viewer may edit their
 * absences (they are in people), else the viewer. Sets Form.account and
 * Form.account_name. */
static long long absent_person(web *w, const db_result *people, long long asked)
{
	for (unsigned i = 0; asked && i < people->nrows; i++)
		if (db_get_ll(people, i, "id", 0) == asked) {
			hdf_set_value(w->hdf, "Form.account", db_get(people, i, "id", ""));
			hdf_set_value(w->hdf, "Form.account_name", db_get(people, i, "name", ""));
			return asked;
		}
	web_set(w, "Form.account", "%lld", w->me.id);
	hdf_set_value(w->hdf, "Form.account_name", w->me.name);
	return w->me.id;
}

/* The list of absences with the form to add one, for the person asked
 * for (0: the viewer); sent is the form sent back with its errors, NULL
 * for a fresh form. */
static int show_absences(web *w, long long asked, const form *sent)
{
	db_result *list = NULL, *people = NULL, *subs = NULL;
	int rc = absence_list(w->app->db, w->me.id, &list);
	if (rc == MDG_OK)
		rc = absence_people(w->app->db, w->me.id, &people);
	if (rc == MDG_OK)
		rc = absence_substitutes(w->app->db, w->me.id, absent_person(w, people, asked), w->lang, &subs);
	if (rc == MDG_OK) {
		db_rows_hdf(list, w->hdf, "Absences");
		db_rows_hdf(people, w->hdf, "People");
		fill_substitutes(w, subs);
		web_set(w, "Me", "%lld", w->me.id);
		if (!sent)
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
	const char *asked = kv_get(&w->r->query, "for");
	long moved = 0, id = 0;
	if (added && text_parse_long(added, 0, 100000, &moved) == MDG_OK) {
		web_flash(w, "AbsenceAdded");
		web_set(w, "Absence.Moved", "%ld", moved);
	}
	if (kv_get(&w->r->query, "deleted"))
		web_flash(w, "AbsenceDeleted");
	if (kv_get(&w->r->query, "ended"))
		web_flash(w, "AbsenceEnded");
	if (asked && text_parse_long(asked, 1, (long)FORM_ID_MAX, &id) != MDG_OK)
		id = 0;
	return show_absences(w, id, NULL);
}

/* Where each problem of absence_add is shown: field and L.Err key. */
static void show_add_problem(form *f, const char *problem)
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
			form_fail(f, map[i].field, map[i].key);
			return;
		}
	form_fail(f, "first", "invalid");
}

int page_absence_add(web *w)
{
	static const field_spec fields[] = {
		{"account", FIELD_ID, true, 0, 0, 0},
		{"kind", FIELD_LINE, true, 16, 0, 0},
		{"first", FIELD_DATE, true, 0, 0, 0},
		{"last", FIELD_DATE, true, 0, 0, 0},
		{"substitute", FIELD_ID, true, 0, 0, 0},
		{"handover", FIELD_CHECKBOX, false, 0, 0, 0},
	};
	const char *problem = NULL;
	long long id = 0;
	int moved = 0;
	form f;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	if (!form_err(&f, "kind") && !absence_kind_valid(form_text(&f, "kind")))
		form_fail(&f, "kind", "invalid");
	if (f.errors == 0) {
		absence_new a = {
			.account_id = form_num(&f, "account"),
			.kind = form_text(&f, "kind"),
			.first_day = form_text(&f, "first"),
			.last_day = form_text(&f, "last"),
			.substitute_id = form_num(&f, "substitute"),
			.hand_over_now = form_on(&f, "handover"),
		};
		int rc = absence_add(w->app->db, &w->who, &a, &id, &moved, &problem);
		if (rc == MDG_EINVAL && problem)
			show_add_problem(&f, problem);
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		return show_absences(w, form_num(&f, "account"), &f);
	}
	log_info("absence %lld added for %lld, %d cases handed over", id, form_num(&f, "account"), moved);
	char target[64];
	snprintf(target, sizeof target, "/staff/absences?added=%d", moved);
	http_redirect(w->r, target);
	return MDG_OK;
}

/* The absence id of the route's path; 0 when it is not one. */
static long long absence_id(const web *w)
{
	long id;
	return text_parse_long(w->r->params[0], 1, (long)FORM_ID_MAX, &id) == MDG_OK ? id : 0;
}

int page_absence_delete(web *w)
{
	const char *problem = NULL;
	long long id = absence_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	int rc = absence_delete(w->app->db, &w->who, id, &problem);
	if (rc == MDG_EINVAL && problem) {
		w->r->status = 400;
		web_flash(w, "AbsenceStarted");
		return show_absences(w, 0, NULL);
	}
	if (rc != MDG_OK)
		return rc;
	http_redirect(w->r, "/staff/absences?deleted=1");
	return MDG_OK;
}

int page_absence_end(web *w)
{
	const char *problem = NULL;
	long long id = absence_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	int rc = absence_end(w->app->db, &w->who, id, &problem);
	if (rc == MDG_EINVAL && problem) {
		w->r->status = 400;
		web_flash_error(w, strcmp(problem, "not_started") == 0 ? "AbsenceNotStarted" : "AbsenceOver");
		return show_absences(w, 0, NULL);
	}
	if (rc != MDG_OK)
		return rc;
	log_info("absence %lld ended early by %lld", id, w->me.id);
	http_redirect(w->r, "/staff/absences?ended=1");
	return MDG_OK;
}

/* ------------------------------------------------------------ calendar */

/* The month asked for (?month=YYYY-MM), else today's: *first is its
 * first day. MDG_EINVAL for a malformed month. */
static int calendar_month(web *w, const bizdate *today, bizdate *first)
{
	const char *asked = kv_get(&w->r->query, "month");
	char day[16];
	*first = (bizdate){today->year, today->month, 1};
	if (!asked || !*asked)
		return MDG_OK;
	if (strlen(asked) != 7)
		return MDG_EINVAL;
	snprintf(day, sizeof day, "%s-01", asked);
	if (biz_parse(day, first) != MDG_OK || first->year < 2000 || first->year > 2100)
		return MDG_EINVAL;
	return MDG_OK;
}

/* Month.{Year, Month} for the caption, Month.{Prev,Next}{,Year,Month}
 * for the links, and Month.This when another month is shown. */
static void fill_month(web *w, bizdate first, const bizdate *today)
{
	bizdate prev = biz_add_calendar(first, -1);
	bizdate next = biz_add_calendar(first, 31);
	web_set(w, "Month.Year", "%d", first.year);
	web_set(w, "Month.Month", "%d", first.month);
	web_set(w, "Month.Prev", "%04d-%02d", prev.year, prev.month);
	web_set(w, "Month.PrevYear", "%d", prev.year);
	web_set(w, "Month.PrevMonth", "%d", prev.month);
	web_set(w, "Month.Next", "%04d-%02d", next.year, next.month);
	web_set(w, "Month.NextYear", "%d", next.year);
	web_set(w, "Month.NextMonth", "%d", next.month);
	if (first.year != today->year || first.month != today->month)
		web_set(w, "Month.This", "%04d-%02d", today->year, today->month);
}

/* Days.N.{date, day, weekday, today, holiday} and
 * Days.N.Away.M.{name, kind, substitute, ...}: one row per day of the
 * month with the absences (rows of absence_month) that cover it. */
static void fill_days(web *w, bizdate first, const bizdate *today, const db_result *away, const db_result *holidays)
{
	char name[96], date[16];
	int n = 0;
	for (bizdate d = first; d.month == first.month; d = biz_add_calendar(d, 1), n++) {
		snprintf(date, sizeof date, "%04d-%02d-%02d", d.year, d.month, d.day);
		snprintf(name, sizeof name, "Days.%d.date", n);
		hdf_set_value(w->hdf, name, date);
		snprintf(name, sizeof name, "Days.%d.day", n);
		web_set(w, name, "%d", d.day);
		snprintf(name, sizeof name, "Days.%d.weekday", n);
		web_set(w, name, "%d", biz_weekday(d));
		/* Weekends and holidays: nobody is expected at work. */
		bool holiday = false;
		for (unsigned h = 0; h < holidays->nrows; h++)
			holiday |= strcmp(db_get(holidays, h, "day", ""), date) == 0;
		if (holiday || biz_weekday(d) == 0 || biz_weekday(d) == 6) {
			snprintf(name, sizeof name, "Days.%d.dayoff", n);
			hdf_set_value(w->hdf, name, "1");
		}
		if (biz_number(d) == biz_number(*today)) {
			snprintf(name, sizeof name, "Days.%d.today", n);
			hdf_set_value(w->hdf, name, "1");
		}
		for (unsigned h = 0; h < holidays->nrows; h++)
			if (strcmp(db_get(holidays, h, "day", ""), date) == 0) {
				snprintf(name, sizeof name, "Days.%d.holiday", n);
				hdf_set_value(w->hdf, name, db_get(holidays, h, "name", ""));
			}
		/* "YYYY-MM-DD" strings compare as the dates they are. */
		int m = 0;
		for (unsigned i = 0; i < away->nrows; i++) {
			if (strcmp(db_get(away, i, "first", ""), date) > 0 ||
			    strcmp(db_get(away, i, "last", ""), date) < 0)
				continue;
			snprintf(name, sizeof name, "Days.%d.Away.%d", n, m++);
			db_row_hdf(away, i, w->hdf, name);
		}
	}
}

/* Staff.N.{name, departments} and Staff.N.Periods.M.{first, last, kind,
 * substitute, ...}: each staff member's absences in the month. */
static void fill_schedules(web *w, const db_result *staff, const db_result *away)
{
	char name[96];
	for (unsigned n = 0; n < staff->nrows; n++) {
		snprintf(name, sizeof name, "Staff.%u", n);
		db_row_hdf(staff, n, w->hdf, name);
		int m = 0;
		for (unsigned i = 0; i < away->nrows; i++) {
			if (db_get_ll(away, i, "account_id", 0) != db_get_ll(staff, n, "id", -1))
				continue;
			snprintf(name, sizeof name, "Staff.%u.Periods.%d", n, m++);
			db_row_hdf(away, i, w->hdf, name);
		}
	}
}

int page_absence_calendar(web *w)
{
	db_result *away = NULL, *staff = NULL, *holidays = NULL;
	char now[20], first_day[16];
	bizdate today, first;
	int rc = db_now(w->app->db, now);
	if (rc != MDG_OK)
		return rc;
	now[10] = '\0';
	if (biz_parse(now, &today) != MDG_OK)
		return MDG_ERR;
	if (calendar_month(w, &today, &first) != MDG_OK) {
		/* A malformed month shows this month, saying so. */
		w->r->status = 400;
		web_flash_error(w, "AbsenceBadMonth");
		first = (bizdate){today.year, today.month, 1};
	}
	snprintf(first_day, sizeof first_day, "%04d-%02d-01", first.year, first.month);
	rc = absence_month(w->app->db, w->me.id, first_day, &away);
	if (rc == MDG_OK)
		rc = absence_month_staff(w->app->db, w->me.id, w->lang, &staff);
	if (rc == MDG_OK)
		rc = absence_month_holidays(w->app->db, first_day, &holidays);
	if (rc == MDG_OK) {
		fill_month(w, first, &today);
		fill_days(w, first, &today, away, holidays);
		fill_schedules(w, staff, away);
		web_page(w, "staff/absence_calendar.cs", "AbsenceCalendar");
	}
	db_result_free(away);
	db_result_free(staff);
	db_result_free(holidays);
	return rc;
}
