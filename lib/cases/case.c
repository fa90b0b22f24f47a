/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* case.c: complaints (민원): filing, reading, listing, attachments. */
#include "cases/case.h"
#include "db/page.h"
#include "db/sql.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "core/buf.h"
#include "cases/routing.h"
#include "cases/public_view.h"
#include "cases/workflow.h"
#include "geo/geo.h"
#include "notify/notice.h"
#include "org/org.h"
#include "participation/penalty.h"
#include "cases/public_view.h"
#include "reports/counters.h"
#include "similar/repeat.h"

#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

bool case_status_valid(const char *status)
{
	/* The life cycle's own list of statuses: one place to add one. */
	case_status s;
	return case_status_parse(status, &s) == MDG_OK;
}

/* Types people attach to complaints: photos, scans, documents. */
static const char *const allowed_types[] = {
	"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "text/plain",
};

/* True when the whole file is valid UTF-8 text (read in chunks that end
 * on a character boundary). */
static bool file_is_utf8_text(const char *path)
{
	char chunk[16384 + 4];
	size_t carry = 0;
	bool ok = true;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	for (;;) {
		ssize_t n = read(fd, chunk + carry, sizeof chunk - 4 - carry);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ok = false;
			break;
		}
		size_t len = carry + (size_t)n;
		if (n == 0) {
			ok = utf8_valid_text(chunk, len);
			break;
		}
		/* Hold back an incomplete sequence at the end for the next read. */
		size_t cut = len, back = 0;
		while (back < 3 && cut > 0 && ((unsigned char)chunk[cut - 1] & 0xC0) == 0x80) {
			cut--;
			back++;
		}
		if (cut > 0 && ((unsigned char)chunk[cut - 1] & 0xC0) == 0xC0)
			cut--;
		else
			cut = len;
		if (!utf8_valid_text(chunk, cut)) {
			ok = false;
			break;
		}
		carry = len - cut;
		memmove(chunk, chunk + cut, carry);
	}
	close(fd);
	return ok;
}

const char *case_sniff_type(const char *path)
{
	static magic_t cookie;
	if (!cookie) {
		cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR);
		if (!cookie || magic_load(cookie, NULL) != 0) {
			log_error("libmagic: cannot load its database");
			if (cookie)
				magic_close(cookie);
			cookie = NULL;
			return NULL;
		}
	}
	const char *type = magic_file(cookie, path);
	if (!type)
		return NULL;
	/* libmagic calls any 8-bit data without a signature text/plain: a text
	 * attachment must really be UTF-8 text. */
	if (strcmp(type, "text/plain") == 0 && !file_is_utf8_text(path))
		return NULL;
	for (size_t i = 0; i < MDG_ARRAY_LEN(allowed_types); i++)
		if (strcmp(type, allowed_types[i]) == 0)
			return allowed_types[i];
	return NULL;
}

/* MDG_ENOSPACE when errno says the disk or the quota is full (a person
 * can be told to try later: bench/soak's full attachment folder), else
 * MDG_ERR. */
static int store_error(int err)
{
	return err == ENOSPC || err == EDQUOT ? MDG_ENOSPACE : MDG_ERR;
}

/* Copies src to a new file dst (used when rename crosses file systems):
 * MDG_OK, MDG_ENOSPACE (no room) or MDG_ERR, with nothing left at dst. */
static int copy_file(const char *src, const char *dst)
{
	char chunk[16384];
	int in = -1, out = -1, rc = MDG_ERR, err = 0;
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		goto done;
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0)
		goto done;
	for (;;) {
		ssize_t n = read(in, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto done;
		if (n == 0)
			break;
		/* A short write leaves the reason to the next one's errno. */
		for (ssize_t off = 0, w; off < n; off += w) {
			w = write(out, chunk + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w < 0)
				goto done;
		}
	}
	rc = MDG_OK;
done:
	if (rc != MDG_OK)
		err = errno;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0 && rc == MDG_OK) {
		rc = MDG_ERR;
		err = errno;
	}
	if (rc != MDG_OK && out >= 0)
		unlink(dst);
	if (rc != MDG_OK)
		rc = store_error(err);
	errno = err;
	return rc;
}

/* Where a stored attachment lives: uploads_dir/ab/abcdef… */
char *case_stored_path(const char *uploads_dir, const char *stored_name)
{
	return xasprintf("%s/%.2s/%s", uploads_dir, stored_name, stored_name);
}

static int store_upload(const char *uploads_dir, const upload *up, char stored_name[33], char **path)
{
	char dir[4096];
	crypto_random_hex(stored_name, 16);
	snprintf(dir, sizeof dir, "%s/%.2s", uploads_dir, stored_name);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_error("cannot create %s: %s", dir, strerror(errno));
		return store_error(errno);
	}
	*path = case_stored_path(uploads_dir, stored_name);
	if (rename(up->path, *path) == 0)
		return MDG_OK;
	int rc = errno == EXDEV ? copy_file(up->path, *path) : store_error(errno);
	if (rc == MDG_OK)
		return MDG_OK;
	log_error("cannot store attachment: %s", strerror(errno));
	free(*path);
	*path = NULL;
	return rc;
}

int case_store_uploads(const char *uploads_dir, const case_upload *files, int nfiles, char stored[][33],
			 char **moved)
{
	int rc = MDG_OK;
	if (nfiles > CASE_FILES_MAX)
		return MDG_ETOOBIG;
	for (int i = 0; i < nfiles && rc == MDG_OK; i++)
		rc = store_upload(uploads_dir, files[i].up, stored[i], &moved[i]);
	return rc;
}

void case_release_uploads(char **moved, int nfiles, bool remove)
{
	for (int i = 0; i < nfiles; i++) {
		if (remove && moved[i])
			unlink(moved[i]);
		free(moved[i]);
	}
}

/* The next tracking number of the year for a filing in category_id
 * (MDG_EINVAL, and no number used, if it is not an active category).
 * Called outside the filing's transaction: the counter's UPDATE commits
 * at once, so the year's row is locked for one statement, not for the
 * whole filing (every filing takes it: held to the filing's commit, it
 * made filings wait in line). A filing that fails afterwards leaves its
 * number unused (docs/decisions.md, "Tracking numbers"). LAST_INSERT_ID
 * (expr) hands this connection the value it wrote, whatever others do;
 * the year comes with the category check, so that the counter and the
 * number agree even across midnight on 31 December. */
static int next_tracking(db *d, long long category_id, char *tracking)
{
	db_result *cat = NULL;
	int rc = db_query(d, &cat, "SELECT COUNT(*) AS n, YEAR(NOW()) AS year FROM categories WHERE id = ?"
				   " AND active = 1",
			  DB_ARGS(DB_INT(category_id)));
	if (rc == MDG_OK && db_get_ll(cat, 0, "n", 0) == 0)
		rc = MDG_EINVAL;
	int year = rc == MDG_OK ? (int)db_get_ll(cat, 0, "year", 0) : 0;
	if (rc == MDG_OK)
		rc = db_exec(d, "INSERT INTO tracking_counters (year, last_seq) VALUES (?, LAST_INSERT_ID(1))"
				" ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + 1)",
			     DB_ARGS(DB_INT((long long)year)));
	if (rc == MDG_OK)
		tracking_format(year, (unsigned)db_insert_id(d), tracking, TRACKING_LEN + 1);
	db_result_free(cat);
	return rc;
}

int case_attachment_rows(db *d, long long case_id, const case_upload *files, char stored[][33], int nfiles)
{
	int rc = MDG_OK;
	for (int i = 0; i < nfiles && rc == MDG_OK; i++)
		rc = db_exec(d, "INSERT INTO attachments (case_id, stored_name, original_name, mime_type,"
				" size_bytes, created_at) VALUES (?, ?, ?, ?, ?, NOW())",
			     DB_ARGS(DB_INT(case_id), DB_STR(stored[i]),
				     DB_STR(files[i].up->filename[0] ? files[i].up->filename : "file"),
				     DB_STR(files[i].mime_type), DB_INT((long long)files[i].up->size)));
	return rc;
}

/* A filing with its number: file_tx's arguments. taken becomes true
 * when tracking turns out to be taken already (a counter behind the
 * cases: the attempt after takes a new number). */
struct filing {
	const case_new *c;
	const case_upload *files;
	char (*stored)[33];
	int nfiles;
	const char *tracking;
	long long case_id;
	bool taken;
};

/* The filing transaction (db_transaction, so a deadlock victim runs it
 * again with the same number); the files are already in place under
 * stored[]. */
static int file_tx(db *d, void *arg)
{
	struct filing *f = arg;
	const case_new *c = f->c;
	const char *tracking = f->tracking;
	long long case_id = 0;
	bool restricted = false;
	routing_plan plan = {0};
	int rc = MDG_OK;
	f->case_id = 0;
	f->taken = false;
	/* A person restricted from public posting still files: privately. */
	if (c->is_public && (rc = penalty_restricts_posting(d, c->account_id, &restricted, NULL)) != MDG_OK)
		goto done;
	/* Routing happens in the same transaction as filing: a case is never
	 * stored without its department, handlers and deadline. What it
	 * decides goes into the case's row as it is written: the row (a
	 * score of indexes) is written once. */
	rc = routing_plan_make(d, c->category_id, c->deadline_workdays, &plan);
	if (rc != MDG_OK)
		goto done;
	rc = db_exec(d, "INSERT INTO cases (tracking_no, kind, channel, category_id, account_id, filed_by,"
			" title, body, is_public, latitude, longitude, address, created_at, updated_at,"
			" department_id, due_at, needs_approval, escalate_hours, reminder_hours, reopen_days,"
			" max_extensions, last_action_at, unplaced, status)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(), NOW(), ?, ?, ?, ?, ?, ?, ?, NOW(), ?,"
			" IF(?, 'assigned', 'received'))",
		     DB_ARGS(DB_STR(tracking), DB_STR(c->kind ? c->kind : "complaint"), DB_STR(c->channel),
			     DB_INT(c->category_id), DB_INT(c->account_id),
			     DB_ID(c->filed_by), DB_STR(c->title), DB_STR(c->body),
			     DB_INT((long long)(c->is_public && !restricted)), DB_STR(c->latitude), DB_STR(c->longitude),
			     DB_STR(c->address), DB_ID(plan.lead), DB_STR(plan.due), DB_INT(plan.needs_approval),
			     DB_INT(plan.escalate_hours), DB_INT(plan.reminder_hours), DB_INT(plan.reopen_days),
			     DB_INT(plan.max_extensions), DB_INT((long long)(plan.lead == 0)),
			     DB_INT((long long)(plan.picks.n > 0))));
	if (rc == MDG_ECONFLICT)
		f->taken = true;
	if (rc != MDG_OK)
		goto done;
	case_id = (long long)db_insert_id(d);
	rc = db_exec(d, "INSERT INTO case_events (case_id, kind, actor_id, is_public, created_at)"
			" VALUES (?, 'filed', ?, 1, NOW())",
		     DB_ARGS(DB_INT(case_id), DB_INT(c->filed_by ? c->filed_by : c->account_id)));
	if (rc == MDG_OK)
		rc = case_attachment_rows(d, case_id, f->files, f->stored, f->nfiles);
	if (rc == MDG_OK)
		rc = routing_plan_apply(d, case_id, &plan);
	if (rc == MDG_OK)
		rc = notice_citizen(d, case_id, NOTICE_RECEIPT, NULL);
	if (rc == MDG_OK && c->in_tx)
		rc = c->in_tx(d, case_id, tracking, c->in_tx_arg);
	if (rc == MDG_OK)
		rc = counters_case_changed(d, case_id);
	if (rc == MDG_OK)
		rc = case_public_refresh(d, case_id);
	/* The search index (Mroonga) is not transactional: REPLACE keeps it
	 * right even if an earlier attempt with the same id rolled back. Its
	 * copy of the text is taken from the case row just written, so the
	 * text crosses the wire once. (It is still stored twice: Mroonga
	 * needs its own copy to index Korean by bigrams, and the case's text
	 * stays in InnoDB, transactional, where every page reads it.) */
	if (rc == MDG_OK)
		rc = db_exec(d, "REPLACE INTO case_search (case_id, created_at, title, body)"
				" SELECT id, created_at, title, body FROM cases WHERE id = ?",
			     DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK)
		f->case_id = case_id;
done:
	routing_plan_free(&plan);
	return rc;
}

int case_file(db *d, const case_new *c, const case_upload *files, int nfiles,
	      const char *uploads_dir, char *tracking)
{
	char *moved[CASE_FILES_MAX] = {0};
	char stored[CASE_FILES_MAX][33];
	int rc = case_store_uploads(uploads_dir, files, nfiles, stored, moved);
	/* Concurrent filings of a round-robin category wait for each other
	 * on its row; a deadlock victim tries again, with the same number
	 * (db_transaction). A number found taken already is replaced.
	 * READ COMMITTED: the reports counters' INSERT ... SELECT statements
	 * then read the new case's rows without next-key locks, which under
	 * REPEATABLE READ reached into the gaps where concurrent filings
	 * insert theirs (case_departments, counted_facts), and filings
	 * deadlocked by the thousand (bench/soak). Every row a filing reads
	 * it wrote itself, or locks by key. */
	bool numbered = false; /* tracking holds a number taken and not used */
	struct filing f = {.c = c, .files = files, .stored = stored, .nfiles = nfiles, .tracking = tracking};
	if (rc == MDG_OK)
		rc = MDG_ECONFLICT;
	for (int attempt = 0; rc == MDG_ECONFLICT && attempt < 5; attempt++) {
		rc = next_tracking(d, c->category_id, tracking);
		numbered = rc == MDG_OK;
		if (rc == MDG_OK)
			rc = db_transaction_read_committed(d, file_tx, &f);
		if (rc == MDG_ECONFLICT && !f.taken)
			break; /* the last of db_transaction's attempts lost its conflict too */
		if (rc == MDG_ECONFLICT)
			numbered = false;
	}
	if (rc == MDG_OK)
		case_public_changed(d, f.case_id);
	/* The commit's hook refused it: the same POST filed meanwhile (its
	 * idempotency key is taken, lib/db/idem.c), whose case is the answer
	 * (the caller replays it): the race's expected end, not an error. */
	if (rc == MDG_ECONFLICT && numbered && db_hook_refused(d))
		log_info("filing %s rolled back: the same form was filed meanwhile (its idempotency key is taken);"
			 " the tracking number stays unused", tracking);
	else if (rc != MDG_OK && numbered)
		log_error("filing %s failed: the tracking number stays unused", tracking);
	/* A new public case is on the lists at once (public_view.h). */
	if (rc == MDG_OK)
		case_public_changed_tracking(tracking);
	/* After the commit: a repeat check never stops a filing. */
	if (rc == MDG_OK && repeat_on_filing(d, tracking) != MDG_OK)
		log_error("repeat check of %s failed", tracking);
	case_release_uploads(moved, nfiles, rc != MDG_OK);
	return rc;
}

/* Replaces the text in column name of every row with change(text, arg),
 * a new string. */
static void change_column(db_result *r, const char *name, char *(*change)(const char *, int), int arg)
{
	int found = db_col(r, name);
	if (found < 0)
		abort(); /* a name the query lacks: a bug, as in db_get */
	unsigned col = (unsigned)found;
	for (unsigned row = 0; row < r->nrows; row++) {
		char **cell = &r->cells[(size_t)row * r->ncols + col];
		if (!*cell)
			continue;
		char *changed = change(*cell, arg);
		free(*cell);
		*cell = changed;
		r->lens[(size_t)row * r->ncols + col] = strlen(changed);
	}
}

static char *blanked(const char *text, int unused)
{
	(void)text;
	(void)unused;
	return xstrdup("");
}

static char *masked_name(const char *name, int unused)
{
	(void)unused;
	return text_mask_name(name);
}

void case_mask_filers(db_result *r)
{
	change_column(r, "filer", masked_name, 0);
}

/* Where a citizen lives is not for everyone to read exactly. */
static char *rounded_degrees(const char *degrees, int decimals)
{
	char out[GEO_DEGREE_TEXT];
	geo_round(degrees, decimals, out, sizeof out);
	return xstrdup(out);
}

/* Only the street of an address, or none (map.public_address). */
static char *masked_address(const char *address, int mode)
{
	char out[CASE_ADDRESS_MAX * 4 + 8];
	geo_mask_address(address, (geo_address_mode)mode, out, sizeof out);
	return xstrdup(out);
}

/* True when v sees case_id whole, private or not, with the filer's name:
 * its owner (signed in, or a guest owner's tracking link for this very
 * case), or staff whose scope covers a department of the case. */
static int viewer_privileged(db *d, const viewer *v, long long case_id, long long owner, bool *privileged)
{
	unsigned can = 0;
	*privileged = (v->account_id && owner == v->account_id) ||
		      (v->link_guest_id && v->link_case_id == case_id && owner == v->link_guest_id);
	if (*privileged || !v->staff)
		return MDG_OK;
	int rc = perm_case(d, v->account_id, case_id, &can);
	*privileged = (can & CAN_READ) != 0;
	return rc;
}

int case_get(db *d, const char *tracking, const viewer *v, const char *lang, db_result **out)
{
	db_result *r = NULL;
	*out = NULL;
	int rc = case_get_whole(d, tracking, lang, &r);
	if (rc != MDG_OK)
		goto done;
	bool privileged = false;
	rc = viewer_privileged(d, v, db_get_ll(r, 0, "id", 0), db_get_ll(r, 0, "owner", -1), &privileged);
	if (rc != MDG_OK)
		goto done;
	if (!privileged && db_get_ll(r, 0, "public", 0) != 1) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	if (!privileged) {
		change_column(r, "filer", masked_name, 0);
		change_column(r, "lat", rounded_degrees, v->location_decimals);
		change_column(r, "lng", rounded_degrees, v->location_decimals);
		change_column(r, "address", masked_address, v->address_mode);
		/* A text a moderator or handler took out of sight (0032):
		 * the public page shows a line instead; the case goes on. */
		if (strcmp(db_get(r, 0, "moderation", "visible"), "visible") != 0) {
			change_column(r, "title", blanked, 0);
			change_column(r, "body", blanked, 0);
		}
	}
	*out = r;
	r = NULL;
done:
	db_result_free(r);
	return rc;
}

int case_attachment_open(db *d, long long attachment_id, const viewer *v,
			 const char *uploads_dir, char **path, char **name, char **mime)
{
	db_result *r = NULL;
	bool privileged = false;
	int rc = db_query(d, &r, "SELECT t.stored_name AS stored, t.original_name AS name, t.mime_type AS type,"
				 " c.is_public AS public, c.account_id AS owner, c.id AS case_id,"
				 " c.moderation = 'visible' AS shown FROM attachments t"
				 " JOIN cases c ON c.id = t.case_id WHERE t.id = ?",
			  DB_ARGS(DB_INT(attachment_id)));
	if (rc == MDG_OK && r->nrows == 1)
		rc = viewer_privileged(d, v, db_get_ll(r, 0, "case_id", 0), db_get_ll(r, 0, "owner", -1), &privileged);
	if (rc != MDG_OK)
		goto done;
	if (r->nrows != 1 || !(privileged || (db_get_ll(r, 0, "public", 0) == 1 && db_get_ll(r, 0, "shown", 0) == 1))) {
		rc = MDG_ENOTFOUND;
		goto done;
	}
	*path = case_stored_path(uploads_dir, db_get(r, 0, "stored", ""));
	*name = xstrdup(db_get(r, 0, "name", "file"));
	*mime = xstrdup(db_get(r, 0, "type", "application/octet-stream"));
done:
	db_result_free(r);
	return rc;
}

char *case_search_query(const char *words)
{
	buf q = {0};
	const char *p = words;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, " \t");
		buf word = {0};
		for (size_t i = 0; i < n; i++)
			if (p[i] != '"' && p[i] != '\\')
				buf_putc(&word, p[i]);
		if (word.len)
			buf_printf(&q, "%s+\"%s\"", q.len ? " " : "", buf_str(&word));
		buf_free(&word);
		p += n;
	}
	if (!q.len) {
		buf_free(&q);
		return NULL;
	}
	return buf_detach(&q);
}

/* The filter's category as text (NULL for any) into category. */
static const char *filter_category(const case_filter *f, char *category, size_t size)
{
	if (!f->category_id)
		return NULL;
	snprintf(category, size, "%lld", f->category_id);
	return category;
}

int case_list_public(db *d, const case_filter *f, const char *lang, db_result **out, long *total)
{
	char *query = f->words ? case_search_query(f->words) : NULL;
	char category[24];
	const char *cat = filter_category(f, category, sizeof category);
	/* One statement for every combination of filters: an unset filter
	 * is NULL and matches everything. */
	int rc = db_count_page(d, "SELECT COUNT(*) AS n FROM cases c" PUBLIC_LIST_WHERE,
			       DB_ARGS(PUBLIC_LIST_WHERE_ARGS(cat, f->status, query)),
			       "SELECT STRAIGHT_JOIN" PUBLIC_LIST_COLUMNS PUBLIC_LIST_FROM PUBLIC_LIST_WHERE
				       PUBLIC_LIST_ORDER,
			       DB_ARGS(DB_STR(lang), PUBLIC_LIST_WHERE_ARGS(cat, f->status, query)), f->page,
			       CASE_PAGE_SIZE, out, total);
	if (rc == MDG_OK)
		change_column(*out, "filer", masked_name, 0);
	free(query);
	return rc;
}

/* The rows of r whose column part is part, with the columns names only,
 * moved out of r into a new result. */
static db_result *rows_of_part(db_result *r, const char *part, const char *const *names, unsigned ncols)
{
	db_result *o = xcalloc(1, sizeof *o);
	int part_col = db_col(r, "part");
	unsigned n = 0, *from = xcalloc(ncols, sizeof *from);
	if (part_col < 0)
		abort(); /* a name the query lacks: a bug, as in db_get */
	/* Each name's column once, not for every cell. */
	for (unsigned c = 0; c < ncols; c++) {
		int found = db_col(r, names[c]);
		if (found < 0)
			abort();
		from[c] = (unsigned)found;
	}
	for (unsigned row = 0; row < r->nrows; row++) {
		const char *p = r->cells[(size_t)row * r->ncols + (unsigned)part_col];
		n += p && strcmp(p, part) == 0;
	}
	o->ncols = ncols;
	o->names = xcalloc(ncols, sizeof *o->names);
	o->cells = xcalloc((size_t)n * ncols + 1, sizeof *o->cells);
	o->lens = xcalloc((size_t)n * ncols + 1, sizeof *o->lens);
	for (unsigned c = 0; c < ncols; c++)
		o->names[c] = xstrdup(names[c]);
	for (unsigned row = 0; row < r->nrows; row++) {
		const char *p = r->cells[(size_t)row * r->ncols + (unsigned)part_col];
		if (!p || strcmp(p, part) != 0)
			continue;
		for (unsigned c = 0; c < ncols; c++) {
			size_t at = (size_t)row * r->ncols + from[c], to = (size_t)o->nrows * ncols + c;
			o->cells[to] = r->cells[at];
			o->lens[to] = r->lens[at];
			r->cells[at] = NULL;
		}
		o->nrows++;
	}
	free(from);
	return o;
}

int case_list_public_page(db *d, const case_filter *f, const char *lang, db_result **categories, db_result **out,
			  long *total)
{
	static const char *const category_columns[] = {"id", "name"};
	static const char *const case_columns[] = {"tracking", "title", "hidden", "status",
						   "date",     "category", "filer", "closed"};
	db_result *r = NULL;
	char *query = f->words ? case_search_query(f->words) : NULL;
	char category[24];
	const char *cat = filter_category(f, category, sizeof category);
	*categories = *out = NULL;
	*total = 0;
	/* Three parts in one round trip, in order (part, k1, k2): the active
	 * categories (by sort_order, id), the count, the page (newest first:
	 * the keys negated; not fetched). No NOW() or the like: MariaDB's query cache
	 * keeps the statement between two writes of its tables. A page's
	 * rare cases are marked (hidden, closed: NULL, so no value, in the
	 * others) for a template that tests them without comparing. */
	int rc = db_query(d, &r, "SELECT x.part, x.id, x.name, x.n, x.tracking, x.title, x.hidden, x.status, x.date,"
				 " x.category, x.filer, x.closed FROM ("
				 "SELECT 1 AS part, sort_order AS k1, id AS k2, id AS id, " SQL_NAME " AS name, NULL AS n,"
				 " NULL AS tracking, NULL AS title, NULL AS hidden, NULL AS status, NULL AS date,"
				 " NULL AS category, NULL AS filer, NULL AS closed FROM categories WHERE active = 1"
				 " UNION ALL SELECT 2, 0, 0, NULL, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
				 " FROM cases c" PUBLIC_LIST_WHERE
				 " UNION ALL SELECT * FROM (SELECT STRAIGHT_JOIN 3 AS part, -TO_SECONDS(c.created_at) AS k1,"
				 " -CAST(c.id AS SIGNED) AS k2, NULL AS id, NULL AS name, NULL AS n,"
				 " c.tracking_no AS tracking, IF(c.moderation = 'visible', c.title, NULL) AS title,"
				 " IF(c.moderation = 'visible', NULL, 1) AS hidden, c.status AS status,"
				 " " SQL_DAY("c.created_at") " AS date, " SQL_NAME_IN("g.") " AS category,"
				 " IF(a.closed_at IS NULL, a.name, NULL) AS filer, IF(a.closed_at IS NULL, NULL, 1) AS closed"
				 PUBLIC_LIST_FROM PUBLIC_LIST_WHERE PUBLIC_LIST_ORDER ") p"
				 ") x ORDER BY x.part, x.k1, x.k2",
		      DB_ARGS(DB_STR(lang), PUBLIC_LIST_WHERE_ARGS(cat, f->status, query), DB_STR(lang),
			      PUBLIC_LIST_WHERE_ARGS(cat, f->status, query), DB_INT((long long)CASE_PAGE_SIZE),
			      DB_INT((long long)(f->page - 1) * CASE_PAGE_SIZE)));
	free(query);
	if (rc != MDG_OK)
		return rc;
	for (unsigned row = 0; row < r->nrows; row++)
		if (strcmp(db_get(r, row, "part", ""), "2") == 0)
			*total = (long)db_get_ll(r, row, "n", 0);
	*categories = rows_of_part(r, "1", category_columns, MDG_ARRAY_LEN(category_columns));
	*out = rows_of_part(r, "3", case_columns, MDG_ARRAY_LEN(case_columns));
	change_column(*out, "filer", masked_name, 0);
	db_result_free(r);
	return MDG_OK;
}

int case_list_mine(db *d, long long account_id, long page, const char *lang, db_result **out, long *total)
{
	return db_count_page(d, "SELECT COUNT(*) AS n FROM cases WHERE account_id = ?", DB_ARGS(DB_INT(account_id)),
			     "SELECT c.tracking_no AS tracking, c.title AS title, c.status AS status,"
			     " " SQL_DAY("c.created_at") " AS date, " SQL_NAME_IN("g.") " AS category,"
			     " c.is_public AS public"
			     " FROM cases c JOIN categories g ON g.id = c.category_id"
			     " WHERE c.account_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",
			     DB_ARGS(DB_STR(lang), DB_INT(account_id)), page, CASE_PAGE_SIZE, out, total);
}

int case_list_received(db *d, long page, const char *lang, db_result **out, long *total)
{
	return db_count_page(d, "SELECT COUNT(*) AS n FROM cases", DB_NO_ARGS,
			     "SELECT c.tracking_no AS tracking, c.title AS title, c.status AS status,"
			     " " SQL_MINUTE("c.created_at") " AS date, " SQL_NAME_IN("g.") " AS category,"
			     " " SQL_PERSON("a.") " AS filer, c.is_public AS public, " SQL_NAME_IN("dp.") " AS department"
			     " FROM cases c JOIN categories g ON g.id = c.category_id"
			     " JOIN accounts a ON a.id = c.account_id"
			     " LEFT JOIN departments dp ON dp.id = c.department_id"
			     " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",
			     DB_ARGS(DB_STR(lang), DB_STR(lang)), page, CASE_PAGE_SIZE, out, total);
}

int case_categories(db *d, const char *lang, db_result **out)
{
	return db_query(d, out, "SELECT id AS id, " SQL_NAME " AS name FROM categories"
				" WHERE active = 1 ORDER BY sort_order, id",
			DB_ARGS(DB_STR(lang)));
}
