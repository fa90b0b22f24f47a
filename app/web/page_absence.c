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

/* Whose absence the form is for: the person asked for (the form sent
 * back, or ?for= from the choice above it) when the viewer may edit
 * their absences (they are in people), else the viewer. Sets
 * Form.account and Form.account_name. */
static long long absent_person(web *w, const db_result *people)
{
	const char *asked = hdf_get_value(w->hdf, "Form.account", NULL);
	long id = 0;
	if (!asked)
		asked = kv_get(&w->r->query, "for");
	if (asked && text_parse_long(asked, 1, ID_MAX, &id) == MDG_OK)
		for (unsigned i = 0; i < people->nrows; i++)
			if (db_cell_ll(people, i, 0, 0) == id) {
				hdf_set_value(w->hdf, "Form.account", db_cell(people, i, 0, ""));
				hdf_set_value(w->hdf, "Form.account_name", db_cell(people, i, 1, ""));
				return id;
			}
	web_set(w, "Form.account", "%lld", w->me.id);
	hdf_set_value(w->hdf, "Form.account_name", w->me.name);
	return w->me.id;
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
		rc = absence_substitutes(w->app->db, w->me.id, absent_person(w, people), w->lang, &subs);
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
	if (kv_get(&w->r->query, "ended"))
		web_flash(w, "AbsenceEnded");
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
	int errors = form_check(w, fields, MDG_ARRAY_LEN(fields));
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

int page_absence_end(web *w)
{
	const char *problem = NULL;
	long id;
	if (text_parse_long(w->r->params[0], 1, ID_MAX, &id) != MDG_OK)
		return MDG_ENOTFOUND;
	int rc = absence_end(w->app->db, &w->who, id, &problem);
	if (rc == MDG_EINVAL && problem) {
		w->r->status = 400;
		web_flash_error(w, strcmp(problem, "not_started") == 0 ? "AbsenceNotStarted" : "AbsenceOver");
		return show_absences(w);
	}
	if (rc != MDG_OK)
		return rc;
	log_info("absence %ld ended early by %lld", id, w->me.id);
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

/* The columns of absence_month, in its order. */
enum { AWAY_ACCOUNT, AWAY_NAME, AWAY_KIND, AWAY_FIRST, AWAY_LAST, AWAY_SUBSTITUTE };
/* The columns of absence_month_staff and absence_month_holidays. */
enum { STAFF_ID, STAFF_NAME, STAFF_DEPARTMENTS };
enum { HOLIDAY_DAY, HOLIDAY_NAME };

/* Sets prefix.{name, kind, substitute} (and first, last) from row i of
 * absence_month. */
static void set_away(web *w, const char *prefix, const db_result *away, unsigned i)
{
	static const struct {
		int col;
		const char *key;
	} map[] = {{AWAY_NAME, "name"}, {AWAY_KIND, "kind"}, {AWAY_FIRST, "first"},
		   {AWAY_LAST, "last"}, {AWAY_SUBSTITUTE, "substitute"}};
	char name[128];
	for (size_t k = 0; k < MDG_ARRAY_LEN(map); k++) {
		snprintf(name, sizeof name, "%s.%s", prefix, map[k].key);
		hdf_set_value(w->hdf, name, db_cell(away, i, map[k].col, ""));
	}
}

/* Days.N.{date, day, weekday, today, holiday} and
 * Days.N.Away.M.{name, kind, substitute}: one row per day of the month
 * with the absences (rows of absence_month) that cover it. */
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
			holiday |= strcmp(db_cell(holidays, h, HOLIDAY_DAY, ""), date) == 0;
		if (holiday || biz_weekday(d) == 0 || biz_weekday(d) == 6) {
			snprintf(name, sizeof name, "Days.%d.dayoff", n);
			hdf_set_value(w->hdf, name, "1");
		}
		if (biz_number(d) == biz_number(*today)) {
			snprintf(name, sizeof name, "Days.%d.today", n);
			hdf_set_value(w->hdf, name, "1");
		}
		for (unsigned h = 0; h < holidays->nrows; h++)
			if (strcmp(db_cell(holidays, h, HOLIDAY_DAY, ""), date) == 0) {
				snprintf(name, sizeof name, "Days.%d.holiday", n);
				hdf_set_value(w->hdf, name, db_cell(holidays, h, HOLIDAY_NAME, ""));
			}
		/* "YYYY-MM-DD" strings compare as the dates they are. */
		int m = 0;
		for (unsigned i = 0; i < away->nrows; i++) {
			if (strcmp(db_cell(away, i, AWAY_FIRST, ""), date) > 0 ||
			    strcmp(db_cell(away, i, AWAY_LAST, ""), date) < 0)
				continue;
			snprintf(name, sizeof name, "Days.%d.Away.%d", n, m++);
			set_away(w, name, away, i);
		}
	}
}

/* Staff.N.{name, departments} and Staff.N.Periods.M.{first, last, kind,
 * substitute}: each staff member's absences in the month. */
static void fill_schedules(web *w, const db_result *staff, const db_result *away)
{
	char name[96];
	for (unsigned n = 0; n < staff->nrows; n++) {
		snprintf(name, sizeof name, "Staff.%u.name", n);
		hdf_set_value(w->hdf, name, db_cell(staff, n, STAFF_NAME, ""));
		snprintf(name, sizeof name, "Staff.%u.departments", n);
		hdf_set_value(w->hdf, name, db_cell(staff, n, STAFF_DEPARTMENTS, ""));
		int m = 0;
		for (unsigned i = 0; i < away->nrows; i++) {
			if (db_cell_ll(away, i, AWAY_ACCOUNT, 0) != db_cell_ll(staff, n, STAFF_ID, -1))
				continue;
			snprintf(name, sizeof name, "Staff.%u.Periods.%d", n, m++);
			set_away(w, name, away, i);
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
