-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0054_chat: the live chat of a community (issue 14, section 5). Each
-- message is stored here by madang-web (lib/communities/chat.c) and then
-- published to nginx's nchan, which holds the members' connections: the
-- history (paged) is this table, the live part is nchan's.
--
-- A message is public user text of the kind 'chat' (moderation,
-- moderation_reason, created_at as every such table): reportable, held by
-- the word list, counted by the throttle.

CREATE TABLE chat_messages (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  community_id      BIGINT UNSIGNED NOT NULL,
  author_id         BIGINT UNSIGNED NOT NULL,
  body              VARCHAR(1000) NOT NULL,
  moderation        ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  moderation_reason VARCHAR(255) NULL,
  created_at        DATETIME NOT NULL,
  KEY ix_chat_messages_room (community_id, id),
  KEY ix_chat_messages_author (author_id, created_at),
  CONSTRAINT fk_chat_messages_community FOREIGN KEY (community_id) REFERENCES communities (id),
  CONSTRAINT fk_chat_messages_author FOREIGN KEY (author_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The content kinds of issue 14 (COMMON14.md: 'cpost', 'note', 'chat')
-- in the moderation and mileage tables; the same lists as the boards'
-- migration, so either may run first.
ALTER TABLE content_reports MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE moderation_actions MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE moderation_objections MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE moderation_posts MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE mileage_ledger MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE penalties MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NULL;
