-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0004_inbox: indexes for the handlers' inbox (lib/cases/inbox.c).
-- Every inbox query starts from the departments in the staff member's
-- scope and reads the cases of each department from one index that holds
-- every column the filters and the sort use, so counting and choosing a
-- page never touch the table rows:
--   ix_cases_inbox      by department, newest first (filters: status,
--                       category, channel, period, deadline)
--   ix_cases_inbox_due  by department and deadline (overdue, due soon,
--                       sorting by deadline)
-- and cases joint with a department are found from its joint rows.
ALTER TABLE cases
  ADD KEY ix_cases_inbox (department_id, created_at, status, category_id, channel, due_at),
  ADD KEY ix_cases_inbox_due (department_id, due_at, status, category_id, channel, created_at);

ALTER TABLE case_departments
  ADD KEY ix_case_departments_role (department_id, role, case_id);
