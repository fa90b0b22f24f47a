/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* report_scope.c: which figures a reader of the workload report may see. */
#include "reports/report_scope.h"

report_scope report_scope_of(const staff_perm *perm)
{
	/* Department 0 stands for the whole institution in perm.h. */
	return (report_scope){.perm = perm, .whole = perm_covers_dept(perm, PERM_REPORTS, 0)};
}

bool report_scope_covers(const report_scope *s, long long dept_id)
{
	return dept_id > 0 && perm_covers_dept(s->perm, PERM_REPORTS, dept_id);
}

bool report_scope_unplaced(const report_scope *s, long long chosen)
{
	/* Cases no rule placed belong to no department: no scoped role
	 * reaches them, and a chosen department's report is of that
	 * department. */
	return s->whole && chosen == 0;
}

bool report_scope_partial(const report_scope *s, long long chosen)
{
	return chosen != 0 || !s->whole;
}
