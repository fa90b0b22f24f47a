/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* community.c: communities: names and templates, creation, the one
 * access check, membership and its management, a supervisor's suspension
 * or closing, archiving of inactive ones. */
#include "communities/community.h"
#include "cases/public_view.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "notify/notice.h"
#include "org/setting.h"
#include "participation/penalty.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *const template_names[TEMPLATE__COUNT] = {"resident", "study", "volunteer", "staff"};
static const char *const membership_names[MEMBERSHIP__COUNT] = {"open", "approval", "invite"};
static const char *const visibility_names[VISIBILITY__COUNT] = {"public", "listed", "unlisted"};
static const char *const state_names[COMMUNITY_STATE__COUNT] = {"active", "suspended", "closed", "archived"};
static const char *const role_names[] = {"none", "member", "manager", "owner"};
static const char *const board_names[BOARD__COUNT] = {"notice", "free", "qna", "gallery", "files"};
static const char *const action_names[MEMBER_ACTION__COUNT] = {"approve", "reject", "remove", "ban",
							       "unban", "promote", "demote"};

/* The index of name in names (n of them), or -1. */
static int name_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

#define NAME_FUNCTIONS(what, type, names, count)                                \
	const char *community_##what##_name(type v)                            \
	{                                                                        \
		return (int)v >= 0 && (int)v < (count) ? names[v] : names[0];  \
	}                                                                        \
	bool community_##what##_parse(const char *name, type *out)             \
	{                                                                        \
		int i = name_index(names, (count), name);                       \
		if (i >= 0)                                                      \
			*out = (type)i;                                          \
		return i >= 0;                                                   \
	}

NAME_FUNCTIONS(template, enum community_template, template_names, TEMPLATE__COUNT)
NAME_FUNCTIONS(membership, enum community_membership, membership_names, MEMBERSHIP__COUNT)
NAME_FUNCTIONS(visibility, enum community_visibility, visibility_names, VISIBILITY__COUNT)
NAME_FUNCTIONS(state, enum community_state, state_names, COMMUNITY_STATE__COUNT)
NAME_FUNCTIONS(board, enum community_board, board_names, BOARD__COUNT)
NAME_FUNCTIONS(member_action, community_member_action, action_names, MEMBER_ACTION__COUNT)

const char *community_role_name(enum community_role r)
{
	return r <= CROLE_OWNER ? role_names[r] : role_names[0];
}

static enum community_role role_parse(const char *name)
{
	int i = name_index(role_names, (int)(sizeof role_names / sizeof role_names[0]), name);
	return i > 0 ? (enum community_role)i : CROLE_NONE;
}

static const community_preset presets[TEMPLATE__COUNT] = {
	[TEMPLATE_RESIDENT] = {MEMBERSHIP_OPEN, VISIBILITY_PUBLIC,
			       BOARD_BIT(BOARD_NOTICE) | BOARD_BIT(BOARD_FREE) | BOARD_BIT(BOARD_GALLERY), false},
	[TEMPLATE_STUDY] = {MEMBERSHIP_APPROVAL, VISIBILITY_LISTED,
			    BOARD_BIT(BOARD_NOTICE) | BOARD_BIT(BOARD_QNA) | BOARD_BIT(BOARD_FILES), false},
	[TEMPLATE_VOLUNTEER] = {MEMBERSHIP_OPEN, VISIBILITY_PUBLIC,
				BOARD_BIT(BOARD_NOTICE) | BOARD_BIT(BOARD_FREE) | BOARD_BIT(BOARD_GALLERY), false},
	[TEMPLATE_STAFF] = {MEMBERSHIP_APPROVAL, VISIBILITY_LISTED,
			    BOARD_BIT(BOARD_NOTICE) | BOARD_BIT(BOARD_FREE) | BOARD_BIT(BOARD_FILES), true},
};

const community_preset *community_template_preset(enum community_template t)
{
	return (int)t >= 0 && t < TEMPLATE__COUNT ? &presets[t] : NULL;
}

bool community_slug_valid(const char *slug)
{
	/* The words of the site's own paths under /communities and /c. */
	static const char *const reserved[] = {"new", "admin", "api", "static", "search", "mine"};
	size_t len = slug ? strlen(slug) : 0;
	if (len < COMMUNITY_SLUG_MIN || len > COMMUNITY_SLUG_MAX || slug[0] == '-' || slug[len - 1] == '-')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = slug[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && slug[i + 1] != '-');
		if (!ok)
			return false;
	}
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (strcmp(slug, reserved[i]) == 0)
			return false;
	return true;
}

/* True when s is valid UTF-8 of 1 to max characters. */
static bool text_within(const char *s, size_t max)
{
	size_t len = s ? strlen(s) : 0;
	if (len == 0 || !utf8_valid_text(s, len))
		return false;
	return utf8_length(s, len) <= max;
}

/* An account's kind: true for staff; MDG_ENOTFOUND for no active account. */
static int account_is_staff(db *d, long long account_id, bool *staff)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT kind = 'staff' AS staff FROM accounts WHERE id = ? AND active = 1",
			  DB_ARGS(DB_INT(account_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		*staff = db_get_ll(r, 0, "staff", 0) != 0;
	db_result_free(r);
	return rc;
}

struct create_arg {
	const actor *who;
	const community_input *in;
	long long id;
};

static int create_tx(db *d, void *arg)
{
	struct create_arg *a = arg;
	const community_input *in = a->in;
	const community_preset *preset = community_template_preset(in->template_kind);
	char object[24];
	bool staff = false;
	int position = 0;
	a->id = 0;
	int rc = account_is_staff(d, a->who->account_id, &staff);
	if (rc == MDG_OK && preset->staff_only && !staff)
		rc = MDG_EDENIED;
	if (rc == MDG_OK && in->department_id) {
		db_result *r = NULL;
		rc = db_query(d, &r, "SELECT id FROM departments WHERE id = ?", DB_ARGS(DB_INT(in->department_id)));
		if (rc == MDG_OK && r->nrows == 0)
			rc = MDG_EINVAL;
		db_result_free(r);
	}
	if (rc == MDG_OK)
		rc = db_exec(d,
			     "INSERT INTO communities (slug, name, description, template, membership, visibility,"
			     " staff_only, department_id, member_count, created_by, created_at, updated_at,"
			     " last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, NOW(), NOW(), NOW())",
			     DB_ARGS(DB_STR(in->slug), DB_STR(in->name), DB_STR(in->description),
				     DB_STR(community_template_name(in->template_kind)),
				     DB_STR(community_membership_name(in->membership)),
				     DB_STR(community_visibility_name(in->visibility)), DB_INT(preset->staff_only),
				     DB_ID(in->department_id), DB_INT(a->who->account_id)));
	if (rc == MDG_OK) {
		a->id = (long long)db_insert_id(d);
		rc = db_exec(d,
			     "INSERT INTO community_members (community_id, account_id, role, state, created_at,"
			     " updated_at) VALUES (?, ?, 'owner', 'active', NOW(), NOW())",
			     DB_ARGS(DB_INT(a->id), DB_INT(a->who->account_id)));
	}
	for (int b = 0; rc == MDG_OK && b < BOARD__COUNT; b++)
		if (in->boards & BOARD_BIT(b))
			rc = db_exec(d,
				     "INSERT INTO community_boards (community_id, kind, position, created_at)"
				     " VALUES (?, ?, ?, NOW())",
				     DB_ARGS(DB_INT(a->id), DB_STR(community_board_name((enum community_board)b)),
					     DB_INT(position++)));
	snprintf(object, sizeof object, "%lld", a->id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "community", object, "create", in->slug);
	return rc;
}

int community_create(db *d, const actor *who, const community_input *in, long long *id)
{
	const community_preset *preset = community_template_preset(in->template_kind);
	size_t description_len = in->description ? strlen(in->description) : 0;
	*id = 0;
	if (!preset || !text_within(in->name, COMMUNITY_NAME_MAX) || !community_slug_valid(in->slug) ||
	    (description_len && !text_within(in->description, COMMUNITY_DESCRIPTION_MAX)) ||
	    (int)in->membership < 0 || in->membership >= MEMBERSHIP__COUNT || (int)in->visibility < 0 ||
	    in->visibility >= VISIBILITY__COUNT || (in->boards & (BOARD_BIT(BOARD__COUNT) - 1)) == 0 ||
	    (in->department_id && !preset->staff_only))
		return MDG_EINVAL;
	community_input copy = *in;
	copy.description = in->description ? in->description : "";
	copy.boards &= BOARD_BIT(BOARD__COUNT) - 1;
	struct create_arg a = {who, &copy, 0};
	int rc = case_public_committed(d, db_transaction(d, create_tx, &a));
	if (rc == MDG_OK)
		*id = a.id;
	return rc;
}

/* The facts access is decided from, selected with these aliases: the
 * community c, the reader's membership m and the reader's kind. */
#define ACCESS_COLUMNS                                                                                      \
	"c.id AS id, c.slug AS slug, c.state AS state, c.visibility AS visibility, c.membership AS membership," \
	" c.template AS template, c.staff_only AS staff_only, COALESCE(c.department_id, 0) AS department_id,"  \
	" m.role AS role, m.state AS member_state,"                                                             \
	" (SELECT a.kind = 'staff' FROM accounts a WHERE a.id = ?) AS reader_staff"

void community_access_decide(community_access *out, bool reader_staff, const char *member_state, const char *role,
			     bool signed_in, bool governs)
{
	bool audience = !out->staff_only || reader_staff;
	bool closed = out->state == COMMUNITY_CLOSED;
	out->member = member_state && strcmp(member_state, "active") == 0;
	out->pending = member_state && strcmp(member_state, "pending") == 0;
	out->invited = member_state && strcmp(member_state, "invited") == 0;
	out->banned = member_state && strcmp(member_state, "banned") == 0;
	out->role = out->member ? role_parse(role) : CROLE_NONE;
	out->may_govern = governs;
	/* A closed community is gone for all but the supervisors over it. */
	out->readable = governs || (!closed && (out->member || (audience && out->visibility == VISIBILITY_PUBLIC)));
	out->listed = governs || (!closed && (out->member || out->pending || out->invited ||
					      (audience && out->visibility != VISIBILITY_UNLISTED)));
	out->may_join = signed_in && audience && out->state == COMMUNITY_ACTIVE && !out->member && !out->pending &&
			!out->banned && (out->invited || out->membership != MEMBERSHIP_INVITE);
	out->may_manage = out->member && out->role >= CROLE_MANAGER &&
			  (out->state == COMMUNITY_ACTIVE || out->state == COMMUNITY_SUSPENDED);
	out->may_post = out->member && out->state == COMMUNITY_ACTIVE;
}

int community_access_get(db *d, const char *slug, long long id, const actor *who, const staff_perm *perm,
			 community_access *out)
{
	db_result *r = NULL;
	long long reader = who ? who->account_id : 0;
	int rc;
	memset(out, 0, sizeof *out);
	if (slug)
		rc = db_query(d, &r,
			      "SELECT " ACCESS_COLUMNS " FROM communities c LEFT JOIN community_members m"
			      " ON m.community_id = c.id AND m.account_id = ? WHERE c.slug = ?",
			      DB_ARGS(DB_INT(reader), DB_INT(reader), DB_STR(slug)));
	else
		rc = db_query(d, &r,
			      "SELECT " ACCESS_COLUMNS " FROM communities c LEFT JOIN community_members m"
			      " ON m.community_id = c.id AND m.account_id = ? WHERE c.id = ?",
			      DB_ARGS(DB_INT(reader), DB_INT(reader), DB_INT(id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		goto done;
	out->id = db_get_ll(r, 0, "id", 0);
	snprintf(out->slug, sizeof out->slug, "%s", db_get(r, 0, "slug", ""));
	community_state_parse(db_get(r, 0, "state", "active"), &out->state);
	community_visibility_parse(db_get(r, 0, "visibility", "public"), &out->visibility);
	community_membership_parse(db_get(r, 0, "membership", "open"), &out->membership);
	community_template_parse(db_get(r, 0, "template", "resident"), &out->template_kind);
	out->staff_only = db_get_ll(r, 0, "staff_only", 0) != 0;
	out->department_id = db_get_ll(r, 0, "department_id", 0);
	bool governs = perm && (perm_is_global_admin(perm) ||
				(out->department_id && perm_covers_dept(perm, PERM_ADMIN, out->department_id)));
	community_access_decide(out, db_get_ll(r, 0, "reader_staff", 0) != 0, db_get(r, 0, "member_state", NULL),
				db_get(r, 0, "role", NULL), reader != 0, governs);
	if (!out->readable && !out->listed) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	/* A person restricted by a penalty reads but does not post. */
	if (out->may_post) {
		bool restricted = false;
		rc = penalty_restricts_posting(d, reader, &restricted, NULL);
		out->may_post = rc == MDG_OK && !restricted;
	}
done:
	db_result_free(r);
	return rc;
}

/* The community's state, membership, staff_only and who's membership, the
 * community row locked (the member count changes with it). */
struct locked {
	enum community_state state;
	enum community_membership membership;
	bool staff_only;
	char member_state[16];   /* "" for none */
	enum community_role role;
};

static int lock_community(db *d, long long id, long long account_id, struct locked *out)
{
	db_result *r = NULL;
	memset(out, 0, sizeof *out);
	int rc = db_query(d, &r,
			  "SELECT c.state AS state, c.membership AS membership, c.staff_only AS staff_only,"
			  " (SELECT m.state FROM community_members m WHERE m.community_id = c.id AND m.account_id = ?)"
			  " AS member_state,"
			  " (SELECT m.role FROM community_members m WHERE m.community_id = c.id AND m.account_id = ?)"
			  " AS role FROM communities c WHERE c.id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(account_id), DB_INT(account_id), DB_INT(id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		community_state_parse(db_get(r, 0, "state", "active"), &out->state);
		community_membership_parse(db_get(r, 0, "membership", "open"), &out->membership);
		out->staff_only = db_get_ll(r, 0, "staff_only", 0) != 0;
		snprintf(out->member_state, sizeof out->member_state, "%s", db_get(r, 0, "member_state", ""));
		out->role = strcmp(out->member_state, "active") == 0 ? role_parse(db_get(r, 0, "role", NULL))
								    : CROLE_NONE;
	}
	db_result_free(r);
	return rc;
}

/* Sets account_id's membership of community id to state (role member
 * unless keep_role), adding delta to the member count; on the caller's
 * transaction with the community locked. */
static int set_member(db *d, long long id, long long account_id, const char *state, const char *role, int delta)
{
	int rc = db_exec(d,
			 "INSERT INTO community_members (community_id, account_id, role, state, created_at, updated_at)"
			 " VALUES (?, ?, COALESCE(?, 'member'), ?, NOW(), NOW())"
			 " ON DUPLICATE KEY UPDATE state = VALUES(state), role = COALESCE(?, role), updated_at = NOW()",
			 DB_ARGS(DB_INT(id), DB_INT(account_id), DB_STR(role), DB_STR(state), DB_STR(role)));
	if (rc == MDG_OK && delta)
		rc = db_exec(d, "UPDATE communities SET member_count = member_count + ?, updated_at = NOW() WHERE id = ?",
			     DB_ARGS(DB_INT(delta), DB_INT(id)));
	return rc;
}

/* Tells account_id (or, when account_id is 0, the owner and managers of
 * community id) kind about community id: the payload names it
 * (title, slug), links to its home page (or its members page for a
 * request) and carries reason ("" for none). On the caller's
 * transaction. */
static int tell(db *d, long long id, long long account_id, notice_kind kind, const char *reason)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT c.slug AS slug, c.name AS name, m.account_id AS account FROM communities c"
			  " LEFT JOIN community_members m ON m.community_id = c.id AND m.state = 'active'"
			  " AND m.role IN ('owner', 'manager') WHERE c.id = ?",
			  DB_ARGS(DB_INT(id)));
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		long long to = account_id ? account_id : db_get_ll(r, i, "account", 0);
		char link[COMMUNITY_SLUG_MAX + 16];
		snprintf(link, sizeof link, "/c/%s%s", db_get(r, i, "slug", ""),
			 kind == NOTICE_COMMUNITY_REQUEST ? "/members" : "");
		/* "title" is the name the mail's facts and the inbox show. */
		json_t *payload = json_pack("{s:s, s:s, s:s, s:s}", "link", link, "title", db_get(r, i, "name", ""),
					    "slug", db_get(r, i, "slug", ""), "reason", reason ? reason : "");
		if (!payload) {
			rc = MDG_ERR;
			break;
		}
		if (to)
			rc = notice_account(d, to, kind, payload, NULL);
		json_decref(payload);
		if (account_id)
			break;
	}
	db_result_free(r);
	return rc;
}

struct join_arg {
	const actor *who;
	long long id;
	bool joined;
};

static int join_tx(db *d, void *arg)
{
	struct join_arg *a = arg;
	struct locked l;
	bool staff = false;
	a->joined = false;
	int rc = lock_community(d, a->id, a->who->account_id, &l);
	if (rc == MDG_OK)
		rc = account_is_staff(d, a->who->account_id, &staff);
	if (rc != MDG_OK)
		return rc;
	const char *ms = l.member_state;
	if (strcmp(ms, "active") == 0 || strcmp(ms, "pending") == 0)
		return MDG_ECONFLICT;
	if (l.state != COMMUNITY_ACTIVE || (l.staff_only && !staff) || strcmp(ms, "banned") == 0)
		return MDG_EDENIED;
	if (strcmp(ms, "invited") == 0 || l.membership == MEMBERSHIP_OPEN) {
		a->joined = true;
		return set_member(d, a->id, a->who->account_id, "active", "member", 1);
	}
	if (l.membership == MEMBERSHIP_INVITE)
		return MDG_EDENIED;
	rc = set_member(d, a->id, a->who->account_id, "pending", "member", 0);
	if (rc == MDG_OK)
		rc = tell(d, a->id, 0, NOTICE_COMMUNITY_REQUEST, NULL);
	return rc;
}

int community_join(db *d, const actor *who, long long id, bool *joined)
{
	struct join_arg a = {who, id, false};
	int rc = case_public_committed(d, db_transaction(d, join_tx, &a));
	*joined = rc == MDG_OK && a.joined;
	return rc;
}

struct leave_arg {
	const actor *who;
	long long id;
};

static int leave_tx(db *d, void *arg)
{
	struct leave_arg *a = arg;
	struct locked l;
	int rc = lock_community(d, a->id, a->who->account_id, &l);
	if (rc != MDG_OK)
		return rc;
	bool active = strcmp(l.member_state, "active") == 0;
	if (!active && strcmp(l.member_state, "pending") != 0 && strcmp(l.member_state, "invited") != 0)
		return MDG_ENOTFOUND;
	if (l.role == CROLE_OWNER)
		return MDG_ECONFLICT;
	return set_member(d, a->id, a->who->account_id, "left", "member", active ? -1 : 0);
}

int community_leave(db *d, const actor *who, long long id)
{
	struct leave_arg a = {who, id};
	return case_public_committed(d, db_transaction(d, leave_tx, &a));
}

struct act_arg {
	const actor *who;
	long long id;
	long long account_id;
	community_member_action action;
};

/* The target's state and role in the community locked by the caller. */
static int member_of(db *d, long long id, long long account_id, char *state, size_t n, enum community_role *role)
{
	db_result *r = NULL;
	int rc = db_query(d, &r,
			  "SELECT state AS state, role AS role FROM community_members"
			  " WHERE community_id = ? AND account_id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(id), DB_INT(account_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		snprintf(state, n, "%s", db_get(r, 0, "state", ""));
		*role = role_parse(db_get(r, 0, "role", NULL));
	}
	db_result_free(r);
	return rc;
}

int community_member_plan(community_member_action action, enum community_role by, const char *state,
			  enum community_role target_role, const char **new_state, const char **new_role, int *delta)
{
	bool active = strcmp(state, "active") == 0;
	/* Managers act on members; only the owner on managers; nobody on
	 * the owner (ownership is transferred). */
	if (active && (target_role == CROLE_OWNER || (target_role == CROLE_MANAGER && by != CROLE_OWNER)))
		return MDG_EDENIED;
	if ((action == MEMBER_PROMOTE || action == MEMBER_DEMOTE) && by != CROLE_OWNER)
		return MDG_EDENIED;
	*new_role = NULL;
	*delta = 0;
	switch (action) {
	case MEMBER_APPROVE:
	case MEMBER_REJECT:
		if (strcmp(state, "pending") != 0)
			return MDG_ECONFLICT;
		*new_state = action == MEMBER_APPROVE ? "active" : "left";
		*delta = action == MEMBER_APPROVE ? 1 : 0;
		return MDG_OK;
	case MEMBER_REMOVE:
		if (!active)
			return MDG_ECONFLICT;
		*new_state = "left";
		*new_role = "member";
		*delta = -1;
		return MDG_OK;
	case MEMBER_BAN:
		if (strcmp(state, "banned") == 0)
			return MDG_ECONFLICT;
		*new_state = "banned";
		*new_role = "member";
		*delta = active ? -1 : 0;
		return MDG_OK;
	case MEMBER_UNBAN:
		if (strcmp(state, "banned") != 0)
			return MDG_ECONFLICT;
		*new_state = "left";
		return MDG_OK;
	case MEMBER_PROMOTE:
	case MEMBER_DEMOTE:
		if (!active || target_role != (action == MEMBER_PROMOTE ? CROLE_MEMBER : CROLE_MANAGER))
			return MDG_ECONFLICT;
		*new_state = "active";
		*new_role = action == MEMBER_PROMOTE ? "manager" : "member";
		return MDG_OK;
	default:
		return MDG_EINVAL;
	}
}

static int act_tx(db *d, void *arg)
{
	struct act_arg *a = arg;
	struct locked l;
	char state[16], object[48];
	enum community_role target_role = CROLE_NONE;
	const char *new_state = NULL, *new_role = NULL;
	int delta = 0;
	int rc = lock_community(d, a->id, a->who->account_id, &l);
	if (rc == MDG_OK && (l.role < CROLE_MANAGER || l.state == COMMUNITY_CLOSED || l.state == COMMUNITY_ARCHIVED ||
			     a->account_id == a->who->account_id))
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = member_of(d, a->id, a->account_id, state, sizeof state, &target_role);
	if (rc == MDG_OK)
		rc = community_member_plan(a->action, l.role, state, target_role, &new_state, &new_role, &delta);
	if (rc == MDG_OK)
		rc = set_member(d, a->id, a->account_id, new_state, new_role, delta);
	snprintf(object, sizeof object, "%lld:%lld", a->id, a->account_id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "community_member", object, community_member_action_name(a->action), NULL);
	if (rc == MDG_OK && a->action == MEMBER_APPROVE)
		rc = tell(d, a->id, a->account_id, NOTICE_COMMUNITY_APPROVED, NULL);
	return rc;
}

int community_member_act(db *d, const actor *who, long long id, long long account_id,
			 community_member_action action)
{
	if ((int)action < 0 || action >= MEMBER_ACTION__COUNT)
		return MDG_EINVAL;
	struct act_arg a = {who, id, account_id, action};
	return case_public_committed(d, db_transaction(d, act_tx, &a));
}

struct invite_arg {
	const actor *who;
	long long id;
	const char *login_id;
	long long account_id;
};

static int invite_tx(db *d, void *arg)
{
	struct invite_arg *a = arg;
	struct locked l;
	db_result *r = NULL;
	char object[48];
	a->account_id = 0;
	int rc = lock_community(d, a->id, a->who->account_id, &l);
	if (rc == MDG_OK && (l.role < CROLE_MANAGER || l.state != COMMUNITY_ACTIVE))
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = db_query(d, &r,
			      "SELECT a.id AS id, a.kind = 'staff' AS staff, m.state AS member_state FROM accounts a"
			      " LEFT JOIN community_members m ON m.community_id = ? AND m.account_id = a.id"
			      " WHERE a.login_id = ? AND a.active = 1",
			      DB_ARGS(DB_INT(a->id), DB_STR(a->login_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK && l.staff_only && !db_get_ll(r, 0, "staff", 0))
		rc = MDG_EDENIED;
	if (rc == MDG_OK) {
		const char *ms = db_get(r, 0, "member_state", "left");
		if (strcmp(ms, "left") != 0)
			rc = MDG_ECONFLICT;
	}
	if (rc == MDG_OK) {
		a->account_id = db_get_ll(r, 0, "id", 0);
		rc = set_member(d, a->id, a->account_id, "invited", "member", 0);
	}
	snprintf(object, sizeof object, "%lld:%lld", a->id, a->account_id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "community_member", object, "invite", NULL);
	if (rc == MDG_OK)
		rc = tell(d, a->id, a->account_id, NOTICE_COMMUNITY_INVITED, NULL);
	db_result_free(r);
	return rc;
}

int community_invite(db *d, const actor *who, long long id, const char *login_id, long long *account_id)
{
	struct invite_arg a = {who, id, login_id, 0};
	*account_id = 0;
	if (!text_login_id_valid(login_id))
		return MDG_ENOTFOUND;
	int rc = db_transaction(d, invite_tx, &a);
	if (rc == MDG_OK)
		*account_id = a.account_id;
	return rc;
}

static int transfer_tx(db *d, void *arg)
{
	struct act_arg *a = arg;
	struct locked l;
	char state[16], object[48];
	enum community_role target_role = CROLE_NONE;
	int rc = lock_community(d, a->id, a->who->account_id, &l);
	/* As for every other change of a membership: not in a closed or
	 * archived community (read only until a supervisor reopens it). */
	if (rc == MDG_OK && (l.role != CROLE_OWNER || a->account_id == a->who->account_id ||
			     l.state == COMMUNITY_CLOSED || l.state == COMMUNITY_ARCHIVED))
		rc = MDG_EDENIED;
	if (rc == MDG_OK)
		rc = member_of(d, a->id, a->account_id, state, sizeof state, &target_role);
	if (rc == MDG_OK && strcmp(state, "active") != 0)
		rc = MDG_ECONFLICT;
	if (rc == MDG_OK)
		rc = set_member(d, a->id, a->account_id, "active", "owner", 0);
	if (rc == MDG_OK)
		rc = set_member(d, a->id, a->who->account_id, "active", "manager", 0);
	snprintf(object, sizeof object, "%lld:%lld", a->id, a->account_id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "community_member", object, "transfer", NULL);
	return rc;
}

int community_transfer(db *d, const actor *who, long long id, long long account_id)
{
	struct act_arg a = {who, id, account_id, MEMBER_ACTION__COUNT};
	return db_transaction(d, transfer_tx, &a);
}

struct govern_arg {
	const actor *who;
	const staff_perm *perm;
	long long id;
	enum community_state state;
	const char *reason;
};

static int govern_tx(db *d, void *arg)
{
	struct govern_arg *a = arg;
	db_result *r = NULL;
	char object[24];
	int rc = db_query(d, &r, "SELECT COALESCE(department_id, 0) AS department_id FROM communities WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(a->id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		long long dept = db_get_ll(r, 0, "department_id", 0);
		if (!perm_is_global_admin(a->perm) && !(dept && perm_covers_dept(a->perm, PERM_ADMIN, dept)))
			rc = MDG_EDENIED;
	}
	if (rc == MDG_OK)
		rc = db_exec(d,
			     "UPDATE communities SET state = ?, state_reason = ?, updated_at = NOW(),"
			     " last_activity_at = IF(? = 'active', NOW(), last_activity_at) WHERE id = ?",
			     DB_ARGS(DB_STR(community_state_name(a->state)), DB_STR(a->reason),
				     DB_STR(community_state_name(a->state)), DB_INT(a->id)));
	snprintf(object, sizeof object, "%lld", a->id);
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "community", object, community_state_name(a->state), a->reason);
	db_result_free(r);
	r = NULL;
	/* The owner hears of it, with the reason. */
	if (rc == MDG_OK)
		rc = db_query(d, &r,
			      "SELECT account_id AS owner FROM community_members WHERE community_id = ?"
			      " AND role = 'owner' AND state = 'active'",
			      DB_ARGS(DB_INT(a->id)));
	if (rc == MDG_OK && r->nrows)
		rc = tell(d, a->id, db_get_ll(r, 0, "owner", 0), NOTICE_COMMUNITY_GOVERNED, a->reason);
	db_result_free(r);
	return rc;
}

int community_govern(db *d, const actor *who, const staff_perm *perm, long long id, enum community_state state,
		     const char *reason)
{
	if (!perm || (state != COMMUNITY_ACTIVE && state != COMMUNITY_SUSPENDED && state != COMMUNITY_CLOSED))
		return MDG_EINVAL;
	if (reason && !reason[0])
		reason = NULL;
	if ((state != COMMUNITY_ACTIVE && !reason) || (reason && !text_within(reason, COMMUNITY_REASON_MAX)))
		return MDG_EINVAL;
	struct govern_arg a = {who, perm, id, state, reason};
	return case_public_committed(d, db_transaction(d, govern_tx, &a));
}

int community_touch(db *d, long long id)
{
	return db_exec(d, "UPDATE communities SET last_activity_at = NOW() WHERE id = ?", DB_ARGS(DB_INT(id)));
}

int community_archive_inactive(db *d, long *archived)
{
	char value[SETTING_VALUE_MAX + 1];
	long days = COMMUNITY_ARCHIVE_DAYS_DEFAULT;
	*archived = 0;
	if (setting_get(d, "community.archive_days", "", value, sizeof value) == MDG_OK && value[0] &&
	    text_parse_long(value, 1, 36500, &days) != MDG_OK)
		days = COMMUNITY_ARCHIVE_DAYS_DEFAULT;
	int rc = db_exec(d,
			 "UPDATE communities SET state = 'archived', updated_at = NOW()"
			 " WHERE state = 'active' AND last_activity_at < NOW() - INTERVAL ? DAY",
			 DB_ARGS(DB_INT(days)));
	if (rc == MDG_OK)
		*archived = (long)db_affected(d);
	return rc;
}
