/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* repeat_close.h: closing a repeat complaint (반복민원 종결, 민원처리법
 * 제23조) in two steps: a handler proposes it with the statutory notice
 * (drafted from a template on the page), a manager approves or returns
 * it. Approved, the notice is sent as the case's answer (through the
 * workflow: the citizen gets it by their channels) and the case closed. */
#ifndef MDG_REPEAT_CLOSE_H
#define MDG_REPEAT_CLOSE_H
#include "db/db.h"
#include "org/audit.h"

/* Answered earlier cases on the same matter a case needs before it may
 * be closed as a repeat (the filer has had two answers). */
#define REPEAT_CLOSE_AFTER 2

/* The closing of case_id: status ('proposed', 'approved', 'returned'),
 * notice, proposer (a name), proposed (minute), decider, decided; and
 * answered (earlier cases on the same matter already answered, counted
 * whatever the reader's scope) and final (1 when the case is finished).
 * Always one row; status and the rest NULL when nothing was proposed. */
int repeat_closing(db *d, long long case_id, db_result **out);

/* The handler who->account_id proposes to close case_id (numbered
 * tracking) as a repeat with notice (audited, naming tracking). MDG_EINVAL with *problem: "repeat_too_few" (fewer
 * than REPEAT_CLOSE_AFTER answered earlier cases), "repeat_pending" (a
 * proposal waits), "not_allowed" (the case is finished),
 * "text_required" or "text_too_long". */
int repeat_propose(db *d, const actor *who, long long case_id, const char *tracking, const char *notice,
		   const char **problem);

/* The manager who->account_id approves (approve) or returns the waiting
 * proposal (audited). Approved: the notice is sent as the answer and the
 * case closed, as that manager. MDG_EINVAL with *problem "repeat_none"
 * when no proposal waits, "repeat_self" when the manager proposed it
 * (someone else signs off), or what case_apply said. */
int repeat_decide(db *d, const actor *who, long long case_id, const char *tracking, bool approve,
		  const char **problem);

#endif
