-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 41-participation-more.sql: what the demo still lacked around proposals
-- (issue 11): comments on proposals (posts with parent_kind 'proposal',
-- one reply, one comment held by the word filter in the moderators'
-- queue) and pending reports (신고) on a proposal and on a comment, light
-- enough to stay visible. The proposals in every state, the debates, the
-- reports on complaints and the penalised account (dohyun) come from
-- 30- to 34-. Rows are found by login and title.

SET @night_bus := (SELECT id FROM proposals WHERE title = '심야버스 노선을 늘려 주세요');
SET @bus_signs := (SELECT id FROM proposals WHERE title = '버스정류장 실시간 도착 안내판을 늘려 주세요');
SET @food_waste := (SELECT id FROM proposals WHERE title = '공동주택 음식물 쓰레기 수거 요일을 늘려 주세요');

-- Comments, oldest first as the page shows them.
INSERT INTO posts (parent_kind, parent_id, reply_to, author_id, side, body, created_at)
  SELECT 'proposal', m.proposal, NULL, a.id, NULL, m.body, NOW() - INTERVAL m.ago HOUR FROM accounts a JOIN (
    SELECT @night_bus AS proposal, 'seoyeon' AS login,
      '야간 근무를 마치고 택시를 30분씩 기다립니다. 꼭 필요한 노선이에요.' AS body, 70 AS ago
    UNION ALL SELECT @night_bus, 'jiwoo', '심야버스가 생기면 배차 간격은 어느 정도가 될까요?', 50
    UNION ALL SELECT @night_bus, 'hyunwoo', '신도시 방면 노선도 함께 검토해 주세요.', 20
    UNION ALL SELECT @bus_signs, 'minjun', '답변대로 설치되면 어르신들이 훨씬 편하시겠습니다. 진행 상황도 알려 주세요.', 30
  ) m ON a.login_id = m.login;

-- The author answers a question (one level of replies).
INSERT INTO posts (parent_kind, parent_id, reply_to, author_id, side, body, created_at)
  SELECT 'proposal', t.parent_id, t.id, a.id, NULL, '20분 간격을 제안드렸습니다. 의견 감사합니다.',
         NOW() - INTERVAL 40 HOUR
  FROM posts t JOIN accounts ta ON ta.id = t.author_id AND ta.login_id = 'jiwoo'
  JOIN accounts a ON a.login_id = 'minjun'
  WHERE t.parent_kind = 'proposal' AND t.parent_id = @night_bus AND t.reply_to IS NULL;

-- A comment the word filter held: only its author and the moderators see it.
INSERT INTO posts (parent_kind, parent_id, reply_to, author_id, side, body, moderation, moderation_reason, created_at)
  SELECT 'proposal', @food_waste, NULL, a.id, NULL, '이런 걸 제안이라고 하냐 ** 죽 여 버 린 다', 'held', NULL,
         NOW() - INTERVAL 5 HOUR
  FROM accounts a WHERE a.login_id = 'yerin';
INSERT INTO moderation_actions (kind, item_id, author_id, action, created_at)
  SELECT 'post', p.id, p.author_id, 'hold', p.created_at FROM posts p
  WHERE p.parent_kind = 'proposal' AND p.parent_id = @food_waste AND p.moderation = 'held';

-- Pending reports: the open night-bus proposal (off topic, weight 0.2)
-- and the question about it (spam, 5/6): under the threshold of 3.
INSERT INTO content_reports (kind, item_id, reporter_id, reason, note, created_at, weight)
  SELECT 'proposal', @night_bus, a.id, 'off_topic', '버스 노선은 민원으로 신청하는 게 맞지 않나요?',
         NOW() - INTERVAL 10 HOUR, (m.upheld + 1) / (m.decided + 2)
  FROM accounts a JOIN moderation_reporters m ON m.account_id = a.id WHERE a.login_id = 'yerin'
  UNION ALL
  SELECT 'post', t.id, a.id, 'spam', NULL, NOW() - INTERVAL 8 HOUR, (m.upheld + 1) / (m.decided + 2)
  FROM posts t JOIN accounts ta ON ta.id = t.author_id AND ta.login_id = 'hyunwoo'
  JOIN accounts a ON a.login_id = 'dohyun' JOIN moderation_reporters m ON m.account_id = a.id
  WHERE t.parent_kind = 'proposal' AND t.parent_id = @night_bus;
