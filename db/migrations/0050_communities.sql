-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0050_communities: communities (issue 14): groups of citizens or staff
-- made from a template, their members with a role each, and their boards
-- (chosen in the creation wizard; posts on them come with the boards part).
--
-- Who may see or do what is lib/communities community_access_get's one
-- answer; the tables only keep the facts it reads.

CREATE TABLE communities (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug           VARCHAR(40)  NOT NULL,          -- the address: /c/<slug>
  name           VARCHAR(100) NOT NULL,
  description    TEXT         NOT NULL,
  template       ENUM('resident','study','volunteer','staff') NOT NULL,
  membership     ENUM('open','approval','invite') NOT NULL,
  -- public: anyone reads; listed: members only, shown in the list;
  -- unlisted: members only, shown to nobody else.
  visibility     ENUM('public','listed','unlisted') NOT NULL,
  state          ENUM('active','suspended','closed','archived') NOT NULL DEFAULT 'active',
  state_reason   VARCHAR(255) NULL,              -- a supervisor's, when suspended or closed
  staff_only     TINYINT(1)   NOT NULL DEFAULT 0,-- staff working groups and the intranet
  department_id  INT UNSIGNED NULL,              -- the intranet's department, if any
  member_count   INT UNSIGNED NOT NULL DEFAULT 0,-- active members, kept by lib/communities
  -- the image on its home page, stored like case attachments (uploads
  -- directory, random name) with the type sniffed from its content
  image_stored   CHAR(32)     NULL,
  image_mime     VARCHAR(64)  NULL,
  created_by     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  updated_at     DATETIME     NOT NULL,
  last_activity_at DATETIME   NOT NULL,          -- archiving of inactive communities reads it
  UNIQUE KEY uq_communities_slug (slug),
  KEY ix_communities_list (state, visibility, last_activity_at),
  KEY ix_communities_department (department_id),
  CONSTRAINT fk_communities_department FOREIGN KEY (department_id) REFERENCES departments (id),
  CONSTRAINT fk_communities_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per person who ever joined, asked, was invited or was banned:
-- leaving keeps the row (state 'left'), so a ban outlives it.
CREATE TABLE community_members (
  community_id   BIGINT UNSIGNED NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  role           ENUM('owner','manager','member') NOT NULL DEFAULT 'member',
  state          ENUM('invited','pending','active','banned','left') NOT NULL,
  created_at     DATETIME     NOT NULL,
  updated_at     DATETIME     NOT NULL,
  PRIMARY KEY (community_id, account_id),
  KEY ix_community_members_account (account_id, state),
  KEY ix_community_members_state (community_id, state, role),
  CONSTRAINT fk_community_members_community FOREIGN KEY (community_id) REFERENCES communities (id),
  CONSTRAINT fk_community_members_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- The boards of a community, in the order shown.
CREATE TABLE community_boards (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  community_id   BIGINT UNSIGNED NOT NULL,
  kind           ENUM('notice','free','qna','gallery','files') NOT NULL,
  position       TINYINT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  UNIQUE KEY uq_community_boards_kind (community_id, kind),
  KEY ix_community_boards_order (community_id, position),
  CONSTRAINT fk_community_boards_community FOREIGN KEY (community_id) REFERENCES communities (id)
) ENGINE=InnoDB;
