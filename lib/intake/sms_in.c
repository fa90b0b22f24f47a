/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* sms_in.c: complaints by SMS: what a message asks, and doing it once. */
#include "intake/sms_in.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/account.h"
#include "cases/case.h"
#include "core/buf.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "notify/notice.h"
#include "notify/sms.h"

/* ---------------------------------------------------------------- words */

static bool is_hangul(uint32_t cp)
{
	return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F);
}

const char *sms_in_lang(const char *text)
{
	bool latin = false;
	size_t i = 0, n = strlen(text);
	while (i < n) {
		uint32_t cp = utf8_next(text, &i);
		if (is_hangul(cp))
			return "ko";
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
			latin = true;
	}
	return latin ? "en" : NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The next word of *s (up to a space) into out (cut at outlen - 1 bytes,
 * which makes it no keyword and no tracking number); false at the end. */
static bool next_word(const char **s, char *out, size_t outlen, bool *too_long)
{
	const char *p = *s;
	while (is_space(*p))
		p++;
	if (!*p)
		return false;
	size_t n = 0;
	while (p[n] && !is_space(p[n]))
		n++;
	*too_long = n >= outlen;
	snprintf(out, outlen, "%.*s", (int)(n < outlen ? n : outlen - 1), p);
	*s = p + n;
	return true;
}

/* Whether word is one of the space-separated keywords (ASCII letters
 * compared without case; Hangul as it is). */
static bool is_keyword(const char *word, const char *keywords)
{
	size_t len = strlen(word);
	const char *k = keywords;
	while (*k) {
		while (is_space(*k))
			k++;
		size_t n = 0;
		while (k[n] && !is_space(k[n]))
			n++;
		if (n && n == len && strncasecmp(k, word, n) == 0)
			return true;
		k += n;
	}
	return false;
}

sms_in_ask sms_in_classify(const char *text, const char *keywords, char *tracking, const char **lang)
{
	char first[64], second[TRACKING_LEN + 2], third[8];
	const char *s = text;
	bool long1 = false, long2 = false, long3 = false;
	int year;
	unsigned seq;
	tracking[0] = '\0';
	*lang = NULL;
	if (strcmp(text, "1") == 0)
		return SMS_IN_ONE;
	if (strcmp(text, "2") == 0)
		return SMS_IN_TWO;
	if (!next_word(&s, first, sizeof first, &long1) || long1 || !is_keyword(first, keywords))
		return SMS_IN_TEXT;
	if (!next_word(&s, second, sizeof second, &long2) || long2 || next_word(&s, third, sizeof third, &long3))
		return SMS_IN_TEXT;
	if (tracking_parse(second, &year, &seq) != MDG_OK)
		return SMS_IN_TEXT;
	snprintf(tracking, TRACKING_LEN + 1, "%.*s", TRACKING_LEN, second);
	const char *kw_lang = sms_in_lang(first);
	*lang = kw_lang && strcmp(kw_lang, "ko") == 0 ? "ko" : "en";
	return SMS_IN_STATUS;
}

char *sms_in_title(const char *text)
{
	buf b = {0};
	size_t i = 0, n = strlen(text), chars = 0;
	while (i < n && chars < SMS_IN_TITLE_CHARS) {
		size_t at = i;
		uint32_t cp = utf8_next(text, &i);
		if (cp == '\n' || cp == '\r' || cp == '\t')
			buf_putc(&b, ' ');
		else
			buf_append(&b, text + at, i - at);
		chars++;
	}
	if (i < n)
		buf_puts(&b, "…");
	return buf_detach(&b);
}

/* ------------------------------------------------------------- handling */

/* One message on its way through: what every step needs. */
struct job {
	const sms_in_config *cfg;
	const sms_in_msg *m;
	char key[2 * CRYPTO_HASH_BYTES + 1]; /* sms_inbound.msg_key */
	char intl[SMS_NUMBER_LEN];           /* +8210... (the outbox's form) */
	char national[12];                   /* 010... (the accounts' form) */
	char *text;                          /* trimmed */
	const char *lang;
	long long account_id;
	/* The case concerned and the held choice, when there is one. */
	long long case_id;
	char tracking[TRACKING_LEN + 1];
	const char *held;                    /* the held text (sms_pending.body) */
	/* The answer: its payload, or NULL when the receipt answers. */
	json_t *reply;
	const char *action;
	bool seen;                           /* handled before: nothing done */
	bool too_long;                       /* over SMS_IN_TEXT_MAX: refused */
};

/* The message's key: SHA-256 over Kannel's id, the sender and the text,
 * so that a retry of the same message finds its row. */
static void job_key(struct job *j)
{
	buf b = {0};
	uint8_t h[CRYPTO_HASH_BYTES];
	buf_printf(&b, "%s\n%s\n", j->m->kannel_id, j->intl);
	buf_puts(&b, j->text);
	crypto_sha256(b.data, b.len, h);
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(j->key + 2 * i, 3, "%02x", h[i]);
	buf_free(&b);
}

/* The message's row; MDG_ENOTFOUND with j->seen when it is there
 * already, which rolls back whatever the caller did in this transaction
 * (not MDG_ECONFLICT: case_file and db_transaction would try again). */
static int record(db *d, struct job *j, const char *action, long long case_id)
{
	/* A refused text over the limit is kept as far as the limit (the
	 * key, over the whole of it, still knows a retry). */
	size_t len = strlen(j->text), cut = 0;
	for (size_t chars = 0; cut < len && chars < SMS_IN_TEXT_MAX; chars++)
		cut += utf8_seq_len((unsigned char)j->text[cut]);
	char *body = xstrndup(j->text, cut < len ? cut : len);
	int rc = db_exec(d, "INSERT IGNORE INTO sms_inbound (msg_key, kannel_id, sender, body, action, case_id,"
			    " created_at)"
			    " VALUES (?, ?, ?, ?, ?, ?, NOW())",
			 DB_ARGS(DB_STR(j->key), DB_STR(j->m->kannel_id), DB_STR(j->intl), DB_STR(body),
				 DB_STR(action), DB_ID(case_id)));
	free(body);
	if (rc != MDG_OK)
		return rc;
	if (db_affected(d) == 0) {
		j->seen = true;
		return MDG_ENOTFOUND;
	}
	j->action = action;
	return MDG_OK;
}

/* Queues j->reply (if any) to the sender. */
static int reply(db *d, struct job *j)
{
	char key[48];
	if (!j->reply)
		return MDG_OK;
	char *payload = json_dumps(j->reply, JSON_COMPACT);
	if (!payload)
		return MDG_ERR;
	snprintf(key, sizeof key, "sms.%.32s", j->key);
	int rc = notice_sms_reply(d, j->account_id, j->intl, j->lang, payload, key);
	free(payload);
	return rc;
}

/* A reply payload {"reply": what, "tracking": ...}. */
static json_t *payload(const char *what, const char *tracking)
{
	json_t *o = json_pack("{s:s}", "reply", what);
	if (tracking && *tracking)
		json_object_set_new(o, "tracking", json_string(tracking));
	return o;
}

/* In the filing's transaction (case_new.in_tx): the record, the held
 * text gone, and the answer unless the receipt notice already goes to
 * this number by SMS (then it is the answer: one SMS, not two). */
static int filed_in_tx(db *d, long long case_id, const char *tracking, void *arg)
{
	struct job *j = arg;
	db_result *r = NULL;
	int rc = record(d, j, "filed", case_id);
	if (rc == MDG_OK && j->held)
		rc = db_exec(d, "DELETE FROM sms_pending WHERE sender = ?", DB_ARGS(DB_STR(j->intl)));
	if (rc == MDG_OK)
		rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM outbox o JOIN notices n ON n.id = o.notice_id"
				     " WHERE n.case_id = ? AND o.channel = 'sms' AND o.recipient = ?",
			      DB_ARGS(DB_INT(case_id), DB_STR(j->intl)));
	if (rc == MDG_OK && db_get_ll(r, 0, "n", 0) == 0) {
		json_decref(j->reply);
		j->reply = payload("filed", tracking);
		rc = reply(d, j);
	}
	db_result_free(r);
	return rc;
}

/* Files body as a new case of the sender's. */
static int file_new(db *d, struct job *j, const char *body)
{
	char *title = sms_in_title(body);
	case_new c = {
		.account_id = j->account_id,
		.category_id = j->cfg->category_id,
		.title = title,
		.body = body,
		.is_public = false,
		.channel = "sms",
		.in_tx = filed_in_tx,
		.in_tx_arg = j,
	};
	int rc = case_file(d, &c, NULL, 0, "", j->tracking);
	free(title);
	if (rc == MDG_EINVAL)
		log_error("sms.in_category %lld is no active category: SMS not filed", j->cfg->category_id);
	return rc == MDG_EINVAL ? MDG_ERR : rc;
}

/* A transaction that records the message as action and sends j->reply. */
static int tx_answer(db *d, void *arg)
{
	struct job *j = arg;
	int rc = record(d, j, j->action, j->case_id);
	return rc == MDG_OK ? reply(d, j) : rc;
}

/* "1": the held text joins the offered case as the citizen's message. */
static int tx_add(db *d, void *arg)
{
	struct job *j = arg;
	int rc = record(d, j, "added", j->case_id);
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO case_events (case_id, kind, actor_id, is_public, note, created_at)"
				" VALUES (?, 'sms_message', ?, 1, ?, NOW())",
			     DB_ARGS(DB_INT(j->case_id), DB_INT(j->account_id), DB_STR(j->held)));
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE cases SET updated_at = NOW() WHERE id = ?", DB_ARGS(DB_INT(j->case_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM sms_pending WHERE sender = ?", DB_ARGS(DB_STR(j->intl)));
	if (rc == MDG_OK) /* the handlers hear of it at once, as of a mail reply */
		rc = notice_case_handlers(d, j->case_id, NOTICE_STAFF_MESSAGE);
	return rc == MDG_OK ? reply(d, j) : rc;
}

/* A text beside an open case: held, and the question asked; a text while
 * a choice is open joins the held text without a word (the question
 * stands, and an auto-responder cannot start an endless exchange). */
static int tx_hold(db *d, void *arg)
{
	struct job *j = arg;
	int rc = record(d, j, j->reply ? "asked" : "held", j->case_id);
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO sms_pending (sender, case_id, account_id, lang, body, created_at)"
				" VALUES (?, ?, ?, ?, ?, NOW()) ON DUPLICATE KEY UPDATE body = CONCAT(body, '\\n',"
				" VALUES(body))",
			     DB_ARGS(DB_STR(j->intl), DB_INT(j->case_id), DB_INT(j->account_id), DB_STR(j->lang),
				     DB_STR(j->text)));
	return rc == MDG_OK ? reply(d, j) : rc;
}

/* The status question: answered only to the filer's number. */
static int ask_status(db *d, struct job *j, const char *tracking)
{
	db_result *r = NULL;
	char owner[12];
	int rc = db_query(d, &r, "SELECT c.id AS id, c.status AS status, c.account_id AS owner, a.mobile AS mobile,"
				 " dp.name_ko AS department_ko, dp.name_en AS department_en FROM cases c"
				 " JOIN accounts a ON a.id = c.account_id"
				 " LEFT JOIN departments dp ON dp.id = c.department_id WHERE c.tracking_no = ?",
			  DB_ARGS(DB_STR(tracking)));
	if (rc != MDG_OK)
		return rc;
	bool theirs = r->nrows == 1 &&
		      text_normalise_mobile(db_get(r, 0, "mobile", ""), owner, sizeof owner) == MDG_OK &&
		      strcmp(owner, j->national) == 0;
	snprintf(j->tracking, sizeof j->tracking, "%s", tracking);
	if (theirs) {
		const char *dept = db_get(r, 0, strcmp(j->lang, "en") == 0 ? "department_en" : "department_ko", NULL);
		j->case_id = db_get_ll(r, 0, "id", 0);
		j->account_id = db_get_ll(r, 0, "owner", 0);
		j->action = "status";
		j->reply = payload("status", tracking);
		json_object_set_new(j->reply, "status", json_string(db_get(r, 0, "status", "")));
		if (dept)
			json_object_set_new(j->reply, "department", json_string(dept));
	} else {
		/* The same answer for "no such case" and "not yours". */
		j->action = "unknown";
		j->reply = payload("unknown", tracking);
	}
	db_result_free(r);
	return db_transaction(d, tx_answer, j);
}

/* The held choice of the sender, if any: j->case_id, j->tracking, held
 * text into *held (the caller frees r). */
static int load_held(db *d, struct job *j, db_result **r)
{
	int rc = db_query(d, r, "SELECT p.case_id AS case_id, c.tracking_no AS tracking, p.body AS body, p.lang AS lang"
				" FROM sms_pending p JOIN cases c ON c.id = p.case_id WHERE p.sender = ?",
			  DB_ARGS(DB_STR(j->intl)));
	if (rc != MDG_OK || (*r)->nrows == 0)
		return rc;
	j->case_id = db_get_ll(*r, 0, "case_id", 0);
	snprintf(j->tracking, sizeof j->tracking, "%s", db_get(*r, 0, "tracking", ""));
	j->held = db_get(*r, 0, "body", "");
	if (!sms_in_lang(j->text))
		j->lang = strcmp(db_get(*r, 0, "lang", "ko"), "en") == 0 ? "en" : "ko";
	return MDG_OK;
}

/* The sender's newest open case filed by SMS: j->case_id, j->tracking. */
static int open_sms_case(db *d, struct job *j)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT id AS id, tracking_no AS tracking FROM cases WHERE account_id = ?"
				 " AND channel = 'sms'"
				 " AND status NOT IN ('answered', 'closed', 'withdrawn', 'rejected') ORDER BY id DESC"
				 " LIMIT 1",
			  DB_ARGS(DB_INT(j->account_id)));
	if (rc == MDG_OK && r->nrows) {
		j->case_id = db_get_ll(r, 0, "id", 0);
		snprintf(j->tracking, sizeof j->tracking, "%s", db_get(r, 0, "tracking", ""));
	}
	db_result_free(r);
	return rc;
}

/* Whether a message with this key was handled already. */
static int seen_before(db *d, const char *key, bool *seen)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT COUNT(*) AS n FROM sms_inbound WHERE msg_key = ?", DB_ARGS(DB_STR(key)));
	*seen = rc == MDG_OK && db_get_ll(r, 0, "n", 0) > 0;
	db_result_free(r);
	return rc;
}

/* Validates what Kannel gave into j. */
static int job_start(struct job *j, const sms_in_msg *m)
{
	size_t idlen = m->kannel_id ? strlen(m->kannel_id) : 0;
	if (idlen == 0 || idlen > SMS_IN_ID_MAX ||
	    strspn(m->kannel_id, "0123456789abcdefABCDEF-") != idlen)
		return MDG_EINVAL;
	if (!m->from || sms_normalise_number(m->from, j->intl, sizeof j->intl) != MDG_OK ||
	    text_normalise_mobile(m->from, j->national, sizeof j->national) != MDG_OK)
		return MDG_EINVAL;
	if (!m->text || !utf8_valid_text(m->text, strlen(m->text)))
		return MDG_EUTF8;
	j->text = text_trim(m->text);
	if (!j->text || !*j->text)
		return MDG_EINVAL;
	j->too_long = utf8_length(j->text, strlen(j->text)) > SMS_IN_TEXT_MAX;
	return MDG_OK;
}

int sms_in_handle(db *d, const sms_in_config *cfg, const sms_in_msg *m, sms_in_result *out)
{
	struct job j = {.cfg = cfg, .m = m};
	db_result *held = NULL;
	char tracking[TRACKING_LEN + 1];
	const char *kw_lang = NULL;
	bool seen = false;
	out->action = "";
	out->tracking[0] = '\0';
	int rc = job_start(&j, m);
	if (rc != MDG_OK)
		goto done;
	job_key(&j);
	rc = seen_before(d, j.key, &seen);
	if (rc != MDG_OK || seen)
		goto done;
	if (j.too_long) {
		/* Refused, and the phone told why (no account, no guest made):
		 * nothing is filed cut short. */
		j.lang = sms_in_lang(j.text);
		if (!j.lang)
			j.lang = "ko";
		j.action = "toolong";
		j.reply = payload("toolong", NULL);
		json_object_set_new(j.reply, "max", json_integer(SMS_IN_TEXT_MAX));
		rc = db_transaction(d, tx_answer, &j);
		goto done;
	}
	sms_in_ask ask = sms_in_classify(j.text, cfg->keywords ? cfg->keywords : SMS_IN_KEYWORDS_DEFAULT, tracking, &kw_lang);
	j.lang = sms_in_lang(j.text);
	if (ask == SMS_IN_STATUS) {
		j.lang = kw_lang;
		rc = ask_status(d, &j, tracking);
		goto done;
	}
	account_contact who = {.mobile = j.national, .lang = j.lang};
	rc = account_for_contact(d, &who, &j.account_id);
	if (rc == MDG_OK)
		rc = load_held(d, &j, &held);
	if (rc != MDG_OK)
		goto done;
	if (!j.lang)
		j.lang = "ko";
	if (j.held && ask == SMS_IN_ONE) {
		j.reply = payload("added", j.tracking);
		rc = db_transaction(d, tx_add, &j);
	} else if (j.held && ask == SMS_IN_TWO) {
		rc = file_new(d, &j, j.held);
	} else if (ask == SMS_IN_ONE || ask == SMS_IN_TWO) {
		j.action = "nochoice";
		j.reply = payload("nochoice", NULL);
		rc = db_transaction(d, tx_answer, &j);
	} else if (j.held && utf8_length(j.held, strlen(j.held)) + 1 + utf8_length(j.text, strlen(j.text)) > CASE_BODY_MAX) {
		rc = MDG_ETOOBIG; /* the held text must still fit a case when "2" files it */
	} else if (j.held) {
		rc = db_transaction(d, tx_hold, &j);
	} else if ((rc = open_sms_case(d, &j)) == MDG_OK && j.case_id) {
		j.reply = payload("ask", j.tracking);
		rc = db_transaction(d, tx_hold, &j);
	} else if (rc == MDG_OK) {
		rc = file_new(d, &j, j.text);
	}
done:
	if (j.seen || seen) {
		/* Kannel asked again for a message handled before. */
		rc = MDG_OK;
		out->action = "duplicate";
	} else if (rc == MDG_OK) {
		out->action = j.action ? j.action : "";
		snprintf(out->tracking, sizeof out->tracking, "%s", j.tracking);
	}
	json_decref(j.reply);
	db_result_free(held);
	free(j.text);
	return rc;
}
