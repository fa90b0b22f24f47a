-- SPDX-License-Identifier: AGPL-3.0-or-later
-- gen-outbox.sql: @n e-mail notices waiting in the outbox (n <= 100,000),
-- for bench/notifier's drain, in one INSERT ... SELECT from MariaDB's
-- SEQUENCE engine. @round makes the Message-IDs of each call unique.
--
-- The rows look like those lib/notify/notice.c writes: citizens' notices
-- of every kind, some staff ones, the payload JSON object the templates
-- read (tracking, title, name, department, due, handler, reason, expected,
-- rate_nonce), one in ten in English. Kinds by n mod 20: receipt 6,
-- assigned 4, answered 4, transferred 1, extended 1, apology 1,
-- staff_assigned 2, staff_reminder 1. Recipients are fictional
-- (nf000001@example.kr ...) with no account: the drain reads only the row.
-- Times are Korea time, as the application stores them.

SET NAMES utf8mb4;
SET time_zone = '+09:00';

INSERT INTO outbox (channel, recipient, recipient_name, lang, kind, payload, message_id,
                    next_attempt_at, created_at)
SELECT 'email', CONCAT('nf', LPAD(x.seq, 6, '0'), '@example.kr'), x.name, x.lang, x.kind,
       -- the payload, without the null members JSON_OBJECT writes for the
       -- values a kind does not have (notice.c leaves them out)
       REPLACE(REPLACE(REPLACE(JSON_OBJECT('tracking', CONCAT('2026-', LPAD(1 + x.seq % 99999, 6, '0')),
                   'title', ELT(1 + x.seq % 8, '보도블록 파손 신고', '도로 포트홀 보수 요청',
                                '불법 주정차 단속 요청', '신호등 고장 신고', '쓰레기 무단투기 신고',
                                '공사장 야간 소음', '공원 가로등 고장', '놀이터 시설 파손'),
                   'due', DATE_FORMAT(CURDATE() + INTERVAL (1 + x.seq % 9) DAY, '%Y-%m-%d'),
                   'department', IF(x.lang = 'en',
                                    ELT(1 + x.seq % 4, 'Roads Division', 'Traffic Administration Division',
                                        'Sanitation Division', 'Parks Division'),
                                    ELT(1 + x.seq % 4, '도로과', '교통행정과', '청소행정과', '공원녹지과')),
                   'handler', ELT(1 + x.seq % 3, '이도로', '박도로', '김교통'),
                   'reason', IF(x.kind IN ('transferred', 'extended'),
                                '현장 확인과 관계 부서 협의가 필요하여 처리 기간을 조정합니다.', NULL),
                   'expected', IF(x.kind = 'apology',
                                  DATE_FORMAT(CURDATE() + INTERVAL 3 DAY, '%Y-%m-%d'), NULL),
                   'rate_nonce', IF(x.kind = 'answered', MD5(CONCAT('nf', @round, '.', x.seq)), NULL),
                   'name', x.name),
               ', "reason": null', ''), ', "expected": null', ''), ', "rate_nonce": null', ''),
       CONCAT('nf', @round, '.', x.seq, '.email.', LEFT(MD5(CONCAT(@round, '/', x.seq)), 16)),
       NOW() - INTERVAL 1 MINUTE, NOW() - INTERVAL 1 MINUTE
FROM (
  SELECT s.seq,
         IF(s.seq % 10 = 0, 'en', 'ko') AS lang,
         ELT(1 + s.seq % 20, 'receipt', 'receipt', 'receipt', 'receipt', 'receipt', 'receipt',
             'assigned', 'assigned', 'assigned', 'assigned', 'answered', 'answered', 'answered',
             'answered', 'transferred', 'extended', 'apology', 'staff_assigned', 'staff_assigned',
             'staff_reminder') AS kind,
         CONCAT(ELT(1 + s.seq % 10, '김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'),
                ELT(1 + (s.seq DIV 10) % 10, '민준', '서연', '지훈', '지우', '현우', '수진', '도현',
                    '예린', '하준', '서윤')) AS name
  FROM seq_1_to_100000 s
  WHERE s.seq <= @n
) x;
