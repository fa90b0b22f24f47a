-- SPDX-License-Identifier: AGPL-3.0-or-later
-- gen-org.sql: the organisation and the case handling behind bench/workflow's
-- measurements (the inbox, its search and the workload report), laid over
-- the 100,000 cases of gen-cases.sql, in a few set-based statements.
--
-- Expects a database seeded with the demo data (departments 1-15, the demo
-- staff with their passwords) and then filled by gen-cases.sql (cases
-- 2025-000001 ... 2025-100000 with their 'filed'/'assigned' events and
-- case_search rows, whose filing times it moves with the cases). It adds:
--   * 15 departments (16-30), so the tree has 30 in three levels: bureaus,
--     their divisions, and 도로시설팀 under 도로과;
--   * 200 staff, staff001 ... staff200, with the demo staff's password (the
--     hash of road.lee is copied): staff001-030 manage department 1-30
--     (with sub-departments), staff031-195 are handlers of one department
--     each (four of them also of a second one), staff196-200 hold global
--     roles (agent, moderator, viewer, supervisor, sysadmin); then
--     staff_scope is rebuilt with the SQL of org_scope_rebuild (lib/org/org.c);
--   * the generated cases moved in time so that the newest was filed
--     yesterday (same year-long spread; the tracking numbers keep 2025),
--     spread over the 30 departments (each category over three of them,
--     about 3,300 cases per department), over the channels, and over the
--     statuses by age: cases older than 60 days are nearly all closed or
--     answered (1.5 % still open, so overdue), those of the last two weeks
--     mostly open; deadlines of 9 days (4 % extended by a week), answers
--     after 4 hours to 10 days (some after the deadline), closing a week
--     after the answer;
--   * their departments (4 % compound: a joint department besides the
--     lead), handlers (one per department once past 'received', in turn
--     among the department's handlers) and events to match (assigned,
--     answered, closed; the 'assigned' events of cases now 'received' go).
-- Pseudo-random choices come from CRC32 of the case id, so every run makes
-- the same data. Everything is fictional.

SET NAMES utf8mb4;
SET SESSION unique_checks = 0;
SET SESSION foreign_key_checks = 0;
START TRANSACTION;

-- ---------------------------------------------------------------- departments

INSERT INTO departments (id, parent_id, name_ko, name_en) VALUES
  (16, NULL, '자치행정국', 'Local Administration Bureau'),
  (17, 16, '총무과', 'General Affairs Division'),
  (18, 16, '자치행정과', 'Community Administration Division'),
  (19, 16, '세정과', 'Taxation Division'),
  (20, NULL, '문화체육관광국', 'Culture, Sports and Tourism Bureau'),
  (21, 20, '문화예술과', 'Culture and Arts Division'),
  (22, 20, '체육진흥과', 'Sports Division'),
  (23, 20, '관광과', 'Tourism Division'),
  (24, 3, '주차관리과', 'Parking Division'),
  (25, 3, '대중교통과', 'Public Transport Division'),
  (26, 6, '자원순환과', 'Resource Recycling Division'),
  (27, 10, '노인장애인과', 'Senior and Disability Services Division'),
  (28, 10, '아동청소년과', 'Children and Youth Division'),
  (29, 12, '주택과', 'Housing Division'),
  (30, 4, '도로시설팀', 'Road Facilities Team');

-- ---------------------------------------------------------------- staff

SET @pw := IFNULL((SELECT password_hash FROM accounts WHERE login_id = 'road.lee'), '!');

INSERT INTO accounts (login_id, password_hash, name, email, mobile, kind, lang, active, created_at, updated_at)
SELECT CONCAT('staff', LPAD(s.seq, 3, '0')), @pw,
       CONCAT(ELT(1 + s.seq % 17, '김', '이', '박', '최', '정', '강', '조', '윤', '장', '임',
                  '한', '오', '서', '신', '권', '황', '안'),
              ELT(1 + (s.seq * 7) % 23, '민수', '영희', '철호', '미경', '성민', '정숙', '동현', '은정',
                  '재훈', '혜진', '상우', '지영', '태호', '수연', '경민', '보람', '진우', '하나',
                  '승현', '소영', '준호', '다은', '광수')),
       CONCAT('staff', LPAD(s.seq, 3, '0'), '@madang.example'),
       CONCAT('0107100', LPAD(s.seq, 4, '0')),
       'staff', 'ko', 1, '2025-01-02 09:00:00', '2025-01-02 09:00:00'
FROM seq_1_to_200 s;

-- n: the staff number; home: their department.
CREATE TEMPORARY TABLE bench_staff (
  n INT NOT NULL PRIMARY KEY, account_id BIGINT UNSIGNED NOT NULL, home INT UNSIGNED NOT NULL
) ENGINE=MEMORY
SELECT CAST(SUBSTRING(login_id, 6) AS UNSIGNED) AS n, id AS account_id,
       1 + (CAST(SUBSTRING(login_id, 6) AS UNSIGNED) - 1) % 30 AS home
FROM accounts WHERE login_id LIKE 'staff___' AND kind = 'staff';

-- The department each one works with most (joint cases, second memberships).
CREATE TEMPORARY TABLE bench_partner (
  department_id INT UNSIGNED NOT NULL PRIMARY KEY, partner INT UNSIGNED NOT NULL
) ENGINE=MEMORY
SELECT s.seq AS department_id,
       ELT(s.seq, 2, 1, 4, 5, 4, 8, 13, 26, 22, 11, 27, 29, 7, 15, 4,
                  18, 2, 16, 17, 21, 20, 9, 21, 5, 5, 8, 11, 15, 13, 4) AS partner
FROM seq_1_to_30 s;

INSERT INTO staff_departments (account_id, department_id)
SELECT account_id, home FROM bench_staff
UNION
SELECT b.account_id, p.partner FROM bench_staff b JOIN bench_partner p ON p.department_id = b.home
WHERE b.n BETWEEN 31 AND 195 AND b.n % 40 = 0;

INSERT INTO staff_roles (account_id, role, department_id, with_subtree)
SELECT account_id, 'manager', home, 1 FROM bench_staff WHERE n <= 30
UNION ALL
SELECT account_id, 'handler', home, 0 FROM bench_staff WHERE n BETWEEN 31 AND 195
UNION ALL
SELECT b.account_id, 'handler', p.partner, 0 FROM bench_staff b JOIN bench_partner p ON p.department_id = b.home
WHERE b.n BETWEEN 31 AND 195 AND b.n % 40 = 0
UNION ALL
SELECT account_id, ELT(n - 195, 'agent', 'moderator', 'viewer', 'supervisor', 'sysadmin'), NULL, 1
FROM bench_staff WHERE n >= 196;

-- staff_scope from roles and the tree: the SQL of org_scope_rebuild.
DELETE FROM staff_scope;
INSERT INTO staff_scope (account_id, department_id, can_handle, can_manage)
SELECT x.account_id, x.department_id, MAX(x.h), MAX(x.m) FROM (
  WITH RECURSIVE sub (root, id) AS (SELECT id, id FROM departments
   UNION ALL SELECT sub.root, c.id FROM departments c JOIN sub ON c.parent_id = sub.id)
  SELECT r.account_id, sub.id AS department_id, 1 AS h, r.role <> 'handler' AS m
  FROM staff_roles r JOIN sub ON (r.department_id IS NULL AND sub.root = sub.id)
   OR (sub.root = r.department_id AND (r.with_subtree = 1 OR sub.id = sub.root))
  WHERE r.role IN ('handler', 'manager', 'supervisor', 'sysadmin')
) x JOIN accounts a ON a.id = x.account_id AND a.active = 1
GROUP BY x.account_id, x.department_id;

-- ---------------------------------------------------------------- cases

-- Days to add so that the newest generated case was filed yesterday.
SET @shift := DATEDIFF(CURDATE(), '2025-12-31');
SET @now := NOW();

-- One pass (assignments run left to right: later ones see the new
-- created_at, status and answered_at). r: a number 0-999 per case.
UPDATE cases SET
  department_id = ELT(3 * (category_id - 1) + 1 + (id DIV 10) % 3,
                      4, 30, 3,    5, 24, 25,   8, 26, 6,    7, 18, 16,   9, 22, 20,
                      13, 29, 12,  11, 27, 10,  15, 14, 28,  2, 17, 19,   21, 23, 1),
  channel = ELT(1 + (CRC32(CONCAT('c', id)) % 100 >= 70) + (CRC32(CONCAT('c', id)) % 100 >= 85)
                  + (CRC32(CONCAT('c', id)) % 100 >= 95) + (CRC32(CONCAT('c', id)) % 100 >= 99),
                'web', 'phone', 'email', 'sms', 'open311'),
  created_at = created_at + INTERVAL @shift DAY,
  status = CASE
    WHEN created_at < @now - INTERVAL 60 DAY THEN
      CASE WHEN CRC32(CONCAT('s', id)) % 1000 < 840 THEN 'closed'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 960 THEN 'answered'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 975 THEN 'withdrawn'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 985 THEN 'rejected'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 995 THEN 'in_progress'
           ELSE 'assigned' END
    WHEN created_at < @now - INTERVAL 14 DAY THEN
      CASE WHEN CRC32(CONCAT('s', id)) % 1000 < 400 THEN 'closed'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 750 THEN 'answered'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 770 THEN 'withdrawn'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 780 THEN 'rejected'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 920 THEN IF(category_id = 7 AND id % 3 = 0, 'approval', 'in_progress')
           WHEN CRC32(CONCAT('s', id)) % 1000 < 980 THEN 'assigned'
           ELSE 'received' END
    ELSE
      CASE WHEN CRC32(CONCAT('s', id)) % 1000 < 50 THEN 'closed'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 150 THEN 'answered'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 170 THEN 'withdrawn'
           WHEN CRC32(CONCAT('s', id)) % 1000 < 450 THEN IF(category_id = 7 AND id % 3 = 0, 'approval', 'in_progress')
           WHEN CRC32(CONCAT('s', id)) % 1000 < 750 THEN 'assigned'
           ELSE 'received' END
    END,
  extensions = CRC32(CONCAT('e', id)) % 100 < 4 AND status NOT IN ('received', 'withdrawn'),
  due_at = DATE(created_at) + INTERVAL 9 + 7 * extensions DAY + INTERVAL 18 HOUR,
  needs_approval = category_id = 7,
  -- 4 hours to 10 days, most within 4 days.
  answered_at = IF(status IN ('answered', 'closed'),
                   LEAST(created_at + INTERVAL 4 * 60 + (CRC32(CONCAT('a', id)) % 1000) * (CRC32(CONCAT('a', id)) % 1000) * 60 DIV 4000 MINUTE,
                         @now - INTERVAL 1 HOUR),
                   NULL),
  closed_at = CASE status
    WHEN 'closed' THEN LEAST(answered_at + INTERVAL 7 DAY, @now - INTERVAL 30 MINUTE)
    WHEN 'withdrawn' THEN LEAST(created_at + INTERVAL 1 DAY, @now - INTERVAL 30 MINUTE)
    WHEN 'rejected' THEN LEAST(created_at + INTERVAL 2 DAY, @now - INTERVAL 30 MINUTE)
    END,
  last_action_at = CASE
    WHEN closed_at IS NOT NULL THEN closed_at
    WHEN answered_at IS NOT NULL THEN answered_at
    WHEN status = 'received' THEN created_at
    WHEN status = 'assigned' THEN created_at + INTERVAL 3 HOUR
    ELSE LEAST(created_at + INTERVAL 1 DAY, @now - INTERVAL 1 HOUR) END,
  updated_at = last_action_at,
  version = FIELD(status, 'received', 'assigned', 'in_progress', 'approval', 'answered', 'closed')
            + IF(status IN ('withdrawn', 'rejected'), 2, 0) + extensions
WHERE tracking_no LIKE '2025-%';

INSERT INTO case_departments (case_id, department_id, role, part_status, updated_at)
SELECT id, department_id, 'lead', 'open', updated_at FROM cases WHERE tracking_no LIKE '2025-%';

-- Compound cases (복합민원): a joint department, its part submitted once
-- the case is answered.
INSERT INTO case_departments (case_id, department_id, role, part_status, part_text, updated_at)
SELECT c.id, p.partner, 'joint', IF(c.status IN ('answered', 'closed'), 'submitted', 'open'),
       IF(c.status IN ('answered', 'closed'), '소관 사항을 검토하여 의견을 제출합니다.', NULL), c.updated_at
FROM cases c JOIN bench_partner p ON p.department_id = c.department_id
WHERE c.tracking_no LIKE '2025-%' AND CRC32(CONCAT('j', c.id)) % 25 = 0;

-- Handlers per department, numbered 0 … n-1 (demo ones included).
CREATE TEMPORARY TABLE bench_handlers (
  department_id INT UNSIGNED NOT NULL, k INT NOT NULL, account_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (department_id, k)
) ENGINE=MEMORY
SELECT r.department_id, ROW_NUMBER() OVER (PARTITION BY r.department_id ORDER BY r.account_id) - 1 AS k,
       r.account_id
FROM staff_roles r JOIN accounts a ON a.id = r.account_id AND a.active = 1
WHERE r.role = 'handler' AND r.department_id IS NOT NULL;

CREATE TEMPORARY TABLE bench_handler_count (
  department_id INT UNSIGNED NOT NULL PRIMARY KEY, n INT NOT NULL
) ENGINE=MEMORY
SELECT department_id, COUNT(*) AS n FROM bench_handlers GROUP BY department_id;

-- Each department of a case past 'received' has one of its handlers.
INSERT IGNORE INTO case_handlers (case_id, account_id, department_id, assigned_at)
SELECT cd.case_id, h.account_id, cd.department_id, c.created_at + INTERVAL 3 HOUR
FROM cases c
JOIN case_departments cd ON cd.case_id = c.id
JOIN bench_handler_count n ON n.department_id = cd.department_id
JOIN bench_handlers h ON h.department_id = cd.department_id AND h.k = (c.id DIV 7) % n.n
WHERE c.tracking_no LIKE '2025-%' AND c.status <> 'received';

-- ---------------------------------------------------------------- events

UPDATE case_events e JOIN cases c ON c.id = e.case_id
SET e.created_at = e.created_at + INTERVAL @shift DAY,
    e.department_id = IF(e.kind = 'assigned', c.department_id, e.department_id)
WHERE c.tracking_no LIKE '2025-%';

DELETE e FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE c.tracking_no LIKE '2025-%' AND c.status = 'received' AND e.kind = 'assigned';

SET @admin := (SELECT id FROM accounts WHERE login_id = 'admin');

INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note, target_account_id,
                         target_department_id, created_at)
SELECT c.id, 'assigned', @admin, c.department_id, 1, NULL, h.account_id, NULL, c.created_at + INTERVAL 3 HOUR
FROM cases c
LEFT JOIN case_handlers h ON h.case_id = c.id AND h.department_id = c.department_id
WHERE c.tracking_no LIKE '2025-%' AND c.status <> 'received'
  AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'assigned');

INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note, created_at)
SELECT c.id, 'answered', h.account_id, c.department_id, 1,
       '안녕하십니까. 말씀하신 내용을 현장에서 확인하고 조치하였습니다. 관심을 가져 주셔서 감사합니다.',
       c.answered_at
FROM cases c
LEFT JOIN case_handlers h ON h.case_id = c.id AND h.department_id = c.department_id
WHERE c.tracking_no LIKE '2025-%' AND c.answered_at IS NOT NULL;

INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note, created_at)
SELECT c.id, c.status, IF(c.status = 'withdrawn', c.account_id, @admin),
       IF(c.status = 'withdrawn', NULL, c.department_id), 1, NULL, c.closed_at
FROM cases c
WHERE c.tracking_no LIKE '2025-%' AND c.status IN ('closed', 'withdrawn', 'rejected');

COMMIT;

DROP TEMPORARY TABLE bench_staff, bench_partner, bench_handlers, bench_handler_count;

-- The search index keeps each case's filing time (0006): moved above.
UPDATE case_search cs JOIN cases c ON c.id = cs.case_id SET cs.created_at = c.created_at
WHERE c.tracking_no LIKE '2025-%';

-- Fresh statistics for the optimizer after so many changed rows.
ANALYZE TABLE cases, case_departments, case_handlers, staff_scope, staff_roles, staff_departments;
