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

#include "cases/workflow.h"
#include "core/text.h"
#include "db/db.h"
#include "org/audit.h"
#include "proposals/proposal.h"

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

/* Files proposal id now as proposal_review_scan would (a proposal staff
 * opened the review of); tracking gets the case's number. MDG_ENOTFOUND
 * when it is not waiting for its case (filed already, hidden). */
int proposal_review_file(db *d, long long id, char tracking[TRACKING_LEN + 1]);

/* Staff open the official review of open proposal id below its
 * threshold (proposal_raise_for_review: reach, state, event, audit) and
 * file it at once as its review case (proposal_review_file; when that
 * fails, a deactivated category, the next scan files it). tracking gets
 * the case's number ("" when not filed now). MDG_OK, MDG_ENOTFOUND,
 * MDG_EDENIED, MDG_ECONFLICT (not open). */
int proposal_open_review(db *d, const actor *who, const staff_perm *perm, long long id,
			 char tracking[TRACKING_LEN + 1]);

/* The state a proposal takes when its review case takes action a:
 * answered (ACT_ANSWER, ACT_APPROVE: the answer is sent), withdrawn (the
 * author withdrew the case), closed (ACT_REJECT: closed without an
 * answer), back under review (ACT_REOPEN); PROPOSAL_STATE__MAX for the
 * others (the state stays). */
proposal_state proposal_follow_state(case_action a);
/* True when action a moves the case to another department (transfer,
 * send back, re-filing): the proposal's department follows. */
bool proposal_follow_department(case_action a);

/* The one hook of lib/cases (case_apply, in its transaction, after the
 * action's effects and event rows) for every action on a proposal's
 * review case: the proposal follows (proposal_follow_state,
 * proposal_follow_department) with an event in its public history. The
 * answer: state 'answered' with the latest sent answer's outcome (the
 * page shows that answer), an 'answered' event, NOTICE_PROPOSAL_ANSWERED
 * to the author and every supporter, the author's 'proposal_accepted'
 * mileage (accepted or partly, once). Reopened: back to 'review', its
 * outcome and answer time cleared until the next answer is sent. Nothing
 * for a case that is not a proposal's. */
int proposal_follow_case(db *d, long long case_id, case_action a);

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
