-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0029_cases_by_primary_key: a case found by its id is the primary key's
-- job. ix_cases_report_case (0009) started with id, so MariaDB 10.11 chose
-- it over the primary key for every `UPDATE cases ... WHERE id = ?`
-- (EXPLAIN: type range, key ix_cases_report_case, Using buffer) and locked
-- the gap after the entry until the commit: the gap every newer case's
-- entry goes into, so a filing waited for any transaction that had
-- updated a recent case (bench/README.md, "The filing path"). The one
-- query it was made for, the joint cases of the workload report by
-- handler (lib/reports/report.c), reads the 939 joint cases of
-- 도시교통국 by primary key (eq_ref) as fast (ANALYZE: 4-7 ms for that
-- table against 7-17 ms through the index, bench data, 2026-12-07).
-- Every filing also writes one secondary index fewer.
ALTER TABLE cases
  DROP KEY ix_cases_report_case;
