/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* public_view.h: a public case's page kept ready (db/migrations/
 * 0057_case_public.sql): one row per public case and language with what
 * /cases/{tracking} shows an anonymous reader, rebuilt from the full
 * queries in the transaction of every change the page shows, and read
 * with one statement. */
#ifndef MDG_PUBLIC_VIEW_H
#define MDG_PUBLIC_VIEW_H
#include <stdbool.h>

#include "cases/case.h"
#include "db/db.h"

struct buf; /* core/buf.h */

/* Builds case_id's rows again from the full queries (none when it is not
 * public; a case stays public or private from its filing on). Call it in
 * the writer's transaction after the case's rows are written; it locks
 * the case's row. Calling it twice is harmless. */
int case_public_refresh(db *d, long long case_id);

/* When category (or department) id is to be renamed (name_ko, name_en
 * differ from its names, compared byte by byte): deletes the rows of the
 * cases that show its name. Call it in the renaming transaction before
 * the UPDATE: one statement however many cases; their pages read the
 * full queries until a change of the case, a reader (view_case.c) or
 * madangctl public-view-rebuild builds them again. */
int case_public_forget_category(db *d, long long category_id, const char *name_ko, const char *name_en);
int case_public_forget_department(db *d, long long department_id, const char *name_ko, const char *name_en);

/* After the commit of any change a public page shows of case_id (its
 * page, the lists, the statistics) and before the writer answers: the
 * cached pages that show it are deleted (lib/cache/page_cache.h), so no
 * anonymous reader gets an older page. case_id 0: any public case's page
 * may have changed (a rename, an absence's hand-over of many cases), and
 * every cached page goes. MDG_OK, or MDG_ERR when the cache could not be
 * purged (logged). */
int case_public_changed(db *d, long long case_id);

/* The same for a case known by its tracking number (no query). */
int case_public_changed_tracking(const char *tracking);
/* For writers of other items the home page or /stats show (proposals,
 * debates, communities): case_public_changed(d, 0) when rc (a committed
 * transaction's outcome) is MDG_OK; returns rc. */
int case_public_committed(db *d, int rc);

/* The page of tracking in lang for reader v (not its owner, not staff:
 * the caller's choice) into hdf, from its row with one statement: Case.*,
 * Files, Answers, AnswerParts, Stages, Timeline.Role, as the full queries
 * give them to that reader (masked as case_get masks). *found is false
 * when the case has no row (private, unknown, or not built yet): the
 * caller then reads the full queries. */
int case_public_page(db *d, const char *tracking, const viewer *v, const char *lang, HDF *hdf, bool *found);

/* Builds every public case's rows again, a transaction per case.
 * *cases gets the number of public cases built. */
int case_public_rebuild(db *d, long long *cases);

/* Compares every row with what the full queries give now (and looks for
 * public cases without rows and rows of cases no longer public): each
 * difference is written to out (a line per row, with both versions).
 * *stale counts rows that differ or should not exist, *missing public
 * cases without a row (served right, by the full queries, only slower).
 * tracking limits it to one case when not NULL. */
int case_public_check(db *d, const char *tracking, struct buf *out, long long *checked, long long *stale,
		      long long *missing);

#endif
