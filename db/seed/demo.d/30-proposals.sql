-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 30-proposals.sql: demo policy proposals (정책제안), one in every state
-- of the support step: open with a few supports, open and untouched (its
-- author can still edit it), one at its threshold (the parks category
-- asks 5 supports in the demo: a category's own threshold), withdrawn and
-- expired. Supports come from the demo citizens, each row counted in
-- support_count. Rows are found by login and category name.

UPDATE categories SET proposal_threshold = 5 WHERE name_ko = '공원·녹지';

-- Times relative to now, so that the open ones are still open.
INSERT INTO proposals (author_id, category_id, title, problem, proposal, effect, address, state,
                       support_count, threshold, closes_at, threshold_at, created_at, updated_at)
SELECT a.id, g.id, p.title, p.problem, p.proposal, p.effect, p.address, p.state, 0, p.threshold,
       NOW() + INTERVAL p.closes_in DAY, IF(p.state = 'threshold', NOW() - INTERVAL 1 DAY, NULL),
       NOW() - INTERVAL p.age DAY, NOW() - INTERVAL p.age DAY
FROM (
  SELECT 'minjun' AS login, '교통·주차' AS category, '심야버스 노선을 늘려 주세요' AS title,
         '자정 이후에는 시청 방면 버스가 끊겨 야간 근무자와 학생들이 귀가에 어려움을 겪습니다.' AS problem,
         '마당역–시청–신도시를 잇는 심야버스 2개 노선을 시범 운행해 주세요.' AS proposal,
         '야간 귀가 안전이 높아지고 택시 대기 줄이 줄어듭니다.' AS effect,
         '마당역 버스정류장' AS address, 'open' AS state, 50 AS threshold, 24 AS closes_in, 6 AS age
  UNION ALL
  SELECT 'seoyeon', '청소·쓰레기', '공동주택 음식물 쓰레기 수거 요일을 늘려 주세요',
         '여름철 음식물 쓰레기가 사흘씩 쌓여 악취와 해충이 생깁니다.',
         '6월부터 9월까지는 수거를 주 3회에서 주 5회로 늘려 주세요.',
         '악취 민원이 줄고 주거 환경이 쾌적해집니다.', NULL, 'open', 50, 29, 1
  UNION ALL
  SELECT 'sujin', '공원·녹지', '중앙공원에 그늘막과 음수대를 설치해 주세요',
         '중앙공원 산책로에 그늘이 없어 여름 낮에는 어르신과 아이들이 이용하기 어렵습니다.',
         '산책로 500m마다 그늘막과 음수대를 설치해 주세요.',
         '폭염 속 온열 질환을 예방하고 공원 이용이 늘어납니다.', '중앙공원 산책로', 'threshold', 5, 20, 10
  UNION ALL
  SELECT 'dohyun', '도로·보도', '학교 앞 보도 폭을 넓혀 주세요',
         '마당초등학교 앞 보도가 좁아 등교 시간에 아이들이 차도로 내려갑니다.',
         '학교 앞 200m 구간의 보도를 2m 이상으로 넓혀 주세요.',
         '통학로 안전이 높아집니다.', '마당초등학교 앞', 'withdrawn', 50, 15, 15
  UNION ALL
  SELECT 'yerin', '소음·환경오염', '공사장 소음 측정 결과를 공개해 주세요',
         '주거지 인근 공사장의 소음이 심하지만 측정 결과를 알 수 없습니다.',
         '공사장 소음 측정 결과를 매주 홈페이지에 공개해 주세요.',
         '주민이 상황을 알 수 있고 사업자의 소음 관리가 나아집니다.', NULL, 'expired', 50, -5, 35
) p
JOIN accounts a ON a.login_id = p.login
JOIN categories g ON g.name_ko = p.category;

-- Supports: who supports which proposal (by its title).
INSERT INTO proposal_supports (proposal_id, account_id, identity, created_at)
SELECT pr.id, a.id, CONCAT('a:', a.id), pr.created_at + INTERVAL s.after HOUR
FROM (
  SELECT '심야버스 노선을 늘려 주세요' AS title, 'seoyeon' AS login, 3 AS after
  UNION ALL SELECT '심야버스 노선을 늘려 주세요', 'jihoon', 20
  UNION ALL SELECT '심야버스 노선을 늘려 주세요', 'jiwoo', 40
  UNION ALL SELECT '중앙공원에 그늘막과 음수대를 설치해 주세요', 'minjun', 2
  UNION ALL SELECT '중앙공원에 그늘막과 음수대를 설치해 주세요', 'seoyeon', 5
  UNION ALL SELECT '중앙공원에 그늘막과 음수대를 설치해 주세요', 'jihoon', 9
  UNION ALL SELECT '중앙공원에 그늘막과 음수대를 설치해 주세요', 'hyunwoo', 30
  UNION ALL SELECT '중앙공원에 그늘막과 음수대를 설치해 주세요', 'yerin', 50
  UNION ALL SELECT '공사장 소음 측정 결과를 공개해 주세요', 'minjun', 12
  UNION ALL SELECT '공사장 소음 측정 결과를 공개해 주세요', 'jiwoo', 70
) s
JOIN proposals pr ON pr.title = s.title
JOIN accounts a ON a.login_id = s.login;

UPDATE proposals p
SET p.support_count = (SELECT COUNT(*) FROM proposal_supports s WHERE s.proposal_id = p.id);

-- Their history.
INSERT INTO proposal_events (proposal_id, kind, actor_id, created_at)
  SELECT id, 'created', author_id, created_at FROM proposals;
INSERT INTO proposal_events (proposal_id, kind, detail, created_at)
  SELECT id, 'milestone', '3', threshold_at - INTERVAL 1 DAY FROM proposals WHERE state = 'threshold';
INSERT INTO proposal_events (proposal_id, kind, detail, created_at)
  SELECT id, 'threshold', support_count, threshold_at FROM proposals WHERE state = 'threshold';
INSERT INTO proposal_events (proposal_id, kind, actor_id, created_at)
  SELECT id, 'withdrawn', author_id, created_at + INTERVAL 2 DAY FROM proposals WHERE state = 'withdrawn';
INSERT INTO proposal_events (proposal_id, kind, created_at)
  SELECT id, 'expired', closes_at FROM proposals WHERE state = 'expired';

-- The search index (Mroonga), as lib/proposals writes it.
INSERT INTO proposal_search (proposal_id, created_at, title, body)
  SELECT id, created_at, title, CONCAT_WS('\n', problem, proposal, effect) FROM proposals;
