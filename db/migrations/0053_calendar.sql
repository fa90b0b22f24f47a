-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0053_calendar: a community's calendar (issue 14, part 4): events with an
-- optional weekly or monthly recurrence, the members' answers (RSVP), the
-- per-member secret of the iCalendar feed of a members-only community,
-- and whether members (not only managers) may add events.
--
-- Times are local times in Asia/Seoul (the feed states the zone); who may
-- see or do what is community_access_get's answer (lib/communities).

-- Managers always add events; members too when a manager allows it.
ALTER TABLE communities ADD COLUMN events_by_members TINYINT(1) NOT NULL DEFAULT 0;

CREATE TABLE community_events (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  community_id   BIGINT UNSIGNED NOT NULL,
  title          VARCHAR(200) NOT NULL,
  place          VARCHAR(200) NOT NULL DEFAULT '',
  description    TEXT         NOT NULL,
  starts_at      DATETIME     NOT NULL,          -- Asia/Seoul local time
  ends_at        DATETIME     NOT NULL,
  recurrence     ENUM('none','weekly','monthly') NOT NULL DEFAULT 'none',
  recur_until    DATE         NULL,              -- the last day an occurrence may start
  recur_count    SMALLINT UNSIGNED NULL,         -- or the number of occurrences
  -- no occurrence starts after this day (the start's day for a single
  -- event; every series ends: by its until, its count, or 500 times), so
  -- a month view and the reminder scan read only events that may occur
  last_day       DATE         NOT NULL,
  state          ENUM('scheduled','cancelled') NOT NULL DEFAULT 'scheduled',
  sequence       INT UNSIGNED NOT NULL DEFAULT 0,-- iCalendar SEQUENCE: one more per edit
  created_by     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  updated_at     DATETIME     NOT NULL,
  -- a month's events: those begun by its end and not over before it
  KEY ix_community_events_start (community_id, starts_at),
  -- the reminder scan reads scheduled events that may still occur
  KEY ix_community_events_state (state, last_day, starts_at),
  CONSTRAINT fk_community_events_community FOREIGN KEY (community_id) REFERENCES communities (id),
  CONSTRAINT fk_community_events_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One answer per member and event (a series has one answer for all its
-- occurrences), changeable.
CREATE TABLE community_event_rsvps (
  event_id       BIGINT UNSIGNED NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  answer         ENUM('going','maybe','no') NOT NULL,
  updated_at     DATETIME     NOT NULL,
  PRIMARY KEY (event_id, account_id),
  KEY ix_community_event_rsvps_answer (event_id, answer),
  CONSTRAINT fk_community_event_rsvps_event FOREIGN KEY (event_id) REFERENCES community_events (id),
  CONSTRAINT fk_community_event_rsvps_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- The secret in a member's feed address of a members-only community
-- (calendar clients send no cookie): only its SHA-256 is kept; a new one
-- replaces the old, deleting the row revokes it.
CREATE TABLE community_calendar_tokens (
  community_id   BIGINT UNSIGNED NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  token_hash     CHAR(64)     NOT NULL,
  created_at     DATETIME     NOT NULL,
  PRIMARY KEY (community_id, account_id),
  UNIQUE KEY uq_community_calendar_tokens_hash (token_hash),
  CONSTRAINT fk_community_calendar_tokens_community FOREIGN KEY (community_id) REFERENCES communities (id),
  CONSTRAINT fk_community_calendar_tokens_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;
