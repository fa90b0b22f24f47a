-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0031_debates: policy debates (토론) and posts, the one table of short
-- public texts by citizens: a debate's opinions and their replies now,
-- comments on proposals and community posts later (parent_kind).
--
-- A debate's state follows from its times (upcoming before opens_at, open
-- until closes_at, closed after): nothing has to run at the hour.

CREATE TABLE debates (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title          VARCHAR(200) NOT NULL,          -- the question
  background     MEDIUMTEXT   NOT NULL,          -- background material
  department_id  INT UNSIGNED NOT NULL,          -- the department responsible
  opens_at       DATETIME     NOT NULL,
  closes_at      DATETIME     NOT NULL,
  created_by     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  updated_at     DATETIME     NOT NULL,
  summary        MEDIUMTEXT   NULL,              -- the official closing summary
  action         MEDIUMTEXT   NULL,              -- what the institution will do
  summary_at     DATETIME     NULL,
  summary_by     BIGINT UNSIGNED NULL,
  KEY ix_debates_opens (opens_at),
  KEY ix_debates_closes (closes_at),
  KEY ix_debates_department (department_id),
  CONSTRAINT fk_debates_department FOREIGN KEY (department_id) REFERENCES departments (id),
  CONSTRAINT fk_debates_created_by FOREIGN KEY (created_by) REFERENCES accounts (id),
  CONSTRAINT fk_debates_summary_by FOREIGN KEY (summary_by) REFERENCES accounts (id),
  CONSTRAINT ck_debates_times CHECK (closes_at > opens_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A debate's background files, stored as a case's attachments are
-- (lib/cases case_store_uploads: outside the web root, a random name).
CREATE TABLE debate_attachments (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  debate_id      BIGINT UNSIGNED NOT NULL,
  stored_name    CHAR(32)     NOT NULL,
  original_name  VARCHAR(255) NOT NULL,
  mime_type      VARCHAR(100) NOT NULL,
  size_bytes     INT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  UNIQUE KEY uq_debate_attachments_stored (stored_name),
  KEY ix_debate_attachments_debate (debate_id),
  CONSTRAINT fk_debate_attachments_debate FOREIGN KEY (debate_id) REFERENCES debates (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The side each participant takes, changeable until the debate closes.
CREATE TABLE debate_sides (
  debate_id      BIGINT UNSIGNED NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  side           ENUM('agree','disagree','neutral') NOT NULL,
  changed_at     DATETIME     NOT NULL,
  PRIMARY KEY (debate_id, account_id),
  KEY ix_debate_sides_tally (debate_id, side),
  KEY ix_debate_sides_account (account_id),
  CONSTRAINT fk_debate_sides_debate FOREIGN KEY (debate_id) REFERENCES debates (id) ON DELETE CASCADE,
  CONSTRAINT fk_debate_sides_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- Short public texts. reply_to names the top post a reply answers (one
-- level: a reply never answers a reply, lib/posts attaches it to the
-- top). side: a debate opinion's. The moderation columns are the ones
-- every table of public user text has (issue 11's moderation part).
CREATE TABLE posts (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_kind    ENUM('debate','proposal') NOT NULL,
  parent_id      BIGINT UNSIGNED NOT NULL,
  reply_to       BIGINT UNSIGNED NULL,
  author_id      BIGINT UNSIGNED NOT NULL,
  side           ENUM('agree','disagree','neutral') NULL,
  body           TEXT         NOT NULL,
  recommend_count INT UNSIGNED NOT NULL DEFAULT 0,
  moderation     ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  moderation_reason VARCHAR(255) NULL,
  created_at     DATETIME     NOT NULL,
  edited_at      DATETIME     NULL,
  KEY ix_posts_thread (parent_kind, parent_id, reply_to, id),
  KEY ix_posts_top (parent_kind, parent_id, side, moderation, recommend_count),
  KEY ix_posts_reply (reply_to, id),
  KEY ix_posts_author (author_id, id),
  CONSTRAINT fk_posts_reply FOREIGN KEY (reply_to) REFERENCES posts (id),
  CONSTRAINT fk_posts_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One recommendation per account and post (never one's own: lib/posts).
CREATE TABLE post_recommends (
  post_id        BIGINT UNSIGNED NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  PRIMARY KEY (post_id, account_id),
  KEY ix_post_recommends_account (account_id),
  CONSTRAINT fk_post_recommends_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
  CONSTRAINT fk_post_recommends_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;
