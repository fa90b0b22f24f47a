/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rights.h: citizens' data rights (개인정보 보호법; issue 13 section 4):
 * the "my data" download's contents, the closing of an account by its
 * owner, and the sign-in history (db/migrations/0047_data_rights.sql).
 * What each holds and removes is listed in docs/operations.md
 * ("Citizens' data rights"). */
#ifndef MDG_RIGHTS_H
#define MDG_RIGHTS_H
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "db/db.h"
#include "org/audit.h"

/* Records one sign-in attempt on account_id: channel "password" (the
 * sign-in form) or "totp" (the second factor), success or not, from
 * client_addr. Never the password. */
int signin_record(db *d, long long account_id, const char *channel, bool success, const char *client_addr);

/* The rows of r as a JSON array of objects, one member per column under
 * its SQL alias, every value a string (SQL NULL: null). A new reference. */
json_t *rights_rows_json(const db_result *r);

/* The name under which an attachment's file goes into the download:
 * "attachments/TRACKING/ID-NAME", NAME the original file name with
 * every character that could leave the folder or trouble an unzipper
 * (/, \, control characters, a leading dot) replaced by '_', cut to 100
 * bytes at a character boundary. out needs RIGHTS_FILE_NAME_MAX bytes. */
#define RIGHTS_FILE_NAME_MAX 192
void rights_file_name(const char *tracking, long long id, const char *original, char out[RIGHTS_FILE_NAME_MAX]);

/* Everything held about account_id that its owner may see, as a JSON
 * object of sections ("account", "consents", "cases", "notices",
 * "proposals", "supports", "posts", "reports", "mileage", "penalties",
 * "sign_ins"), each written to its own file SECTION.json; names of
 * categories and departments in lang. Never staff-internal notes,
 * internal events, unsent answers or other people's data. *out a new
 * reference on MDG_OK. */
int rights_collect(db *d, long long account_id, const char *lang, json_t **out);

/* The attachments of account_id's cases: tracking, id, stored (the
 * stored name, case_stored_path), name (the original), in id order. */
int rights_attachments(db *d, long long account_id, db_result **out);

/* Closes the citizen account_id at its owner's request, in one
 * transaction: the confirmation mail to its address first (when it is
 * verified: queued in the outbox, which keeps its copy of the address
 * until sent), then the name, login ID, e-mail, mobile number,
 * password, verified flags, identity link and notice choices are
 * overwritten, mileage leaves the ranking, every session, second factor
 * and pending code ends, the sign-in history goes, the cases' copies of the contact data (call
 * records' numbers, the e-mail and SMS intake's senders) are removed;
 * cases, proposals and posts stay (the institution keeps cases for
 * retention.closed_case_years, after which the retention job anonymises
 * them). Audited as who. MDG_EDENIED for a staff or guest account,
 * MDG_ENOTFOUND when there is no such open account. */
int account_close(db *d, const actor *who, long long account_id, const char *lang);

#endif
