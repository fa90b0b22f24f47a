-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0043_proposal_support_index: the list sorted by most supported and by
-- newest, paged by its links (issue 11, bench/participation).
--
-- A page after a row (keyset paging, proposal.c) reads the rows below
-- that row's (sort key, id). With moderation first in the index, the
-- optimizer could read them by moderation alone, backwards from the top,
-- testing every entry above the row (40,000 for page 2,000, 500 ms under
-- load); with the sort key first, only a range from the row serves, and
-- the list's statements name the index. Counting uses another index that
-- starts with moderation (ix_proposals_answered), as does the moderator
-- queue (0040).
ALTER TABLE proposals DROP KEY ix_proposals_support,
  ADD KEY ix_proposals_support (support_count, id, moderation, state, category_id),
  DROP KEY ix_proposals_newest,
  ADD KEY ix_proposals_newest (created_at, id, moderation, state, category_id);
