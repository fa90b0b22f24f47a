/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page.c: one page of a list with the list's total. */
#include "db/page.h"
#include "core/log.h"
#include "core/mdg.h"

#include <stdlib.h>

int db_count_page(db *d, const char *count_sql, const db_arg *count_args, size_t ncount, const char *page_sql,
		  const db_arg *page_args, size_t npage, long page, long page_size, db_result **out, long *total)
{
	db_arg args[DB_PAGE_MAX_ARGS + 2];
	db_result *count = NULL;
	*out = NULL;
	*total = 0;
	if (npage > DB_PAGE_MAX_ARGS) {
		/* A statement with more parameters than the array: a bug. */
		log_error("db_count_page: %zu parameters, at most %d", npage, DB_PAGE_MAX_ARGS);
		abort();
	}
	int rc = db_query(d, &count, count_sql, count_args, ncount);
	if (rc != MDG_OK)
		return rc;
	long n = (long)db_get_ll(count, 0, "n", 0);
	db_result_free(count);
	for (size_t i = 0; i < npage; i++)
		args[i] = page_args[i];
	args[npage] = DB_INT((long long)page_size);
	args[npage + 1] = DB_INT((long long)(page - 1) * page_size);
	rc = db_query(d, out, page_sql, args, npage + 2);
	if (rc == MDG_OK)
		*total = n;
	return rc;
}
