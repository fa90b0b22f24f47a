/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* rating.h: the satisfaction follow-up (만족전화): the citizen's rating
 * through the signed single-use link (the satisfaction table,
 * rows made by lib/notify/notice.c with the answer notice), the ratings
 * of a case for the staff, and the call centre's callback queue for
 * ratings of 1 or 2. The figures over all ratings are the reports'
 * (reports/rating_report.h). */
#ifndef MDG_RATING_H
#define MDG_RATING_H
#include <stdbool.h>

#include "cases/action.h"
#include "db/db.h"
#include "org/audit.h"

/* Characters of a comment and of a callback note: reasons of the case's
 * life cycle (one limit, see cases/action.h). */
#define RATING_COMMENT_MAX CASE_REASON_MAX
#define RATING_NOTE_MAX CASE_REASON_MAX
#define RATING_CALLBACK_PAGE 20   /* callbacks per page */

/* A rating link expires this many days after the answer it rates
 * (web.rate_link_days, 1 to RATING_LINK_DAYS_MAX). */
#define RATING_LINK_DAYS_DEFAULT 30
#define RATING_LINK_DAYS_MAX 3650

/* A rating link's row, as rating_link_find reads it. */
typedef struct rating_link {
	const char *tracking; /* the case's tracking number */
	const char *title;    /* its title */
	bool rated;           /* rated already */
	int rating;           /* the rating, 0 while not rated */
	bool expired;         /* the answer is more than link_days old */
	db_result *row;       /* owns the strings */
} rating_link;

/* The rating link's row by nonce into *out (free it with rating_link_free);
 * link_days is the links' lifetime in days. MDG_ENOTFOUND when no row
 * has that nonce. */
int rating_link_find(db *d, const char *nonce, long link_days, rating_link *out);
void rating_link_free(rating_link *link);

/* Records the rating (1-5) and comment (may be "" or NULL) once: only a
 * row not rated yet and not older than link_days changes, and a rating
 * of 1 or 2 puts the case in the callback queue. MDG_OK; MDG_ECONFLICT
 * when it was rated already; MDG_EDENIED when the link has expired;
 * MDG_ENOTFOUND when no row has that nonce; MDG_EINVAL for a rating out
 * of range. */
int rating_record(db *d, const char *nonce, long link_days, int rating, const char *comment);

/* The ratings of a case, newest first: rating, comment, rated (the time),
 * callback (its state), called (the time of the callback), note (the
 * agent's), agent (the agent's name). Only rated rows. */
int rating_of_case(db *d, long long case_id, db_result **out);

/* The callback queue, oldest rating first, RATING_CALLBACK_PAGE per page:
 * id, case_id, tracking, title, rating, comment, rated (the time),
 * department (its name in lang). With dept_ids (ids separated by commas, as
 * perm_departments gives them) only the cases whose lead department is
 * one of them; NULL: every case, those no rule placed too. *total counts
 * the queue so filtered. Contact details are not here: read them with
 * dossier_contact, which audits the view. */
int rating_callbacks(db *d, long page, const char *lang, const char *dept_ids, db_result **out, long *total);
/* The lead department of the case of satisfaction row id into *dept (0
 * when no rule placed it), to check the caller's scope before acting on
 * the row. MDG_ENOTFOUND when there is no such row. */
int rating_callback_department(db *d, long long id, long long *dept);

/* An agent records the outcome of the call for satisfaction row id:
 * callback_state 'done', callback_by, callback_at, callback_note; audited
 * ('satisfaction', id, 'callback', "case TRACKING"). MDG_ENOTFOUND when
 * the row is not waiting for a call (already done, or no such row). */
int rating_callback_done(db *d, const actor *who, long long id, const char *note);

#endif
