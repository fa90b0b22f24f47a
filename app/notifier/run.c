/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* run.c: one notifier run: escalation and the deadline scan, then the
 * outbox drained batch by batch over SMTP and Kannel. */
#include "notifier.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "jobs/timed.h"
#include "notify/notice.h"
#include "notify/outbox.h"
#include "org/setting.h"
#include "privacy/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int notifier_configure(notifier *n)
{
	HDF *c = n->cfg;
	const char *tls = config_str(c, "mail.starttls", "try");

	n->mail.host = config_str(c, "mail.host", "localhost");
	n->mail.port = (int)config_long(c, "mail.port", 25, 1, 65535);
	n->mail.user = config_str(c, "mail.user", NULL);
	n->mail.password = config_str(c, "mail.password", NULL);
	n->mail.timeout_s = (int)config_long(c, "mail.timeout", 30, 1, 3600);
	if (strcmp(tls, "no") == 0) {
		n->mail.starttls = MAIL_TLS_NO;
	} else if (strcmp(tls, "try") == 0) {
		n->mail.starttls = MAIL_TLS_TRY;
	} else if (strcmp(tls, "require") == 0) {
		n->mail.starttls = MAIL_TLS_REQUIRE;
	} else {
		log_error("mail.starttls must be no, try or require");
		return MDG_EINVAL;
	}
	n->mail_from = config_str(c, "mail.from", NULL);
	n->mail_from_name = config_str(c, "mail.from_name", NULL);
	if (!n->mail_from || !text_email_valid(n->mail_from)) {
		/* Not fatal: escalation and the scan still run; e-mail rows
		 * fail for now and wait for the operator. */
		log_error("mail.from is %s: e-mail cannot be sent", n->mail_from ? "not a valid address" : "not set");
		n->msgid_domain = "madang.invalid";
	} else {
		n->msgid_domain = strchr(n->mail_from, '@') + 1;
	}

	/* Replies to notices go to the e-mail intake (madang-mailin), which
	 * adds them to their case. */
	n->reply_to = config_str(c, "intake.address", NULL);
	if (n->reply_to && !text_email_valid(n->reply_to)) {
		log_error("intake.address is not a valid address: notices carry no Reply-To");
		n->reply_to = NULL;
	}

	/* Without sms.url SMS rows are not claimed: they wait, as in the
	 * quiet hours, rather than fail. */
	n->sms_on = sms_gateway_from_config(c, &n->sms) == MDG_OK;
	if (!n->sms_on)
		log_warn("sms.url is not set: SMS notices wait in the outbox");
	else if (!n->sms.dlr_url_base && *config_str(c, "sms.dlr_url", ""))
		log_warn("sms.dlr_url is set but sms.dlr_secret is empty: no SMS delivery reports");

	n->site.base_url = config_str(c, "web.base_url", "");
	n->site.key = n->key;
	n->site.keylen = sizeof n->key;
	if (!*n->site.base_url)
		log_warn("web.base_url is not set: notices will carry no links");
	return MDG_OK;
}

/* Whether SMS may go now: the gateway is configured and the database's
 * clock is outside the quiet hours (settings sms.quiet_start/quiet_end). */
static int sms_allowed_now(notifier *n, bool *allowed)
{
	char now[20], start[SETTING_VALUE_MAX + 1], end[SETTING_VALUE_MAX + 1];
	int rc;

	*allowed = false;
	if (!n->sms_on)
		return MDG_OK;
	if ((rc = db_now(n->db, now)) != MDG_OK ||
	    (rc = setting_get(n->db, "sms.quiet_start", "21:00", start, sizeof start)) != MDG_OK ||
	    (rc = setting_get(n->db, "sms.quiet_end", "08:00", end, sizeof end)) != MDG_OK)
		return rc;
	*allowed = outbox_sms_allowed(atoi(now + 11), atoi(now + 14), start, end);
	return MDG_OK;
}

/* Marks a row the server has taken as sent. The database may be away
 * for a moment (restarted, failed over) while the row is still leased to
 * this notifier; a row left unmarked is sent again by whoever claims it
 * after the lease (bench/soak: a MariaDB restart in the middle of a
 * batch sent 96 notices twice). So the mark is tried again each second
 * until n->marks_until, half the lease after the claim: never after
 * another notifier may have taken the row. */
static int mark_sent(notifier *n, long long id)
{
	int rc = outbox_mark_sent(n->db, id, n->owner);
	while (rc == MDG_EDB && !n->marks_lost && time(NULL) < n->marks_until) {
		sleep(1);
		if (db_ping(n->db) == MDG_OK)
			rc = outbox_mark_sent(n->db, id, n->owner);
	}
	if (rc == MDG_EDB && !n->marks_lost) {
		n->marks_lost = true;
		log_error("outbox %lld: sent, but the database stayed away: it may be sent again after its lease", id);
	}
	return rc;
}

/* Records the outcome of one row. MDG_EDB stops the run: every later mark
 * would be lost too, and each message sent meanwhile would go twice. */
static int record(notifier *n, run_stats *st, const outbox_item *it, int result, const char *err)
{
	long long id = it->id;
	bool dead = false;
	int rc;

	if (result == MDG_OK) {
		rc = mark_sent(n, id);
		if (rc == MDG_OK)
			st->sent++;
	} else {
		rc = outbox_mark_failed(n->db, id, n->owner, result, err, &dead);
		if (rc == MDG_OK && dead) {
			st->dead++;
			log_warn("outbox %lld (%s %s): dead after attempt %lld: %s", id, it->channel, it->kind,
				 it->attempts, err);
		} else if (rc == MDG_OK) {
			st->retried++;
			log_info("outbox %lld (%s %s): attempt %lld failed, will retry: %s", id, it->channel,
				 it->kind, it->attempts, err);
		}
	}
	/* A lease lost to another notifier (this one stalled past it) is
	 * logged by outbox_mark_*; that notifier now owns the row. */
	return rc == MDG_ENOTFOUND ? MDG_OK : rc;
}

/* Sends one SMS row. */
static int send_sms(notifier *n, const outbox_item *it, char *err, size_t errlen)
{
	message m;
	int rc = message_render(&n->site, it->kind, it->lang, it->name, it->payload, true, &m, err, errlen);
	if (rc != MDG_OK)
		return MDG_EPERMFAIL;
	if (!n->smsc) {
		n->smsc = sms_client_new(&n->sms, err, errlen);
		if (!n->smsc) {
			/* The operator's configuration: retried, not dead. */
			message_free(&m);
			return MDG_ETEMPFAIL;
		}
	}
	rc = sms_client_send(n->smsc, it->recipient, m.text, it->message_id, it->id, err, errlen);
	message_free(&m);
	/* MDG_EINVAL: a number, key or text Kannel must never see. */
	return rc == MDG_EINVAL ? MDG_EPERMFAIL : rc;
}

/* Builds the e-mail of one row into item->data (owned by the caller).
 * MDG_OK or MDG_EPERMFAIL with the reason in err. */
static int build_mail(notifier *n, const outbox_item *it, mail_batch_item *item, char *err, size_t errlen)
{
	message m;
	buf out = {0};
	char *name = xstrdup(it->name ? it->name : "");
	char *msgid = xasprintf("%s@%s", it->message_id, n->msgid_domain);
	const char *to = it->recipient;
	int rc = MDG_EPERMFAIL;

	if (!text_email_valid(to)) {
		snprintf(err, errlen, "invalid e-mail address");
		goto done;
	}
	/* A line break in a stored name must not end the To: header (nor
	 * split the greeting); the subject's are made spaces by the
	 * renderer. */
	mail_header_flatten(name);
	if (message_render(&n->site, it->kind, it->lang, name, it->payload, false, &m, err, errlen) != MDG_OK)
		goto done;
	mail_message mm = {
		.from_addr = n->mail_from ? n->mail_from : "",
		.from_name = n->mail_from_name,
		.to_addr = to,
		.to_name = name,
		.subject = m.subject,
		.text = m.text,
		.html = m.html,
		.message_id = msgid,
		.list_unsubscribe = m.list_unsubscribe,
		.reply_to = n->reply_to,
	};
	int brc = mail_build(&mm, &out);
	message_free(&m);
	if (brc != MDG_OK) {
		snprintf(err, errlen, "the message cannot be built (%s): a header value or the text is invalid",
			 mdg_rc_name(brc));
		goto done;
	}
	item->rcpt = to;
	item->len = out.len;
	item->data = buf_detach(&out);
	rc = MDG_OK;
done:
	buf_free(&out);
	free(name);
	free(msgid);
	return rc;
}

/* An e-mail the server took, recorded at once (mail_batch_item.on_sent)
 * rather than after the whole session: a notifier killed in the middle of
 * a batch then leaves only the message in flight unmarked, the one that
 * may go twice (under the same Message-ID). */
struct sent_mark {
	notifier *n;
	run_stats *st;
	const outbox_item *it;
	bool recorded;
	int rc;
};

static bool mail_sent_now(mail_batch_item *it, void *arg)
{
	struct sent_mark *m = arg;
	MDG_UNUSED(it);
	m->rc = record(m->n, m->st, m->it, MDG_OK, "");
	m->recorded = true;
	/* Not recorded: end the session, or each message after it would be
	 * sent now and again after the lease. */
	return m->rc != MDG_EDB;
}

/* Delivers one claimed batch: SMS one by one, e-mail in one SMTP session. */
static int deliver(notifier *n, const outbox_batch *b, run_stats *st)
{
	mail_batch_item *items = xcalloc(b->n ? b->n : 1, sizeof *items);
	size_t *rows = xcalloc(b->n ? b->n : 1, sizeof *rows);
	struct sent_mark *marks = xcalloc(b->n ? b->n : 1, sizeof *marks);
	size_t nmail = 0;
	char err[300], sms_down[300] = "";
	time_t started = time(NULL);
	int rc = MDG_OK;

	n->marks_until = started + n->lease / 2;
	n->marks_lost = false;

	for (size_t i = 0; rc == MDG_OK && i < b->n; i++) {
		const outbox_item *it = &b->items[i];
		int result;
		err[0] = '\0';
		if (strcmp(it->channel, "sms") == 0) {
			/* A gateway that hangs must not keep rows past their
			 * lease, when another notifier would send them again:
			 * the rest are left to be claimed when it ends. */
			if (time(NULL) - started > n->lease / 2) {
				log_warn("batch: %zu SMS rows left to the next claim: the gateway is slow", b->n - i);
				break;
			}
			if (sms_down[0]) {
				/* One connection failure is enough to know. */
				snprintf(err, sizeof err, "not tried: %.280s", sms_down);
				result = MDG_ETEMPFAIL;
			} else {
				result = send_sms(n, it, err, sizeof err);
				if (result == MDG_ETEMPFAIL)
					snprintf(sms_down, sizeof sms_down, "%s", err);
			}
		} else {
			result = build_mail(n, it, &items[nmail], err, sizeof err);
			if (result == MDG_OK) {
				rows[nmail++] = i;
				continue;
			}
		}
		rc = record(n, st, it, result, err);
	}
	if (rc == MDG_OK && nmail > 0) {
		for (size_t j = 0; j < nmail; j++) {
			marks[j] = (struct sent_mark){.n = n, .st = st, .it = &b->items[rows[j]]};
			items[j].on_sent = mail_sent_now;
			items[j].on_sent_arg = &marks[j];
		}
		int src = mail_send_batch(&n->mail, n->mail_from ? n->mail_from : "", items, nmail);
		if (src == MDG_ETEMPFAIL)
			log_warn("smtp %s:%d: no session: %s", n->mail.host, n->mail.port, items[0].err);
		else if (src != MDG_OK)
			log_error("smtp: the mail.* configuration is invalid (%s): e-mail waits", mdg_rc_name(src));
		for (size_t j = 0; rc == MDG_OK && j < nmail; j++)
			rc = marks[j].recorded ? marks[j].rc : record(n, st, marks[j].it, items[j].result, items[j].err);
	}
	for (size_t j = 0; j < nmail; j++)
		free((char *)items[j].data);
	free(items);
	free(rows);
	free(marks);
	return rc;
}

static int connect_db(notifier *n)
{
	if (n->db)
		return db_ping(n->db);
	if (db_connect(n->cfg, &n->db) != MDG_OK)
		return MDG_EDB;
	if (n->now) {
		int rc = db_set_clock(n->db, n->now);
		if (rc != MDG_OK) {
			db_close(n->db);
			n->db = NULL;
			return rc;
		}
	}
	return MDG_OK;
}

int notifier_run(notifier *n, run_stats *st)
{
	outbox_batch b = {0};
	bool sms_allowed = false;
	struct timespec t0, t1;
	int rc;

	memset(st, 0, sizeof *st);
	rc = connect_db(n);
	if (rc != MDG_OK)
		goto done;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	{
		timed_counts t;
		unsigned jobs = TIMED_NOTICES;
		if (config_long(n->cfg, "notifier.monthly_reports", 1, 0, 1))
			jobs |= TIMED_MONTHLY;
		rc = timed_run(n->db, jobs, &t);
		st->escalated = t.escalated;
		st->scanned = t.notices + t.reports;
		if (t.expired)
			log_info("proposals expired: %ld", t.expired);
		if (t.reviews)
			log_info("proposals sent to review: %ld", t.reviews);
		if (t.archived)
			log_info("communities archived: %ld", t.archived);
	}
	/* Once a day, the retention job (docs/operations.md, "Retention"),
	 * one notifier at a time; only on the real clock: a run with --now
	 * ahead would end live sessions (madangctl retention --now is the
	 * way to test or catch up). notifier.retention = 0 turns it off. */
	if (rc == MDG_OK && !n->now && config_long(n->cfg, "notifier.retention", 1, 0, 1)) {
		retention_limits lim;
		retention_counts removed;
		char summary[300];
		bool ran = false;
		retention_limits_read(n->cfg, &lim);
		rc = retention_daily(n->db, &lim, &removed, &ran);
		if (ran) {
			retention_summary(&removed, summary, sizeof summary);
			log_info("retention: %s", summary);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	st->scan_ms = (t1.tv_sec - t0.tv_sec) * 1000L + (t1.tv_nsec - t0.tv_nsec) / 1000000L;
	if (rc == MDG_OK)
		rc = sms_allowed_now(n, &sms_allowed);
	if (rc != MDG_OK)
		goto done;
	if (n->sms_on && !sms_allowed)
		log_info("quiet hours: SMS wait, e-mail goes");
	while (!*n->stop) {
		rc = outbox_claim(n->db, n->owner, n->lease, sms_allowed, n->batch, &b);
		if (rc != MDG_OK || b.n == 0)
			break;
		st->claimed += (long)b.n;
		long sent = st->sent, retried = st->retried, dead = st->dead;
		rc = deliver(n, &b, st);
		log_info("batch: claimed=%zu sent=%ld retried=%ld dead=%ld", b.n, st->sent - sent,
			 st->retried - retried, st->dead - dead);
		outbox_batch_free(&b);
		if (rc != MDG_OK)
			break;
	}
done:
	outbox_batch_free(&b);
	return rc;
}
