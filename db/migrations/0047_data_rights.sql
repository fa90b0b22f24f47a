-- 0047_data_rights.sql: citizens' data rights (issue 13 section 4): the
-- "my data" download, account deletion by its owner, sign-in history and
-- the withdrawal of optional consents.

-- An account its owner closed (/account/delete): when. The row stays
-- (cases, proposals and posts keep their author), but its name, contact
-- data, login ID, password and verified flags are overwritten at once
-- (lib/auth/rights.c account_close); pages show the author of its
-- public posts as "탈퇴한 회원" / "Former member" (SQL_PERSON in
-- lib/db/sql.h reads this column).
ALTER TABLE accounts
  ADD COLUMN closed_at DATETIME NULL;

-- Every sign-in attempt on a known account: when, by which step
-- (password: the sign-in form; totp: the second factor), whether it
-- succeeded, from where. Never the password. Shown to the person in the
-- "my data" download; deleted with the account's row only.
CREATE TABLE sign_ins (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  at             DATETIME        NOT NULL,
  channel        ENUM('password','totp') NOT NULL,
  success        TINYINT(1)      NOT NULL,
  client_addr    VARCHAR(45)     NOT NULL,
  KEY ix_sign_ins_account (account_id, at),
  CONSTRAINT fk_sign_ins_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- SMS notices are optional: turning them on is a consent to receiving
-- SMS at the verified number (kind 'sms'), turning them off or the
-- withdrawal on /account its withdrawal.
ALTER TABLE consents
  MODIFY kind ENUM('register','phone','identity','sms') NOT NULL;
