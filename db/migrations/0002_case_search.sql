-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0002_case_search: a full-text index that splits Korean. InnoDB's own
-- full-text parser splits on spaces only and drops short words, so 도로 in
-- "도로파손" is never found; Mroonga's bigram tokenizer finds words and
-- parts of words. The table mirrors cases.title/body, written with them.
CREATE TABLE case_search (
  case_id   BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  title     VARCHAR(200) NOT NULL,
  body      MEDIUMTEXT   NOT NULL,
  FULLTEXT KEY ft_case_search_title (title),
  FULLTEXT KEY ft_case_search_all (title, body)
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO case_search (case_id, title, body) SELECT id, title, body FROM cases;
