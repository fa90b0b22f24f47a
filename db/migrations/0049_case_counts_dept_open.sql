-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0049_case_counts_dept_open: the open cases' counter rows of a few
-- departments (the workload report of a bureau or a department, and its
-- handler table) as one range per department. ix_case_counts_open starts
-- with the due day, for the whole organisation's report (whose open rows
-- are then one range without the answered rows): a bureau's page read
-- every department's open rows and kept a fifth (bench/README.md, "The
-- reports' counters", 2026-12-07 07:30).
ALTER TABLE case_counts ADD KEY ix_case_counts_dept_open (dim, joint, department_id, due, open_filed);
