/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_scope.h: which figures a reader of the workload report may see
 * (authorisation, 차등권한): the departments their viewer, manager,
 * supervisor and system administrator roles cover (org/perm.h,
 * PERM_REPORTS), and the cases no rule placed only with such a role over
 * the whole institution. Pages ask these rules; they do not combine
 * roles themselves. */
#ifndef MDG_REPORT_SCOPE_H
#define MDG_REPORT_SCOPE_H
#include <stdbool.h>

#include "org/perm.h"

/* A reader's reach for reports. */
typedef struct report_scope {
	const staff_perm *perm; /* the reader's roles (not owned) */
	bool whole;             /* a role over the whole institution */
} report_scope;

/* The scope of the reader holding perm (which must outlive it). */
report_scope report_scope_of(const staff_perm *perm);
/* Whether the reader may see (and choose) the figures of department
 * dept_id; 0 is not a department (see report_scope_unplaced). */
bool report_scope_covers(const report_scope *s, long long dept_id);
/* Whether a report of department chosen (0: none chosen, all the reader
 * may see) shows the cases no rule placed: only to a reader of the whole
 * institution, and only when no department is chosen. */
bool report_scope_unplaced(const report_scope *s, long long chosen);
/* Whether such a report covers only some departments (a department is
 * chosen, or the reader reaches only part of the institution): its
 * figures are then read for those departments alone, and their handlers
 * listed. */
bool report_scope_partial(const report_scope *s, long long chosen);

#endif
