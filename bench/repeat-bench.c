/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* repeat-bench.c: bench/repeat's generator and timer (madang-repeat-bench).
 *
 *   madang-repeat-bench gen N FIRST_ID FIRST_ACCOUNT FILERS DIR
 *     writes DIR/cases.tsv, DIR/signatures.tsv (hex) and DIR/bands.tsv for
 *     N generated complaints with ids FIRST_ID..., filed by the accounts
 *     FIRST_ACCOUNT ... FIRST_ACCOUNT + FILERS - 1 over the last year, for
 *     LOAD DATA (bench/repeat loads them).
 *   madang-repeat-bench measure CONFIG LOOKUPS FIRST_ACCOUNT FILERS
 *     times LOOKUPS lookups made at filing (similar.h's signature, the
 *     filer's repeats, repeat_find, and the similar public cases,
 *     similar_public) on the database of the configuration and prints
 *     repeat_check_p50_ms (and p90, p99, found) as "name: value".
 *
 * The texts are put together from fixed Korean phrases (districts,
 * places, spots, matters, since when, who suffers, wordings): the same
 * matter comes back in other words, as repeats do. Everything is
 * fictional. */
#include "core/config.h"
#include "core/mdg.h"
#include "db/db.h"
#include "similar/repeat.h"
#include "similar/similar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const places[] = {
	"행복로", "은행나무길", "마당로", "별빛로", "햇살로", "푸른로", "번영로", "평화로", "새말길", "누리로",
	"소망길", "희망로", "중앙로", "역전로", "시장길", "공원로", "학교길", "하천로", "산책로", "청사로",
};
static const char *const matters[] = {
	"보도블록이 깨져 걸려 넘어질 뻔했습니다",   "가로등이 꺼져 밤길이 어둡습니다",
	"불법 주차 차량 때문에 차가 못 나갑니다",   "쓰레기가 무단으로 쌓여 악취가 납니다",
	"공사장 소음 때문에 잠을 잘 수 없습니다",   "도로에 포트홀이 생겨 위험합니다",
	"놀이터 그네 줄이 끊어져 위험합니다",       "신호등이 고장나 깜빡이지 않습니다",
	"하수구에서 악취가 심하게 올라옵니다",      "가로수 가지가 전선에 닿아 위험합니다",
	"버스정류장 의자가 부서져 앉을 수 없습니다", "맨홀 뚜껑이 들려 덜컹거립니다",
	"빗물받이가 막혀 물이 넘칩니다",            "공원 화장실이 더럽고 휴지가 없습니다",
	"횡단보도 도색이 벗겨져 잘 안 보입니다",    "오토바이 굉음 때문에 밤마다 잠을 깹니다",
};
static const char *const wordings[] = {
	"빨리 고쳐 주세요.", "조치 부탁드립니다.", "아직도 그대로입니다. 확인해 주세요.", "해결 바랍니다.",
	"벌써 여러 번 말씀드렸습니다.", "주민들이 불편합니다.",
};

/* What people add around the matter: where exactly, since when, who
 * suffers. Real complaints on one matter differ in these far more than in
 * the matter's own words; without them a million generated texts were a
 * few hundred matters in near-identical words, and each band key was
 * shared by thousands of cases, as no real year of complaints is. */
static const char *const districts[] = {
	"마당동", "누리동", "다솜동", "가람동", "솔내동", "한빛동", "새빛동", "꽃마을", "느티동", "하늘동",
	"바람동", "샘골",   "들말",   "너른동", "구름동", "달빛동", "물푸레동", "소나무골", "진달래동", "은하동",
};
static const char *const spots[] = {
	"편의점 앞", "버스정류장 옆", "초등학교 정문 앞", "아파트 후문 쪽", "교회 맞은편", "주차장 입구",
	"약국 옆 골목", "삼거리 모퉁이", "어린이집 앞", "체육관 뒤편", "우체국 건너편", "빌라 담벼락 밑",
};
static const char *const sinces[] = {
	"지난주부터", "사흘 전부터", "한 달째", "어제 저녁부터", "지난 비 온 뒤로", "올봄부터",
	"며칠 전부터", "두 주째", "이번 주 들어", "연휴 뒤로",
};
static const char *const sufferers[] = {
	"아이들 등굣길이라 걱정입니다", "어르신들이 지나다니기 힘듭니다", "장사하는 데 지장이 있습니다",
	"밤에 특히 위험합니다",         "유모차를 끌고 다니기 어렵습니다", "이웃들도 다 불편해합니다",
	"출퇴근 때마다 겪습니다",       "자전거 타는 사람들이 위험합니다", "휠체어가 지나갈 수 없습니다",
};

/* The i-th of n choices drawn from k (a different stretch of its hash
 * for each part, so the parts vary independently). */
static size_t pick(unsigned long k, unsigned shift, size_t n)
{
	return (size_t)((k * 2654435761UL) >> shift) % n;
}

/* A complaint's title and body from the number k. */
static void complaint(unsigned long k, char *title, size_t tlen, char *body, size_t blen)
{
	const char *place = places[k % MDG_ARRAY_LEN(places)];
	const char *matter = matters[(k / 7) % MDG_ARRAY_LEN(matters)];
	snprintf(title, tlen, "%s %s %s", districts[pick(k, 3, MDG_ARRAY_LEN(districts))], place, matter);
	snprintf(body, blen, "%s %s %lu번지 %s %s %s. %s. %s", districts[pick(k, 3, MDG_ARRAY_LEN(districts))],
		 place, 1 + (k / 3) % 120, spots[pick(k, 7, MDG_ARRAY_LEN(spots))],
		 sinces[pick(k, 11, MDG_ARRAY_LEN(sinces))], matter, sufferers[pick(k, 15, MDG_ARRAY_LEN(sufferers))],
		 wordings[(k / 11) % MDG_ARRAY_LEN(wordings)]);
}

static int gen(unsigned long n, long long first_id, long long first_account, long filers, const char *dir)
{
	char path[3][4096], title[512], body[1024], text[1600];
	const char *names[] = {"cases.tsv", "signatures.tsv", "bands.tsv"};
	FILE *f[3] = {NULL};
	unsigned char packed[SIMILAR_SIG_BYTES];
	similar_sig sig;
	int rc = 0;
	for (int i = 0; i < 3; i++) {
		snprintf(path[i], sizeof path[i], "%s/%s", dir, names[i]);
		if (!(f[i] = fopen(path[i], "w"))) {
			perror(path[i]);
			rc = 1;
			goto done;
		}
	}
	for (unsigned long k = 0; k < n; k++) {
		long long id = first_id + (long long)k;
		int category = 1 + (int)(k % 10);
		complaint(k * 2654435761UL % 1000003UL, title, sizeof title, body, sizeof body);
		/* id, tracking, category, account, title, body, public,
		 * answered, days ago */
		fprintf(f[0], "%lld\t%04lu-%06lu\t%d\t%lld\t%s\t%s\t%d\t%d\t%lu\n", id, 2000 + k / 999999,
			1 + k % 999999, category, first_account + (long long)(k % (unsigned long)filers), title, body,
			k % 5 != 0, k % 10 < 7, k % 365);
		snprintf(text, sizeof text, "%s\n%s", title, body);
		similar_signature(text, &sig);
		similar_sig_pack(&sig, packed);
		fprintf(f[1], "%lld\t", id);
		for (size_t b = 0; b < sizeof packed; b++)
			fprintf(f[1], "%02x", packed[b]);
		fputc('\n', f[1]);
		for (int b = 0; b < SIMILAR_BANDS && !sig.empty; b++)
			fprintf(f[2], "%lld\t%lld\n", similar_band_key(&sig, b), id);
	}
done:
	for (int i = 0; i < 3; i++)
		if (f[i] && fclose(f[i]) != 0)
			rc = 1;
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Times lookups lookups of texts that no other pass (seed) makes, so that
 * MariaDB's query cache never answers one. */
static int measure(const char *config, long lookups, long long first_account, long filers, long seed)
{
	HDF *cfg = NULL;
	db *d = NULL;
	char title[512], body[1024], text[1600];
	repeat_match found[REPEAT_MATCHES_MAX];
	similar_hits hits = {0};
	long found_total = 0, suggested = 0;
	double *ms = calloc((size_t)lookups, sizeof *ms);
	int rc = ms ? config_load(config, &cfg) : MDG_ERR;
	if (rc == MDG_OK)
		rc = db_connect(cfg, &d);
	for (long i = 0; rc == MDG_OK && i < lookups; i++) {
		struct timespec t0, t1;
		similar_sig sig;
		int n = 0;
		unsigned long k = (unsigned long)(i + seed * lookups) * 40503UL % 1000003UL;
		complaint(k, title, sizeof title, body, sizeof body);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		snprintf(text, sizeof text, "%s\n%s", title, body);
		similar_signature(text, &sig);
		rc = repeat_find(d, first_account + (long long)(k % (unsigned long)filers), 1 + (long long)(k % 10), 0,
				 0, &sig, found, REPEAT_MATCHES_MAX, &n);
		if (rc == MDG_OK)
			rc = similar_public(d, text, &hits);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms[i] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		found_total += n;
		suggested += hits.n;
		similar_hits_free(&hits);
	}
	if (rc == MDG_OK) {
		qsort(ms, (size_t)lookups, sizeof *ms, cmp_double);
		printf("repeat_lookups: %ld\n", lookups);
		printf("repeat_found_per_lookup: %.1f\n", (double)found_total / (double)lookups);
		printf("similar_suggested_per_lookup: %.1f\n", (double)suggested / (double)lookups);
		printf("repeat_check_p90_ms: %.2f\n", ms[lookups * 9 / 10]);
		printf("repeat_check_p99_ms: %.2f\n", ms[lookups * 99 / 100]);
		printf("repeat_check_p50_ms: %.2f\n", ms[lookups / 2]);
	} else {
		fprintf(stderr, "repeat-bench: measure failed (%d)%s%s\n", rc, d ? ": " : "", d ? db_error(d) : "");
	}
	free(ms);
	db_close(d);
	hdf_destroy(&cfg);
	return rc == MDG_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 7 && strcmp(argv[1], "gen") == 0 && atol(argv[5]) > 0)
		return gen(strtoul(argv[2], NULL, 10), atoll(argv[3]), atoll(argv[4]), atol(argv[5]), argv[6]);
	if ((argc == 6 || argc == 7) && strcmp(argv[1], "measure") == 0 && atol(argv[3]) > 0 && atol(argv[5]) > 0)
		return measure(argv[2], atol(argv[3]), atoll(argv[4]), atol(argv[5]), argc == 7 ? atol(argv[6]) : 0);
	fprintf(stderr, "usage: madang-repeat-bench gen N FIRST_ID FIRST_ACCOUNT FILERS DIR\n"
			"       madang-repeat-bench measure CONFIG LOOKUPS FIRST_ACCOUNT FILERS [SEED]\n");
	return 2;
}
