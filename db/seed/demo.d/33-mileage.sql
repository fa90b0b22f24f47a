-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 33-mileage.sql: demo mileage and penalties (issue 11, section 4).
-- Every demo complaint that got an answer has earned its filer the
-- points of 'complaint_answered' (10, the default of mileage.<reason>),
-- on the day it was answered; three citizens show in the public ranking;
-- 조도현 (dohyun) was warned and then restricted from public posting for
-- 7 days (in force now), with the notices that told him.
INSERT INTO mileage_ledger (account_id, points, reason, kind, item_id, created_at)
  SELECT c.account_id, 10, 'complaint_answered', 'case', c.id, IFNULL(c.answered_at, c.updated_at)
  FROM cases c JOIN accounts a ON a.id = c.account_id AND a.kind = 'citizen'
  WHERE c.status IN ('answered', 'closed')
  ORDER BY c.id;

UPDATE accounts SET mileage_public = 1 WHERE login_id IN ('citizen', 'minjun', 'seoyeon');

SET @dohyun := (SELECT id FROM accounts WHERE login_id = 'dohyun');
SET @moderator := (SELECT id FROM accounts WHERE login_id = 'admin');
INSERT INTO penalties (account_id, level, reason, starts_at, ends_at, decided_by) VALUES
  (@dohyun, 'warning', '다른 시민을 향한 욕설 (1차)', NOW() - INTERVAL 20 DAY, NULL, @moderator),
  (@dohyun, 'restrict_7', '경고 뒤에도 욕설을 되풀이함', NOW() - INTERVAL 2 DAY, NOW() + INTERVAL 5 DAY, @moderator);
INSERT INTO notices (account_id, kind, payload, idem_key, created_at)
  SELECT @dohyun, 'penalty_applied',
         JSON_OBJECT('link', '/my', 'reason', p.reason, 'until', IFNULL(DATE_FORMAT(p.ends_at, '%Y-%m-%d %H:%i'), ''),
                     'penalty', p.id, 'name', '조도현'),
         CONCAT('penalty_applied-', p.id), p.starts_at
  FROM penalties p WHERE p.account_id = @dohyun ORDER BY p.id;
INSERT INTO audit_log (at, account_id, client_addr, object_type, object_id, action, detail)
  SELECT p.starts_at, @moderator, '127.0.0.1', 'penalty', p.id, 'apply', CONCAT('account ', @dohyun, ': ', p.level)
  FROM penalties p WHERE p.account_id = @dohyun ORDER BY p.id;
