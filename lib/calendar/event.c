/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* event.c: a community's events: names, dates and recurrence, the stored
 * events and their changes, answers, the feed secrets and the reminder
 * scan. The iCalendar text is ical.c's. */
#include "calendar/event.h"
#include "communities/community.h"
#include "core/crypto.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "notify/notice.h"
#include "org/setting.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const recurrence_names[RECUR__COUNT] = {"none", "weekly", "monthly"};
static const char *const answer_names[ANSWER__COUNT] = {"going", "maybe", "no"};

const char *event_recurrence_name(enum event_recurrence r)
{
	return (int)r >= 0 && r < RECUR__COUNT ? recurrence_names[r] : "none";
}

bool event_recurrence_parse(const char *name, enum event_recurrence *out)
{
	for (int i = 0; name && i < RECUR__COUNT; i++)
		if (strcmp(recurrence_names[i], name) == 0) {
			*out = (enum event_recurrence)i;
			return true;
		}
	return false;
}

const char *event_answer_name(enum event_answer a)
{
	return (int)a >= 0 && a < ANSWER__COUNT ? answer_names[a] : "";
}

bool event_answer_parse(const char *name, enum event_answer *out)
{
	for (int i = 0; name && i < ANSWER__COUNT; i++)
		if (strcmp(answer_names[i], name) == 0) {
			*out = (enum event_answer)i;
			return true;
		}
	return false;
}

/* ------------------------------------------------------------- dates */

/* Howard Hinnant's days_from_civil and civil_from_days. */
long event_day_number(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void event_day_civil(long n, int *y, int *m, int *d)
{
	n += 719468;
	long era = (n >= 0 ? n : n - 146096) / 146097;
	long doe = n - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

long event_day_parse(const char *s)
{
	int y, m, d, n = 0;
	if (!s || strlen(s) < 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || y < 1900 ||
	    y > 9999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	return event_day_number(y, m, d);
}

int event_occurrences(long first_day, const event_rule *rule, long from_day, long to_day, long *out, int max)
{
	int n = 0, y, m, d;
	int limit = rule->freq == RECUR_NONE ? 1 : rule->count > 0 ? rule->count : EVENT_COUNT_MAX;
	event_day_civil(first_day, &y, &m, &d);
	/* i counts the occurrences so far, k the periods tried (a monthly
	 * series skips months without its day). */
	for (int i = 0, k = 0; i < limit && n < max; k++) {
		long day;
		if (rule->freq == RECUR_MONTHLY) {
			int yy = y + (m - 1 + k) / 12, mm = (m - 1 + k) % 12 + 1;
			if (k > EVENT_COUNT_MAX * 2)
				break;
			if (d > month_days(yy, mm))
				continue;
			day = event_day_number(yy, mm, d);
		} else {
			day = first_day + 7L * k;
		}
		if (day > to_day || (rule->until_day >= 0 && day > rule->until_day))
			break;
		i++;
		if (day >= from_day)
			out[n++] = day;
	}
	return n;
}

long event_last_day(long first_day, const event_rule *rule)
{
	long days[EVENT_COUNT_MAX];
	int n = event_occurrences(first_day, rule, first_day, first_day + 366L * 100, days, EVENT_COUNT_MAX);
	return n > 0 ? days[n - 1] : first_day;
}

/* -------------------------------------------------------------- input */

/* s is valid UTF-8 text of at most max characters (empty when may_empty). */
static bool text_fits(const char *s, size_t max, bool may_empty)
{
	size_t len = s ? strlen(s) : 0;
	if (len == 0)
		return may_empty;
	return utf8_valid_text(s, len) && utf8_length(s, len) <= max;
}

int event_input_check(const event_input *in, const char **field)
{
	*field = NULL;
	if (!text_fits(in->title, EVENT_TITLE_MAX, false))
		*field = "title";
	else if (!text_fits(in->place, EVENT_PLACE_MAX, true))
		*field = "place";
	else if (!text_fits(in->description, EVENT_DESCRIPTION_MAX, true))
		*field = "description";
	else if (!in->starts_at || event_day_parse(in->starts_at) < 0)
		*field = "starts_at";
	else if (!in->ends_at || event_day_parse(in->ends_at) < 0 || strcmp(in->ends_at, in->starts_at) <= 0)
		*field = "ends_at";
	else if ((int)in->rule.freq < 0 || in->rule.freq >= RECUR__COUNT)
		*field = "recurrence";
	else if (in->rule.freq == RECUR_NONE && (in->rule.until_day >= 0 || in->rule.count > 0))
		*field = "recurrence";
	else if (in->rule.until_day >= 0 && in->rule.count > 0)
		*field = "recur_count";
	else if (in->rule.until_day >= 0 && in->rule.until_day < event_day_parse(in->starts_at))
		*field = "recur_until";
	else if (in->rule.count < 0 || in->rule.count > EVENT_COUNT_MAX)
		*field = "recur_count";
	return *field ? MDG_EINVAL : MDG_OK;
}

void event_day_text(long n, char out[11])
{
	int y, m, d;
	event_day_civil(n, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* ------------------------------------------------------------- stored */

#define EVENT_COLUMNS                                                                                            \
	"e.id AS id, e.community_id AS community_id, e.created_by AS created_by, e.title AS title,"            \
	" e.place AS place, e.description AS description,"                                                    \
	" DATE_FORMAT(e.starts_at, '%Y-%m-%d %H:%i:%s') AS starts_at,"                                         \
	" DATE_FORMAT(e.ends_at, '%Y-%m-%d %H:%i:%s') AS ends_at, e.recurrence AS recurrence,"                 \
	" DATE_FORMAT(e.recur_until, '%Y-%m-%d') AS recur_until, e.recur_count AS recur_count, e.state AS state," \
	" e.sequence AS sequence, DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i:%s') AS created_at,"               \
	" DATE_FORMAT(e.updated_at, '%Y-%m-%d %H:%i:%s') AS updated_at"

void event_clear(event *e)
{
	free(e->description);
	memset(e, 0, sizeof *e);
}

void event_from_row(const db_result *r, unsigned row, event *e)
{
	memset(e, 0, sizeof *e);
	e->id = db_get_ll(r, row, "id", 0);
	e->community_id = db_get_ll(r, row, "community_id", 0);
	e->created_by = db_get_ll(r, row, "created_by", 0);
	snprintf(e->title, sizeof e->title, "%s", db_get(r, row, "title", ""));
	snprintf(e->place, sizeof e->place, "%s", db_get(r, row, "place", ""));
	e->description = xstrdup(db_get(r, row, "description", ""));
	snprintf(e->starts_at, sizeof e->starts_at, "%s", db_get(r, row, "starts_at", ""));
	snprintf(e->ends_at, sizeof e->ends_at, "%s", db_get(r, row, "ends_at", ""));
	snprintf(e->created_at, sizeof e->created_at, "%s", db_get(r, row, "created_at", ""));
	snprintf(e->updated_at, sizeof e->updated_at, "%s", db_get(r, row, "updated_at", ""));
	if (!event_recurrence_parse(db_get(r, row, "recurrence", "none"), &e->rule.freq))
		e->rule.freq = RECUR_NONE;
	e->rule.until_day = event_day_parse(db_get(r, row, "recur_until", NULL));
	e->rule.count = (int)db_get_ll(r, row, "recur_count", 0);
	e->cancelled = strcmp(db_get(r, row, "state", ""), "cancelled") == 0;
	e->sequence = (long)db_get_ll(r, row, "sequence", 0);
}

int event_members_may_add(db *d, long long community_id, bool *out)
{
	db_result *r = NULL;
	*out = false;
	int rc = db_query(d, &r, "SELECT events_by_members AS on_ FROM communities WHERE id = ?",
			  DB_ARGS(DB_INT(community_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		*out = db_get_ll(r, 0, "on_", 0) != 0;
	db_result_free(r);
	return rc;
}

struct setting_arg {
	const actor *who;
	long long community_id;
	bool on;
};

static int set_members_tx(db *d, void *arg)
{
	struct setting_arg *a = arg;
	char object[24];
	int rc = db_exec(d, "UPDATE communities SET events_by_members = ?, updated_at = NOW() WHERE id = ?",
			 DB_ARGS(DB_INT(a->on), DB_INT(a->community_id)));
	snprintf(object, sizeof object, "%lld", a->community_id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "community", object, "events_by_members", a->on ? "1" : "0");
	return rc;
}

int event_set_members_may_add(db *d, const actor *who, long long community_id, bool on)
{
	struct setting_arg a = {who, community_id, on};
	return db_transaction(d, set_members_tx, &a);
}

struct change_arg {
	const actor *who;
	long long community_id, id;
	const event_input *in;
	const char *action;
};

/* The parameters of an event's columns from in, in the order
 * title, place, description, starts_at, ends_at, recurrence, until, count,
 * last_day. */
#define INPUT_ARGS(in, until, last)                                                                          \
	DB_STR((in)->title), DB_STR((in)->place ? (in)->place : ""),                                          \
		DB_STR((in)->description ? (in)->description : ""), DB_STR((in)->starts_at),                  \
		DB_STR((in)->ends_at), DB_STR(event_recurrence_name((in)->rule.freq)),                        \
		DB_STR((in)->rule.until_day >= 0 ? (until) : NULL), DB_ID((in)->rule.count), DB_STR(last)

static int change_tx(db *d, void *arg)
{
	struct change_arg *a = arg;
	char until[11] = "", last[11] = "", object[24];
	int rc;
	if (a->in && a->in->rule.until_day >= 0)
		event_day_text(a->in->rule.until_day, until);
	if (a->in)
		event_day_text(event_last_day(event_day_parse(a->in->starts_at), &a->in->rule), last);
	if (!a->id) {
		rc = db_exec(d,
			     "INSERT INTO community_events (community_id, title, place, description, starts_at, ends_at,"
			     " recurrence, recur_until, recur_count, last_day, created_by, created_at, updated_at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(), NOW())",
			     DB_ARGS(DB_INT(a->community_id), INPUT_ARGS(a->in, until, last), DB_INT(a->who->account_id)));
		if (rc == MDG_OK)
			a->id = (long long)db_insert_id(d);
		if (rc == MDG_OK)
			rc = community_touch(d, a->community_id);
	} else if (a->in) {
		rc = db_exec(d,
			     "UPDATE community_events SET title = ?, place = ?, description = ?, starts_at = ?,"
			     " ends_at = ?, recurrence = ?, recur_until = ?, recur_count = ?, last_day = ?,"
			     " sequence = sequence + 1, updated_at = NOW()"
			     " WHERE id = ? AND community_id = ? AND state = 'scheduled'",
			     DB_ARGS(INPUT_ARGS(a->in, until, last), DB_INT(a->id), DB_INT(a->community_id)));
		if (rc == MDG_OK && db_affected(d) == 0)
			rc = MDG_ECONFLICT;
	} else {
		rc = db_exec(d,
			     "UPDATE community_events SET state = 'cancelled', sequence = sequence + 1,"
			     " updated_at = NOW() WHERE id = ? AND community_id = ? AND state = 'scheduled'",
			     DB_ARGS(DB_INT(a->id), DB_INT(a->community_id)));
		if (rc == MDG_OK && db_affected(d) == 0)
			rc = MDG_ECONFLICT;
	}
	snprintf(object, sizeof object, "%lld", a->id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "community_event", object, a->action, NULL);
	return rc;
}

int event_create(db *d, const actor *who, long long community_id, bool may_manage, const event_input *in,
		 long long *id)
{
	const char *field;
	bool members = false;
	*id = 0;
	if (event_input_check(in, &field) != MDG_OK)
		return MDG_EINVAL;
	if (!may_manage) {
		int rc = event_members_may_add(d, community_id, &members);
		if (rc != MDG_OK)
			return rc;
		if (!members)
			return MDG_EDENIED;
	}
	struct change_arg a = {who, community_id, 0, in, "create"};
	int rc = db_transaction(d, change_tx, &a);
	if (rc == MDG_OK)
		*id = a.id;
	return rc;
}

int event_get(db *d, long long community_id, long long id, event *out)
{
	db_result *r = NULL;
	memset(out, 0, sizeof *out);
	int rc = db_query(d, &r, "SELECT " EVENT_COLUMNS " FROM community_events e WHERE e.id = ? AND e.community_id = ?",
			  DB_ARGS(DB_INT(id), DB_INT(community_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		event_from_row(r, 0, out);
	db_result_free(r);
	return rc;
}

int event_update(db *d, const actor *who, const event *e, bool may_manage, const event_input *in)
{
	const char *field;
	if (!may_manage && e->created_by != who->account_id)
		return MDG_EDENIED;
	if (event_input_check(in, &field) != MDG_OK)
		return MDG_EINVAL;
	struct change_arg a = {who, e->community_id, e->id, in, "update"};
	return db_transaction(d, change_tx, &a);
}

int event_cancel(db *d, const actor *who, const event *e, bool may_manage)
{
	if (!may_manage && e->created_by != who->account_id)
		return MDG_EDENIED;
	struct change_arg a = {who, e->community_id, e->id, NULL, "cancel"};
	return db_transaction(d, change_tx, &a);
}

int event_list_range(db *d, long long community_id, const char *from, const char *to, bool with_cancelled,
		     db_result **out)
{
	return db_query(d, out,
			"SELECT e.id AS id, e.title AS title, e.place AS place,"
			" DATE_FORMAT(e.starts_at, '%Y-%m-%d %H:%i:%s') AS starts_at,"
			" DATE_FORMAT(e.ends_at, '%Y-%m-%d %H:%i:%s') AS ends_at,"
			" DATE_FORMAT(e.starts_at, '%Y-%m-%d') AS start_day, DATE_FORMAT(e.starts_at, '%H:%i') AS start_time,"
			" DATE_FORMAT(e.ends_at, '%H:%i') AS end_time, e.recurrence AS recurrence,"
			" DATE_FORMAT(e.recur_until, '%Y-%m-%d') AS recur_until, e.recur_count AS recur_count,"
			" e.state AS state"
			" FROM community_events e WHERE e.community_id = ? AND (? OR e.state = 'scheduled')"
			" AND e.starts_at < ? + INTERVAL 1 DAY AND e.last_day >= ?"
			" ORDER BY e.starts_at, e.id",
			DB_ARGS(DB_INT(community_id), DB_INT(with_cancelled), DB_STR(to), DB_STR(from)));
}

int event_list_all(db *d, long long community_id, long limit, db_result **out)
{
	return db_query(d, out,
			"SELECT " EVENT_COLUMNS " FROM community_events e WHERE e.community_id = ?"
			" ORDER BY e.starts_at DESC, e.id DESC LIMIT ?",
			DB_ARGS(DB_INT(community_id), DB_INT(limit)));
}

/* ------------------------------------------------------------ answers */

bool event_occurs_on(const event *e, long day)
{
	long found;
	return day >= 0 && event_occurrences(event_day_parse(e->starts_at), &e->rule, day, day, &found, 1) == 1;
}

long event_occurrence_default(const event *e, long today)
{
	long first = event_day_parse(e->starts_at), next;
	long last = event_last_day(first, &e->rule);
	if (today <= first)
		return first;
	return today <= last && event_occurrences(first, &e->rule, today, last, &next, 1) == 1 ? next : last;
}

int event_answer_set(db *d, long long event_id, long day, long long account_id, enum event_answer a)
{
	char on[11];
	event_day_text(day, on);
	return db_exec(d,
		       "INSERT INTO community_event_rsvps (event_id, occurs_on, account_id, answer, updated_at)"
		       " VALUES (?, ?, ?, ?, NOW()) ON DUPLICATE KEY UPDATE answer = VALUES(answer), updated_at = NOW()",
		       DB_ARGS(DB_INT(event_id), DB_STR(on), DB_INT(account_id), DB_STR(event_answer_name(a))));
}

int event_answer_counts(db *d, long long event_id, long day, long long account_id, long counts[ANSWER__COUNT],
			enum event_answer *mine)
{
	db_result *r = NULL;
	char on[11];
	event_day_text(day, on);
	memset(counts, 0, sizeof(long) * ANSWER__COUNT);
	*mine = ANSWER__COUNT;
	int rc = db_query(d, &r,
			  "SELECT answer AS answer, COUNT(*) AS n, SUM(account_id = ?) AS mine"
			  " FROM community_event_rsvps WHERE event_id = ? AND occurs_on = ? GROUP BY answer",
			  DB_ARGS(DB_INT(account_id), DB_INT(event_id), DB_STR(on)));
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		enum event_answer a;
		if (!event_answer_parse(db_get(r, i, "answer", ""), &a))
			continue;
		counts[a] = (long)db_get_ll(r, i, "n", 0);
		if (db_get_ll(r, i, "mine", 0) > 0)
			*mine = a;
	}
	db_result_free(r);
	return rc;
}

/* -------------------------------------------------------- feed secret */

int event_feed_token_issue(db *d, long long community_id, long long account_id, char *out)
{
	char hash[CRYPTO_HASH_HEX];
	crypto_token(out);
	crypto_sha256_hex(out, hash);
	return db_exec(d,
		       "INSERT INTO community_calendar_tokens (community_id, account_id, token_hash, created_at)"
		       " VALUES (?, ?, ?, NOW()) ON DUPLICATE KEY UPDATE token_hash = VALUES(token_hash), created_at = NOW()",
		       DB_ARGS(DB_INT(community_id), DB_INT(account_id), DB_STR(hash)));
}

int event_feed_token_revoke(db *d, long long community_id, long long account_id)
{
	return db_exec(d, "DELETE FROM community_calendar_tokens WHERE community_id = ? AND account_id = ?",
		       DB_ARGS(DB_INT(community_id), DB_INT(account_id)));
}

int event_feed_token_exists(db *d, long long community_id, long long account_id, bool *out)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT 1 AS one FROM community_calendar_tokens WHERE community_id = ? AND account_id = ?",
			  DB_ARGS(DB_INT(community_id), DB_INT(account_id)));
	*out = rc == MDG_OK && r->nrows > 0;
	db_result_free(r);
	return rc;
}

int event_feed_token_account(db *d, long long community_id, const char *token, long long *account_id)
{
	db_result *r = NULL;
	char hash[CRYPTO_HASH_HEX];
	*account_id = 0;
	if (!token || strlen(token) != CRYPTO_TOKEN_TEXT - 1)
		return MDG_ENOTFOUND;
	crypto_sha256_hex(token, hash);
	int rc = db_query(d, &r,
			  "SELECT account_id AS account_id FROM community_calendar_tokens"
			  " WHERE community_id = ? AND token_hash = ?",
			  DB_ARGS(DB_INT(community_id), DB_STR(hash)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		*account_id = db_get_ll(r, 0, "account_id", 0);
	db_result_free(r);
	return rc;
}

/* ---------------------------------------------------------- reminders */

struct remind_arg {
	long long account;
	json_t *payload;
	const char *key;
};

static int remind_tx(db *d, void *arg)
{
	struct remind_arg *a = arg;
	return notice_account(d, a->account, NOTICE_EVENT_REMINDER, a->payload, a->key);
}

/* Reminders of the occurrence of event row i of r on day (its start at
 * start_time) to the members who answered going or maybe to it. */
static int remind_occurrence(db *d, const db_result *r, unsigned i, long day, long *made)
{
	db_result *who = NULL;
	char date[11], link[96], key[96], when[32];
	long long id = db_get_ll(r, i, "id", 0);
	event_day_text(day, date);
	snprintf(when, sizeof when, "%s %s", date, db_get(r, i, "start_time", ""));
	snprintf(link, sizeof link, "/c/%s/events/%lld?on=%s", db_get(r, i, "slug", ""), id, date);
	int rc = db_query(d, &who,
			  "SELECT v.account_id AS account_id FROM community_event_rsvps v"
			  " JOIN community_members m ON m.community_id = ? AND m.account_id = v.account_id"
			  " AND m.state = 'active' WHERE v.event_id = ? AND v.occurs_on = ?"
			  " AND v.answer IN ('going', 'maybe')",
			  DB_ARGS(DB_INT(db_get_ll(r, i, "community_id", 0)), DB_INT(id), DB_STR(date)));
	for (unsigned k = 0; rc == MDG_OK && k < who->nrows; k++) {
		long long account = db_get_ll(who, k, "account_id", 0);
		char title[EVENT_TITLE_MAX * 4 + 64];
		snprintf(title, sizeof title, "%s (%s)", db_get(r, i, "title", ""), when);
		json_t *payload = json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", title, "when", when,
					    "place", db_get(r, i, "place", ""), "community", db_get(r, i, "name", ""),
					    "link", link);
		if (!payload) {
			rc = MDG_ERR;
			break;
		}
		/* once per occurrence and member; each notice in a short
		 * transaction of its own (notice_account writes several rows) */
		snprintf(key, sizeof key, "event_reminder:%lld:%s:%lld", id, date, account);
		struct remind_arg a = {account, payload, key};
		rc = db_transaction(d, remind_tx, &a);
		json_decref(payload);
		if (rc == MDG_OK)
			(*made)++;
	}
	db_result_free(who);
	return rc;
}

int event_reminder_scan(db *d, long *made)
{
	db_result *r = NULL;
	char value[SETTING_VALUE_MAX + 1], now[20];
	long days = EVENT_REMINDER_DAYS_DEFAULT, occ[EVENT_COUNT_MAX];
	*made = 0;
	if (setting_get(d, "calendar.reminder_days", "", value, sizeof value) == MDG_OK && value[0] &&
	    text_parse_long(value, 1, 30, &days) != MDG_OK)
		days = EVENT_REMINDER_DAYS_DEFAULT;
	int rc = db_now(d, now);
	if (rc != MDG_OK)
		return rc;
	/* Scheduled events of active communities that may have an occurrence
	 * in the window: begun by its end and not over before today (the
	 * index on state, last_day). */
	rc = db_query(d, &r,
		      "SELECT e.id AS id, e.community_id AS community_id, e.title AS title, e.place AS place,"
		      " c.slug AS slug, c.name AS name, DATE_FORMAT(e.starts_at, '%Y-%m-%d') AS start_day,"
		      " DATE_FORMAT(e.starts_at, '%H:%i') AS start_time, TIME_TO_SEC(TIME(e.starts_at)) AS start_sec,"
		      " e.recurrence AS recurrence, DATE_FORMAT(e.recur_until, '%Y-%m-%d') AS recur_until,"
		      " e.recur_count AS recur_count"
		      " FROM community_events e JOIN communities c ON c.id = e.community_id AND c.state = 'active'"
		      " WHERE e.state = 'scheduled' AND e.last_day >= DATE(?) AND e.starts_at <= ? + INTERVAL ? DAY",
		      DB_ARGS(DB_STR(now), DB_STR(now), DB_INT(days)));
	long today = event_day_parse(now);
	int nh, nm, ns;
	long now_sec = sscanf(now + 11, "%d:%d:%d", &nh, &nm, &ns) == 3 ? nh * 3600L + nm * 60L + ns : 0;
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		event_rule rule = {RECUR_NONE, event_day_parse(db_get(r, i, "recur_until", NULL)),
				   (int)db_get_ll(r, i, "recur_count", 0)};
		if (!event_recurrence_parse(db_get(r, i, "recurrence", ""), &rule.freq))
			continue;
		long start_sec = (long)db_get_ll(r, i, "start_sec", 0);
		int n = event_occurrences(event_day_parse(db_get(r, i, "start_day", "")), &rule, today, today + days, occ,
					  EVENT_COUNT_MAX);
		for (int k = 0; rc == MDG_OK && k < n; k++) {
			/* in (now, now + days]: seconds from now to the start */
			long ahead = (occ[k] - today) * 86400L + start_sec - now_sec;
			if (ahead > 0 && ahead <= days * 86400L)
				rc = remind_occurrence(d, r, i, occ[k], made);
		}
	}
	db_result_free(r);
	return rc;
}
