/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* totp.c: TOTP second factor, its enrolment, recovery codes and the
 * half-signed-in state (totp.h). */
#include "auth/totp.h"
#include "auth/session.h"
#include "core/mdg.h"
#include "notify/notice.h"
#include "org/perm.h"
#include "org/setting.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Recovery codes: 10 letters of an alphabet without look-alikes (no 0/o,
 * 1/l/i), about 49 bits; typed with or without the dash, in any case. */
static const char recovery_alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
#define RECOVERY_LETTERS 10

int totp_check(const uint8_t *secret, size_t len, time_t now, const char *code, long long after_step,
	       long long *step)
{
	static bool ready;
	int pos = 0;
	uint64_t counter = 0;
	if (!code || strlen(code) != 6 || strspn(code, "0123456789") != 6)
		return MDG_EINVAL;
	if (!ready) {
		if (oath_init() != OATH_OK)
			return MDG_ERR;
		ready = true;
	}
	int rc = oath_totp_validate3((const char *)secret, len, now, TOTP_STEP_SECONDS, 0, TOTP_WINDOW, &pos,
				     &counter, code);
	if (rc < 0 || (long long)counter <= after_step)
		return MDG_EINVAL;
	*step = (long long)counter;
	return MDG_OK;
}

int totp_secret_base32(const uint8_t *secret, char out[TOTP_SECRET_B32])
{
	char *b32 = NULL;
	size_t n = 0;
	if (oath_base32_encode((const char *)secret, TOTP_SECRET_BYTES, &b32, &n) != OATH_OK || n >= TOTP_SECRET_B32) {
		free(b32);
		return MDG_ERR;
	}
	memcpy(out, b32, n);
	out[n] = '\0';
	free(b32);
	return MDG_OK;
}

/* s with only the characters safe in a URI's path and query kept. */
static void uri_safe(buf *b, const char *s)
{
	for (; *s; s++)
		if (isalnum((unsigned char)*s) || *s == '.' || *s == '_' || *s == '-')
			buf_putc(b, *s);
}

char *totp_uri(const char *issuer, const char *login_id, const char *secret_b32)
{
	buf b = {0};
	buf_puts(&b, "otpauth://totp/");
	uri_safe(&b, issuer);
	buf_putc(&b, ':');
	uri_safe(&b, login_id);
	buf_puts(&b, "?secret=");
	uri_safe(&b, secret_b32);
	buf_puts(&b, "&issuer=");
	uri_safe(&b, issuer);
	buf_printf(&b, "&algorithm=SHA1&digits=6&period=%d", TOTP_STEP_SECONDS);
	return buf_detach(&b);
}

int totp_qr_svg(const char *text, const char *label, buf *out)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return MDG_ERR;
	const int quiet = 4, size = qr->width + 2 * quiet;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 %d %d\""
			" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		   size, size, size * 5, size * 5);
	for (const char *p = label; *p; p++)
		switch (*p) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, *p);
		}
	/* White behind the code whatever the page's colours: readers need
	 * the contrast. Bit 0 of each module is dark. */
	buf_printf(out, "\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
			"<path fill=\"#000\" d=\"",
		   size, size);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				buf_printf(out, "M%d %dh1v1h-1z", x + quiet, y + quiet);
	buf_puts(out, "\"/></svg>");
	QRcode_free(qr);
	return MDG_OK;
}

int totp_required(db *d, long long account_id, const char *kind, bool *yes)
{
	char rule[SETTING_VALUE_MAX + 1];
	*yes = false;
	if (strcmp(kind, "staff") != 0)
		return MDG_OK;
	int rc = setting_get(d, "auth.totp_required", "staff", rule, sizeof rule);
	if (rc != MDG_OK)
		return rc;
	if (strcmp(rule, "none") == 0)
		return MDG_OK;
	if (strcmp(rule, "contacts") != 0) {
		/* 'staff', and any value not understood: the safe side. */
		*yes = true;
		return MDG_OK;
	}
	/* Every role but the moderator's opens case dossiers or the call
	 * centre's callers, and with them citizens' contact details. */
	staff_perm p;
	rc = perm_load(d, account_id, &p);
	if (rc == MDG_OK)
		*yes = perm_holds(&p, PERM_ADMIN | PERM_MANAGER | PERM_HANDLER | PERM_AGENT | PERM_VIEWER);
	perm_free(&p);
	return rc;
}

int totp_rule_applied(db *d, const char *rule)
{
	if (strcmp(rule, "none") == 0)
		return MDG_OK;
	/* The same reach as totp_required: 'contacts' spares only staff
	 * whose every role is the moderator's. */
	return db_exec(d, "DELETE s FROM sessions s JOIN accounts a ON a.id = s.account_id"
			  " WHERE a.kind = 'staff'"
			  " AND NOT EXISTS (SELECT 1 FROM totp_factors f WHERE f.account_id = a.id"
			  "  AND f.confirmed_at IS NOT NULL)"
			  " AND (? <> 'contacts' OR EXISTS (SELECT 1 FROM staff_roles r"
			  "  WHERE r.account_id = a.id AND r.role <> 'moderator'))",
		       DB_ARGS(DB_STR(rule)));
}

int totp_get(db *d, long long account_id, totp_state *out)
{
	db_result *r = NULL;
	memset(out, 0, sizeof *out);
	int rc = db_query(d, &r, "SELECT (SELECT COUNT(*) FROM totp_factors f WHERE f.account_id = ?"
				 "  AND f.confirmed_at IS NOT NULL) AS enrolled,"
				 " (SELECT COUNT(*) FROM totp_recovery c WHERE c.account_id = ?"
				 "  AND c.used_at IS NULL) AS recovery_left",
			  DB_ARGS(DB_INT(account_id), DB_INT(account_id)));
	if (rc == MDG_OK) {
		out->enrolled = db_get_ll(r, 0, "enrolled", 0) > 0;
		out->recovery_left = (long)db_get_ll(r, 0, "recovery_left", 0);
	}
	db_result_free(r);
	return rc;
}

/* The stored factor of account_id: its secret, whether confirmed, and
 * the last step used. MDG_ENOTFOUND without one. */
static int factor_load(db *d, long long account_id, uint8_t secret[TOTP_SECRET_BYTES], bool *confirmed,
		       long long *last_step)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT secret AS secret, confirmed_at IS NOT NULL AS confirmed,"
				 " last_step AS last_step FROM totp_factors WHERE account_id = ?",
			  DB_ARGS(DB_INT(account_id)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		*confirmed = db_get_ll(r, 0, "confirmed", 0) != 0;
		*last_step = db_get_ll(r, 0, "last_step", 0);
		rc = crypto_from_hex(db_get(r, 0, "secret", ""), secret, TOTP_SECRET_BYTES);
	}
	db_result_free(r);
	return rc;
}

int totp_enrol_start(db *d, long long account_id, uint8_t secret[TOTP_SECRET_BYTES])
{
	bool confirmed = false;
	long long last_step = 0;
	char hex[2 * TOTP_SECRET_BYTES + 1];
	int rc = factor_load(d, account_id, secret, &confirmed, &last_step);
	if (rc == MDG_OK)
		return confirmed ? MDG_ECONFLICT : MDG_OK;
	if (rc != MDG_ENOTFOUND)
		return rc;
	crypto_random(secret, TOTP_SECRET_BYTES);
	for (int i = 0; i < TOTP_SECRET_BYTES; i++)
		snprintf(hex + 2 * i, 3, "%02x", secret[i]);
	rc = db_exec(d, "INSERT INTO totp_factors (account_id, secret, created_at) VALUES (?, ?, NOW())",
		     DB_ARGS(DB_INT(account_id), DB_STR(hex)));
	/* A parallel first visit made one: show that. */
	if (rc == MDG_ECONFLICT)
		rc = factor_load(d, account_id, secret, &confirmed, &last_step);
	return rc;
}

/* The keyed hash of a recovery code as typed: dashes and spaces dropped,
 * letters lower-cased. Keyed (HMAC-SHA-256 under the server key) rather
 * than the password hash: the codes are random (49 bits), so a slow hash
 * adds nothing against guessing, while the key keeps a copy of the
 * database alone from testing guesses offline; and a keyed hash is found
 * by an index in one UPDATE that also spends it (argon2 over ten hashes
 * per try would cost ten password checks). */
static void recovery_hash(const uint8_t *key, size_t keylen, const char *code, uint8_t out[CRYPTO_HASH_BYTES])
{
	char msg[64] = "totp-recovery|";
	size_t n = strlen(msg);
	for (const char *p = code; *p && n < sizeof msg - 1; p++)
		if (*p != '-' && *p != ' ')
			msg[n++] = (char)tolower((unsigned char)*p);
	msg[n] = '\0';
	crypto_hmac(key, keylen, msg, n, out);
}

/* totp_enrol_confirm's arguments, for its transaction. */
struct confirm {
	const uint8_t *key;
	size_t keylen;
	long long account_id, step;
	char (*codes)[TOTP_RECOVERY_TEXT];
};

/* The transaction of totp_enrol_confirm (db_transaction): the codes are
 * drawn before it, so a rerun stores the same ones. */
static int confirm_tx(db *d, void *arg)
{
	const struct confirm *c = arg;
	int rc = db_exec(d, "UPDATE totp_factors SET confirmed_at = NOW(), last_step = ?"
			    " WHERE account_id = ? AND confirmed_at IS NULL",
			 DB_ARGS(DB_INT(c->step), DB_INT(c->account_id)));
	if (rc == MDG_OK && db_affected(d) != 1)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM totp_recovery WHERE account_id = ?", DB_ARGS(DB_INT(c->account_id)));
	for (int i = 0; i < TOTP_RECOVERY_CODES && rc == MDG_OK; i++) {
		uint8_t h[CRYPTO_HASH_BYTES];
		recovery_hash(c->key, c->keylen, c->codes[i], h);
		rc = db_exec(d, "INSERT INTO totp_recovery (account_id, code_hash) VALUES (?, ?)",
			     DB_ARGS(DB_INT(c->account_id), DB_BLOB(h, sizeof h)));
	}
	return rc;
}

int totp_enrol_confirm(db *d, const uint8_t *key, size_t keylen, long long account_id, const char *code,
		       char codes[TOTP_RECOVERY_CODES][TOTP_RECOVERY_TEXT])
{
	uint8_t secret[TOTP_SECRET_BYTES];
	bool confirmed = false;
	long long last_step = 0, step = 0;
	int rc = factor_load(d, account_id, secret, &confirmed, &last_step);
	if (rc == MDG_OK && confirmed)
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		return rc;
	if (totp_check(secret, sizeof secret, time(NULL), code, last_step, &step) != MDG_OK)
		return MDG_EINVAL;
	for (int i = 0; i < TOTP_RECOVERY_CODES; i++) {
		for (int j = 0, k = 0; j < RECOVERY_LETTERS; j++) {
			if (j == RECOVERY_LETTERS / 2)
				codes[i][k++] = '-';
			codes[i][k++] = recovery_alphabet[crypto_uniform(sizeof recovery_alphabet - 1)];
			codes[i][k] = '\0';
		}
	}
	struct confirm c = {.key = key, .keylen = keylen, .account_id = account_id, .step = step, .codes = codes};
	return db_transaction(d, confirm_tx, &c);
}

int totp_verify(db *d, const uint8_t *key, size_t keylen, long long account_id, const char *code,
		bool *recovery)
{
	uint8_t secret[TOTP_SECRET_BYTES];
	bool confirmed = false;
	long long last_step = 0, step = 0;
	*recovery = false;
	int rc = factor_load(d, account_id, secret, &confirmed, &last_step);
	if (rc == MDG_OK && !confirmed)
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		return rc;
	if (strlen(code) == 6 && strspn(code, "0123456789") == 6) {
		if (totp_check(secret, sizeof secret, time(NULL), code, last_step, &step) != MDG_OK)
			return MDG_EINVAL;
		rc = db_exec(d, "UPDATE totp_factors SET last_step = ? WHERE account_id = ? AND last_step < ?",
			     DB_ARGS(DB_INT(step), DB_INT(account_id), DB_INT(step)));
		return rc == MDG_OK && db_affected(d) != 1 ? MDG_EINVAL : rc;
	}
	uint8_t h[CRYPTO_HASH_BYTES];
	recovery_hash(key, keylen, code, h);
	rc = db_exec(d, "UPDATE totp_recovery SET used_at = NOW()"
			" WHERE account_id = ? AND code_hash = ? AND used_at IS NULL",
		     DB_ARGS(DB_INT(account_id), DB_BLOB(h, sizeof h)));
	if (rc != MDG_OK)
		return rc;
	if (db_affected(d) != 1)
		return MDG_EINVAL;
	*recovery = true;
	return MDG_OK;
}

int totp_remove(db *d, long long account_id)
{
	int rc = db_exec(d, "DELETE FROM totp_recovery WHERE account_id = ?", DB_ARGS(DB_INT(account_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM totp_factors WHERE account_id = ?", DB_ARGS(DB_INT(account_id)));
	return rc;
}

/* totp_reset's transaction. */
struct reset_arg {
	const actor *who;
	long long id;
};

static int reset_body(db *d, void *arg)
{
	const struct reset_arg *a = arg;
	char id[24];
	snprintf(id, sizeof id, "%lld", a->id);
	int rc = totp_remove(d, a->id);
	if (rc == MDG_OK)
		rc = session_delete_others(d, a->id, NULL);
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM totp_pending WHERE account_id = ?", DB_ARGS(DB_INT(a->id)));
	if (rc == MDG_OK)
		rc = audit_write(d, a->who, "account", id, "totp_reset", "");
	if (rc == MDG_OK) {
		json_t *payload = json_pack("{s:s}", "link", "/account/2fa");
		rc = payload ? notice_account(d, a->id, NOTICE_TOTP_RESET, payload, NULL) : MDG_ERR;
		json_decref(payload);
	}
	return rc;
}

int totp_reset(db *d, const actor *who, long long account_id)
{
	struct reset_arg a = {who, account_id};
	return db_transaction(d, reset_body, &a);
}

int totp_pending_start(db *d, long long account_id, const char *next, char token[CRYPTO_TOKEN_TEXT])
{
	uint8_t hash[CRYPTO_HASH_BYTES];
	crypto_token(token);
	crypto_sha256(token, strlen(token), hash);
	/* Old states of nobody's use: keep the table small. */
	int rc = db_exec(d, "DELETE FROM totp_pending WHERE account_id = ?"
			    " OR created_at < NOW() - INTERVAL ? MINUTE",
			 DB_ARGS(DB_INT(account_id), DB_INT(TOTP_PENDING_MINUTES)));
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO totp_pending (token_hash, account_id, created_at, next_path)"
				" VALUES (?, ?, NOW(), ?)",
			     DB_ARGS(DB_BLOB(hash, sizeof hash), DB_INT(account_id), DB_STR(next ? next : "")));
	return rc;
}

int totp_pending_get(db *d, const char *token, long long *account_id, char *next, size_t nextlen)
{
	uint8_t hash[CRYPTO_HASH_BYTES];
	db_result *r = NULL;
	if (!token || strlen(token) != CRYPTO_TOKEN_TEXT - 1)
		return MDG_ENOTFOUND;
	crypto_sha256(token, strlen(token), hash);
	int rc = db_query(d, &r, "SELECT p.account_id AS account_id, p.next_path AS next_path"
				 " FROM totp_pending p JOIN accounts a ON a.id = p.account_id"
				 " WHERE p.token_hash = ? AND a.active = 1"
				 " AND p.created_at > NOW() - INTERVAL ? MINUTE",
			  DB_ARGS(DB_BLOB(hash, sizeof hash), DB_INT(TOTP_PENDING_MINUTES)));
	if (rc == MDG_OK && r->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc == MDG_OK) {
		*account_id = db_get_ll(r, 0, "account_id", 0);
		snprintf(next, nextlen, "%s", db_get(r, 0, "next_path", ""));
	}
	db_result_free(r);
	return rc;
}

int totp_pending_end(db *d, const char *token)
{
	uint8_t hash[CRYPTO_HASH_BYTES];
	crypto_sha256(token, strlen(token), hash);
	return db_exec(d, "DELETE FROM totp_pending WHERE token_hash = ?", DB_ARGS(DB_BLOB(hash, sizeof hash)));
}
