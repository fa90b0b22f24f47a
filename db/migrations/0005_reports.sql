-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0005_reports: indexes for the workload report (업무량) and the public
-- statistics (lib/reports/report.c). Each figure per department is one
-- index-only scan of the cases it counts, grouped by department:
--   received  cases filed in a period      ix_cases_report_filed
--   answered  cases answered in a period   ix_cases_report_answered
--             (with the deadline and the filing time: on time, overdue,
--             average days to answer)
--   open      cases open now, past due     ix_cases_report_open
-- The figures per handler find the cases that count department by
-- department: answered in the period from ix_cases_report_dept_answered
-- (filed and open from 0003's ix_cases_dept_status), then read those
-- cases and their handlers by primary key.
ALTER TABLE cases
  ADD KEY ix_cases_report_filed (created_at, department_id),
  ADD KEY ix_cases_report_answered (answered_at, department_id, due_at, created_at),
  ADD KEY ix_cases_report_open (status, department_id, due_at),
  ADD KEY ix_cases_report_dept_answered (department_id, answered_at);
