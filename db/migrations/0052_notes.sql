-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0052_notes: notes (쪽지, issue 14): private messages between two people
-- who share an active community, or between two staff members.
--
-- Only the sender and the recipient ever read a note (lib/notes checks it
-- on every read); each deletes it for themselves (their *_deleted_at), the
-- other keeps theirs. A note to someone who blocked its sender is stored
-- already deleted for the recipient: the sender is not told (a refusal
-- would tell them they are blocked).

CREATE TABLE notes (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id      BIGINT UNSIGNED NOT NULL,       -- the sender
  recipient_id   BIGINT UNSIGNED NOT NULL,
  body           TEXT         NOT NULL,
  created_at     DATETIME     NOT NULL,
  read_at        DATETIME     NULL,              -- the read receipt the sender sees
  author_deleted_at    DATETIME NULL,
  recipient_deleted_at DATETIME NULL,
  moderation     ENUM('visible','held','hidden','deleted') NOT NULL DEFAULT 'visible',
  moderation_reason VARCHAR(255) NULL,
  KEY ix_notes_inbox (recipient_id, recipient_deleted_at, id),
  KEY ix_notes_sent (author_id, author_deleted_at, id),
  KEY ix_notes_unread (recipient_id, read_at, recipient_deleted_at), -- covers the header's count
  CONSTRAINT fk_notes_author FOREIGN KEY (author_id) REFERENCES accounts (id),
  CONSTRAINT fk_notes_recipient FOREIGN KEY (recipient_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who blocked whom: account_id receives no more notes from blocked_id.
CREATE TABLE note_blocks (
  account_id     BIGINT UNSIGNED NOT NULL,
  blocked_id     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  PRIMARY KEY (account_id, blocked_id),
  CONSTRAINT fk_note_blocks_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_note_blocks_blocked FOREIGN KEY (blocked_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- Notes are a kind of user text for moderation (reports, decisions,
-- objections, penalties) and the posting throttle. Each list is the whole
-- of issue 14's contract (cpost, note, chat), so that whichever of its
-- migrations runs last leaves the same one.
ALTER TABLE moderation_posts MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE content_reports MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE moderation_actions MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE moderation_objections MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE mileage_ledger MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NOT NULL;
ALTER TABLE penalties MODIFY kind ENUM('case','proposal','post','cpost','note','chat') NULL;
