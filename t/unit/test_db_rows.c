/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_db_rows.c: reading a result by column name (db_get, db_get_ll,
 * db_rows_hdf, db_rows_hdf_move), and the typed parameters a statement
 * is given (DB_ARGS). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"

/* A result as db_query makes it: two rows of (id, title, closed). */
static db_result *two_rows(void)
{
	static const char *const names[] = {"id", "title", "closed"};
	static const char *const cells[] = {"7", "가로등", NULL, "12", "pothole", "2026-12-01"};
	db_result *r = calloc(1, sizeof *r);
	r->nrows = 2;
	r->ncols = 3;
	r->names = calloc(3, sizeof *r->names);
	r->cells = calloc(6, sizeof *r->cells);
	r->lens = calloc(6, sizeof *r->lens);
	for (int c = 0; c < 3; c++)
		r->names[c] = strdup(names[c]);
	for (int i = 0; i < 6; i++) {
		r->cells[i] = cells[i] ? strdup(cells[i]) : NULL;
		r->lens[i] = cells[i] ? strlen(cells[i]) : 0;
	}
	return r;
}

static void test_cells_by_name(void **state)
{
	(void)state;
	db_result *r = two_rows();
	assert_int_equal(db_col(r, "title"), 1);
	assert_int_equal(db_col(r, "missing"), -1);
	assert_string_equal(db_get(r, 0, "title", "-"), "가로등");
	assert_string_equal(db_get(r, 1, "closed", "-"), "2026-12-01");
	assert_string_equal(db_get(r, 0, "closed", "-"), "-"); /* SQL NULL */
	assert_string_equal(db_get(r, 2, "title", "-"), "-");  /* past the last row */
	assert_int_equal(db_get_ll(r, 1, "id", -1), 12);
	assert_int_equal(db_get_ll(r, 0, "closed", -1), -1);
	assert_string_equal(db_get(NULL, 0, "title", "none"), "none");
	db_result_free(r);
}

static void test_rows_into_hdf_by_name(void **state)
{
	(void)state;
	db_result *r = two_rows();
	HDF *hdf = NULL;
	assert_null(hdf_init(&hdf));
	db_rows_hdf(r, hdf, "Cases");
	assert_string_equal(hdf_get_value(hdf, "Cases.0.id", ""), "7");
	assert_string_equal(hdf_get_value(hdf, "Cases.0.title", ""), "가로등");
	assert_null(hdf_get_value(hdf, "Cases.0.closed", NULL)); /* NULL cells are left out */
	assert_string_equal(hdf_get_value(hdf, "Cases.1.closed", ""), "2026-12-01");
	assert_null(hdf_get_obj(hdf, "Cases.2"));
	db_row_hdf(r, 1, hdf, "Case");
	assert_string_equal(hdf_get_value(hdf, "Case.title", ""), "pothole");
	hdf_destroy(&hdf);
	db_result_free(r);
}

/* The moving variant: the same tree, the values handed over (the tree
 * frees them: a double free shows under the sanitizers), the cells left
 * NULL; row numbers of more than one digit. */
static void test_rows_moved_into_hdf(void **state)
{
	(void)state;
	db_result *r = two_rows();
	char *title = r->cells[1];
	HDF *hdf = NULL;
	assert_null(hdf_init(&hdf));
	db_rows_hdf_move(r, hdf, "Cases");
	assert_string_equal(hdf_get_value(hdf, "Cases.0.title", ""), "가로등");
	assert_ptr_equal(hdf_get_value(hdf, "Cases.0.title", ""), title); /* not copied */
	assert_null(hdf_get_value(hdf, "Cases.0.closed", NULL));
	assert_string_equal(hdf_get_value(hdf, "Cases.1.closed", ""), "2026-12-01");
	for (unsigned i = 0; i < 6; i++)
		assert_null(r->cells[i]);
	db_result_free(r);
	db_rows_hdf_move(NULL, hdf, "None");
	assert_null(hdf_get_obj(hdf, "None"));
	hdf_destroy(&hdf);

	/* Rows 0 to 11: names of two digits, in order. */
	r = calloc(1, sizeof *r);
	r->nrows = 12;
	r->ncols = 1;
	r->names = calloc(1, sizeof *r->names);
	r->names[0] = strdup("n");
	r->cells = calloc(12, sizeof *r->cells);
	r->lens = calloc(12, sizeof *r->lens);
	char v[16];
	for (int i = 0; i < 12; i++) {
		snprintf(v, sizeof v, "v%d", i);
		r->cells[i] = strdup(v);
	}
	assert_null(hdf_init(&hdf));
	db_rows_hdf(r, hdf, "Rows");
	int i = 0;
	for (HDF *c = hdf_obj_child(hdf_get_obj(hdf, "Rows")); c; c = hdf_obj_next(c), i++) {
		snprintf(v, sizeof v, "%d", i);
		assert_string_equal(hdf_obj_name(c), v);
		snprintf(v, sizeof v, "v%d", i);
		assert_string_equal(hdf_get_value(c, "n", ""), v);
	}
	assert_int_equal(i, 12);
	hdf_destroy(&hdf);
	db_result_free(r);
}

/* Each DB_* macro keeps its value under the type it names; DB_ARGS counts
 * them. */
static long long count_and_check(const db_arg *args, size_t n)
{
	assert_int_equal(n, 4);
	assert_int_equal(args[0].type, DB_ARG_STR);
	assert_string_equal(args[0].str, "ko");
	assert_int_equal(args[1].type, DB_ARG_INT);
	assert_int_equal(args[1].num, 42);
	assert_int_equal(args[2].type, DB_ARG_ID);
	assert_int_equal(args[2].num, 0);
	assert_int_equal(args[3].type, DB_ARG_BLOB);
	assert_int_equal(args[3].len, 3);
	return (long long)n;
}

static void test_typed_arguments(void **state)
{
	(void)state;
	assert_int_equal(count_and_check(DB_ARGS(DB_STR("ko"), DB_INT(42), DB_ID(0), DB_BLOB("abc", 3))), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_by_name),
		cmocka_unit_test(test_rows_into_hdf_by_name),
		cmocka_unit_test(test_rows_moved_into_hdf),
		cmocka_unit_test(test_typed_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
