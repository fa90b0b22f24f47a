-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0021_guest_contacts: people who file without an account (issue 10: by
-- e-mail, by SMS, by telephone through an agent, through Open311) are
-- accounts of the kind 'guest': a contact (an e-mail address and/or a
-- mobile number, maybe a name) that notices reach like anyone else's, but
-- that cannot sign in (no login ID, no password). One guest per address:
-- the same sender's later cases and replies find the same guest.
--
-- A guest's address may also belong to a registered citizen: only a
-- verified address (email_verified_at, mobile_verified_at; set by the
-- identity checks) ties intake to that citizen's account, so somebody who
-- registers with another person's address does not receive their mail.
-- The e-mail stays unique among citizens and staff (email_owner), and
-- among guests (guest_email, guest_mobile).
ALTER TABLE accounts
  MODIFY login_id VARCHAR(32) NULL,
  MODIFY password_hash VARCHAR(255) NULL,
  MODIFY email VARCHAR(254) NULL,
  MODIFY kind ENUM('citizen','staff','guest') NOT NULL DEFAULT 'citizen',
  ADD email_verified_at DATETIME NULL,
  ADD mobile_verified_at DATETIME NULL,
  ADD email_owner VARCHAR(254) AS (IF(kind = 'guest', NULL, email)) PERSISTENT,
  ADD guest_email VARCHAR(254) AS (IF(kind = 'guest', email, NULL)) PERSISTENT,
  ADD guest_mobile VARCHAR(20) AS (IF(kind = 'guest', mobile, NULL)) PERSISTENT,
  DROP KEY uq_accounts_email,
  ADD UNIQUE KEY uq_accounts_email (email_owner),
  ADD UNIQUE KEY uq_accounts_guest_email (guest_email),
  ADD UNIQUE KEY uq_accounts_guest_mobile (guest_mobile),
  ADD KEY ix_accounts_mobile (mobile);
