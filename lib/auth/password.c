/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* password.c: the password policy and argon2id hashing (libsodium). */
#include "auth/password.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PW_OPSLIMIT 2ULL
#define PW_MEMLIMIT (19456ULL * 1024ULL)

static char **common;
static size_t ncommon;

static const char *dummy_hash(void);

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int password_policy_init(const char *data_dir)
{
	char path[4096];
	char line[512];
	size_t cap = 0;
	FILE *f;

	password_policy_free();
	snprintf(path, sizeof path, "%s/common-passwords.txt", data_dir);
	f = fopen(path, "r");
	if (!f) {
		log_error("password policy: cannot read %s", path);
		return MDG_ERR;
	}
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0])
			continue;
		for (char *p = line; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (ncommon == cap) {
			cap = cap ? cap * 2 : 1024;
			common = xrealloc(common, cap * sizeof *common);
		}
		common[ncommon++] = xstrdup(line);
	}
	fclose(f);
	qsort(common, ncommon, sizeof *common, cmp_str);
	/* Made now, before madang-web forks its workers: made at the first
	 * unknown login ID instead, that sign-in would cost two hashes and
	 * stand out from a wrong password. */
	(void)dummy_hash();
	return MDG_OK;
}

void password_policy_free(void)
{
	for (size_t i = 0; i < ncommon; i++)
		free(common[i]);
	free(common);
	common = NULL;
	ncommon = 0;
}

enum password_verdict password_check_policy(const char *password)
{
	size_t len = strlen(password);
	if (len > 256)
		return PASSWORD_TOO_LONG;
	if (!utf8_valid_text(password, len))
		return PASSWORD_INVALID;
	if (utf8_length(password, len) < 10)
		return PASSWORD_TOO_SHORT;
	char *lower = xstrdup(password);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	bool found = ncommon && bsearch(&lower, common, ncommon, sizeof *common, cmp_str);
	free(lower);
	return found ? PASSWORD_COMMON : PASSWORD_OK;
}

const char *password_problem(const char *password)
{
	switch (password_check_policy(password)) {
	case PASSWORD_OK: return NULL;
	case PASSWORD_TOO_SHORT: return "password_short";
	case PASSWORD_TOO_LONG: return "too_long";
	case PASSWORD_COMMON: return "password_common";
	case PASSWORD_INVALID: return "utf8";
	}
	return "invalid";
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
	if (crypto_pwhash_str_alg(out, password, strlen(password), PW_OPSLIMIT, PW_MEMLIMIT,
				  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		log_error("password hashing failed (out of memory?)");
		return MDG_ERR;
	}
	return MDG_OK;
}

/* A valid hash of nothing anyone knows, checked against when the stored
 * hash is unusable, so that the answer takes the usual time. */
static const char *dummy_hash(void)
{
	static char dummy[PASSWORD_HASH_MAX];
	if (!dummy[0]) {
		char secret[33];
		uint8_t raw[16];
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(secret, sizeof secret, raw, sizeof raw);
		if (password_hash(secret, dummy) != MDG_OK)
			dummy[0] = '\0';
	}
	return dummy;
}

bool password_verify(const char *encoded, const char *password)
{
	bool usable = encoded && strncmp(encoded, "$argon2", 7) == 0;
	const char *check = usable ? encoded : dummy_hash();
	bool ok = check[0] && crypto_pwhash_str_verify(check, password, strlen(password)) == 0;
	return usable && ok;
}

bool password_needs_rehash(const char *encoded)
{
	return crypto_pwhash_str_needs_rehash(encoded, PW_OPSLIMIT, PW_MEMLIMIT) != 0;
}
