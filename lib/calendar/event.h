/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* event.h: a community's calendar (일정): events with a time in
 * Asia/Seoul, a place, a description and an optional weekly or monthly
 * recurrence (until a date or for a number of times), the members'
 * answers (going / maybe / no), the iCalendar feed and single-event file
 * (libical), the secret feed address of a members-only community, and the
 * reminders a day before.
 *
 * Who adds events: a community's managers, and its members too when a
 * manager allows it (communities.events_by_members). Who edits or cancels
 * one: its author while they may post, and the managers. Who answers:
 * anyone who may post in the community (community_access.may_post). The
 * pages ask community_access_get first; these functions take the
 * community's id as that answer gave it. */
#ifndef MDG_CALENDAR_EVENT_H
#define MDG_CALENDAR_EVENT_H
#include <stdbool.h>

#include "db/db.h"
#include "org/audit.h"

#define EVENT_TITLE_MAX 200
#define EVENT_PLACE_MAX 200
#define EVENT_DESCRIPTION_MAX 4000
#define EVENT_COUNT_MAX 500   /* occurrences of a series given by a count */
#define EVENT_TIME_TEXT 20    /* "YYYY-MM-DD HH:MM:SS" */
#define EVENT_ZONE "Asia/Seoul"
/* Days before an occurrence its reminder goes, unless the setting
 * calendar.reminder_days says otherwise. */
#define EVENT_REMINDER_DAYS_DEFAULT 1
/* Occurrences one month view shows at most (a month of daily events
 * from every series is far below). */
#define EVENT_MONTH_MAX 400

enum event_recurrence { RECUR_NONE, RECUR_WEEKLY, RECUR_MONTHLY, RECUR__COUNT };
enum event_answer { ANSWER_GOING, ANSWER_MAYBE, ANSWER_NO, ANSWER__COUNT };

/* "none", "weekly", "monthly" / "going", "maybe", "no", and back. */
const char *event_recurrence_name(enum event_recurrence r);
bool event_recurrence_parse(const char *name, enum event_recurrence *out);
const char *event_answer_name(enum event_answer a);
bool event_answer_parse(const char *name, enum event_answer *out);

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian). */
long event_day_number(int y, int m, int d);
void event_day_civil(long n, int *y, int *m, int *d);
/* "YYYY-MM-DD" of day number n into out (11 bytes). */
void event_day_text(long n, char out[11]);
/* The day number of "YYYY-MM-DD..." (the first ten characters); -1 for
 * anything else or a date that does not exist. */
long event_day_parse(const char *s);

/* A series: how it repeats from its first day. */
typedef struct event_rule {
	enum event_recurrence freq;
	long until_day; /* the last day an occurrence may fall on, or -1 */
	int count;      /* the number of occurrences, or 0 */
} event_rule;

/* The days (day numbers) of the occurrences of an event first on
 * first_day by rule that fall in [from_day, to_day], at most max of them,
 * into out; the number. A monthly series skips months without its day
 * (the 31st: only months with 31 days), as RFC 5545 does; a count counts
 * only real occurrences. A series with neither until nor count ends
 * after EVENT_COUNT_MAX occurrences. */
int event_occurrences(long first_day, const event_rule *rule, long from_day, long to_day, long *out, int max);

/* The day of the last occurrence of an event first on first_day by
 * rule (first_day itself when it does not repeat). */
long event_last_day(long first_day, const event_rule *rule);

/* One event as stored. */
typedef struct event {
	long long id, community_id, created_by;
	char title[EVENT_TITLE_MAX * 4 + 1];
	char place[EVENT_PLACE_MAX * 4 + 1];
	char *description; /* owned; event_clear frees it */
	char starts_at[EVENT_TIME_TEXT], ends_at[EVENT_TIME_TEXT];
	char created_at[EVENT_TIME_TEXT], updated_at[EVENT_TIME_TEXT];
	event_rule rule;
	bool cancelled;
	long sequence;
} event;
void event_clear(event *e);

/* What the event form gives. */
typedef struct event_input {
	const char *title, *place, *description;
	const char *starts_at, *ends_at; /* "YYYY-MM-DD HH:MM:SS", local */
	event_rule rule;
} event_input;

/* MDG_OK when in is within bounds: lengths, the end after the start, an
 * until not before the start's day, a count of 1 to EVENT_COUNT_MAX,
 * no until or count without a recurrence and not both; else MDG_EINVAL
 * with *field the form field at fault. */
int event_input_check(const event_input *in, const char **field);

/* who adds an event to community_id (*id the new one's): may_manage
 * true for its managers, else the community must allow members' events
 * (MDG_EDENIED). Records activity, audited. MDG_EINVAL for bad input. */
int event_create(db *d, const actor *who, long long community_id, bool may_manage, const event_input *in,
		 long long *id);
/* Event id of community_id into *out (MDG_ENOTFOUND when none). */
int event_get(db *d, long long community_id, long long id, event *out);
/* who changes event e (its author, or may_manage): a new sequence.
 * MDG_EDENIED, MDG_EINVAL, MDG_ECONFLICT (cancelled). Audited. */
int event_update(db *d, const actor *who, const event *e, bool may_manage, const event_input *in);
/* who cancels event e (its author, or may_manage): kept, marked
 * cancelled (the feed says STATUS:CANCELLED), a new sequence. Audited. */
int event_cancel(db *d, const actor *who, const event *e, bool may_manage);
/* Whether community_id lets members add events, and a manager's change. */
int event_members_may_add(db *d, long long community_id, bool *out);
int event_set_members_may_add(db *d, const actor *who, long long community_id, bool on);

/* The events of community_id that may occur in [from, to] (dates
 * "YYYY-MM-DD"): single ones starting then, series begun by to and not
 * ended before from; with cancelled ones when with_cancelled. Columns id,
 * title, place, starts_at, ends_at, start_day ("YYYY-MM-DD"), start_time
 * ("HH:MM"), end_time, recurrence, recur_until, recur_count, state.
 * Ordered by start. */
int event_list_range(db *d, long long community_id, const char *from, const char *to, bool with_cancelled,
		     db_result **out);
/* Every event of community_id for its feed, all columns of event_get as
 * a result (id, title, place, description, starts_at, ends_at,
 * recurrence, recur_until, recur_count, state, sequence, created_at,
 * updated_at), at most limit, newest first. */
int event_list_all(db *d, long long community_id, long limit, db_result **out);
/* One row of event_list_all (or event_get's query) into e. */
void event_from_row(const db_result *r, unsigned row, event *e);

/* Answers are to one occurrence of an event (a weekly meeting's members
 * answer each week), named by its day number. */

/* True when e has an occurrence on day. */
bool event_occurs_on(const event *e, long day);
/* The occurrence a page shows when none is asked for: the first on or
 * after today, else (the series is over) the last one. */
long event_occurrence_default(const event *e, long today);

/* account_id's answer to the occurrence on day of event_id (replacing an
 * earlier one; the caller checks event_occurs_on). */
int event_answer_set(db *d, long long event_id, long day, long long account_id, enum event_answer a);
/* The counts per answer to the occurrence on day of event_id, and
 * account_id's answer (ANSWER__COUNT: none). */
int event_answer_counts(db *d, long long event_id, long day, long long account_id, long counts[ANSWER__COUNT],
			enum event_answer *mine);

/* A new secret for account_id's feed of community_id (replacing any):
 * out (CRYPTO_TOKEN_TEXT bytes) is shown once; only its hash is kept. */
int event_feed_token_issue(db *d, long long community_id, long long account_id, char *out);
/* Revokes it (no error when there is none). */
int event_feed_token_revoke(db *d, long long community_id, long long account_id);
/* Whether account_id has one. */
int event_feed_token_exists(db *d, long long community_id, long long account_id, bool *out);
/* The account a feed secret of community_id belongs to (*account_id),
 * or MDG_ENOTFOUND. */
int event_feed_token_account(db *d, long long community_id, const char *token, long long *account_id);

/* The iCalendar text (RFC 5545, built with libical) of n events (e),
 * with the VTIMEZONE of Asia/Seoul, each with a stable UID
 * ("event-<id>@<host>"), DTSTAMP, SEQUENCE, RRULE for a series,
 * STATUS:CANCELLED for a cancelled one and URL base/c/slug/events/id.
 * name names the calendar (X-WR-CALNAME). A malloc'd string (the caller
 * frees), NULL when out of memory. */
char *event_ical(const event *e, size_t n, const char *name, const char *base, const char *slug);

/* Reminders: to every member who answered going or maybe to that
 * occurrence, a notice (event_reminder) for each occurrence starting between now and
 * calendar.reminder_days (setting) days later, once per occurrence and
 * member (the idempotency key). *made counts the notices made. */
int event_reminder_scan(db *d, long *made);

#endif
