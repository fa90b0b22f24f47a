/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* open311.c: the Open311 GeoReport v2 API's data: client keys, services
 * and their questions, filing and reading service requests, updates. */
#include "open311/open311.h"
#include "auth/account.h"
#include "cases/case.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "db/sql.h"
#include "moderation/moderation.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------ the keys */

/* The stored form of a key: its SHA-256 in hex. */
static void key_hash(const char *key, char hex[65])
{
	uint8_t h[CRYPTO_HASH_BYTES];
	crypto_sha256(key, strlen(key), h);
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
}

/* One change of the clients or questions: the arguments of the functions
 * below, and the id made, for their transactions (db_transaction). */
struct o311_change {
	const actor *who;
	const char *name, *key, *code;
	char *hex;
	long rate_per_min;
	long long id, category_id;
	const open311_question *q;
};

/* The transaction of open311_client_create_with_key. */
static int client_create_tx(db *d, void *arg)
{
	struct o311_change *t = arg;
	char idbuf[24];
	long long guest = 0;
	t->id = 0;
	/* The client's own guest: no address, so no notice goes anywhere. */
	int rc = db_exec(d, "INSERT INTO accounts (name, kind, notify_email, notify_sms) VALUES (?, 'guest', 0, 0)",
			 DB_ARGS(DB_STR(t->name)));
	if (rc == MDG_OK) {
		guest = (long long)db_insert_id(d);
		rc = db_exec(d, "INSERT INTO open311_clients (name, key_hash, key_prefix, rate_per_min, guest_id,"
				" created_by, created_at) VALUES (?, ?, LEFT(?, 8), ?, ?, ?, NOW())",
			     DB_ARGS(DB_STR(t->name), DB_STR(t->hex), DB_STR(t->key), DB_INT(t->rate_per_min),
				     DB_INT(guest), DB_ID(t->who->account_id)));
	}
	if (rc == MDG_OK) {
		t->id = (long long)db_insert_id(d);
		snprintf(idbuf, sizeof idbuf, "%lld", t->id);
		rc = audit_write(d, t->who, "open311_client", idbuf, "create", t->name);
	}
	return rc;
}

int open311_client_create_with_key(db *d, const actor *who, const char *name, long rate_per_min,
				   const char *key, long long *id)
{
	char hex[65];
	key_hash(key, hex);
	struct o311_change t = {.who = who, .name = name, .key = key, .hex = hex, .rate_per_min = rate_per_min};
	int rc = db_transaction(d, client_create_tx, &t);
	*id = rc == MDG_OK ? t.id : 0;
	return rc;
}

int open311_client_create(db *d, const actor *who, const char *name, long rate_per_min,
			  char key[CRYPTO_TOKEN_TEXT], long long *id)
{
	crypto_token(key);
	return open311_client_create_with_key(d, who, name, rate_per_min, key, id);
}

/* The transaction of open311_client_revoke. */
static int client_revoke_tx(db *d, void *arg)
{
	const struct o311_change *t = arg;
	char idbuf[24];
	int rc = db_exec(d, "UPDATE open311_clients SET revoked_at = NOW() WHERE id = ? AND revoked_at IS NULL",
			 DB_ARGS(DB_INT(t->id)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ENOTFOUND;
	snprintf(idbuf, sizeof idbuf, "%lld", t->id);
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "open311_client", idbuf, "revoke", NULL);
	return rc;
}

int open311_client_revoke(db *d, const actor *who, long long id)
{
	struct o311_change t = {.who = who, .id = id};
	return db_transaction(d, client_revoke_tx, &t);
}

int open311_client_list(db *d, db_result **out)
{
	return db_query(d, out,
			"SELECT c.id AS id, c.name AS name, c.key_prefix AS prefix, c.rate_per_min AS rate,"
			" " SQL_MINUTE("c.created_at") " AS created, " SQL_MINUTE("c.revoked_at") " AS revoked,"
			" " SQL_MINUTE("c.last_used_at") " AS last_used,"
			" IF(c.window_start = DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:00'), c.window_count, 0) AS used,"
			" a.name AS creator"
			" FROM open311_clients c LEFT JOIN accounts a ON a.id = c.created_by ORDER BY c.id DESC",
			DB_NO_ARGS);
}

int open311_client_auth(db *d, const char *key, long long *client_id, long long *guest_id)
{
	char hex[65];
	db_result *r = NULL;
	*client_id = *guest_id = 0;
	key_hash(key, hex);
	/* One statement counts the request in the current minute's window
	 * (assignments run left to right: the count reads the old window). */
	int rc = db_exec(d, "UPDATE open311_clients SET last_used_at = NOW(),"
			    " window_count = IF(window_start = DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:00'), window_count"
			    " + 1, 1),"
			    " window_start = DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:00')"
			    " WHERE key_hash = ? AND revoked_at IS NULL",
			 DB_ARGS(DB_STR(hex)));
	if (rc != MDG_OK)
		return rc;
	if (db_affected(d) == 0)
		return MDG_EDENIED;
	rc = db_query(d, &r, "SELECT id AS id, guest_id AS guest, window_count AS used, rate_per_min AS rate"
			     " FROM open311_clients WHERE key_hash = ? AND revoked_at IS NULL",
		      DB_ARGS(DB_STR(hex)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_EDENIED;
	if (rc == MDG_OK && db_get_ll(r, 0, "used", 0) > db_get_ll(r, 0, "rate", 0))
		rc = MDG_ETHROTTLED;
	if (rc == MDG_OK) {
		*client_id = db_get_ll(r, 0, "id", 0);
		*guest_id = db_get_ll(r, 0, "guest", 0);
	}
	db_result_free(r);
	return rc;
}

/* ------------------------------------------------------------ services */

int open311_services(db *d, const char *lang, db_result **out)
{
	return db_query(d, out,
			"SELECT g.id AS code, " SQL_NAME_IN("g.") " AS name, " SQL_NAME_IN("dp.") " AS `group`,"
			" (SELECT COUNT(*) FROM category_questions q WHERE q.category_id = g.id) AS questions"
			" FROM categories g LEFT JOIN departments dp ON dp.id = g.department_id"
			" WHERE g.active = 1 ORDER BY g.sort_order, g.id",
			DB_ARGS(DB_STR(lang), DB_STR(lang)));
}

int open311_questions(db *d, long long category_id, const char *lang, db_result **out)
{
	db_result *cat = NULL;
	*out = NULL;
	int rc = db_query(d, &cat, "SELECT COUNT(*) AS n FROM categories WHERE id = ? AND active = 1",
			  DB_ARGS(DB_INT(category_id)));
	if (rc == MDG_OK && db_get_ll(cat, 0, "n", 0) == 0)
		rc = MDG_ENOTFOUND;
	db_result_free(cat);
	if (rc != MDG_OK)
		return rc;
	return db_query(d, out,
			"SELECT id AS id, code AS code, datatype AS datatype, required AS required,"
			" IF(? = 'en', question_en, question_ko) AS question, value_list AS value_list"
			" FROM category_questions WHERE category_id = ? ORDER BY sort_order, id",
			DB_ARGS(DB_STR(lang), DB_INT(category_id)));
}

int open311_question_list(db *d, const char *lang, db_result **out)
{
	return db_query(d, out,
			"SELECT g.id AS category_id, COALESCE(g.department_id, 0) AS department_id,"
			" " SQL_NAME_IN("g.") " AS category, q.code AS code, q.datatype AS datatype,"
			" q.required AS required, q.question_ko AS question_ko, q.question_en AS question_en,"
			" q.value_list AS value_list, q.sort_order AS sort_order"
			" FROM categories g LEFT JOIN category_questions q ON q.category_id = g.id"
			" WHERE g.active = 1 ORDER BY g.sort_order, g.id, q.sort_order, q.id",
			DB_ARGS(DB_STR(lang)));
}

int open311_category_department(db *d, long long category_id, long long *department_id)
{
	db_result *r = NULL;
	*department_id = 0;
	int rc = db_query(d, &r, "SELECT COALESCE(department_id, 0) AS department_id FROM categories WHERE id = ?",
			  DB_ARGS(DB_INT(category_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		*department_id = db_get_ll(r, 0, "department_id", 0);
	db_result_free(r);
	return rc;
}

bool open311_datatype_valid(const char *datatype)
{
	static const char *const types[] = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"};
	for (size_t i = 0; i < MDG_ARRAY_LEN(types); i++)
		if (strcmp(datatype, types[i]) == 0)
			return true;
	return false;
}

/* The transaction of open311_question_save. */
static int question_save_tx(db *d, void *arg)
{
	const struct o311_change *t = arg;
	const open311_question *q = t->q;
	char idbuf[80];
	db_result *cat = NULL;
	int rc = db_query(d, &cat, "SELECT COUNT(*) AS n FROM categories WHERE id = ?", DB_ARGS(DB_INT(q->category_id)));
	if (rc == MDG_OK && db_get_ll(cat, 0, "n", 0) == 0)
		rc = MDG_EINVAL;
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO category_questions (category_id, code, datatype, required, question_ko,"
				" question_en, value_list, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
				" ON DUPLICATE KEY UPDATE datatype = VALUES(datatype), required = VALUES(required),"
				" question_ko = VALUES(question_ko), question_en = VALUES(question_en),"
				" value_list = VALUES(value_list), sort_order = VALUES(sort_order)",
			     DB_ARGS(DB_INT(q->category_id), DB_STR(q->code), DB_STR(q->datatype),
				     DB_INT((long long)q->required), DB_STR(q->question_ko), DB_STR(q->question_en),
				     DB_STR(q->value_list), DB_INT(q->sort_order)));
	snprintf(idbuf, sizeof idbuf, "%lld/%s", q->category_id, q->code);
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "category_question", idbuf, "save", q->question_ko);
	db_result_free(cat);
	return rc;
}

int open311_question_save(db *d, const actor *who, const open311_question *q)
{
	struct o311_change t = {.who = who, .q = q};
	return db_transaction(d, question_save_tx, &t);
}

/* The transaction of open311_question_delete. */
static int question_delete_tx(db *d, void *arg)
{
	const struct o311_change *t = arg;
	char idbuf[80];
	/* Answers already given keep their question: a used one is kept. */
	int rc = db_exec(d, "DELETE FROM category_questions WHERE category_id = ? AND code = ?"
			    " AND NOT EXISTS (SELECT 1 FROM case_answers a WHERE a.question_id = category_questions.id)",
			 DB_ARGS(DB_INT(t->category_id), DB_STR(t->code)));
	if (rc == MDG_OK && db_affected(d) == 0)
		rc = MDG_ENOTFOUND;
	snprintf(idbuf, sizeof idbuf, "%lld/%s", t->category_id, t->code);
	if (rc == MDG_OK)
		rc = audit_write(d, t->who, "category_question", idbuf, "delete", NULL);
	return rc;
}

int open311_question_delete(db *d, const actor *who, long long category_id, const char *code)
{
	struct o311_change t = {.who = who, .category_id = category_id, .code = code};
	return db_transaction(d, question_delete_tx, &t);
}

/* ------------------------------------------------------------ requests */

/* The rows a filing adds in case_file's transaction (case_new.in_tx). */
/* What the filing's transaction adds: the request's rows, and the hold
 * when the word filter found a hold word (held: the word, else NULL). */
struct filing_tx {
	const open311_filing *f;
	long long owner;
	const char *held;
};

static int file_extra(db *d, long long case_id, const char *tracking, void *arg)
{
	const struct filing_tx *tx = arg;
	const open311_filing *f = tx->f;
	(void)tracking;
	int rc = tx->held ? moderation_held_in_tx(d, moderation_kind("case"), case_id, tx->owner, tx->held) : MDG_OK;
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO open311_requests (case_id, client_id, device_id, client_account, media_url)"
			    " VALUES (?, ?, ?, ?, ?)",
			 DB_ARGS(DB_INT(case_id), DB_INT(f->client_id), DB_STR(f->device_id),
				 DB_STR(f->client_account), DB_STR(f->media_url)));
	for (size_t i = 0; i < f->nanswers && rc == MDG_OK; i++)
		rc = db_exec(d, "INSERT INTO case_answers (case_id, question_id, answer) VALUES (?, ?, ?)",
			     DB_ARGS(DB_INT(case_id), DB_INT(f->question_ids[i]), DB_STR(f->answers[i])));
	return rc;
}

/* The case title: the description's first line, cut at a character
 * boundary after OPEN311_TITLE_CHARS characters. */
static char *title_from(const char *description)
{
	size_t len = strcspn(description, "\r\n"), i = 0, chars = 0;
	while (i < len && chars < OPEN311_TITLE_CHARS) {
		i += utf8_seq_len((unsigned char)description[i]);
		chars++;
	}
	if (i > len)
		i = len;
	return i ? xstrndup(description, i) : xstrdup("Open311");
}

int open311_file(db *d, const open311_filing *f, const char *uploads_dir, char *tracking)
{
	account_contact contact = {f->email, f->mobile, f->name, f->lang};
	long long owner = f->guest_id;
	char *title = NULL;
	int rc = MDG_OK;
	/* Concurrent first filings from one address race for its guest row:
	 * an upsert that lost a lock conflict simply runs again. */
	if ((f->email && *f->email) || (f->mobile && *f->mobile)) {
		rc = MDG_ECONFLICT;
		for (int attempt = 0; rc == MDG_ECONFLICT && attempt < DB_TX_ATTEMPTS; attempt++)
			rc = account_for_contact(d, &contact, &owner);
		/* An e-mail of one guest and a mobile of another cannot become
		 * one guest (each address is unique): the e-mail's takes it. */
		if (rc == MDG_ECONFLICT && contact.email && *contact.email && contact.mobile) {
			contact.mobile = NULL;
			rc = account_for_contact(d, &contact, &owner);
		}
	}
	if (rc != MDG_OK)
		return rc;
	title = title_from(f->description);
	/* Public text: the word filter masks it or holds it for review, as
	 * on the web form (lib/moderation). */
	mod_result mod_title = {0}, mod_body = {0};
	rc = moderation_check_text(d, title, &mod_title);
	if (rc == MDG_OK)
		rc = moderation_check_text(d, f->description, &mod_body);
	struct filing_tx tx = {f, owner,
			       mod_title.verdict == MOD_HELD ? mod_title.word
			       : mod_body.verdict == MOD_HELD ? mod_body.word
							      : NULL};
	/* Open311 requests are public: the API lists them to every client
	 * (the filer's personal fields are never among what it returns). */
	case_new c = {
		.account_id = owner,
		.category_id = f->category_id,
		.title = mod_title.text,
		.body = mod_body.text,
		.is_public = true,
		.latitude = f->latitude,
		.longitude = f->longitude,
		.address = f->address,
		.channel = "open311",
		.in_tx = file_extra,
		.in_tx_arg = &tx,
	};
	if (rc == MDG_OK)
		rc = case_file(d, &c, NULL, 0, uploads_dir, tracking);
	mod_result_free(&mod_title);
	mod_result_free(&mod_body);
	free(title);
	return rc;
}

bool open311_status_closed(const char *status)
{
	return strcmp(status, "answered") == 0 || strcmp(status, "closed") == 0 ||
	       strcmp(status, "withdrawn") == 0 || strcmp(status, "rejected") == 0;
}

#define W3C(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%s')"
#define CLOSED_STATUSES "('answered', 'closed', 'withdrawn', 'rejected')"

int open311_requests(db *d, const open311_query *q, const char *lang, db_result **out)
{
	/* One statement text for every filter (statements are cached by
	 * their text): an absent filter is a bound NULL, 0 or ''. */
	const char *status = q->status ? q->status : "";
	return db_query(d, out,
			"SELECT c.tracking_no AS id, c.status AS status, c.category_id AS service_code,"
			" " SQL_NAME_IN("g.") " AS service_name,"
			/* a text moderation took out of sight (0032) stays out */
			" IF(c.moderation = 'visible', c.body, '') AS description,"
			" " SQL_NAME_IN("dp.") " AS agency,"
			" " W3C("c.created_at") " AS requested, " W3C("c.updated_at") " AS updated,"
			" " W3C("c.due_at") " AS expected, c.address AS address,"
			" c.latitude AS lat, c.longitude AS lng, IF(c.moderation = 'visible', o.media_url, NULL) AS media_url"
			" FROM cases c JOIN categories g ON g.id = c.category_id"
			" LEFT JOIN departments dp ON dp.id = c.department_id"
			" LEFT JOIN open311_requests o ON o.case_id = c.id"
			" WHERE c.is_public = 1"
			" AND (? IS NULL OR FIND_IN_SET(c.tracking_no, ?) > 0)"
			" AND (? = 0 OR c.category_id = ?)"
			" AND (? IS NULL OR c.created_at >= ?) AND (? IS NULL OR c.created_at <= ?)"
			" AND (? = 0 OR c.created_at >= NOW() - INTERVAL 90 DAY)"
			" AND (? = '' OR (c.status IN " CLOSED_STATUSES ") = (? = 'closed'))"
			" ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",
			DB_ARGS(DB_STR(lang), DB_STR(lang), DB_STR(q->ids), DB_STR(q->ids), DB_INT(q->category_id),
				DB_INT(q->category_id), DB_STR(q->start), DB_STR(q->start), DB_STR(q->end),
				DB_STR(q->end), DB_INT((long long)q->recent), DB_STR(status), DB_STR(status),
				DB_INT(q->page_size), DB_INT((q->page - 1) * q->page_size)));
}

int open311_updates(db *d, const char *start, const char *end, long page, long page_size, db_result **out)
{
	/* The events a citizen sees on the public page, of public cases; an
	 * answer's text is public (it is on the case's page), the notes of
	 * other events may hold personal data and stay out. */
	return db_query(d, out,
			"SELECT e.id AS update_id, c.tracking_no AS id, e.kind AS kind, c.status AS status,"
			" " W3C("e.created_at") " AS updated, IF(e.kind = 'answered', e.note, NULL) AS note"
			" FROM case_events e JOIN cases c ON c.id = e.case_id"
			" WHERE e.is_public = 1 AND c.is_public = 1"
			" AND (? IS NULL OR e.created_at >= ?) AND (? IS NULL OR e.created_at <= ?)"
			" ORDER BY e.id LIMIT ? OFFSET ?",
			DB_ARGS(DB_STR(start), DB_STR(start), DB_STR(end), DB_STR(end), DB_INT(page_size),
				DB_INT((page - 1) * page_size)));
}

/* ------------------------------------------------------------ parsing */

/* n decimal digits at s into *v. */
static bool digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/* "+09:00", "-05:30" or "Z" as minutes east of UTC; s must end there. */
static bool zone_minutes(const char *s, int *minutes)
{
	int h, m;
	if (strcmp(s, "Z") == 0) {
		*minutes = 0;
		return true;
	}
	if ((s[0] != '+' && s[0] != '-') || strlen(s) != 6 || s[3] != ':' || !digits(s + 1, 2, &h) ||
	    !digits(s + 4, 2, &m) || h > 14 || m > 59)
		return false;
	*minutes = (s[0] == '-' ? -1 : 1) * (h * 60 + m);
	return true;
}

int open311_parse_w3c(const char *in, const char *db_zone, char out[20])
{
	int y, mo, dd, h = 0, mi = 0, sec = 0, zone, dbz;
	const char *p = in;
	if (!zone_minutes(db_zone, &dbz))
		return MDG_EINVAL;
	zone = dbz;
	if (strlen(p) < 10 || !digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &mo) || p[7] != '-' ||
	    !digits(p + 8, 2, &dd))
		return MDG_EINVAL;
	p += 10;
	if (*p == 'T') {
		if (!digits(p + 1, 2, &h) || p[3] != ':' || !digits(p + 4, 2, &mi))
			return MDG_EINVAL;
		p += 6;
		if (*p == ':') {
			if (!digits(p + 1, 2, &sec))
				return MDG_EINVAL;
			p += 3;
			if (*p == '.') {
				p++;
				if (!isdigit((unsigned char)*p))
					return MDG_EINVAL;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (*p && !zone_minutes(p, &zone))
			return MDG_EINVAL;
	} else if (*p) {
		return MDG_EINVAL;
	}
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || dd < 1 || dd > 31 || h > 23 || mi > 59 || sec > 59)
		return MDG_EINVAL;
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = dd, .tm_hour = h, .tm_min = mi, .tm_sec = sec};
	time_t t = timegm(&tm);
	/* timegm normalises 31 February into March: such a date is wrong. */
	if (tm.tm_mday != dd || tm.tm_mon != mo - 1)
		return MDG_EINVAL;
	t += (time_t)(dbz - zone) * 60;
	struct tm local;
	if (!gmtime_r(&t, &local) || local.tm_year + 1900 > 9999)
		return MDG_EINVAL;
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &local);
	return MDG_OK;
}

bool open311_coordinate_valid(const char *s, int limit)
{
	const char *p = s;
	long whole = 0;
	int decimals = 0, intdigits = 0;
	if (*p == '-' || *p == '+')
		p++;
	while (isdigit((unsigned char)*p) && intdigits < 4) {
		whole = whole * 10 + (*p++ - '0');
		intdigits++;
	}
	if (intdigits == 0)
		return false;
	bool fraction = false;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			fraction = fraction || *p != '0';
			p++;
			decimals++;
		}
		if (decimals == 0)
			return false;
	}
	return *p == '\0' && decimals <= 6 && (whole < limit || (whole == limit && !fraction));
}

