/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* view_case.h: a case's public view, shared by the pages that show a
 * case (portal, citizen actions, staff case page). */
#ifndef MDG_VIEW_CASE_H
#define MDG_VIEW_CASE_H
#include <stdbool.h>

#include "web.h"

/* The guest's tracking-link token of the request (auth/case_link.h):
 * the query's k, or on a POST the form's; NULL when there is none. */
const char *web_case_link_param(web *w);

/* Loads a case and its attachments into Case.* and Files.*, as the viewer
 * may see it (MDG_ENOTFOUND otherwise); staff_view also requires the
 * staff member's scope to cover the case. *case_id (when not NULL) gets
 * its id. Outside the staff view a guest's tracking link in the request
 * (web_case_link_param) for this case shows it as to its owner (Case.Mine,
 * with Case.Link the token for the page's links and forms), audited
 * ('case', tracking, 'view_by_link') with the guest as the actor. */
int web_load_case(web *w, const char *tracking, bool staff_view, long long *case_id);

/* Adds to a loaded case page (web_load_case) the public timeline of
 * case_id with the department and handler at each stage, its deadline
 * while it is worked on, and for its owner the actions open to them. */
int web_case_timeline(web *w, long long case_id);

/* The public page of tracking for an anonymous reader (no session, no
 * tracking link) from its row (cases/public_view.h), with one statement:
 * *done tells that the page's data is filled (Case.*, Files, Answers,
 * AnswerParts, Stages, Timeline, the map) as web_load_case and
 * web_case_timeline would fill it. *done is false for any other reader
 * and for a case without a row: the caller reads the full queries. */
int web_public_case(web *w, const char *tracking, bool *done);

/* After the full queries served an anonymous reader a public case with no
 * row (after a rename of its category, say): builds its row, so the next
 * reader reads it. */
void web_public_case_missed(web *w, long long case_id);

/* The case of tracking a staff member acts on: its id and their
 * abilities on it (perm_case); a case outside their scope (no CAN_READ)
 * is MDG_ENOTFOUND, like one that does not exist. */
int web_staff_case_find(web *w, const char *tracking, long long *case_id, unsigned *can);

#endif
