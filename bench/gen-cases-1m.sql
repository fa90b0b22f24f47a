-- SPDX-License-Identifier: AGPL-3.0-or-later
-- gen-cases-1m.sql: 1,000,000 more cases for the managers' report over a
-- million cases (bench/workflow with BENCH_WF_1M=1; issue 12's
-- report_1m_p50_ms), on top of gen-cases.sql and gen-org.sql. Filed from
-- 2022-01-01 to the end of 2024 (one every 94 s, 2022-000001 ...
-- 2024-333334), spread over every department, the ten categories and the
-- channels; answered within 1-15 days (a ninth late), closed or answered,
-- except a third of those filed after 2024-11-01, still in progress. Short
-- private texts and no search rows: the report reads neither. After
-- loading, madangctl counters-rebuild counts them (bench/workflow does).
SET SESSION foreign_key_checks = 0;

INSERT INTO cases (tracking_no, kind, channel, category_id, department_id, account_id, title, body,
                   is_public, status, created_at, updated_at, due_at, answered_at)
SELECT CONCAT(YEAR(x.filed), '-', LPAD(x.seq - x.year_first + 1, 6, '0')), 'complaint',
       ELT(1 + x.seq % 5, 'web', 'web', 'phone', 'email', 'sms'), 1 + x.seq % 10, d.id, x.account,
       '보고서 벤치 민원', '보고서 벤치를 위한 민원입니다.', 0,
       IF(x.filed >= '2024-11-01' AND x.seq % 3 = 0, 'in_progress', IF(x.seq % 2, 'closed', 'answered')),
       x.filed, x.filed, x.filed + INTERVAL 14 DAY,
       IF(x.filed >= '2024-11-01' AND x.seq % 3 = 0, NULL,
          x.filed + INTERVAL (1 + x.seq % 15) DAY + INTERVAL IF(x.seq % 9 = 0, 14, 0) DAY)
FROM (
  SELECT s.seq, '2022-01-01 08:00:00' + INTERVAL (s.seq * 94) SECOND AS filed,
         -- the first seq of its year: numbers run from 1 in each year
         GREATEST(1, CEIL(TIMESTAMPDIFF(SECOND, '2022-01-01 08:00:00',
           CONCAT(YEAR('2022-01-01 08:00:00' + INTERVAL (s.seq * 94) SECOND), '-01-01')) / 94)) AS year_first,
         (SELECT MIN(id) FROM accounts WHERE kind = 'citizen') AS account
  FROM seq_1_to_1000000 s
) x
JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, COUNT(*) OVER () AS total FROM departments) d
  ON d.n = x.seq % d.total;

COMMIT;
ANALYZE TABLE cases;
