/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* org.h: the organisation: departments, staff, graded roles and what each
 * staff member may see and do (차등권한). */
#ifndef MDG_ORG_H
#define MDG_ORG_H
#include <stdbool.h>
#include <stddef.h>

#include "auth/account.h"
#include "db/db.h"
#include "org/audit.h"

/* Roles, each global or scoped to a department (and its sub-departments
 * when with_subtree). */
#define ORG_ROLES "sysadmin", "supervisor", "manager", "handler", "agent", "moderator", "viewer"
bool org_role_valid(const char *role);

/* Departments in tree order: id, parent_id, name_ko, name_en, active,
 * depth (0 for a root), name (in lang). */
int org_departments(db *d, const char *lang, db_result **out);
/* Creates a department under parent_id (0: a root). Audited. */
int org_department_create(db *d, const actor *who, long long parent_id, const char *name_ko,
			  const char *name_en, long long *id);
/* Renames, moves (MDG_EINVAL when parent_id is the department itself or
 * one of its descendants) and (de)activates a department. Audited. */
int org_department_update(db *d, const actor *who, long long id, long long parent_id,
			  const char *name_ko, const char *name_en, bool active);

/* Creates a staff account (kind "staff"), a member of department_id (0:
 * none yet). MDG_ECONFLICT with *which as account_create. Audited. */
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
/* Staff: id, login_id, name, email, active, departments (names, ", "),
 * roles ("handler@도로과, …"). */
int org_staff_list(db *d, const char *lang, db_result **out);
/* One staff member's roles: id, role, department_id, department name,
 * with_subtree; and memberships: department_id, name. */
int org_staff_roles(db *d, long long account_id, const char *lang, db_result **out);
int org_staff_departments(db *d, long long account_id, const char *lang, db_result **out);

/* Rebuilds staff_scope from roles and the department tree. Called in the
 * transaction of every change to either. */
int org_scope_rebuild(db *d);

/* What a staff member holds, from their roles. */
typedef struct staff_perm {
	bool sysadmin, supervisor, manager, handler, agent, moderator, viewer;
} staff_perm;

int perm_load(db *d, long long account_id, staff_perm *out);
/* Supervisors and system administrators run the organisation. */
bool perm_is_admin(const staff_perm *p);
/* Reports: viewers, managers and administrators. */
bool perm_sees_reports(const staff_perm *p);
/* The call centre (the callback queue): agents, and the supervisors and
 * system administrators who run it. */
bool perm_runs_calls(const staff_perm *p);
/* Staff whose work is the call centre alone: agents who handle no cases.
 * They start at the callback queue, not at an empty case list. */
bool perm_calls_only(const staff_perm *p);

/* What one staff member may do with one case (bits). */
enum case_ability {
	CAN_READ = 1 << 0,    /* a department of the case is in their scope */
	CAN_HANDLE = 1 << 1,  /* they are one of its handlers (or manage it) */
	CAN_MANAGE = 1 << 2   /* they manage a department of the case */
};
/* *can for account_id on case_id (0 when the case is outside their scope
 * or does not exist). For the lead-department-only abilities see
 * perm_case_lead. */
int perm_case(db *d, long long account_id, long long case_id, unsigned *can);
/* The same, counting only the case's lead department: composing and
 * sending the answer of a compound case is the lead's. */
int perm_case_lead(db *d, long long account_id, long long case_id, unsigned *can);

#endif
