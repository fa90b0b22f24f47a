-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0025_open311: the Open311 GeoReport v2 API (issue 10 §4).
--
-- open311_clients: one row per client application (a city's app, a CRM,
-- another agency). The key is shown once when a supervisor creates it;
-- only its SHA-256 is kept (a random 256-bit key needs no slow hash: it
-- cannot be guessed), with its first characters to recognise it in the
-- list. rate_per_min limits the POSTs of one key per minute (a fixed
-- window: window_start, window_count). A revoked key stays for the audit.
-- guest_id: the guest account (no address, no notices) that owns the
-- cases this client files without the citizen's e-mail or phone.
CREATE TABLE open311_clients (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name           VARCHAR(100) NOT NULL,
  key_hash       CHAR(64)     NOT NULL,
  key_prefix     CHAR(8)      NOT NULL,
  rate_per_min   INT UNSIGNED NOT NULL DEFAULT 60,
  guest_id       BIGINT UNSIGNED NOT NULL,
  created_by     BIGINT UNSIGNED NULL,
  created_at     DATETIME     NOT NULL,
  revoked_at     DATETIME     NULL,
  last_used_at   DATETIME     NULL,
  window_start   DATETIME     NULL,
  window_count   INT UNSIGNED NOT NULL DEFAULT 0,
  UNIQUE KEY uq_open311_clients_key (key_hash),
  CONSTRAINT fk_open311_clients_guest FOREIGN KEY (guest_id) REFERENCES accounts (id),
  CONSTRAINT fk_open311_clients_creator FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which client filed a case, with what the client sent that the case row
-- has no place for (device_id, the client's own account_id, media_url).
CREATE TABLE open311_requests (
  case_id        BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  client_id      INT UNSIGNED NOT NULL,
  device_id      VARCHAR(100) NULL,
  client_account VARCHAR(100) NULL,
  media_url      VARCHAR(500) NULL,
  KEY ix_open311_requests_client (client_id),
  CONSTRAINT fk_open311_requests_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_open311_requests_client FOREIGN KEY (client_id) REFERENCES open311_clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per-category questions (Open311 service definition attributes), edited
-- by a supervisor. values: for the list types, one "key=name" a line.
CREATE TABLE category_questions (
  id             INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  category_id    INT UNSIGNED NOT NULL,
  code           VARCHAR(50)  NOT NULL,
  datatype       ENUM('string','number','datetime','text','singlevaluelist','multivaluelist') NOT NULL,
  required       TINYINT(1)   NOT NULL DEFAULT 0,
  question_ko    VARCHAR(200) NOT NULL,
  question_en    VARCHAR(200) NOT NULL,
  value_list     TEXT         NULL,
  sort_order     INT          NOT NULL DEFAULT 0,
  UNIQUE KEY uq_category_questions_code (category_id, code),
  CONSTRAINT fk_category_questions_category FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The answers a filing gave to its category's questions.
CREATE TABLE case_answers (
  case_id        BIGINT UNSIGNED NOT NULL,
  question_id    INT UNSIGNED NOT NULL,
  answer         VARCHAR(1000) NOT NULL,
  PRIMARY KEY (case_id, question_id),
  CONSTRAINT fk_case_answers_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_case_answers_question FOREIGN KEY (question_id) REFERENCES category_questions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
