/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* setting.h: site-wide settings edited in the dashboard (the settings
 * table), such as whether a case's timeline shows handlers' names or
 * roles ('timeline.show' = 'name' | 'role'). */
#ifndef MDG_SETTING_H
#define MDG_SETTING_H
#include <stddef.h>

#include "db/db.h"
#include "org/audit.h"

#define SETTING_VALUE_MAX 255

/* The value of name into out (outlen bytes), or def when it is not set. */
int setting_get(db *d, const char *name, const char *def, char *out, size_t outlen);
/* Sets name to value (checked by the caller), audited. */
int setting_set(db *d, const actor *who, const char *name, const char *value);

#endif
