-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0010_accounts_hardening: a password set by an administrator (a reset on
-- /admin/staff, a new staff account) must be changed by its owner at the
-- next sign-in; until then every page leads to the password form
-- (docs/decisions.md, "Accounts").
ALTER TABLE accounts
  ADD COLUMN must_change_password TINYINT(1) NOT NULL DEFAULT 0 AFTER password_hash;
