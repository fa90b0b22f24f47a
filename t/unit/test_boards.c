/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_boards.c: which files each kind of community board takes
 * (lib/communities/board.c board_file_allowed): a gallery images only, a
 * files board documents only, the others both, as case_sniff_type names
 * the types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "communities/board.h"

static void test_file_types(void **state)
{
	(void)state;
	assert_true(board_file_allowed(BOARD_GALLERY, "image/png"));
	assert_true(board_file_allowed(BOARD_GALLERY, "image/jpeg"));
	assert_false(board_file_allowed(BOARD_GALLERY, "application/pdf"));
	assert_false(board_file_allowed(BOARD_GALLERY, "text/plain"));
	assert_true(board_file_allowed(BOARD_FILES, "application/pdf"));
	assert_true(board_file_allowed(BOARD_FILES, "text/plain"));
	assert_false(board_file_allowed(BOARD_FILES, "image/webp"));
	for (int b = BOARD_NOTICE; b <= BOARD_QNA; b++) {
		assert_true(board_file_allowed((enum community_board)b, "image/gif"));
		assert_true(board_file_allowed((enum community_board)b, "application/pdf"));
	}
	/* A type the sniffer refused is never allowed. */
	assert_false(board_file_allowed(BOARD_FREE, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
