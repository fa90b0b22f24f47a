-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 51-boards.sql: the demo's community board posts (issue 14 section 2) in
-- the three communities of 50-communities.sql: the walkers' public group
-- (a pinned notice, free-board posts, one linking a public complaint as a
-- card, and a question board the managers added, with an answer and a
-- reply), the study group's notice, question and files, and the staff
-- group's notice and free board. Only members write; rows are found by
-- login and slug, never by a numeric id. Times relative to loading.

INSERT IGNORE INTO community_boards (community_id, kind, position, created_at)
  SELECT id, 'qna', 3, NOW() - INTERVAL 30 DAY FROM communities WHERE slug = 'madang-walkers';

-- Posts: community, kind of board, author, title, body, pinned, reads, hours ago, link.
INSERT INTO community_posts (community_id, board_id, author_id, title, body, pinned, read_count, link_kind, link_key,
    created_at)
  SELECT c.id, b.id, a.id, p.title, p.body, p.pinned, p.reads_n, p.link_kind, p.link_key,
    NOW() - INTERVAL p.ago HOUR
  FROM (SELECT 'madang-walkers' AS slug, 'notice' AS kind, 'minjun' AS login, '걷기모임 이용 안내' AS title,
      '서로 존중하는 대화를 부탁드립니다. 광고와 개인정보 게시는 삭제됩니다. 동네 소식은 자유게시판에, 궁금한 점은 묻고 답하기에 올려 주세요.' AS body,
      1 AS pinned, 42 AS reads_n, 600 AS ago, NULL AS link_kind, NULL AS link_key
    UNION ALL SELECT 'madang-walkers', 'notice', 'seoyeon', '이번 달 마당천 정화 활동',
      '토요일 오전 10시, 마당천 산책로 입구에서 모입니다. 장갑과 봉투는 준비해 두겠습니다.', 0, 17, 120, NULL, NULL
    UNION ALL SELECT 'madang-walkers', 'free', 'jihoon', '마당대로 보도블록 파손 민원 올렸어요',
      '보도블록이 깨져 유모차가 다니기 어렵습니다. 민원을 넣었으니 공감하시는 분은 진행 상황을 함께 봐 주세요.',
      0, 25, 48, 'case', (SELECT tracking_no FROM cases WHERE is_public = 1 AND moderation = 'visible' ORDER BY id LIMIT 1)
    UNION ALL SELECT 'madang-walkers', 'free', 'seoyeon', '주말 벼룩시장 후기',
      '생각보다 많은 분이 오셨어요. 다음에는 아이들 책 교환 코너도 만들면 좋겠습니다.', 0, 9, 20, NULL, NULL
    UNION ALL SELECT 'madang-walkers', 'qna', 'jihoon', '분리수거 요일이 바뀌었나요?',
      '재활용품 배출 요일이 바뀌었다는 이야기를 들었는데 아시는 분 계신가요?', 0, 12, 30, NULL, NULL
    UNION ALL SELECT 'open-data-study', 'notice', 'seoyeon', '모임 진행 방식 안내',
      '격주 목요일 저녁에 모여 한 사람씩 분석 결과를 발표합니다. 자료는 자료실에 올려 주세요.', 1, 15, 500, NULL, NULL
    UNION ALL SELECT 'open-data-study', 'qna', 'yerin', '버스 승하차 데이터는 어디서 받나요?',
      '정류장별 승하차 인원을 보고 싶은데 어느 누리집에서 받을 수 있을까요?', 0, 8, 70, NULL, NULL
    UNION ALL SELECT 'open-data-study', 'files', 'jiwoo', '정류장 데이터 정리 방법',
      '정류장 번호로 묶어 시간대별로 합치는 순서를 정리했습니다. 다음 모임에서 같이 봐요.', 0, 6, 50, NULL, NULL
    UNION ALL SELECT 'staff-digital', 'notice', 'civil.han', '이번 달 학습 일정',
      '매주 목요일 점심시간에 3층 교육장에서 모입니다. 실습 파일은 자료실에 있습니다.', 1, 11, 300, NULL, NULL
    UNION ALL SELECT 'staff-digital', 'free', 'traffic.kim', '민원 답변 서식 공유합니다',
      '자주 받는 교통 민원의 답변 서식을 정리해 보았습니다. 고칠 점을 알려 주세요.', 0, 7, 40, NULL, NULL) p
  JOIN communities c ON c.slug = p.slug
  JOIN accounts a ON a.login_id = p.login
  JOIN community_members m ON m.community_id = c.id AND m.account_id = a.id AND m.state = 'active'
  JOIN community_boards b ON b.community_id = c.id AND b.kind = p.kind
  WHERE NOT EXISTS (SELECT 1 FROM community_posts x WHERE x.community_id = c.id AND x.title = p.title);

INSERT INTO community_post_search (post_id, community_id, title, body)
  SELECT id, community_id, title, body FROM community_posts
  ON DUPLICATE KEY UPDATE title = VALUES(title), body = VALUES(body);

-- Comments and replies (posts, parent kind 'cpost'): post title, author,
-- body, hours ago, and whether it answers the post's first comment.
INSERT INTO posts (parent_kind, parent_id, author_id, body, created_at)
  SELECT 'cpost', p.id, a.id, x.body, NOW() - INTERVAL x.ago HOUR
  FROM (SELECT '분리수거 요일이 바뀌었나요?' AS title, 'seoyeon' AS login,
      '다음 달부터 화요일과 금요일로 바뀐다고 동 행정복지센터 공지에 나왔어요.' AS body, 28 AS ago
    UNION ALL SELECT '주말 벼룩시장 후기', 'minjun', '책 교환 코너 좋네요. 저도 정리할 책이 많아요.', 10
    UNION ALL SELECT '버스 승하차 데이터는 어디서 받나요?', 'jiwoo',
      '공공데이터포털에서 "정류장별 승하차"로 찾으면 월별 파일이 있어요.', 60
    UNION ALL SELECT '민원 답변 서식 공유합니다', 'road.lee', '도로 민원에도 그대로 쓸 수 있겠네요. 감사합니다.', 30) x
  JOIN community_posts p ON p.title = x.title
  JOIN accounts a ON a.login_id = x.login
  WHERE NOT EXISTS (SELECT 1 FROM posts WHERE parent_kind = 'cpost' AND parent_id = p.id);
SET @qna = (SELECT id FROM community_posts WHERE title = '분리수거 요일이 바뀌었나요?');
SET @answer = (SELECT MIN(id) FROM posts WHERE parent_kind = 'cpost' AND parent_id = @qna);
INSERT INTO posts (parent_kind, parent_id, reply_to, author_id, body, created_at)
  SELECT 'cpost', @qna, @answer, a.id, '감사합니다! 덕분에 헷갈리지 않겠네요.', NOW() - INTERVAL 26 HOUR
  FROM accounts a WHERE a.login_id = 'jihoon' AND @answer IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM posts WHERE parent_kind = 'cpost' AND parent_id = @qna AND reply_to IS NOT NULL);
UPDATE community_posts p SET comment_count = (SELECT COUNT(*) FROM posts c WHERE c.parent_kind = 'cpost'
  AND c.parent_id = p.id);
