/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page.h: one page of a list with the list's total, the count-then-page
 * pair of statements written once. */
#ifndef MDG_DB_PAGE_H
#define MDG_DB_PAGE_H
#include "db/db.h"

/* Most parameters of a page statement before its LIMIT and OFFSET. */
#define DB_PAGE_MAX_ARGS 30

/* Runs count_sql (one row with the total as column n) and then page_sql,
 * whose text ends with "LIMIT ? OFFSET ?": its parameters are page_args
 * followed by page_size and (page - 1) * page_size (page from 1). The
 * two statements take the same filters, each its own parameters:
 *   db_count_page(d, "SELECT COUNT(*) AS n FROM t WHERE k = ?", DB_ARGS(DB_INT(k)),
 *                 "SELECT ... FROM t WHERE k = ? ORDER BY id LIMIT ? OFFSET ?", DB_ARGS(DB_INT(k)),
 *                 page, 20, &rows, &total);
 * *out (the caller frees it) is NULL and *total 0 on failure. */
int db_count_page(db *d, const char *count_sql, const db_arg *count_args, size_t ncount, const char *page_sql,
		  const db_arg *page_args, size_t npage, long page, long page_size, db_result **out, long *total);

#endif
