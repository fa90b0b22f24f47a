-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0045_case_counts: the reports' counters (issue 12, section 4; the
-- choice in docs/decisions.md, "Report counters"). Every writer of a case
-- calls counters_case_changed (lib/reports/counters.c) in its own
-- transaction: it takes the case's last contribution out of case_counts
-- and puts its new one in, so the counters are exact at every commit.
-- After this migration, and to repair: madangctl counters-rebuild.
--
-- counted_facts: what one case adds, per day of the figure's own event
--   (received on its filing day, answered and late on its answer's day,
--   open on its filing day, extensions/transfers/reopened on the event's
--   day, ratings and callbacks on theirs). Two more keys make the figures
--   that are not sums exact: due, the due day of an open case (overdue
--   now = open with due before today, plus today's due before now, read
--   from the few cases due today), '9999-12-30' for an open case without
--   one, '9999-12-31' otherwise (so the open cases' rows are a range of
--   ix_case_counts_open); wd, the
--   working days from filing to the answer of an answered case (weekdays
--   after the filing day up to the answer's, less holidays: the average
--   and median come from its histogram), -1 otherwise.
-- counted_places: where a case counts: per dimension (all, category,
--   channel, status, kind: one value each) once for its lead department
--   (joint = 0; 0 when no rule placed it) and once for each joint
--   department (joint = 1); per handler (dim 'handler', val the account,
--   or '0' when none) in the handler's own department.
-- case_counts: the sums of facts x places, by (dim, day, joint, department,
--   val, due, wd): what the reports read, a period's rows as a range of
--   days (of a few departments: ix_case_counts_dept), the open cases' as
--   a range of due days. Rows a case left at
--   zero stay until the next rebuild; they add nothing. After a change of the holidays
--   of days already past, madangctl counters-rebuild counts the working
--   days again.
CREATE TABLE counted_facts (
  case_id       BIGINT UNSIGNED NOT NULL,
  day           DATE NOT NULL,
  due           DATE NOT NULL,
  wd            SMALLINT NOT NULL,
  received      INT NOT NULL,
  answered      INT NOT NULL,
  late          INT NOT NULL,
  seconds       BIGINT NOT NULL,
  open_filed    INT NOT NULL,
  extensions    INT NOT NULL,
  transfers     INT NOT NULL,
  reopened      INT NOT NULL,
  ratings       INT NOT NULL,
  rating_sum    INT NOT NULL,
  callbacks     INT NOT NULL,
  PRIMARY KEY (case_id, day, due, wd)
) ENGINE=InnoDB;

CREATE TABLE counted_places (
  case_id       BIGINT UNSIGNED NOT NULL,
  dim           ENUM('all','category','channel','status','kind','handler') NOT NULL,
  department_id INT UNSIGNED NOT NULL,
  val           VARCHAR(24) NOT NULL,
  joint         TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (case_id, dim, department_id, val)
) ENGINE=InnoDB;

CREATE TABLE case_counts (
  dim           ENUM('all','category','channel','status','kind','handler') NOT NULL,
  department_id INT UNSIGNED NOT NULL,
  day           DATE NOT NULL,
  val           VARCHAR(24) NOT NULL,
  joint         TINYINT UNSIGNED NOT NULL,
  due           DATE NOT NULL,
  wd            SMALLINT NOT NULL,
  received      INT NOT NULL DEFAULT 0,
  answered      INT NOT NULL DEFAULT 0,
  late          INT NOT NULL DEFAULT 0,
  seconds       BIGINT NOT NULL DEFAULT 0,
  open_filed    INT NOT NULL DEFAULT 0,
  extensions    INT NOT NULL DEFAULT 0,
  transfers     INT NOT NULL DEFAULT 0,
  reopened      INT NOT NULL DEFAULT 0,
  ratings       INT NOT NULL DEFAULT 0,
  rating_sum    INT NOT NULL DEFAULT 0,
  callbacks     INT NOT NULL DEFAULT 0,
  PRIMARY KEY (dim, day, joint, department_id, val, due, wd),
  KEY ix_case_counts_open (dim, due, joint, department_id, open_filed),
  KEY ix_case_counts_dept (dim, joint, department_id, day)
) ENGINE=InnoDB;

-- case_counts_month: the same sums by month (day: its first day), written
-- by the same statements: a long period's whole months are read here
-- (12 rows a year per key instead of 365).
CREATE TABLE case_counts_month LIKE case_counts;
ALTER TABLE case_counts_month DROP KEY ix_case_counts_open, DROP KEY ix_case_counts_dept;
