/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* filter.c: the word filter (filter.h): the text reduced to its Hangul
 * units, each remembering where it came from, every listed word tried at
 * every unit, matches masked in the original bytes. */
#include "moderation/filter.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYLLABLE_FIRST 0xAC00u
#define SYLLABLE_LAST 0xD7A3u
#define JAMO_FIRST 0x3131u /* Hangul Compatibility Jamo: ㄱ ... */
#define JAMO_LAST 0x318Eu
#define JAMO_BS 0x3144u    /* ㅄ, typed for ㅂㅅ */
#define JAMO_B 0x3142u
#define JAMO_S 0x3145u

/* One Hangul unit of the text: its code point, the bytes it came from and
 * the space-separated piece it is in. */
typedef struct unit {
	uint32_t cp;
	size_t start, end;
	size_t piece;
} unit;

typedef struct units {
	unit *u;
	size_t n, cap;
} units;

static void units_add(units *us, uint32_t cp, size_t start, size_t end, size_t piece)
{
	if (us->n == us->cap) {
		us->cap = us->cap ? us->cap * 2 : 64;
		us->u = xrealloc(us->u, us->cap * sizeof *us->u);
	}
	us->u[us->n++] = (unit){cp, start, end, piece};
}

static bool is_syllable(uint32_t cp)
{
	return cp >= SYLLABLE_FIRST && cp <= SYLLABLE_LAST;
}

static bool is_jamo(uint32_t cp)
{
	return cp >= JAMO_FIRST && cp <= JAMO_LAST;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000u || cp == 0xA0u;
}

/* The compatibility jamo of a syllable's initial consonant (시 -> ㅅ). */
static uint32_t initial_of(uint32_t syllable)
{
	static const uint16_t initials[19] = {0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141,
					      0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148, 0x3149,
					      0x314A, 0x314B, 0x314C, 0x314D, 0x314E};
	return initials[(syllable - SYLLABLE_FIRST) / 588];
}

/* The Hangul units of s (valid UTF-8). */
static void hangul_units(const char *s, units *out)
{
	size_t i = 0, len = strlen(s), piece = 0;
	bool gap = false;
	while (i < len) {
		size_t start = i;
		uint32_t cp = utf8_next(s, &i);
		if (is_space(cp)) {
			gap = true;
			continue;
		}
		if (!is_syllable(cp) && !is_jamo(cp))
			continue;
		if (gap && out->n)
			piece++;
		gap = false;
		if (cp == JAMO_BS) {
			units_add(out, JAMO_B, start, i, piece);
			units_add(out, JAMO_S, start, i, piece);
		} else {
			units_add(out, cp, start, i, piece);
		}
	}
}

/* True when the text's unit t stands for the word's unit w. */
static bool unit_matches(uint32_t t, uint32_t w)
{
	return t == w || (is_jamo(t) && is_syllable(w) && initial_of(w) == t);
}

/* True when word (its units) occurs at text unit at, by the rules of
 * filter.h; guarded: also the piece rule and the lone-jamo rule. */
static bool match_at(const units *text, size_t at, const units *word, bool guarded)
{
	bool all_jamo = true;
	if (word->n == 0 || at + word->n > text->n)
		return false;
	for (size_t k = 0; k < word->n; k++) {
		if (!unit_matches(text->u[at + k].cp, word->u[k].cp))
			return false;
		all_jamo = all_jamo && is_jamo(text->u[at + k].cp);
	}
	if (!guarded)
		return true;
	/* One consonant alone is too common to stand for a word. */
	if (all_jamo && word->n < 2)
		return false;
	size_t last = at + word->n - 1;
	if (text->u[at].piece != text->u[last].piece) {
		/* Across a space: the pieces at both ends are wholly inside. */
		if (at > 0 && text->u[at - 1].piece == text->u[at].piece)
			return false;
		if (last + 1 < text->n && text->u[last + 1].piece == text->u[last].piece)
			return false;
	}
	return true;
}

static void note_word(mod_result *out, const char *word)
{
	snprintf(out->word, sizeof out->word, "%s", word);
}

int mod_filter(const mod_word *words, size_t n, const char *text, mod_result *out)
{
	units t = {0}, w = {0};
	bool *safe = NULL, *masked = NULL;
	bool held = false, any_mask = false;
	buf b = {0};
	memset(out, 0, sizeof *out);
	if (!utf8_valid_text(text, strlen(text)))
		return MDG_EINVAL;
	hangul_units(text, &t);
	safe = xcalloc(t.n + 1, sizeof *safe);
	masked = xcalloc(t.n + 1, sizeof *masked);
	/* Exceptions first: the units they cover are safe. */
	for (size_t i = 0; i < n; i++) {
		if (words[i].action != MOD_EXCEPTION)
			continue;
		w.n = 0;
		hangul_units(words[i].word, &w);
		for (size_t at = 0; at < t.n; at++)
			if (match_at(&t, at, &w, false))
				for (size_t k = 0; k < w.n; k++)
					safe[at + k] = true;
	}
	for (size_t i = 0; i < n; i++) {
		if (words[i].action == MOD_EXCEPTION)
			continue;
		w.n = 0;
		hangul_units(words[i].word, &w);
		for (size_t at = 0; at < t.n; at++) {
			if (!match_at(&t, at, &w, true))
				continue;
			bool covered = true;
			for (size_t k = 0; k < w.n; k++)
				covered = covered && safe[at + k];
			if (covered)
				continue;
			if (words[i].action == MOD_HOLD) {
				if (!held)
					note_word(out, words[i].word);
				held = true;
			} else {
				if (!any_mask && !held)
					note_word(out, words[i].word);
				any_mask = true;
				for (size_t k = 0; k < w.n; k++)
					masked[at + k] = true;
			}
		}
	}
	/* The text again, each masked unit's bytes an asterisk (ㅄ's two
	 * units share their bytes: one asterisk). */
	size_t from = 0;
	for (size_t k = 0; k < t.n; k++) {
		if (!masked[k] || t.u[k].start < from)
			continue;
		buf_append(&b, text + from, t.u[k].start - from);
		buf_putc(&b, '*');
		from = t.u[k].end;
	}
	buf_puts(&b, text + from);
	out->text = buf_detach(&b);
	out->verdict = held ? MOD_HELD : any_mask ? MOD_MASKED : MOD_CLEAN;
	free(t.u);
	free(w.u);
	free(safe);
	free(masked);
	return MDG_OK;
}

void mod_result_free(mod_result *r)
{
	free(r->text);
	r->text = NULL;
}
