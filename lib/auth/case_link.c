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

/* The one row of r (case_id, owner) checked against token. */
static int check_row(db_result *r, const unsigned char *key, size_t keylen, const char *token,
		     long long *case_id, long long *guest_id)
{
	if (r->nrows != 1)
		return MDG_EDENIED;
	long long id = db_get_ll(r, 0, "case_id", 0), owner = db_get_ll(r, 0, "owner", 0);
	if (!case_link_valid(key, keylen, id, owner, token))
		return MDG_EDENIED;
	*case_id = id;
	*guest_id = owner;
	return MDG_OK;
}

int case_link_case(db *d, const unsigned char *key, size_t keylen, const char *tracking, const char *token,
		   long long *case_id, long long *guest_id)
{
	db_result *r = NULL;
	*case_id = *guest_id = 0;
	if (!token || strlen(token) != CASE_LINK_TOKEN_LEN)
		return MDG_EDENIED;
	int rc = db_query(d, &r, "SELECT c.id AS case_id, c.account_id AS owner FROM cases c"
				 " JOIN accounts a ON a.id = c.account_id AND a.kind = 'guest' AND a.active = 1"
				 " WHERE c.tracking_no = ?",
			  DB_ARGS(DB_STR(tracking)));
	if (rc == MDG_OK)
		rc = check_row(r, key, keylen, token, case_id, guest_id);
	db_result_free(r);
	return rc;
}

int case_link_attachment(db *d, const unsigned char *key, size_t keylen, long long attachment_id,
			 const char *token, long long *case_id, long long *guest_id)
{
	db_result *r = NULL;
	*case_id = *guest_id = 0;
	if (!token || strlen(token) != CASE_LINK_TOKEN_LEN)
		return MDG_EDENIED;
	int rc = db_query(d, &r, "SELECT c.id AS case_id, c.account_id AS owner FROM attachments t"
				 " JOIN cases c ON c.id = t.case_id"
				 " JOIN accounts a ON a.id = c.account_id AND a.kind = 'guest' AND a.active = 1"
				 " WHERE t.id = ?",
			  DB_ARGS(DB_INT(attachment_id)));
	if (rc == MDG_OK)
		rc = check_row(r, key, keylen, token, case_id, guest_id);
	db_result_free(r);
	return rc;
}
