-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0048_retention: the retention job (issue 13 section 4; lib/privacy/
-- retention.c, docs/operations.md "Retention") and the confirmation step
-- after the real-name callback.

-- One row per day the notifier's daily run of the job finished: later
-- runs of the same day find it and do nothing. The counts are what that
-- run removed or anonymised (for the operator; nothing reads them back).
CREATE TABLE retention_runs (
  day          DATE         NOT NULL PRIMARY KEY,
  finished_at  DATETIME     NOT NULL,
  summary      VARCHAR(300) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- When the job removed a closed case's personal data (NULL: not yet).
-- The case row, its dates, status, category and departments stay: the
-- reports count them as before.
ALTER TABLE cases
  ADD COLUMN anonymised_at DATETIME NULL,
  ADD KEY ix_cases_retention (anonymised_at, status, updated_at);

-- The confirmation step: the callback no longer links the identity at
-- once. It stores the checked claim on the state (the person key only as
-- its keyed hash, the name, the birth year; claimed_at) and the account
-- that started the check confirms it on /account/identity/confirm from
-- the same session (session_hash: SHA-256 of the session token that
-- started it). A state not confirmed within its minutes links nothing,
-- and the retention job deletes it.
ALTER TABLE identity_states
  ADD COLUMN session_hash     BINARY(32)   NULL,
  ADD COLUMN claim_hash       CHAR(64)     NULL,
  ADD COLUMN claim_name       VARCHAR(100) CHARACTER SET utf8mb4 NULL,
  ADD COLUMN claim_birth_year SMALLINT UNSIGNED NULL,
  ADD COLUMN claimed_at       DATETIME     NULL;
