/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_chat.c: a community's live chat (/c/{slug}/chat, issue 14 section
 * 5). The page is the history (paged, newest page first) and a form that
 * posts and redirects back, so the room works without JavaScript (a
 * refresh link shows what came since); static/assets/chat.js listens on
 * nchan's EventSource and appends what arrives.
 *
 * madang-web never holds a listener: nginx's nchan does. It asks
 * /_chat/auth/{id} (page_chat_auth, an internal location of nginx) whether
 * a subscription may be made, and madang-web publishes each stored
 * message to nchan's publisher location (chat.publish_url, over
 * chat.publish_socket: a local socket, deploy/nginx/madang.conf). Every
 * answer comes from community_access_get: a members-only community's chat
 * is not there for others (404), and only its members listen. */
#include "web.h"

#include "communities/chat.h"
#include "communities/community.h"
#include "core/mdg.h"
#include "moderation/moderation.h"
#include "participation/penalty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int show_chat(web *w, const community_access *acc, int status)
{
	db_result *r = NULL, *c = NULL;
	long page = 1, total = 0;
	int rc = web_page_number(w, &page);
	if (rc != MDG_OK)
		return rc;
	rc = db_query(w->app->db, &c, "SELECT name FROM communities WHERE id = ?", DB_ARGS(DB_INT(acc->id)));
	if (rc == MDG_OK)
		rc = chat_history(w->app->db, acc->id, w->signed_in ? w->me.id : 0, page, &r, &total);
	if (rc != MDG_OK)
		goto done;
	hdf_set_value(w->hdf, "Chat.slug", acc->slug);
	hdf_set_value(w->hdf, "Chat.name", db_get(c, 0, "name", ""));
	web_set(w, "Chat.id", "%lld", acc->id);
	web_set(w, "Chat.BodyMax", "%d", CHAT_BODY_MAX);
	db_rows_hdf(r, w->hdf, "Chat.Messages");
	web_pager(w, page, total, CHAT_PAGE_SIZE);
	if (page == 1)
		hdf_set_value(w->hdf, "Chat.Live", acc->member ? "1" : "");
	/* The listener's address and script only where a member may listen
	 * (nchan asks page_chat_auth the same). */
	if (page == 1 && acc->member) {
		web_set(w, "Chat.SubUrl", "/chat/sub/%lld", acc->id);
		hdf_set_value(w->hdf, "Page.ChatJs", "1");
	}
	/* Whoever reads the room reports a message (moderation's kind
	 * 'chat'): in a members-only community, only its members. */
	if (w->signed_in)
		hdf_set_value(w->hdf, "Chat.Reportable", "1");
	if (acc->may_post)
		hdf_set_value(w->hdf, "Can.chat", "1");
	else if (acc->member) {
		bool restricted = false;
		if (penalty_restricts_posting(w->app->db, w->me.id, &restricted, NULL) == MDG_OK && restricted)
			hdf_set_value(w->hdf, "Chat.Restricted", "1");
		else /* a member of a community that is not active */
			hdf_set_value(w->hdf, "Chat.Closed", "1");
	}
	w->r->status = status;
	web_page(w, "communities/chat.cs", "Chat");
done:
	db_result_free(r);
	db_result_free(c);
	return rc;
}

int page_chat(web *w)
{
	static const web_done done[] = {{"sent", "ChatSent"}, {"held", "ChatHeld"}};
	community_access acc;
	int rc = web_community_readable(w, &acc);
	if (rc != MDG_OK)
		return rc;
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	return show_chat(w, &acc, 200);
}

static int refuse(web *w, const community_access *acc, const char *why, int status)
{
	web_flash_error(w, why);
	return show_chat(w, acc, status);
}

/* chat_new.in_tx of a message the word filter holds. */
static int hold_message(db *d, long long id, void *arg)
{
	return web_moderation_hold(d, arg, id);
}

int page_chat_post(web *w)
{
	static const field_spec fields[] = {
		{"body", FIELD_TEXT, true, CHAT_BODY_MAX, 0, 0},
	};
	community_access acc;
	form f;
	long long id = 0;
	bool restricted = false;
	int rc = web_community_readable(w, &acc);
	if (rc != MDG_OK)
		return rc;
	if (!acc.may_post) {
		rc = penalty_restricts_posting(w->app->db, w->me.id, &restricted, NULL);
		if (rc != MDG_OK)
			return rc;
		return refuse(w, &acc, !acc.member ? "ChatMembersOnly" : restricted ? "ChatRestricted" : "ChatClosed", 403);
	}
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return refuse(w, &acc, "ChatFix", 400);
	web_moderation mod;
	const char *body = form_text(&f, "body");
	rc = web_moderate(w, "chat", w->me.id, NULL, &body, &mod);
	chat_new m = {
		.community_id = acc.id,
		.author_id = w->me.id,
		.body = body,
		.in_tx = hold_message,
		.in_tx_arg = &mod,
	};
	char at[IDEM_LOCATION_MAX + 1];
	snprintf(at, sizeof at, "/c/%s/chat?done=%s#chat-", acc.slug, mod.held ? "held" : "sent");
	idem_key idem;
	bool replayed = rc == MDG_OK && web_idem_start(w, &idem, at, NULL, NULL, &rc);
	if (rc == MDG_OK && !replayed) {
		rc = chat_post(w->app->db, &m, &id);
		replayed = web_idem_raced(w, &idem, rc);
		rc = replayed ? MDG_OK : rc;
	}
	bool held = mod.held;
	web_moderation_free(&mod);
	if (replayed)
		return rc;
	if (rc == MDG_ETHROTTLED)
		return refuse(w, &acc, "ChatThrottled", 429);
	if (rc == MDG_EINVAL)
		return refuse(w, &acc, "ChatFix", 400);
	if (rc != MDG_OK)
		return rc;
	/* Stored: the listeners get it now; if nchan does not take it, the
	 * next page load shows it all the same (logged). */
	char *json = NULL;
	if (!held && chat_message_json(w->app->db, id, &json) == MDG_OK)
		(void)chat_publish(hdf_get_value(w->app->cfg, "chat.publish_url", NULL),
				   hdf_get_value(w->app->cfg, "chat.publish_socket", NULL), acc.id, json);
	free(json);
	web_redirect(w, "/c/%s/chat?done=%s#chat-%lld", acc.slug, held ? "held" : "sent", id);
	return MDG_OK;
}

/* nchan's question before a subscription to /chat/sub/{id}: 200 for an
 * active member who may read the community, 403 for anyone else. Reached
 * only through nginx's internal location (never from outside). */
int page_chat_auth(web *w)
{
	community_access acc;
	long long id = web_param_id(w);
	int status = 403;
	if (id && w->signed_in) {
		int rc = community_access_get(w->app->db, NULL, id, &w->who, w->staff ? &w->perm : NULL, &acc);
		if (rc == MDG_OK && acc.readable && acc.member)
			status = 200;
		else if (rc != MDG_OK && rc != MDG_ENOTFOUND)
			return rc;
	}
	w->r->status = status;
	w->content_type = "text/plain; charset=utf-8";
	buf_puts(&w->r->body, status == 200 ? "ok\n" : "forbidden\n");
	return MDG_OK;
}
