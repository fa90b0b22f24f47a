/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* chat.h: a community's live chat (대화방, issue 14 section 5). Messages
 * are stored here (chat_messages, 0054) and then published to nginx's
 * nchan module, which holds every member's connection (EventSource or
 * WebSocket): madang-web never keeps a worker per listener. nchan asks
 * madang-web whether a subscription may be made (the page's auth
 * endpoint, community_access_get); the publisher endpoint is nginx's,
 * on a local socket only (deploy/nginx/madang.conf).
 *
 * The gates a message passes (throttle, word filter, restriction) are the
 * caller's, as for every kind of public text ('chat'). */
#ifndef MDG_CHAT_H
#define MDG_CHAT_H
#include <stdbool.h>

#include "db/db.h"

#define CHAT_BODY_MAX 1000   /* characters */
#define CHAT_PAGE_SIZE 50    /* messages a page of the history */

/* A new message; in_tx (may be NULL) runs in the storing transaction with
 * the new id (a held message's moderation_held_in_tx). */
typedef struct chat_new {
	long long community_id;
	long long author_id;
	const char *body;
	int (*in_tx)(db *d, long long id, void *arg);
	void *in_tx_arg;
} chat_new;

/* Stores m (and records activity in its community): *id the new
 * message's. MDG_EINVAL for an empty body or one over CHAT_BODY_MAX. */
int chat_post(db *d, const chat_new *m, long long *id);

/* One page (1 = the newest) of community_id's history as the viewer
 * sees it (visible and deleted messages, a placeholder for the latter,
 * and the viewer's own held or hidden ones): id, author, author_id,
 * body, moderation, created (minutes), mine; oldest first within the
 * page. *total counts the messages the viewer sees. */
int chat_history(db *d, long long community_id, long long viewer_id, long page, db_result **out, long *total);

/* Message id as the listeners receive it: a JSON object with id, author,
 * body and created (jansson's escaping; the client inserts text only).
 * *json malloc'd. MDG_ENOTFOUND unless visible. */
int chat_message_json(db *d, long long id, char **json);

/* Publishes json on community_id's channel (nchan's channel id is the
 * community's id) through nchan's publisher
 * endpoint: url is the publisher location's prefix (the channel id is
 * appended), socket a unix socket to reach it by (NULL: url's host).
 * MDG_OK, MDG_ETEMPFAIL (logged) when nchan did not take it: the message
 * is stored anyway and the next page load shows it. */
int chat_publish(const char *url, const char *socket, long long community_id, const char *json);

#endif
