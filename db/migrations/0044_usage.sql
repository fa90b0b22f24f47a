-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0044_usage.sql: how the portal is used, counted without storing anything
-- that identifies a person (lib/usage/usage.c, docs/operations.md "Usage
-- statistics"). Page views per day and section; distinct visitors per
-- day from a hash of (the day's salt, address, user agent) cut to 8 bytes,
-- kept only for the day of the salt and then replaced by their count; the
-- words searched on the public list and in the staff inbox. Sign-ups and
-- filings per channel are read from accounts and cases.

-- The page views of a day per section of the site (home, cases, …).
CREATE TABLE usage_views (
  day            DATE        NOT NULL,
  section        VARCHAR(16) NOT NULL,
  views          INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (day, section)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The day's salt: one row, replaced by the first count of the next day
-- (the old salt is then gone, and with it any way to link a hash to an
-- address).
CREATE TABLE usage_salt (
  id             TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  day            DATE        NOT NULL,
  salt           BINARY(32)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The visitors of the salt's day: truncated salted hashes, one per
-- distinct (address, user agent). Deleted with the salt, their number
-- kept in usage_visitors.
CREATE TABLE usage_visitor_hashes (
  day            DATE        NOT NULL,
  hash           BINARY(8)   NOT NULL,
  PRIMARY KEY (day, hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The distinct visitors of each past day (only a number).
CREATE TABLE usage_visitors (
  day            DATE        NOT NULL PRIMARY KEY,
  visitors       INT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The words searched per day: area 'public' (the public case list) or
-- 'inbox' (the staff inbox); searches counts every search with the word,
-- zero those that found nothing. Words with digits, e-mail- or URL-like
-- words and long ones are never stored (usage_words).
CREATE TABLE usage_search_words (
  day            DATE        NOT NULL,
  area           ENUM('public','inbox') NOT NULL,
  word           VARCHAR(20) NOT NULL,
  searches       INT UNSIGNED NOT NULL DEFAULT 0,
  zero           INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (day, area, word)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The salt's one row, its day long past: the first count replaces it.
INSERT INTO usage_salt (id, day, salt) VALUES (1, '1970-01-01', UNHEX(REPEAT('00', 32)));

-- Sign-ups per day: the citizens' accounts by the day they were created.
ALTER TABLE accounts ADD KEY ix_accounts_created (kind, created_at);
