/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* community.h: communities (커뮤니티): groups made from a template (resident
 * group, study group, volunteer group, staff working group), each with a
 * membership policy (open, by approval, by invitation), a visibility
 * (public, or members only: listed or unlisted), members with a role
 * (owner, manager, member) and boards.
 *
 * Every page of every part of a community (boards, calendar, chat, notes
 * between members) asks community_access_get what the reader may see and
 * do, and nothing else: a members-only community's content is not there
 * for anyone else, by URL too. */
#ifndef MDG_COMMUNITY_H
#define MDG_COMMUNITY_H
#include <stdbool.h>

#include "db/db.h"
#include "org/audit.h"
#include "org/perm.h"

#define COMMUNITY_SLUG_MIN 3
#define COMMUNITY_SLUG_MAX 40
#define COMMUNITY_NAME_MAX 100
#define COMMUNITY_DESCRIPTION_MAX 2000
#define COMMUNITY_REASON_MAX 255
/* Days without a post, event or message before a community is archived,
 * unless the setting community.archive_days says otherwise. */
#define COMMUNITY_ARCHIVE_DAYS_DEFAULT 365

enum community_template { TEMPLATE_RESIDENT, TEMPLATE_STUDY, TEMPLATE_VOLUNTEER, TEMPLATE_STAFF, TEMPLATE__COUNT };
enum community_membership { MEMBERSHIP_OPEN, MEMBERSHIP_APPROVAL, MEMBERSHIP_INVITE, MEMBERSHIP__COUNT };
enum community_visibility { VISIBILITY_PUBLIC, VISIBILITY_LISTED, VISIBILITY_UNLISTED, VISIBILITY__COUNT };
enum community_state { COMMUNITY_ACTIVE, COMMUNITY_SUSPENDED, COMMUNITY_CLOSED, COMMUNITY_ARCHIVED, COMMUNITY_STATE__COUNT };
enum community_role { CROLE_NONE, CROLE_MEMBER, CROLE_MANAGER, CROLE_OWNER };
/* The kinds of board, in the order a community shows them. */
enum community_board { BOARD_NOTICE, BOARD_FREE, BOARD_QNA, BOARD_GALLERY, BOARD_FILES, BOARD__COUNT };
#define BOARD_BIT(b) (1u << (b))

/* The names the database, forms and URLs use ("resident", "approval",
 * "listed", "suspended", "owner", "qna", ...), and back: false for any
 * other word. */
const char *community_template_name(enum community_template t);
bool community_template_parse(const char *name, enum community_template *out);
const char *community_membership_name(enum community_membership m);
bool community_membership_parse(const char *name, enum community_membership *out);
const char *community_visibility_name(enum community_visibility v);
bool community_visibility_parse(const char *name, enum community_visibility *out);
const char *community_state_name(enum community_state s);
bool community_state_parse(const char *name, enum community_state *out);
const char *community_role_name(enum community_role r);
const char *community_board_name(enum community_board b);
bool community_board_parse(const char *name, enum community_board *out);

/* What a template presets in the wizard (the person may change the
 * membership, the visibility and the boards, never staff_only). */
typedef struct community_preset {
	enum community_membership membership;
	enum community_visibility visibility;
	unsigned boards; /* BOARD_BIT()s */
	bool staff_only; /* only staff join and read it */
} community_preset;
const community_preset *community_template_preset(enum community_template t);

/* True for an address part of 3 to 40 characters from a-z, 0-9 and '-',
 * not starting or ending with '-', no "--", and not a word the site's
 * own paths use ("new", ...). */
bool community_slug_valid(const char *slug);

/* What the wizard collects. */
typedef struct community_input {
	const char *name;
	const char *slug;
	const char *description;
	enum community_template template_kind;
	enum community_membership membership;
	enum community_visibility visibility;
	unsigned boards;          /* BOARD_BIT()s; at least one */
	long long department_id;  /* a staff community's department, or 0 */
} community_input;

/* who creates a community from in and becomes its owner (*id the new
 * community's). MDG_EINVAL for input out of bounds (lengths, slug,
 * no board, a department on a citizens' community, a department that
 * does not exist), MDG_EDENIED when who is not staff and the template is
 * staff only, MDG_ECONFLICT when the slug is taken. Audited. */
int community_create(db *d, const actor *who, const community_input *in, long long *id);

/* What one reader may see and do in one community. */
typedef struct community_access {
	long long id;
	char slug[COMMUNITY_SLUG_MAX + 1];
	enum community_state state;
	enum community_visibility visibility;
	enum community_membership membership;
	enum community_template template_kind;
	bool staff_only;
	long long department_id;
	enum community_role role;  /* the reader's, CROLE_NONE when not an active member */
	bool member;               /* an active member */
	bool pending;              /* asked to join, waiting for a manager */
	bool invited;              /* invited, not yet joined */
	bool banned;
	bool readable;    /* its content (boards, calendar, chat, members) */
	bool listed;      /* shown in the reader's list of communities */
	bool may_join;    /* a join button makes sense (open, approval, or invited) */
	bool may_post;    /* an active member, the community active, the reader not restricted */
	bool may_manage;  /* owner or manager of an active or suspended community */
	bool may_govern;  /* a supervisor over it: suspend, close, reopen */
} community_access;

/* The access of who (account 0: nobody signed in; perm: their staff
 * roles, NULL for a citizen) to the community of slug (or of id when slug
 * is NULL). MDG_ENOTFOUND when there is none, or it is not readable and
 * not listed for who and who is no member, invited or pending (a
 * members-only community is not there for others, by URL too). */
int community_access_get(db *d, const char *slug, long long id, const actor *who, const staff_perm *perm,
			 community_access *out);

/* The pure part of community_access_get: out's rights from its
 * community facts (state, visibility, membership, staff_only, set by the
 * caller) and the reader's: staff or not, their membership's state and
 * role (NULL for none), signed in, a supervisor over it. Restriction by
 * a penalty is the caller's (a database question). */
void community_access_decide(community_access *out, bool reader_staff, const char *member_state, const char *role,
			     bool signed_in, bool governs);

/* who asks to join community id: MDG_OK with *joined true (open, or
 * invited) or false (waiting for approval); MDG_EDENIED when the
 * community takes no such request (by invitation, staff only, banned, not
 * active); MDG_ECONFLICT when already a member or waiting. */
int community_join(db *d, const actor *who, long long id, bool *joined);
/* who leaves community id (or withdraws a request): MDG_ECONFLICT for the
 * owner (ownership is transferred first), MDG_ENOTFOUND when not a member
 * or waiting. */
int community_leave(db *d, const actor *who, long long id);

/* What a manager does to one member. */
typedef enum community_member_action {
	MEMBER_APPROVE,   /* a request to join: becomes a member */
	MEMBER_REJECT,    /* a request to join: refused */
	MEMBER_REMOVE,    /* an active member: out (may ask or be invited again) */
	MEMBER_BAN,       /* anyone: out and kept out */
	MEMBER_UNBAN,     /* a banned person: may ask or be invited again */
	MEMBER_PROMOTE,   /* a member becomes a manager (owner only) */
	MEMBER_DEMOTE,    /* a manager becomes a member (owner only) */
	MEMBER_ACTION__COUNT
} community_member_action;
const char *community_member_action_name(community_member_action a);
bool community_member_action_parse(const char *name, community_member_action *out);

/* The pure part of community_member_act: the new state, role (NULL:
 * unchanged) and member-count change of action on a member in state
 * ("pending", "active", ...) with role target_role, by someone of role
 * by; MDG_EDENIED or MDG_ECONFLICT when it does not apply. */
int community_member_plan(community_member_action action, enum community_role by, const char *state,
			  enum community_role target_role, const char **new_state, const char **new_role, int *delta);

/* who (a manager or the owner of community id) applies action to
 * account_id. MDG_EDENIED when who may not (not a manager; a manager
 * acting on a manager or the owner; anyone acting on themselves; promote
 * and demote by someone not the owner), MDG_ECONFLICT when account_id's
 * state does not allow the action, MDG_ENOTFOUND when they have none.
 * Audited. */
int community_member_act(db *d, const actor *who, long long id, long long account_id,
			 community_member_action action);
/* who (a manager or the owner) invites the account of login_id:
 * MDG_ENOTFOUND for no active account, MDG_EDENIED for a citizen invited
 * to a staff community or who not a manager, MDG_ECONFLICT when already
 * a member, invited or banned. *account_id the invited account's. */
int community_invite(db *d, const actor *who, long long id, const char *login_id, long long *account_id);
/* The owner hands the community to account_id (an active member), and
 * stays on as a manager. Audited. */
int community_transfer(db *d, const actor *who, long long id, long long account_id);

/* A supervisor (perm: global, or over the community's department) sets
 * community id's state to suspended, closed or active, with a reason
 * (required for suspended and closed). Audited. */
int community_govern(db *d, const actor *who, const staff_perm *perm, long long id, enum community_state state,
		     const char *reason);

/* Records activity in community id now (a post, an event, a message):
 * archiving counts from the last one. On the caller's transaction. */
int community_touch(db *d, long long id);
/* Archives active communities without activity for community.archive_days
 * (setting, default COMMUNITY_ARCHIVE_DAYS_DEFAULT) days: read only, never
 * deleted. *archived the number. */
int community_archive_inactive(db *d, long *archived);

/* ---- reading, for the pages (community_view.c) */

/* Communities listed at most on one page of the list. */
#define COMMUNITY_LIST_MAX 50

/* The columns of community_list that are not the reader's (c:
 * communities): slug, name, summary, template, membership, visibility,
 * state, members. */
#define COMMUNITY_LIST_COLUMNS                                                                             \
	" c.slug AS slug, c.name AS name, LEFT(c.description, 160) AS summary,"                           \
	" c.template AS template, c.membership AS membership, c.visibility AS visibility,"                \
	" c.state AS state, c.member_count AS members"
/* The communities reader (account 0: nobody signed in; reader_staff: a
 * staff account) finds in the list, as community_access_decide lists
 * them (never a closed one, never an unlisted one they are not in):
 * those whose name holds words ("" or NULL: any), of template_name (""
 * or NULL: any), only their own (active, pending or invited) when mine;
 * the most recently active first, at most COMMUNITY_LIST_MAX. Rows:
 * slug, name, summary (the description's start), template, membership,
 * visibility, state, members, my_state, my_role. */
int community_list(db *d, long long reader, bool reader_staff, const char *words, const char *template_name,
		   bool mine, db_result **out);
/* Community id for its home page, one row: slug, name, description,
 * template, membership, visibility, state, state_reason, members,
 * created (YYYY-MM-DD), has_image, department (the name in lang of the
 * department whose intranet it is, "" for none). MDG_ENOTFOUND. */
int community_get(db *d, long long id, const char *lang, db_result **out);
/* Its boards in order: kind, position. */
int community_boards(db *d, long long id, db_result **out);
/* Its people: id, login, name, role, state, since (YYYY-MM-DD); every
 * state but "left" when all (a manager's view), else active members
 * only; owner, managers, then members by name. */
int community_people(db *d, long long id, bool all, db_result **out);
/* Sets community id's image to a stored upload (case_store_uploads'
 * name) of type mime, by who (its owner or a manager: the caller checks
 * may_manage). *old gets the replaced stored name ("" for none) for the
 * caller to remove. Audited. */
int community_set_image(db *d, const actor *who, long long id, const char *stored, const char *mime,
			char old[33]);
/* The stored name and type of community id's image: MDG_ENOTFOUND for none. */
int community_image(db *d, long long id, char stored[33], char *mime, size_t mime_len);

#endif
