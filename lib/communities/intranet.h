/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* intranet.h: the staff intranet (업무 공간): a department's staff-only
 * community (template 'staff', communities.department_id) and "share to
 * intranet" from the staff case page, which posts a case's summary
 * (tracking number, title, category, department, status and the staff
 * case page's address) on a staff community's board: never who filed
 * it or how to reach them.
 *
 * Who may share (perm_case's CAN_READ on the case, may_post in the
 * community) is the caller's question; this module selects only the
 * columns a summary may carry. */
#ifndef MDG_INTRANET_H
#define MDG_INTRANET_H
#include "communities/board.h"
#include "db/db.h"
#include "org/audit.h"

/* The staff communities account_id may share into: active, staff only,
 * account_id an active member: rows of id, slug, name, department (in
 * lang, '' for none), by name. */
int intranet_share_targets(db *d, long long account_id, const char *lang, db_result **out);

/* The summary of case_id a share carries: one row of tracking, title,
 * category, department (names in lang, '' for none), status. Nothing
 * else of the case (no filer, contact or text). MDG_ENOTFOUND for no
 * such case. */
int intranet_case_summary(db *d, long long case_id, const char *lang, db_result **out);

/* who posts t (the summary as written by the caller) on board_id of
 * community_id as the share of the case tracking: the post and the audit
 * row ("case", tracking, "share", the community's id) in one
 * transaction. *post_id the new post's. */
int intranet_share_case(db *d, const actor *who, long long community_id, long long board_id, const char *tracking,
			board_text *t, long long *post_id);

#endif
