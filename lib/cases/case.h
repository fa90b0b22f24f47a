/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* case.h: complaints (민원): filing, reading, listing, attachments. */
#ifndef MDG_CASE_H
#define MDG_CASE_H
#include <stdbool.h>

#include "db/db.h"
#include "http/parse.h"

#define CASE_TITLE_MAX 200     /* characters */
#define CASE_BODY_MAX 20000    /* characters */
#define CASE_ADDRESS_MAX 200
#define CASE_PAGE_SIZE 20
#define CASE_FILES_MAX 8       /* attachments case_file and case_attach take at once */

/* Who is looking: decides what is visible. */
typedef struct viewer {
	long long account_id; /* 0 when signed out */
	bool staff;
	/* Decimals of a location shown to others than the owner and staff
	 * in scope (geo_round; 0: whole degrees). */
	int location_decimals;
	/* How an address is shown to the same others (geo_address_mode,
	 * geo_mask_address). */
	int address_mode;
	/* A guest's tracking link checked for one case (auth/case_link.h,
	 * case_link_case): its holder sees case link_case_id as its owner
	 * link_guest_id does; 0 without a link. */
	long long link_case_id, link_guest_id;
} viewer;

/* A validated new case. */
typedef struct case_new {
	long long account_id;
	long long category_id;
	const char *title;
	const char *body;
	bool is_public;        /* filed private all the same while the account is
				  restricted from public posting (penalty.h) */
	const char *latitude;  /* decimal text or NULL */
	const char *longitude;
	const char *address;   /* or NULL */
	const char *channel;   /* "web", ... */
	long long filed_by;    /* staff who filed it for the citizen, or 0 */
	const char *kind;      /* cases.kind: NULL or "complaint", "proposal" (a proposal's review) */
	int deadline_workdays; /* business days to answer instead of the rule's; 0: the rule's */
	/* More writes of the channel in the filing's transaction, or NULL:
	 * what an intake filed from (a mail's Message-ID, an SMS's id, so a
	 * re-delivery never files twice), its reply, Open311's answers and
	 * client data. Called after the receipt notice; anything but MDG_OK
	 * rolls the filing back and case_file returns it. */
	int (*in_tx)(db *d, long long case_id, const char *tracking, void *arg);
	void *in_tx_arg;
} case_new;

/* An attachment accepted for filing: the upload and its sniffed type. */
typedef struct case_upload {
	const upload *up;
	const char *mime_type;
} case_upload;

/* Files a case in one transaction: a tracking number, the case, its
 * 'filed' event, its attachments (moved from their temporary files into
 * uploads_dir under random names) and its search entry. tracking gets
 * the new number (TRACKING_LEN + 1 bytes). MDG_OK, MDG_EINVAL (unknown
 * category), MDG_ENOSPACE (no room for the attachments), MDG_ERR. On
 * failure nothing is stored and no file is left. */
int case_file(db *d, const case_new *c, const case_upload *files, int nfiles,
	      const char *uploads_dir, char *tracking);

/* The rows of attachments to an existing case, on the caller's
 * transaction, for files already moved under stored[] by
 * case_store_uploads (before the transaction, which may run again: the
 * files are moved once). */
int case_attachment_rows(db *d, long long case_id, const case_upload *files, char stored[][33], int nfiles);

/* The storage of attachments, shared with other tables of files (a
 * debate's, lib/debates; a proposal's, lib/proposals): moves every
 * upload into uploads_dir under a random name (moved[i]: where,
 * stored[i]: the name). MDG_ETOOBIG beyond
 * CASE_FILES_MAX, MDG_ENOSPACE when the disk or quota is full (a moved
 * file stays in moved[] for case_release_uploads). case_release_uploads
 * frees the paths, removing the files when remove (the rows could not be written). case_stored_path:
 * where a stored name lives (the caller frees it). */
int case_store_uploads(const char *uploads_dir, const case_upload *files, int nfiles, char stored[][33],
		       char **moved);
void case_release_uploads(char **moved, int nfiles, bool remove);
char *case_stored_path(const char *uploads_dir, const char *stored_name);

/* The attachment types accepted, judged from content: the MIME type for a
 * file, or NULL when refused. Uses libmagic. */
const char *case_sniff_type(const char *path);

/* A case by tracking number, as v may see it. MDG_ENOTFOUND also when the
 * case is private and v is neither its owner nor staff whose scope covers
 * one of its departments (so existence does not leak); others see public
 * cases with the filer's name masked, the location rounded to
 * v->location_decimals and the address masked by v->address_mode. *out has one row: id, tracking, title,
 * body, public, status, created, updated, category (in lang), department,
 * filer (a name), lat, lng, address, owner (the filer's account), channel,
 * moderation, moderation_reason (0032); others than the owner and staff in
 * scope get title and body empty when moderation is not 'visible'. */
int case_get(db *d, const char *tracking, const viewer *v, const char *lang, db_result **out);
/* The same row as anyone in scope sees it, whoever reads (no check, no
 * masking): for the public view's row (cases/public_view.h), masked as
 * its reader may see it when read. MDG_ENOTFOUND. */
int case_get_whole(db *d, const char *tracking, const char *lang, db_result **out);
/* Attachments of a case: id, name (as sent), type (MIME), size (bytes). */
int case_attachments(db *d, long long case_id, db_result **out);
/* An attachment as v may see it: the stored path (caller frees), name and
 * type. MDG_ENOTFOUND when absent or not visible. */
int case_attachment_open(db *d, long long attachment_id, const viewer *v,
			 const char *uploads_dir, char **path, char **name, char **mime);

typedef struct case_filter {
	long long category_id; /* 0: any */
	const char *status;    /* NULL: any */
	const char *words;     /* title words, or NULL */
	long page;             /* from 1 */
} case_filter;

/* The public list's filters (case_list_public): category, status, search
 * query, each NULL for any; its columns (with the category's name in a
 * language); its order. */
#define PUBLIC_LIST_WHERE                                                                                      \
	" WHERE c.is_public = 1 AND (? IS NULL OR c.category_id = ?)"                                          \
	" AND (? IS NULL OR c.status = ?)"                                                                     \
	" AND (? IS NULL OR c.id IN (SELECT case_id FROM case_search"                                          \
	"  WHERE MATCH(title) AGAINST(? IN BOOLEAN MODE)))"
#define PUBLIC_LIST_WHERE_ARGS(cat, status, query)                                                             \
	DB_STR(cat), DB_STR(cat), DB_STR(status), DB_STR(status), DB_STR(query), DB_STR(query)
#define PUBLIC_LIST_COLUMNS                                                                                    \
	" c.tracking_no AS tracking, IF(c.moderation = 'visible', c.title, '') AS title,"                     \
	" c.moderation AS moderation, c.status AS status, " SQL_DAY("c.created_at") " AS date,"               \
	" " SQL_NAME_IN("g.") " AS category, " SQL_PERSON("a.") " AS filer"
#define PUBLIC_LIST_FROM                                                                                       \
	" FROM cases c JOIN categories g ON g.id = c.category_id JOIN accounts a ON a.id = c.account_id"
/* STRAIGHT_JOIN: read cases first, in the order of an ix_cases_public*
 * index, and stop after the page. Left to itself MariaDB starts from the
 * ten categories and sorts every public case: 0.5-0.9 s a page with
 * 100,000 cases (bench/load), against under 5 ms this way. */
#define PUBLIC_LIST_ORDER " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?"

/* Masks the column filer of every row of r as the public lists show a
 * filer's name (text_mask_name); NULL cells stay. */
void case_mask_filers(db_result *r);
/* A page of public cases, newest first, with the filer's name masked:
 * tracking, title ("" for a text moderation took out of sight),
 * moderation, status, date (filed), category, filer (masked).
 * *total is the number of matching cases. */
int case_list_public(db *d, const case_filter *f, const char *lang, db_result **out, long *total);
/* The same page with the active categories (id, name in lang: the list's
 * filter, as case_categories) in one statement, for the public list's
 * page. Its cases have tracking, title, status, date, category, filer
 * (masked) as case_list_public's, but for the rare rows, marked for a
 * template that need not compare in every row: hidden = 1 (and no title)
 * for a text moderation took out of sight, closed = 1 (and no filer) for
 * an account its owner closed; no moderation column. */
int case_list_public_page(db *d, const case_filter *f, const char *lang, db_result **categories, db_result **out,
			  long *total);
/* A page of one citizen's cases, newest first: tracking, title, status,
 * date, category, public. */
int case_list_mine(db *d, long long account_id, long page, const char *lang, db_result **out, long *total);
/* A page of all cases for staff, newest first: tracking, title, status,
 * date (to the minute), category, filer, public, department. */
int case_list_received(db *d, long page, const char *lang, db_result **out, long *total);

/* Turns the words a person typed into a Mroonga boolean query that needs
 * every word: +"도로" +"파손". Quotes and backslashes are dropped so no
 * word can change the query's syntax. A new string the caller frees, or
 * NULL when no word is left. */
char *case_search_query(const char *words);

/* Active categories: id, name (in lang). */
int case_categories(db *d, const char *lang, db_result **out);
/* True when status is one of the case statuses. */
bool case_status_valid(const char *status);

#endif
