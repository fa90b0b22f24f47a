-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0034_proposal_review: a proposal's official review (issue 11, section
-- 1) is a case of kind 'proposal': filed by the notifier's scan when the
-- proposal reaches its threshold, routed, reminded, escalated and
-- answered as any case. Its answer carries the outcome and, when
-- accepted, the plan; follow-up updates come after it.

-- cases.kind ('complaint', 'proposal') is there since 0001_foundation;
-- the workload report counts the few proposal cases apart through this.
ALTER TABLE cases ADD KEY ix_cases_kind (kind, department_id);

-- The outcome and plan of a proposal case's answer (NULL for a
-- complaint's): kept on the answer, so that an answer waiting for its
-- approval keeps them until it is sent.
ALTER TABLE answers ADD outcome ENUM('accepted','partly','rejected') NULL,
  ADD plan MEDIUMTEXT NULL;

-- One case per proposal; the scan reads the proposals at the threshold
-- without a case.
ALTER TABLE proposals ADD UNIQUE KEY uq_proposals_case (case_id),
  ADD KEY ix_proposals_review (state, case_id);

ALTER TABLE proposal_events MODIFY kind ENUM('created','edited','milestone','threshold','promoted','withdrawn',
  'expired','routed','answered','update') NOT NULL;

-- Follow-up updates on an answered proposal (how the plan goes): public.
CREATE TABLE proposal_updates (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  proposal_id    BIGINT UNSIGNED NOT NULL,
  author_id      BIGINT UNSIGNED NOT NULL,
  body           MEDIUMTEXT   NOT NULL,
  created_at     DATETIME     NOT NULL,
  KEY ix_proposal_updates_proposal (proposal_id, id),
  CONSTRAINT fk_proposal_updates_proposal FOREIGN KEY (proposal_id) REFERENCES proposals (id),
  CONSTRAINT fk_proposal_updates_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
