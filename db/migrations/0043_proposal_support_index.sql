-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0043_proposal_support_index: the list sorted by most supported, paged
-- by its links (issue 11, bench/participation).
--
-- A page after a row (keyset paging, proposal.c) reads the rows below
-- that row's (support_count, id). With moderation first in the index, the
-- optimizer could read them by moderation alone, backwards from the top,
-- testing every entry above the row (40,000 for page 2,000, 500 ms under
-- load); with the count first, only a range from the row serves, and the
-- list's statements name this index. Counting and the other sorts use
-- their own indexes, which still start with moderation (0030, 0040).
ALTER TABLE proposals DROP KEY ix_proposals_support,
  ADD KEY ix_proposals_support (support_count, id, moderation, state, category_id);
