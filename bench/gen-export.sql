-- SPDX-License-Identifier: AGPL-3.0-or-later
-- gen-export.sql: 1,000,000 cases for bench/export (the raw-row export of
-- the managers' report), made in one INSERT ... SELECT from MariaDB's
-- SEQUENCE engine. Expects the demo data (categories 1-10 with their
-- departments, a citizen). Tracking numbers 2023-000001 ... 2024-500000,
-- filed from 2024-01-01 over 700 days (within one report period), spread
-- over the channels and statuses, the answered ones with an answer, a
-- fifth of those after the deadline; every tenth case with a handler.
-- No text search rows: the export does not read them.

SET NAMES utf8mb4;
SET SESSION unique_checks = 0;
SET SESSION foreign_key_checks = 0;
START TRANSACTION;

INSERT INTO cases (tracking_no, kind, channel, category_id, department_id, account_id, title, body,
                   is_public, status, created_at, updated_at, due_at, answered_at)
SELECT CONCAT(2023 + (x.seq - 1) DIV 500000, '-', LPAD(1 + (x.seq - 1) % 500000, 6, '0')),
       IF(x.seq % 50 = 0, 'proposal', 'complaint'),
       ELT(1 + x.seq % 5, 'web', 'email', 'sms', 'phone', 'open311'),
       x.k, g.department_id, a.id, '내보내기 시험 민원', '내보내기 시험 민원의 본문입니다.', 0,
       ELT(1 + (x.seq DIV 5) % 5, 'received', 'assigned', 'in_progress', 'answered', 'closed'),
       x.filed, x.filed, x.filed + INTERVAL 7 DAY,
       IF((x.seq DIV 5) % 5 >= 3, x.filed + INTERVAL IF(x.seq % 5 = 0, 9, 3) DAY, NULL)
FROM (SELECT s.seq, 1 + s.seq % 10 AS k,
             '2024-01-01 08:00:00' + INTERVAL (s.seq * 60) SECOND AS filed
      FROM seq_1_to_1000000 s) x
JOIN categories g ON g.id = x.k
JOIN (SELECT MIN(id) AS id FROM accounts WHERE kind = 'citizen') a;

INSERT INTO case_handlers (case_id, account_id, department_id, assigned_at)
SELECT c.id, st.id, c.department_id, c.created_at
FROM cases c
JOIN (SELECT MIN(a.id) AS id FROM accounts a WHERE a.kind = 'staff') st
WHERE c.tracking_no LIKE '202_-%' AND c.tracking_no < '2025' AND c.id % 10 = 0
  AND c.department_id IS NOT NULL;

COMMIT;
