-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 53-calendar.sql: demo events of the community calendar (issue 14, part 4)
-- in the three communities of 50-communities.sql, each added by one of its
-- managers; found by slug and login.
-- The walkers: a weekly walk (8 times), a monthly meeting (until the end
-- of next year), a one-off clean-up next week, and a cancelled talk; the
-- study group a weekly talk (4 times), the staff group a lunch workshop;
-- times in Seoul.
INSERT INTO community_events (community_id, title, place, description, starts_at, ends_at, recurrence,
                              recur_until, recur_count, last_day, state, sequence, created_by, created_at, updated_at)
SELECT c.id, e.title, e.place, e.description,
       DATE(NOW()) + INTERVAL e.day DAY + INTERVAL e.hour HOUR,
       DATE(NOW()) + INTERVAL e.day DAY + INTERVAL e.hour + e.hours HOUR,
       e.recurrence, IF(e.until_year, MAKEDATE(YEAR(NOW()) + 1, 1) + INTERVAL 364 DAY, NULL), e.count_,
       -- no occurrence after: the until, the last of the count, or the day
       CASE WHEN e.until_year THEN MAKEDATE(YEAR(NOW()) + 1, 1) + INTERVAL 364 DAY
            WHEN e.count_ THEN DATE(NOW()) + INTERVAL e.day + 7 * (e.count_ - 1) DAY
            ELSE DATE(NOW()) + INTERVAL e.day DAY END,
       e.state, e.seq, a.id, NOW() - INTERVAL 10 DAY, NOW() - INTERVAL 1 DAY
FROM (
  SELECT 'madang-walkers' AS slug, 'minjun' AS login, '함께 걷기' AS title, '마당천 산책로 입구' AS place,
         '매주 같은 시간에 마당천을 함께 걷습니다. 편한 신발을 신고 오세요.' AS description,
         -3 AS day, 19 AS hour, 1 AS hours, 'weekly' AS recurrence, 0 AS until_year, 8 AS count_,
         'scheduled' AS state, 0 AS seq
  UNION ALL
  SELECT 'madang-walkers', 'minjun', '정기 모임', '마당동 주민센터 2층 회의실',
         '이번 달 동네 소식과 건의할 일을 정리합니다.', 5, 14, 2, 'monthly', 1, NULL, 'scheduled', 1
  UNION ALL
  SELECT 'madang-walkers', 'minjun', '골목 대청소', '마당시장 앞', '장갑과 봉투는 모임에서 준비합니다.', 8, 10, 2, 'none', 0, NULL,
         'scheduled', 0
  UNION ALL
  SELECT 'madang-walkers', 'minjun', '재활용 분리배출 설명회', '마당동 주민센터', '강사 사정으로 취소되었습니다.', 12, 15, 1, 'none', 0,
         NULL, 'cancelled', 1
  UNION ALL
  SELECT 'open-data-study', 'seoyeon', '버스 데이터 분석 발표', '마당시 열린 도서관 세미나실',
         '정류장별 승하차 데이터를 시간대별로 나눠 본 결과를 발표합니다.', 3, 19, 2, 'weekly', 0, 4,
         'scheduled', 0
  UNION ALL
  SELECT 'staff-digital', 'civil.han', '엑셀 매크로 실습', '시청 3층 교육장',
         '점심시간에 민원 통계 정리 매크로를 함께 만들어 봅니다.', 2, 12, 1, 'none', 0, NULL, 'scheduled', 0
) e
JOIN communities c ON c.slug = e.slug
JOIN accounts a ON a.login_id = e.login
WHERE NOT EXISTS (SELECT 1 FROM community_events x WHERE x.community_id = c.id AND x.title = e.title);

-- Answers are to one occurrence (0056): here the next one, which the
-- event's page shows first (a weekly walk begun three days ago: next week's).
INSERT IGNORE INTO community_event_rsvps (event_id, occurs_on, account_id, answer, updated_at)
SELECT e.id, IF(e.recurrence = 'weekly' AND DATE(e.starts_at) < CURDATE(),
                DATE(e.starts_at) + INTERVAL 7 * CEIL(DATEDIFF(CURDATE(), DATE(e.starts_at)) / 7) DAY,
                DATE(e.starts_at)),
       a.id, r.answer, NOW() - INTERVAL 2 DAY
FROM (SELECT 'minjun' AS login, '정기 모임' AS title, 'going' AS answer
      UNION ALL SELECT 'seoyeon', '정기 모임', 'maybe'
      UNION ALL SELECT 'minjun', '함께 걷기', 'going'
      UNION ALL SELECT 'jihoon', '골목 대청소', 'no'
      UNION ALL SELECT 'yerin', '버스 데이터 분석 발표', 'going'
      UNION ALL SELECT 'traffic.kim', '엑셀 매크로 실습', 'going') r
JOIN accounts a ON a.login_id = r.login
JOIN community_events e ON e.title = r.title;
