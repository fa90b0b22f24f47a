-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0056_event_rsvp_occurrence: an answer (going / maybe / no) to a
-- community event is to one of its occurrences (issue 14, part 4): the
-- members of a weekly meeting answer each week, and its reminders go to
-- those who answered that week's. occurs_on is the occurrence's day (the
-- first day for an event that does not repeat). The answers given before,
-- to a whole series, become answers to its first occurrence.

ALTER TABLE community_event_rsvps ADD COLUMN occurs_on DATE NULL AFTER event_id;

UPDATE community_event_rsvps v JOIN community_events e ON e.id = v.event_id
SET v.occurs_on = DATE(e.starts_at);

ALTER TABLE community_event_rsvps
  MODIFY occurs_on DATE NOT NULL,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (event_id, occurs_on, account_id),
  DROP KEY ix_community_event_rsvps_answer,
  ADD KEY ix_community_event_rsvps_answer (event_id, occurs_on, answer);
