/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* audit.h: the append-only audit log: administrative changes and staff
 * views of citizens' personal data. */
#ifndef MDG_AUDIT_H
#define MDG_AUDIT_H
#include "db/db.h"

/* Who acts, from where: passed to every function that audits. */
typedef struct actor {
	long long account_id;
	const char *client_addr;
} actor;

/* Appends one entry (in the caller's transaction, if any): object_type
 * ("department", "staff", "category", "case", "account", …), its id,
 * the action ("create", "view_contact", …) and a short detail (may be
 * NULL; longer than 1000 bytes is cut at a character boundary). */
int audit_write(db *d, const actor *who, const char *object_type, const char *object_id,
		const char *action, const char *detail);

typedef struct audit_filter {
	long long account_id;   /* 0: anyone */
	const char *object_type;/* NULL: any */
	const char *action;     /* NULL: any */
	const char *from;       /* "YYYY-MM-DD" or NULL */
	const char *to;         /* "YYYY-MM-DD" (inclusive) or NULL */
	long page;              /* from 1; 0 = every row (CSV export) */
} audit_filter;

#define AUDIT_PAGE_SIZE 50

/* Entries newest first, columns named id, at, account_id, login, name,
 * addr (the client's), object_type, object_id, action, detail (in that
 * order). *total counts all matches. */
int audit_list(db *d, const audit_filter *f, db_result **out, long *total);

#endif
