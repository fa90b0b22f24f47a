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
/* Shows the message of ?done=KEY after a change on an administration
 * page redirected here (web_flash_done with the administration's keys). */
void web_admin_flash_done(web *w);

#endif
