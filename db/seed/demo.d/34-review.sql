-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 34-review.sql: demo proposals in their official review (issue 11):
-- one answered (accepted, with a plan and a follow-up update) and one
-- under review, each with its case of kind 'proposal' (2026-000051 and
-- 2026-000052, after demo.sql's fifty) as the tick would have filed and
-- routed it. Rows are found by login, category name and title.

INSERT INTO proposals (author_id, category_id, title, problem, proposal, effect, address, state,
                       support_count, threshold, closes_at, threshold_at, answered_at, outcome,
                       created_at, updated_at)
SELECT a.id, g.id, p.title, p.problem, p.proposal, p.effect, p.address, p.state, 0, 5,
       NOW() - INTERVAL p.age DAY + INTERVAL 30 DAY, NOW() - INTERVAL (p.age - 5) DAY,
       IF(p.state = 'answered', NOW() - INTERVAL 3 DAY, NULL), p.outcome,
       NOW() - INTERVAL p.age DAY, NOW() - INTERVAL 3 DAY
FROM (
  SELECT 'jihoon' AS login, '교통·주차' AS category, '버스정류장 실시간 도착 안내판을 늘려 주세요' AS title,
         '시 외곽 정류장에는 도착 안내판이 없어 어르신들이 추위와 더위 속에 버스를 기다립니다.' AS problem,
         '이용객이 많은 외곽 정류장부터 실시간 도착 안내판을 설치해 주세요.' AS proposal,
         '기다리는 시간을 알 수 있어 정류장 대기가 줄고 대중교통 이용이 늘어납니다.' AS effect,
         '마당시 외곽 버스정류장' AS address, 'answered' AS state, 'accepted' AS outcome, 40 AS age
  UNION ALL
  SELECT 'hyunwoo', '공원·녹지', '어린이공원 모래놀이터를 정기적으로 소독해 주세요',
         '동네 어린이공원 모래놀이터에 동물 배설물과 쓰레기가 섞여 있어 아이들을 놀게 하기 걱정됩니다.',
         '모래놀이터를 분기마다 소독하고 소독 날짜를 안내판에 적어 주세요.',
         '아이들이 안심하고 놀 수 있고 부모의 걱정이 줄어듭니다.', '마당 어린이공원', 'review', NULL, 12
) p
JOIN accounts a ON a.login_id = p.login
JOIN categories g ON g.name_ko = p.category;

INSERT INTO proposal_supports (proposal_id, account_id, identity, created_at)
SELECT pr.id, a.id, CONCAT('a:', a.id), pr.created_at + INTERVAL s.after HOUR
FROM (
  SELECT '버스정류장 실시간 도착 안내판을 늘려 주세요' AS title, 'minjun' AS login, 5 AS after
  UNION ALL SELECT '버스정류장 실시간 도착 안내판을 늘려 주세요', 'seoyeon', 9
  UNION ALL SELECT '버스정류장 실시간 도착 안내판을 늘려 주세요', 'sujin', 20
  UNION ALL SELECT '버스정류장 실시간 도착 안내판을 늘려 주세요', 'yerin', 44
  UNION ALL SELECT '버스정류장 실시간 도착 안내판을 늘려 주세요', 'dohyun', 80
  UNION ALL SELECT '어린이공원 모래놀이터를 정기적으로 소독해 주세요', 'minjun', 3
  UNION ALL SELECT '어린이공원 모래놀이터를 정기적으로 소독해 주세요', 'seoyeon', 6
  UNION ALL SELECT '어린이공원 모래놀이터를 정기적으로 소독해 주세요', 'jihoon', 10
  UNION ALL SELECT '어린이공원 모래놀이터를 정기적으로 소독해 주세요', 'jiwoo', 30
  UNION ALL SELECT '어린이공원 모래놀이터를 정기적으로 소독해 주세요', 'sujin', 60
) s
JOIN proposals pr ON pr.title = s.title
JOIN accounts a ON a.login_id = s.login;

UPDATE proposals p
SET p.support_count = (SELECT COUNT(*) FROM proposal_supports s WHERE s.proposal_id = p.id)
WHERE p.state IN ('review', 'answered');

-- Their cases, filed at the threshold and routed to the category's
-- department, due 30 business days later (roughly: six weeks).
INSERT INTO cases (tracking_no, kind, channel, category_id, department_id, account_id, title, body, is_public,
                   status, address, due_at, answered_at, last_action_at, created_at, updated_at)
SELECT IF(p.state = 'answered', '2026-000051', '2026-000052'), 'proposal', 'web', p.category_id, g.department_id,
       p.author_id, p.title,
       CONCAT('[문제점 / Problem]\n', p.problem, '\n\n[제안 내용 / Proposal]\n', p.proposal,
              '\n\n[기대 효과 / Expected effect]\n', p.effect, '\n'),
       1, IF(p.state = 'answered', 'answered', 'assigned'), p.address, p.threshold_at + INTERVAL 42 DAY,
       p.answered_at, p.updated_at, p.threshold_at, p.updated_at
FROM proposals p JOIN categories g ON g.id = p.category_id
WHERE p.title IN ('버스정류장 실시간 도착 안내판을 늘려 주세요', '어린이공원 모래놀이터를 정기적으로 소독해 주세요');

UPDATE proposals p JOIN cases c ON c.kind = 'proposal' AND c.title = p.title
SET p.case_id = c.id, p.department_id = c.department_id;

INSERT INTO case_departments (case_id, department_id, role, updated_at)
  SELECT id, department_id, 'lead', updated_at FROM cases WHERE kind = 'proposal' AND department_id IS NOT NULL
  AND tracking_no IN ('2026-000051', '2026-000052');
INSERT INTO case_handlers (case_id, account_id, department_id, assigned_at)
  SELECT c.id, (SELECT MIN(r.account_id) FROM staff_roles r WHERE r.role = 'handler'
                AND r.department_id = c.department_id), c.department_id, c.created_at
  FROM cases c WHERE c.tracking_no IN ('2026-000051', '2026-000052')
  AND EXISTS (SELECT 1 FROM staff_roles r WHERE r.role = 'handler' AND r.department_id = c.department_id);
INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, created_at)
  SELECT id, 'filed', account_id, NULL, 1, created_at FROM cases WHERE tracking_no IN ('2026-000051', '2026-000052');
INSERT INTO case_events (case_id, kind, department_id, is_public, created_at)
  SELECT id, 'routed', department_id, 1, created_at FROM cases WHERE tracking_no IN ('2026-000051', '2026-000052');

-- The answer: accepted, with its reasons and plan.
INSERT INTO answers (case_id, department_id, author_id, body, status, created_at, sent_at, outcome, plan)
SELECT c.id, c.department_id, h.account_id,
       '제안해 주셔서 감사합니다. 외곽 정류장 이용 실태를 조사한 결과, 하루 이용객 300명 이상인 정류장 24곳에 안내판이 없었습니다. 교통 약자의 대기 불편을 줄이는 효과가 커 제안을 수용합니다.',
       'sent', c.answered_at, c.answered_at, 'accepted',
       '2027년 상반기에 이용객이 많은 12곳, 하반기에 나머지 12곳에 실시간 도착 안내판을 설치합니다. 설치 현황은 이 화면에 알려 드립니다.'
FROM cases c JOIN case_handlers h ON h.case_id = c.id
WHERE c.tracking_no = '2026-000051';
INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note, answer_id, created_at)
  SELECT an.case_id, 'answered', an.author_id, an.department_id, 1, an.body, an.id, an.sent_at
  FROM answers an JOIN cases c ON c.id = an.case_id WHERE c.tracking_no = '2026-000051';

INSERT INTO proposal_updates (proposal_id, author_id, body, created_at)
SELECT p.id, an.author_id, '설치 업체를 선정했습니다. 1차 설치 12곳의 위치는 다음 달 이 화면에 알려 드립니다.',
       NOW() - INTERVAL 1 DAY
FROM proposals p JOIN answers an ON an.case_id = p.case_id WHERE p.state = 'answered' AND p.outcome = 'accepted'
AND p.title = '버스정류장 실시간 도착 안내판을 늘려 주세요';

-- Their history.
INSERT INTO proposal_events (proposal_id, kind, actor_id, created_at)
  SELECT id, 'created', author_id, created_at FROM proposals WHERE case_id IS NOT NULL;
INSERT INTO proposal_events (proposal_id, kind, detail, created_at)
  SELECT id, 'threshold', support_count, threshold_at FROM proposals WHERE case_id IS NOT NULL;
INSERT INTO proposal_events (proposal_id, kind, detail, created_at)
  SELECT p.id, 'routed', c.tracking_no, c.created_at FROM proposals p JOIN cases c ON c.id = p.case_id;
INSERT INTO proposal_events (proposal_id, kind, detail, created_at)
  SELECT id, 'answered', outcome, answered_at FROM proposals WHERE state = 'answered' AND case_id IS NOT NULL;
INSERT INTO proposal_events (proposal_id, kind, actor_id, created_at)
  SELECT proposal_id, 'update', author_id, created_at FROM proposal_updates;

-- The mileage they earned, at the default amounts (mileage.c).
INSERT INTO mileage_ledger (account_id, points, reason, kind, item_id, created_at)
  SELECT author_id, 50, 'proposal_threshold', 'proposal', id, threshold_at FROM proposals WHERE case_id IS NOT NULL;
INSERT INTO mileage_ledger (account_id, points, reason, kind, item_id, created_at)
  SELECT author_id, 100, 'proposal_accepted', 'proposal', id, answered_at FROM proposals
  WHERE state = 'answered' AND outcome = 'accepted' AND case_id IS NOT NULL;

INSERT INTO proposal_search (proposal_id, created_at, title, body)
  SELECT id, created_at, title, CONCAT_WS('\n', problem, proposal, effect) FROM proposals WHERE case_id IS NOT NULL;

INSERT INTO tracking_counters (year, last_seq) VALUES (2026, 52)
  ON DUPLICATE KEY UPDATE last_seq = GREATEST(last_seq, 52);
