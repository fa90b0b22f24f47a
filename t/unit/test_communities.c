/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_communities.c: the rules of lib/communities that need no database:
 * names both ways, the addresses a community may take, what templates
 * preset, who sees and does what (access), what a manager's action on a
 * member does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "communities/community.h"
#include "core/mdg.h"

static void test_names(void **state)
{
	(void)state;
	enum community_template t;
	enum community_visibility v;
	enum community_board b;
	community_member_action a;
	assert_true(community_template_parse("staff", &t));
	assert_int_equal(t, TEMPLATE_STAFF);
	assert_false(community_template_parse("Staff", &t));
	assert_false(community_template_parse(NULL, &t));
	assert_true(community_visibility_parse("unlisted", &v));
	assert_int_equal(v, VISIBILITY_UNLISTED);
	assert_true(community_board_parse("qna", &b));
	assert_string_equal(community_board_name(b), "qna");
	assert_true(community_member_action_parse("demote", &a));
	assert_int_equal(a, MEMBER_DEMOTE);
	assert_false(community_member_action_parse("delete", &a));
	assert_string_equal(community_role_name(CROLE_OWNER), "owner");
	assert_string_equal(community_state_name(COMMUNITY_ARCHIVED), "archived");
}

static void test_slugs(void **state)
{
	(void)state;
	assert_true(community_slug_valid("jung-gu-walkers"));
	assert_true(community_slug_valid("abc"));
	assert_true(community_slug_valid("team2027"));
	assert_false(community_slug_valid("ab"));
	assert_false(community_slug_valid("-abc"));
	assert_false(community_slug_valid("abc-"));
	assert_false(community_slug_valid("a--b"));
	assert_false(community_slug_valid("Abc"));
	assert_false(community_slug_valid("a_b_c"));
	assert_false(community_slug_valid("주민모임"));
	assert_false(community_slug_valid("new"));
	assert_false(community_slug_valid(""));
	assert_false(community_slug_valid(NULL));
	char longest[COMMUNITY_SLUG_MAX + 2];
	memset(longest, 'a', COMMUNITY_SLUG_MAX);
	longest[COMMUNITY_SLUG_MAX] = '\0';
	assert_true(community_slug_valid(longest));
	longest[COMMUNITY_SLUG_MAX] = 'a';
	longest[COMMUNITY_SLUG_MAX + 1] = '\0';
	assert_false(community_slug_valid(longest));
}

static void test_presets(void **state)
{
	(void)state;
	const community_preset *staff = community_template_preset(TEMPLATE_STAFF);
	const community_preset *resident = community_template_preset(TEMPLATE_RESIDENT);
	assert_non_null(staff);
	assert_true(staff->staff_only);
	assert_false(resident->staff_only);
	assert_int_equal(resident->visibility, VISIBILITY_PUBLIC);
	assert_true(resident->boards & BOARD_BIT(BOARD_NOTICE));
	assert_int_equal(community_template_preset(TEMPLATE_STUDY)->membership, MEMBERSHIP_APPROVAL);
	assert_null(community_template_preset(TEMPLATE__COUNT));
}

/* A community with these facts, as community_access_get would start it. */
static community_access facts(enum community_state s, enum community_visibility v, enum community_membership m,
			      bool staff_only)
{
	community_access a;
	memset(&a, 0, sizeof a);
	a.state = s;
	a.visibility = v;
	a.membership = m;
	a.staff_only = staff_only;
	return a;
}

static void test_access_public(void **state)
{
	(void)state;
	community_access a = facts(COMMUNITY_ACTIVE, VISIBILITY_PUBLIC, MEMBERSHIP_OPEN, false);
	/* Nobody signed in reads, cannot join or post. */
	community_access_decide(&a, false, NULL, NULL, false, false);
	assert_true(a.readable);
	assert_true(a.listed);
	assert_false(a.may_join);
	assert_false(a.may_post);
	/* A citizen may join; a member posts; a manager manages. */
	community_access_decide(&a, false, NULL, NULL, true, false);
	assert_true(a.may_join);
	community_access_decide(&a, false, "active", "member", true, false);
	assert_true(a.member);
	assert_true(a.may_post);
	assert_false(a.may_manage);
	community_access_decide(&a, false, "active", "manager", true, false);
	assert_true(a.may_manage);
	assert_int_equal(a.role, CROLE_MANAGER);
	/* A banned person reads what is public but may not join again. */
	community_access_decide(&a, false, "banned", "member", true, false);
	assert_true(a.readable);
	assert_false(a.may_join);
	assert_false(a.member);
	assert_int_equal(a.role, CROLE_NONE);
}

static void test_access_members_only(void **state)
{
	(void)state;
	community_access a = facts(COMMUNITY_ACTIVE, VISIBILITY_LISTED, MEMBERSHIP_APPROVAL, false);
	community_access_decide(&a, false, NULL, NULL, true, false);
	assert_false(a.readable);
	assert_true(a.listed);
	assert_true(a.may_join);
	community_access_decide(&a, false, "pending", "member", true, false);
	assert_false(a.readable);
	assert_false(a.may_join);
	assert_true(a.pending);
	community_access_decide(&a, false, "active", "member", true, false);
	assert_true(a.readable);
	/* Unlisted: not there for anyone but members (and the invited). */
	a = facts(COMMUNITY_ACTIVE, VISIBILITY_UNLISTED, MEMBERSHIP_INVITE, false);
	community_access_decide(&a, false, NULL, NULL, true, false);
	assert_false(a.readable);
	assert_false(a.listed);
	assert_false(a.may_join);
	community_access_decide(&a, false, "invited", "member", true, false);
	assert_true(a.listed);
	assert_true(a.may_join);
	assert_false(a.readable);
	/* A supervisor over it reads and governs without being a member. */
	community_access_decide(&a, true, NULL, NULL, true, true);
	assert_true(a.readable);
	assert_true(a.may_govern);
	assert_false(a.may_post);
}

static void test_access_staff_and_states(void **state)
{
	(void)state;
	community_access a = facts(COMMUNITY_ACTIVE, VISIBILITY_PUBLIC, MEMBERSHIP_OPEN, true);
	/* A staff-only community is not open to citizens, even "public". */
	community_access_decide(&a, false, NULL, NULL, true, false);
	assert_false(a.readable);
	assert_false(a.may_join);
	community_access_decide(&a, true, NULL, NULL, true, false);
	assert_true(a.readable);
	assert_true(a.may_join);
	/* Suspended: members read, nobody posts or joins; managers manage. */
	a = facts(COMMUNITY_SUSPENDED, VISIBILITY_PUBLIC, MEMBERSHIP_OPEN, false);
	community_access_decide(&a, false, "active", "owner", true, false);
	assert_true(a.readable);
	assert_false(a.may_post);
	assert_true(a.may_manage);
	community_access_decide(&a, false, NULL, NULL, true, false);
	assert_false(a.may_join);
	/* Archived: read only. Closed: gone for all but its supervisors. */
	a = facts(COMMUNITY_ARCHIVED, VISIBILITY_PUBLIC, MEMBERSHIP_OPEN, false);
	community_access_decide(&a, false, "active", "owner", true, false);
	assert_true(a.readable);
	assert_false(a.may_post);
	assert_false(a.may_manage);
	a = facts(COMMUNITY_CLOSED, VISIBILITY_PUBLIC, MEMBERSHIP_OPEN, false);
	community_access_decide(&a, false, "active", "owner", true, false);
	assert_false(a.readable);
	assert_false(a.listed);
	community_access_decide(&a, true, NULL, NULL, true, true);
	assert_true(a.readable);
}

static void test_member_actions(void **state)
{
	(void)state;
	const char *st = NULL, *role = NULL;
	int delta = 9;
	assert_int_equal(community_member_plan(MEMBER_APPROVE, CROLE_MANAGER, "pending", CROLE_MEMBER, &st, &role,
					       &delta),
			 MDG_OK);
	assert_string_equal(st, "active");
	assert_int_equal(delta, 1);
	assert_int_equal(community_member_plan(MEMBER_APPROVE, CROLE_MANAGER, "active", CROLE_MEMBER, &st, &role,
					       &delta),
			 MDG_ECONFLICT);
	assert_int_equal(community_member_plan(MEMBER_BAN, CROLE_MANAGER, "active", CROLE_MEMBER, &st, &role, &delta),
			 MDG_OK);
	assert_string_equal(st, "banned");
	assert_int_equal(delta, -1);
	/* A ban of someone outside takes no member from the count. */
	assert_int_equal(community_member_plan(MEMBER_BAN, CROLE_MANAGER, "left", CROLE_MEMBER, &st, &role, &delta),
			 MDG_OK);
	assert_int_equal(delta, 0);
	/* Managers do not act on managers or the owner; only the owner
	 * promotes and demotes. */
	assert_int_equal(community_member_plan(MEMBER_REMOVE, CROLE_MANAGER, "active", CROLE_MANAGER, &st, &role,
					       &delta),
			 MDG_EDENIED);
	assert_int_equal(community_member_plan(MEMBER_BAN, CROLE_OWNER, "active", CROLE_OWNER, &st, &role, &delta),
			 MDG_EDENIED);
	assert_int_equal(community_member_plan(MEMBER_PROMOTE, CROLE_MANAGER, "active", CROLE_MEMBER, &st, &role,
					       &delta),
			 MDG_EDENIED);
	assert_int_equal(community_member_plan(MEMBER_PROMOTE, CROLE_OWNER, "active", CROLE_MEMBER, &st, &role,
					       &delta),
			 MDG_OK);
	assert_string_equal(role, "manager");
	assert_int_equal(community_member_plan(MEMBER_DEMOTE, CROLE_OWNER, "active", CROLE_MEMBER, &st, &role,
					       &delta),
			 MDG_ECONFLICT);
	assert_int_equal(community_member_plan(MEMBER_UNBAN, CROLE_MANAGER, "banned", CROLE_MEMBER, &st, &role,
					       &delta),
			 MDG_OK);
	assert_string_equal(st, "left");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_slugs),
		cmocka_unit_test(test_presets),
		cmocka_unit_test(test_access_public),
		cmocka_unit_test(test_access_members_only),
		cmocka_unit_test(test_access_staff_and_states),
		cmocka_unit_test(test_member_actions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
