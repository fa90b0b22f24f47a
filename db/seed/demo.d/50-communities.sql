-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 50-communities.sql: three demo communities of different kinds (issue
-- 14): a public resident group anyone joins, a study group by approval
-- (members only, listed) with one request waiting, and a staff working
-- group (staff only, the intranet of a department). Members in every role; boards as each template
-- presets them; member_count kept as lib/communities keeps it. Rows are
-- found by login and slug.

INSERT INTO communities (slug, name, description, template, membership, visibility, staff_only, member_count,
                         created_by, created_at, updated_at, last_activity_at)
SELECT c.slug, c.name, c.description, c.template, c.membership, c.visibility, c.staff_only, 0, a.id,
       NOW() - INTERVAL c.age DAY, NOW() - INTERVAL c.age DAY, NOW() - INTERVAL 1 DAY
FROM (
  SELECT 'madang-walkers' AS slug, '마당 걷기 주민모임' AS name,
         '주말 아침마다 중앙공원과 마당천 산책로를 함께 걷는 주민 모임입니다. 누구나 환영합니다.' AS description,
         'resident' AS template, 'open' AS membership, 'public' AS visibility, 0 AS staff_only,
         'minjun' AS owner, 40 AS age
  UNION ALL
  SELECT 'open-data-study', '공공데이터 연구모임',
         '마당시의 공공데이터로 생활 문제를 분석하는 주민 연구모임입니다. 가입 신청 후 승인합니다.',
         'study', 'approval', 'listed', 0, 'seoyeon', 30
  UNION ALL
  SELECT 'staff-digital', '공무원 디지털 학습모임',
         '민원 처리와 행정 업무에 쓰는 디지털 도구를 함께 익히는 직원 학습모임입니다.',
         'staff', 'approval', 'listed', 1, 'civil.han', 20
) c JOIN accounts a ON a.login_id = c.owner;

INSERT INTO community_members (community_id, account_id, role, state, created_at, updated_at)
SELECT c.id, a.id, m.role, m.state, NOW() - INTERVAL m.age DAY, NOW() - INTERVAL m.age DAY
FROM (
  SELECT 'madang-walkers' AS slug, 'minjun' AS login, 'owner' AS role, 'active' AS state, 40 AS age
  UNION ALL SELECT 'madang-walkers', 'seoyeon', 'manager', 'active', 35
  UNION ALL SELECT 'madang-walkers', 'jihoon', 'member', 'active', 20
  UNION ALL SELECT 'madang-walkers', 'sujin', 'member', 'active', 10
  UNION ALL SELECT 'open-data-study', 'seoyeon', 'owner', 'active', 30
  UNION ALL SELECT 'open-data-study', 'jiwoo', 'manager', 'active', 25
  UNION ALL SELECT 'open-data-study', 'yerin', 'member', 'active', 12
  UNION ALL SELECT 'open-data-study', 'hyunwoo', 'member', 'pending', 2
  UNION ALL SELECT 'staff-digital', 'civil.han', 'owner', 'active', 20
  UNION ALL SELECT 'staff-digital', 'road.lee', 'manager', 'active', 18
  UNION ALL SELECT 'staff-digital', 'traffic.kim', 'member', 'active', 15
) m JOIN communities c ON c.slug = m.slug JOIN accounts a ON a.login_id = m.login;

UPDATE communities c SET member_count =
  (SELECT COUNT(*) FROM community_members m WHERE m.community_id = c.id AND m.state = 'active');

INSERT INTO community_boards (community_id, kind, position, created_at)
SELECT c.id, b.kind, b.position, c.created_at
FROM communities c JOIN (
  SELECT 'resident' AS template, 'notice' AS kind, 0 AS position
  UNION ALL SELECT 'resident', 'free', 1 UNION ALL SELECT 'resident', 'gallery', 2
  UNION ALL SELECT 'study', 'notice', 0 UNION ALL SELECT 'study', 'qna', 1 UNION ALL SELECT 'study', 'files', 2
  UNION ALL SELECT 'staff', 'notice', 0 UNION ALL SELECT 'staff', 'free', 1 UNION ALL SELECT 'staff', 'files', 2
) b ON b.template = c.template;

-- The staff working group is the Civil Affairs Division's intranet (its
-- owner manages that department): its page says so, and the division's
-- supervisors govern it.
UPDATE communities SET department_id = (SELECT id FROM departments WHERE name_en = 'Civil Affairs Division')
WHERE slug = 'staff-digital';
