-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0065_repeat_lookup_keys: the repeat and similar-case lookup at filing
-- (lib/similar/repeat.c; issue 12, bench/repeat over 1,000,000 cases) read
-- a whole case row, a page of the large cases table each, for every case it
-- only had to filter: the filer's earlier cases (by date, category and
-- department) and the hundred candidates of the band index (public,
-- answered or an example). Each such read that missed the buffer pool cost
-- about 60 us of MariaDB CPU, most of a lookup's. These narrow keys answer
-- both filters from an index of a few dozen bytes a case, which stays in
-- the buffer pool; the row is read only for what is shown.
ALTER TABLE cases
  DROP KEY ix_cases_account,
  ADD KEY ix_cases_account (account_id, created_at, category_id, department_id),
  ADD UNIQUE KEY ux_cases_suggestable (id, is_public, status, is_example);
