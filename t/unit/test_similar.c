/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_similar.c: the repeat detector's normalisation, signatures, and its
 * precision and recall on the labelled pairs in t/data/similar-pairs.tsv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "similar/similar.h"

static void test_normalise(void **state)
{
	(void)state;
	char *n = similar_normalise("가로등이 꺼졌습니다!! 3번지, 빨리 고쳐 주세요.");
	assert_string_equal(n, "가로등 꺼졌 번지");
	free(n);
	/* Two syllables stay: 보도 and 인도 are never cut. */
	n = similar_normalise("보도 인도를 ABC");
	assert_string_equal(n, "보도 인도 abc");
	free(n);
	n = similar_normalise("");
	assert_string_equal(n, "");
	free(n);
}

static void test_spacing_and_particles(void **state)
{
	(void)state;
	similar_sig a, b, e;
	similar_signature("주차 금지 구역에 불법주차", &a);
	similar_signature("주차금지구역 불법 주차가", &b);
	assert_true(similar_estimate(&a, &b) > 0.99);
	similar_signature("!!! 123", &e);
	assert_true(e.empty);
	assert_true(similar_estimate(&a, &e) == 0);
}

static void test_pack(void **state)
{
	(void)state;
	similar_sig a, b;
	unsigned char buf[SIMILAR_SIG_BYTES];
	similar_signature("하천 산책로 가로등 고장", &a);
	similar_sig_pack(&a, buf);
	assert_true(similar_sig_unpack(buf, sizeof buf, &b));
	assert_false(b.empty);
	assert_memory_equal(a.min, b.min, sizeof a.min);
	assert_false(similar_sig_unpack(buf, 3, &b));
	for (int i = 0; i < SIMILAR_BANDS; i++)
		assert_true(similar_band_key(&a, i) == similar_band_key(&b, i) && similar_band_key(&a, i) >= 0);
}

/* The labelled set: counts at the threshold, printed for the record. */
static void test_precision_recall(void **state)
{
	(void)state;
	const char *src = getenv("MADANG_SOURCE_DIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/t/data/similar-pairs.tsv", src ? src : ".");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[8192];
	int tp = 0, fp = 0, fn = 0, tn = 0;
	int sweep[20][2] = {{0}};
	int banded = 0; /* same-matter pairs found judged AND sharing a band key */
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		char *a = strchr(line, '\t');
		assert_non_null(a);
		*a++ = '\0';
		char *b = strchr(a, '\t');
		assert_non_null(b);
		*b++ = '\0';
		similar_sig sa, sb;
		bool labelled = strcmp(line, "1") == 0;
		similar_signature(a, &sa);
		similar_signature(b, &sb);
		bool same = similar_same_matter(&sa, &sb);
		for (int t = 0; t < 20; t++)
			sweep[t][labelled ? 1 : 0] += similar_estimate(&sa, &sb) >= t * 0.05;
		if (getenv("SIMILAR_VERBOSE") && same != labelled)
			printf("%s %.3f\t%s\t%s\n", labelled ? "missed" : "wrong", similar_estimate(&sa, &sb), a, b);
		bool shared = false;
		for (int k = 0; k < SIMILAR_BANDS && !shared; k++)
			shared = similar_band_key(&sa, k) == similar_band_key(&sb, k);
		banded += same && labelled && shared;
		tp += same && labelled;
		fp += same && !labelled;
		fn += !same && labelled;
		tn += !same && !labelled;
	}
	fclose(f);
	/* SIMILAR_VERBOSE: the misses and the curve, to choose the threshold. */
	if (getenv("SIMILAR_VERBOSE"))
		for (int t = 0; t < 20; t++)
			printf("threshold %.2f precision %.3f recall %.3f\n", t * 0.05,
			       sweep[t][1] + sweep[t][0] ? (double)sweep[t][1] / (sweep[t][1] + sweep[t][0]) : 0,
			       (double)sweep[t][1] / (tp + fn));
	double precision = tp + fp ? (double)tp / (tp + fp) : 0;
	double recall = tp + fn ? (double)tp / (tp + fn) : 0;
	printf("similar pairs: %d (same %d, different %d), threshold %.2f\n", tp + fp + fn + tn, tp + fn,
	       fp + tn, SIMILAR_THRESHOLD);
	printf("precision %.3f recall %.3f (tp %d fp %d fn %d tn %d)\n", precision, recall, tp, fp, fn, tn);
	/* What the band index (the lookup among all cases) finds of those. */
	printf("found through the band index: %d of %d (%.3f)\n", banded, tp, tp ? (double)banded / tp : 0);
	assert_true(tp + fn + fp + tn >= 200);
	assert_true(precision >= 0.9);
	assert_true(recall >= 0.8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_spacing_and_particles),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_precision_recall),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
