/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz.h: what every libFuzzer target here shares: a property check that
 * names the property it found broken, and a NUL-terminated copy of the
 * input. Each target checks a property of its parser (a round trip, or
 * agreement with a simple reference written in the target), not only
 * that it does not crash. */
#ifndef MDG_FUZZ_H
#define MDG_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (a libFuzzer crash, with the input saved) when cond is false. */
#define FUZZ_CHECK(cond)                                                                   \
	do {                                                                               \
		if (!(cond)) {                                                             \
			fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, __LINE__, \
				#cond);                                                    \
			abort();                                                           \
		}                                                                          \
	} while (0)

/* A malloc'd copy of data[0..size) with a NUL after it (ASan then catches
 * a read past the end). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static inline int fuzz_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
