-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 32-moderation.sql: moderation's demo (0032_moderation.sql; the default
-- word list comes with the migration). The manager of 도로과 moderates
-- its public texts; a few reports wait on public complaints; one public
-- complaint is held, its reports' weight over the threshold of 3.

INSERT INTO staff_roles (account_id, role, department_id, with_subtree)
  SELECT id, 'moderator', 4, 1 FROM accounts WHERE login_id = 'road.choi';

-- Reporters with a record: four whose reports were upheld before, one
-- whose reports were all dismissed (weight (0 + 1) / (3 + 2) = 0.2).
INSERT INTO moderation_reporters (account_id, upheld, decided)
  SELECT id, 4, 4 FROM accounts WHERE login_id IN ('minjun', 'seoyeon', 'dohyun')
  UNION ALL SELECT id, 3, 3 FROM accounts WHERE login_id = 'jiwoo'
  UNION ALL SELECT id, 0, 3 FROM accounts WHERE login_id = 'yerin';

-- Pending reports on the oldest public complaint of 도로과 (not held:
-- 0.5 + 0.2 weigh less than 3).
SET @reported := (SELECT MIN(id) FROM cases WHERE is_public = 1 AND department_id = 4);
INSERT INTO content_reports (kind, item_id, reporter_id, reason, note, created_at, weight)
  SELECT 'case', @reported, a.id, 'off_topic', '민원과 관계없는 홍보 문구가 있습니다.', NOW() - INTERVAL 2 DAY, 0.5
  FROM accounts a JOIN cases c ON c.id = @reported AND c.account_id <> a.id WHERE a.login_id = 'hyunwoo'
  UNION ALL
  SELECT 'case', @reported, a.id, 'spam', NULL, NOW() - INTERVAL 1 DAY, 0.2
  FROM accounts a JOIN cases c ON c.id = @reported AND c.account_id <> a.id WHERE a.login_id = 'yerin';

-- A held complaint: the newest public complaint of 교통행정과, reported
-- for personal data by four accurate reporters (5/6 + 5/6 + 5/6 + 4/5).
SET @held := (SELECT MAX(id) FROM cases WHERE is_public = 1 AND department_id = 5);
INSERT INTO content_reports (kind, item_id, reporter_id, reason, note, created_at, weight)
  SELECT 'case', @held, a.id, 'personal_data', '다른 사람의 전화번호가 적혀 있어요.', NOW() - INTERVAL 3 HOUR,
         (m.upheld + 1) / (m.decided + 2)
  FROM accounts a JOIN moderation_reporters m ON m.account_id = a.id
  JOIN cases c ON c.id = @held AND c.account_id <> a.id
  WHERE a.login_id IN ('minjun', 'seoyeon', 'dohyun', 'jiwoo');
UPDATE cases SET moderation = 'held' WHERE id = @held;
INSERT INTO moderation_actions (kind, item_id, author_id, action, created_at)
  SELECT 'case', id, account_id, 'hold', NOW() - INTERVAL 3 HOUR FROM cases WHERE id = @held;
