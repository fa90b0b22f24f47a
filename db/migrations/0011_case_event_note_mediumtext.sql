-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0011: case_events.note becomes MEDIUMTEXT. The event of a sent answer
-- keeps the answer's text (up to CASE_ANSWER_MAX = 20,000 characters, up
-- to 80,000 bytes in utf8mb4), more than TEXT's 65,535 bytes; reasons
-- (CASE_REASON_MAX = 2,000 characters) and their new date fit either way.
-- lib/cases/action.c checks the limits against these sizes at compile time.
ALTER TABLE case_events MODIFY note MEDIUMTEXT NULL;
