/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* public_view.h: what a public page shows of a case changed. The contract
 * between issue 15's parts: every writer of something a public page shows
 * calls case_public_changed after its commit and before its answer
 * (i15view keeps the public view row; i15cache purges the page cache,
 * lib/cache/page_cache.h). */
#ifndef MADANG_PUBLIC_VIEW_H
#define MADANG_PUBLIC_VIEW_H

#include "db/db.h"

/* After the commit of a change to case case_id that a public page may
 * show (its page, the lists, the statistics): the cached pages that show
 * it are deleted before the writer answers. MDG_OK, or MDG_ERR when the
 * cache could not be purged (logged). */
int case_public_changed(db *d, long long case_id);

/* The same for a case known by its tracking number (no query). */
int case_public_changed_tracking(const char *tracking);

#endif
