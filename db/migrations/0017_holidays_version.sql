-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0017_holidays_version: a counter that moves with every change of the
-- holidays, so that each worker process keeps the holidays it read
-- (lib/org/calendar.c) and learns in one primary-key read whether they are
-- still the ones in force, instead of reading two years of holidays for
-- every case filed. Triggers move it, in the transaction of the change:
-- whoever changes holidays (the administration page, seed data, a
-- migration, an operator's SQL), every worker sees it at its next deadline.
--   holidays_version.version  one row (id 1); only ever grows.
CREATE TABLE holidays_version (
  id             TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  version        BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO holidays_version (id, version) VALUES (1, 1);

CREATE TRIGGER holidays_version_insert AFTER INSERT ON holidays FOR EACH ROW
  UPDATE holidays_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER holidays_version_update AFTER UPDATE ON holidays FOR EACH ROW
  UPDATE holidays_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER holidays_version_delete AFTER DELETE ON holidays FOR EACH ROW
  UPDATE holidays_version SET version = version + 1 WHERE id = 1;
