/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_rights.c: the pure parts of the "my data" download and of a closed
 * account's name (lib/auth/rights.h, core/text.h): rows as JSON, the safe
 * names of attachments in the ZIP, the closed mark left unmasked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "auth/rights.h"
#include "core/text.h"
#include "core/utf8.h"

/* A result as db_query makes it: two rows of (id, title, closed). */
static char *names[] = {"id", "title", "closed"};
static char *cells[] = {"7", "가로등 \"고장\"", NULL, "12", "pothole", "2026-12-01"};
static unsigned long lens[] = {1, sizeof "가로등 \"고장\"" - 1, 0, 2, 7, 10};
static const db_result two_rows = {2, 3, cells, lens, names};

static void test_rows_as_json(void **state)
{
	(void)state;
	json_t *rows = rights_rows_json(&two_rows);
	char *text = json_dumps(rows, JSON_COMPACT);
	assert_string_equal(text, "[{\"id\":\"7\",\"title\":\"가로등 \\\"고장\\\"\",\"closed\":null},"
				  "{\"id\":\"12\",\"title\":\"pothole\",\"closed\":\"2026-12-01\"}]");
	free(text);
	json_decref(rows);
	/* No result: an empty list. */
	rows = rights_rows_json(NULL);
	assert_int_equal(json_array_size(rows), 0);
	json_decref(rows);
}

static void test_file_names_stay_in_their_folder(void **state)
{
	(void)state;
	char out[RIGHTS_FILE_NAME_MAX];
	rights_file_name("2026-000123", 7, "사진 1.jpg", out);
	assert_string_equal(out, "attachments/2026-000123/7-사진 1.jpg");
	rights_file_name("2026-000123", 8, "../../etc/passwd", out);
	assert_string_equal(out, "attachments/2026-000123/8-_._.._etc_passwd");
	rights_file_name("2026-000123", 9, "a\\b:c\r\n.txt", out);
	assert_string_equal(out, "attachments/2026-000123/9-a_b_c__.txt");
	rights_file_name("2026-000123", 10, "", out);
	assert_string_equal(out, "attachments/2026-000123/10-file");
	rights_file_name("2026-000123", 11, NULL, out);
	assert_string_equal(out, "attachments/2026-000123/11-file");
	/* A broken UTF-8 sequence at the end is replaced, never copied. */
	rights_file_name("2026-000123", 12, "x\xed\x95", out);
	assert_string_equal(out, "attachments/2026-000123/12-x__");
	/* Long names are cut at a character boundary. */
	char name[400] = "";
	for (int i = 0; i < 100; i++)
		strcat(name, "가");
	rights_file_name("2026-000123", 13, name, out);
	size_t prefix = strlen("attachments/2026-000123/13-");
	assert_true(strlen(out) - prefix <= 100);
	assert_int_equal((strlen(out) - prefix) % 3, 0);
}

static void test_closed_mark_is_not_masked(void **state)
{
	(void)state;
	char *m = text_mask_name(PERSON_CLOSED);
	assert_string_equal(m, PERSON_CLOSED);
	free(m);
	m = text_mask_name("홍길동");
	assert_string_equal(m, "홍*동");
	free(m);
	/* No name can be the mark: it is not text any form takes, and a live
	 * account named like its old spelling is a name like any other. */
	assert_false(utf8_valid_text(PERSON_CLOSED, strlen(PERSON_CLOSED)));
	m = text_mask_name("#closed");
	assert_string_equal(m, "#*****d");
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_as_json),
		cmocka_unit_test(test_file_names_stay_in_their_folder),
		cmocka_unit_test(test_closed_mark_is_not_masked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
