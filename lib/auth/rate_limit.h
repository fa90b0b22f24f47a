/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rate_limit.h: the shared throttle of actions that cost us or a stranger
 * something (an SMS, a mail): at most so many events of a scope per
 * subject (a number, an address, an account, a client address) within a
 * window (db/migrations/0038_verify.sql, rate_events). Unlike the sign-in
 * throttle (auth/session.h) it refuses outright until the window has
 * room again. */
#ifndef MDG_RATE_LIMIT_H
#define MDG_RATE_LIMIT_H

#include "db/db.h"

/* Counts one event of scope (1 to 24 characters) for subject, when fewer
 * than max were counted in the last window_seconds, in one statement (so
 * parallel requests cannot overshoot). MDG_OK: counted, go on;
 * MDG_ETHROTTLED: over the limit, nothing counted; MDG_EDB. The subject
 * is stored only as its SHA-256. */
int rate_limit_take(db *d, const char *scope, const char *subject, long max, long window_seconds);

#endif
