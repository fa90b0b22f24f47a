/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notice.c: who is told what about a case: notices and their outbox rows,
 * written in the caller's transaction; the deadline scan. */
#include "notify/notice.h"
#include "db/sql.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/calendar.h"
#include "core/buf.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "notify/sms.h"
#include "org/setting.h"

static const char *const kind_names[NOTICE_KIND__MAX] = {
	[NOTICE_RECEIPT] = "receipt",
	[NOTICE_ASSIGNED] = "assigned",
	[NOTICE_TRANSFERRED] = "transferred",
	[NOTICE_EXTENDED] = "extended",
	[NOTICE_ANSWERED] = "answered",
	[NOTICE_STARTED] = "started",
	[NOTICE_REFILED] = "refiled",
	[NOTICE_APOLOGY] = "apology",
	[NOTICE_STAFF_ASSIGNED] = "staff_assigned",
	[NOTICE_STAFF_ESCALATED] = "staff_escalated",
	[NOTICE_STAFF_REMINDER] = "staff_reminder",
	[NOTICE_STAFF_WAITING] = "staff_waiting",
	[NOTICE_STAFF_UNPLACED] = "staff_unplaced",
	[NOTICE_STAFF_MESSAGE] = "staff_message",
	[NOTICE_STAFF_DIGEST] = "staff_digest",
	[NOTICE_SMS_REPLY] = "sms_reply",
	[NOTICE_PENALTY_APPLIED] = "penalty_applied",
	[NOTICE_PENALTY_LIFTED] = "penalty_lifted",
	[NOTICE_OBJECTION_REJECTED] = "objection_rejected",
	[NOTICE_DEBATE_SUMMARY] = "debate_summary",
	[NOTICE_MODERATION_HIDDEN] = "moderation_hidden",
	[NOTICE_MODERATION_DELETED] = "moderation_deleted",
	[NOTICE_PROPOSAL_THRESHOLD] = "proposal_threshold",
	[NOTICE_FOLLOWED] = "followed",
	[NOTICE_REPORT_MONTHLY] = "report_monthly",
	[NOTICE_NOTE_RECEIVED] = "note_received",
	[NOTICE_VERIFY] = "verify",
	[NOTICE_RECOVER] = "recover",
	[NOTICE_PASSWORD_RESET] = "password_reset",
	[NOTICE_LOGIN_ID] = "login_id",
	[NOTICE_TOTP_RESET] = "totp_reset",
	[NOTICE_PROPOSAL_REVIEW] = "proposal_review",
	[NOTICE_PROPOSAL_ANSWERED] = "proposal_answered",
	[NOTICE_ACCOUNT_CLOSED] = "account_closed",
	[NOTICE_COMMUNITY_INVITED] = "community_invited",
	[NOTICE_COMMUNITY_REQUEST] = "community_request",
	[NOTICE_COMMUNITY_APPROVED] = "community_approved",
	[NOTICE_COMMUNITY_GOVERNED] = "community_governed",
	[NOTICE_EVENT_REMINDER] = "event_reminder",
};

/* Working days a late case is given in its apology's expected date,
 * unless the setting apology.workdays says otherwise. */
#define APOLOGY_WORKDAYS_DEFAULT "3"

/* Cases read per transaction by the scan: short transactions keep the
 * locks on cases brief for the staff working them. */
#define SCAN_CHUNK 200

const char *notice_kind_name(notice_kind kind)
{
	return kind < NOTICE_KIND__MAX ? kind_names[kind] : "unknown";
}

notice_kind notice_kind_from_name(const char *name)
{
	for (int k = 0; name && k < NOTICE_KIND__MAX; k++)
		if (strcmp(kind_names[k], name) == 0)
			return (notice_kind)k;
	return NOTICE_KIND__MAX;
}

/* Whom a notice goes to, as the accounts table has them. */
struct recipient {
	long long id;
	const char *name, *email, *mobile, *lang;
	bool by_email, by_sms, digest, staff, email_failing;
	bool guest; /* cannot sign in: its links are signed (auth/case_link.h) */
	bool email_ok, sms_ok; /* verified (lib/auth/verify.h); a guest's by intake */
};

/* The recipient's columns of accounts a, as recipient_fill reads them. */
#define RECIPIENT_COLS                                                                                       \
	"a.id AS recipient_id, a.name AS name, a.email AS email, a.mobile AS mobile,"                        \
	" IFNULL(a.lang, 'ko') AS lang, a.notify_email AS notify_email, a.notify_sms AS notify_sms,"         \
	" a.notify_digest AS notify_digest, a.kind = 'staff' AS staff,"                                      \
	" a.email_failing_at IS NOT NULL AS email_failing, a.kind = 'guest' AS guest,"                        \
	" a.kind = 'guest' OR a.email_verified_at IS NOT NULL AS email_ok,"                                   \
	" a.kind = 'guest' OR a.mobile_verified_at IS NOT NULL AS sms_ok"

/* The recipient in row 0 of r (RECIPIENT_COLS); MDG_ENOTFOUND when the
 * row has none (no such active account). to's strings are r's. */
static int recipient_fill(const db_result *r, struct recipient *to)
{
	if (r->nrows == 0 || db_get_ll(r, 0, "recipient_id", 0) == 0)
		return MDG_ENOTFOUND;
	to->id = db_get_ll(r, 0, "recipient_id", 0);
	to->name = db_get(r, 0, "name", "");
	to->email = db_get(r, 0, "email", "");
	to->mobile = db_get(r, 0, "mobile", NULL);
	to->lang = strcmp(db_get(r, 0, "lang", "ko"), "en") == 0 ? "en" : "ko";
	to->by_email = db_get_ll(r, 0, "notify_email", 0) != 0;
	to->by_sms = db_get_ll(r, 0, "notify_sms", 0) != 0;
	to->digest = db_get_ll(r, 0, "notify_digest", 0) != 0;
	to->staff = db_get_ll(r, 0, "staff", 0) != 0;
	to->email_failing = db_get_ll(r, 0, "email_failing", 0) != 0;
	to->guest = db_get_ll(r, 0, "guest", 0) != 0;
	to->email_ok = db_get_ll(r, 0, "email_ok", 0) != 0;
	to->sms_ok = db_get_ll(r, 0, "sms_ok", 0) != 0;
	return MDG_OK;
}

/* The active account account_id as a recipient; its strings are *r's. */
static int recipient_load(db *d, long long account_id, db_result **r, struct recipient *to)
{
	int rc = db_query(d, r, "SELECT " RECIPIENT_COLS " FROM accounts a WHERE a.id = ? AND a.active = 1",
			  DB_ARGS(DB_INT(account_id)));
	return rc == MDG_OK ? recipient_fill(*r, to) : rc;
}

/* One outbox row; outbox_add appends a second for two. */
#define OUTBOX_INSERT                                                                                        \
	"INSERT INTO outbox (notice_id, channel, account_id, recipient, recipient_name, lang, kind, payload,"  \
	" message_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(), NOW())"

/* The outbox rows of notice_id: by e-mail to email and by SMS to sms
 * (either NULL: none), in one INSERT. The Message-ID's local part is
 * stored: the same on every attempt, unique across installations. */
static int outbox_add(db *d, long long notice_id, const struct recipient *to, const char *email, const char *sms,
		      const char *kind, const char *payload)
{
	char rnd[2][17], message_id[2][80];
	const char *address[2] = {email, sms}, *channel[2] = {"email", "sms"};
	db_arg args[2][9];
	size_t n = 0;
	for (int i = 0; i < 2; i++) {
		if (!address[i])
			continue;
		crypto_random_hex(rnd[n], 8);
		snprintf(message_id[n], sizeof message_id[n], "n%lld.%s.%s", notice_id, channel[i], rnd[n]);
		db_arg row[9] = {DB_INT(notice_id), DB_STR(channel[i]), DB_INT(to->id), DB_STR(address[i]),
				 DB_STR(to->name), DB_STR(to->lang), DB_STR(kind), DB_STR(payload),
				 DB_STR(message_id[n])};
		memcpy(args[n], row, sizeof row);
		n++;
	}
	/* Statements are cached by their text's address: one literal each. */
	if (n == 2)
		return db_exec(d, OUTBOX_INSERT ", (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(), NOW())", &args[0][0], 2 * 9);
	return n ? db_exec(d, OUTBOX_INSERT, &args[0][0], 9) : MDG_OK;
}

/* The payload of an SMS answer with the guest's signed case link when
 * account_id is the guest that filed the case it names (tracking), as
 * notice_citizen gives it: a new string, or NULL to keep payload. */
static int sms_reply_guest_link(db *d, long long account_id, const char *payload, char **out)
{
	db_result *r = NULL;
	*out = NULL;
	json_t *p = account_id > 0 ? json_loads(payload, 0, NULL) : NULL;
	const char *tracking = json_string_value(json_object_get(p, "tracking"));
	int rc = MDG_OK;
	if (tracking)
		rc = db_query(d, &r, "SELECT c.id AS case_id FROM cases c JOIN accounts a ON a.id = c.account_id"
				     " AND a.kind = 'guest' WHERE c.tracking_no = ? AND c.account_id = ?",
			      DB_ARGS(DB_STR(tracking), DB_INT(account_id)));
	if (rc == MDG_OK && r && r->nrows == 1) {
		json_object_set_new(p, "guest_case", json_integer((json_int_t)db_get_ll(r, 0, "case_id", 0)));
		json_object_set_new(p, "guest_account", json_integer((json_int_t)account_id));
		*out = json_dumps(p, JSON_COMPACT);
	}
	json_decref(p);
	db_result_free(r);
	return rc;
}

int notice_sms_reply(db *d, long long account_id, const char *to_intl, const char *lang, const char *payload,
		     const char *key)
{
	char message_id[80];
	char *with_link = NULL;
	int rc = sms_reply_guest_link(d, account_id, payload, &with_link);
	if (rc != MDG_OK)
		return rc;
	if (with_link)
		payload = with_link;
	snprintf(message_id, sizeof message_id, "r.%s", key);
	rc = db_exec(d, "INSERT INTO outbox (notice_id, channel, account_id, recipient, lang, kind, payload,"
			  " message_id, next_attempt_at, created_at)"
			  " VALUES (NULL, 'sms', ?, ?, ?, ?, ?, ?, NOW(), NOW())",
		       DB_ARGS(DB_ID(account_id), DB_STR(to_intl), DB_STR(strcmp(lang, "en") == 0 ? "en" : "ko"),
			       DB_STR(notice_kind_name(NOTICE_SMS_REPLY)), DB_STR(payload), DB_STR(message_id)));
	free(with_link);
	return rc;
}

int notice_to_address(db *d, long long account_id, const char *channel, const char *address, const char *name,
		      const char *lang, notice_kind kind, json_t *payload)
{
	char to[255], rnd[17], message_id[40];
	bool sms = strcmp(channel, "sms") == 0;
	if ((kind < NOTICE_VERIFY || kind > NOTICE_LOGIN_ID) && kind != NOTICE_ACCOUNT_CLOSED)
		return MDG_EINVAL;
	if (!address)
		return MDG_EINVAL;
	if (sms ? sms_normalise_number(address, to, sizeof to) != MDG_OK
		: !text_email_valid(address) || snprintf(to, sizeof to, "%s", address) >= (int)sizeof to)
		return MDG_EINVAL;
	char *text = json_dumps(payload, JSON_COMPACT);
	if (!text)
		return MDG_ERR;
	crypto_random_hex(rnd, 8);
	snprintf(message_id, sizeof message_id, "i.%s.%s", sms ? "sms" : "email", rnd);
	int rc = db_exec(d, "INSERT INTO outbox (notice_id, channel, account_id, recipient, recipient_name, lang, kind,"
			    " payload, message_id, next_attempt_at, created_at)"
			    " VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, NOW(), NOW())",
			 DB_ARGS(DB_STR(sms ? "sms" : "email"), DB_ID(account_id), DB_STR(to), DB_STR(name),
				 DB_STR(lang && strcmp(lang, "en") == 0 ? "en" : "ko"), DB_STR(notice_kind_name(kind)),
				 DB_STR(text), DB_STR(message_id)));
	free(text);
	return rc;
}

/* Records a notice for `to` and queues its deliveries by their choices.
 * idem_key (or NULL) makes a second identical notice a no-op: *made is
 * false then. mail says whether this kind goes by e-mail now (not for
 * staff who take a digest), sms whether it may go by SMS. */
static int notice_add(db *d, const struct recipient *to, long long case_id, notice_kind kind, json_t *payload,
		      const char *idem_key, bool mail, bool sms, bool *made)
{
	char *text = NULL;
	char intl[20];
	int rc = MDG_OK;
	*made = false;
	json_object_set_new(payload, "name", json_string(to->name));
	text = json_dumps(payload, JSON_COMPACT);
	if (!text)
		return MDG_ERR;
	rc = db_exec(d, "INSERT IGNORE INTO notices (account_id, case_id, kind, payload, idem_key, created_at,"
			" digested)"
			" VALUES (?, ?, ?, ?, ?, NOW(), ?)",
		     DB_ARGS(DB_INT(to->id), DB_ID(case_id), DB_STR(notice_kind_name(kind)), DB_STR(text),
			     DB_STR(idem_key),
			     DB_INT((long long)!(to->staff && to->digest && kind != NOTICE_STAFF_DIGEST))));
	if (rc != MDG_OK || db_affected(d) == 0)
		goto done; /* the same notice exists: it was queued then */
	long long notice_id = (long long)db_insert_id(d);
	*made = true;
	/* An address that bounced gets no more mail (the notice stays in the
	 * web inbox) until its owner changes it. */
	/* Only to a proved address: anyone can type another person's (a
	 * guest's is the one it wrote from). */
	bool by_email = mail && to->by_email && to->email_ok && !to->email_failing && text_email_valid(to->email);
	bool by_sms = sms && to->by_sms && to->sms_ok && to->mobile &&
		      sms_normalise_number(to->mobile, intl, sizeof intl) == MDG_OK;
	rc = outbox_add(d, notice_id, to, by_email ? to->email : NULL, by_sms ? intl : NULL, notice_kind_name(kind),
			text);
done:
	free(text);
	return rc;
}

/* The case's row for case_payload_fill: tracking, title, owner (the
 * filer's account), due (the date), department_ko/_en, category_ko/_en;
 * and the recipient's columns (RECIPIENT_COLS, for recipient_fill) of
 * account_id, or of the filer when account_id is 0. One query for the
 * case and whom its notice goes to. *r is the caller's to free.
 * MDG_ENOTFOUND: no case. */
static int case_row(db *d, long long case_id, long long account_id, db_result **r)
{
	int rc = db_query(d, r, "SELECT c.tracking_no AS tracking, c.title AS title, c.account_id AS owner,"
				" " SQL_DAY("c.due_at") " AS due, dp.name_ko AS department_ko,"
				" dp.name_en AS department_en, g.name_ko AS category_ko, g.name_en AS category_en,"
				" " RECIPIENT_COLS
				" FROM cases c"
				" LEFT JOIN departments dp ON dp.id = c.department_id"
				" LEFT JOIN categories g ON g.id = c.category_id"
				" LEFT JOIN accounts a ON a.id = IFNULL(?, c.account_id) AND a.active = 1"
				" WHERE c.id = ?",
			  DB_ARGS(DB_ID(account_id), DB_INT(case_id)));
	if (rc == MDG_OK && (*r)->nrows == 0)
		rc = MDG_ENOTFOUND;
	return rc;
}

/* The case's values every notice carries, in the recipient's language. */
static void case_payload_fill(const db_result *r, const char *lang, json_t *payload)
{
	const char *department = db_get(r, 0, strcmp(lang, "en") == 0 ? "department_en" : "department_ko", NULL);
	const char *due = db_get(r, 0, "due", NULL);
	json_object_set_new(payload, "tracking", json_string(db_get(r, 0, "tracking", "")));
	json_object_set_new(payload, "title", json_string(db_get(r, 0, "title", "")));
	if (due)
		json_object_set_new(payload, "due", json_string(due));
	if (department)
		json_object_set_new(payload, "department", json_string(department));
}

/* The lead department's handler, by name when the timeline shows names
 * (the same setting as the citizen's case page); nothing when it shows
 * roles, and the templates say "the handler". */
static int handler_payload(db *d, long long case_id, json_t *payload)
{
	db_result *r = NULL;
	char show[16];
	int rc = setting_get(d, "timeline.show", "name", show, sizeof show);
	if (rc != MDG_OK || strcmp(show, "name") != 0)
		return rc;
	rc = db_query(d, &r, "SELECT a.name AS name FROM cases c JOIN case_handlers h ON h.case_id = c.id"
			     " AND h.department_id = c.department_id JOIN accounts a ON a.id = h.account_id"
			     " WHERE c.id = ? ORDER BY h.assigned_at DESC, h.account_id LIMIT 1",
		      DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && r->nrows)
		json_object_set_new(payload, "handler", json_string(db_get(r, 0, "name", "")));
	db_result_free(r);
	return rc;
}

/* The answer's text for a case filed by e-mail: its filer (often a guest,
 * who cannot sign in) reads the answer in the mail itself. */
static int answer_payload(db *d, long long case_id, json_t *payload)
{
	db_result *r = NULL;
	int rc = db_query(d, &r, "SELECT an.body AS body FROM answers an JOIN cases c ON c.id = an.case_id"
				 " WHERE an.case_id = ? AND an.status = 'sent' AND c.channel = 'email'"
				 " ORDER BY an.id DESC LIMIT 1",
			  DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && r->nrows)
		json_object_set_new(payload, "answer", json_string(db_get(r, 0, "body", "")));
	db_result_free(r);
	return rc;
}

/* A satisfaction row for the answer just sent: its nonce goes into the
 * answer notice's rating link. */
static int satisfaction_open(db *d, long long case_id, json_t *payload)
{
	char nonce[33];
	crypto_random_hex(nonce, 16);
	int rc = db_exec(d, "INSERT INTO satisfaction (case_id, answer_id, nonce, created_at)"
			    " SELECT ?, (SELECT MAX(id) FROM answers WHERE case_id = ? AND status = 'sent'), ?, NOW()",
			 DB_ARGS(DB_INT(case_id), DB_INT(case_id), DB_STR(nonce)));
	if (rc == MDG_OK)
		json_object_set_new(payload, "rate_nonce", json_string(nonce));
	return rc;
}

/* The apology's expected date, YYYY-MM-DD: a few working days from today. */
static int apology_expected(db *d, char expected[20])
{
	char days[8];
	long n = 3;
	int rc = setting_get(d, "apology.workdays", APOLOGY_WORKDAYS_DEFAULT, days, sizeof days);
	if (rc != MDG_OK)
		return rc;
	if (text_parse_long(days, 1, 60, &n) != MDG_OK)
		n = 3;
	rc = calendar_deadline(d, (int)n, expected);
	if (rc == MDG_OK)
		expected[10] = '\0';
	return rc;
}

/* notice_citizen's work, with an idempotency key and the missed deadline
 * for the apology. expected is the apology's new date when the caller has
 * it already (the scan: the same for every case), else NULL. */
static int citizen_notice(db *d, long long case_id, notice_kind kind, const char *reason, const char *idem_key,
			  const char *expected, bool *made)
{
	char own_expected[20];
	db_result *case_r = NULL;
	json_t *payload = json_object();
	struct recipient to;
	bool ignored;
	int rc;

	if (!made)
		made = &ignored;
	*made = false;
	rc = case_row(d, case_id, 0, &case_r);
	if (rc != MDG_OK)
		goto done;
	rc = recipient_fill(case_r, &to);
	if (rc == MDG_ENOTFOUND) {
		rc = MDG_OK; /* a deactivated account is told nothing */
		goto done;
	}
	if (rc == MDG_OK)
		case_payload_fill(case_r, to.lang, payload);
	if (rc == MDG_OK && reason)
		json_object_set_new(payload, "reason", json_string(reason));
	/* A guest cannot sign in: its case link is the signed tracking link,
	 * made when the message is rendered (the token is not stored). */
	if (rc == MDG_OK && to.guest) {
		json_object_set_new(payload, "guest_case", json_integer((json_int_t)case_id));
		json_object_set_new(payload, "guest_account", json_integer((json_int_t)to.id));
	}
	/* A re-filing says which category the case is in now. */
	const char *category_col = strcmp(to.lang, "en") == 0 ? "category_en" : "category_ko";
	const char *category = rc == MDG_OK ? db_get(case_r, 0, category_col, NULL) : NULL;
	if (kind == NOTICE_REFILED && category)
		json_object_set_new(payload, "category", json_string(category));
	if (rc == MDG_OK && (kind == NOTICE_ASSIGNED || kind == NOTICE_ANSWERED))
		rc = handler_payload(d, case_id, payload);
	if (rc == MDG_OK && kind == NOTICE_ANSWERED)
		rc = satisfaction_open(d, case_id, payload);
	if (rc == MDG_OK && kind == NOTICE_ANSWERED)
		rc = answer_payload(d, case_id, payload);
	if (rc == MDG_OK && kind == NOTICE_APOLOGY && !expected) {
		rc = apology_expected(d, own_expected);
		expected = own_expected;
	}
	if (rc == MDG_OK && kind == NOTICE_APOLOGY)
		json_object_set_new(payload, "expected", json_string(expected));
	if (rc == MDG_OK)
		rc = notice_add(d, &to, case_id, kind, payload, idem_key, true, true, made);
done:
	json_decref(payload);
	db_result_free(case_r);
	return rc;
}

int notice_citizen(db *d, long long case_id, notice_kind kind, const char *reason)
{
	if (kind > NOTICE_APOLOGY)
		return MDG_EINVAL;
	return citizen_notice(d, case_id, kind, reason, NULL, NULL, NULL);
}

static int staff_notice(db *d, long long account_id, long long case_id, notice_kind kind, const char *idem_key,
			bool *made)
{
	db_result *r = NULL;
	json_t *payload = json_object();
	struct recipient to;
	bool ignored;
	int rc = case_row(d, case_id, account_id, &r);
	if (!made)
		made = &ignored;
	*made = false;
	if (rc == MDG_OK)
		rc = recipient_fill(r, &to);
	if (rc == MDG_ENOTFOUND && r && r->nrows) {
		rc = MDG_OK; /* a deactivated account is told nothing */
		goto done;
	}
	if (rc == MDG_OK)
		case_payload_fill(r, to.lang, payload);
	/* Staff who take the digest read these in it; an SMS (if they opted
	 * in) still comes at once for a case given to them. */
	if (rc == MDG_OK)
		rc = notice_add(d, &to, case_id, kind, payload, idem_key, !to.digest,
				kind == NOTICE_STAFF_ASSIGNED || kind == NOTICE_STAFF_ESCALATED || kind == NOTICE_STAFF_MESSAGE,
				made);
done:
	json_decref(payload);
	db_result_free(r);
	return rc;
}

int notice_staff(db *d, long long account_id, long long case_id, notice_kind kind)
{
	if (kind != NOTICE_STAFF_ASSIGNED && kind != NOTICE_STAFF_ESCALATED && kind != NOTICE_STAFF_REMINDER &&
	    kind != NOTICE_STAFF_WAITING && kind != NOTICE_STAFF_UNPLACED && kind != NOTICE_STAFF_MESSAGE)
		return MDG_EINVAL;
	return staff_notice(d, account_id, case_id, kind, NULL, NULL);
}

int notice_account(db *d, long long account_id, notice_kind kind, json_t *payload, const char *idem_key)
{
	db_result *who = NULL;
	json_t *own = NULL;
	struct recipient to;
	bool made;
	int rc;
	if (kind <= NOTICE_SMS_REPLY || kind >= NOTICE_KIND__MAX || !json_is_object(payload))
		return MDG_EINVAL;
	rc = recipient_load(d, account_id, &who, &to);
	if (rc == MDG_ENOTFOUND) {
		rc = MDG_OK;
		goto done;
	}
	/* notice_add writes the name into the payload: the caller's stays. */
	own = json_deep_copy(payload);
	if (rc == MDG_OK)
		rc = own ? notice_add(d, &to, 0, kind, own, idem_key, !(to.staff && to.digest), true, &made) : MDG_ERR;
done:
	json_decref(own);
	db_result_free(who);
	return rc;
}

int notice_case_handlers(db *d, long long case_id, notice_kind kind)
{
	db_result *h = NULL;
	int rc = db_query(d, &h, "SELECT account_id AS id FROM case_handlers WHERE case_id = ? ORDER BY account_id",
			  DB_ARGS(DB_INT(case_id)));
	for (unsigned i = 0; rc == MDG_OK && i < h->nrows; i++)
		rc = notice_staff(d, db_get_ll(h, i, "id", 0), case_id, kind);
	db_result_free(h);
	return rc;
}

/* One chunk of cases whose apology falls due: open ones get their
 * apology (once per deadline: the key names the deadline), and every
 * case read is cleared so that it is not read again for this deadline.
 * *rows counts the cases read. The statements per case are what the scan
 * costs (five: the case, its filer, the notice, two outbox rows): the
 * expected date, the same for all, is worked out once per chunk, and the
 * chunk is cleared in one UPDATE. */
/* A scan's chunk, run by db_transaction: the notices made and the rows
 * read, counted afresh on each run. */
struct chunk {
	long made;
	unsigned rows;
};

static int apologies_tx(db *d, void *arg)
{
	struct chunk *c = arg;
	db_result *r = NULL;
	buf ids = {0};
	char expected[20] = "";
	c->made = 0;
	c->rows = 0;
	int rc = db_query(d, &r, "SELECT id, " SQL_SECOND("apology_due") " AS due,"
				 " status IN ('received', 'assigned', 'in_progress', 'approval')"
				 " AND due_at = apology_due AS late"
				 " FROM cases WHERE apology_due <= NOW() ORDER BY apology_due, id LIMIT ?"
				 " FOR UPDATE SKIP LOCKED",
			  DB_ARGS(DB_INT((long long)SCAN_CHUNK)));
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		long long case_id = db_get_ll(r, i, "id", 0);
		const char *due = db_get(r, i, "due", "");
		bool made_one = false;
		if (db_get_ll(r, i, "late", 0)) {
			char key[80];
			snprintf(key, sizeof key, "apology:%lld:%s", case_id, due);
			if (!expected[0])
				rc = apology_expected(d, expected);
			if (rc == MDG_OK)
				rc = citizen_notice(d, case_id, NOTICE_APOLOGY, NULL, key, expected, &made_one);
		}
		buf_printf(&ids, "%s%lld", ids.len ? "," : "[", case_id);
		if (made_one)
			c->made++;
	}
	/* Exactly the rows read (and locked) above: a case that fell due
	 * meanwhile is left for the next chunk, never cleared unread. */
	if (rc == MDG_OK && ids.len) {
		buf_putc(&ids, ']');
		rc = db_exec(d, "UPDATE cases c JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j"
				" ON c.id = j.id SET c.apology_due = NULL",
			     DB_ARGS(DB_STR(buf_str(&ids))));
	}
	c->rows = r ? r->nrows : 0;
	db_result_free(r);
	buf_free(&ids);
	return rc;
}

static int scan_apologies(db *d, long *made, unsigned *rows)
{
	struct chunk c = {0};
	int rc = db_transaction(d, apologies_tx, &c);
	*rows = c.rows;
	if (rc == MDG_OK)
		*made += c.made;
	return rc;
}

/* One chunk of cases whose handlers' reminder falls due: each handler of
 * a case still open and not yet late is reminded once per deadline. */
static int reminders_tx(db *d, void *arg)
{
	struct chunk *c = arg;
	db_result *r = NULL, *h = NULL;
	c->made = 0;
	c->rows = 0;
	int rc = db_query(d, &r, "SELECT id, " SQL_SECOND("due_at") " AS due,"
				 " status IN ('received', 'assigned', 'in_progress', 'approval') AND due_at > NOW() AS open"
				 " FROM cases WHERE remind_at <= NOW() ORDER BY remind_at, id"
				 " LIMIT ? FOR UPDATE SKIP LOCKED",
			  DB_ARGS(DB_INT((long long)SCAN_CHUNK)));
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		long long case_id = db_get_ll(r, i, "id", 0);
		if (db_get_ll(r, i, "open", 0)) {
			rc = db_query(d, &h, "SELECT account_id FROM case_handlers WHERE case_id = ?"
					     " ORDER BY account_id",
				      DB_ARGS(DB_INT(case_id)));
			for (unsigned j = 0; rc == MDG_OK && j < h->nrows; j++) {
				char key[96];
				bool made_one = false;
				long long who = db_get_ll(h, j, "account_id", 0);
				snprintf(key, sizeof key, "reminder:%lld:%lld:%s", case_id, who, db_get(r, i, "due", ""));
				rc = staff_notice(d, who, case_id, NOTICE_STAFF_REMINDER, key, &made_one);
				if (made_one)
					c->made++;
			}
			db_result_free(h);
			h = NULL;
		}
		if (rc == MDG_OK)
			rc = db_exec(d, "UPDATE cases SET remind_at = NULL WHERE id = ?", DB_ARGS(DB_INT(case_id)));
	}
	c->rows = r ? r->nrows : 0;
	db_result_free(r);
	return rc;
}

static int scan_reminders(db *d, long *made, unsigned *rows)
{
	struct chunk c = {0};
	int rc = db_transaction(d, reminders_tx, &c);
	*rows = c.rows;
	if (rc == MDG_OK)
		*made += c.made;
	return rc;
}

/* digest_one's arguments and answer, for its transaction. */
struct digest {
	long long account_id;
	const char *today;
	bool made;
};

/* The transaction of digest_one (db_transaction): the mail's payload is
 * built again on each run. */
static int digest_tx(db *d, void *arg)
{
	struct digest *g = arg;
	long long account_id = g->account_id;
	db_result *who = NULL, *n = NULL;
	json_t *payload = json_object(), *items = json_array();
	struct recipient to;
	char key[64];
	g->made = false;
	int rc = recipient_load(d, account_id, &who, &to);
	if (rc == MDG_OK)
		rc = db_query(d, &n, "SELECT id, kind, payload FROM notices WHERE digested = 0 AND account_id = ?"
				     " ORDER BY id FOR UPDATE SKIP LOCKED",
			      DB_ARGS(DB_INT(account_id)));
	for (unsigned i = 0; rc == MDG_OK && i < n->nrows; i++) {
		json_t *p = json_loads(db_get(n, i, "payload", "{}"), 0, NULL);
		json_t *item = json_object();
		json_object_set_new(item, "kind", json_string(db_get(n, i, "kind", "")));
		if (p) {
			json_object_set(item, "tracking", json_object_get(p, "tracking"));
			json_object_set(item, "title", json_object_get(p, "title"));
			json_object_set(item, "due", json_object_get(p, "due"));
			json_decref(p);
		}
		json_array_append_new(items, item);
		rc = db_exec(d, "UPDATE notices SET digested = 1 WHERE id = ?",
			     DB_ARGS(DB_INT(db_get_ll(n, i, "id", 0))));
	}
	if (rc == MDG_OK && n->nrows) {
		json_object_set(payload, "items", items);
		json_object_set_new(payload, "count", json_integer((json_int_t)n->nrows));
		/* Whose digest: its one-click unsubscribe link is signed for
		 * this account (message.c). */
		json_object_set_new(payload, "account", json_integer((json_int_t)account_id));
		snprintf(key, sizeof key, "digest:%lld:%s", account_id, g->today);
		rc = notice_add(d, &to, 0, NOTICE_STAFF_DIGEST, payload, key, true, false, &g->made);
	}
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE accounts SET digest_sent_at = NOW() WHERE id = ?", DB_ARGS(DB_INT(account_id)));
	json_decref(items);
	json_decref(payload);
	db_result_free(who);
	db_result_free(n);
	return rc;
}

/* The digest of one staff member: their notices not yet digested, in one
 * mail, once a day. */
static int digest_one(db *d, long long account_id, const char *today, long *made)
{
	struct digest g = {.account_id = account_id, .today = today};
	int rc = db_transaction(d, digest_tx, &g);
	if (rc == MDG_OK && g.made)
		(*made)++;
	return rc == MDG_ENOTFOUND ? MDG_OK : rc;
}

/* Digests are made once a day from the hour of the setting digest.hour
 * (Korea time, default 8), for staff who chose them and have notices
 * waiting. */
static int scan_digests(db *d, long *made)
{
	db_result *r = NULL;
	char hour_text[8];
	long hour = 8;
	int rc = setting_get(d, "digest.hour", "8", hour_text, sizeof hour_text);
	if (rc != MDG_OK)
		return rc;
	if (text_parse_long(hour_text, 0, 23, &hour) != MDG_OK)
		hour = 8;
	rc = db_query(d, &r, "SELECT DISTINCT n.account_id AS account_id, " SQL_DAY("CURDATE()") " AS today FROM"
												 " notices n"
			     " JOIN accounts a ON a.id = n.account_id"
			     " WHERE n.digested = 0 AND HOUR(NOW()) >= ?"
			     " AND (a.digest_sent_at IS NULL OR a.digest_sent_at < CURDATE())",
		      DB_ARGS(DB_INT((long long)hour)));
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++)
		rc = digest_one(d, db_get_ll(r, i, "account_id", 0), db_get(r, i, "today", ""), made);
	db_result_free(r);
	return rc;
}

int notice_scan(db *d, long limit, long *made)
{
	unsigned rows = 0;
	long read = 0;
	int rc = MDG_OK;
	*made = 0;
	do {
		rc = scan_apologies(d, made, &rows);
		read += rows;
	} while (rc == MDG_OK && rows == SCAN_CHUNK && (limit <= 0 || read < limit));
	read = 0;
	while (rc == MDG_OK) {
		rc = scan_reminders(d, made, &rows);
		read += rows;
		if (rows < SCAN_CHUNK || (limit > 0 && read >= limit))
			break;
	}
	if (rc == MDG_OK)
		rc = scan_digests(d, made);
	return rc;
}

/* ------------------------------------------------------- signed links */

/* The MAC of a signed link: HMAC-SHA-256 under key over LABEL ":" SUBJECT,
 * so that one kind of link (nor the key's other use, CSRF tokens) can
 * never produce another's. false when label and subject do not fit (a
 * programming error: both are bounded by the callers). */
static bool token_mac(const unsigned char *key, size_t keylen, const char *label, const char *subject,
		      char out[NOTICE_TOKEN_MAC_LEN + 1])
{
	char msg[80];
	uint8_t mac[CRYPTO_HASH_BYTES];
	int len = snprintf(msg, sizeof msg, "%s:%s", label, subject);
	if (len < 0 || (size_t)len >= sizeof msg)
		return false;
	crypto_hmac(key, keylen, msg, (size_t)len, mac);
	crypto_b64url(mac, sizeof mac, out, NOTICE_TOKEN_MAC_LEN + 1);
	return true;
}

/* Subjects are what the link names (a nonce, an account id): letters,
 * digits, '-' and '_' only, so that the '.' before the MAC is the only
 * one and the token needs no escaping in a URL path. */
static bool subject_ok(const char *s, size_t n)
{
	if (n == 0 || n > NOTICE_TOKEN_SUBJECT_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
		      c == '_'))
			return false;
	}
	return true;
}

void notice_token_sign(const unsigned char *key, size_t keylen, const char *label, const char *subject, char *out)
{
	char mac[NOTICE_TOKEN_MAC_LEN + 1];
	out[0] = '\0';
	if (!subject_ok(subject, strlen(subject)) || !token_mac(key, keylen, label, subject, mac))
		return;
	snprintf(out, NOTICE_TOKEN_MAX, "%s.%s", subject, mac);
}

bool notice_token_verify(const unsigned char *key, size_t keylen, const char *label, const char *token,
			 char *subject, size_t subjectlen)
{
	char want[NOTICE_TOKEN_MAC_LEN + 1], got[NOTICE_TOKEN_SUBJECT_MAX + 1];
	const char *dot = token ? strchr(token, '.') : NULL;
	if (!dot || strlen(dot + 1) != NOTICE_TOKEN_MAC_LEN)
		return false;
	size_t n = (size_t)(dot - token);
	if (!subject_ok(token, n) || n >= subjectlen)
		return false;
	memcpy(got, token, n);
	got[n] = '\0';
	if (!token_mac(key, keylen, label, got, want) || !crypto_str_equal(want, dot + 1))
		return false;
	memcpy(subject, got, n + 1);
	return true;
}

void notice_rate_token(const unsigned char *key, size_t keylen, const char *nonce, char *out)
{
	char subject[33];
	snprintf(subject, sizeof subject, "%.32s", nonce);
	notice_token_sign(key, keylen, "rate", subject, out);
}

bool notice_rate_token_valid(const unsigned char *key, size_t keylen, const char *token, char nonce[33])
{
	if (!token || strlen(token) != 32 + 1 + NOTICE_TOKEN_MAC_LEN || token[32] != '.')
		return false;
	for (int i = 0; i < 32; i++)
		if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
			return false;
	return notice_token_verify(key, keylen, "rate", token, nonce, 33);
}

void notice_unsub_token(const unsigned char *key, size_t keylen, long long account_id, char *out)
{
	char subject[24];
	snprintf(subject, sizeof subject, "%lld", account_id);
	notice_token_sign(key, keylen, "unsub", subject, out);
}

bool notice_unsub_token_valid(const unsigned char *key, size_t keylen, const char *token, long long *account_id)
{
	char subject[NOTICE_TOKEN_SUBJECT_MAX + 1];
	*account_id = 0;
	if (!notice_token_verify(key, keylen, "unsub", token, subject, sizeof subject))
		return false;
	/* What notice_unsub_token writes: a positive id, no sign, no
	 * leading zero, at most 18 digits (so no overflow). */
	size_t n = strlen(subject);
	if (n > 18 || subject[0] == '0' || strspn(subject, "0123456789") != n)
		return false;
	*account_id = strtoll(subject, NULL, 10);
	return true;
}
