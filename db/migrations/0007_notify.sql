-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0007_notify: notices to citizens and staff (lib/notify), delivered by
-- madang-notifier (app/notifier) from a transactional outbox, and the
-- satisfaction follow-up (만족전화).

-- How each person wants to be told. The web inbox (notices) always gets
-- every notice; e-mail and SMS by these choices. Staff may take one daily
-- digest mail instead of a mail per case.
ALTER TABLE accounts
  ADD notify_email  TINYINT(1) NOT NULL DEFAULT 1,
  ADD notify_sms    TINYINT(1) NOT NULL DEFAULT 0,
  ADD notify_digest TINYINT(1) NOT NULL DEFAULT 0,
  ADD digest_sent_at DATETIME NULL;

-- Citizens get SMS unless they say otherwise (when they gave a mobile
-- number); staff only when they opt in (lib/auth/account.c does the same
-- for new accounts).
UPDATE accounts SET notify_sms = 1 WHERE kind = 'citizen';

-- One row per notice to one person: what the web inbox shows and what the
-- outbox rows deliver. kind names the template (cs-templates/mail/KIND.cs,
-- cs-templates/sms/KIND.cs); payload holds the template's values as a JSON
-- object, taken when the notice was made. idem_key makes a notice that
-- must happen once (a delay apology per deadline, a reminder) impossible
-- to store twice, whoever enqueues it and however often.
CREATE TABLE notices (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  case_id        BIGINT UNSIGNED NULL,
  kind           VARCHAR(32) NOT NULL,
  payload        TEXT NOT NULL,
  idem_key       VARCHAR(128) NULL,
  created_at     DATETIME NOT NULL,
  read_at        DATETIME NULL,
  digested       TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY uq_notices_idem (idem_key),
  KEY ix_notices_account (account_id, id),
  KEY ix_notices_case (case_id, id),
  KEY ix_notices_digest (digested, account_id),
  CONSTRAINT fk_notices_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The transactional outbox: one row per message to send on one channel.
-- Written in the transaction of the change that causes it; claimed by a
-- notifier with SELECT ... FOR UPDATE SKIP LOCKED under a lease
-- (lease_owner, lease_until); sent outside any transaction; then marked.
--   pending    waiting for next_attempt_at (and for the lease to end)
--   sent       accepted by the SMTP server / the SMS gateway
--   dead       refused for good, or still failing after the retry window
--   cancelled  a supervisor cancelled it
-- message_id is the stable Message-ID (e-mail) or idempotency key (SMS),
-- the same on every attempt, so a duplicate can be recognised.
CREATE TABLE outbox (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  notice_id      BIGINT UNSIGNED NULL,
  channel        ENUM('email','sms') NOT NULL,
  account_id     BIGINT UNSIGNED NULL,
  recipient      VARCHAR(254) NOT NULL,
  recipient_name VARCHAR(100) NULL,
  lang           CHAR(2) NOT NULL,
  kind           VARCHAR(32) NOT NULL,
  payload        MEDIUMTEXT NOT NULL,
  message_id     VARCHAR(200) NOT NULL,
  state          ENUM('pending','sent','dead','cancelled') NOT NULL DEFAULT 'pending',
  attempts       SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL,
  lease_owner    VARCHAR(64) NULL,
  lease_until    DATETIME NULL,
  last_error     VARCHAR(500) NULL,
  last_attempt_at DATETIME NULL,
  created_at     DATETIME NOT NULL,
  sent_at        DATETIME NULL,
  dlr_status     VARCHAR(32) NULL,
  dlr_at         DATETIME NULL,
  UNIQUE KEY uq_outbox_message (message_id),
  KEY ix_outbox_due (state, next_attempt_at),
  KEY ix_outbox_notice (notice_id),
  KEY ix_outbox_state_created (state, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Deadline-driven notices, found without reading every open case: each
-- column holds the time the next such notice falls due, and is cleared by
-- the notifier's scan once it has enqueued (or found nothing to send).
--   apology_due  the deadline whose passing earns a delay apology
--   remind_at    when handlers get their reminder before the deadline
-- The trigger sets both whenever a deadline is set or moved, so every
-- writer of due_at (routing, extension, reopening, imports) stays right.
-- escalate_at is when an idle case escalates (lib/cases/routing.c), derived
-- from the row itself, so the scan reads the cases due and no others.
ALTER TABLE cases
  ADD apology_due DATETIME NULL,
  ADD remind_at DATETIME NULL,
  ADD escalate_at DATETIME AS (IF(status IN ('received', 'assigned', 'in_progress') AND escalated_at IS NULL
                                  AND escalate_hours > 0, last_action_at + INTERVAL escalate_hours HOUR, NULL))
      PERSISTENT,
  ADD KEY ix_cases_apology_due (apology_due),
  ADD KEY ix_cases_remind_at (remind_at),
  ADD KEY ix_cases_escalate_at (escalate_at);

CREATE TRIGGER cases_deadline_insert BEFORE INSERT ON cases FOR EACH ROW
  SET NEW.apology_due = NEW.due_at,
      NEW.remind_at = NEW.due_at - INTERVAL NEW.reminder_hours HOUR;
CREATE TRIGGER cases_deadline_update BEFORE UPDATE ON cases FOR EACH ROW
  SET NEW.apology_due = IF(NEW.due_at <=> OLD.due_at, NEW.apology_due, NEW.due_at),
      NEW.remind_at = IF(NEW.due_at <=> OLD.due_at, NEW.remind_at,
                         NEW.due_at - INTERVAL NEW.reminder_hours HOUR);

UPDATE cases SET apology_due = due_at, remind_at = due_at - INTERVAL reminder_hours HOUR
  WHERE status IN ('received','assigned','in_progress','approval') AND due_at IS NOT NULL;

-- Satisfaction follow-up: one row per sent answer, holding the nonce of the
-- signed single-use link mailed to the citizen. A rating of 1 or 2 puts the
-- case in the call centre's callback queue until an agent records the call.
CREATE TABLE satisfaction (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id        BIGINT UNSIGNED NOT NULL,
  answer_id      BIGINT UNSIGNED NULL,
  nonce          CHAR(32) NOT NULL,
  created_at     DATETIME NOT NULL,
  rated_at       DATETIME NULL,
  rating         TINYINT UNSIGNED NULL,
  comment        TEXT NULL,
  callback_state ENUM('none','pending','done') NOT NULL DEFAULT 'none',
  callback_by    BIGINT UNSIGNED NULL,
  callback_at    DATETIME NULL,
  callback_note  TEXT NULL,
  UNIQUE KEY uq_satisfaction_nonce (nonce),
  KEY ix_satisfaction_case (case_id, id),
  KEY ix_satisfaction_callback (callback_state, rated_at),
  KEY ix_satisfaction_rated (rated_at),
  CONSTRAINT fk_satisfaction_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO settings (name, value) VALUES ('sms.quiet_start', '21:00'), ('sms.quiet_end', '08:00'),
  ('digest.hour', '8');
