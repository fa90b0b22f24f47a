/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* review.h: a proposal's official review (issue 11, section 1). A
 * proposal at its threshold is filed as a case of kind 'proposal'
 * (lib/cases case_file: routed by its category's rule, with the answer
 * due in proposal.answer_workdays business days), so that handlers,
 * reminders, escalation, the delay apology and the workload report treat
 * it as any case. The case's answer carries the outcome (and, when
 * accepted, a plan); sending it answers the proposal. */
#ifndef MDG_PROPOSAL_REVIEW_H
#define MDG_PROPOSAL_REVIEW_H
#include <stdbool.h>

#include "db/db.h"
#include "org/audit.h"

#define PROPOSAL_ANSWER_WORKDAYS_DEFAULT "30" /* setting proposal.answer_workdays */
#define PROPOSAL_UPDATE_MAX 2000 /* characters of a follow-up update (CASE_REASON_MAX: the staff page's text forms) */

/* The outcomes of an answer (answers.outcome, proposals.outcome). */
bool proposal_outcome_valid(const char *outcome);

/* Files every visible proposal in state 'threshold' without a case (at
 * most limit; 0: 100) as a case of kind 'proposal': its author as the
 * owner (who gets the case's receipt), the three sections as the body,
 * its category, public. In the filing's transaction the proposal gets
 * its case, department and state 'review', a 'routed' event, and each
 * supporter a NOTICE_PROPOSAL_REVIEW. A proposal another scan is filing
 * (its row locked) is skipped (FOR UPDATE SKIP LOCKED) and taken by a
 * later scan. *filed counts the cases filed. Called by the notifier's
 * scan and by madangctl tick. */
int proposal_review_scan(db *d, long limit, long *filed);

/* The answer of case_id was just sent (lib/cases/action.c, in its
 * transaction). When it is a proposal's case: the proposal becomes
 * 'answered' with the answer's outcome, an 'answered' event, a
 * NOTICE_PROPOSAL_ANSWERED to its author and every supporter, and the
 * author's 'proposal_accepted' mileage when the outcome is accepted or
 * partly accepted. *is_proposal tells whether it was one. */
int proposal_review_answered(db *d, long long case_id, long long answer_id, bool *is_proposal);

/* The review of proposal id (no row before it has its case): tracking
 * (its case), due (the answer's deadline, day), department (in lang);
 * once answered also outcome, reasons (the answer's text), plan, sent
 * (day), else those are NULL. */
int proposal_review_answer(db *d, long long id, const char *lang, db_result **out);

/* A staff follow-up update by who on proposal case_id's plan (an
 * answered proposal; the caller checked who handles the case), public on
 * the proposal page, with an 'update' event, audited.
 * MDG_OK, MDG_ENOTFOUND (not a proposal's case), MDG_EDENIED (not
 * answered yet), MDG_EINVAL (blank or over PROPOSAL_UPDATE_MAX). */
int proposal_review_update(db *d, const actor *who, long long case_id, const char *body);

/* The follow-up updates of proposal id, oldest first: body, at. */
int proposal_review_updates(db *d, long long id, db_result **out);

#endif
