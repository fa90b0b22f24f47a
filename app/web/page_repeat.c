/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_repeat.c: repeat complaints and similar cases on the pages
 * (similar/repeat.h): the staff case page's repeat warning and similar
 * answers of the department. */
#include "web.h"
#include "core/mdg.h"
#include "similar/repeat.h"

#include <stdio.h>
#include <string.h>

/* "3rd" in English, "3번째" in Korean: the filer's nth time. */
static void nth_time(const char *lang, long n, char *out, size_t len)
{
	static const char *const suffix[] = {"th", "st", "nd", "rd"};
	if (strcmp(lang, "en") != 0) {
		snprintf(out, len, "%ld번째", n);
		return;
	}
	long last = n % 10;
	bool teen = n % 100 >= 11 && n % 100 <= 13;
	snprintf(out, len, "%ld%s", n, !teen && last <= 3 ? suffix[last] : "th");
}

/* The rows h kept into prefix.N. */
static void hits_hdf(web *w, const similar_hits *h, const char *prefix)
{
	char name[64];
	for (int i = 0; i < h->n; i++) {
		snprintf(name, sizeof name, "%s.%d", prefix, i);
		db_row_hdf(h->r, h->rows[i], w->hdf, name);
	}
}

int web_repeat_fill(web *w, long long case_id)
{
	db_result *earlier = NULL;
	similar_hits answers = {0};
	char nth[32];
	int rc = repeat_earlier(w->app->db, w->me.id, case_id, &earlier);
	if (rc == MDG_OK)
		rc = similar_department_answers(w->app->db, w->me.id, case_id, &answers);
	if (rc != MDG_OK)
		goto done;
	if (earlier->nrows > 0) {
		long answered = 0;
		for (unsigned i = 0; i < earlier->nrows; i++)
			answered += db_get(earlier, i, "answer", NULL) != NULL;
		db_rows_hdf(earlier, w->hdf, "Repeat.Earlier");
		nth_time(w->lang, (long)earlier->nrows + 1, nth, sizeof nth);
		hdf_set_value(w->hdf, "Repeat.nth", nth);
		hdf_set_int_value(w->hdf, "Repeat.answered", (int)answered);
	}
	hits_hdf(w, &answers, "SimilarAnswers");
done:
	db_result_free(earlier);
	similar_hits_free(&answers);
	return rc;
}
