/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* dossier.h: what the case pages show beyond the case itself: for staff
 * its state, departments and their parts, handlers, full history,
 * answers, the thread between departments, the citizen's contact (read
 * with an audit entry) and other cases; for the citizen the public
 * timeline with the department and handler at each stage. */
#ifndef MDG_DOSSIER_H
#define MDG_DOSSIER_H
#include <stdbool.h>

#include "db/db.h"
#include "org/audit.h"

/* The id of the case with this tracking number; MDG_ENOTFOUND. */
int dossier_find(db *d, const char *tracking, long long *case_id);

/* The case's working state, one row: version, status, due
 * ("YYYY-MM-DD HH:MM" or NULL), overdue (1/0), extensions,
 * max_extensions, needs_approval, is_example, unplaced, department_id
 * (0: none), account_id (the filer), is_public, reopen_open (1 while the
 * citizen may still reopen), due date ("YYYY-MM-DD" or NULL). */
int dossier_state(db *d, long long case_id, db_result **out);

/* The departments of the case, lead first: department_id, name (in
 * lang), role ("lead"/"joint"), part_status, part_text, updated_at. */
int dossier_departments(db *d, long long case_id, const char *lang, db_result **out);
/* Its handlers: account_id, name, department name, assigned_at,
 * absent now (1/0). */
int dossier_handlers(db *d, long long case_id, const char *lang, db_result **out);
/* Every event, oldest first: kind, at, department, note, is_public,
 * actor name (NULL: the system), target account name, target
 * department name, target category name (a re-filing's), the answer
 * an 'answered' event sent (or NULL). */
int dossier_history(db *d, long long case_id, const char *lang, db_result **out);
/* Answers, newest first: id, status, body, author, created_at, sent_at,
 * approver name. */
int dossier_answers(db *d, long long case_id, db_result **out);
/* The thread between the case's departments, oldest first: created_at,
 * department name, author name, body. */
int dossier_messages(db *d, long long case_id, const char *lang, db_result **out);

/* The filer's contact details for staff allowed to see them: account_id,
 * name, email, mobile. Writes the audit entry ('account', id,
 * 'view_contact', "case TRACKING") in the same call, so no view goes
 * unrecorded; nothing is returned when the entry cannot be written. */
int dossier_contact(db *d, const actor *who, long long case_id, const char *tracking, db_result **out);
/* The filer's other cases that viewer_id's scope covers, newest first
 * (at most 20): tracking_no, title, status, filed date. */
int dossier_other_cases(db *d, long long viewer_id, long long case_id, db_result **out);

/* Staff a case of department_id can be assigned to: active members who
 * may handle there: account_id, name, absent now (1/0). */
int dossier_department_handlers(db *d, long long department_id, db_result **out);
/* The joint departments of the case for which account_id may submit the
 * part (its manager, a handler of the case there, or any handler there
 * when nobody there was given the case): department_id, name (in lang),
 * part_status, part_text. */
int dossier_part_departments(db *d, long long account_id, long long case_id, const char *lang, db_result **out);
/* The department account_id acts for on this case (the lead when in
 * scope, else a joint one), or 0. */
int dossier_acting_department(db *d, long long account_id, long long case_id, long long *department_id);
/* True when the case came to its lead department by a transfer that can
 * be sent back. */
int dossier_can_send_back(db *d, long long case_id, bool *yes);

/* Publishes (or withdraws) an answered public case as an example case
 * (처리 사례); audited ('case', tracking, 'example_on'/'example_off').
 * MDG_EINVAL with *problem "example_private" or "example_unanswered". */
int dossier_set_example(db *d, const actor *who, long long case_id, const char *tracking, bool on,
			const char **problem);

/* The public timeline for the citizen, oldest first: kind, at,
 * department, note, handler name (staff who acted or took the case, or
 * NULL), target department, the timeline.show setting ("name" or
 * "role", repeated on each row, for one round trip), target category (a
 * re-filing's) and the answer an 'answered' event sent (or NULL). */
int dossier_timeline(db *d, long long case_id, const char *lang, db_result **out);
/* The joint departments' parts of the case's sent answers, as they were
 * sent: answer_id, department name (in lang), body; by answer, then
 * department. */
int dossier_answer_parts(db *d, long long case_id, const char *lang, db_result **out);

#endif
