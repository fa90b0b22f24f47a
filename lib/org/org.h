/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* org.h: the organisation: departments, staff and graded roles; what each
 * staff member may see and do (차등권한) is perm.h's. */
#ifndef MDG_ORG_H
#define MDG_ORG_H
#include <stdbool.h>
#include <stddef.h>

#include "auth/account.h"
#include "db/db.h"
#include "org/audit.h"
#include "org/perm.h"

/* Roles, each global or scoped to a department (and its sub-departments
 * when with_subtree): the names of perm.h's PERM_* bits. */
bool org_role_valid(const char *role);

/* Departments in tree order, columns id, parent (NULL for a root),
 * name_ko, name_en, active, depth (0 for a root), name (in lang). */
int org_departments(db *d, const char *lang, db_result **out);

/* One department of the tree (org_tree_load). */
typedef struct org_dept {
	long long id;
	long long parent_id;     /* 0 for a root */
	int depth;               /* 0 for a root */
	bool active;
	const char *name;        /* in the language asked for */
	const char *name_ko, *name_en;
	const char *parent_name; /* "" for a root */
} org_dept;

/* The department tree, read once, with each department's place in it. */
typedef struct org_tree {
	db_result *rows;         /* the storage of the names */
	org_dept *depts;         /* in tree order: a subtree right after its root */
	size_t n;
} org_tree;

/* Loads every department (org_departments) into t, names in lang; the
 * caller frees t with org_tree_free (also after a failure). */
int org_tree_load(db *d, const char *lang, org_tree *t);
/* The department id of t, NULL when t has none. */
const org_dept *org_tree_find(const org_tree *t, long long id);
void org_tree_free(org_tree *t);
/* Creates a department under parent_id (0: a root). Audited. */
int org_department_create(db *d, const actor *who, long long parent_id, const char *name_ko,
			  const char *name_en, long long *id);
/* Renames, moves (MDG_EINVAL when parent_id is the department itself or
 * one of its descendants) and (de)activates a department. Audited. */
int org_department_update(db *d, const actor *who, long long id, long long parent_id,
			  const char *name_ko, const char *name_en, bool active);

/* Creates a staff account (kind "staff"), a member of department_id (0:
 * none yet). MDG_ECONFLICT with *which as account_create. Audited. The
 * administration pages pass a->password_by PASSWORD_BY_ADMIN (the new
 * member must change the password at the first sign-in); madangctl
 * create-admin PASSWORD_BY_OWNER. */
int org_staff_create(db *d, const actor *who, const account_new *a, long long department_id,
		     long long *id, const char **which);
int org_staff_set_active(db *d, const actor *who, long long id, bool active);
int org_staff_reset_password(db *d, const actor *who, long long id, const char *password);
/* Adds or removes a membership. */
int org_staff_membership(db *d, const actor *who, long long id, long long department_id, bool member);
/* Grants a role (department_id 0: global). MDG_ECONFLICT when held. */
int org_role_grant(db *d, const actor *who, long long account_id, const char *role,
		   long long department_id, bool with_subtree);
int org_role_revoke(db *d, const actor *who, long long account_id, long long role_id);
/* *n: the staff accounts holding a role (any department); madangctl setup
 * creates the first administrator only where none holds sysadmin. */
int org_role_holders(db *d, const char *role, long long *n);
/* Staff, columns id, login, name, email, active, departments (names,
 * ", "), role_list ("handler@도로과, …"). With dept_ids (ids separated by commas, as
 * perm_departments gives them), only those belonging to or holding a role
 * in one of them; NULL: all. */
int org_staff_list(db *d, const char *lang, const char *dept_ids, db_result **out);
/* One staff member's roles, columns id, role, department_id, department
 * (its name), subtree; and memberships, columns id (the department's), name. */
int org_staff_roles(db *d, long long account_id, const char *lang, db_result **out);
int org_staff_departments(db *d, long long account_id, const char *lang, db_result **out);

/* Rebuilds staff_scope from roles and the department tree. Called in the
 * transaction of every change to either. */
int org_scope_rebuild(db *d);

#endif
