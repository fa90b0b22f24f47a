/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* public_view.c: a public case's page kept ready (0057_case_public.sql).
 * The row holds the page's data as text (name=length:value lines, the
 * data tree the full queries fill), built by the very queries the owner's
 * and staff's pages make; reading it is one statement, which adds what
 * depends on the reader, the time or a setting. */
#include "cases/public_view.h"
#include "cases/dossier.h"
#include "cases/workflow.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "db/sql.h"
#include "geo/geo.h"
#include "open311/open311.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const langs[] = {"ko", "en"};

/* Every node of the tree under node with a value, depth first, as
 * "name=length:value\n" (name: the dotted path below the root). */
static void dump_tree(HDF *node, buf *name, buf *out)
{
	for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
		size_t keep = name->len;
		if (keep)
			buf_putc(name, '.');
		buf_puts(name, hdf_obj_name(c));
		const char *v = hdf_obj_value(c);
		if (v) {
			buf_printf(out, "%s=%zu:", buf_str(name), strlen(v));
			buf_puts(out, v);
			buf_putc(out, '\n');
		}
		dump_tree(c, name, out);
		name->len = keep;
		name->data[keep] = '\0';
	}
}

static void set_value(HDF *hdf, const char *name, const char *value)
{
	NEOERR *err = hdf_set_value(hdf, name, value);
	nerr_ignore(&err);
}

/* The text of dump_tree back into hdf; MDG_ERR when it is not such text.
 * Lines come depth first, so a node's values follow each other: the node
 * of the last line's parent is kept and the next sibling set below it,
 * rather than walking its whole name from the root again; the value is
 * handed to the tree (hdf_set_buf) instead of being copied twice. The
 * walks and copies were a fifth of the case page's instructions. */
static int load_tree(HDF *hdf, const char *text, size_t n)
{
	const char *p = text, *end = text + n;
	char prefix[256], leaf[256];
	size_t prefix_len = 0;
	HDF *parent = hdf;
	prefix[0] = '\0';
	while (p < end) {
		const char *eq = memchr(p, '=', (size_t)(end - p));
		char *colon = NULL;
		if (!eq)
			return MDG_ERR;
		unsigned long long len = strtoull(eq + 1, &colon, 10);
		if (*colon != ':' || len + 1 >= (unsigned long long)(end - colon) || colon[1 + len] != '\n')
			return MDG_ERR;
		size_t name_len = (size_t)(eq - p);
		const char *dot = memrchr(p, '.', name_len);
		size_t plen = dot ? (size_t)(dot - p) : 0, leaf_len = dot ? name_len - plen - 1 : name_len;
		char *value = xstrndup(colon + 1, (size_t)len);
		NEOERR *err = STATUS_OK;
		if (plen >= sizeof prefix || leaf_len >= sizeof leaf) {
			/* Longer than any name a page has: the plain way. */
			char *name = xstrndup(p, name_len);
			err = hdf_set_value(hdf, name, value);
			free(name);
			free(value);
		} else {
			if (plen != prefix_len || memcmp(p, prefix, plen) != 0) {
				memcpy(prefix, p, plen);
				prefix[plen] = '\0';
				prefix_len = plen;
				parent = hdf;
				if (plen)
					err = hdf_get_node(hdf, prefix, &parent);
			}
			memcpy(leaf, dot ? dot + 1 : p, leaf_len);
			leaf[leaf_len] = '\0';
			if (err == STATUS_OK)
				err = hdf_set_buf(parent, leaf, value); /* the tree's now */
			else
				free(value);
		}
		if (err) {
			/* Out of memory only: the page goes without the value,
			 * as set_value would have it. */
			nerr_ignore(&err);
			parent = hdf;
			prefix_len = 0;
			prefix[0] = '\0';
		}
		p = colon + 1 + len + 1;
	}
	return MDG_OK;
}

/* What the full queries give an anonymous reader of tracking in lang,
 * as the page's data tree (view_case.c's web_load_case and
 * web_case_timeline) into out, unmasked and without what case_public_page
 * adds; *due tells whether the page shows the deadline. */
static int build(db *d, const char *tracking, const char *lang, buf *out, bool *due)
{
	db_result *c = NULL, *files = NULL, *answers = NULL, *events = NULL, *parts = NULL;
	HDF *h = NULL;
	buf name = {0};
	case_state st;
	char key[64];
	*due = false;
	NEOERR *err = hdf_init(&h);
	if (err) {
		nerr_ignore(&err);
		return MDG_ERR;
	}
	int rc = case_get_whole(d, tracking, lang, &c);
	long long id = rc == MDG_OK ? db_get_ll(c, 0, "id", 0) : 0;
	if (rc == MDG_OK)
		rc = case_attachments(d, id, &files);
	if (rc == MDG_OK)
		rc = open311_case_answers(d, id, lang, &answers);
	if (rc == MDG_OK)
		rc = dossier_timeline(d, id, lang, false, &events);
	if (rc == MDG_OK)
		rc = dossier_answer_parts(d, id, lang, &parts);
	if (rc == MDG_OK)
		rc = dossier_state(d, id, &st, NULL);
	if (rc != MDG_OK)
		goto done;
	db_row_hdf(c, 0, h, "Case");
	/* Not shown, and changed by writers of other things (a message
	 * bumps updated; the filer's name is read with the row). */
	hdf_remove_tree(h, "Case.updated");
	hdf_remove_tree(h, "Case.filer");
	db_rows_hdf(files, h, "Files");
	db_rows_hdf(answers, h, "Answers");
	for (unsigned i = 0; i < answers->nrows; i++) {
		char *shown = open311_answer_shown(db_get(answers, i, "datatype", ""),
						   db_get(answers, i, "value_list", ""), db_get(answers, i, "answer", ""));
		snprintf(key, sizeof key, "Answers.%u.answer", i);
		set_value(h, key, shown);
		free(shown);
	}
	db_rows_hdf(parts, h, "AnswerParts");
	db_rows_hdf(events, h, "Stages");
	/* The setting is read with the row (Timeline.Role). */
	for (unsigned i = 0; i < events->nrows; i++) {
		snprintf(key, sizeof key, "Stages.%u.show", i);
		hdf_remove_tree(h, key);
	}
	if (st.status != CASE_ANSWERED && !workflow_is_final(st.status)) {
		set_value(h, "Case.due", st.due);
		set_value(h, "Case.extended", st.extensions != 0 ? "1" : "0");
		*due = true;
	}
	dump_tree(h, &name, out);
done:
	buf_free(&name);
	hdf_destroy(&h);
	db_result_free(c);
	db_result_free(files);
	db_result_free(answers);
	db_result_free(events);
	db_result_free(parts);
	return rc;
}

int case_public_refresh(db *d, long long case_id)
{
	db_result *r = NULL;
	buf view = {0};
	int rc = db_query(d, &r, "SELECT tracking_no AS tracking, is_public AS public FROM cases WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(case_id)));
	/* A case is public or not from its filing on: a private one has no
	 * rows to change. (No DELETE for it: its gap lock in
	 * ix_case_public_case would hold up other cases' writers.) */
	if (rc != MDG_OK || r->nrows == 0 || db_get_ll(r, 0, "public", 0) != 1)
		goto done;
	for (size_t i = 0; rc == MDG_OK && i < MDG_ARRAY_LEN(langs); i++) {
		bool due = false;
		buf_reset(&view);
		rc = build(d, db_get(r, 0, "tracking", ""), langs[i], &view, &due);
		if (rc == MDG_OK)
			/* By its primary key: concurrent writers of new cases
			 * insert side by side without gap locks. */
			rc = db_exec(d, "INSERT INTO case_public (case_id, lang, tracking_no, owner_id, due_at, view)"
					" SELECT id, ?, tracking_no, account_id, IF(?, due_at, NULL), ? FROM cases WHERE id = ?"
					" ON DUPLICATE KEY UPDATE case_id = VALUES(case_id), owner_id = VALUES(owner_id),"
					" due_at = VALUES(due_at), view = VALUES(view)",
				     DB_ARGS(DB_STR(langs[i]), DB_INT(due ? 1 : 0), DB_STR(buf_str(&view)), DB_INT(case_id)));
	}
done:
	buf_free(&view);
	db_result_free(r);
	return rc;
}

int case_public_forget_category(db *d, long long category_id, const char *name_ko, const char *name_en)
{
	return db_exec(d, "DELETE FROM case_public WHERE EXISTS (SELECT 1 FROM categories g WHERE g.id = ?"
			  "  AND (BINARY g.name_ko <> BINARY ? OR BINARY g.name_en <> BINARY ?))"
			  " AND case_id IN (SELECT id FROM cases WHERE category_id = ?"
			  "  UNION SELECT case_id FROM case_events WHERE target_category_id = ?)",
		       DB_ARGS(DB_INT(category_id), DB_STR(name_ko), DB_STR(name_en), DB_INT(category_id),
			       DB_INT(category_id)));
}

int case_public_forget_department(db *d, long long department_id, const char *name_ko, const char *name_en)
{
	return db_exec(d, "DELETE FROM case_public WHERE EXISTS (SELECT 1 FROM departments g WHERE g.id = ?"
			  "  AND (BINARY g.name_ko <> BINARY ? OR BINARY g.name_en <> BINARY ?))"
			  " AND case_id IN (SELECT id FROM cases WHERE department_id = ?"
			  "  UNION SELECT case_id FROM case_events WHERE department_id = ? OR target_department_id = ?"
			  "  UNION SELECT an.case_id FROM answers an JOIN answer_parts ap ON ap.answer_id = an.id"
			  "   WHERE ap.department_id = ?)",
		       DB_ARGS(DB_INT(department_id), DB_STR(name_ko), DB_STR(name_en), DB_INT(department_id),
			       DB_INT(department_id), DB_INT(department_id), DB_INT(department_id)));
}

/* Sets name to change(its value) when the page has it. */
static void mask_value(HDF *hdf, const char *name, void (*change)(const char *, int, char *, size_t), int arg)
{
	char out[CASE_ADDRESS_MAX * 4 + 8];
	const char *v = hdf_get_value(hdf, name, NULL);
	if (!v)
		return;
	change(v, arg, out, sizeof out);
	set_value(hdf, name, out);
}

static void round_degrees(const char *degrees, int decimals, char *out, size_t n)
{
	geo_round(degrees, decimals, out, n);
}

static void mask_address(const char *address, int mode, char *out, size_t n)
{
	geo_mask_address(address, (geo_address_mode)mode, out, n);
}

int case_public_page(db *d, const char *tracking, const viewer *v, const char *lang, HDF *hdf, bool *found)
{
	db_result *r = NULL;
	*found = false;
	/* The time is bound, to the second, rather than NOW(): a statement
	 * with NOW() is never kept by MariaDB's query cache, and a case in
	 * the news is read thousands of times a second between two writes
	 * (any write to these tables empties the cache's entries of them). */
	int rc = db_query(d, &r, "SELECT p.view AS view, " SQL_PERSON("a.") " AS filer,"
				 " IFNULL(p.due_at < FROM_UNIXTIME(?), 0) AS overdue,"
				 " (SELECT value FROM settings WHERE name = 'timeline.show') AS `show`"
				 " FROM case_public p JOIN accounts a ON a.id = p.owner_id"
				 /* Never a private case's, even from a row left
				  * over by a change around the application. */
				 " JOIN cases c ON c.id = p.case_id AND c.is_public = 1"
				 " WHERE p.tracking_no = ? AND p.lang = ?",
			  DB_ARGS(DB_INT((long long)time(NULL)), DB_STR(tracking), DB_STR(lang)));
	if (rc != MDG_OK || r->nrows == 0)
		goto done;
	int col = db_col(r, "view");
	if (col < 0 || load_tree(hdf, db_get(r, 0, "view", ""), r->lens[(unsigned)col]) != MDG_OK) {
		rc = MDG_ERR;
		goto done;
	}
	*found = true;
	/* As case_get shows a public case to others than its owner and staff. */
	char *filer = text_mask_name(db_get(r, 0, "filer", ""));
	set_value(hdf, "Case.filer", filer);
	free(filer);
	mask_value(hdf, "Case.lat", round_degrees, v->location_decimals);
	mask_value(hdf, "Case.lng", round_degrees, v->location_decimals);
	mask_value(hdf, "Case.address", mask_address, v->address_mode);
	if (strcmp(hdf_get_value(hdf, "Case.moderation", "visible"), "visible") != 0) {
		set_value(hdf, "Case.title", "");
		set_value(hdf, "Case.body", "");
	}
	if (hdf_get_value(hdf, "Case.due", NULL))
		set_value(hdf, "Case.overdue", db_get_ll(r, 0, "overdue", 0) ? "1" : "0");
	if (strcmp(db_get(r, 0, "show", "name"), "role") == 0)
		set_value(hdf, "Timeline.Role", "1");
done:
	db_result_free(r);
	return rc;
}

static int refresh_one(db *d, void *arg)
{
	return case_public_refresh(d, *(const long long *)arg);
}

int case_public_rebuild(db *d, long long *cases)
{
	db_result *r = NULL;
	*cases = 0;
	/* Rows of cases no longer public first, then every public case. */
	int rc = db_exec(d, "DELETE FROM case_public WHERE case_id IN (SELECT id FROM cases WHERE is_public = 0)",
			 DB_NO_ARGS);
	if (rc == MDG_OK)
		rc = db_query(d, &r, "SELECT id AS id FROM cases WHERE is_public = 1 ORDER BY id", DB_NO_ARGS);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows; i++) {
		long long id = db_get_ll(r, i, "id", 0);
		rc = db_transaction(d, refresh_one, &id);
		if (rc == MDG_OK)
			(*cases)++;
	}
	db_result_free(r);
	return rc;
}

int case_public_check(db *d, const char *tracking, buf *out, long long *checked, long long *stale,
		      long long *missing)
{
	db_result *rows = NULL, *absent = NULL;
	buf now = {0};
	*checked = *stale = *missing = 0;
	int rc = db_query(d, &rows, "SELECT p.tracking_no AS tracking, p.lang AS lang, p.view AS view,"
				    " p.due_at IS NOT NULL AS due, c.is_public AS public"
				    " FROM case_public p JOIN cases c ON c.id = p.case_id"
				    " WHERE ? IS NULL OR p.tracking_no = ? ORDER BY p.case_id, p.lang",
			  DB_ARGS(DB_STR(tracking), DB_STR(tracking)));
	for (unsigned i = 0; rc == MDG_OK && i < rows->nrows; i++) {
		const char *t = db_get(rows, i, "tracking", ""), *lang = db_get(rows, i, "lang", "");
		const char *stored = db_get(rows, i, "view", "");
		bool due = false;
		(*checked)++;
		if (db_get_ll(rows, i, "public", 0) != 1) {
			(*stale)++;
			buf_printf(out, "%s %s: a row, but the case is not public\n", t, lang);
			continue;
		}
		buf_reset(&now);
		rc = build(d, t, lang, &now, &due);
		if (rc == MDG_OK && (strcmp(buf_str(&now), stored) != 0 || due != (db_get_ll(rows, i, "due", 0) != 0))) {
			(*stale)++;
			buf_printf(out, "%s %s: the row differs from the full queries\n--- row (due %lld)\n%s--- full queries"
					" (due %d)\n%s",
				   t, lang, db_get_ll(rows, i, "due", 0), stored, due, buf_str(&now));
		}
	}
	if (rc == MDG_OK)
		rc = db_query(d, &absent, "SELECT c.tracking_no AS tracking, l.lang AS lang FROM cases c"
					  " JOIN (SELECT 'ko' AS lang UNION ALL SELECT 'en') l"
					  " LEFT JOIN case_public p ON p.case_id = c.id AND p.lang = l.lang"
					  " WHERE c.is_public = 1 AND p.case_id IS NULL AND (? IS NULL OR c.tracking_no = ?)"
					  " ORDER BY c.id, l.lang",
			      DB_ARGS(DB_STR(tracking), DB_STR(tracking)));
	for (unsigned i = 0; rc == MDG_OK && i < absent->nrows; i++) {
		(*missing)++;
		buf_printf(out, "%s %s: no row (read from the full queries)\n", db_get(absent, i, "tracking", ""),
			   db_get(absent, i, "lang", ""));
	}
	buf_free(&now);
	db_result_free(rows);
	db_result_free(absent);
	return rc;
}
