<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # proposal_review.cs: a proposal one supports went to a department for its official answer (see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:ProposalUrl = Site.base_url + Notice.link ?><?cs call:notice(L.Mail.proposal_review, ProposalUrl, L.Mail.ProposalLink, 0) ?>
