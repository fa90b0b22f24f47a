-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0033_mileage: mileage and penalties (issue 11, section 4).
-- mileage_ledger is append-only (like audit_log): a point once given is
-- taken back by a 'reversal' row naming it (reverses_id), never by an
-- edit. once_key makes an award once per (reason, kind, item) and a
-- reversal once per entry, so a repeated call is a no-op (INSERT IGNORE).
-- kind/item_id name what earned the points ('case', 'proposal', 'post':
-- the content kinds every part of issue 11 uses).
CREATE TABLE mileage_ledger (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id  BIGINT UNSIGNED NOT NULL,
  points      INT NOT NULL,
  reason      ENUM('complaint_answered','proposal_threshold','proposal_accepted',
                   'opinion_recommended','report_valid','reversal') NOT NULL,
  kind        ENUM('case','proposal','post') NOT NULL,
  item_id     BIGINT UNSIGNED NOT NULL,
  reverses_id BIGINT UNSIGNED NULL,
  created_at  DATETIME NOT NULL,
  once_key    VARCHAR(80) AS (IF(reverses_id IS NULL, CONCAT(reason, ':', kind, ':', item_id),
                                 CONCAT('reversal:', reverses_id))) STORED,
  UNIQUE KEY uq_mileage_once (once_key),
  KEY ix_mileage_account (account_id, id),
  KEY ix_mileage_item (kind, item_id),
  CONSTRAINT fk_mileage_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_mileage_reverses FOREIGN KEY (reverses_id) REFERENCES mileage_ledger (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER mileage_ledger_no_update BEFORE UPDATE ON mileage_ledger FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'mileage_ledger is append-only';
CREATE TRIGGER mileage_ledger_no_delete BEFORE DELETE ON mileage_ledger FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'mileage_ledger is append-only';

-- Opt-in to the public ranking of volunteers (/mileage/ranking).
ALTER TABLE accounts ADD COLUMN mileage_public TINYINT(1) NOT NULL DEFAULT 0;

-- Graduated penalties (warning, 7 days, 30 days, indefinite). A row is
-- never deleted: lifting one (after an objection or by a moderator)
-- sets lifted_at, and a lifted penalty no longer counts for the ladder.
-- ends_at is NULL for a warning (it restricts nothing) and for an
-- indefinite restriction.
CREATE TABLE penalties (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id      BIGINT UNSIGNED NOT NULL,
  level           ENUM('warning','restrict_7','restrict_30','indefinite') NOT NULL,
  reason          VARCHAR(500) NOT NULL,
  kind            ENUM('case','proposal','post') NULL,
  item_id         BIGINT UNSIGNED NULL,
  starts_at       DATETIME NOT NULL,
  ends_at         DATETIME NULL,
  decided_by      BIGINT UNSIGNED NOT NULL,
  objection       TEXT NULL,
  objection_state ENUM('none','pending','rejected','accepted') NOT NULL DEFAULT 'none',
  objected_at     DATETIME NULL,
  objection_by    BIGINT UNSIGNED NULL,
  objection_answer VARCHAR(500) NULL,
  lifted_at       DATETIME NULL,
  lifted_by       BIGINT UNSIGNED NULL,
  lift_reason     VARCHAR(500) NULL,
  KEY ix_penalties_account (account_id, starts_at),
  KEY ix_penalties_objection (objection_state, objected_at),
  CONSTRAINT fk_penalties_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_penalties_decided FOREIGN KEY (decided_by) REFERENCES accounts (id),
  CONSTRAINT fk_penalties_lifted FOREIGN KEY (lifted_by) REFERENCES accounts (id),
  CONSTRAINT fk_penalties_objection_by FOREIGN KEY (objection_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
