-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0037_totp.sql: two-factor sign-in (TOTP, RFC 6238) for staff, optional
-- for citizens (issue 13, section 3; lib/auth/totp.h).

-- One second factor per account. secret is the 20-byte HMAC-SHA-1 key in hex
-- key (the server must compute codes, so it cannot be hashed); a row with
-- confirmed_at NULL is an enrolment under way, not yet a factor.
-- last_step is the RFC 6238 time step of the last code accepted: a code
-- is taken only for a later step, so none is accepted twice.
CREATE TABLE totp_factors (
  account_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  secret         CHAR(40) NOT NULL,
  created_at     DATETIME NOT NULL,
  confirmed_at   DATETIME NULL,
  last_step      BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT totp_factors_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Ten single-use recovery codes per factor, kept only as HMAC-SHA-256
-- under the server's key (totp.h says why not the password hash).
CREATE TABLE totp_recovery (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  code_hash      BINARY(32) NOT NULL,
  used_at        DATETIME NULL,
  UNIQUE KEY totp_recovery_code (account_id, code_hash),
  CONSTRAINT totp_recovery_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The half-signed-in state: the password was right, the second factor
-- (or the enrolment it requires) is still due. It is not a session and
-- grants nothing; its cookie (mdg_2fa) holds a token whose SHA-256 is
-- token_hash. Ten minutes long.
CREATE TABLE totp_pending (
  token_hash     BINARY(32) NOT NULL PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME NOT NULL,
  next_path      VARCHAR(500) NOT NULL DEFAULT '',
  KEY totp_pending_account (account_id),
  CONSTRAINT totp_pending_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who must have a second factor: 'staff' (every staff account, the
-- issue's default), 'contacts' (system administrators, supervisors and
-- every role that reads citizens' contact details), 'none'.
INSERT INTO settings (name, value) VALUES ('auth.totp_required', 'staff');

-- Staff signed in before the upgrade have no second factor: their
-- sessions end, and each sets one up at the next sign-in.
DELETE s FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.kind = 'staff';
