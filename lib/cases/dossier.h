/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* dossier.h: what the case pages show beyond the case itself: for staff
 * its state, departments and their parts, handlers, full history,
 * answers, the thread between departments, the citizen's contact (read
 * with an audit entry) and other cases; for the citizen the public
 * timeline with the department and handler at each stage. */
#ifndef MDG_DOSSIER_H
#define MDG_DOSSIER_H
#include <stdbool.h>

#include "cases/workflow.h"
#include "db/db.h"
#include "org/audit.h"

/* The id of the case with this tracking number; MDG_ENOTFOUND. */
int dossier_find(db *d, const char *tracking, long long *case_id);

/* The case's working state into *s; when out is not NULL also as one
 * row for the pages (columns named as the fields of case_state: version,
 * status, due, due_date, overdue, extensions, max_extensions,
 * needs_approval, is_example, unplaced, department_id, owner, public,
 * reopen_open; NULL cells left out), which the caller frees.
 * MDG_ENOTFOUND. */
int dossier_state(db *d, long long case_id, case_state *s, db_result **out);

/* The departments of the case, lead first: id, name (in lang), role
 * ("lead"/"joint"), part_status, part_text, updated. */
int dossier_departments(db *d, long long case_id, const char *lang, db_result **out);
/* Its handlers: id (the account), name, department (its name),
 * assigned, absent (now, 1/0). */
int dossier_handlers(db *d, long long case_id, const char *lang, db_result **out);
/* Every event, oldest first: kind, at, department, note, public, actor
 * (a name; NULL: the system), target (an account's name),
 * target_department, target_category (a re-filing's), answer (the id an
 * 'answered' event sent, or NULL). */
int dossier_history(db *d, long long case_id, const char *lang, db_result **out);
/* Answers, newest first: id, status, body, author, created, sent,
 * approver (names), outcome and plan (a proposal's case; else NULL). */
int dossier_answers(db *d, long long case_id, db_result **out);
/* The thread between the case's departments, oldest first: at,
 * department, author (names), body. */
int dossier_messages(db *d, long long case_id, const char *lang, db_result **out);

/* The filer's contact details for staff allowed to see them: id (the
 * account), name, email, mobile. Writes the audit entry ('account', id,
 * 'view_contact', "case TRACKING") in the same call, so no view goes
 * unrecorded; nothing is returned when the entry cannot be written. */
int dossier_contact(db *d, const actor *who, long long case_id, const char *tracking, db_result **out);
/* The filer's other cases that viewer_id's scope covers, newest first
 * (at most 20): tracking, title, status, date (filed). */
int dossier_other_cases(db *d, long long viewer_id, long long case_id, db_result **out);

/* Staff a case of department_id can be assigned to: active members who
 * may handle there: id (the account), name, absent (now, 1/0). */
int dossier_department_handlers(db *d, long long department_id, db_result **out);
/* The joint departments of the case for which account_id may submit the
 * part (its manager, a handler of the case there, or any handler there
 * when nobody there was given the case): id (the department), name (in
 * lang), status and text (of its part). */
int dossier_part_departments(db *d, long long account_id, long long case_id, const char *lang, db_result **out);
/* The department account_id acts for on this case (the lead when in
 * scope, else a joint one), or 0. */
int dossier_acting_department(db *d, long long account_id, long long case_id, long long *department_id);
/* True when the case came to its lead department by a transfer that can
 * be sent back. */
int dossier_can_send_back(db *d, long long case_id, bool *yes);
/* The staff actions case_id (in state s) allows now to an actor of kind
 * actor_kind (enum case_actor bits), as a set of ACTION_BIT: the rule is
 * workflow_staff_actions; this asks the database only whether a
 * send-back is possible, when the actor could send it back at all. */
int dossier_staff_actions(db *d, long long case_id, const case_state *s, unsigned actor_kind, unsigned *allowed);

/* Publishes (or withdraws) an answered public case as an example case
 * (처리 사례); audited ('case', tracking, 'example_on'/'example_off').
 * MDG_EINVAL with *problem "example_private" or "example_unanswered". */
int dossier_set_example(db *d, const actor *who, long long case_id, const char *tracking, bool on,
			const char **problem);

/* The public timeline for the citizen, oldest first: kind, at,
 * department, note, handler (the name of the staff who acted or took
 * the case, or NULL), target (department), show (the timeline.show
 * setting, "name" or "role", repeated on each row, for one round trip),
 * category (a re-filing's) and answer (the id an 'answered' event sent,
 * or NULL). For its owner (owner true) also the messages the citizen
 * sent to the case by mail or SMS (mail_in, sms_message, with their text
 * as note); never to anyone else, whatever their is_public says. */
int dossier_timeline(db *d, long long case_id, const char *lang, bool owner, db_result **out);

/* The case's owner account_id writes text (at most CASE_REASON_MAX
 * characters, checked by the caller) to case_id on the web, as a reply by
 * mail or SMS reaches it: a 'web_message' event for the staff and the
 * owner only, the case's updated time, and the handlers' alert
 * (NOTICE_STAFF_MESSAGE), in one transaction. */
int dossier_owner_message(db *d, long long case_id, long long account_id, const char *text);
/* The joint departments' parts of the case's sent answers, as they were
 * sent: answer (its id), department (its name in lang), body; by
 * answer, then department. */
int dossier_answer_parts(db *d, long long case_id, const char *lang, db_result **out);

#endif
