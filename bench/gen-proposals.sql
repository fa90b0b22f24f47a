-- SPDX-License-Identifier: AGPL-3.0-or-later
-- gen-proposals.sql: 100,000 policy proposals and 1,000,000 supports for
-- bench/participation, made in one pass each with INSERT ... SELECT from
-- MariaDB's SEQUENCE engine (seq_1_to_N).
--
-- Expects a database migrated and seeded with the demo data (categories
-- 1-10). Adds 20,000 citizens (login pbench00001..., password_hash '!':
-- they cannot sign in) and 100,000 proposals written over the last 300
-- days (those past their 30 days expired, a tenth open, some withdrawn
-- or at their threshold), each
-- with its 'created' event and its row in proposal_search. The p-th has
-- p mod 21 supports (0 to 20, 10 on average: 1,000,000 in all), from
-- distinct citizens, and its support_count equals them. Titles and texts
-- are put together from fixed Korean phrases; everything is fictional.

SET NAMES utf8mb4;
SET SESSION unique_checks = 0;
SET SESSION foreign_key_checks = 0;
START TRANSACTION;

INSERT INTO accounts (login_id, password_hash, name, email, kind, lang,
                      consent_version, consent_at, active, created_at, updated_at)
SELECT CONCAT('pbench', LPAD(s.seq, 5, '0')), '!',
       CONCAT(ELT(1 + s.seq % 10, '김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'),
              ELT(1 + (s.seq DIV 10) % 10, '민준', '서연', '지훈', '지우', '현우', '수진', '도현',
                  '예린', '하준', '서윤')),
       CONCAT('pbench', LPAD(s.seq, 5, '0'), '@example.kr'),
       'citizen', 'ko', '2026-01', '2026-01-01 00:00:00', 1,
       '2026-01-01 00:00:00', '2026-01-01 00:00:00'
FROM seq_1_to_20000 s;

SET @first = (SELECT MIN(id) FROM accounts WHERE login_id LIKE 'pbench%');
SET @p0 = (SELECT COALESCE(MAX(id), 0) FROM proposals);

-- x.seq: the proposal; its category (1-10), place and idea from it.
INSERT INTO proposals (author_id, category_id, title, problem, proposal, effect, state, support_count,
                       threshold, closes_at, created_at, updated_at)
SELECT @first + x.seq % 20000, 1 + x.seq % 10,
       CONCAT(x.place, ' ', x.idea, ' 제안 ', x.seq),
       CONCAT(x.place, ' 주변은 ', ELT(1 + x.seq % 4, '출퇴근 시간에 혼잡합니다.', '밤에 어둡고 위험합니다.',
              '어르신과 아이들이 이용하기 어렵습니다.', '여름마다 같은 문제가 되풀이됩니다.')),
       CONCAT(x.place, '에 ', x.idea, '을(를) 제안합니다.'),
       ELT(1 + x.seq % 3, '주민 안전이 높아집니다.', '생활 불편이 줄어듭니다.', '예산을 아낄 수 있습니다.'),
       CASE WHEN x.seq % 97 = 0 THEN 'withdrawn' WHEN x.seq % 300 >= 30 THEN 'expired' ELSE 'open' END,
       x.seq % 21, 50,
       NOW() - INTERVAL (x.seq % 300) DAY + INTERVAL 30 DAY,
       NOW() - INTERVAL (x.seq % 300) DAY - INTERVAL (x.seq % 1440) MINUTE,
       NOW() - INTERVAL (x.seq % 300) DAY
FROM (SELECT s.seq,
             ELT(1 + s.seq % 12, '마당역', '시청 앞', '중앙공원', '마당초등학교', '시립도서관', '전통시장',
                 '체육센터', '하천 산책로', '버스터미널', '주민센터', '마당대교', '문화회관') AS place,
             ELT(1 + (s.seq DIV 12) % 10, '심야버스 노선', '그늘막 설치', '자전거 보관소', '공공 와이파이',
                 '야간 조명 보강', '무장애 경사로', '음수대 설치', '주차 공간 확충', '쓰레기통 추가',
                 '보행자 신호 연장') AS idea
      FROM seq_1_to_100000 s) x;

-- Supporter k (0 <= k < support_count) of proposal p: citizen
-- (131 p + 977 k) mod 20,000, distinct for distinct k (977 k < 20,000).
INSERT INTO proposal_supports (proposal_id, account_id, identity, created_at)
SELECT p.id, @first + (p.id * 131 + k.seq * 977) % 20000,
       CONCAT('a:', @first + (p.id * 131 + k.seq * 977) % 20000),
       p.created_at + INTERVAL k.seq HOUR
FROM proposals p JOIN seq_0_to_20 k ON k.seq < p.support_count
WHERE p.id > @p0;

-- Some at their threshold (a few have the 20 supports their goal asks).
UPDATE proposals SET threshold = 20, state = 'threshold', threshold_at = updated_at
  WHERE id > @p0 AND support_count = 20 AND state = 'open' AND id % 7 = 0;

INSERT INTO proposal_events (proposal_id, kind, actor_id, created_at)
SELECT id, 'created', author_id, created_at FROM proposals WHERE id > @p0;

COMMIT;

INSERT INTO proposal_search (proposal_id, created_at, title, body)
SELECT id, created_at, title, CONCAT_WS('\n', problem, proposal, effect) FROM proposals WHERE id > @p0;
