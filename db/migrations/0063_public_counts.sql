-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0063_public_counts: the counts the home page shows an anonymous reader
-- (issue 15: the page with one statement, lib/reports/public_home.c),
-- kept exact in the transaction of every change by triggers, whoever
-- writes (the application, a migration, an import, an operator's SQL):
-- the public cases (the public list's count: is_public = 1) and the
-- proposals the public list shows (visible, not withdrawn).
-- A row per kind and slot (the item's id modulo 16): concurrent writers of
-- different items update different rows, so a filing does not wait for
-- another's commit on one hot row (nor conflicts with it in Galera); the
-- page sums the kind's 16 rows. A change that does not move an item in or
-- out of the count matches no row and writes nothing.
--   what  'cases' or 'proposals'; slot 0-15; n the items of that slot.
-- madangctl public-view-check compares the sums with COUNT(*).
CREATE TABLE public_counts (
  what  ENUM('cases','proposals') NOT NULL,
  slot  TINYINT UNSIGNED NOT NULL,
  n     BIGINT NOT NULL,
  PRIMARY KEY (what, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO public_counts (what, slot, n)
  SELECT w.what, s.slot, 0 FROM (SELECT 'cases' AS what UNION ALL SELECT 'proposals') w
  JOIN (SELECT 0 AS slot UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9
        UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14
        UNION ALL SELECT 15) s;
UPDATE public_counts k
  JOIN (SELECT id % 16 AS slot, COUNT(*) AS n FROM cases WHERE is_public = 1 GROUP BY id % 16) c
  ON k.what = 'cases' AND k.slot = c.slot SET k.n = c.n;
UPDATE public_counts k
  JOIN (SELECT id % 16 AS slot, COUNT(*) AS n FROM proposals
        WHERE moderation = 'visible' AND state <> 'withdrawn' GROUP BY id % 16) p
  ON k.what = 'proposals' AND k.slot = p.slot SET k.n = p.n;

CREATE TRIGGER public_counts_case_insert AFTER INSERT ON cases FOR EACH ROW
  UPDATE public_counts SET n = n + 1 WHERE NEW.is_public = 1 AND what = 'cases' AND slot = NEW.id % 16;
CREATE TRIGGER public_counts_case_update AFTER UPDATE ON cases FOR EACH ROW
  UPDATE public_counts SET n = n + NEW.is_public - OLD.is_public
  WHERE NEW.is_public <> OLD.is_public AND what = 'cases' AND slot = NEW.id % 16;
CREATE TRIGGER public_counts_case_delete AFTER DELETE ON cases FOR EACH ROW
  UPDATE public_counts SET n = n - 1 WHERE OLD.is_public = 1 AND what = 'cases' AND slot = OLD.id % 16;

CREATE TRIGGER public_counts_proposal_insert AFTER INSERT ON proposals FOR EACH ROW
  UPDATE public_counts SET n = n + 1
  WHERE NEW.moderation = 'visible' AND NEW.state <> 'withdrawn' AND what = 'proposals' AND slot = NEW.id % 16;
CREATE TRIGGER public_counts_proposal_update AFTER UPDATE ON proposals FOR EACH ROW
  UPDATE public_counts
  SET n = n + (NEW.moderation = 'visible' AND NEW.state <> 'withdrawn')
            - (OLD.moderation = 'visible' AND OLD.state <> 'withdrawn')
  WHERE (NEW.moderation = 'visible' AND NEW.state <> 'withdrawn')
        <> (OLD.moderation = 'visible' AND OLD.state <> 'withdrawn')
    AND what = 'proposals' AND slot = NEW.id % 16;
CREATE TRIGGER public_counts_proposal_delete AFTER DELETE ON proposals FOR EACH ROW
  UPDATE public_counts SET n = n - 1
  WHERE OLD.moderation = 'visible' AND OLD.state <> 'withdrawn' AND what = 'proposals' AND slot = OLD.id % 16;
