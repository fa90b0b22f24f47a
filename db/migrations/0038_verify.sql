-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0038_verify: verified contacts and password recovery (issue 13,
-- sections 1 and 2; lib/auth/verify.c).
-- contact_codes: one row per code or link sent. purpose 'mobile' and
-- 'email' prove an address of the account (address is the one the code
-- went to: a later change of address makes it useless); 'reset' lets the
-- account choose a new password. secret_hash is the SHA-256 (hex) of the
-- 6-digit code or of the link's nonce: the database never holds either.
-- tries counts wrong codes (5 at most); used_at makes each single-use.
CREATE TABLE contact_codes (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id  BIGINT UNSIGNED NOT NULL,
  purpose     ENUM('mobile','email','reset') NOT NULL,
  address     VARCHAR(254) NOT NULL,
  secret_hash CHAR(64) NOT NULL,
  tries       TINYINT UNSIGNED NOT NULL DEFAULT 0,
  created_at  DATETIME NOT NULL,
  expires_at  DATETIME NOT NULL,
  used_at     DATETIME NULL,
  KEY ix_contact_codes_account (account_id, purpose, id),
  KEY ix_contact_codes_secret (secret_hash),
  KEY ix_contact_codes_expires (expires_at),
  CONSTRAINT fk_contact_codes_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- rate_events: the shared throttle of lib/auth/rate_limit.c: one row per
-- counted event of a scope ('vcode.num', 'recover.addr', ...) and subject
-- (SHA-256 hex of a number, an address, an account id). Rows older than
-- a day serve no limit and may be deleted.
CREATE TABLE rate_events (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scope     VARCHAR(24) NOT NULL,
  subject   CHAR(64) NOT NULL,
  at        DATETIME NOT NULL,
  KEY ix_rate_events (scope, subject, at),
  KEY ix_rate_events_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- A code or link the person just asked for is not held by the SMS quiet
-- hours (sms.quiet_start/quiet_end): outbox_claim reads, while SMS wait,
-- the rows that may go at night through this index, so the waiting SMS
-- themselves are still not read.
ALTER TABLE outbox
  ADD COLUMN night_ok TINYINT(1) AS (channel = 'email' OR kind IN ('verify', 'recover', 'password_reset',
                                                                   'login_id')) STORED,
  ADD KEY ix_outbox_night_due (state, night_ok, next_attempt_at);
