-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0023_sms_intake: complaints by SMS (issue 10, section 2; lib/intake/sms_in.c).
--
-- sms_inbound: every message Kannel's smsbox passed to /sms/in, once.
-- msg_key is SHA-256 of Kannel's message id, the sender and the text:
-- smsbox fetching the URL again for the same message finds its row and
-- nothing is done twice. The row is written in the transaction of what
-- the message caused (the case filed, the text added, the reply queued),
-- so a message is either handled and recorded or neither.
CREATE TABLE sms_inbound (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  msg_key        CHAR(64)     NOT NULL,
  kannel_id      VARCHAR(64)  NOT NULL,
  sender         VARCHAR(20)  NOT NULL,
  body           TEXT         NOT NULL,
  action         VARCHAR(16)  NOT NULL,
  case_id        BIGINT UNSIGNED NULL,
  created_at     DATETIME     NOT NULL,
  UNIQUE KEY uq_sms_inbound_key (msg_key),
  KEY ix_sms_inbound_sender (sender, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- sms_pending: a number with an open SMS-filed case was asked
-- "1 = add to <tracking>, 2 = new": the text waiting for that answer
-- (later texts before the answer are appended, up to a case's 20,000
-- characters), one per number.
CREATE TABLE sms_pending (
  sender         VARCHAR(20)  NOT NULL PRIMARY KEY,
  case_id        BIGINT UNSIGNED NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  lang           CHAR(2)      NOT NULL,
  body           MEDIUMTEXT   NOT NULL,
  created_at     DATETIME     NOT NULL,
  CONSTRAINT fk_sms_pending_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
