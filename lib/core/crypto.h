/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* crypto.h: random tokens, hashes and MACs (libsodium underneath). */
#ifndef MDG_CRYPTO_H
#define MDG_CRYPTO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CRYPTO_TOKEN_BYTES 32      /* 256-bit session tokens */
#define CRYPTO_TOKEN_TEXT 44       /* base64url without padding, + NUL */
#define CRYPTO_HASH_BYTES 32
#define CRYPTO_HASH_HEX (2 * CRYPTO_HASH_BYTES + 1)

/* Initialises libsodium once per process. MDG_OK or MDG_ERR. */
int crypto_init(void);
/* len random bytes from the OS source. */
void crypto_random(void *out, size_t len);
/* A uniformly random number in [0, upper). */
unsigned crypto_uniform(unsigned upper);
/* A new random 256-bit token as base64url text in out[CRYPTO_TOKEN_TEXT]. */
void crypto_token(char out[CRYPTO_TOKEN_TEXT]);
/* len random bytes as lowercase hex in out (2*len+1 bytes). */
void crypto_random_hex(char *out, size_t len);
void crypto_sha256(const void *in, size_t len, uint8_t out[CRYPTO_HASH_BYTES]);
/* The SHA-256 of the string s as 64 lowercase hex digits (stored digests
 * of codes, nonces and throttle subjects). */
void crypto_sha256_hex(const char *s, char out[CRYPTO_HASH_HEX]);
/* HMAC-SHA-256 of msg under key. */
void crypto_hmac(const uint8_t *key, size_t keylen, const void *msg, size_t len,
		 uint8_t out[CRYPTO_HASH_BYTES]);
/* Binary to base64url without padding; out needs ((len+2)/3)*4+1 bytes. */
void crypto_b64url(const uint8_t *in, size_t len, char *out, size_t outlen);
/* Hex text to bytes; MDG_OK when s is exactly 2*len hex digits. */
int crypto_from_hex(const char *s, uint8_t *out, size_t len);
/* Compares two strings in time independent of where they differ. */
bool crypto_str_equal(const char *a, const char *b);

#endif
