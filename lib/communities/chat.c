/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* chat.c: see chat.h. */
#include "communities/chat.h"

#include "communities/community.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "db/sql.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct post_tx {
	const chat_new *m;
	long long id;
} post_tx;

static int post_body(db *d, void *arg)
{
	post_tx *t = arg;
	int rc = db_exec(d, "INSERT INTO chat_messages (community_id, author_id, body, created_at) VALUES (?, ?, ?, NOW())",
			 DB_ARGS(DB_INT(t->m->community_id), DB_INT(t->m->author_id), DB_STR(t->m->body)));
	if (rc != MDG_OK)
		return rc;
	t->id = (long long)db_insert_id(d);
	if (t->m->in_tx && (rc = t->m->in_tx(d, t->id, t->m->in_tx_arg)) != MDG_OK)
		return rc;
	return community_touch(d, t->m->community_id);
}

int chat_post(db *d, const chat_new *m, long long *id)
{
	if (!m->body || !*m->body || !utf8_valid_text(m->body, strlen(m->body)) ||
	    utf8_length(m->body, strlen(m->body)) > CHAT_BODY_MAX)
		return MDG_EINVAL;
	post_tx t = {.m = m};
	int rc = db_transaction(d, post_body, &t);
	if (rc == MDG_OK)
		*id = t.id;
	return rc;
}

/* What the viewer sees: visible and deleted messages (a placeholder),
 * and their own held or hidden ones; binds the viewer. */
#define SQL_SEEN "(m.moderation IN ('visible', 'deleted') OR m.author_id = ?)"

int chat_history(db *d, long long community_id, long long viewer_id, long page, db_result **out, long *total)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM chat_messages m WHERE m.community_id = ? AND " SQL_SEEN,
			  DB_ARGS(DB_INT(community_id), DB_INT(viewer_id)));
	if (rc != MDG_OK)
		return rc;
	*total = (long)db_get_ll(r, 0, "n", 0);
	db_result_free(r);
	if (page < 1)
		page = 1;
	/* Newest page first, each page oldest first (as a chat reads). */
	return db_query(d, out,
			"SELECT q.* FROM (SELECT m.id, m.author_id, a.name AS author,"
			" IF(m.moderation = 'deleted', '', m.body) AS body, m.moderation,"
			" IFNULL(m.moderation_reason, '') AS reason, " SQL_MINUTE("m.created_at") " AS created,"
			" m.author_id = ? AS mine"
			" FROM chat_messages m JOIN accounts a ON a.id = m.author_id"
			" WHERE m.community_id = ? AND " SQL_SEEN " ORDER BY m.id DESC LIMIT ? OFFSET ?) q ORDER BY q.id",
			DB_ARGS(DB_INT(viewer_id), DB_INT(community_id), DB_INT(viewer_id), DB_INT(CHAT_PAGE_SIZE),
				DB_INT((page - 1) * CHAT_PAGE_SIZE)));
}

int chat_message_json(db *d, long long id, char **json)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT m.id, a.name AS author, m.body, " SQL_MINUTE("m.created_at") " AS created"
			  " FROM chat_messages m JOIN accounts a ON a.id = m.author_id"
			  " WHERE m.id = ? AND m.moderation = 'visible'",
			  DB_ARGS(DB_INT(id)));
	if (rc != MDG_OK)
		return rc;
	if (r->nrows == 0) {
		db_result_free(r);
		return MDG_ENOTFOUND;
	}
	json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)db_get_ll(r, 0, "id", 0), "author",
			      db_get(r, 0, "author", ""), "body", db_get(r, 0, "body", ""), "created",
			      db_get(r, 0, "created", ""));
	db_result_free(r);
	*json = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return *json ? MDG_OK : MDG_ERR;
}

static size_t discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

int chat_publish(const char *url, const char *socket, long long community_id, const char *json)
{
	/* One handle per process, kept: its connection to nginx is reused
	 * (keep-alive), so a publish is one local round trip. */
	static CURL *curl;
	char full[512];
	if (!url || !*url)
		return MDG_ETEMPFAIL;
	if (!curl && !(curl = curl_easy_init()))
		return MDG_ERR;
	snprintf(full, sizeof full, "%s%lld", url, community_id);
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	h = curl_slist_append(h, "Accept: text/json");
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 2000L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(curl, CURLOPT_URL, full);
	if (socket && *socket)
		curl_easy_setopt(curl, CURLOPT_UNIX_SOCKET_PATH, socket);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(json));
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "madang-web");
	CURLcode cc = curl_easy_perform(curl);
	long status = 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	if (cc != CURLE_OK || status < 200 || status >= 300) {
		log_warn("chat: publishing to %s: %s (status %ld)", full, cc != CURLE_OK ? curl_easy_strerror(cc) : "refused",
			 status);
		return MDG_ETEMPFAIL;
	}
	return MDG_OK;
}
