/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* ical.c: a community's events as iCalendar (RFC 5545), built with
 * libical: the VTIMEZONE of Asia/Seoul (no daylight saving time since
 * 1988, so one STANDARD part), then one VEVENT per event with its
 * recurrence as an RRULE. */
#include "calendar/event.h"
#include "core/mdg.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Korea Standard Time, UTC+9 all year. */
#define SEOUL_VTIMEZONE                                                                                  \
	"BEGIN:VTIMEZONE\r\nTZID:" EVENT_ZONE "\r\nX-LIC-LOCATION:" EVENT_ZONE "\r\n"                       \
	"BEGIN:STANDARD\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:KST\r\n"                     \
	"DTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
#define SEOUL_OFFSET_SECONDS (9 * 3600)

/* "YYYY-MM-DD HH:MM:SS" as a local time of the zone. */
static struct icaltimetype local_time(const char *s)
{
	struct icaltimetype t = icaltime_null_time();
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
	if (sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se) >= 3) {
		t.year = y;
		t.month = mo;
		t.day = d;
		t.hour = h;
		t.minute = mi;
		t.second = se;
	}
	return t;
}

/* The same local time in UTC (DTSTAMP, CREATED, LAST-MODIFIED). */
static struct icaltimetype utc_time(const char *s)
{
	struct icaltimetype t = local_time(s);
	icaltime_adjust(&t, 0, 0, 0, -SEOUL_OFFSET_SECONDS);
	t.zone = icaltimezone_get_utc_timezone();
	return t;
}

/* A date-time property with TZID=Asia/Seoul. */
static icalproperty *zoned(icalproperty *p)
{
	icalproperty_add_parameter(p, icalparameter_new_tzid(EVENT_ZONE));
	return p;
}

static void add_rrule(icalcomponent *ev, const event *e)
{
	struct icalrecurrencetype rec;
	icalrecurrencetype_clear(&rec);
	rec.freq = e->rule.freq == RECUR_WEEKLY ? ICAL_WEEKLY_RECURRENCE : ICAL_MONTHLY_RECURRENCE;
	rec.interval = 1;
	if (e->rule.count > 0)
		rec.count = e->rule.count;
	if (e->rule.until_day >= 0) {
		/* The end of the last day in Seoul, in UTC as RFC 5545 wants
		 * with a zoned DTSTART. */
		int y, m, d;
		event_day_civil(e->rule.until_day, &y, &m, &d);
		struct icaltimetype t = icaltime_null_time();
		t.year = y;
		t.month = m;
		t.day = d;
		t.hour = 23;
		t.minute = 59;
		t.second = 59;
		icaltime_adjust(&t, 0, 0, 0, -SEOUL_OFFSET_SECONDS);
		t.zone = icaltimezone_get_utc_timezone();
		rec.until = t;
	}
	icalcomponent_add_property(ev, icalproperty_new_rrule(rec));
}

static icalcomponent *vevent(const event *e, const char *base, const char *slug, const char *host)
{
	char uid[160], url[512];
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	snprintf(uid, sizeof uid, "event-%lld@%s", e->id, host);
	snprintf(url, sizeof url, "%s/c/%s/events/%lld", base, slug, e->id);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_time(e->updated_at)));
	icalcomponent_add_property(ev, icalproperty_new_created(utc_time(e->created_at)));
	icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_time(e->updated_at)));
	icalcomponent_add_property(ev, icalproperty_new_sequence((int)e->sequence));
	icalcomponent_add_property(ev, zoned(icalproperty_new_dtstart(local_time(e->starts_at))));
	icalcomponent_add_property(ev, zoned(icalproperty_new_dtend(local_time(e->ends_at))));
	icalcomponent_add_property(ev, icalproperty_new_summary(e->title));
	if (e->place[0])
		icalcomponent_add_property(ev, icalproperty_new_location(e->place));
	if (e->description && e->description[0])
		icalcomponent_add_property(ev, icalproperty_new_description(e->description));
	icalcomponent_add_property(ev, icalproperty_new_url(url));
	icalcomponent_add_property(ev, icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED
									    : ICAL_STATUS_CONFIRMED));
	if (e->rule.freq != RECUR_NONE)
		add_rrule(ev, e);
	return ev;
}

char *event_ical(const event *e, size_t n, const char *name, const char *base, const char *slug)
{
	char host[256];
	const char *h = strstr(base, "://");
	h = h ? h + 3 : base;
	snprintf(host, sizeof host, "%.*s", (int)strcspn(h, "/:"), h);
	if (!host[0])
		snprintf(host, sizeof host, "madang");
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//Madang//Community calendar//KO"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalproperty *calname = icalproperty_new_x(name);
	icalproperty_set_x_name(calname, "X-WR-CALNAME");
	icalcomponent_add_property(cal, calname);
	icalproperty *calzone = icalproperty_new_x(EVENT_ZONE);
	icalproperty_set_x_name(calzone, "X-WR-TIMEZONE");
	icalcomponent_add_property(cal, calzone);
	icalcomponent *tz = icalcomponent_new_from_string(SEOUL_VTIMEZONE);
	if (tz)
		icalcomponent_add_component(cal, tz);
	for (size_t i = 0; i < n; i++)
		icalcomponent_add_component(cal, vevent(&e[i], base, slug, host));
	char *text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	return text;
}
