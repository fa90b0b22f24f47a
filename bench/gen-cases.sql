-- SPDX-License-Identifier: AGPL-3.0-or-later
-- gen-cases.sql: 100,000 public cases for bench/run, made in one pass each
-- with INSERT ... SELECT from MariaDB's SEQUENCE engine (seq_1_to_N).
--
-- Expects a database migrated and seeded with the demo data (categories and
-- departments 1-10/1-15, tracking numbers 2026-*). Adds 2,000 citizens
-- (login bench000001..., password_hash '!': they cannot sign in) and the
-- cases 2025-000001 ... 2025-100000, filed through 2025, all public, spread
-- over the ten categories and the statuses, each with a 'filed' event (and
-- an 'assigned' one once past 'received') and its row in case_search.
-- Titles and bodies are put together from fixed Korean phrases; everything
-- is fictional. Runs in well under a minute on the benchmark machine.

SET NAMES utf8mb4;
SET SESSION unique_checks = 0;
SET SESSION foreign_key_checks = 0;
START TRANSACTION;

INSERT INTO accounts (login_id, password_hash, name, email, mobile, kind, lang,
                      consent_version, consent_at, active, created_at, updated_at)
SELECT CONCAT('bench', LPAD(s.seq, 6, '0')), '!',
       CONCAT(ELT(1 + s.seq % 20, '김', '이', '박', '최', '정', '강', '조', '윤', '장', '임',
                  '한', '오', '서', '신', '권', '황', '안', '송', '류', '전'),
              ELT(1 + (s.seq DIV 20) % 20, '민준', '서연', '지훈', '지우', '현우', '수진', '도현',
                  '예린', '하준', '서윤', '지민', '은서', '준서', '하은', '시우', '유진', '건우',
                  '수아', '우진', '지아')),
       CONCAT('bench', LPAD(s.seq, 6, '0'), '@example.kr'),
       CONCAT('010', LPAD(10000000 + s.seq * 3779 % 89999999, 8, '0')),
       'citizen', 'ko', '2026-01', '2025-01-01 00:00:00', 1,
       '2025-01-01 00:00:00', '2025-01-01 00:00:00'
FROM seq_1_to_2000 s;

-- p: a place, k: the category (1-10), v: which of its three complaints.
INSERT INTO cases (tracking_no, kind, channel, category_id, department_id, account_id, title,
                   body, is_public, status, latitude, longitude, address, created_at, updated_at)
SELECT CONCAT('2025-', LPAD(x.seq, 6, '0')), 'complaint', 'web', x.k, g.department_id, a.id,
       CONCAT(x.place, ' ', x.issue),
       CONCAT(ELT(1 + x.seq % 4, '안녕하세요.', '수고 많으십니다.', '마당시에 사는 주민입니다.',
                  '늘 애써 주셔서 감사합니다.'), ' ',
              x.place, ' 근처 일로 글을 남깁니다. ',
              ELT(x.k,
                  '인도와 차도 곳곳이 깨지고 패여 있어 걸어 다니기도 차로 지나가기도 위험합니다.',
                  '차량들이 길가에 겹겹이 서 있어 보행자와 운전자 모두 앞이 잘 보이지 않습니다.',
                  '쓰레기가 며칠째 쌓여 있어 냄새가 나고 길고양이들이 봉투를 뜯어 놓습니다.',
                  '이른 아침과 밤늦은 시간에도 소음과 냄새가 계속되어 잠을 이루기 어렵습니다.',
                  '공원 시설이 망가진 채로 방치되어 있어 아이들과 어르신들이 이용하기 불편합니다.',
                  '건물 주변 공사와 시설 관리가 제대로 되지 않는 것 같아 주민들이 불안해합니다.',
                  '도움이 필요한 이웃이 있는데 어디에 어떻게 알려야 할지 몰라 문의드립니다.',
                  '사고가 날까 봐 늘 조마조마합니다. 특히 비가 오거나 날이 어두울 때 더 위험합니다.',
                  '처리 방법과 담당 부서를 안내받고 싶어 글을 남깁니다.',
                  '어느 부서에 문의해야 할지 몰라 이곳에 남깁니다.'), ' ',
              ELT(1 + (x.seq DIV 4) % 5, '어제 저녁에 처음 보았습니다.', '벌써 일주일째 그대로입니다.',
                  '출퇴근 시간에 특히 심합니다.', '아이들이 자주 다니는 길이라 더 걱정됩니다.',
                  '이웃 주민들도 같은 불편을 겪고 있습니다.'), ' ',
              ELT(1 + (x.seq DIV 20) % 4, '빠른 조치 부탁드립니다.', '현장을 확인해 주시기 바랍니다.',
                  '검토 부탁드립니다.', '감사합니다.')),
       1,
       ELT(1 + (x.seq DIV 10) % 5, 'received', 'assigned', 'in_progress', 'answered', 'closed'),
       37.540000 + (x.seq * 37 % 4000) / 100000, 126.950000 + (x.seq * 53 % 5000) / 100000,
       CONCAT(x.place, ' ', 1 + x.seq % 150),
       '2025-01-01 08:00:00' + INTERVAL (x.seq * 314) SECOND,
       '2025-01-01 08:00:00' + INTERVAL (x.seq * 314 + 86400) SECOND
FROM (
  SELECT s.seq, 1 + s.seq % 10 AS k,
         ELT(1 + (s.seq DIV 10) % 16, '마당로12길', '누리동 느티나무로', '새빛초등학교 앞',
             '마당역 2번 출구', '한마음로 사거리', '가람로3길', '솔내천 산책로', '다솜동 주민센터 앞',
             '푸른숲공원', '새빛로 45', '누리시장 입구', '마당중학교 뒷길', '한빛아파트 정문',
             '다솜교 아래', '꽃마을길', '시청 앞 광장') AS place,
         ELT(3 * (s.seq % 10) + 1 + (s.seq DIV 7) % 3,
             '보도블록 파손 신고', '도로 포트홀 보수 요청', '인도 턱 낮춤 요청',
             '불법 주정차 단속 요청', '신호등 고장 신고', '횡단보도 설치 요청',
             '쓰레기 무단투기 신고', '음식물 쓰레기 수거 지연', '재활용품 수거 요청',
             '공사장 야간 소음', '악취 발생 신고', '매연 차량 신고',
             '공원 가로등 고장', '놀이터 시설 파손', '가로수 가지치기 요청',
             '불법 증축 의심 신고', '빈집 관리 요청', '공사장 안전 가림막 부실',
             '홀몸 어르신 안부 확인 요청', '긴급복지 지원 문의', '경로당 난방 개선 요청',
             '옹벽 균열 신고', '맨홀 뚜껑 흔들림', '어린이보호구역 안전시설 요청',
             '무인민원발급기 고장', '증명서 발급 절차 문의', '주민센터 운영 시간 문의',
             '시청 누리집 오류 신고', '마을 행사 안내 요청', '기타 생활 불편 사항') AS issue
  FROM seq_1_to_100000 s
) x
JOIN categories g ON g.id = x.k
JOIN accounts a ON a.login_id = CONCAT('bench', LPAD(1 + x.seq * 7919 % 2000, 6, '0'));

INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note, created_at)
SELECT c.id, 'filed', c.account_id, NULL, 1, NULL, c.created_at
FROM cases c WHERE c.tracking_no LIKE '2025-%';

INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note, created_at)
SELECT c.id, 'assigned', (SELECT id FROM accounts WHERE login_id = 'admin'), c.department_id, 1,
       NULL, c.created_at + INTERVAL 3 HOUR
FROM cases c WHERE c.tracking_no LIKE '2025-%' AND c.status <> 'received';

INSERT INTO tracking_counters (year, last_seq) VALUES (2025, 100000)
  ON DUPLICATE KEY UPDATE last_seq = GREATEST(last_seq, 100000);

COMMIT;

-- Mroonga is not transactional; its index is built once at the end.
ALTER TABLE case_search DISABLE KEYS;
INSERT INTO case_search (case_id, created_at, title, body)
SELECT c.id, c.created_at, c.title, c.body FROM cases c WHERE c.tracking_no LIKE '2025-%';
ALTER TABLE case_search ENABLE KEYS;
