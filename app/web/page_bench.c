/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_bench.c: the benchmark's "nodb" page (bench/README.md, issue 15):
 * the public case page rendered from fixed data, without the database.
 * Compiled only with -DMADANG_BENCH_NODB=ON (CMake option, off by
 * default; bench/run builds such a madang-web in build-bench/): a normal
 * build has neither this code nor its route. */
#include "web.h"

#ifdef MADANG_BENCH_NODB
#include "core/mdg.h"
#include "core/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The data the first request of this worker loaded, kept for the rest. */
static HDF *fixed;

int page_bench_nodb(web *w)
{
	/* Only what anyone may see: the first request's view is every
	 * later one's, so a signed-in first request must not set it. */
	if (w->signed_in)
		return MDG_ENOTFOUND;
	if (fixed) {
		for (HDF *c = hdf_obj_child(fixed); c; c = hdf_obj_next(c))
			if (hdf_copy(w->hdf, hdf_obj_name(c), c) != STATUS_OK)
				return MDG_ERR;
		web_page(w, "portal/case.cs", "Case");
		return MDG_OK;
	}
	/* The first: the real page (page_portal.c), then what its handler
	 * added to the request's tree (the top-level trees that were not
	 * there before it) is kept. */
	char *before[256];
	size_t n = 0;
	for (HDF *c = hdf_obj_child(w->hdf); c && n < MDG_ARRAY_LEN(before); c = hdf_obj_next(c))
		before[n++] = xstrdup(hdf_obj_name(c));
	int rc = page_case(w);
	HDF *keep = NULL;
	if (rc == MDG_OK && hdf_init(&keep) == STATUS_OK) {
		for (HDF *c = hdf_obj_child(w->hdf); c; c = hdf_obj_next(c)) {
			const char *name = hdf_obj_name(c);
			bool old = false;
			for (size_t i = 0; i < n && !old; i++)
				old = strcmp(before[i], name) == 0;
			if (!old && hdf_copy(keep, name, c) != STATUS_OK)
				rc = MDG_ERR;
		}
		if (rc == MDG_OK)
			fixed = keep;
		else
			hdf_destroy(&keep);
	}
	for (size_t i = 0; i < n; i++)
		free(before[i]);
	return rc;
}
#else
/* (ISO C wants something in a translation unit.) */
typedef int page_bench_unused;
#endif
