-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 51-boards.sql: the demo's community board posts (issue 14 section 2): a
-- public resident group of its own (마당동 이웃모임, slug madang-neighbours,
-- made here only when no community has that slug) with a pinned notice,
-- free-board posts (one linking a public complaint as a card), a question
-- with an answer, comments and a reply. Rows are found by login and slug,
-- never by a numeric id. Times are relative to the loading moment.

INSERT INTO communities (slug, name, description, template, membership, visibility, member_count, created_by,
    created_at, updated_at, last_activity_at)
  SELECT 'madang-neighbours', '마당동 이웃모임', '마당동 주민이 동네 소식과 생활 정보를 나누는 모임입니다.',
    'resident', 'open', 'public', 3, a.id, NOW() - INTERVAL 30 DAY, NOW() - INTERVAL 30 DAY, NOW()
  FROM accounts a WHERE a.login_id = 'minjun'
    AND NOT EXISTS (SELECT 1 FROM communities WHERE slug = 'madang-neighbours');
SET @community = (SELECT id FROM communities WHERE slug = 'madang-neighbours');

INSERT IGNORE INTO community_members (community_id, account_id, role, state, created_at, updated_at)
  SELECT @community, a.id, m.role, 'active', NOW() - INTERVAL 30 DAY, NOW() - INTERVAL 30 DAY
  FROM accounts a JOIN (SELECT 'minjun' AS login, 'owner' AS role UNION ALL SELECT 'seoyeon', 'manager'
    UNION ALL SELECT 'jihoon', 'member') m ON m.login = a.login_id;

INSERT IGNORE INTO community_boards (community_id, kind, position, created_at)
  SELECT @community, b.kind, b.position, NOW() - INTERVAL 30 DAY FROM (SELECT 'notice' AS kind, 1 AS position
    UNION ALL SELECT 'free', 2 UNION ALL SELECT 'qna', 3 UNION ALL SELECT 'gallery', 4 UNION ALL SELECT 'files', 5) b;

-- Posts: kind of board, author, title, body, pinned, reads, hours ago, link.
INSERT INTO community_posts (community_id, board_id, author_id, title, body, pinned, read_count, link_kind, link_key,
    created_at)
  SELECT @community, b.id, a.id, p.title, p.body, p.pinned, p.reads_n, p.link_kind, p.link_key,
    NOW() - INTERVAL p.ago HOUR
  FROM (SELECT 'notice' AS kind, 'minjun' AS login, '이웃모임 이용 안내' AS title,
      '서로 존중하는 대화를 부탁드립니다. 광고와 개인정보 게시는 삭제됩니다. 동네 소식은 자유게시판에, 궁금한 점은 묻고 답하기에 올려 주세요.' AS body,
      1 AS pinned, 42 AS reads_n, 600 AS ago, NULL AS link_kind, NULL AS link_key
    UNION ALL SELECT 'notice', 'seoyeon', '이번 달 마당천 정화 활동', '토요일 오전 10시, 마당천 산책로 입구에서 모입니다. 장갑과 봉투는 준비해 두겠습니다.',
      0, 17, 120, NULL, NULL
    UNION ALL SELECT 'free', 'jihoon', '마당대로 보도블록 파손 민원 올렸어요',
      '보도블록이 깨져 유모차가 다니기 어렵습니다. 민원을 넣었으니 공감하시는 분은 진행 상황을 함께 봐 주세요.',
      0, 25, 48, 'case', (SELECT tracking_no FROM cases WHERE is_public = 1 AND moderation = 'visible' ORDER BY id LIMIT 1)
    UNION ALL SELECT 'free', 'seoyeon', '주말 벼룩시장 후기', '생각보다 많은 분이 오셨어요. 다음에는 아이들 책 교환 코너도 만들면 좋겠습니다.',
      0, 9, 20, NULL, NULL
    UNION ALL SELECT 'qna', 'jihoon', '분리수거 요일이 바뀌었나요?', '재활용품 배출 요일이 바뀌었다는 이야기를 들었는데 아시는 분 계신가요?',
      0, 12, 30, NULL, NULL) p
  JOIN accounts a ON a.login_id = p.login
  JOIN community_boards b ON b.community_id = @community AND b.kind = p.kind
  WHERE NOT EXISTS (SELECT 1 FROM community_posts x WHERE x.community_id = @community AND x.title = p.title);

INSERT INTO community_post_search (post_id, community_id, title, body)
  SELECT id, community_id, title, body FROM community_posts WHERE community_id = @community
  ON DUPLICATE KEY UPDATE title = VALUES(title), body = VALUES(body);

-- Comments and a reply (posts, parent kind 'cpost').
SET @qna = (SELECT id FROM community_posts WHERE community_id = @community AND title = '분리수거 요일이 바뀌었나요?');
SET @market = (SELECT id FROM community_posts WHERE community_id = @community AND title = '주말 벼룩시장 후기');
INSERT INTO posts (parent_kind, parent_id, author_id, body, created_at)
  SELECT 'cpost', @qna, a.id, '다음 달부터 화요일과 금요일로 바뀐다고 동 행정복지센터 공지에 나왔어요.', NOW() - INTERVAL 28 HOUR
  FROM accounts a WHERE a.login_id = 'seoyeon' AND @qna IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM posts WHERE parent_kind = 'cpost' AND parent_id = @qna);
SET @answer = (SELECT MIN(id) FROM posts WHERE parent_kind = 'cpost' AND parent_id = @qna);
INSERT INTO posts (parent_kind, parent_id, reply_to, author_id, body, created_at)
  SELECT 'cpost', @qna, @answer, a.id, '감사합니다! 덕분에 헷갈리지 않겠네요.', NOW() - INTERVAL 26 HOUR
  FROM accounts a WHERE a.login_id = 'jihoon' AND @answer IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM posts WHERE parent_kind = 'cpost' AND parent_id = @qna AND reply_to IS NOT NULL);
INSERT INTO posts (parent_kind, parent_id, author_id, body, created_at)
  SELECT 'cpost', @market, a.id, '책 교환 코너 좋네요. 저도 정리할 책이 많아요.', NOW() - INTERVAL 10 HOUR
  FROM accounts a WHERE a.login_id = 'minjun' AND @market IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM posts WHERE parent_kind = 'cpost' AND parent_id = @market);
UPDATE community_posts p SET comment_count = (SELECT COUNT(*) FROM posts c WHERE c.parent_kind = 'cpost'
  AND c.parent_id = p.id) WHERE p.community_id = @community;
