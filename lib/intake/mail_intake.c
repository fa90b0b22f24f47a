/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail_intake.c: what an incoming e-mail does (see mail_intake.h). */
#include "intake/mail_intake.h"
#include "auth/account.h"
#include "cases/case.h"
#include "cases/public_view.h"
#include "core/buf.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "notify/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *mail_outcome_name(mail_outcome_kind kind)
{
	static const char *const names[] = {"filed", "threaded", "bounce", "ignored", "duplicate"};
	return kind <= MAIL_DUPLICATE ? names[kind] : "?";
}

/* The key a message is remembered by: its Message-ID, or (without one,
 * or with one too long for the column) a hash of the whole message. */
static void message_key(const mail_in *m, const char *raw, size_t len, char key[256])
{
	if (m->message_id[0] && strlen(m->message_id) < 250) {
		snprintf(key, 256, "<%s>", m->message_id);
		return;
	}
	uint8_t h[CRYPTO_HASH_BYTES];
	crypto_sha256(raw, len, h);
	char *p = key + snprintf(key, 256, "sha256:");
	for (size_t i = 0; i < sizeof h; i++)
		p += snprintf(p, 3, "%02x", h[i]);
}

/* True when id is one of our own notices' Message-IDs: "LOCAL@domain"
 * with LOCAL in outbox.message_id. *local gets LOCAL (a new string). */
static bool ours(const mail_intake_conf *c, const char *id, char **local)
{
	const char *at = strrchr(id, '@');
	*local = NULL;
	if (!at || !c->msgid_domain || strcasecmp(at + 1, c->msgid_domain) != 0)
		return false;
	*local = xstrndup(id, (size_t)(at - id));
	return true;
}

/* Why a message must not be filed at all, or NULL: auto-replies, lists
 * and our own mail (RFC 3834). */
static const char *loop_reason(const mail_intake_conf *c, const mail_in *m)
{
	char *local = NULL;
	bool own = m->message_id[0] && ours(c, m->message_id, &local);
	free(local);
	if (own)
		return "our own message";
	if (c->address && strcasecmp(m->from_addr, c->address) == 0)
		return "sent by the intake address itself";
	if (c->notice_from && strcasecmp(m->from_addr, c->notice_from) == 0)
		return "sent by our notice address";
	for (int i = 0; i < c->nroutes; i++)
		if (strcasecmp(m->from_addr, c->routes[i].address) == 0)
			return "sent by an intake address";
	if (m->auto_submitted[0] && strcasecmp(m->auto_submitted, "no") != 0)
		return "Auto-Submitted";
	if (strcasecmp(m->precedence, "bulk") == 0 || strcasecmp(m->precedence, "junk") == 0 ||
	    strcasecmp(m->precedence, "list") == 0)
		return "Precedence bulk, junk or list";
	/* Mailer daemons never write to people. */
	if (strncasecmp(m->from_addr, "mailer-daemon@", 14) == 0 || strncasecmp(m->from_addr, "postmaster@", 11) == 0)
		return "a mailer daemon";
	return NULL;
}

/* Records a message that files nothing; a duplicate key means it was
 * handled before, which is fine. */
static int remember(db *d, const char *key, const char *sender, const char *outcome, long long case_id,
		    const char *reason)
{
	return db_exec(d, "INSERT IGNORE INTO mail_intake (message_key, sender, outcome, case_id, reason, created_at)"
			  " VALUES (?, ?, ?, ?, ?, NOW())",
		       DB_ARGS(DB_STR(key), DB_STR(sender), DB_STR(outcome), DB_ID(case_id), DB_STR(reason)));
}

/* A bounce: the failed address's accounts are marked (notices to it stop
 * being useful) and mail queued to it is cancelled; the report itself
 * files nothing. */
static int bounce(db *d, const char *key, const mail_in *m, mail_outcome *out)
{
	const char *addr = m->bounced_addr[0] ? m->bounced_addr : NULL;
	int rc = MDG_OK;
	out->kind = MAIL_BOUNCE;
	snprintf(out->reason, sizeof out->reason, "delivery failed to %s", addr ? addr : "an unnamed address");
	if (addr)
		rc = db_exec(d, "UPDATE accounts SET email_failing_at = NOW() WHERE email_owner = ? OR guest_email = ?",
			     DB_ARGS(DB_STR(addr), DB_STR(addr)));
	/* Mail still waiting for it would bounce too (one being sent is left). */
	if (addr && rc == MDG_OK)
		rc = db_exec(d, "UPDATE outbox SET state = 'cancelled', last_error = 'the address bounced'"
				" WHERE state = 'pending' AND channel = 'email' AND recipient = ?"
				" AND (lease_until IS NULL OR lease_until <= NOW())",
			     DB_ARGS(DB_STR(addr)));
	if (rc == MDG_OK)
		rc = remember(d, key, m->from_addr, "bounce", 0, out->reason);
	return rc;
}

/* The case a reply belongs to: by the tracking number in the subject or
 * by a reference to one of our notices, and only when the sender is the
 * case's filer (a stranger cannot write into another person's case by
 * naming its number). *case_id 0 when none; *other true when the mail
 * answers one of our notices about a case of somebody else. */
static int find_thread(db *d, const mail_intake_conf *c, const mail_in *m, long long *case_id, char *tracking,
		       bool *other)
{
	db_result *r = NULL;
	char tok[TRACKING_LEN + 1];
	int rc = MDG_OK;
	*case_id = 0;
	if (mail_in_subject_tracking(m->subject, tok)) {
		rc = db_query(d, &r, "SELECT c.id AS id, c.tracking_no AS tracking FROM cases c"
				     " JOIN accounts a ON a.id = c.account_id"
				     " WHERE c.tracking_no = ? AND a.email = ?",
			      DB_ARGS(DB_STR(tok), DB_STR(m->from_addr)));
		if (rc == MDG_OK && r->nrows == 1) {
			*case_id = db_get_ll(r, 0, "id", 0);
			snprintf(tracking, TRACKING_LEN + 1, "%s", db_get(r, 0, "tracking", ""));
		}
		db_result_free(r);
		r = NULL;
	}
	for (int i = 0; rc == MDG_OK && !*case_id && i < m->nrefs; i++) {
		char *local = NULL;
		if (!ours(c, m->refs[i], &local)) {
			free(local);
			continue;
		}
		rc = db_query(d, &r, "SELECT c.id AS id, c.tracking_no AS tracking, IFNULL(a.email, '') AS email"
				     " FROM outbox o JOIN notices n ON n.id = o.notice_id JOIN cases c"
				     " ON c.id = n.case_id"
				     " JOIN accounts a ON a.id = c.account_id WHERE o.message_id = ?",
			      DB_ARGS(DB_STR(local)));
		if (rc == MDG_OK && r->nrows == 1 && strcasecmp(db_get(r, 0, "email", ""), m->from_addr) == 0) {
			*case_id = db_get_ll(r, 0, "id", 0);
			snprintf(tracking, TRACKING_LEN + 1, "%s", db_get(r, 0, "tracking", ""));
		} else if (rc == MDG_OK && r->nrows == 1) {
			/* Staff answering a staff notice, or a forward: not a
			 * complaint of theirs, and not the filer's message. */
			*other = true;
		}
		db_result_free(r);
		r = NULL;
		free(local);
	}
	return rc;
}

/* The attachments of m as case_file takes them (at most max). */
static int uploads_of(const mail_in *m, case_upload *files, int max)
{
	int n = 0;
	for (const upload *u = m->files; u && n < max; u = u->next) {
		files[n].up = u;
		files[n].mime_type = u->content_type;
		n++;
	}
	return n;
}

/* The text stored: the body, then a line for each attachment not kept. */
static char *stored_text(const mail_in *m)
{
	buf b = {0};
	buf_puts(&b, m->body);
	for (int i = 0; i < m->nrefused; i++)
		buf_printf(&b, "%s[첨부 제외 / attachment not accepted (%s): %s]", i == 0 && b.len ? "\n\n" : "\n",
			   m->refused[i].why, m->refused[i].name);
	return buf_detach(&b);
}

/* thread_reply's arguments, for its transaction. */
struct reply_tx {
	const char *key, *text;
	const mail_in *m;
	long long case_id;
	const case_upload *files;
	char (*stored)[33];
	int nfiles;
};

/* The transaction of thread_reply (db_transaction): the files are
 * already in place. */
static int reply_tx(db *d, void *arg)
{
	const struct reply_tx *t = arg;
	int rc = db_exec(d, "INSERT INTO case_events (case_id, kind, actor_id, is_public, note, created_at)"
			    " SELECT id, 'mail_in', account_id, 0, ?, NOW() FROM cases WHERE id = ?",
			 DB_ARGS(DB_STR(t->text), DB_INT(t->case_id)));
	if (rc == MDG_OK)
		rc = db_exec(d, "UPDATE cases SET updated_at = NOW() WHERE id = ?", DB_ARGS(DB_INT(t->case_id)));
	if (rc == MDG_OK && t->nfiles)
		rc = case_attachment_rows(d, t->case_id, t->files, t->stored, t->nfiles);
	if (rc == MDG_OK)
		rc = notice_case_handlers(d, t->case_id, NOTICE_STAFF_MESSAGE);
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO mail_intake (message_key, sender, outcome, case_id, created_at)"
				" VALUES (?, ?, 'threaded', ?, NOW())",
			     DB_ARGS(DB_STR(t->key), DB_STR(t->m->from_addr), DB_INT(t->case_id)));
	return rc;
}

/* Adds a reply to its case: the citizen's message on the history, its
 * attachments, the message remembered, all in one transaction. The files
 * are moved into place first, and removed again if it fails. */
static int thread_reply(db *d, const mail_intake_conf *c, const char *key, const mail_in *m, long long case_id,
			mail_outcome *out)
{
	case_upload files[CASE_FILES_MAX];
	char stored[CASE_FILES_MAX][33];
	char *moved[CASE_FILES_MAX] = {0};
	int n = uploads_of(m, files, CASE_FILES_MAX);
	char *text = stored_text(m);
	struct reply_tx t = {.key = key, .text = text, .m = m, .case_id = case_id, .files = files, .stored = stored,
			     .nfiles = n};
	int rc = case_store_uploads(c->uploads_dir, files, n, stored, moved);
	if (rc == MDG_OK)
		rc = db_transaction(d, reply_tx, &t);
	case_release_uploads(moved, n, rc != MDG_OK);
	if (rc == MDG_OK)
		out->kind = MAIL_THREADED;
	if (rc == MDG_OK && n) /* the page lists the attachments */
		case_public_changed(d, case_id);
	free(text);
	return rc;
}

/* The category of a new mail: the first routed address it was sent to. */
static long long category_for(const mail_intake_conf *c, const mail_in *m)
{
	for (int i = 0; i < m->nrcpts; i++)
		for (int j = 0; j < c->nroutes; j++)
			if (strcasecmp(m->rcpts[i], c->routes[j].address) == 0)
				return c->routes[j].category_id;
	return c->default_category;
}

struct remember_arg {
	const char *key, *sender;
};

/* case_new.in_tx: the message remembered in the filing's transaction. */
static int remember_filed(db *d, long long case_id, const char *tracking, void *arg)
{
	const struct remember_arg *a = arg;
	(void)tracking;
	return db_exec(d, "INSERT INTO mail_intake (message_key, sender, outcome, case_id, created_at)"
			  " VALUES (?, ?, 'filed', ?, NOW())",
		       DB_ARGS(DB_STR(a->key), DB_STR(a->sender), DB_INT(case_id)));
}

/* The first line of src cut to max characters (never inside one), tabs
 * made spaces: a new string. */
static char *first_line(const char *src, size_t max)
{
	size_t n = strcspn(src, "\n");
	size_t i = 0, chars = 0;
	while (i < n && chars < max) {
		size_t l = utf8_seq_len((unsigned char)src[i]);
		if (l == 0 || i + l > n)
			break;
		i += l;
		chars++;
	}
	char *t = xstrndup(src, i);
	for (char *p = t; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return t;
}

/* A title from the subject, else from the first line of the text. */
static char *title_of(const mail_in *m)
{
	char *t = first_line(m->subject[0] ? m->subject : m->body, CASE_TITLE_MAX);
	if (!t[0]) {
		free(t);
		t = xstrdup("(제목 없음 / no subject)");
	}
	return t;
}

static int file_new(db *d, const mail_intake_conf *c, const char *key, const mail_in *m, mail_outcome *out)
{
	case_upload files[CASE_FILES_MAX];
	int n = uploads_of(m, files, CASE_FILES_MAX);
	long long account_id = 0;
	char *title = title_of(m), *text = stored_text(m);
	struct remember_arg ra = {key, m->from_addr};
	/* accounts.name holds 100 characters; a display name may be longer. */
	char *name = first_line(m->from_name, 100);
	account_contact who = {.email = m->from_addr, .name = name};
	int rc = account_for_contact(d, &who, &account_id);
	if (rc == MDG_OK) {
		case_new cn = {
			.account_id = account_id,
			.category_id = category_for(c, m),
			.title = title,
			.body = text,
			.is_public = false,
			.channel = "email",
			.in_tx = remember_filed,
			.in_tx_arg = &ra,
		};
		rc = case_file(d, &cn, files, n, c->uploads_dir, out->tracking);
		if (rc == MDG_EINVAL)
			log_error("mail intake: category %lld does not exist or is inactive (intake.category)",
				  cn.category_id);
	}
	if (rc == MDG_OK)
		out->kind = MAIL_FILED;
	free(title);
	free(text);
	free(name);
	return rc;
}

int mail_intake(db *d, const mail_intake_conf *c, const char *raw, size_t len, mail_in *m, mail_outcome *out)
{
	char key[256];
	db_result *r = NULL;
	long long case_id = 0;
	int rc;

	memset(out, 0, sizeof *out);
	message_key(m, raw, len, key);
	if (!text_email_valid(m->from_addr)) {
		snprintf(out->reason, sizeof out->reason, "no valid sender address in From");
		return MDG_EINVAL;
	}
	/* Seen before, and the sender's mails of the last hour: one round
	 * trip for both. */
	rc = db_query(d, &r, "SELECT i.outcome AS outcome, IFNULL(c.tracking_no, '') AS tracking,"
			     " (SELECT COUNT(*) FROM mail_intake WHERE sender = ? AND outcome IN ('filed', 'threaded')"
			     "  AND created_at > NOW() - INTERVAL 1 HOUR) AS recent"
			     " FROM (SELECT 1) one LEFT JOIN mail_intake i ON i.message_key = ?"
			     " LEFT JOIN cases c ON c.id = i.case_id",
		      DB_ARGS(DB_STR(m->from_addr), DB_STR(key)));
	if (rc != MDG_OK)
		goto done;
	if (db_get(r, 0, "outcome", NULL)) {
		out->kind = MAIL_DUPLICATE;
		snprintf(out->tracking, sizeof out->tracking, "%s", db_get(r, 0, "tracking", ""));
		snprintf(out->reason, sizeof out->reason, "handled before (%s)", db_get(r, 0, "outcome", ""));
		goto done;
	}
	/* A delivery report before the loop checks: reports are
	 * Auto-Submitted too, and they are what marks an address failing. */
	if (m->bounce) {
		rc = bounce(d, key, m, out);
		goto done;
	}
	const char *loop = loop_reason(c, m);
	if (loop) {
		out->kind = MAIL_IGNORED;
		snprintf(out->reason, sizeof out->reason, "not filed: %s", loop);
		rc = remember(d, key, m->from_addr, "ignored", 0, out->reason);
		goto done;
	}
	if (!m->body[0] && !m->nfiles) {
		snprintf(out->reason, sizeof out->reason, "the message has no text");
		rc = MDG_EINVAL;
		goto done;
	}
	if (utf8_length(m->body, strlen(m->body)) > CASE_BODY_MAX) {
		snprintf(out->reason, sizeof out->reason, "the text is longer than %d characters", CASE_BODY_MAX);
		rc = MDG_EINVAL;
		goto done;
	}
	if (c->rate_per_hour > 0 && db_get_ll(r, 0, "recent", 0) >= c->rate_per_hour) {
		snprintf(out->reason, sizeof out->reason, "more than %d mails from this sender in an hour",
			 c->rate_per_hour);
		rc = MDG_ETHROTTLED;
		goto done;
	}
	bool other = false;
	rc = find_thread(d, c, m, &case_id, out->tracking, &other);
	if (rc == MDG_OK && !case_id && other) {
		snprintf(out->reason, sizeof out->reason,
			 "a reply to a notice is added to its case only from the case's filer; write a new mail to"
			 " file a case");
		rc = MDG_EINVAL;
	} else if (rc == MDG_OK && case_id)
		rc = thread_reply(d, c, key, m, case_id, out);
	else if (rc == MDG_OK)
		rc = file_new(d, c, key, m, out);
	/* The same message filed meanwhile by a parallel delivery. */
	if (rc == MDG_ECONFLICT) {
		out->kind = MAIL_DUPLICATE;
		snprintf(out->reason, sizeof out->reason, "handled by a parallel delivery");
		rc = MDG_OK;
	}
done:
	db_result_free(r);
	return rc;
}
