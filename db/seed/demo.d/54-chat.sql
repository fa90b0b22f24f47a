-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 54-chat.sql: chat history of the demo communities (issue 14, live chat),
-- found by slug and login, in the three communities of 50-communities.sql.

-- The messages: only a room's active members write in it.
INSERT INTO chat_messages (community_id, author_id, body, created_at)
SELECT c.id, a.id, x.body, NOW() - INTERVAL x.mins MINUTE
FROM (
  SELECT 'madang-walkers' AS slug, 'minjun' AS login, '이번 토요일 아침 7시, 중앙공원 분수대 앞에서 모여요.' AS body, 2900 AS mins
  UNION ALL SELECT 'madang-walkers', 'seoyeon', '좋아요! 비 예보가 있던데 우산 챙겨 오세요.', 2880
  UNION ALL SELECT 'madang-walkers', 'jihoon', '처음 참여합니다. 코스는 얼마나 걸리나요?', 2870
  UNION ALL SELECT 'madang-walkers', 'minjun', '마당천 한 바퀴라 한 시간 반쯤 걸려요. 천천히 걸어요.', 2860
  UNION ALL SELECT 'madang-walkers', 'sujin', '산책로 가로등 하나가 꺼져 있던데 민원 넣었습니다.', 1500
  UNION ALL SELECT 'madang-walkers', 'seoyeon', '감사해요. 처리되면 알려 주세요!', 1490
  UNION ALL SELECT 'madang-walkers', 'jihoon', '오늘 모임 사진은 갤러리 게시판에 올릴게요.', 90
  UNION ALL SELECT 'open-data-study', 'seoyeon', '다음 모임 주제는 버스 정류장 승하차 데이터입니다.', 3000
  UNION ALL SELECT 'open-data-study', 'jiwoo', '데이터 내려받는 주소를 게시판에 올려 두었어요.', 2950
  UNION ALL SELECT 'open-data-study', 'yerin', '파이썬으로 전처리해 보고 결과 공유할게요.', 600
  UNION ALL SELECT 'staff-digital', 'civil.han', '이번 주 학습 자료는 자료실에 있습니다.', 1200
  UNION ALL SELECT 'staff-digital', 'road.lee', '엑셀 매크로 실습은 목요일 점심시간에 합니다.', 1100
  UNION ALL SELECT 'staff-digital', 'traffic.kim', '참석하겠습니다.', 1000
) x JOIN communities c ON c.slug = x.slug JOIN accounts a ON a.login_id = x.login
JOIN community_members cm ON cm.community_id = c.id AND cm.account_id = a.id AND cm.state = 'active'
ORDER BY x.mins DESC;
