-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0029_cases_by_primary_key: a case found by its id is the primary key's
-- job. ix_cases_report_case (0009) started with id, so MariaDB 10.11 chose
-- it over the primary key for every `UPDATE cases ... WHERE id = ?`
-- (EXPLAIN: type range, key ix_cases_report_case, Using buffer) and locked
-- the gap after the entry until the commit: the gap every newer case's
-- entry goes into, so a filing waited for any transaction that had
-- updated a recent case (bench/README.md, "The filing path").
--   ix_cases_report_joint  the same narrow entry for the one query it was
--       made for, the joint cases of the workload report by handler
--       (lib/reports/report.c), found by the case's lead department and
--       its id; it does not start with id, so the UPDATEs keep to the
--       primary key. (By the primary key alone, the wide row, the report
--       of 도시교통국 took 1.5-2 times as long at bench size.)
ALTER TABLE cases
  DROP KEY ix_cases_report_case,
  ADD KEY ix_cases_report_joint (department_id, id, created_at, status, answered_at, due_at);
