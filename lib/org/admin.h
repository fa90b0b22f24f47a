/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* admin.h: the read-only queries of the administration pages that belong
 * to no other module: the overview's counts, every staff role at once, an
 * account by its login ID and the kinds of audited objects. */
#ifndef MDG_ADMIN_H
#define MDG_ADMIN_H
#include "db/db.h"

/* One row: active departments, active staff, active categories,
 * holidays from today on, open cases no rule could place (the
 * supervisor's queue), audit entries today (columns departments, staff,
 * categories, holidays, unplaced, audit_today). With dept_ids (as
 * perm_departments gives them) the first three count only what is in
 * those departments (as org_staff_list and rules_list list it); the
 * others are the whole institution's (for global administrators). */
int admin_counts(db *d, const char *dept_ids, db_result **out);
/* Every staff role: account_id, role, dept (the department's name in
 * lang; NULL for a global role), subtree; by account, then role id. */
int admin_roles(db *d, const char *lang, db_result **out);
/* The id of the account (active or not, citizen or staff) with login_id;
 * MDG_ENOTFOUND when there is none. */
int admin_account_by_login(db *d, const char *login_id, long long *id);
/* The distinct object types in the audit log (column name), sorted. */
int admin_audit_types(db *d, db_result **out);

#endif
