-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0061_idempotency_keys: a POST that creates something carries the key
-- its form was rendered with (the hidden field "idem"); the key is
-- recorded here in the transaction that creates the object, with where
-- the POST redirected to (lib/db/idem.c). The same POST again (a retry,
-- a double click, a transaction re-run after a Galera conflict) finds it
-- and is redirected there instead of creating a second object.
--
-- idem_key is the SHA-256 (hex) of the form's key, the actor, the path
-- posted to and the fields posted: one person's key never answers
-- another's POST, and one rendering's forms (a comment and a reply, or a
-- second comment from the page the browser's Back showed) keep apart. Rows older than
-- two days are deleted by the timed jobs (a retry comes within minutes).

CREATE TABLE idempotency_keys (
  idem_key    CHAR(64) NOT NULL PRIMARY KEY,
  -- "account:ID" or "anonymous": who posted (the key's hash also binds
  -- an anonymous poster's cookie)
  actor       VARCHAR(40) NOT NULL,
  location    VARCHAR(500) NOT NULL,
  created_at  DATETIME NOT NULL,
  KEY ix_idempotency_keys_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
