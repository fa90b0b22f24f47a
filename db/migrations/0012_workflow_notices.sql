-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0012_workflow_notices: re-filing a case under another category
-- (분야재지정) and the joint departments' parts sent with the answer.
--   case_events.target_category_id  the category a 'refiled' event moved
--       the case to (the history names it; the old one is the event
--       before it, or the filing's);
--   case_events.answer_id  the answer an 'answered' event sent, so that
--       the citizen's timeline can show its parts under it;
--   answer_parts  the joint departments' parts as they were when the
--       answer was sent: a part edited after a reopening belongs to the
--       next answer, never to one the citizen has already read.
ALTER TABLE case_events
  ADD target_category_id INT UNSIGNED NULL,
  ADD answer_id BIGINT UNSIGNED NULL;

CREATE TABLE answer_parts (
  answer_id      BIGINT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NOT NULL,
  body           MEDIUMTEXT NOT NULL,
  PRIMARY KEY (answer_id, department_id),
  CONSTRAINT fk_answer_parts_answer FOREIGN KEY (answer_id) REFERENCES answers (id) ON DELETE CASCADE,
  CONSTRAINT fk_answer_parts_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
