-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0003_workflow: graded permissions, routing rules, absences, the case
-- life cycle (compound cases, answers, approval, optimistic locking) and
-- the append-only audit log.

ALTER TABLE departments
  ADD active TINYINT(1) NOT NULL DEFAULT 1,
  ADD created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Staff belong to one or more departments.
CREATE TABLE staff_departments (
  account_id     BIGINT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NOT NULL,
  PRIMARY KEY (account_id, department_id),
  KEY ix_staff_departments_dept (department_id),
  CONSTRAINT fk_sd_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT fk_sd_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB;

-- Graded permissions (차등권한): each role global (department_id NULL) or
-- scoped to a department, with or without its sub-departments.
CREATE TABLE staff_roles (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  role           ENUM('sysadmin','supervisor','manager','handler','agent','moderator','viewer') NOT NULL,
  department_id  INT UNSIGNED NULL,
  with_subtree   TINYINT(1) NOT NULL DEFAULT 1,
  scope_key      INT UNSIGNED AS (IFNULL(department_id, 0)) PERSISTENT,
  UNIQUE KEY uq_staff_roles (account_id, role, scope_key),
  CONSTRAINT fk_sr_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT fk_sr_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB;

INSERT INTO staff_roles (account_id, role)
  SELECT id, IF(staff_role = 'admin', 'sysadmin', IF(staff_role = 'supervisor', 'supervisor', 'handler'))
  FROM accounts WHERE kind = 'staff' AND staff_role IS NOT NULL;
ALTER TABLE accounts DROP COLUMN staff_role;

-- Which departments each staff member may see and act in, derived from
-- staff_roles and the department tree (rebuilt whenever either changes),
-- so that every case query can check it with one indexed join.
CREATE TABLE staff_scope (
  account_id     BIGINT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NOT NULL,
  can_handle     TINYINT(1) NOT NULL DEFAULT 0,
  can_manage     TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, department_id),
  KEY ix_staff_scope_dept (department_id)
) ENGINE=InnoDB;

-- Routing rules (분류별 처리지침), per category. categories.department_id
-- is the lead department; category_joint_departments lists departments
-- that every case of the category also goes to (compound cases).
ALTER TABLE categories
  ADD mode ENUM('manual','random','round_robin','joint') NOT NULL DEFAULT 'manual',
  ADD deadline_days SMALLINT UNSIGNED NOT NULL DEFAULT 7,
  ADD reminder_hours SMALLINT UNSIGNED NOT NULL DEFAULT 24,
  ADD escalate_hours SMALLINT UNSIGNED NOT NULL DEFAULT 48,
  ADD needs_approval TINYINT(1) NOT NULL DEFAULT 0,
  ADD reopen_days SMALLINT UNSIGNED NOT NULL DEFAULT 14,
  ADD max_extensions TINYINT UNSIGNED NOT NULL DEFAULT 2,
  ADD updated_at DATETIME NULL;

CREATE TABLE category_joint_departments (
  category_id    INT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NOT NULL,
  PRIMARY KEY (category_id, department_id),
  CONSTRAINT fk_cjd_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE,
  CONSTRAINT fk_cjd_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB;

-- Round-robin position per category and department; the row is locked
-- while a handler is chosen, so concurrent filings take turns.
CREATE TABLE round_robin (
  category_id    INT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NOT NULL,
  last_account_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (category_id, department_id)
) ENGINE=InnoDB;

-- Days that are not working days besides weekends.
CREATE TABLE holidays (
  day            DATE NOT NULL PRIMARY KEY,
  name           VARCHAR(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Absences (leave, training) with the substitute who takes new cases.
CREATE TABLE absences (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  kind           ENUM('leave','training','other') NOT NULL DEFAULT 'leave',
  starts_at      DATETIME NOT NULL,
  ends_at        DATETIME NOT NULL,
  substitute_id  BIGINT UNSIGNED NULL,
  handed_over    TINYINT(1) NOT NULL DEFAULT 0,
  created_by     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME NOT NULL,
  KEY ix_absences_account (account_id, starts_at),
  CONSTRAINT fk_abs_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT fk_abs_substitute FOREIGN KEY (substitute_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

-- The case life cycle. The rule in force at filing is copied onto the
-- case: later rule edits apply to cases filed afterwards.
ALTER TABLE cases
  MODIFY status ENUM('received','assigned','in_progress','approval','answered','closed',
                     'withdrawn','rejected') NOT NULL DEFAULT 'received',
  ADD version INT UNSIGNED NOT NULL DEFAULT 1,
  ADD unplaced TINYINT(1) NOT NULL DEFAULT 0,
  ADD filed_by BIGINT UNSIGNED NULL,
  ADD due_at DATETIME NULL,
  ADD extensions TINYINT UNSIGNED NOT NULL DEFAULT 0,
  ADD needs_approval TINYINT(1) NOT NULL DEFAULT 0,
  ADD escalate_hours SMALLINT UNSIGNED NOT NULL DEFAULT 48,
  ADD reminder_hours SMALLINT UNSIGNED NOT NULL DEFAULT 24,
  ADD reopen_days SMALLINT UNSIGNED NOT NULL DEFAULT 14,
  ADD max_extensions TINYINT UNSIGNED NOT NULL DEFAULT 2,
  ADD last_action_at DATETIME NULL,
  ADD answered_at DATETIME NULL,
  ADD closed_at DATETIME NULL,
  ADD escalated_at DATETIME NULL,
  ADD is_example TINYINT(1) NOT NULL DEFAULT 0,
  ADD KEY ix_cases_dept_status (department_id, status, created_at),
  ADD KEY ix_cases_unplaced (unplaced, status),
  ADD KEY ix_cases_status_due (status, due_at),
  ADD KEY ix_cases_example (is_example, created_at);

UPDATE cases SET due_at = created_at + INTERVAL 9 DAY, last_action_at = updated_at;

-- The departments of a case: one lead (주관) and any joint ones (협조),
-- each with its part of the answer.
CREATE TABLE case_departments (
  case_id        BIGINT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NOT NULL,
  role           ENUM('lead','joint') NOT NULL,
  part_status    ENUM('open','submitted') NOT NULL DEFAULT 'open',
  part_text      MEDIUMTEXT NULL,
  updated_at     DATETIME NOT NULL,
  PRIMARY KEY (case_id, department_id),
  KEY ix_case_departments_dept (department_id, case_id),
  CONSTRAINT fk_cdp_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_cdp_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The handlers of a case, per department: one, or every handler of the
-- department in joint distribution (공동분배).
CREATE TABLE case_handlers (
  case_id        BIGINT UNSIGNED NOT NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NOT NULL,
  assigned_at    DATETIME NOT NULL,
  PRIMARY KEY (case_id, account_id),
  KEY ix_case_handlers_account (account_id, case_id),
  CONSTRAINT fk_ch_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_ch_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB;

INSERT INTO case_departments (case_id, department_id, role, updated_at)
  SELECT id, department_id, 'lead', updated_at FROM cases WHERE department_id IS NOT NULL;

-- Who an event concerns besides its actor: the handler assigned, the
-- department a case was transferred to.
ALTER TABLE case_events
  ADD target_account_id BIGINT UNSIGNED NULL,
  ADD target_department_id INT UNSIGNED NULL;

-- Answers: written by a handler, approved by the manager where the rule
-- says so, then sent (shown to the citizen).
CREATE TABLE answers (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id        BIGINT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NULL,
  author_id      BIGINT UNSIGNED NOT NULL,
  body           MEDIUMTEXT NOT NULL,
  status         ENUM('pending','returned','sent') NOT NULL,
  approved_by    BIGINT UNSIGNED NULL,
  created_at     DATETIME NOT NULL,
  sent_at        DATETIME NULL,
  KEY ix_answers_case (case_id, id),
  CONSTRAINT fk_answers_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE attachments ADD answer_id BIGINT UNSIGNED NULL;

-- The thread between the departments of a case (협업관리): staff only.
CREATE TABLE case_messages (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id        BIGINT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NULL,
  author_id      BIGINT UNSIGNED NOT NULL,
  body           TEXT NOT NULL,
  created_at     DATETIME NOT NULL,
  KEY ix_case_messages_case (case_id, id),
  CONSTRAINT fk_case_messages_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Site-wide settings edited in the dashboard.
CREATE TABLE settings (
  name           VARCHAR(64) NOT NULL PRIMARY KEY,
  value          VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO settings (name, value) VALUES ('timeline.show', 'name');

-- Who did what to which object: every administrative change and every
-- view of a citizen's personal data by staff. Append-only: the triggers
-- refuse any change, from the application or anyone else.
CREATE TABLE audit_log (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at             DATETIME(3) NOT NULL,
  account_id     BIGINT UNSIGNED NULL,
  client_addr    VARCHAR(45) NOT NULL,
  object_type    VARCHAR(32) NOT NULL,
  object_id      VARCHAR(64) NOT NULL,
  action         VARCHAR(64) NOT NULL,
  detail         VARCHAR(1000) NULL,
  KEY ix_audit_at (at),
  KEY ix_audit_account (account_id, at),
  KEY ix_audit_object (object_type, object_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
