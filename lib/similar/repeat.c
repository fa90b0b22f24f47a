/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* repeat.c: repeat complaints and similar cases (repeat.h). */
#include "similar/repeat.h"
#include "similar/similar.h"
#include "core/buf.h"
#include "core/mdg.h"
#include "core/xalloc.h"
#include "db/sql.h"

#include <stdlib.h>
#include <string.h>

/* Candidates read from the band index before the signatures decide. */
#define CANDIDATES_MAX 100

/* The signature in column "signature" of row; false when absent. */
static bool row_signature(const db_result *r, unsigned row, similar_sig *out)
{
	int col = db_col(r, "signature");
	if (col < 0 || row >= r->nrows || !r->cells[row * r->ncols + (unsigned)col])
		return false;
	return similar_sig_unpack((const unsigned char *)r->cells[row * r->ncols + (unsigned)col],
				  r->lens[row * r->ncols + (unsigned)col], out);
}

/* The signature of a case's title and body. */
static void case_signature(const char *title, const char *body, similar_sig *out)
{
	buf b = {0};
	buf_printf(&b, "%s\n%s", title, body);
	similar_signature(buf_str(&b), out);
	buf_free(&b);
}

/* The SQL must be literals (db.c caches statements by the literal's
 * address): SIMILAR_BANDS (32) placeholders spelt out. */
#define P4 "(?, ?), (?, ?), (?, ?), (?, ?)"
#define BANDS_PER_INSERT 16
_Static_assert(SIMILAR_BANDS == 32 && SIMILAR_BANDS % BANDS_PER_INSERT == 0,
	       "the placeholders below are written for 32 bands");

/* Writes the signature and band keys of case_id. */
static int store_signature(db *d, long long case_id, const similar_sig *s)
{
	unsigned char packed[SIMILAR_SIG_BYTES];
	similar_sig_pack(s, packed);
	int rc = db_exec(d, "REPLACE INTO case_signatures (case_id, signature) VALUES (?, ?)",
			 DB_ARGS(DB_INT(case_id), DB_BLOB(packed, sizeof packed)));
	for (int from = 0; from < SIMILAR_BANDS && rc == MDG_OK && !s->empty; from += BANDS_PER_INSERT) {
		db_arg args[2 * BANDS_PER_INSERT];
		for (int b = 0; b < BANDS_PER_INSERT; b++) {
			args[2 * b] = DB_INT(similar_band_key(s, from + b));
			args[2 * b + 1] = DB_INT(case_id);
		}
		rc = db_exec(d, "INSERT IGNORE INTO case_bands (band_key, case_id) VALUES " P4 ", " P4 ", " P4 ", " P4,
			     args, MDG_ARRAY_LEN(args));
	}
	return rc;
}

int repeat_find(db *d, long long account_id, long long category_id, long long department_id, long long case_id,
		const similar_sig *sig, repeat_match *out, int max, int *n)
{
	db_result *earlier = NULL;
	similar_sig other;
	*n = 0;
	/* The filer's cases are few: every one of the window is compared. */
	int rc = db_query(d, &earlier, "SELECT e.id AS id, s.signature AS signature FROM cases e"
				       " JOIN case_signatures s ON s.case_id = e.id"
				       " WHERE e.account_id = ? AND e.id <> ?"
				       " AND e.created_at >= NOW() - INTERVAL ? DAY"
				       " AND (e.category_id = ? OR e.department_id <=> ?)"
				       " ORDER BY e.created_at DESC LIMIT 500",
			  DB_ARGS(DB_INT(account_id), DB_INT(case_id), DB_INT(REPEAT_WINDOW_DAYS), DB_INT(category_id),
				  DB_ID(department_id)));
	for (unsigned i = 0; rc == MDG_OK && i < earlier->nrows && *n < max; i++) {
		if (!row_signature(earlier, i, &other) || !similar_same_matter(sig, &other))
			continue;
		out[*n].id = db_get_ll(earlier, i, "id", 0);
		out[*n].score = (int)(similar_estimate(sig, &other) * 1000);
		(*n)++;
	}
	db_result_free(earlier);
	return rc;
}

/* What repeat_on_filing stores, for its transaction. */
struct repeats {
	long long case_id;
	const similar_sig *sig;
	const repeat_match *found;
	int n;
};

/* The transaction of repeat_on_filing (db_transaction). */
static int repeats_tx(db *d, void *arg)
{
	const struct repeats *t = arg;
	int rc = store_signature(d, t->case_id, t->sig);
	for (int i = 0; i < t->n && rc == MDG_OK; i++)
		rc = db_exec(d, "INSERT IGNORE INTO case_repeats (case_id, earlier_id, score) VALUES (?, ?, ?)",
			     DB_ARGS(DB_INT(t->case_id), DB_INT(t->found[i].id), DB_INT((long long)t->found[i].score)));
	return rc;
}

int repeat_on_filing(db *d, const char *tracking)
{
	db_result *c = NULL;
	similar_sig sig;
	repeat_match found[REPEAT_MATCHES_MAX];
	int n = 0;
	int rc = db_query(d, &c, "SELECT id AS id, account_id AS account, category_id AS category,"
				 " department_id AS department, title AS title, body AS body"
				 " FROM cases WHERE tracking_no = ?",
			  DB_ARGS(DB_STR(tracking)));
	if (rc == MDG_OK && c->nrows == 0)
		rc = MDG_ENOTFOUND;
	if (rc != MDG_OK)
		goto done;
	long long case_id = db_get_ll(c, 0, "id", 0);
	case_signature(db_get(c, 0, "title", ""), db_get(c, 0, "body", ""), &sig);
	rc = repeat_find(d, db_get_ll(c, 0, "account", 0), db_get_ll(c, 0, "category", 0),
			 db_get_ll(c, 0, "department", 0), case_id, &sig, found, REPEAT_MATCHES_MAX, &n);
	struct repeats t = {.case_id = case_id, .sig = &sig, .found = found, .n = n};
	if (rc == MDG_OK)
		rc = db_transaction(d, repeats_tx, &t);
done:
	db_result_free(c);
	return rc;
}

int repeat_earlier(db *d, long long viewer_id, long long case_id, db_result **out)
{
	return db_query(d, out, "SELECT e.tracking_no AS tracking, e.title AS title, e.status AS status,"
				" " SQL_DAY("e.created_at") " AS filed, " SQL_DAY("e.answered_at") " AS answered,"
				" (SELECT a.body FROM answers a WHERE a.case_id = e.id AND a.status = 'sent'"
				"  ORDER BY a.id DESC LIMIT 1) AS answer"
				" FROM case_repeats r JOIN cases e ON e.id = r.earlier_id"
				" WHERE r.case_id = ? AND EXISTS (SELECT 1 FROM case_departments cd"
				"  JOIN staff_scope s ON s.department_id = cd.department_id AND s.account_id = ?"
				"  WHERE cd.case_id = e.id)"
				" ORDER BY e.created_at DESC, e.id DESC",
			DB_ARGS(DB_INT(case_id), DB_INT(viewer_id)));
}

/* Keeps the rows of h->r whose signature passes the threshold against
 * sig, best first, at most SIMILAR_HITS_MAX. */
static void keep_similar(const similar_sig *sig, similar_hits *h)
{
	double best[SIMILAR_HITS_MAX];
	similar_sig other;
	h->n = 0;
	for (unsigned i = 0; i < h->r->nrows; i++) {
		if (!row_signature(h->r, i, &other))
			continue;
		double score = similar_estimate(sig, &other);
		if (score < SIMILAR_THRESHOLD)
			continue;
		int at = h->n < SIMILAR_HITS_MAX ? h->n : SIMILAR_HITS_MAX;
		while (at > 0 && best[at - 1] < score) {
			if (at < SIMILAR_HITS_MAX) {
				best[at] = best[at - 1];
				h->rows[at] = h->rows[at - 1];
			}
			at--;
		}
		if (at < SIMILAR_HITS_MAX) {
			best[at] = score;
			h->rows[at] = i;
			if (h->n < SIMILAR_HITS_MAX)
				h->n++;
		}
	}
}

/* The newest BAND_CAP cases of one band (its bucket), read backwards
 * along case_bands' primary key. A common matter fills a bucket with
 * thousands of cases (bench/repeat: a million complaints on a few hundred
 * matters); the candidates were every case of the 32 buckets, grouped and
 * sorted: tens of thousands of rows for one lookup. Capped, a lookup reads
 * at most 32 × BAND_CAP index entries; a bucket that holds more gives its
 * newest cases, which is what filing looks for (the filer's year). */
#define BAND_CAP "200"
#define BAND "(SELECT case_id FROM case_bands WHERE band_key = ? ORDER BY case_id DESC LIMIT " BAND_CAP ")"
#define BAND4 BAND " UNION ALL " BAND " UNION ALL " BAND " UNION ALL " BAND
#define BAND32                                                                                            \
	BAND4 " UNION ALL " BAND4 " UNION ALL " BAND4 " UNION ALL " BAND4 " UNION ALL " BAND4 " UNION ALL " \
	      BAND4 " UNION ALL " BAND4 " UNION ALL " BAND4

/* The cases sharing most band keys with a signature (the first
 * SIMILAR_BANDS arguments), as m.case_id: the band index narrows a
 * million cases to CANDIDATES_MAX before the signatures decide. */
#define CANDIDATES "(SELECT k.case_id AS case_id, COUNT(*) AS hits FROM (" BAND32 ") k" \
		   " GROUP BY k.case_id ORDER BY hits DESC LIMIT 100) m"

/* Runs sql (CANDIDATES joined to the case c and its signature) with the
 * band keys of sig and then extra, into h, keeping the similar rows. */
static int similar_cases(db *d, const similar_sig *sig, const char *sql, const db_arg *extra, size_t nextra,
			 similar_hits *h)
{
	db_arg args[SIMILAR_BANDS + 2];
	h->r = NULL;
	h->n = 0;
	if (sig->empty || nextra > 2)
		return MDG_OK;
	for (int b = 0; b < SIMILAR_BANDS; b++)
		args[b] = DB_INT(similar_band_key(sig, b));
	for (size_t i = 0; i < nextra; i++)
		args[SIMILAR_BANDS + i] = extra[i];
	int rc = db_query(d, &h->r, sql, args, SIMILAR_BANDS + nextra);
	if (rc == MDG_OK)
		keep_similar(sig, h);
	return rc;
}

/* The SIMILAR_HITS_MAX ids placeholders of the shown suggestions. */
#define SHOWN_IDS "(?, ?, ?, ?, ?)"
_Static_assert(SIMILAR_HITS_MAX == 5, "SHOWN_IDS is written for 5 ids");

int similar_public(db *d, const char *text, similar_hits *out)
{
	similar_sig sig;
	similar_hits picked = {0};
	db_arg shown[SIMILAR_HITS_MAX];
	out->r = NULL;
	out->n = 0;
	similar_signature(text, &sig);
	/* First only the candidates that may be shown, and their signatures:
	 * ux_cases_suggestable (0065) answers "public, and answered or an
	 * example" without reading the case's row. */
	int rc = similar_cases(d, &sig,
			       "SELECT c.id AS id, s.signature AS signature"
			       " FROM " CANDIDATES " JOIN cases c FORCE INDEX (ux_cases_suggestable) ON c.id = m.case_id"
			       " JOIN case_signatures s ON s.case_id = c.id"
			       " WHERE c.is_public = 1 AND (c.status IN ('answered', 'closed') OR c.is_example = 1)",
			       NULL, 0, &picked);
	if (rc != MDG_OK || picked.n == 0)
		goto done;
	/* Then the rows of the few that are shown. */
	for (int i = 0; i < SIMILAR_HITS_MAX; i++)
		shown[i] = DB_INT(i < picked.n ? db_get_ll(picked.r, picked.rows[i], "id", 0) : 0);
	rc = db_query(d, &out->r,
		      "SELECT c.tracking_no AS tracking, c.title AS title, c.status AS status,"
		      " " SQL_DAY("c.answered_at") " AS answered, s.signature AS signature"
		      " FROM cases c JOIN case_signatures s ON s.case_id = c.id WHERE c.id IN " SHOWN_IDS,
		      shown, SIMILAR_HITS_MAX);
	if (rc == MDG_OK)
		keep_similar(&sig, out);
done:
	similar_hits_free(&picked);
	return rc;
}

int similar_department_answers(db *d, long long viewer_id, long long case_id, similar_hits *out)
{
	db_result *own = NULL;
	similar_sig sig;
	out->r = NULL;
	out->n = 0;
	int rc = db_query(d, &own, "SELECT signature AS signature FROM case_signatures WHERE case_id = ?",
			  DB_ARGS(DB_INT(case_id)));
	if (rc == MDG_OK && row_signature(own, 0, &sig)) {
		const db_arg extra[] = {DB_INT(case_id), DB_INT(viewer_id)};
		rc = similar_cases(d, &sig,
				   "SELECT c.tracking_no AS tracking, c.title AS title, a.body AS answer,"
				   " " SQL_DAY("a.sent_at") " AS answered, s.signature AS signature"
				   " FROM " CANDIDATES " JOIN cases c ON c.id = m.case_id"
				   " JOIN case_signatures s ON s.case_id = c.id"
				   " JOIN answers a ON a.case_id = c.id AND a.status = 'sent'"
				   " WHERE c.id <> ? AND a.id = (SELECT MAX(x.id) FROM answers x WHERE x.case_id = c.id"
				   "  AND x.status = 'sent') AND EXISTS (SELECT 1 FROM staff_scope ss"
				   "  WHERE ss.account_id = ? AND ss.department_id = a.department_id)",
				   extra, 2, out);
	}
	db_result_free(own);
	return rc;
}

void similar_hits_free(similar_hits *h)
{
	db_result_free(h->r);
	h->r = NULL;
	h->n = 0;
}
