-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0026_report_channel: the workload report counts the cases received in a
-- period per channel (web, e-mail, SMS, phone, Open311;
-- report_received_by_channel in lib/reports/report.c). The index of the
-- cases filed in a period gains the channel so that count stays an
-- index-only scan, like the departments' received figure that already
-- reads it (same name: the queries that force it are unchanged).
ALTER TABLE cases
  DROP KEY ix_cases_report_filed,
  ADD KEY ix_cases_report_filed (created_at, department_id, channel);
