/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_notes.c: who may write a note (쪽지) to whom: two staff members
 * always, anyone else only within a shared community, never oneself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "notes/note.h"

static void test_staff_to_staff(void **state)
{
	(void)state;
	assert_true(note_may_write_decide(1, true, 2, true, false));
	assert_true(note_may_write_decide(1, true, 2, true, true));
}

static void test_shared_community(void **state)
{
	(void)state;
	assert_true(note_may_write_decide(1, false, 2, false, true));
	assert_true(note_may_write_decide(1, true, 2, false, true));  /* staff to a fellow member */
	assert_true(note_may_write_decide(1, false, 2, true, true));  /* a member to a staff member */
}

static void test_strangers(void **state)
{
	(void)state;
	assert_false(note_may_write_decide(1, false, 2, false, false));
	/* Staff write to citizens only where they share a community: no
	 * private channel from the office to anyone it likes. */
	assert_false(note_may_write_decide(1, true, 2, false, false));
	assert_false(note_may_write_decide(1, false, 2, true, false));
}

static void test_not_oneself(void **state)
{
	(void)state;
	assert_false(note_may_write_decide(3, true, 3, true, true));
	assert_false(note_may_write_decide(3, false, 3, false, true));
	assert_false(note_may_write_decide(0, true, 2, true, true));
	assert_false(note_may_write_decide(1, true, 0, true, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_staff_to_staff),
		cmocka_unit_test(test_shared_community),
		cmocka_unit_test(test_strangers),
		cmocka_unit_test(test_not_oneself),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
