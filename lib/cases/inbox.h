/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* inbox.h: the handlers' inbox: cases within a staff member's scope by
 * view, filters, full-text search, sort and page. */
#ifndef MDG_INBOX_H
#define MDG_INBOX_H
#include <stdbool.h>

#include "db/db.h"

#define INBOX_PAGE_SIZE 20
#define INBOX_MAX_PAGE 5000
/* A search counts its matches up to this many (see inbox_list). */
#define INBOX_SEARCH_CAP 100

enum inbox_view {
	INBOX_DEPARTMENT, /* every case of a department in my scope */
	INBOX_MINE,       /* cases I am a handler of */
	INBOX_OVERDUE,    /* open and past their deadline */
	INBOX_DUE_SOON,   /* open and due within two days */
	INBOX_UNPLACED,   /* no rule could place them (global supervisors) */
	INBOX_VIEW__MAX
};

enum inbox_sort {
	INBOX_SORT_FILED,
	INBOX_SORT_DUE,
	INBOX_SORT_STATUS,
	INBOX_SORT__MAX
};

/* What to list; the caller validates every value. */
typedef struct inbox_filter {
	long long account_id;  /* whose scope */
	enum inbox_view view;
	const char *status;    /* a case status, or NULL: any */
	long long category_id; /* 0: any */
	const char *channel;   /* "web", "email", …, or NULL: any */
	const char *from;      /* filed on or after "YYYY-MM-DD", or NULL */
	const char *to;        /* filed on or before "YYYY-MM-DD", or NULL */
	bool overdue;          /* only cases past their deadline */
	const char *words;     /* search words (title and body), or NULL */
	enum inbox_sort sort;
	bool desc;
	long page;             /* from 1 */
} inbox_filter;

/* Names as used in URLs; NULL or MDG_EINVAL for unknown ones. */
const char *inbox_view_name(enum inbox_view v);
int inbox_view_parse(const char *name, enum inbox_view *out);
const char *inbox_sort_name(enum inbox_sort s);
int inbox_sort_parse(const char *name, enum inbox_sort *out);
/* True for the channels a case can come by. */
bool inbox_channel_valid(const char *channel);

/* A page of the cases f selects, only those in staff_scope of
 * f->account_id (the unplaced view: only for a global supervisor or
 * system administrator, else empty): id, tracking, title, status, date
 * (filed), category (in lang), department (in lang), due (a date),
 * overdue (1/0), version, public, handlers (names, ", "). *total
 * counts every match, except that a search of the department, overdue or
 * due-soon views stops counting past INBOX_SEARCH_CAP: then *more is set
 * and *total is the cap (the pages up to it are exact; the words of a
 * common term match thousands of cases, and counting them all costs
 * Mroonga a fetch of every one).
 * The caller frees *out, which stays NULL when the search words leave
 * nothing to search for (only quotes, say): nothing matches. */
int inbox_list(db *d, const inbox_filter *f, const char *lang, db_result **out, long *total, bool *more);

/* Handlers a manager may hand cases to: active members of departments
 * the account manages who may handle there: id (the account), name,
 * department (its name in lang), department_id. */
int inbox_assignable(db *d, long long account_id, const char *lang, db_result **out);

#endif
