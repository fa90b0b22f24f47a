-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0051_community_boards: posts on a community's boards (issue 14 section
-- 2): title, body, attachments (a files board keeps every version of a
-- document), pinning, read counts, a link to a public complaint or a
-- proposal, Korean full-text search; comments on a post are rows of posts
-- (parent_kind 'cpost'), moderated as every public text.
--
-- Who may read or write is lib/communities community_access_get's answer;
-- these tables only keep the facts.

CREATE TABLE community_posts (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  community_id   BIGINT UNSIGNED NOT NULL,
  board_id       BIGINT UNSIGNED NOT NULL,
  author_id      BIGINT UNSIGNED NOT NULL,
  title          VARCHAR(200) NOT NULL,
  body           MEDIUMTEXT   NOT NULL,
  pinned         TINYINT(1)   NOT NULL DEFAULT 0,     -- by a manager: first in the list
  read_count     INT UNSIGNED NOT NULL DEFAULT 0,     -- readers, once per reader per day
  comment_count  INT UNSIGNED NOT NULL DEFAULT 0,     -- comments and replies stored
  -- a linked public complaint (its tracking number) or proposal (its id),
  -- shown as a card only while the public may see it
  link_kind      ENUM('case','proposal') NULL,
  link_key       VARCHAR(20)  NULL,
  moderation     ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  moderation_reason VARCHAR(255) NULL,
  created_at     DATETIME     NOT NULL,
  edited_at      DATETIME     NULL,
  -- a board's page: pinned first, newest first, from the index alone
  KEY ix_community_posts_board (board_id, moderation, pinned, id),
  KEY ix_community_posts_community (community_id, id),
  KEY ix_community_posts_author (author_id, id),
  CONSTRAINT fk_community_posts_community FOREIGN KEY (community_id) REFERENCES communities (id),
  CONSTRAINT fk_community_posts_board FOREIGN KEY (board_id) REFERENCES community_boards (id),
  CONSTRAINT fk_community_posts_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A post's files, stored as a case's (lib/cases case_store_uploads). On a
-- files board a new upload under the same name is the next version; the
-- older ones stay listed.
CREATE TABLE community_post_files (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id        BIGINT UNSIGNED NOT NULL,
  stored_name    CHAR(32)     NOT NULL,
  original_name  VARCHAR(255) NOT NULL,
  mime_type      VARCHAR(100) NOT NULL,
  size_bytes     INT UNSIGNED NOT NULL,
  version        INT UNSIGNED NOT NULL DEFAULT 1,
  uploaded_by    BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  UNIQUE KEY uq_community_post_files_stored (stored_name),
  KEY ix_community_post_files_post (post_id, original_name, version),
  CONSTRAINT fk_community_post_files_post FOREIGN KEY (post_id) REFERENCES community_posts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who read a post on which day: a second read that day changes nothing,
-- so the count is one INSERT IGNORE and, when it inserted, one UPDATE.
CREATE TABLE community_post_reads (
  post_id        BIGINT UNSIGNED NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  day            DATE         NOT NULL,
  PRIMARY KEY (post_id, account_id, day)
) ENGINE=InnoDB;

-- Korean full-text search within a community (Mroonga's bigrams, as
-- case_search): mirrors title and body, written with them.
CREATE TABLE community_post_search (
  post_id        BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  community_id   BIGINT UNSIGNED NOT NULL,
  title          VARCHAR(200) NOT NULL,
  body           MEDIUMTEXT   NOT NULL,
  KEY ix_community_post_search_community (community_id),
  FULLTEXT KEY ft_community_post_search_all (title, body)
) ENGINE=Mroonga DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Comments on board posts are posts; the content kinds of moderation and
-- mileage gain issue 14's ('cpost': board posts; 'note', 'chat': the notes
-- and chat parts, listed here once so that no later list drops one).
ALTER TABLE posts MODIFY parent_kind ENUM('debate','proposal','cpost') NOT NULL;
ALTER TABLE content_reports MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE moderation_actions MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE moderation_objections MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE moderation_posts MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE mileage_ledger MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE penalties MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NULL;
