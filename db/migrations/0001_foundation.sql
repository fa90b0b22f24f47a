-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0001_foundation: accounts, sessions, throttling, departments, categories,
-- cases with their events and attachments.

CREATE TABLE accounts (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login_id       VARCHAR(32)  NOT NULL,
  password_hash  VARCHAR(255) NOT NULL,
  name           VARCHAR(100) NOT NULL,
  email          VARCHAR(254) NOT NULL,
  mobile         VARCHAR(20)  NULL,          -- normalised: 01012345678
  kind           ENUM('citizen','staff') NOT NULL DEFAULT 'citizen',
  staff_role     ENUM('admin','supervisor','handler') NULL,
  lang           CHAR(2)      NULL,
  consent_version VARCHAR(20) NULL,
  consent_at     DATETIME     NULL,
  active         TINYINT(1)   NOT NULL DEFAULT 1,
  created_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_accounts_login (login_id),
  UNIQUE KEY uq_accounts_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the SHA-256 of a session token is stored: a copy of this table
-- cannot be used to sign in.
CREATE TABLE sessions (
  token_hash     BINARY(32)   NOT NULL PRIMARY KEY,
  account_id     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  last_seen_at   DATETIME     NOT NULL,
  client_addr    VARCHAR(45)  NOT NULL,
  KEY ix_sessions_account (account_id),
  CONSTRAINT fk_sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Failed sign-ins, counted per account and per client address.
CREATE TABLE login_failures (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scope          ENUM('login','addr') NOT NULL,
  subject        VARCHAR(64)  NOT NULL,
  failed_at      DATETIME     NOT NULL,
  KEY ix_login_failures (scope, subject, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE departments (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id      INT UNSIGNED NULL,
  name_ko        VARCHAR(100) NOT NULL,
  name_en        VARCHAR(100) NOT NULL,
  KEY ix_departments_parent (parent_id),
  CONSTRAINT fk_departments_parent FOREIGN KEY (parent_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE categories (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name_ko        VARCHAR(100) NOT NULL,
  name_en        VARCHAR(100) NOT NULL,
  department_id  INT UNSIGNED NULL,
  active         TINYINT(1)   NOT NULL DEFAULT 1,
  sort_order     INT          NOT NULL DEFAULT 0,
  CONSTRAINT fk_categories_department FOREIGN KEY (department_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per year: the last tracking sequence handed out.
CREATE TABLE tracking_counters (
  year           SMALLINT UNSIGNED NOT NULL PRIMARY KEY,
  last_seq       INT UNSIGNED NOT NULL
) ENGINE=InnoDB;

CREATE TABLE cases (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tracking_no    CHAR(11)     NOT NULL,       -- 2026-000123
  kind           ENUM('complaint','proposal') NOT NULL DEFAULT 'complaint',
  channel        ENUM('web','email','sms','phone','open311') NOT NULL DEFAULT 'web',
  category_id    INT UNSIGNED NOT NULL,
  department_id  INT UNSIGNED NULL,
  account_id     BIGINT UNSIGNED NOT NULL,
  title          VARCHAR(200) NOT NULL,
  body           MEDIUMTEXT   NOT NULL,
  is_public      TINYINT(1)   NOT NULL DEFAULT 0,
  status         ENUM('received','assigned','in_progress','answered','closed',
                      'withdrawn','rejected') NOT NULL DEFAULT 'received',
  latitude       DECIMAL(9,6) NULL,
  longitude      DECIMAL(9,6) NULL,
  address        VARCHAR(200) NULL,
  created_at     DATETIME     NOT NULL,
  updated_at     DATETIME     NOT NULL,
  UNIQUE KEY uq_cases_tracking (tracking_no),
  KEY ix_cases_account (account_id, created_at),
  KEY ix_cases_public (is_public, created_at),
  KEY ix_cases_public_cat (is_public, category_id, created_at),
  KEY ix_cases_public_status (is_public, status, created_at),
  KEY ix_cases_created (created_at),
  CONSTRAINT fk_cases_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT fk_cases_department FOREIGN KEY (department_id) REFERENCES departments (id),
  CONSTRAINT fk_cases_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The full history of a case; is_public marks what the citizen sees.
CREATE TABLE case_events (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id        BIGINT UNSIGNED NOT NULL,
  kind           VARCHAR(32)  NOT NULL,
  actor_id       BIGINT UNSIGNED NULL,
  department_id  INT UNSIGNED NULL,
  is_public      TINYINT(1)   NOT NULL DEFAULT 1,
  note           TEXT         NULL,
  created_at     DATETIME     NOT NULL,
  KEY ix_case_events_case (case_id, id),
  CONSTRAINT fk_case_events_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Files are stored outside the web root under a random name; the client's
-- name is kept only for Content-Disposition.
CREATE TABLE attachments (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_id        BIGINT UNSIGNED NOT NULL,
  stored_name    CHAR(32)     NOT NULL,
  original_name  VARCHAR(255) NOT NULL,
  mime_type      VARCHAR(100) NOT NULL,
  size_bytes     INT UNSIGNED NOT NULL,
  created_at     DATETIME     NOT NULL,
  UNIQUE KEY uq_attachments_stored (stored_name),
  KEY ix_attachments_case (case_id),
  CONSTRAINT fk_attachments_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
