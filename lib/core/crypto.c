/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* crypto.c: random tokens, hashes and MACs on libsodium. */
#include "core/crypto.h"
#include "core/mdg.h"

#include <sodium.h>
#include <stdbool.h>
#include <string.h>

int crypto_init(void)
{
	return sodium_init() < 0 ? MDG_ERR : MDG_OK;
}

void crypto_random(void *out, size_t len)
{
	randombytes_buf(out, len);
}

unsigned crypto_uniform(unsigned upper)
{
	return upper ? randombytes_uniform(upper) : 0;
}

void crypto_token(char out[CRYPTO_TOKEN_TEXT])
{
	uint8_t raw[CRYPTO_TOKEN_BYTES];
	crypto_random(raw, sizeof raw);
	crypto_b64url(raw, sizeof raw, out, CRYPTO_TOKEN_TEXT);
	sodium_memzero(raw, sizeof raw);
}

void crypto_random_hex(char *out, size_t len)
{
	uint8_t raw[64];
	if (len > sizeof raw)
		len = sizeof raw;
	crypto_random(raw, len);
	sodium_bin2hex(out, 2 * len + 1, raw, len);
}

void crypto_sha256(const void *in, size_t len, uint8_t out[CRYPTO_HASH_BYTES])
{
	crypto_hash_sha256(out, in, len);
}

void crypto_sha256_hex(const char *s, char out[CRYPTO_HASH_HEX])
{
	uint8_t h[CRYPTO_HASH_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, CRYPTO_HASH_HEX, h, sizeof h);
}

/* The state of the last key, kept: keying is half of an HMAC's work for a
 * short message, and nearly every one is under the process's one secret
 * (a CSRF token on every page). One process, no threads. */
static struct {
	bool ready;
	size_t keylen;
	uint8_t key[64];
	crypto_auth_hmacsha256_state st;
} keyed;

void crypto_hmac(const uint8_t *key, size_t keylen, const void *msg, size_t len,
		 uint8_t out[CRYPTO_HASH_BYTES])
{
	crypto_auth_hmacsha256_state st;
	if (keyed.ready && keyed.keylen == keylen && sodium_memcmp(keyed.key, key, keylen) == 0) {
		st = keyed.st;
	} else {
		crypto_auth_hmacsha256_init(&st, key, keylen);
		if (keylen <= sizeof keyed.key) {
			memcpy(keyed.key, key, keylen);
			keyed.keylen = keylen;
			keyed.st = st;
			keyed.ready = true;
		}
	}
	crypto_auth_hmacsha256_update(&st, msg, len);
	crypto_auth_hmacsha256_final(&st, out);
}

void crypto_b64url(const uint8_t *in, size_t len, char *out, size_t outlen)
{
	sodium_bin2base64(out, outlen, in, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int crypto_from_hex(const char *s, uint8_t *out, size_t len)
{
	size_t got = 0;
	if (strlen(s) != 2 * len)
		return MDG_EINVAL;
	if (sodium_hex2bin(out, len, s, 2 * len, NULL, &got, NULL) != 0 || got != len)
		return MDG_EINVAL;
	return MDG_OK;
}

bool crypto_str_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}
