-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0024_callcentre: the call centre (상담원 console, issue 10 §3).
--
-- calls: one row per call an agent records: who called (the caller's
-- account, citizen or guest, when known), from which number (digits, as
-- lib/cases/callcentre.c's phone parser leaves them: mobiles and
-- landlines), the agent, the case it was about (NULL: a general enquiry)
-- and the agent's note. kind 'filed' marks the call in which the agent
-- filed that case on the caller's behalf. idem_key: the key of the filing
-- form (one per form shown), so that the same form sent twice (a double
-- click, a reload) files one case: the second finds the first's call.
CREATE TABLE calls (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  caller_id      BIGINT UNSIGNED NULL,
  phone          VARCHAR(20) NULL,
  agent_id       BIGINT UNSIGNED NOT NULL,
  case_id        BIGINT UNSIGNED NULL,
  kind           ENUM('note','filed') NOT NULL DEFAULT 'note',
  note           TEXT NOT NULL,
  created_at     DATETIME NOT NULL,
  idem_key       VARCHAR(64) NULL,
  UNIQUE KEY uq_calls_idem (agent_id, idem_key),
  KEY ix_calls_caller (caller_id, created_at),
  KEY ix_calls_phone (phone, created_at),
  KEY ix_calls_case (case_id, created_at),
  CONSTRAINT fk_calls_caller FOREIGN KEY (caller_id) REFERENCES accounts (id) ON DELETE SET NULL,
  CONSTRAINT fk_calls_agent FOREIGN KEY (agent_id) REFERENCES accounts (id),
  CONSTRAINT fk_calls_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The consent to the collection of personal data that a caller gives by
-- telephone before an agent files for them (the web form's checkbox has
-- accounts.consent_version for this): which version of the text the
-- agent read out, which agent heard the caller agree, and when; idem_key
-- as in calls: a second sending of the same form stops here, before it
-- could file a second case.
CREATE TABLE call_consents (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  agent_id       BIGINT UNSIGNED NOT NULL,
  consent_version VARCHAR(20) NOT NULL,
  given_at       DATETIME NOT NULL,
  idem_key       VARCHAR(64) NULL,
  UNIQUE KEY uq_call_consents_idem (agent_id, idem_key),
  KEY ix_call_consents_account (account_id, given_at),
  CONSTRAINT fk_cc_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT fk_cc_agent FOREIGN KEY (agent_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
