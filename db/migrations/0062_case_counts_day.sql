-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0062_case_counts_day: the workload report's counters without the keys
-- it does not need (issue 12; bench/README.md, "The reports' counters",
-- 2026-12-07 10:00). case_counts (0045) keys its sums also by the due day
-- of the open cases and the working days of the answered ones (for the
-- managers' report's overdue and median): a department's 30 days are
-- ~170 rows there, and after any write (which empties MariaDB's query
-- cache of every statement reading them) grouping and summing them cost
-- the workload report 16-19 ms of MariaDB CPU a page. Both tables below
-- are written by the same hook (counters_case_changed, from counted_facts
-- and counted_places) in the writer's transaction, and rebuilt with
-- case_counts by madangctl counters-rebuild.
--
-- case_counts_day: the sums per (dim, day, joint, department, val), every
--   figure but the open cases (one row per department and day): the whole
--   organisation's period is a range of the primary key; a few
--   departments' (a bureau's page and its handler table) a range each of
--   ix_case_counts_day_dept, which holds the workload report's figures so
--   that it reads no row (half the CPU of a handler table: 3.2 -> 1.6 ms).
-- case_counts_open: the open cases now, per (dim, joint, department, val,
--   due): the open cases of a department are one range, a row per due
--   day, and overdue now is the sum of those due before today. A row an
--   answer left at zero is deleted by the hook, so the table holds about
--   as many rows as the open cases have distinct due days.
-- case_counts' columns but the due and working-day keys and open_filed.
CREATE TABLE case_counts_day LIKE case_counts;
ALTER TABLE case_counts_day DROP KEY ix_case_counts_open, DROP KEY ix_case_counts_dept,
  DROP KEY ix_case_counts_dept_open, DROP PRIMARY KEY, DROP COLUMN due, DROP COLUMN wd,
  DROP COLUMN open_filed, ADD PRIMARY KEY (dim, day, joint, department_id, val),
  ADD KEY ix_case_counts_day_dept (dim, joint, department_id, day, received, answered, late, seconds,
    ratings, rating_sum);

CREATE TABLE case_counts_open (
  dim           ENUM('all','category','channel','status','kind','handler') NOT NULL,
  joint         TINYINT UNSIGNED NOT NULL,
  department_id INT UNSIGNED NOT NULL,
  val           VARCHAR(24) NOT NULL,
  due           DATE NOT NULL,
  open_filed    INT NOT NULL DEFAULT 0,
  PRIMARY KEY (dim, joint, department_id, val, due)
) ENGINE=InnoDB;

-- Filled from case_counts, which the writers keep exact: no rebuild needed.
INSERT INTO case_counts_day (dim, department_id, day, val, joint, received, answered, late, seconds,
  extensions, transfers, reopened, ratings, rating_sum, callbacks)
SELECT dim, department_id, day, val, joint, SUM(received), SUM(answered), SUM(late), SUM(seconds),
  SUM(extensions), SUM(transfers), SUM(reopened), SUM(ratings), SUM(rating_sum), SUM(callbacks)
FROM case_counts GROUP BY dim, day, joint, department_id, val
HAVING SUM(received) <> 0 OR SUM(answered) <> 0 OR SUM(late) <> 0 OR SUM(seconds) <> 0
  OR SUM(extensions) <> 0 OR SUM(transfers) <> 0 OR SUM(reopened) <> 0 OR SUM(ratings) <> 0
  OR SUM(rating_sum) <> 0 OR SUM(callbacks) <> 0;

INSERT INTO case_counts_open (dim, joint, department_id, val, due, open_filed)
SELECT dim, joint, department_id, val, due, SUM(open_filed) FROM case_counts
WHERE due < '9999-12-31' GROUP BY dim, joint, department_id, val, due HAVING SUM(open_filed) <> 0;
