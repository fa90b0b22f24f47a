-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0032_moderation: moderation of public user text (issue 11, section 3;
-- lib/moderation). Reports (신고) by signed-in people, weighted by each
-- reporter's past accuracy; the moderation state of a public complaint's
-- text; the word list that masks or holds posts; the history of
-- moderators' decisions (with the penalty each upheld one owes); the
-- authors' objections; the throttle's log of public posts.

-- A public complaint's text under moderation, as every other table of
-- public user text (proposals, posts): the case itself continues whatever
-- happens to its text; the public page shows a line instead of it.
ALTER TABLE cases
  ADD COLUMN moderation ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  ADD COLUMN moderation_reason VARCHAR(255) NULL,
  -- the moderators' queue reads the held ones without a scan
  ADD KEY ix_cases_moderation (moderation);

-- One report per person per item. weight is the reporter's accuracy when
-- they reported ((upheld + 1) / (decided + 2)); outcome is set when a
-- moderator decides the item (NULL: pending).
CREATE TABLE content_reports (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind           ENUM('case','proposal','post') NOT NULL,
  item_id        BIGINT UNSIGNED NOT NULL,
  reporter_id    BIGINT UNSIGNED NOT NULL,
  reason         ENUM('abuse','personal_data','spam','off_topic','other') NOT NULL,
  note           VARCHAR(500) NULL,
  created_at     DATETIME NOT NULL,
  weight         DECIMAL(6,4) NOT NULL,
  outcome        ENUM('upheld','dismissed') NULL,
  decided_at     DATETIME NULL,
  UNIQUE KEY uq_content_reports (kind, item_id, reporter_id),
  KEY ix_content_reports_pending (outcome, kind, item_id),
  KEY ix_content_reports_reporter (reporter_id, id),
  CONSTRAINT fk_content_reports_reporter FOREIGN KEY (reporter_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each reporter's record: reports decided and, of those, upheld.
CREATE TABLE moderation_reporters (
  account_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  upheld         INT UNSIGNED NOT NULL DEFAULT 0,
  decided        INT UNSIGNED NOT NULL DEFAULT 0,
  CONSTRAINT fk_moderation_reporters_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- The profanity and abuse list: a word masks (replaced by asterisks) or
-- holds the post for review; an exception is an innocent word that
-- contains a listed one (시발점) and protects it.
CREATE TABLE moderation_words (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  word           VARCHAR(50) NOT NULL,
  action         ENUM('mask','hold','exception') NOT NULL,
  added_by       BIGINT UNSIGNED NULL,
  created_at     DATETIME NOT NULL,
  UNIQUE KEY uq_moderation_words (word),
  CONSTRAINT fk_moderation_words_by FOREIGN KEY (added_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A short default list: common swear words and their usual spellings
-- (the filter matches their initial-consonant forms, ㅅㅂ, by itself),
-- threats held for review, and innocent words that contain them.
INSERT INTO moderation_words (word, action, created_at) VALUES
  ('씨발', 'mask', NOW()), ('시발', 'mask', NOW()), ('씨팔', 'mask', NOW()),
  ('시팔', 'mask', NOW()), ('씨빨', 'mask', NOW()), ('개새끼', 'mask', NOW()),
  ('개새기', 'mask', NOW()), ('병신', 'mask', NOW()), ('지랄', 'mask', NOW()),
  ('존나', 'mask', NOW()), ('좆', 'mask', NOW()), ('썅', 'mask', NOW()),
  ('니애미', 'hold', NOW()), ('느금마', 'hold', NOW()), ('죽여버린다', 'hold', NOW()),
  ('죽여버리겠다', 'hold', NOW()),
  ('시발점', 'exception', NOW()), ('시발역', 'exception', NOW()), ('시발택시', 'exception', NOW()),
  ('시발표', 'exception', NOW()), ('시발전', 'exception', NOW()), ('시발행', 'exception', NOW()),
  ('병신년', 'exception', NOW()), ('병신년도', 'exception', NOW());

-- Moderators' decisions on items (the audit log has them too, by actor):
-- hide, restore, delete, dismiss, unpublish, and the automatic hold.
-- category is the moderator's ground (as a report's reason), reason the
-- words the author reads. penalty is 'owed' for an upheld abuse or spam
-- decision until the penalty code
-- (lib/mileage, penalty_apply) has applied it to the author.
CREATE TABLE moderation_actions (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind           ENUM('case','proposal','post') NOT NULL,
  item_id        BIGINT UNSIGNED NOT NULL,
  author_id      BIGINT UNSIGNED NOT NULL,
  actor_id       BIGINT UNSIGNED NULL,
  action         ENUM('hold','hide','restore','delete','dismiss','unpublish') NOT NULL,
  category       ENUM('abuse','personal_data','spam','off_topic','other') NULL,
  reason         VARCHAR(255) NULL,
  penalty        ENUM('none','owed','applied') NOT NULL DEFAULT 'none',
  created_at     DATETIME NOT NULL,
  KEY ix_moderation_actions_item (kind, item_id, id),
  KEY ix_moderation_actions_penalty (penalty, id),
  CONSTRAINT fk_moderation_actions_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An author's objection to a hold, hide or delete: it lands in the queue
-- until a moderator decides the item again.
CREATE TABLE moderation_objections (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind           ENUM('case','proposal','post') NOT NULL,
  item_id        BIGINT UNSIGNED NOT NULL,
  author_id      BIGINT UNSIGNED NOT NULL,
  text           VARCHAR(2000) NOT NULL,
  created_at     DATETIME NOT NULL,
  resolved_at    DATETIME NULL,
  KEY ix_moderation_objections_open (resolved_at, kind, item_id),
  CONSTRAINT fk_moderation_objections_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Public posts of the last hours, per account and client address, for
-- the throttle (moderation_throttle); rows older than a day are removed
-- as new ones come.
CREATE TABLE moderation_posts (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind           ENUM('case','proposal','post') NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  client_addr    VARCHAR(45) NOT NULL,
  created_at     DATETIME NOT NULL,
  KEY ix_moderation_posts_account (account_id, created_at),
  KEY ix_moderation_posts_addr (client_addr, created_at),
  KEY ix_moderation_posts_created (created_at)
) ENGINE=InnoDB;
