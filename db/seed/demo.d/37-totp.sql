-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 37-totp.sql: the demo signs staff in with the printed passwords alone.
-- Production's default (migration 0037) asks every staff account for a
-- second factor (auth.totp_required = 'staff'); a demo whose logins are
-- printed for anyone to try would otherwise stop each visitor at an
-- enrolment. Anyone may still turn it on for their own account on
-- /account/2fa, or set the rule back on the settings page of the database.
UPDATE settings SET value = 'none' WHERE name = 'auth.totp_required';
