-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0015_login_throttle: one row per login ID and per client address that
-- the sign-in throttle locks and writes in each attempt's transaction
-- (throttle_attempt in lib/auth/session.c), instead of a server-wide named
-- lock, which Galera does not replicate. Writing the row, not only locking
-- it, is what makes two attempts on different Galera nodes conflict at
-- commit. login_failures still holds the failures themselves.
--   attempts         attempts checked since the row was made: every
--                    attempt changes the row (a write of the same value
--                    would not be certified);
--   last_attempt_at  for removing rows of subjects gone quiet.
CREATE TABLE login_throttle (
  scope            ENUM('login','addr') NOT NULL,
  subject          VARCHAR(64)  NOT NULL,
  attempts         BIGINT UNSIGNED NOT NULL DEFAULT 1,
  last_attempt_at  DATETIME     NOT NULL,
  PRIMARY KEY (scope, subject),
  KEY ix_login_throttle_last (last_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
