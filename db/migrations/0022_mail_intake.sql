-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0022_mail_intake: e-mail intake (madang-mailin, lib/intake/mail_file.c).
-- One row per message handled, keyed by its Message-ID (or a hash of the
-- message when it has none), so that a re-delivered mail is never filed
-- twice: the row is written in the filing's own transaction.
--   outcome  filed (a new case), threaded (a reply added to its case),
--            bounce (a delivery report: the address marked failing),
--            ignored (an auto-reply, a list, our own mail: never filed);
--   sender   the From address, lower-cased: the per-sender rate limit
--            counts its rows of the last hour.
CREATE TABLE mail_intake (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  message_key VARCHAR(255) NOT NULL,
  sender      VARCHAR(254) NOT NULL,
  outcome     ENUM('filed','threaded','bounce','ignored') NOT NULL,
  case_id     BIGINT UNSIGNED NULL,
  reason      VARCHAR(200) NULL,
  created_at  DATETIME     NOT NULL,
  UNIQUE KEY uq_mail_intake_key (message_key),
  KEY ix_mail_intake_sender (sender, created_at),
  CONSTRAINT fk_mail_intake_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A delivery report for an address: notices to it are pointless until it
-- changes (the account page shows it; a new address clears it).
ALTER TABLE accounts
  ADD email_failing_at DATETIME NULL;
