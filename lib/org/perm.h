/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* perm.h: the permission model: what a staff member's roles reach, and
 * the one set of checks every page uses (차등권한).
 *
 * A role is held over the whole institution (global) or over one
 * department (and, with_subtree, every department below it). A staff
 * member's reach for a kind of work is the union of the scopes of the
 * roles that do that work. Every administrative power is scoped the same
 * way: a supervisor of 도로과 manages the staff, roles, categories and
 * rules of 도로과 only; nobody grants a role wider than their own or
 * touches an account whose rights are wider than or outside their own;
 * settings, holidays, the outbox and the audit log stay with global
 * supervisors and system administrators. docs/decisions.md, "Roles and
 * scopes", has the table. */
#ifndef MDG_PERM_H
#define MDG_PERM_H
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

/* The roles as bits, for masks of "any of these". */
enum perm_role {
	PERM_SYSADMIN = 1u << 0,
	PERM_SUPERVISOR = 1u << 1,
	PERM_MANAGER = 1u << 2,
	PERM_HANDLER = 1u << 3,
	PERM_AGENT = 1u << 4,
	PERM_MODERATOR = 1u << 5,
	PERM_VIEWER = 1u << 6
};
/* Who runs the organisation (departments, staff, categories, rules). */
#define PERM_ADMIN (PERM_SYSADMIN | PERM_SUPERVISOR)
/* Who reads the workload report. */
#define PERM_REPORTS (PERM_ADMIN | PERM_MANAGER | PERM_VIEWER)
/* Who works the call centre's callback queue. */
#define PERM_CALLS (PERM_ADMIN | PERM_AGENT)

/* The bit of a role by its name ("handler"); 0 for an unknown name. */
unsigned perm_role_bit(const char *role);

/* One department in reach: the roles that cover it, and those of them
 * that also cover every department below it. */
typedef struct perm_reach {
	long long department_id;
	unsigned roles;
	unsigned subtree_roles;
} perm_reach;

/* What a staff member holds, from their roles (all empty for citizens). */
typedef struct staff_perm {
	/* Held at any scope: which parts of the dashboard to offer. What
	 * they reach is asked of the functions below. */
	bool sysadmin, supervisor, manager, handler, agent, moderator, viewer;
	unsigned global;      /* the roles held over the whole institution */
	perm_reach *reach;    /* scoped roles, one entry per department */
	size_t nreach;
} staff_perm;

/* Loads account_id's roles and their reach into *out (perm_free frees
 * it; on failure *out is empty). MDG_OK or the database's error. */
int perm_load(db *d, long long account_id, staff_perm *out);
void perm_free(staff_perm *p);

/* True when one of roles is held at any scope. */
bool perm_holds(const staff_perm *p, unsigned roles);
/* A supervisor or system administrator of some scope: the
 * administration pages open, each showing only what the scope reaches. */
bool perm_is_admin(const staff_perm *p);
/* A supervisor or system administrator of the whole institution:
 * settings, holidays, the outbox, the audit log, root departments and
 * cases no rule could place. */
bool perm_is_global_admin(const staff_perm *p);
/* Reports: viewers, managers and administrators, each of their scope. */
bool perm_sees_reports(const staff_perm *p);
/* Staff whose work is the call centre alone: agents who handle no cases.
 * They start at the call centre's console, not at an empty case list. */
bool perm_calls_only(const staff_perm *p);

/* True when one of roles covers department_id; department_id 0 stands
 * for the whole institution (only a global role covers it). */
bool perm_covers_dept(const staff_perm *p, unsigned roles, long long department_id);
/* True when one of roles covers department_id and everything below it
 * (0: the whole institution, as above). */
bool perm_covers_subtree(const staff_perm *p, unsigned roles, long long department_id);
/* The departments one of roles covers, as ids separated by commas
 * ("4,17"; "" for none), for list queries; NULL when a global role
 * covers them all. The caller frees the string. */
char *perm_departments(const staff_perm *p, unsigned roles);

/* True when p may grant role (by name) on department_id (0: global),
 * with_subtree or not: the granted role must be no wider than p's own
 * administrative rights over that whole reach. A system administrator's
 * role takes a system administrator; any other takes a supervisor or a
 * system administrator. */
bool perm_may_grant(const staff_perm *p, const char *role, long long department_id, bool with_subtree);
/* *yes when p may manage staff account account_id (its memberships,
 * roles, activation and password): every role of the account is one p
 * may grant, every department it belongs to is in p's administrative
 * reach, and it has at least one of either there (an account placed
 * nowhere is a global administrator's). MDG_OK or the database's error. */
int perm_may_manage(db *d, const staff_perm *p, long long account_id, bool *yes);
/* The same for n accounts at once (one query): yes[i] for ids[i]. */
int perm_may_manage_many(db *d, const staff_perm *p, size_t n, const long long *ids, bool *yes);

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
