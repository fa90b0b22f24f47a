/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rules.h: the routing rules of categories (분류별 처리지침) as the
 * supervisor edits them. routing_plan_make copies the rule in force onto each
 * case when it is filed, so an edit applies to cases filed after it. */
#ifndef MDG_RULES_H
#define MDG_RULES_H
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"
#include "org/audit.h"

#define RULE_NAME_MAX 100      /* characters of a category's name */
#define RULE_DEADLINE_MIN 1    /* business days */
#define RULE_DEADLINE_MAX 60
#define RULE_DEADLINE_DEFAULT 7
#define RULE_HOURS_MAX 720     /* reminder and escalation, in hours */
#define RULE_REOPEN_MAX 365    /* days */
#define RULE_EXTENSIONS_MAX 10

/* A category with its rule, validated by the caller (the department ids
 * must exist). */
typedef struct rule {
	long long id;              /* the category; 0 when creating one */
	const char *name_ko;
	const char *name_en;
	long long department_id;   /* the lead; 0: none (the unplaced queue) */
	const char *mode;          /* one of DISTRIBUTION_MODES */
	int deadline_days;
	int reminder_hours;        /* before the deadline */
	int escalate_hours;        /* without action; 0: never */
	bool needs_approval;
	int reopen_days;
	int max_extensions;
	bool active;
	long long proposal_threshold; /* supports a policy proposal needs; 0: the setting */
	const long long *joint;    /* joint (협조) departments, not the lead */
	size_t njoint;
} rule;

/* True for manual, random, round_robin and joint. */
bool rule_mode_valid(const char *mode);

/* The SQL condition "category g lies in the departments bound": its
 * lead and every joint department among the ids (separated by commas, as
 * perm_departments gives them), bound three times (RULE_IN_DEPTS_ARGS);
 * a NULL list holds every category. */
#define RULE_IN_DEPTS(g)                                                                                   \
	"(? IS NULL OR (FIND_IN_SET(" g ".department_id, ?) > 0 AND NOT EXISTS (SELECT 1"                  \
	" FROM category_joint_departments jx WHERE jx.category_id = " g ".id"                              \
	" AND FIND_IN_SET(jx.department_id, ?) = 0)))"
#define RULE_IN_DEPTS_ARGS(ids) DB_STR(ids), DB_STR(ids), DB_STR(ids)

/* Every category in display order: id, name (in lang), department (the
 * lead's name in lang, NULL for none), mode, deadline (days), reminder
 * and escalate (hours), approval (needs_approval), reopen (days),
 * extensions (max_extensions), active, joint (the joint departments'
 * names in lang, ", "; NULL for none). With dept_ids,
 * only the categories in those departments (RULE_IN_DEPTS); NULL: all. */
int rules_list(db *d, const char *lang, const char *dept_ids, db_result **out);

/* One category: *out gets one row of id, name_ko, name_en,
 * department_id (0 for none), mode, deadline_days, reminder_hours,
 * escalate_hours, needs_approval, reopen_days, max_extensions, active
 * (the names of the rule form's fields); *joint its joint departments,
 * department_id. The caller frees both. MDG_ENOTFOUND
 * when there is no such category. */
int rule_get(db *d, long long id, db_result **out, db_result **joint);

/* Changes a category's names and rule and replaces its joint
 * departments, in one audited transaction. MDG_ENOTFOUND. */
int rule_update(db *d, const actor *who, const rule *r);

/* Creates a category (listed after the others), audited; *id is new. */
int rule_create(db *d, const actor *who, const rule *r, long long *id);

#endif
