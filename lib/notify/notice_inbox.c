/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notice_inbox.c: a person's web inbox of notices: lists, unread counts, marking read,
 * and a notice's line from its pattern and payload. */
#include "notify/notice_inbox.h"
#include "db/sql.h"
#include "core/mdg.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* The columns notices_row reads, by these names. */
#define NOTICE_COLS                                                                                   \
	"n.id AS id, n.kind AS kind, n.payload AS payload, " SQL_MINUTE("n.created_at") " AS at,"     \
	" n.read_at IS NULL AS unread, c.tracking_no AS tracking,"                                    \
	" DATE_FORMAT(n.created_at, '%Y-%m-%dT%H:%i:%s+09:00') AS iso"

int notices_list(db *d, long long account_id, long page, db_result **out, long *total)
{
	db_result *r = NULL;
	*out = NULL;
	*total = 0;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM notices WHERE account_id = ?", DB_ARGS(DB_INT(account_id)));
	if (rc != MDG_OK)
		goto done;
	*total = (long)db_get_ll(r, 0, "n", 0);
	/* The newest first by id (ix_notices_account), which follows time. */
	rc = db_query(d, out, "SELECT " NOTICE_COLS " FROM notices n LEFT JOIN cases c ON c.id = n.case_id"
			      " WHERE n.account_id = ? ORDER BY n.id DESC LIMIT ? OFFSET ?",
		      DB_ARGS(DB_INT(account_id), DB_INT((long long)NOTICES_PAGE_SIZE),
			      DB_INT((long long)(page - 1) * NOTICES_PAGE_SIZE)));
done:
	db_result_free(r);
	return rc;
}

int notices_latest_unread(db *d, long long account_id, int limit, db_result **out)
{
	return db_query(d, out, "SELECT " NOTICE_COLS " FROM notices n LEFT JOIN cases c ON c.id = n.case_id"
				" WHERE n.account_id = ? AND n.read_at IS NULL ORDER BY n.id DESC LIMIT ?",
			DB_ARGS(DB_INT(account_id), DB_INT((long long)limit)));
}

int notices_unread(db *d, long long account_id, long *count)
{
	db_result *r = NULL;
	*count = 0;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM notices WHERE account_id = ? AND read_at IS NULL",
			  DB_ARGS(DB_INT(account_id)));
	if (rc == MDG_OK)
		*count = (long)db_get_ll(r, 0, "n", 0);
	db_result_free(r);
	return rc;
}

void notices_row(const db_result *r, unsigned row, notice_row *out)
{
	out->id = db_get_ll(r, row, "id", 0);
	out->kind = db_get(r, row, "kind", "");
	out->payload = db_get(r, row, "payload", "{}");
	out->at = db_get(r, row, "at", "");
	out->iso = db_get(r, row, "iso", "");
	out->tracking = db_get(r, row, "tracking", NULL);
	out->unread = db_get_ll(r, row, "unread", 0) != 0;
}

int notices_mark_all_read(db *d, long long account_id, long *marked)
{
	int rc = db_exec(d, "UPDATE notices SET read_at = NOW() WHERE account_id = ? AND read_at IS NULL",
			 DB_ARGS(DB_INT(account_id)));
	if (marked)
		*marked = rc == MDG_OK ? (long)db_affected(d) : 0;
	return rc;
}

int notices_mark_read(db *d, long long account_id, long long id)
{
	return db_exec(d, "UPDATE notices SET read_at = NOW() WHERE id = ? AND account_id = ? AND read_at IS NULL",
		       DB_ARGS(DB_INT(id), DB_INT(account_id)));
}

/* One payload value as text: strings as they are, numbers printed. */
static void put_value(const json_t *v, buf *out)
{
	if (json_is_string(v))
		buf_puts(out, json_string_value(v));
	else if (json_is_integer(v))
		buf_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(out, "%g", json_real_value(v));
}

bool notices_text(const char *pattern, const char *payload, buf *out)
{
	json_error_t err;
	json_t *root = payload ? json_loads(payload, 0, &err) : NULL;
	bool ok = json_is_object(root);
	char name[64];
	for (const char *p = pattern ? pattern : ""; *p; p++) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if (!close || (size_t)(close - p - 1) >= sizeof name) {
			buf_putc(out, *p);
			continue;
		}
		snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
		if (ok)
			put_value(json_object_get(root, name), out);
		p = close;
	}
	json_decref(root);
	return ok;
}

void notices_payload_str(const char *payload, const char *name, char *out, size_t outlen)
{
	json_error_t err;
	json_t *root = payload ? json_loads(payload, 0, &err) : NULL;
	const char *v = json_string_value(json_object_get(root, name));
	snprintf(out, outlen, "%s", v ? v : "");
	json_decref(root);
}

bool notices_kind_staff(const char *kind)
{
	return kind && strncmp(kind, "staff_", 6) == 0;
}
