/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_calendar.c: a community's calendar (/c/{slug}/calendar): the month
 * as a table with every occurrence of the series in it, the same month as
 * a list, an event's page with the answers (going / maybe / no) to one
 * of its occurrences (?on=YYYY-MM-DD), the
 * event form (add, edit), cancelling, the iCalendar feed of the community
 * and of one event, the member's secret feed address of a members-only
 * community, and the managers' choice to let members add events.
 *
 * Every handler asks community_access_get first: a community the reader
 * may not read is not there (404), by URL too. */
#include "web.h"
#include "calendar/event.h"
#include "communities/community.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "debates/debate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The route's {slug}: the first captured segment. */
static const char *param_slug(const web *w)
{
	return w->r->params[0] ? w->r->params[0] : "";
}

/* The community of the path, when the reader may read it (else
 * MDG_ENOTFOUND); Community.* for the templates. */
static int community_of_path(web *w, community_access *acc)
{
	int rc = web_community_readable(w, acc);
	if (rc != MDG_OK)
		return rc;
	hdf_set_value(w->hdf, "Page.CalendarCss", "1");
	web_set(w, "Community.slug", "%s", acc->slug);
	web_set(w, "Community.id", "%lld", acc->id);
	if (acc->may_post)
		web_set(w, "Community.may_post", "1");
	if (acc->may_manage)
		web_set(w, "Community.may_manage", "1");
	if (acc->visibility == VISIBILITY_PUBLIC)
		web_set(w, "Community.public", "1");
	return MDG_OK;
}

/* Whether the reader may add events to acc's community. */
static int may_add(web *w, const community_access *acc, bool *out)
{
	bool members = false;
	*out = false;
	if (!acc->may_post)
		return MDG_OK;
	int rc = event_members_may_add(w->app->db, acc->id, &members);
	*out = acc->may_manage || members;
	if (members)
		web_set(w, "Community.events_by_members", "1");
	return rc;
}

/* --------------------------------------------------------------- month */

/* The month asked for (?month=YYYY-MM), else this month in Seoul. */
static bool month_asked(web *w, int *y, int *m)
{
	static const field_spec fields[] = {
		{"month", FIELD_LINE, false, 7, 0, 0},
		{"view", FIELD_LINE, false, 8, 0, 0},
	};
	form f;
	char now[20];
	form_from_query(w, fields, MDG_ARRAY_LEN(fields));
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	if (strcmp(form_text(&f, "view"), "list") == 0)
		web_set(w, "Calendar.list", "1");
	const char *asked = form_text(&f, "month");
	if (asked[0]) {
		char first[11];
		snprintf(first, sizeof first, "%.7s-01", asked);
		if (strlen(asked) != 7 || event_day_parse(first) < 0)
			return false;
		*y = atoi(asked);
		*m = atoi(asked + 5);
		return true;
	}
	if (db_now(w->app->db, now) != MDG_OK)
		return false;
	*y = atoi(now);
	*m = atoi(now + 5);
	return true;
}

/* One occurrence for the month's table and list. */
typedef struct occurrence {
	long day;
	unsigned row; /* of the events result */
} occurrence;

static int occurrence_order(const void *a, const void *b)
{
	const occurrence *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Every occurrence in [first, last] of the events in r, in order, into
 * occ (EVENT_MONTH_MAX); the number. */
static size_t expand(const db_result *r, long first, long last, occurrence *occ)
{
	size_t n = 0;
	long days[EVENT_MONTH_MAX];
	for (unsigned i = 0; i < r->nrows && n < EVENT_MONTH_MAX; i++) {
		event_rule rule = {RECUR_NONE, event_day_parse(db_get(r, i, "recur_until", NULL)),
				   (int)db_get_ll(r, i, "recur_count", 0)};
		event_recurrence_parse(db_get(r, i, "recurrence", "none"), &rule.freq);
		int k = event_occurrences(event_day_parse(db_get(r, i, "start_day", "")), &rule, first, last, days,
					  (int)(EVENT_MONTH_MAX - n));
		for (int j = 0; j < k; j++)
			occ[n++] = (occurrence){days[j], i};
	}
	qsort(occ, n, sizeof *occ, occurrence_order);
	return n;
}

/* prefix.{id, title, place, time, end, date, cancelled, recurring} of
 * occurrence o. */
static void occurrence_hdf(web *w, const db_result *r, const occurrence *o, const char *prefix)
{
	int y, m, d;
	event_day_civil(o->day, &y, &m, &d);
	hdf_set_valuef(w->hdf, "%s.id=%s", prefix, db_get(r, o->row, "id", ""));
	hdf_set_valuef(w->hdf, "%s.title=%s", prefix, db_get(r, o->row, "title", ""));
	hdf_set_valuef(w->hdf, "%s.place=%s", prefix, db_get(r, o->row, "place", ""));
	hdf_set_valuef(w->hdf, "%s.time=%s", prefix, db_get(r, o->row, "start_time", ""));
	hdf_set_valuef(w->hdf, "%s.end=%s", prefix, db_get(r, o->row, "end_time", ""));
	hdf_set_valuef(w->hdf, "%s.date=%04d-%02d-%02d", prefix, y, m, d);
	hdf_set_valuef(w->hdf, "%s.weekday=%ld", prefix, ((o->day % 7) + 11) % 7);
	hdf_set_valuef(w->hdf, "%s.recurrence=%s", prefix, db_get(r, o->row, "recurrence", "none"));
	if (strcmp(db_get(r, o->row, "state", ""), "cancelled") == 0)
		hdf_set_valuef(w->hdf, "%s.cancelled=1", prefix);
}

/* Calendar.Weeks.N.Days.K.{day, date, out (of the month), today,
 * Events.J.*} from Sunday to Saturday, and Calendar.List.N.*. */
static void fill_month(web *w, const db_result *r, int y, int m, long today)
{
	occurrence occ[EVENT_MONTH_MAX];
	long first = event_day_number(y, m, 1);
	long last = event_day_number(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	/* 1970-01-01 was a Thursday: Sunday is 0. */
	long grid = first - ((first % 7) + 11) % 7;
	size_t n = expand(r, first, last, occ), o = 0;
	char name[96];
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof name, "Calendar.List.%zu", i);
		occurrence_hdf(w, r, &occ[i], name);
	}
	for (int week = 0; grid + week * 7 <= last; week++) {
		for (int k = 0; k < 7; k++) {
			long day = grid + week * 7 + k;
			int yy, mm, dd;
			event_day_civil(day, &yy, &mm, &dd);
			hdf_set_valuef(w->hdf, "Calendar.Weeks.%d.Days.%d.day=%d", week, k, dd);
			hdf_set_valuef(w->hdf, "Calendar.Weeks.%d.Days.%d.date=%04d-%02d-%02d", week, k, yy, mm, dd);
			if (day < first || day > last)
				hdf_set_valuef(w->hdf, "Calendar.Weeks.%d.Days.%d.out=1", week, k);
			if (day == today)
				hdf_set_valuef(w->hdf, "Calendar.Weeks.%d.Days.%d.today=1", week, k);
			for (int j = 0; o < n && occ[o].day == day; o++, j++) {
				snprintf(name, sizeof name, "Calendar.Weeks.%d.Days.%d.Events.%d", week, k, j);
				occurrence_hdf(w, r, &occ[o], name);
			}
		}
	}
	web_set(w, "Calendar.month", "%04d-%02d", y, m);
	web_set(w, "Calendar.year", "%d", y);
	web_set(w, "Calendar.mon", "%d", m);
	web_set(w, "Calendar.prev", "%04d-%02d", m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1);
	web_set(w, "Calendar.next", "%04d-%02d", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
	web_set(w, "Calendar.count", "%zu", n);
}

/* Feed.*: the feed's address for the reader: the public one, or whether
 * a member of a members-only community has a secret one. */
static int fill_feed(web *w, const community_access *acc)
{
	bool has = false;
	if (acc->visibility == VISIBILITY_PUBLIC)
		return MDG_OK;
	if (!acc->member)
		return MDG_OK;
	int rc = event_feed_token_exists(w->app->db, acc->id, w->me.id, &has);
	if (has)
		web_set(w, "Feed.has", "1");
	return rc;
}

static int show_calendar(web *w, community_access *acc)
{
	db_result *r = NULL;
	char from[11], to[11], now[20];
	int y, m;
	bool add = false;
	if (!month_asked(w, &y, &m))
		return MDG_ENOTFOUND;
	int rc = db_now(w->app->db, now);
	if (rc == MDG_OK)
		rc = may_add(w, acc, &add);
	if (rc != MDG_OK)
		return rc;
	if (add)
		web_set(w, "Community.may_add", "1");
	event_day_text(event_day_number(y, m, 1), from);
	event_day_text(event_day_number(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1, to);
	rc = event_list_range(w->app->db, acc->id, from, to, true, &r);
	if (rc == MDG_OK) {
		fill_month(w, r, y, m, event_day_parse(now));
		rc = fill_feed(w, acc);
	}
	db_result_free(r);
	if (rc == MDG_OK)
		web_page(w, "calendar/month.cs", "Calendar");
	return rc;
}

int page_calendar(web *w)
{
	community_access acc;
	int rc = community_of_path(w, &acc);
	static const web_done done[] = {{"settings", "CalendarSettings"}, {"revoked", "FeedRevoked"}};
	if (rc != MDG_OK)
		return rc;
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	return show_calendar(w, &acc);
}

/* A manager lets members add events, or stops it. */
int page_calendar_settings(web *w)
{
	static const field_spec fields[] = {{"events_by_members", FIELD_CHECKBOX, false, 0, 0, 0}};
	community_access acc;
	form f;
	int rc = community_of_path(w, &acc);
	if (rc != MDG_OK)
		return rc;
	if (!acc.may_manage)
		return MDG_EDENIED;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	rc = event_set_members_may_add(w->app->db, &w->who, acc.id, form_on(&f, "events_by_members"));
	if (rc == MDG_OK)
		web_redirect(w, "/c/%s/calendar?done=settings", acc.slug);
	return rc;
}

/* A member's secret feed address: made (and shown once on the calendar
 * page) or revoked. */
int page_calendar_feed(web *w)
{
	static const field_spec fields[] = {{"revoke", FIELD_CHECKBOX, false, 0, 0, 0}};
	community_access acc;
	form f;
	char token[CRYPTO_TOKEN_TEXT];
	int rc = community_of_path(w, &acc);
	if (rc != MDG_OK)
		return rc;
	if (!acc.member)
		return MDG_EDENIED;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	if (form_on(&f, "revoke")) {
		rc = event_feed_token_revoke(w->app->db, acc.id, w->me.id);
		if (rc == MDG_OK)
			web_redirect(w, "/c/%s/calendar?done=revoked", acc.slug);
		return rc;
	}
	rc = event_feed_token_issue(w->app->db, acc.id, w->me.id, token);
	if (rc != MDG_OK)
		return rc;
	/* shown once: only its hash is kept */
	web_set(w, "Feed.token", "%s", token);
	web_flash(w, "FeedMade");
	return show_calendar(w, &acc);
}

/* ---------------------------------------------------------------- ical */

/* Sends events (n) of acc's community as text/calendar. */
static int send_ical(web *w, const community_access *acc, const event *e, size_t n, const char *file)
{
	const char *base = config_str(w->app->cfg, "web.base_url", "");
	char disposition[160];
	char *text = event_ical(e, n, acc->slug, base, acc->slug);
	if (!text)
		return MDG_ERR;
	buf_puts(&w->r->body, text);
	free(text);
	w->content_type = "text/calendar; charset=utf-8";
	snprintf(disposition, sizeof disposition, "inline; filename=\"%s\"", file);
	http_header(w->r, "Content-Disposition", disposition);
	return MDG_OK;
}

/* Events a feed carries at most (newest first). */
#define FEED_EVENTS_MAX 500

/* The community's feed. A members-only community's is read with a
 * member's secret (?k=, the name nginx's access log leaves out as for a
 * guest's tracking link): calendar clients send no cookie, and the secret
 * stands for that member, whose access is checked as on a page. */
int page_calendar_ics(web *w)
{
	static const field_spec fields[] = {{"k", FIELD_LINE, false, CRYPTO_TOKEN_TEXT, 0, 0}};
	community_access acc;
	form f;
	db_result *r = NULL;
	event *events = NULL;
	form_from_query(w, fields, MDG_ARRAY_LEN(fields));
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	const char *token = form_text(&f, "k");
	int rc;
	if (token[0]) {
		community_access probe;
		actor holder = w->who;
		/* the community, whoever reads: only to find the secret's owner */
		rc = community_access_get(w->app->db, param_slug(w), 0, NULL, NULL, &probe);
		if (rc == MDG_OK)
			rc = event_feed_token_account(w->app->db, probe.id, token, &holder.account_id);
		if (rc == MDG_OK)
			rc = community_access_get(w->app->db, param_slug(w), 0, &holder, NULL, &acc);
		if (rc == MDG_OK && !acc.readable)
			rc = MDG_ENOTFOUND;
	} else {
		rc = community_of_path(w, &acc);
	}
	if (rc == MDG_OK)
		rc = event_list_all(w->app->db, acc.id, FEED_EVENTS_MAX, &r);
	if (rc == MDG_OK) {
		events = xcalloc(r->nrows ? r->nrows : 1, sizeof *events);
		for (unsigned i = 0; i < r->nrows; i++)
			event_from_row(r, i, &events[i]);
		char file[COMMUNITY_SLUG_MAX + 8];
		snprintf(file, sizeof file, "%s.ics", acc.slug);
		rc = send_ical(w, &acc, events, r->nrows, file);
		for (unsigned i = 0; i < r->nrows; i++)
			event_clear(&events[i]);
	}
	free(events);
	db_result_free(r);
	return rc;
}

/* --------------------------------------------------------------- event */

/* The community of the path (as community_of_path) and its event
 * ({id}, or {id}.ics with *ics set). */
static int event_of_path(web *w, community_access *acc, event *e, bool *ics)
{
	const char *p = w->r->params[1] ? w->r->params[1] : "";
	char digits[24];
	size_t len = strlen(p);
	long id = 0;
	int rc = community_of_path(w, acc);
	if (rc != MDG_OK)
		return rc;
	*ics = len > 4 && strcmp(p + len - 4, ".ics") == 0;
	if (*ics)
		len -= 4;
	snprintf(digits, sizeof digits, "%.*s", (int)(len < sizeof digits ? len : 0), p);
	if (text_parse_long(digits, 1, FORM_ID_MAX, &id) != MDG_OK)
		return MDG_ENOTFOUND;
	return event_get(w->app->db, acc->id, id, e);
}

/* The occurrence of e the request names (?on= of the page, the form's
 * "on" of an answer), else the default one (event_occurrence_default):
 * *day; MDG_ENOTFOUND for a day that is none of e's. Event.on for the
 * templates. */
static int occurrence_asked(web *w, const event *e, const char *on, long *day)
{
	char now[20];
	if (on && *on) {
		*day = event_day_parse(on);
		if (strlen(on) != 10 || !event_occurs_on(e, *day))
			return MDG_ENOTFOUND;
	} else {
		int rc = db_now(w->app->db, now);
		if (rc != MDG_OK)
			return rc;
		*day = event_occurrence_default(e, event_day_parse(now));
	}
	char text[11];
	event_day_text(*day, text);
	hdf_set_value(w->hdf, "Event.on", text);
	return MDG_OK;
}

/* Event.*: e for the templates, and what the reader may do with it. */
static void event_hdf(web *w, const community_access *acc, const event *e)
{
	web_set(w, "Event.id", "%lld", e->id);
	web_set(w, "Event.title", "%s", e->title);
	web_set(w, "Event.place", "%s", e->place);
	web_set(w, "Event.description", "%s", e->description ? e->description : "");
	web_set(w, "Event.starts_at", "%.16s", e->starts_at);
	web_set(w, "Event.ends_at", "%.16s", e->ends_at);
	web_set(w, "Event.recurrence", "%s", event_recurrence_name(e->rule.freq));
	if (e->rule.until_day >= 0) {
		int y, m, d;
		event_day_civil(e->rule.until_day, &y, &m, &d);
		web_set(w, "Event.recur_until", "%04d-%02d-%02d", y, m, d);
	}
	if (e->rule.count > 0)
		web_set(w, "Event.recur_count", "%d", e->rule.count);
	if (e->cancelled)
		web_set(w, "Event.cancelled", "1");
	web_set(w, "Event.sequence", "%ld", e->sequence);
	if (!e->cancelled && acc->may_post && (acc->may_manage || e->created_by == w->me.id))
		web_set(w, "Event.may_edit", "1");
}

int page_event(web *w)
{
	static const web_done done[] = {{"created", "EventCreated"},
					{"updated", "EventUpdated"},
					{"cancelled", "EventCancelled"},
					{"answered", "EventAnswered"}};
	community_access acc;
	event e;
	bool ics = false;
	long counts[ANSWER__COUNT], day = 0;
	enum event_answer mine;
	int rc = event_of_path(w, &acc, &e, &ics);
	if (rc != MDG_OK)
		return rc;
	if (ics) {
		char file[40];
		snprintf(file, sizeof file, "event-%lld.ics", e.id);
		rc = send_ical(w, &acc, &e, 1, file);
		event_clear(&e);
		return rc;
	}
	rc = occurrence_asked(w, &e, kv_get(&w->r->query, "on"), &day);
	if (rc == MDG_OK)
		rc = event_answer_counts(w->app->db, e.id, day, w->signed_in ? w->me.id : 0, counts, &mine);
	if (rc == MDG_OK) {
		event_hdf(w, &acc, &e);
		for (int a = 0; a < ANSWER__COUNT; a++)
			hdf_set_valuef(w->hdf, "Event.Answers.%s=%ld", event_answer_name((enum event_answer)a), counts[a]);
		if (mine != ANSWER__COUNT)
			web_set(w, "Event.mine", "%s", event_answer_name(mine));
		web_flash_done(w, done, MDG_ARRAY_LEN(done));
		web_page(w, "calendar/event.cs", "Event");
	}
	event_clear(&e);
	return rc;
}

/* The member's answer to one occurrence ("on", else the default one):
 * going, maybe or no (changeable). */
int page_event_rsvp(web *w)
{
	static const field_spec fields[] = {
		{"answer", FIELD_LINE, true, 8, 0, 0},
		{"on", FIELD_LINE, false, 10, 0, 0},
	};
	community_access acc;
	event e;
	form f;
	bool ics;
	long day = 0;
	enum event_answer a;
	int rc = event_of_path(w, &acc, &e, &ics);
	if (rc != MDG_OK)
		return rc;
	if (!acc.may_post || e.cancelled || ics)
		rc = MDG_EDENIED;
	else if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0 ||
		 !event_answer_parse(form_text(&f, "answer"), &a))
		rc = MDG_EINVAL;
	else
		rc = occurrence_asked(w, &e, form_text(&f, "on"), &day);
	if (rc == MDG_OK)
		rc = event_answer_set(w->app->db, e.id, day, w->me.id, a);
	if (rc == MDG_OK)
		web_redirect(w, "/c/%s/events/%lld?on=%s&done=answered", acc.slug, e.id,
			     hdf_get_value(w->hdf, "Event.on", ""));
	event_clear(&e);
	return rc;
}

/* --------------------------------------------------------------- form */

/* The event form into *in (times into the buffers); the number of fields
 * in error. */
static int event_form(web *w, form *f, event_input *in, char *starts, char *ends)
{
	static const field_spec fields[] = {
		{"title", FIELD_LINE, true, EVENT_TITLE_MAX, 0, 0},
		{"place", FIELD_LINE, false, EVENT_PLACE_MAX, 0, 0},
		{"description", FIELD_TEXT, false, EVENT_DESCRIPTION_MAX, 0, 0},
		{"starts_at", FIELD_LINE, true, 19, 0, 0},
		{"ends_at", FIELD_LINE, true, 19, 0, 0},
		{"recurrence", FIELD_LINE, true, 8, 0, 0},
		{"recur_until", FIELD_DATE, false, 0, 0, 0},
		{"recur_count", FIELD_INT, false, 0, 1, EVENT_COUNT_MAX},
	};
	const char *field = NULL;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), f);
	memset(in, 0, sizeof *in);
	if (!form_err(f, "starts_at") && debate_time_parse(form_text(f, "starts_at"), starts) != MDG_OK)
		form_fail(f, "starts_at", "event_time");
	if (!form_err(f, "ends_at") && debate_time_parse(form_text(f, "ends_at"), ends) != MDG_OK)
		form_fail(f, "ends_at", "event_time");
	if (!form_err(f, "recurrence") && !event_recurrence_parse(form_text(f, "recurrence"), &in->rule.freq))
		form_fail(f, "recurrence", "event_recurrence");
	in->title = form_text(f, "title");
	in->place = form_text(f, "place");
	in->description = form_text(f, "description");
	in->starts_at = starts;
	in->ends_at = ends;
	in->rule.until_day = form_filled(f, "recur_until") ? event_day_parse(form_text(f, "recur_until")) : -1;
	in->rule.count = (int)form_num(f, "recur_count");
	if (f->errors == 0 && event_input_check(in, &field) != MDG_OK)
		form_fail(f, field, strcmp(field, "ends_at") == 0 ? "event_order" : "event_recurrence");
	return f->errors;
}

static int show_form(web *w, const community_access *acc, int status)
{
	w->r->status = status;
	if (acc->may_manage)
		web_set(w, "Community.may_manage", "1");
	web_page(w, "calendar/form.cs", hdf_get_value(w->hdf, "Event.id", NULL) ? "EventEdit" : "EventNew");
	return MDG_OK;
}

/* The community of the path when the reader may add events to it. */
static int adding(web *w, community_access *acc)
{
	bool add = false;
	int rc = community_of_path(w, acc);
	if (rc == MDG_OK)
		rc = may_add(w, acc, &add);
	return rc == MDG_OK && !add ? MDG_EDENIED : rc;
}

int page_event_new(web *w)
{
	community_access acc;
	int rc = adding(w, &acc);
	if (rc != MDG_OK)
		return rc;
	web_set(w, "Form.recurrence", "none");
	return show_form(w, &acc, 200);
}

int page_event_create(web *w)
{
	community_access acc;
	form f;
	event_input in;
	char starts[DEBATE_TIME_TEXT] = "", ends[DEBATE_TIME_TEXT] = "";
	long long id = 0;
	int rc = adding(w, &acc);
	if (rc != MDG_OK)
		return rc;
	if (event_form(w, &f, &in, starts, ends) > 0)
		return show_form(w, &acc, 400);
	char at[IDEM_LOCATION_MAX + 1];
	snprintf(at, sizeof at, "/c/%s/events/", acc.slug);
	idem_key idem;
	if (web_idem_start(w, &idem, at, NULL, "?done=created", &rc))
		return rc;
	rc = event_create(w->app->db, &w->who, acc.id, acc.may_manage, &in, &id);
	if (web_idem_raced(w, &idem, rc))
		return MDG_OK;
	if (rc == MDG_OK)
		web_redirect(w, "/c/%s/events/%lld?done=created", acc.slug, id);
	return rc;
}

/* The event of the path when the reader may edit it. */
static int editable(web *w, community_access *acc, event *e)
{
	bool ics;
	int rc = event_of_path(w, acc, e, &ics);
	if (rc != MDG_OK)
		return rc;
	if (ics || e->cancelled || !acc->may_post || (!acc->may_manage && e->created_by != w->me.id)) {
		event_clear(e);
		return MDG_EDENIED;
	}
	event_hdf(w, acc, e);
	return MDG_OK;
}

int page_event_edit(web *w)
{
	community_access acc;
	event e;
	int rc = editable(w, &acc, &e);
	if (rc != MDG_OK)
		return rc;
	web_set(w, "Form.title", "%s", e.title);
	web_set(w, "Form.place", "%s", e.place);
	web_set(w, "Form.description", "%s", e.description);
	web_set(w, "Form.starts_at", "%.10sT%.5s", e.starts_at, e.starts_at + 11);
	web_set(w, "Form.ends_at", "%.10sT%.5s", e.ends_at, e.ends_at + 11);
	web_set(w, "Form.recurrence", "%s", event_recurrence_name(e.rule.freq));
	web_set(w, "Form.recur_until", "%s", hdf_get_value(w->hdf, "Event.recur_until", ""));
	web_set(w, "Form.recur_count", "%s", hdf_get_value(w->hdf, "Event.recur_count", ""));
	event_clear(&e);
	return show_form(w, &acc, 200);
}

int page_event_update(web *w)
{
	community_access acc;
	event e;
	form f;
	event_input in;
	char starts[DEBATE_TIME_TEXT] = "", ends[DEBATE_TIME_TEXT] = "";
	int rc = editable(w, &acc, &e);
	if (rc != MDG_OK)
		return rc;
	if (event_form(w, &f, &in, starts, ends) > 0)
		rc = show_form(w, &acc, 400);
	else if ((rc = event_update(w->app->db, &w->who, &e, acc.may_manage, &in)) == MDG_OK)
		web_redirect(w, "/c/%s/events/%lld?done=updated", acc.slug, e.id);
	event_clear(&e);
	return rc;
}

int page_event_cancel(web *w)
{
	community_access acc;
	event e;
	int rc = editable(w, &acc, &e);
	if (rc != MDG_OK)
		return rc;
	rc = event_cancel(w->app->db, &w->who, &e, acc.may_manage);
	if (rc == MDG_OK)
		web_redirect(w, "/c/%s/events/%lld?done=cancelled", acc.slug, e.id);
	event_clear(&e);
	return rc;
}
