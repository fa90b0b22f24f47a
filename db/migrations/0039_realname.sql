-- 0039_realname.sql: real-name identity (실명확인) through an external
-- identity provider, and one history of consents (issue 13).

-- A verified account: when, the name the provider confirmed, and the
-- person key (CI) only as HMAC-SHA-256 under identity.person_key_file
-- (64 hex digits): a copy of this table neither names the person key nor
-- lets anyone test a guessed one without that key. One person, one
-- account: the unique key refuses a second account of the same person.
-- The birth date is checked to be a date and not kept.
ALTER TABLE accounts
  ADD COLUMN identity_hash        CHAR(64)     NULL,
  ADD COLUMN identity_name        VARCHAR(100) NULL,
  ADD COLUMN identity_verified_at DATETIME     NULL,
  ADD UNIQUE KEY uq_accounts_identity (identity_hash);

-- The state of a redirect to the provider: single use (used_at), for
-- one account, valid identity.state_minutes (10) from created_at. The
-- nonce travels signed (IDENTITY_STATE_*); the row makes it single-use.
CREATE TABLE identity_states (
  nonce          CHAR(32)        NOT NULL PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME        NOT NULL,
  used_at        DATETIME        NULL,
  KEY ix_identity_states_created (created_at),
  CONSTRAINT fk_identity_states_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Every consent and withdrawal: which text (kind + version), given (1)
-- or withdrawn (0), when, and the agent who heard it by telephone.
-- Registration's checkbox (accounts.consent_*) and the call centre's
-- telephone consent (call_consents) are copied here once and recorded
-- here from now on (consent_record); their old columns stay for the
-- pages that read them.
CREATE TABLE consents (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  kind           ENUM('register','phone','identity') NOT NULL,
  text_version   VARCHAR(20)     NOT NULL,
  given          TINYINT(1)      NOT NULL DEFAULT 1,
  at             DATETIME        NOT NULL,
  agent_id       BIGINT UNSIGNED NULL,
  KEY ix_consents_account (account_id, at),
  CONSTRAINT fk_consents_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT fk_consents_agent FOREIGN KEY (agent_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO consents (account_id, kind, text_version, given, at)
  SELECT id, 'register', consent_version, 1, consent_at FROM accounts
  WHERE consent_version IS NOT NULL AND consent_at IS NOT NULL;
INSERT INTO consents (account_id, kind, text_version, given, at, agent_id)
  SELECT account_id, 'phone', consent_version, 1, given_at, agent_id FROM call_consents;
