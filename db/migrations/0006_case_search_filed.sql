-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0006_case_search_filed: the filing time beside the words in the search
-- index, so that the inbox search (lib/cases/inbox.c) takes the newest or
-- oldest matches in filing order from Mroonga itself (its ORDER BY … LIMIT
-- sorts inside Groonga) instead of joining every match to cases first:
-- 3 ms for the first 200 of 3,334 matches against 30 for joining them all.
-- A case's filing time never changes, so the copy cannot go stale; every
-- writer of case_search (filing in lib/cases/case.c, madangctl's rebuild)
-- writes it. The default only serves rows written by hand.
ALTER TABLE case_search ADD created_at DATETIME NOT NULL DEFAULT '1970-01-01 00:00:00' AFTER case_id;

UPDATE case_search cs JOIN cases c ON c.id = cs.case_id SET cs.created_at = c.created_at;
