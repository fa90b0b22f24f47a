/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* perm.c: what a staff member's roles reach, and the checks built on it. */
#include "org/perm.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	unsigned bit;
} role_bits[] = {
	{"sysadmin", PERM_SYSADMIN}, {"supervisor", PERM_SUPERVISOR}, {"manager", PERM_MANAGER},
	{"handler", PERM_HANDLER},   {"agent", PERM_AGENT},           {"moderator", PERM_MODERATOR},
	{"viewer", PERM_VIEWER},
};

unsigned perm_role_bit(const char *role)
{
	for (size_t i = 0; role && i < MDG_ARRAY_LEN(role_bits); i++)
		if (strcmp(role, role_bits[i].name) == 0)
			return role_bits[i].bit;
	return 0;
}

/* The entry of department_id in p->reach, added when absent. */
static perm_reach *reach_entry(staff_perm *p, long long department_id)
{
	for (size_t i = 0; i < p->nreach; i++)
		if (p->reach[i].department_id == department_id)
			return &p->reach[i];
	p->reach = xrealloc(p->reach, (p->nreach + 1) * sizeof *p->reach);
	perm_reach *e = &p->reach[p->nreach++];
	memset(e, 0, sizeof *e);
	e->department_id = department_id;
	return e;
}

static const perm_reach *reach_find(const staff_perm *p, long long department_id)
{
	for (size_t i = 0; i < p->nreach; i++)
		if (p->reach[i].department_id == department_id)
			return &p->reach[i];
	return NULL;
}

int perm_load(db *d, long long account_id, staff_perm *out)
{
	db_result *r = NULL;
	memset(out, 0, sizeof *out);
	/* Each scoped role with the departments it covers: its own, and with
	 * with_subtree every one below it (subtree = 1: that one's whole
	 * subtree is covered too); global roles once, without a department. */
	int rc = db_query(d, &r, "WITH RECURSIVE reach (role, department_id, subtree) AS ("
				 " SELECT r.role, r.department_id, r.with_subtree FROM staff_roles r"
				 "  WHERE r.account_id = ? AND r.department_id IS NOT NULL"
				 " UNION ALL"
				 " SELECT reach.role, c.id, 1 FROM departments c JOIN reach"
				 " ON c.parent_id = reach.department_id"
				 "  WHERE reach.subtree = 1)"
				 " SELECT role AS role, department_id AS department_id, subtree AS subtree FROM reach"
				 " UNION ALL SELECT role, NULL, 1 FROM staff_roles WHERE account_id = ?"
				 " AND department_id IS NULL",
			  DB_ARGS(DB_INT(account_id), DB_INT(account_id)));
	if (rc != MDG_OK)
		return rc;
	unsigned held = 0;
	for (unsigned i = 0; i < r->nrows; i++) {
		unsigned bit = perm_role_bit(db_get(r, i, "role", ""));
		held |= bit;
		if (!db_get(r, i, "department_id", NULL)) {
			out->global |= bit;
			continue;
		}
		perm_reach *e = reach_entry(out, db_get_ll(r, i, "department_id", 0));
		e->roles |= bit;
		if (db_get_ll(r, i, "subtree", 0))
			e->subtree_roles |= bit;
	}
	out->sysadmin = held & PERM_SYSADMIN;
	out->supervisor = held & PERM_SUPERVISOR;
	out->manager = held & PERM_MANAGER;
	out->handler = held & PERM_HANDLER;
	out->agent = held & PERM_AGENT;
	out->moderator = held & PERM_MODERATOR;
	out->viewer = held & PERM_VIEWER;
	db_result_free(r);
	return MDG_OK;
}

void perm_free(staff_perm *p)
{
	free(p->reach);
	memset(p, 0, sizeof *p);
}

bool perm_holds(const staff_perm *p, unsigned roles)
{
	unsigned held = (p->sysadmin ? PERM_SYSADMIN : 0) | (p->supervisor ? PERM_SUPERVISOR : 0) |
			(p->manager ? PERM_MANAGER : 0) | (p->handler ? PERM_HANDLER : 0) |
			(p->agent ? PERM_AGENT : 0) | (p->moderator ? PERM_MODERATOR : 0) |
			(p->viewer ? PERM_VIEWER : 0);
	return (held & roles) != 0;
}

bool perm_is_admin(const staff_perm *p)
{
	return perm_holds(p, PERM_ADMIN);
}

bool perm_is_global_admin(const staff_perm *p)
{
	return (p->global & PERM_ADMIN) != 0;
}

bool perm_sees_reports(const staff_perm *p)
{
	return perm_holds(p, PERM_REPORTS);
}

bool perm_calls_only(const staff_perm *p)
{
	return perm_holds(p, PERM_AGENT) &&
	       !perm_holds(p, PERM_HANDLER | PERM_MANAGER | PERM_ADMIN);
}

bool perm_covers_dept(const staff_perm *p, unsigned roles, long long department_id)
{
	if (p->global & roles)
		return true;
	const perm_reach *e = department_id > 0 ? reach_find(p, department_id) : NULL;
	return e && (e->roles & roles);
}

bool perm_covers_subtree(const staff_perm *p, unsigned roles, long long department_id)
{
	if (p->global & roles)
		return true;
	const perm_reach *e = department_id > 0 ? reach_find(p, department_id) : NULL;
	return e && (e->subtree_roles & roles);
}

char *perm_departments(const staff_perm *p, unsigned roles)
{
	buf ids = {0};
	if (p->global & roles)
		return NULL;
	for (size_t i = 0; i < p->nreach; i++)
		if (p->reach[i].roles & roles)
			buf_printf(&ids, "%s%lld", ids.len ? "," : "", p->reach[i].department_id);
	char *s = xstrdup(buf_str(&ids));
	buf_free(&ids);
	return s;
}

bool perm_may_grant(const staff_perm *p, const char *role, long long department_id, bool with_subtree)
{
	unsigned bit = perm_role_bit(role);
	if (!bit)
		return false;
	/* The rights that may hand this role out, over all of its reach. */
	unsigned granting = bit == PERM_SYSADMIN ? PERM_SYSADMIN : PERM_ADMIN;
	if (department_id == 0 || with_subtree)
		return perm_covers_subtree(p, granting, department_id);
	return perm_covers_dept(p, granting, department_id);
}

/* An account id and its place in the caller's array. */
struct id_pos {
	long long id;
	size_t pos;
};

static int id_pos_cmp(const void *a, const void *b)
{
	long long x = ((const struct id_pos *)a)->id, y = ((const struct id_pos *)b)->id;
	return (x > y) - (x < y);
}

int perm_may_manage_many(db *d, const staff_perm *p, size_t n, const long long *ids, bool *yes)
{
	db_result *r = NULL;
	struct id_pos *idx = xcalloc(n ? n : 1, sizeof *idx);
	bool *seen = xcalloc(n ? n : 1, sizeof *seen);
	for (size_t i = 0; i < n; i++) {
		idx[i].id = ids[i];
		idx[i].pos = i;
		yes[i] = true;
	}
	qsort(idx, n, sizeof *idx, id_pos_cmp);
	/* The rights of one account, or of every account when asked about
	 * many (one query for a whole list): its roles and memberships. */
	long long one = n == 1 ? ids[0] : 0;
	int rc = db_query(d, &r, "SELECT account_id AS account_id, role AS role,"
				 " IFNULL(department_id, 0) AS department_id, with_subtree AS subtree"
				 " FROM staff_roles WHERE ? = 0 OR account_id = ?"
				 " UNION ALL SELECT account_id, NULL, department_id, 0 FROM staff_departments"
				 " WHERE ? = 0 OR account_id = ?",
			  DB_ARGS(DB_INT(one), DB_INT(one), DB_INT(one), DB_INT(one)));
	if (rc != MDG_OK)
		goto done;
	for (unsigned i = 0; i < r->nrows; i++) {
		struct id_pos key = {db_get_ll(r, i, "account_id", 0), 0};
		const struct id_pos *hit = bsearch(&key, idx, n, sizeof *idx, id_pos_cmp);
		if (!hit || !yes[hit->pos])
			continue;
		seen[hit->pos] = true;
		const char *role = db_get(r, i, "role", NULL);
		long long dept = db_get_ll(r, i, "department_id", 0);
		/* A role: one the caller could grant; a membership: a
		 * department of the caller's. */
		yes[hit->pos] = role ? perm_may_grant(p, role, dept, db_get_ll(r, i, "subtree", 0) != 0)
				     : perm_covers_dept(p, PERM_ADMIN, dept);
	}
	/* An account placed nowhere is the whole institution's. */
	for (size_t i = 0; i < n; i++)
		if (!seen[i] && !perm_is_global_admin(p))
			yes[i] = false;
done:
	if (rc != MDG_OK)
		memset(yes, 0, n * sizeof *yes);
	db_result_free(r);
	free(idx);
	free(seen);
	return rc;
}

int perm_may_manage(db *d, const staff_perm *p, long long account_id, bool *yes)
{
	return perm_may_manage_many(d, p, 1, &account_id, yes);
}

/* perm_case and perm_case_lead: lead_only limits to the lead department. */
static int case_abilities(db *d, long long account_id, long long case_id, bool lead_only, unsigned *can)
{
	db_result *r = NULL;
	*can = 0;
	/* Global supervisors and administrators reach every case, including
	 * those no rule could place in a department. */
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM staff_roles r JOIN accounts a ON a.id = r.account_id"
				 " WHERE r.account_id = ? AND a.active = 1 AND r.department_id IS NULL"
				 " AND r.role IN ('supervisor', 'sysadmin')",
			  DB_ARGS(DB_INT(account_id)));
	if (rc != MDG_OK)
		return rc;
	bool global = db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	r = NULL;
	if (global) {
		*can = CAN_READ | CAN_HANDLE | CAN_MANAGE;
		return MDG_OK;
	}
	rc = db_query(d, &r, "SELECT COUNT(s.department_id) AS reached, IFNULL(MAX(s.can_manage), 0) AS manages,"
				 " (SELECT COUNT(*) FROM case_handlers h WHERE h.case_id = ? AND h.account_id = ?"
				 "  AND (? = 0 OR h.department_id = (SELECT department_id FROM cases"
				 " WHERE id = ?))) AS handles"
				 " FROM case_departments cd JOIN staff_scope s ON s.department_id = cd.department_id"
				 " AND s.account_id = ? WHERE cd.case_id = ? AND (? = 0 OR cd.role = 'lead')",
			  DB_ARGS(DB_INT(case_id), DB_INT(account_id), DB_INT((long long)lead_only), DB_INT(case_id),
				  DB_INT(account_id), DB_INT(case_id), DB_INT((long long)lead_only)));
	if (rc != MDG_OK)
		return rc;
	if (db_get_ll(r, 0, "reached", 0) > 0) {
		*can |= CAN_READ;
		if (db_get_ll(r, 0, "manages", 0))
			*can |= CAN_MANAGE | CAN_HANDLE;
		if (db_get_ll(r, 0, "handles", 0))
			*can |= CAN_HANDLE;
	}
	db_result_free(r);
	return MDG_OK;
}

int perm_case(db *d, long long account_id, long long case_id, unsigned *can)
{
	return case_abilities(d, account_id, case_id, false, can);
}

int perm_case_lead(db *d, long long account_id, long long case_id, unsigned *can)
{
	return case_abilities(d, account_id, case_id, true, can);
}
