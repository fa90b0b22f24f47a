/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* filter.h: the profanity and abuse word filter (욕설 필터) for public
 * user text. Pure: the word list is the caller's (moderation.h loads the
 * supervisors' list from the database).
 *
 * Matching reads only the Hangul of a text: syllables and compatibility
 * jamo (ㅅ, ㅂ; ㅄ counts as ㅂㅅ). Everything else between them (digits,
 * symbols, Latin letters, spaces) is skipped, so 시1발, 시.발 and 시 발
 * match 시발. A lone consonant matches a syllable that starts with it, so
 * ㅅㅂ and ㅆㅂ match 시발 and 씨발 (a word of one syllable needs the
 * syllable itself: ㅈ alone is no swear word). Two guards keep innocent
 * text clean: a match that spans a space must take whole space-separated
 * pieces (시 발 matches, "회의 시 발표" does not), and an exception word
 * (시발점, 병신년) protects every match it covers. */
#ifndef MDG_MOD_FILTER_H
#define MDG_MOD_FILTER_H
#include <stddef.h>

/* What a listed word does. */
typedef enum mod_action {
	MOD_MASK,       /* replaced by asterisks; the post goes out */
	MOD_HOLD,       /* the post waits for a moderator ('held') */
	MOD_EXCEPTION   /* an innocent word that contains a listed one */
} mod_action;

typedef struct mod_word {
	const char *word;   /* UTF-8; only its Hangul counts */
	mod_action action;
} mod_word;

/* The filter's verdict on a text, from the worst word found. */
typedef enum mod_verdict {
	MOD_CLEAN,
	MOD_MASKED,
	MOD_HELD
} mod_verdict;

#define MOD_WORD_MAX 64 /* bytes of a listed word, with its NUL */

typedef struct mod_result {
	mod_verdict verdict;
	char *text;              /* the text with every mask word masked
				    (hold words stay for the moderator); the
				    caller frees it (mod_result_free) */
	char word[MOD_WORD_MAX]; /* the first hold word found, else the
				    first mask word; "" when clean */
} mod_result;

/* Checks text (valid UTF-8) against the n words. MDG_OK (out filled),
 * MDG_EINVAL for text that is not valid UTF-8. */
int mod_filter(const mod_word *words, size_t n, const char *text, mod_result *out);
void mod_result_free(mod_result *r);

#endif
