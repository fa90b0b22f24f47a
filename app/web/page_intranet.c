/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_intranet.c: "share to intranet" on the staff case page: a staff
 * member who reads a case (perm_case's CAN_READ) posts its summary on
 * the board of one of their staff communities (community_access_get's
 * may_post). The summary is the case's tracking number, title,
 * category, department, status and the staff case page's address:
 * never the filer's name or contact details (intranet.h). Audited. */
#include "web.h"
#include "view_case.h"
#include "communities/community.h"
#include "communities/intranet.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "org/org.h"
#include "org/perm.h"
#include <stdio.h>
#include <string.h>

int web_intranet_share_fill(web *w)
{
	db_result *r = NULL;
	int rc = intranet_share_targets(w->app->db, w->me.id, w->lang, &r);
	if (rc == MDG_OK)
		db_rows_hdf(r, w->hdf, "Share.Targets");
	db_result_free(r);
	return rc;
}

/* The board a share goes on in the community of acc: its free board,
 * else its Q&A board, else (for its managers) its notice board. */
static int share_board(web *w, const community_access *acc, long long *board_id)
{
	static const enum community_board order[] = {BOARD_FREE, BOARD_QNA, BOARD_NOTICE};
	for (size_t i = 0; i < MDG_ARRAY_LEN(order); i++) {
		if (order[i] == BOARD_NOTICE && !acc->may_manage)
			break;
		int rc = board_find(w->app->db, acc->id, order[i], board_id);
		if (rc != MDG_ENOTFOUND)
			return rc;
	}
	return MDG_ENOTFOUND;
}

/* The bytes of s's first max characters. */
static int head_bytes(const char *s, size_t max)
{
	size_t i = 0, len = strlen(s);
	for (size_t n = 0; n < max && i < len; n++)
		i += utf8_seq_len((unsigned char)s[i]);
	return (int)(i < len ? i : len);
}

/* The text of the L.<path> label, or fallback. */
static const char *label(web *w, const char *path, const char *fallback)
{
	return hdf_get_value(w->hdf, path, fallback);
}

int page_staff_share(web *w)
{
	const char *tracking = w->r->params[0];
	const char *slug = form_get(w, "community");
	long long case_id = 0, board_id = 0, post_id = 0;
	unsigned can = 0;
	community_access acc;
	db_result *s = NULL;
	char title[BOARD_TITLE_MAX * 4], body[2048], status_path[64];
	/* A case outside the reader's scope is not there (as on its page). */
	int rc = web_staff_case_find(w, tracking, &case_id, &can);
	if (rc != MDG_OK)
		return rc;
	/* Only into a staff community the reader may post in. */
	rc = community_access_get(w->app->db, slug, 0, &w->who, &w->perm, &acc);
	if (rc == MDG_ENOTFOUND || (rc == MDG_OK && (!acc.staff_only || !acc.readable)))
		return MDG_ENOTFOUND;
	if (rc == MDG_OK && !acc.may_post)
		return MDG_EDENIED;
	if (rc == MDG_OK)
		rc = share_board(w, &acc, &board_id);
	if (rc == MDG_ENOTFOUND)
		return MDG_EINVAL;
	if (rc == MDG_OK)
		rc = intranet_case_summary(w->app->db, case_id, w->lang, &s);
	if (rc != MDG_OK)
		goto done;
	snprintf(status_path, sizeof status_path, "L.Status.%s", db_get(s, 0, "status", ""));
	const char *case_title = db_get(s, 0, "title", "");
	/* "[2026-000123] " and the case's title within a post title's length. */
	snprintf(title, sizeof title, "[%s] %.*s", db_get(s, 0, "tracking", ""),
		 head_bytes(case_title, BOARD_TITLE_MAX - TRACKING_LEN - 3), case_title);
	snprintf(body, sizeof body, "%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: /staff/cases/%s",
		 label(w, "L.Intranet.Tracking", "Tracking number"), db_get(s, 0, "tracking", ""),
		 label(w, "L.Intranet.Category", "Category"), db_get(s, 0, "category", ""),
		 label(w, "L.Intranet.Department", "Department"), db_get(s, 0, "department", ""),
		 label(w, "L.Intranet.Status", "Status"), label(w, status_path, db_get(s, 0, "status", "")),
		 label(w, "L.Intranet.CasePage", "Case page"), db_get(s, 0, "tracking", ""));
	board_text t = {.title = title, .body = body};
	rc = intranet_share_case(w->app->db, &w->who, acc.id, board_id, db_get(s, 0, "tracking", ""), &t, &post_id);
	if (rc == MDG_OK)
		web_redirect(w, "/c/%s/posts/%lld", acc.slug, post_id);
done:
	db_result_free(s);
	return rc;
}

bool web_intranet_may_tie(web *w, long long department_id)
{
	return w->staff && (perm_is_global_admin(&w->perm) ||
			    perm_covers_dept(&w->perm, PERM_ADMIN | PERM_MANAGER, department_id));
}

int web_intranet_departments_fill(web *w)
{
	db_result *r = NULL;
	int rc = org_departments(w->app->db, w->lang, &r);
	int k = 0;
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		long long id = db_get_ll(r, i, "id", 0);
		if (!db_get_ll(r, i, "active", 0) || !web_intranet_may_tie(w, id))
			continue;
		hdf_set_valuef(w->hdf, "Intranet.Departments.%d.id=%lld", k, id);
		hdf_set_valuef(w->hdf, "Intranet.Departments.%d.name=%s", k, db_get(r, i, "name", ""));
		k++;
	}
	db_result_free(r);
	return rc;
}
