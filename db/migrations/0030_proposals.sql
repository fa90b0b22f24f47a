-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0030_proposals: policy proposals (정책제안, issue 11 section 1): a
-- citizen's proposal in three sections, supported by others until it
-- reaches its threshold (then reviewed by a department: the review's
-- columns are here, its code comes later), its supports (one per person:
-- per verified mobile number where the supporter has one, else per
-- account), its history, its search index and its attachments.

-- The threshold per category; NULL: the setting proposal.threshold.
ALTER TABLE categories ADD proposal_threshold INT UNSIGNED NULL;

CREATE TABLE proposals (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id      BIGINT UNSIGNED NOT NULL,
  category_id    INT UNSIGNED NOT NULL,
  title          VARCHAR(200) NOT NULL,
  problem        MEDIUMTEXT   NOT NULL,
  proposal       MEDIUMTEXT   NOT NULL,
  effect         MEDIUMTEXT   NOT NULL,
  latitude       DECIMAL(9,6) NULL,
  longitude      DECIMAL(9,6) NULL,
  address        VARCHAR(200) NULL,
  state          ENUM('open','threshold','review','answered','expired','withdrawn') NOT NULL DEFAULT 'open',
  -- Kept equal to the rows of proposal_supports by lib/proposals (the
  -- row and the count change in one transaction).
  support_count  INT UNSIGNED NOT NULL DEFAULT 0,
  -- Copied at creation (category's, else the setting): a later change
  -- of the setting does not move the goal of proposals already open.
  threshold      INT UNSIGNED NOT NULL,
  closes_at      DATETIME     NOT NULL,
  threshold_at   DATETIME     NULL,
  -- The review (a later step): the department, the case it is handled
  -- as, the answer's time and outcome.
  department_id  INT UNSIGNED NULL,
  case_id        BIGINT UNSIGNED NULL,
  answered_at    DATETIME     NULL,
  outcome        ENUM('accepted','partly','rejected') NULL,
  moderation     ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  moderation_reason VARCHAR(255) NULL,
  created_at     DATETIME     NOT NULL,
  updated_at     DATETIME     NOT NULL,
  -- The public list's sorts (lib/proposals/proposal.c), each read in
  -- index order and stopped after the page. id is named so that the
  -- order is the sort's; the columns after it make the index cover the
  -- list's filters (state, category), so that counting the matches and
  -- skipping to a deep page read the index alone.
  KEY ix_proposals_newest (moderation, created_at, id, state, category_id),
  KEY ix_proposals_support (moderation, support_count, id, state, category_id),
  KEY ix_proposals_closing (state, closes_at, id, moderation, category_id),
  KEY ix_proposals_answered (moderation, answered_at, id, state, category_id),
  KEY ix_proposals_author (author_id, created_at),
  KEY ix_proposals_category (category_id, created_at),
  CONSTRAINT fk_proposals_author FOREIGN KEY (author_id) REFERENCES accounts (id),
  CONSTRAINT fk_proposals_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT fk_proposals_department FOREIGN KEY (department_id) REFERENCES departments (id),
  CONSTRAINT fk_proposals_case FOREIGN KEY (case_id) REFERENCES cases (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One support per account, and one per identity: 'm:' and the verified
-- mobile number when the supporter had one, else 'a:' and the account's
-- id; so a second account with the same verified number cannot support
-- again (INSERT IGNORE meets either key).
CREATE TABLE proposal_supports (
  proposal_id    BIGINT UNSIGNED NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  identity       VARCHAR(40)  NOT NULL,
  created_at     DATETIME     NOT NULL,
  PRIMARY KEY (proposal_id, account_id),
  UNIQUE KEY uq_proposal_supports_identity (proposal_id, identity),
  KEY ix_proposal_supports_account (account_id, created_at),
  CONSTRAINT fk_proposal_supports_proposal FOREIGN KEY (proposal_id) REFERENCES proposals (id),
  CONSTRAINT fk_proposal_supports_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- The public history of a proposal.
CREATE TABLE proposal_events (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  proposal_id    BIGINT UNSIGNED NOT NULL,
  kind           ENUM('created','edited','milestone','threshold','promoted','withdrawn','expired',
                      'routed','answered') NOT NULL,
  actor_id       BIGINT UNSIGNED NULL,
  detail         VARCHAR(255) NULL,
  created_at     DATETIME     NOT NULL,
  KEY ix_proposal_events_proposal (proposal_id, id),
  CONSTRAINT fk_proposal_events_proposal FOREIGN KEY (proposal_id) REFERENCES proposals (id),
  CONSTRAINT fk_proposal_events_actor FOREIGN KEY (actor_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Korean full-text search (Mroonga bigrams, as case_search): the title
-- and the three sections, written with the proposal.
CREATE TABLE proposal_search (
  proposal_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  created_at     DATETIME     NOT NULL,
  title          VARCHAR(200) NOT NULL,
  body           MEDIUMTEXT   NOT NULL,
  FULLTEXT KEY ft_proposal_search_title (title),
  FULLTEXT KEY ft_proposal_search_all (title, body)
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Files attached to a proposal: stored as case attachments are
-- (lib/cases/case.c: random names under the uploads directory, type
-- sniffed from the content).
CREATE TABLE proposal_attachments (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  proposal_id    BIGINT UNSIGNED NOT NULL,
  stored_name    CHAR(32)     NOT NULL,
  original_name  VARCHAR(255) NOT NULL,
  mime_type      VARCHAR(100) NOT NULL,
  size_bytes     INT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  UNIQUE KEY uq_proposal_attachments_stored (stored_name),
  KEY ix_proposal_attachments_proposal (proposal_id),
  CONSTRAINT fk_proposal_attachments_proposal FOREIGN KEY (proposal_id) REFERENCES proposals (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
