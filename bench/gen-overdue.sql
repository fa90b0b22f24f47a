-- SPDX-License-Identifier: AGPL-3.0-or-later
-- gen-overdue.sql: cases for bench/notifier's deadline scan, numbered
-- @first ... @last (call it in chunks: a transaction each), made with one
-- INSERT ... SELECT from MariaDB's SEQUENCE engine. Only the columns the
-- scan and its notices read are realistic: no events, no case_search rows
-- (the Mroonga index is not needed), short titles and bodies.
--
-- Expects a database migrated and seeded with the demo data (categories
-- 1-10 with their departments), and the cases_deadline_insert trigger
-- dropped by the caller while it runs: the trigger would set apology_due
-- and remind_at from due_at, while this file sets them as a running
-- system has them, the past ones already cleared by earlier scans.
-- bench/notifier saves the trigger with mariadb-dump first and puts it
-- back afterwards.
--
-- Case number k (1 ... 1,000,000) is, by k mod 100:
--   50, k <= @overdue_upto   newly overdue: open, due a few hours ago,
--                            apology_due = due_at (the scan's work),
--                            reminder done (remind_at NULL)
--   0-9                      open and not yet due (2-9 days ahead):
--                            apology_due and remind_at in the future,
--                            last action within the day (escalates later)
--   10-14                    open, overdue and already apologised and
--                            escalated: apology_due, remind_at NULL
--   the rest                 answered (every 10th) or closed, due passed
--                            long ago: apology_due, remind_at NULL
-- so 1,000 newly overdue among the first 100,000 with @overdue_upto =
-- 100000, and none among the cases after them. Tracking numbers
-- 2021-000001 ... 2024-250000 (250,000 a year; the demo's are 2026-*),
-- filers among 5,000 citizens ovd000001 ... (made by the first chunk).
-- Times are Korea time, as the application stores them.

SET NAMES utf8mb4;
SET time_zone = '+09:00';
SET SESSION unique_checks = 0;
SET SESSION foreign_key_checks = 0;
START TRANSACTION;

-- Citizens: e-mail and SMS on, as citizens are by default.
INSERT INTO accounts (login_id, password_hash, name, email, mobile, kind, lang, consent_version,
                      consent_at, active, created_at, updated_at, notify_email, notify_sms)
SELECT CONCAT('ovd', LPAD(s.seq, 6, '0')), '!',
       CONCAT(ELT(1 + s.seq % 10, '김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'),
              ELT(1 + (s.seq DIV 10) % 10, '민준', '서연', '지훈', '지우', '현우', '수진', '도현',
                  '예린', '하준', '서윤')),
       CONCAT('ovd', LPAD(s.seq, 6, '0'), '@example.kr'),
       CONCAT('010', LPAD(20000000 + s.seq, 8, '0')),
       'citizen', IF(s.seq % 20 = 0, 'en', 'ko'), '2026-01', '2021-01-01 00:00:00', 1,
       '2021-01-01 00:00:00', '2021-01-01 00:00:00', 1, 1
FROM seq_1_to_5000 s
WHERE @first = 1;
SET @acc0 = (SELECT id FROM accounts WHERE login_id = 'ovd000001');

INSERT INTO cases (tracking_no, kind, channel, category_id, department_id, account_id, title, body,
                   is_public, status, created_at, updated_at, due_at, last_action_at, answered_at,
                   closed_at, escalated_at, apology_due, remind_at)
SELECT CONCAT(2021 + (x.k - 1) DIV 250000, '-', LPAD((x.k - 1) % 250000 + 1, 6, '0')),
       'complaint', 'web', g.id, g.department_id, @acc0 + x.k * 7919 % 5000,
       ELT(1 + x.k % 8, '보도블록 파손 신고', '도로 포트홀 보수 요청', '불법 주정차 단속 요청',
           '신호등 고장 신고', '쓰레기 무단투기 신고', '공사장 야간 소음', '공원 가로등 고장',
           '놀이터 시설 파손'),
       '현장을 확인해 주시기 바랍니다.', x.k % 3 = 0,
       CASE x.grp WHEN 'new' THEN ELT(1 + x.k DIV 100 % 3, 'received', 'assigned', 'in_progress')
                  WHEN 'open' THEN ELT(1 + x.k % 4, 'received', 'assigned', 'in_progress', 'approval')
                  WHEN 'late' THEN 'in_progress'
                  ELSE IF(x.k % 10 = 5, 'answered', 'closed') END,
       x.filed, x.filed + INTERVAL 1 DAY,
       x.due, x.acted, IF(x.grp = 'done', x.due - INTERVAL 2 DAY, NULL),
       IF(x.grp = 'done' AND x.k % 10 <> 5, x.due + INTERVAL 5 DAY, NULL),
       IF(x.grp = 'late', x.due + INTERVAL 1 DAY, NULL),
       IF(x.grp IN ('new', 'open'), x.due, NULL),
       IF(x.grp = 'open', x.due - INTERVAL 24 HOUR, NULL)
FROM (
  SELECT y.k, y.grp,
         CASE y.grp WHEN 'new' THEN NOW() - INTERVAL 9 DAY - INTERVAL y.k % 240 MINUTE
                    WHEN 'open' THEN NOW() - INTERVAL y.k % 5 DAY - INTERVAL y.k % 1440 MINUTE
                    WHEN 'late' THEN NOW() - INTERVAL 12 DAY - INTERVAL y.k % 60 DAY
                    ELSE TIMESTAMP('2021-01-01 08:00:00')
                         + INTERVAL ((y.k - 1) DIV 250000) YEAR
                         + INTERVAL ((y.k - 1) % 250000) * 120 SECOND END AS filed,
         CASE y.grp WHEN 'new' THEN NOW() - INTERVAL (1 + y.k % 240) MINUTE
                    WHEN 'open' THEN NOW() + INTERVAL (2 + y.k % 8) DAY
                    WHEN 'late' THEN NOW() - INTERVAL 3 DAY - INTERVAL y.k % 60 DAY
                    ELSE TIMESTAMP('2021-01-10 08:00:00')
                         + INTERVAL ((y.k - 1) DIV 250000) YEAR
                         + INTERVAL ((y.k - 1) % 250000) * 120 SECOND END AS due,
         CASE y.grp WHEN 'done' THEN NULL
                    ELSE NOW() - INTERVAL y.k % 600 MINUTE END AS acted
  FROM (
    SELECT s.seq AS k,
           CASE WHEN s.seq % 100 = 50 AND s.seq <= @overdue_upto THEN 'new'
                WHEN s.seq % 100 < 10 THEN 'open'
                WHEN s.seq % 100 < 15 THEN 'late'
                ELSE 'done' END AS grp
    FROM seq_1_to_1000000 s
    WHERE s.seq BETWEEN @first AND @last
  ) y
) x
JOIN categories g ON g.id = 1 + x.k % 10;

COMMIT;
