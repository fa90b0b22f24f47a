-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 52-notes.sql: the demo's notes (쪽지) between staff members (any two
-- staff accounts may write to each other; citizens only within a shared
-- community, and this branch's demo has none): a read exchange between
-- 교통행정과 and 도로과, and an unread one from the supervisor, so that
-- traffic.kim's header shows an unread note. Times relative to loading.

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
