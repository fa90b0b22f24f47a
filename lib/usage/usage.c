/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* usage.c: page views, distinct visitors and search words, counted in
 * the worker's memory and written every few seconds (so that a request
 * costs no write of its own), and the figures the usage pages read. */
#include "usage/usage.h"
#include "core/buf.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const usage_sections[] = {"home",  "cases", "proposals", "debates", "map", "stats",
				      "account", "staff", "admin",     "api",     "other"};
const size_t usage_nsections = MDG_ARRAY_LEN(usage_sections);

/* The first path segments of each section (the rest: "other"). */
static const struct {
	const char *segment, *section;
} section_of[] = {
	{"cases", "cases"},	   {"examples", "cases"},    {"attachments", "cases"}, {"proposals", "proposals"},
	{"debates", "debates"},	   {"posts", "debates"},     {"map", "map"},	       {"stats", "stats"},
	{"usage", "stats"},	   {"mileage", "stats"},     {"account", "account"},   {"my", "account"},
	{"login", "account"},	   {"logout", "account"},    {"register", "account"},  {"recover", "account"},
	{"reset", "account"},	   {"forgot-id", "account"}, {"verify", "account"},    {"identity", "account"},
	{"unsubscribe", "account"}, {"rate", "account"},      {"staff", "staff"},       {"admin", "admin"},
	{"open311", "api"},
};

const char *usage_section(const char *path)
{
	if (!path || path[0] != '/')
		return "other";
	if (path[1] == '\0')
		return "home";
	const char *seg = path + 1;
	size_t len = strcspn(seg, "/");
	for (size_t i = 0; i < MDG_ARRAY_LEN(section_of); i++)
		if (strlen(section_of[i].segment) == len && strncmp(seg, section_of[i].segment, len) == 0)
			return section_of[i].section;
	return "other";
}

/* ---- search words */

/* Code points that end a word: spaces and punctuation, but not the
 * characters of addresses (@ . / : # % & ? = - _), which stay in the word
 * so that the word can be recognised and dropped whole. */
static bool word_break(uint32_t c)
{
	if (c <= ' ' || c == 0x7f || c == 0xa0 || c == 0x3000 || c == 0x3001 || c == 0x3002 || c == 0xff0c)
		return true;
	if (c < 0x80 && !(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z'))
		return !strchr("@./:#%&?=-_", (int)c);
	return false;
}

static bool is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19); /* also full-width ０-９ */
}

/* Whether word (len bytes) may be counted; trims the address characters
 * at its ends (a word at the end of a sentence, "도로."), lower-cases it
 * and copies it to out. */
static bool word_keep(const char *word, size_t len, char out[USAGE_WORD_BYTES])
{
	static const char *const address_like[] = {"@", "://", "www."};
	static const char trim[] = "./:#%&?=-_";
	char tmp[512];
	if (len >= sizeof tmp)
		return false;
	memcpy(tmp, word, len);
	tmp[len] = '\0';
	for (size_t i = 0; i < MDG_ARRAY_LEN(address_like); i++)
		if (strstr(tmp, address_like[i]))
			return false;
	size_t start = 0, end = len;
	while (start < end && strchr(trim, tmp[start]))
		start++;
	while (end > start && strchr(trim, tmp[end - 1]))
		end--;
	tmp[end] = '\0';
	const char *w = tmp + start;
	size_t n = end - start;
	/* A dot, slash or the like inside: a domain, a path, a URL. */
	if (n == 0 || strpbrk(w, "./:#%&?="))
		return false;
	size_t chars = 0;
	for (size_t i = 0; i < n; chars++)
		if (is_digit(utf8_next(w, &i)))
			return false;
	if (chars > USAGE_WORD_CHARS || (chars == 1 && (unsigned char)w[0] < 0x80))
		return false;
	for (size_t i = 0; i <= n; i++)
		out[i] = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] - 'A' + 'a') : w[i];
	return true;
}

size_t usage_words(const char *q, char (*words)[USAGE_WORD_BYTES], size_t max)
{
	size_t count = 0, len = q ? strlen(q) : 0;
	if (!q || !utf8_valid_text(q, len))
		return 0;
	for (size_t i = 0; i < len && count < max;) {
		size_t j = i;
		if (word_break(utf8_next(q, &j))) {
			i = j;
			continue;
		}
		size_t start = i;
		for (; i < len; i = j) {
			j = i;
			if (word_break(utf8_next(q, &j)))
				break;
		}
		char w[USAGE_WORD_BYTES];
		if (!word_keep(q + start, i - start, w))
			continue;
		bool seen = false;
		for (size_t k = 0; k < count && !seen; k++)
			seen = strcmp(words[k], w) == 0;
		if (!seen)
			memcpy(words[count++], w, strlen(w) + 1);
	}
	return count;
}

void usage_visitor_hash(const unsigned char salt[32], const char *addr, const char *agent,
			unsigned char out[USAGE_HASH_BYTES])
{
	uint8_t digest[CRYPTO_HASH_BYTES];
	buf in = {0};
	buf_append(&in, salt, 32);
	/* The NUL between them: ("1.2.3.4", "5x") differs from ("1.2.3.45", "x"). */
	buf_append(&in, addr ? addr : "", strlen(addr ? addr : "") + 1);
	buf_puts(&in, agent ? agent : "");
	crypto_sha256(in.data, in.len, digest);
	memcpy(out, digest, USAGE_HASH_BYTES);
	buf_free(&in);
}

/* ---- the worker's counts */

enum {
	PENDING = 256,	       /* views and words: when one is full, all are written */
	PENDING_HASHES = 1024, /* visitors: each new one a row, so more of them */
	SALT_RECHECK = 60,     /* seconds an idle worker trusts its salt's day */
	HASH_ROWS = 32,	       /* hashes per INSERT: 64 parameters, lib/db's most */
	HASH_ROWS_FEW = 8,     /* then 8 per INSERT, then one */
};

typedef struct view_count {
	char day[11];
	const char *section; /* one of usage_sections */
	unsigned views;
} view_count;

typedef struct visitor_hash {
	char day[11];
	unsigned char hash[USAGE_HASH_BYTES];
} visitor_hash;

typedef struct word_count {
	char day[11];
	usage_area area;
	char word[USAGE_WORD_BYTES];
	unsigned searches, zero;
} word_count;

/* This worker process's counts since its last write, and the day's salt
 * (read from usage_salt: every worker hashes with the same one). */
static struct {
	char day[11];
	unsigned char salt[32];
	time_t salt_read; /* 0: no salt yet */
	time_t written;
	view_count views[PENDING];
	size_t nviews;
	visitor_hash hashes[PENDING_HASHES];
	size_t nhashes;
	word_count words[PENDING];
	size_t nwords;
} tally;

/* The past days' hashes become their number (usage_visitors) and are
 * deleted. In a transaction holding the salt's row (one at a time). */
static int visitors_roll_up(db *d)
{
	int rc = db_exec(d,
			 "INSERT INTO usage_visitors (day, visitors)"
			 " SELECT day, COUNT(*) FROM usage_visitor_hashes WHERE day < CURDATE() GROUP BY day"
			 " ON DUPLICATE KEY UPDATE visitors = usage_visitors.visitors + VALUES(visitors)",
			 DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_exec(d, "DELETE FROM usage_visitor_hashes WHERE day < CURDATE()", DB_NO_ARGS);
	return rc;
}

/* The salt's row (day, salt in hex, today), under its lock when locked:
 * every worker reads it without, and only a new day's first count locks
 * it, to replace it once. */
static int salt_row(db *d, bool locked, db_result **r)
{
	int rc = locked ? db_query(d, r,
				   "SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day, HEX(salt) AS salt,"
				   " DATE_FORMAT(CURDATE(), '%Y-%m-%d') AS today FROM usage_salt WHERE id = 1"
				   " FOR UPDATE",
				   DB_NO_ARGS)
			: db_query(d, r,
				   "SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day, HEX(salt) AS salt,"
				   " DATE_FORMAT(CURDATE(), '%Y-%m-%d') AS today FROM usage_salt WHERE id = 1",
				   DB_NO_ARGS);
	if (rc == MDG_OK && (*r)->nrows != 1)
		rc = MDG_ERR; /* 0044 made the row */
	return rc;
}

/* Reads the day's salt into tally; on a new day replaces it with a fresh
 * one and rolls the past days up. Inside the caller's transaction. */
static int salt_read(db *d)
{
	db_result *r = NULL;
	int rc = salt_row(d, false, &r);
	if (rc == MDG_OK && strcmp(db_get(r, 0, "day", ""), db_get(r, 0, "today", "")) != 0) {
		/* Another worker may be replacing it: again, under the lock. */
		db_result_free(r);
		r = NULL;
		rc = salt_row(d, true, &r);
	}
	if (rc != MDG_OK)
		goto done;
	const char *today = db_get(r, 0, "today", "");
	if (strcmp(db_get(r, 0, "day", ""), today) == 0) {
		rc = crypto_from_hex(db_get(r, 0, "salt", ""), tally.salt, sizeof tally.salt);
	} else {
		/* The first count of a new day: yesterday's salt is gone. */
		crypto_random(tally.salt, sizeof tally.salt);
		rc = db_exec(d, "UPDATE usage_salt SET day = CURDATE(), salt = ? WHERE id = 1",
			     DB_ARGS(DB_BLOB(tally.salt, sizeof tally.salt)));
		if (rc == MDG_OK)
			rc = visitors_roll_up(d);
	}
	if (rc == MDG_OK) {
		snprintf(tally.day, sizeof tally.day, "%s", today);
		tally.salt_read = time(NULL);
	}
done:
	db_result_free(r);
	return rc;
}

static int salt_tx(db *d, void *arg)
{
	(void)arg;
	return salt_read(d);
}

/* salt_read in its own transaction (db_transaction: a rerun reads the
 * row again and takes the salt it holds then, or makes another). */
static int salt_refresh(db *d)
{
	int rc = db_transaction(d, salt_tx, NULL);
	if (rc != MDG_OK)
		tally.salt_read = 0;
	return rc;
}

/* The salt and its day, read when this worker has none or has been idle
 * for SALT_RECHECK seconds (a busy worker rereads it at each write). */
static int salt_fresh(db *d)
{
	if (tally.salt_read && time(NULL) - tally.salt_read < SALT_RECHECK)
		return MDG_OK;
	return d ? salt_refresh(d) : MDG_EDB;
}

int usage_count_view(db *d, const char *section, const char *addr, const char *agent)
{
	int rc = salt_fresh(d);
	if (rc != MDG_OK)
		return rc;
	size_t i;
	for (i = 0; i < tally.nviews; i++)
		if (tally.views[i].section == section && strcmp(tally.views[i].day, tally.day) == 0)
			break;
	if (i == tally.nviews && i < PENDING) {
		memcpy(tally.views[i].day, tally.day, sizeof tally.day);
		tally.views[i].section = section;
		tally.views[i].views = 0;
		tally.nviews++;
	}
	if (i < PENDING)
		tally.views[i].views++;
	visitor_hash h;
	memcpy(h.day, tally.day, sizeof h.day);
	usage_visitor_hash(tally.salt, addr, agent, h.hash);
	for (i = 0; i < tally.nhashes; i++)
		if (memcmp(&tally.hashes[i], &h, sizeof h) == 0)
			return MDG_OK;
	if (tally.nhashes < PENDING_HASHES)
		tally.hashes[tally.nhashes++] = h;
	return MDG_OK;
}

int usage_count_search(db *d, usage_area area, const char *q, bool found)
{
	char words[USAGE_WORDS_PER_SEARCH][USAGE_WORD_BYTES];
	size_t n = usage_words(q, words, USAGE_WORDS_PER_SEARCH);
	int rc = n ? salt_fresh(d) : MDG_OK;
	if (rc != MDG_OK)
		return rc;
	for (size_t k = 0; k < n; k++) {
		size_t i;
		for (i = 0; i < tally.nwords; i++)
			if (tally.words[i].area == area && strcmp(tally.words[i].word, words[k]) == 0 &&
			    strcmp(tally.words[i].day, tally.day) == 0)
				break;
		if (i == PENDING)
			break;
		if (i == tally.nwords) {
			memset(&tally.words[i], 0, sizeof tally.words[i]);
			memcpy(tally.words[i].day, tally.day, sizeof tally.day);
			tally.words[i].area = area;
			memcpy(tally.words[i].word, words[k], sizeof words[k]);
			tally.nwords++;
		}
		tally.words[i].searches++;
		if (!found)
			tally.words[i].zero++;
	}
	return MDG_OK;
}

/* The INSERT of n (HASH_ROWS, HASH_ROWS_FEW or 1) visitor hashes. lib/db
 * keeps prepared statements by the address of their text: each of the
 * three is made once and kept. */
static const char *hashes_insert(size_t n)
{
	static char sql[3][64 + 8 * HASH_ROWS];
	char *s = sql[n == HASH_ROWS ? 0 : n == HASH_ROWS_FEW ? 1 : 2];
	if (!s[0]) {
		size_t len = (size_t)snprintf(s, sizeof sql[0], "INSERT IGNORE INTO usage_visitor_hashes (day, hash) VALUES (?, ?)");
		for (size_t i = 1; i < n; i++)
			len += (size_t)snprintf(s + len, sizeof sql[0] - len, ", (?, ?)");
	}
	return s;
}

static int write_counts(db *d)
{
	int rc = salt_read(d);
	bool stale = false;
	for (size_t i = 0; rc == MDG_OK && i < tally.nviews; i++)
		rc = db_exec(d,
			     "INSERT INTO usage_views (day, section, views) VALUES (?, ?, ?)"
			     " ON DUPLICATE KEY UPDATE views = views + VALUES(views)",
			     DB_ARGS(DB_STR(tally.views[i].day), DB_STR(tally.views[i].section),
				     DB_INT(tally.views[i].views)));
	/* The hashes are the most: up to HASH_ROWS of them per statement. */
	for (size_t first = 0; rc == MDG_OK && first < tally.nhashes;) {
		size_t left = tally.nhashes - first;
		size_t n = left >= HASH_ROWS ? HASH_ROWS : left >= HASH_ROWS_FEW ? HASH_ROWS_FEW : 1;
		db_arg args[2 * HASH_ROWS];
		for (size_t i = 0; i < n; i++) {
			const visitor_hash *h = &tally.hashes[first + i];
			args[2 * i] = DB_STR(h->day);
			args[2 * i + 1] = DB_BLOB(h->hash, USAGE_HASH_BYTES);
			stale = stale || strcmp(h->day, tally.day) != 0;
		}
		rc = db_exec(d, hashes_insert(n), args, 2 * n);
		first += n;
	}
	/* Hashed with a salt another worker has replaced since: counted
	 * with their day and deleted like the rest of it. */
	if (rc == MDG_OK && stale) {
		db_result *r = NULL;
		rc = salt_row(d, true, &r); /* one roll-up at a time */
		db_result_free(r);
		if (rc == MDG_OK)
			rc = visitors_roll_up(d);
	}
	for (size_t i = 0; rc == MDG_OK && i < tally.nwords; i++)
		rc = db_exec(d,
			     "INSERT INTO usage_search_words (day, area, word, searches, zero) VALUES (?, ?, ?, ?, ?)"
			     " ON DUPLICATE KEY UPDATE searches = searches + VALUES(searches), zero = zero + VALUES(zero)",
			     DB_ARGS(DB_STR(tally.words[i].day),
				     DB_STR(tally.words[i].area == USAGE_INBOX ? "inbox" : "public"),
				     DB_STR(tally.words[i].word), DB_INT(tally.words[i].searches),
				     DB_INT(tally.words[i].zero)));
	return rc;
}

static int flush_tx(db *d, void *arg)
{
	(void)arg;
	return write_counts(d);
}

int usage_flush(db *d, long max_age)
{
	time_t now = time(NULL);
	if (!tally.written)
		tally.written = now; /* a new worker: its first counts wait too */
	bool some = tally.nviews || tally.nhashes || tally.nwords;
	bool full = tally.nviews == PENDING || tally.nhashes == PENDING_HASHES || tally.nwords == PENDING;
	if (!some || (!full && now - tally.written < max_age))
		return MDG_OK;
	/* In db_transaction: two workers flushing at once can deadlock on the
	 * same counter rows (seen in CI), and the loser is run again rather
	 * than its counts lost; write_counts starts from the tally each time. */
	int rc = d ? db_transaction(d, flush_tx, NULL) : MDG_EDB;
	if (rc != MDG_OK) {
		log_warn("usage counts of %zu views, %zu visitors and %zu words lost: %s", tally.nviews, tally.nhashes,
			 tally.nwords, d ? db_error(d) : "no database");
		tally.salt_read = 0;
	}
	tally.nviews = tally.nhashes = tally.nwords = 0;
	tally.written = now;
	return rc;
}

/* ---- the figures */

int usage_days(db *d, const char *from, const char *to, db_result **out)
{
	/* Each figure by day from its own table, added up per day. Sign-ups
	 * and filings are read by index ranges (ix_accounts_created,
	 * ix_cases_created). */
	return db_query(d, out,
			"SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day, SUM(views) AS views, SUM(visitors) AS visitors,"
			" SUM(signups) AS signups, SUM(filings) AS filings FROM ("
			" SELECT day, views, 0 AS visitors, 0 AS signups, 0 AS filings FROM usage_views"
			"  WHERE day BETWEEN ? AND ?"
			" UNION ALL SELECT day, 0, visitors, 0, 0 FROM usage_visitors WHERE day BETWEEN ? AND ?"
			" UNION ALL SELECT day, 0, COUNT(*), 0, 0 FROM usage_visitor_hashes WHERE day BETWEEN ? AND ?"
			"  GROUP BY day"
			" UNION ALL SELECT DATE(created_at), 0, 0, COUNT(*), 0 FROM accounts"
			"  WHERE kind = 'citizen' AND created_at >= ? AND created_at < ? + INTERVAL 1 DAY"
			"  GROUP BY DATE(created_at)"
			" UNION ALL SELECT DATE(created_at), 0, 0, 0, COUNT(*) FROM cases"
			"  WHERE created_at >= ? AND created_at < ? + INTERVAL 1 DAY GROUP BY DATE(created_at)"
			") AS u GROUP BY day ORDER BY day",
			DB_ARGS(DB_STR(from), DB_STR(to), DB_STR(from), DB_STR(to), DB_STR(from), DB_STR(to),
				DB_STR(from), DB_STR(to), DB_STR(from), DB_STR(to)));
}

int usage_section_views(db *d, const char *from, const char *to, db_result **out)
{
	return db_query(d, out,
			"SELECT section AS section, SUM(views) AS views FROM usage_views WHERE day BETWEEN ? AND ?"
			" GROUP BY section ORDER BY views DESC, section",
			DB_ARGS(DB_STR(from), DB_STR(to)));
}

int usage_filings(db *d, const char *from, const char *to, db_result **out)
{
	return db_query(d, out,
			"SELECT DATE_FORMAT(DATE(created_at), '%Y-%m-%d') AS day, channel AS channel,"
			" COUNT(*) AS filings FROM cases FORCE INDEX (ix_cases_report_filed)"
			" WHERE created_at >= ? AND created_at < ? + INTERVAL 1 DAY"
			" GROUP BY DATE(created_at), channel ORDER BY day, channel",
			DB_ARGS(DB_STR(from), DB_STR(to)));
}

int usage_top_words(db *d, const char *from, const char *to, const char *area, usage_searches kind,
		    db_result **out)
{
	return db_query(d, out,
			"SELECT word AS word, SUM(CASE ? WHEN 1 THEN zero WHEN 2 THEN searches - zero ELSE searches END)"
			" AS searches FROM usage_search_words"
			" WHERE day BETWEEN ? AND ? AND area = ? GROUP BY word HAVING searches > 0"
			" ORDER BY searches DESC, word LIMIT 20",
			DB_ARGS(DB_INT(kind), DB_STR(from), DB_STR(to), DB_STR(area)));
}
