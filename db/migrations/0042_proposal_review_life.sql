-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0042_proposal_review_life: a proposal follows its review case
-- (lib/proposals/review.c, proposal_follow_case): the case closed without
-- an answer (rejected) closes the proposal ('closed'); the other moves
-- are recorded in its public history. Staff may open the review below the
-- threshold ('review_opened_by_staff'). Values are appended: MariaDB
-- changes the column definition without copying the table.
ALTER TABLE proposals MODIFY state ENUM('open','threshold','review','answered','expired','withdrawn','closed')
  NOT NULL DEFAULT 'open';

ALTER TABLE proposal_events MODIFY kind ENUM('created','edited','milestone','threshold','promoted','withdrawn',
  'expired','routed','answered','update','review_opened_by_staff','review_closed','reopened','transferred')
  NOT NULL;
