-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0040_participation_wire: joining moderation, mileage and debates
-- (issue 11).
--
-- The moderator queue reads the held items of each kind by their state
-- (moderation.c, MOD_KIND: "WHERE m.moderation = 'held'"): posts get the
-- index that read needs, instead of a scan of every opinion and reply.
-- cases has its own (0032); proposals' list indexes (0030) start with
-- moderation and serve it.
ALTER TABLE posts ADD KEY ix_posts_moderation (moderation);

-- A valid report earns its reporter points once per report, and an item
-- has many reporters: an award is once per (reason, kind, item, account)
-- (each of the other reasons has one account per item, its author or
-- owner, so they stay once per item). A reversal stays once per entry.
ALTER TABLE mileage_ledger DROP INDEX uq_mileage_once, DROP COLUMN once_key;
ALTER TABLE mileage_ledger
  ADD COLUMN once_key VARCHAR(100) AS (IF(reverses_id IS NULL,
                                          CONCAT(reason, ':', kind, ':', item_id, ':', account_id),
                                          CONCAT('reversal:', reverses_id))) STORED,
  ADD UNIQUE KEY uq_mileage_once (once_key);
