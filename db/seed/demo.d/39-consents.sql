-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 39-consents.sql: the demo accounts' registration consents in the one
-- consent history (issue 13): demo.sql writes accounts.consent_* as
-- registration did before migration 0039; the history on /account shows
-- them from here.
INSERT INTO consents (account_id, kind, text_version, given, at)
  SELECT a.id, 'register', a.consent_version, 1, a.consent_at FROM accounts a
  WHERE a.consent_version IS NOT NULL AND a.consent_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.account_id = a.id AND c.kind = 'register');
