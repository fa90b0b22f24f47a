-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 31-debates.sql: the demo's policy debates (토론): one open (교통행정과:
-- a car-free main street on Sundays) and one closed with its official
-- summary (공원녹지과: dogs off the leash in the neighbourhood parks),
-- each with opinions on both sides, replies and recommendations by the
-- demo citizens. Times are relative to the loading moment, so that the
-- open one is open whenever the demo is loaded. Rows are found by login
-- and department name, never by a numeric id.

INSERT INTO debates (title, background, department_id, opens_at, closes_at, created_by, created_at, updated_at)
  SELECT '일요일마다 마당대로를 차 없는 거리로 운영해야 할까요?',
    '시는 매주 일요일 오전 10시부터 오후 6시까지 마당대로 1.2km 구간의 차량 통행을 막고 보행자와 자전거에 개방하는 방안을 검토하고 있습니다.\n\n기대 효과: 보행 안전, 상권 활성화, 대기질 개선.\n우려: 우회 차량으로 인한 주변 도로 정체, 대중교통 노선 변경, 상가 물품 반입.\n\n시민 여러분의 의견을 듣고 시행 여부와 방식을 정하겠습니다.',
    g.id, NOW() - INTERVAL 3 DAY, NOW() + INTERVAL 11 DAY, a.id, NOW() - INTERVAL 4 DAY, NOW() - INTERVAL 4 DAY
  FROM departments g JOIN accounts a ON a.login_id = 'admin' WHERE g.name_ko = '교통행정과';
SET @debate_open = LAST_INSERT_ID();

INSERT INTO debates (title, background, department_id, opens_at, closes_at, created_by, created_at, updated_at,
    summary, action, summary_at, summary_by)
  SELECT '근린공원에 반려견 목줄 없이 놀 수 있는 구역을 만들까요?',
    '근린공원 세 곳에 울타리를 친 반려견 놀이터(목줄 해제 구역)를 시범 설치하는 방안입니다. 설치 비용과 관리 인력, 소음과 위생 문제를 함께 검토합니다.',
    g.id, NOW() - INTERVAL 40 DAY, NOW() - INTERVAL 10 DAY, a.id, NOW() - INTERVAL 41 DAY, NOW() - INTERVAL 5 DAY,
    '참여자 다수가 울타리를 친 별도 구역이라면 찬성했습니다. 반대 의견은 소음, 배설물 관리, 어린이 안전에 대한 우려였습니다. 중립 의견은 운영 시간 제한과 이용 규칙을 조건으로 들었습니다.',
    '내년 상반기 마당근린공원 한 곳에 울타리를 친 반려견 놀이터를 시범 운영합니다. 운영 시간은 오전 7시부터 오후 9시까지이며, 배설물 수거함과 관리 인력을 두고 6개월 뒤 이용 실태와 민원을 조사해 확대 여부를 정합니다.',
    NOW() - INTERVAL 5 DAY, s.id
  FROM departments g JOIN accounts a ON a.login_id = 'admin' JOIN accounts s ON s.login_id = 'park.moon'
  WHERE g.name_ko = '공원녹지과';
SET @debate_closed = LAST_INSERT_ID();

-- Sides.
INSERT INTO debate_sides (debate_id, account_id, side, changed_at)
  SELECT m.debate, a.id, m.side, NOW() - INTERVAL m.ago HOUR FROM accounts a JOIN (
    SELECT @debate_open AS debate, 'minjun' AS login, 'agree' AS side, 60 AS ago
    UNION ALL SELECT @debate_open, 'seoyeon', 'agree', 55
    UNION ALL SELECT @debate_open, 'jihoon', 'disagree', 50
    UNION ALL SELECT @debate_open, 'jiwoo', 'agree', 40
    UNION ALL SELECT @debate_open, 'hyunwoo', 'disagree', 30
    UNION ALL SELECT @debate_open, 'sujin', 'neutral', 20
    UNION ALL SELECT @debate_closed, 'minjun', 'agree', 900
    UNION ALL SELECT @debate_closed, 'dohyun', 'disagree', 880
    UNION ALL SELECT @debate_closed, 'yerin', 'agree', 860
    UNION ALL SELECT @debate_closed, 'sujin', 'neutral', 840
    UNION ALL SELECT @debate_closed, 'jiwoo', 'agree', 820
  ) m ON m.login = a.login_id;

-- Opinions (top posts), then replies to them.
INSERT INTO posts (parent_kind, parent_id, reply_to, author_id, side, body, created_at)
  SELECT 'debate', m.debate, NULL, a.id, m.side, m.body, NOW() - INTERVAL m.ago HOUR FROM accounts a JOIN (
    SELECT @debate_open AS debate, 'minjun' AS login, 'agree' AS side,
      '아이들과 걸어서 장을 볼 수 있는 거리가 생기면 좋겠습니다. 다른 도시에서도 상권이 살아났다고 들었습니다.' AS body, 59 AS ago
    UNION ALL SELECT @debate_open, 'jihoon', 'disagree',
      '마당대로를 막으면 버스 노선이 돌아가야 합니다. 일요일에 출근하는 사람도 생각해 주세요.', 49
    UNION ALL SELECT @debate_open, 'jiwoo', 'agree',
      '시범으로 한 달에 한 번부터 시작하면 어떨까요? 정체가 심하면 조정하면 됩니다.', 39
    UNION ALL SELECT @debate_open, 'sujin', 'neutral',
      '상가 물품 반입 시간만 따로 열어 주면 찬성할 수 있습니다.', 19
    UNION ALL SELECT @debate_closed, 'minjun', 'agree',
      '울타리가 있으면 목줄 없는 개를 무서워하는 사람도 안심할 수 있습니다.', 899
    UNION ALL SELECT @debate_closed, 'dohyun', 'disagree',
      '밤늦게 짖는 소리가 걱정됩니다. 주택가와 가까운 공원은 피해 주세요.', 879
    UNION ALL SELECT @debate_closed, 'sujin', 'neutral',
      '운영 시간과 이용 규칙을 분명히 정한다면 괜찮다고 봅니다.', 839
  ) m ON m.login = a.login_id;

INSERT INTO posts (parent_kind, parent_id, reply_to, author_id, side, body, created_at)
  SELECT 'debate', t.parent_id, t.id, a.id, NULL, m.body, NOW() - INTERVAL m.ago HOUR
  FROM posts t JOIN accounts ta ON ta.id = t.author_id
  JOIN (
    SELECT @debate_open AS debate, 'jihoon' AS top_login, 'seoyeon' AS login,
      '버스는 한 블록 옆 도로로 돌리면 5분 정도 차이라고 합니다.' AS body, 45 AS ago
    UNION ALL SELECT @debate_open, 'minjun', 'hyunwoo',
      '상권이 살아날지는 지켜봐야 합니다. 주차할 곳이 없어지면 손님이 줄 수도 있어요.', 29
    UNION ALL SELECT @debate_closed, 'dohyun', 'yerin',
      '밤 9시 이후에는 닫는 것으로 하면 소음 걱정은 줄 것 같습니다.', 859
  ) m ON m.debate = t.parent_id AND m.top_login = ta.login_id
  JOIN accounts a ON a.login_id = m.login
  WHERE t.parent_kind = 'debate' AND t.reply_to IS NULL;

-- Recommendations (never one's own), then the counts they make.
INSERT INTO post_recommends (post_id, account_id, created_at)
  SELECT t.id, a.id, NOW() - INTERVAL 10 HOUR
  FROM posts t JOIN accounts ta ON ta.id = t.author_id
  JOIN (
    SELECT @debate_open AS debate, 'minjun' AS top_login, 'seoyeon' AS login
    UNION ALL SELECT @debate_open, 'minjun', 'jiwoo'
    UNION ALL SELECT @debate_open, 'minjun', 'sujin'
    UNION ALL SELECT @debate_open, 'jihoon', 'hyunwoo'
    UNION ALL SELECT @debate_open, 'jihoon', 'sujin'
    UNION ALL SELECT @debate_open, 'jiwoo', 'minjun'
    UNION ALL SELECT @debate_open, 'sujin', 'jihoon'
    UNION ALL SELECT @debate_closed, 'minjun', 'yerin'
    UNION ALL SELECT @debate_closed, 'minjun', 'jiwoo'
    UNION ALL SELECT @debate_closed, 'dohyun', 'sujin'
    UNION ALL SELECT @debate_closed, 'sujin', 'minjun'
  ) m ON m.debate = t.parent_id AND m.top_login = ta.login_id
  JOIN accounts a ON a.login_id = m.login
  WHERE t.parent_kind = 'debate' AND t.reply_to IS NULL;

UPDATE posts p SET recommend_count = (SELECT COUNT(*) FROM post_recommends r WHERE r.post_id = p.id)
  WHERE p.parent_kind = 'debate' AND p.parent_id IN (@debate_open, @debate_closed);
