/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* open311.h: the Open311 GeoReport v2 API's data (db/migrations/
 * 0025_open311.sql): client keys, services and their questions, filing
 * and reading service requests, the updates feed. The formats (JSON,
 * XML) are app/web/page_open311.c's. */
#ifndef MDG_OPEN311_H
#define MDG_OPEN311_H
#include <stdbool.h>
#include <stddef.h>

#include "core/crypto.h"
#include "db/db.h"
#include "org/audit.h"

#define OPEN311_NAME_MAX 100        /* a client's name, characters */
#define OPEN311_RATE_MAX 1000000    /* POSTs a minute */
#define OPEN311_DESCRIPTION_MAX 4000 /* characters: GeoReport gives none */
#define OPEN311_FIELD_MAX 100       /* names, device_id, account_id */
#define OPEN311_URL_MAX 500         /* media_url */
#define OPEN311_ANSWER_MAX 1000     /* one attribute's value */
#define OPEN311_PAGE_MAX 1000       /* the specification's default limit */
#define OPEN311_IDS_MAX 100         /* service_request_id=a,b,... */
#define OPEN311_TITLE_CHARS 60      /* the case title cut from the description */

/* ------------------------------------------------------------ the keys */

/* Creates a client with a new random key (shown once: key gets it, the
 * database keeps its SHA-256) and the guest account that owns the cases
 * it files without a contact; audited. MDG_OK with *id set. */
int open311_client_create(db *d, const actor *who, const char *name, long rate_per_min,
			  char key[CRYPTO_TOKEN_TEXT], long long *id);
/* The same with a given key (the demo's published one, a benchmark's). */
int open311_client_create_with_key(db *d, const actor *who, const char *name, long rate_per_min,
				   const char *key, long long *id);
/* Revokes a client's key; audited. MDG_ENOTFOUND when absent or revoked. */
int open311_client_revoke(db *d, const actor *who, long long id);
/* Every client, newest first: id, name, prefix, rate, created, revoked
 * (NULL while valid), last_used (NULL when never), used (POSTs in the
 * current minute), creator (a name). */
int open311_client_list(db *d, db_result **out);

/* The client holding key, counted against its rate and marked used.
 * MDG_OK with *client_id and *guest_id, MDG_EDENIED for an unknown or
 * revoked key, MDG_ETHROTTLED over the minute's rate. */
int open311_client_auth(db *d, const char *key, long long *client_id, long long *guest_id);

/* ------------------------------------------------------------ services */

/* Active categories as services: code (the category id), name, group (the
 * department's name), questions (how many attributes). */
int open311_services(db *d, const char *lang, db_result **out);
/* One active category's questions, in order: id, code, datatype,
 * required, question, value_list. MDG_ENOTFOUND for no such service. */
int open311_questions(db *d, long long category_id, const char *lang, db_result **out);

/* A supervisor's question (category_questions). */
typedef struct open311_question {
	long long category_id;
	const char *code;        /* [a-z0-9_], 1-50 */
	const char *datatype;    /* one of open311_datatype_valid */
	bool required;
	const char *question_ko, *question_en;
	const char *value_list;  /* "key=name" lines, or NULL */
	long sort_order;
} open311_question;
/* True for the GeoReport v2 datatypes. */
bool open311_datatype_valid(const char *datatype);
/* Every category's questions for the editor, by category: category_id,
 * department_id (0 for none), category (in lang), code, datatype,
 * required, question_ko, question_en, value_list, sort_order; a
 * category without questions has one row with code NULL. */
int open311_question_list(db *d, const char *lang, db_result **out);
/* The department of a category (0 for none). MDG_ENOTFOUND when absent. */
int open311_category_department(db *d, long long category_id, long long *department_id);
/* Adds a question or changes the one with its code; audited. MDG_EINVAL
 * for no such category. */
int open311_question_save(db *d, const actor *who, const open311_question *q);
/* Removes one; audited. MDG_ENOTFOUND when absent. */
int open311_question_delete(db *d, const actor *who, long long category_id, const char *code);

/* ------------------------------------------------------------ requests */

/* The answers a case's filing gave to its category's questions, in the
 * questions' order: question (in lang), answer (as stored: a list's
 * keys), datatype, value_list (open311_answer_shown). None for most cases. */
int open311_case_answers(db *d, long long case_id, const char *lang, db_result **out);

/* A POSTed request, validated by the caller. */
typedef struct open311_filing {
	long long client_id, guest_id;
	long long category_id;
	const char *description;
	const char *latitude, *longitude; /* decimal text, or NULL */
	const char *address;              /* address_string or address_id, or NULL */
	const char *email;                /* valid, or NULL */
	const char *mobile;               /* normalised, or NULL */
	const char *name;                 /* first and last name, or NULL */
	const char *device_id, *client_account, *media_url; /* or NULL */
	const char *lang;
	size_t nanswers;
	const long long *question_ids;    /* nanswers answers */
	const char *const *answers;
} open311_filing;

/* Files the request as a case (case_file, channel 'open311'): the
 * citizen's account from their e-mail or phone (account_for_contact),
 * else the client's guest; the answers and the client's fields in the
 * same transaction. tracking as for case_file. */
int open311_file(db *d, const open311_filing *f, const char *uploads_dir, char *tracking);

/* GET requests' filters. Dates are "YYYY-MM-DD HH:MM:SS" in the
 * database's zone (open311_parse_w3c). */
typedef struct open311_query {
	const char *ids;         /* tracking numbers "a,b,c" (checked), or NULL */
	long long category_id;   /* 0: any */
	const char *start, *end; /* or NULL */
	const char *status;      /* "open", "closed" or NULL */
	bool recent;             /* only the last 90 days (no other span given) */
	long page, page_size;
} open311_query;

/* Public cases matching q, newest first: id (tracking), status (the
 * case's), service_code, service_name, description, agency, requested,
 * updated, expected (W3C without the zone, or NULL), address, lat, lng,
 * media_url. Private cases never; the filer's fields never. */
int open311_requests(db *d, const open311_query *q, const char *lang, db_result **out);
/* Whether a case status is "closed" in GeoReport's two states. */
bool open311_status_closed(const char *status);

/* The public events of public cases (servicerequestupdates): update_id,
 * id (tracking), kind, status (the case's now), updated, note (an
 * answer's text, else NULL), from start to end (either NULL), oldest
 * first, one page of page_size. */
int open311_updates(db *d, const char *start, const char *end, long page, long page_size, db_result **out);

/* ------------------------------------------------------------ parsing */

/* A W3C date-time (YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM);
 * without a zone the database's) as "YYYY-MM-DD HH:MM:SS" in the zone
 * db_zone ("+09:00") into out[20]. MDG_OK or MDG_EINVAL. */
int open311_parse_w3c(const char *in, const char *db_zone, char out[20]);
/* A coordinate in [-limit, limit] with at most 6 decimals, plain decimal
 * text (no exponent, no spaces). */
bool open311_coordinate_valid(const char *s, int limit);
/* A list value: key in the question's "key=name" lines. */
bool open311_list_has(const char *value_list, const char *key);
/* An answer as people read it (a new string): for the list datatypes
 * the names of its keys (a multivaluelist's joined by ", "), a key no
 * longer in value_list as itself; any other answer unchanged. */
char *open311_answer_shown(const char *datatype, const char *value_list, const char *answer);

#endif
