/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* similar.h: are two complaints about the same matter? Korean text
 * similarity for repeat complaints (민원처리법 제23조) and suggestions.
 *
 * The method (docs/similar.md): the text is normalised (punctuation,
 * digits and spacing dropped, Latin letters lowered, a particle (조사)
 * or a polite ending stripped from the end of a word when at least two
 * syllables stay, words common to every complaint dropped), the words
 * joined without spaces, and cut into character n-grams of 1 and 2
 * syllables (shingles). A MinHash signature of SIMILAR_K 32-bit minima
 * estimates the Jaccard similarity J of two shingle sets; with the sizes
 * of both sets it gives the shared shingles over the smaller set (the
 * overlap coefficient), the score compared. SIMILAR_BANDS
 * bands of SIMILAR_ROWS minima each are hashed into band keys that an
 * index finds candidates by (locality-sensitive hashing). Two texts are
 * about the same matter when the estimate reaches SIMILAR_THRESHOLD
 * (chosen on t/data/similar-pairs.tsv, measured by t/unit/test_similar.c). */
#ifndef MDG_SIMILAR_H
#define MDG_SIMILAR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIMILAR_K 128
#define SIMILAR_ROWS 3
#define SIMILAR_BANDS 32
#define SIMILAR_SIG_BYTES (SIMILAR_K * 4 + 4)
#define SIMILAR_THRESHOLD 0.55

/* A MinHash signature; empty when the text had no shingle. */
typedef struct similar_sig {
	uint32_t min[SIMILAR_K];
	uint32_t shingles; /* distinct shingles of the text */
	bool empty;
} similar_sig;

/* The normalised words of valid UTF-8 text, separated by one space (a
 * new string the caller frees): what the shingles are cut from. */
char *similar_normalise(const char *text);

/* The signature of text (valid UTF-8; title and body joined by the
 * caller). */
void similar_signature(const char *text, similar_sig *out);

/* The estimated overlap coefficient of two signatures, 0 to 1 (0 when
 * either is empty). */
double similar_estimate(const similar_sig *a, const similar_sig *b);

/* True when a and b are about the same matter by the threshold. */
bool similar_same_matter(const similar_sig *a, const similar_sig *b);

/* The signature as stored: SIMILAR_SIG_BYTES little-endian bytes (all
 * 0xff for an empty one). */
void similar_sig_pack(const similar_sig *s, unsigned char out[SIMILAR_SIG_BYTES]);
/* A stored signature back; false when len is not SIMILAR_SIG_BYTES. */
bool similar_sig_unpack(const unsigned char *in, size_t len, similar_sig *out);

/* The key of band b (0 .. SIMILAR_BANDS - 1) of s: the band's number and
 * its minima hashed to a signed 63-bit value (a BIGINT in the index). */
long long similar_band_key(const similar_sig *s, int b);

#endif
