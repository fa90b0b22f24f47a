-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 52-notes.sql: the demo's notes (쪽지) between staff members (any two
-- staff accounts may write to each other): a read exchange between
-- 교통행정과 and 도로과, and an unread one from the supervisor, so that
-- traffic.kim's header shows an unread note; and between citizens who
-- share a community of 50-communities.sql (the walkers, the study group).
-- Times relative to loading.

INSERT INTO notes (author_id, recipient_id, body, created_at, read_at)
  SELECT a.id, r.id,
    '도로과 이 주무관님, 마당대로 차 없는 거리 토론 관련해서 우회 도로 공사 일정을 알려 주실 수 있을까요? 토론 배경 자료에 넣으려고 합니다.',
    NOW() - INTERVAL 2 DAY, NOW() - INTERVAL 2 DAY + INTERVAL 40 MINUTE
  FROM accounts a JOIN accounts r ON r.login_id = 'road.lee' WHERE a.login_id = 'traffic.kim';
INSERT INTO notes (author_id, recipient_id, body, created_at, read_at)
  SELECT a.id, r.id,
    '김 주무관님, 마당로 보도 정비는 다음 달 둘째 주에 끝납니다. 우회 구간 도면은 부서 공유 폴더에 올려 두었습니다.',
    NOW() - INTERVAL 2 DAY + INTERVAL 1 HOUR, NOW() - INTERVAL 1 DAY
  FROM accounts a JOIN accounts r ON r.login_id = 'traffic.kim' WHERE a.login_id = 'road.lee';
INSERT INTO notes (author_id, recipient_id, body, created_at)
  SELECT a.id, r.id,
    '토론 결과 요약은 마감 다음 주 수요일까지 올려 주세요. 요약 초안을 먼저 보내 주시면 함께 검토하겠습니다.',
    NOW() - INTERVAL 3 HOUR
  FROM accounts a JOIN accounts r ON r.login_id = 'traffic.kim' WHERE a.login_id = 'admin';

-- Citizens: each pair active members of one community (the rule notes keep).
INSERT INTO notes (author_id, recipient_id, body, created_at, read_at)
  SELECT a.id, r.id, x.body, NOW() - INTERVAL x.mins MINUTE,
    IF(x.read_after IS NULL, NULL, NOW() - INTERVAL x.mins MINUTE + INTERVAL x.read_after MINUTE)
  FROM (SELECT 'madang-walkers' AS slug, 'minjun' AS author, 'jihoon' AS recipient,
      '지훈 님, 처음 오신 걸 환영해요. 토요일에 분수대 앞에서 뵐게요. 물 한 병 챙겨 오세요.' AS body,
      2800 AS mins, 30 AS read_after
    UNION ALL SELECT 'madang-walkers', 'jihoon', 'minjun', '감사합니다! 사진은 제가 찍어서 갤러리에 올릴게요.', 2700, 60
    UNION ALL SELECT 'open-data-study', 'yerin', 'seoyeon',
      '전처리한 파일을 자료실에 올렸는데, 발표 순서를 다음 모임으로 미뤄도 될까요?', 240, NULL) x
  JOIN accounts a ON a.login_id = x.author
  JOIN accounts r ON r.login_id = x.recipient
  JOIN communities c ON c.slug = x.slug
  JOIN community_members ma ON ma.community_id = c.id AND ma.account_id = a.id AND ma.state = 'active'
  JOIN community_members mr ON mr.community_id = c.id AND mr.account_id = r.id AND mr.state = 'active';
