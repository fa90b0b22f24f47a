/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* case_link.c: the signed tracking link of a guest's case. */
#include "auth/case_link.h"
#include "core/crypto.h"
#include "core/mdg.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void case_link_token(const unsigned char *key, size_t keylen, long long case_id, long long account_id,
		     char out[CASE_LINK_TOKEN_LEN + 1])
{
	char msg[64];
	uint8_t mac[CRYPTO_HASH_BYTES];
	/* Its own label: no other signed link (rate:, unsub:) nor a CSRF
	 * token (csrf|) is ever this text. */
	int len = snprintf(msg, sizeof msg, "case:%lld:%lld", case_id, account_id);
	crypto_hmac(key, keylen, msg, (size_t)len, mac);
	/* 128 bits are plenty against guessing and keep an SMS short. */
	crypto_b64url(mac, 16, out, CASE_LINK_TOKEN_LEN + 1);
}

bool case_link_valid(const unsigned char *key, size_t keylen, long long case_id, long long account_id,
		     const char *token)
{
	char want[CASE_LINK_TOKEN_LEN + 1];
	if (!token || strlen(token) != CASE_LINK_TOKEN_LEN || case_id <= 0 || account_id <= 0)
		return false;
	case_link_token(key, keylen, case_id, account_id, want);
	return crypto_str_equal(want, token);
}

/* The case and its owner, when the owner is an active guest. */
#define CASE_OF_GUEST "SELECT c.id AS case_id, c.account_id AS owner"
#define GUEST_OWNER " JOIN accounts a ON a.id = c.account_id AND a.kind = 'guest' AND a.active = 1"

/* The case sql finds by object (one row: case_id, owner) checked
 * against token. */
static int find_guest(db *d, const unsigned char *key, size_t keylen, const char *sql, db_arg object,
		      const char *token, long long *case_id, long long *guest_id)
{
	db_result *r = NULL;
	*case_id = *guest_id = 0;
	if (!token || strlen(token) != CASE_LINK_TOKEN_LEN)
		return MDG_EDENIED;
	int rc = db_query(d, &r, sql, DB_ARGS(object));
	if (rc == MDG_OK && r->nrows != 1)
		rc = MDG_EDENIED;
	long long id = rc == MDG_OK ? db_get_ll(r, 0, "case_id", 0) : 0;
	long long owner = rc == MDG_OK ? db_get_ll(r, 0, "owner", 0) : 0;
	if (rc == MDG_OK && !case_link_valid(key, keylen, id, owner, token))
		rc = MDG_EDENIED;
	if (rc == MDG_OK) {
		*case_id = id;
		*guest_id = owner;
	}
	db_result_free(r);
	return rc;
}

int case_link_case(db *d, const unsigned char *key, size_t keylen, const char *tracking, const char *token,
		   long long *case_id, long long *guest_id)
{
	return find_guest(d, key, keylen, CASE_OF_GUEST " FROM cases c" GUEST_OWNER " WHERE c.tracking_no = ?",
			  DB_STR(tracking), token, case_id, guest_id);
}

int case_link_attachment(db *d, const unsigned char *key, size_t keylen, long long attachment_id,
			 const char *token, long long *case_id, long long *guest_id)
{
	return find_guest(d, key, keylen,
			  CASE_OF_GUEST " FROM attachments t JOIN cases c ON c.id = t.case_id" GUEST_OWNER
					" WHERE t.id = ?",
			  DB_INT(attachment_id), token, case_id, guest_id);
}
