/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* follow.h: "this is my problem too": a citizen follows a public case
 * instead of filing the same matter again, and is told when it changes. */
#ifndef MDG_FOLLOW_H
#define MDG_FOLLOW_H
#include <stdbool.h>

#include "db/db.h"

/* account_id follows case_id (on) or stops following it. Only a public
 * case someone else filed can be followed: MDG_ENOTFOUND otherwise (so
 * a private case's existence does not leak); stopping always works.
 * Following again is a no-op. The public events so far count as seen. */
int follow_set(db *d, long long account_id, long long case_id, bool on);

/* *on: whether account_id follows case_id. */
int follow_is(db *d, long long account_id, long long case_id, bool *on);

/* For the notifier: one notice (NOTICE_FOLLOWED) to each follower of a
 * case with public events they have not been told of, while the case is
 * still public; *made counts them. */
int follow_scan(db *d, long *made);

#endif
