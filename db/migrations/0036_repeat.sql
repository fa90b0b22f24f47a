-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0036_repeat: repeat complaints (민원처리법 제23조) and similar cases
-- (issue 12, section 3; the method in docs/similar.md).
-- case_signatures: each case's MinHash signature (lib/similar/similar.h),
-- written just after filing: what the repeat check compares.
-- case_bands: the signature's band keys (locality-sensitive hashing):
-- the index that finds similar cases among all of them without reading
-- every signature.
CREATE TABLE case_signatures (
  case_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  signature  VARBINARY(516) NOT NULL,
  CONSTRAINT fk_case_signatures_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE case_bands (
  band_key   BIGINT NOT NULL,
  case_id    BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (band_key, case_id),
  KEY ix_case_bands_case (case_id)
) ENGINE=InnoDB;

-- The filer's earlier cases of the year before that are about the same
-- matter as a new one (same category or department, similar text), found
-- at filing. score: the similarity in thousandths.
CREATE TABLE case_repeats (
  case_id      BIGINT UNSIGNED NOT NULL,
  earlier_id   BIGINT UNSIGNED NOT NULL,
  score        SMALLINT UNSIGNED NOT NULL,
  PRIMARY KEY (case_id, earlier_id),
  KEY ix_case_repeats_earlier (earlier_id),
  CONSTRAINT fk_case_repeats_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
  CONSTRAINT fk_case_repeats_earlier FOREIGN KEY (earlier_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Closing a case as a repeat (반복민원 종결): the handler proposes with the
-- notice drafted from the template, a manager approves or returns it.
CREATE TABLE repeat_closings (
  case_id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  status       ENUM('proposed','approved','returned') NOT NULL,
  notice       MEDIUMTEXT NOT NULL,
  proposed_by  BIGINT UNSIGNED NOT NULL,
  proposed_at  DATETIME NOT NULL,
  decided_by   BIGINT UNSIGNED NULL,
  decided_at   DATETIME NULL,
  CONSTRAINT fk_repeat_closings_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "This is my problem too": a citizen follows a public case instead of
-- filing the same again, and is told when it changes: the notifier's
-- scan (follow_scan) sends a notice for public events after seen_event_id.
CREATE TABLE case_follows (
  account_id     BIGINT UNSIGNED NOT NULL,
  case_id        BIGINT UNSIGNED NOT NULL,
  seen_event_id  BIGINT UNSIGNED NOT NULL DEFAULT 0,
  created_at     DATETIME NOT NULL,
  PRIMARY KEY (account_id, case_id),
  KEY ix_case_follows_case (case_id),
  CONSTRAINT fk_case_follows_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT fk_case_follows_case FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB;
