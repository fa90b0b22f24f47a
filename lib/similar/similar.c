/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* similar.c: Korean text normalisation, shingles and MinHash (similar.h). */
#include "similar/similar.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Endings stripped from the end of a word, longest first within the
 * list: particles (조사) and the polite endings every complaint uses, so
 * that "가로등이", "가로등은" and "가로등" meet. A word keeps at least
 * two syllables (MIN_STEM), so "보도" and "인도" are never cut to one. */
static const char *const endings[] = {
	"해주시기바랍니다", "해주시기", "해주세요", "해주십시오", "부탁드립니다", "부탁합니다",
	"바랍니다", "드립니다", "했습니다", "습니다", "입니다", "합니다", "됩니다", "였습니다",
	"있어요", "했어요", "에서는", "에서도", "으로는", "으로도", "에게서", "이에요", "입니다",
	"에서", "에게", "한테", "으로", "께서", "까지", "부터", "처럼", "보다", "마다", "이나",
	"이랑", "하고", "니다", "세요", "해요", "어요", "아요", "에요", "예요", "네요", "인데",
	"은", "는", "이", "가", "을", "를", "에", "의", "와", "과", "도", "만", "로", "요",
};
#define MIN_STEM 2
/* Shingles of 1 and 2 syllables: on t/data/similar-pairs.tsv they beat
 * 2 and 3 (docs/similar.md has the figures), since a rewritten complaint
 * keeps its nouns but seldom their neighbours. */
#define SHINGLE_MIN 1
#define SHINGLE_MAX 2

/* Words any complaint may hold whatever its matter (after stripping):
 * dropped so that they make two different matters no closer. */
static const char *const stopwords[] = {
	"민원", "요청", "부탁", "부탁드", "너무", "아직", "아직도", "계속", "빨리", "정말", "진짜",
	"제발", "그대로", "매우", "항상", "다시", "우리", "저희", "여기", "때문", "때문에", "주세",
	"주세요", "해주", "해주세", "조치", "처리", "확인", "해결", "바랍", "있습", "없습", "있습니",
	"좀", "또", "및", "것", "수", "더", "다", "안", "못", "해", "고쳐", "해서", "되어", "있는",
	"인해", "관련", "문제", "주시", "드려", "드립",
};

/* UTF-8 bytes of one code point into out (at least 4 bytes); its length. */
static size_t put_utf8(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

static bool is_hangul(uint32_t c)
{
	return c >= 0xac00 && c <= 0xd7a3;
}

/* The part of a word kept: Hangul syllables and Latin letters (lowered);
 * digits, jamo (ㅋㅋ), punctuation and spaces end a word. */
static uint32_t word_char(uint32_t c)
{
	if (is_hangul(c) || (c >= 'a' && c <= 'z'))
		return c;
	if (c >= 'A' && c <= 'Z')
		return c + ('a' - 'A');
	return 0;
}

/* Syllables (code points) in the UTF-8 string s. */
static size_t syllables(const char *s)
{
	return utf8_length(s, strlen(s));
}

/* Strips one ending from the word in w (UTF-8, NUL-terminated, edited in
 * place) when at least MIN_STEM syllables stay. True when one was. */
static bool strip_ending(char *w)
{
	size_t len = strlen(w);
	size_t n = syllables(w);
	for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
		size_t elen = strlen(endings[i]);
		if (elen < len && memcmp(w + len - elen, endings[i], elen) == 0 &&
		    n - syllables(endings[i]) >= MIN_STEM) {
			w[len - elen] = '\0';
			return true;
		}
	}
	return false;
}

static bool is_stopword(const char *w)
{
	for (size_t i = 0; i < sizeof stopwords / sizeof stopwords[0]; i++)
		if (strcmp(w, stopwords[i]) == 0)
			return true;
	return false;
}

char *similar_normalise(const char *text)
{
	size_t tlen = strlen(text);
	char *out = xmalloc(tlen + 2);
	char *word = xmalloc(tlen + 1);
	size_t o = 0, wl = 0, i = 0;
	for (;;) {
		uint32_t c = i < tlen ? word_char(utf8_next(text, &i)) : 0;
		if (c) {
			wl += put_utf8(c, word + wl);
			continue;
		}
		if (wl) {
			word[wl] = '\0';
			/* A verb's ending, then a particle before it at most. */
			if (strip_ending(word))
				strip_ending(word);
			if (!is_stopword(word)) {
				size_t k = strlen(word);
				if (o)
					out[o++] = ' ';
				memcpy(out + o, word, k);
				o += k;
			}
			wl = 0;
		}
		if (i >= tlen)
			break;
	}
	out[o] = '\0';
	free(word);
	return out;
}

/* splitmix64's finaliser: spreads every input bit over the output. */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Folds the shingle's n code points into one 64-bit value per shingle
 * (FNV-1a over the code points, then the length). */
static uint64_t shingle_hash(const uint32_t *cp, int n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (int k = 0; k < n; k++) {
		h ^= cp[k];
		h *= 0x100000001b3ULL;
	}
	return mix64(h ^ (uint64_t)n);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The K hash functions: one mix of the shingle's hash with seed i. */
static void add_shingle(similar_sig *s, uint64_t h)
{
	for (int i = 0; i < SIMILAR_K; i++) {
		uint32_t v = (uint32_t)(mix64(h + 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1)) >> 32);
		if (v < s->min[i])
			s->min[i] = v;
	}
}

void similar_signature(const char *text, similar_sig *out)
{
	for (int i = 0; i < SIMILAR_K; i++)
		out->min[i] = UINT32_MAX;
	out->empty = true;
	out->shingles = 0;
	char *norm = similar_normalise(text);
	size_t len = strlen(norm);
	/* The words joined without spaces, as code points: spacing never
	 * changes a shingle. */
	uint32_t *cp = xmalloc((len + 1) * sizeof *cp);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c = utf8_next(norm, &i);
		if (c != ' ')
			cp[n++] = c;
	}
	uint64_t *h = xmalloc((2 * n + 1) * sizeof *h);
	size_t nh = 0;
	for (int size = SHINGLE_MIN; size <= SHINGLE_MAX; size++)
		for (size_t i = 0; i + (size_t)size <= n; i++)
			h[nh++] = shingle_hash(cp + i, size);
	qsort(h, nh, sizeof *h, cmp_u64);
	out->shingles = 0;
	for (size_t i = 0; i < nh; i++)
		if (i == 0 || h[i] != h[i - 1]) {
			add_shingle(out, h[i]);
			out->shingles++;
		}
	out->empty = out->shingles == 0;
	free(h);
	free(cp);
	free(norm);
}

double similar_estimate(const similar_sig *a, const similar_sig *b)
{
	if (a->empty || b->empty)
		return 0;
	int same = 0;
	for (int i = 0; i < SIMILAR_K; i++)
		same += a->min[i] == b->min[i];
	double j = (double)same / SIMILAR_K;
	/* The shared shingles from the Jaccard estimate and the two set
	 * sizes, over the smaller set (overlap coefficient). */
	double both = j * (a->shingles + b->shingles) / (1 + j);
	uint32_t small = a->shingles < b->shingles ? a->shingles : b->shingles;
	return small ? both / small : 0;
}

bool similar_same_matter(const similar_sig *a, const similar_sig *b)
{
	return similar_estimate(a, b) >= SIMILAR_THRESHOLD;
}

void similar_sig_pack(const similar_sig *s, unsigned char out[SIMILAR_SIG_BYTES])
{
	for (int i = 0; i < SIMILAR_K; i++) {
		uint32_t v = s->empty ? UINT32_MAX : s->min[i];
		for (int k = 0; k < 4; k++)
			out[i * 4 + k] = (unsigned char)(v >> (8 * k));
	}
	for (int k = 0; k < 4; k++)
		out[SIMILAR_K * 4 + k] = (unsigned char)(s->shingles >> (8 * k));
}

bool similar_sig_unpack(const unsigned char *in, size_t len, similar_sig *out)
{
	if (len != SIMILAR_SIG_BYTES)
		return false;
	out->empty = true;
	for (int i = 0; i < SIMILAR_K; i++) {
		uint32_t v = 0;
		for (int k = 0; k < 4; k++)
			v |= (uint32_t)in[i * 4 + k] << (8 * k);
		out->min[i] = v;
		if (v != UINT32_MAX)
			out->empty = false;
	}
	out->shingles = 0;
	for (int k = 0; k < 4; k++)
		out->shingles |= (uint32_t)in[SIMILAR_K * 4 + k] << (8 * k);
	return true;
}

long long similar_band_key(const similar_sig *s, int b)
{
	uint64_t h = mix64((uint64_t)b + 1);
	for (int r = 0; r < SIMILAR_ROWS; r++)
		h = mix64(h ^ s->min[b * SIMILAR_ROWS + r]);
	return (long long)(h & INT64_MAX);
}
