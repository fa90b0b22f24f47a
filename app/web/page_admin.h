/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_admin.h: helpers shared by the administration pages
 * (page_admin*.c); the handlers themselves are declared in web.h. */
#ifndef MDG_PAGE_ADMIN_H
#define MDG_PAGE_ADMIN_H
#include <stdbool.h>

#include "web.h"

/* Loads the department tree (org_tree_load) into Depts.N.{id, parent,
 * name_ko, name_en, active, depth, name, indent, parent_name}, indent
 * being spaces that show the depth in a list or a <select>: only the
 * departments the administrator's scope reaches (perm_covers_dept,
 * PERM_ADMIN). *out keeps the whole tree for org_tree_find (the caller
 * frees it with org_tree_free, also after a failure; NULL: not kept). */
int web_admin_tree(web *w, org_tree *out);
/* TRANSITION (issue 9): the same with the tree's rows, and a look-up in
 * them, for page_admin_rules.c until it uses web_admin_tree and
 * org_tree_find; then both go. */
int web_admin_departments(web *w, db_result **out);
bool web_admin_department_known(const db_result *depts, long long id);
/* Shows the message of ?done=KEY after a change on an administration
 * page redirected here (web_flash_done with the administration's keys). */
void web_admin_flash_done(web *w);

/* TRANSITION (issue 9): the old names of general helpers (web.h), and
 * the number and error of a form without a form struct, for
 * page_admin_rules.c until it uses web_redirect, web_param_id and
 * form_validate; then these go. */
#define web_admin_redirect web_redirect
#define web_admin_param_id web_param_id
long long web_admin_form_ll(const web *w, const char *name, long long def);
void web_admin_error(web *w, int *errors, const char *field, const char *key);

#endif
