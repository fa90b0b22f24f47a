-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0035_report_monthly.sql: the months whose report has been mailed to the
-- department managers (lib/reports/monthly.c). The notifier's scan looks
-- here first, so that the month's figures are computed once, not on every
-- scan; each mail also has its own idempotency key in the outbox.
CREATE TABLE report_monthly_runs (
  month          CHAR(7)  NOT NULL PRIMARY KEY,  -- the month reported on, 2026-11
  done_at        DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
