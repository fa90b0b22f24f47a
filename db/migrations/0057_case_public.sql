-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0057_case_public: a public case's page, kept ready (issue 15). One row
-- per public case and language holds what /cases/{tracking} shows an
-- anonymous reader, so that page reads it with one statement
-- (lib/cases/public_view.c). Every writer of something the page shows
-- calls case_public_refresh in its own transaction (the row is rebuilt
-- from the full queries the owner's and staff's pages still make);
-- writers that touch many cases at once (a category or department renamed)
-- delete the rows concerned, and the page then reads the full queries.
-- A missing row is never wrong, only slower.
-- After this migration `madangctl migrate` fills the rows when the table is
-- empty; to repair or after writing cases by hand: madangctl
-- public-view-rebuild (madangctl public-view-check compares them).
--
-- view: the page's data as HDF text (Case, Files, Answers, AnswerParts,
--   Stages) without what depends on the reader, the time or a setting:
--   the filer's name is read from accounts with the row, the location and
--   address masked as the reader may see them, overdue computed from
--   due_at, the timeline's names-or-roles from the setting.
-- due_at: the deadline while the page shows one (NULL otherwise).

CREATE TABLE case_public (
  case_id     BIGINT UNSIGNED NOT NULL,
  lang        CHAR(2)         NOT NULL,
  tracking_no CHAR(11)        NOT NULL,
  owner_id    BIGINT UNSIGNED NOT NULL,
  due_at      DATETIME        NULL,
  view        MEDIUMTEXT      NOT NULL,
  PRIMARY KEY (tracking_no, lang),
  KEY ix_case_public_case (case_id),
  CONSTRAINT fk_case_public_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
