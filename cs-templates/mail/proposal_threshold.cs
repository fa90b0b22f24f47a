<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # proposal_threshold.cs: a proposal one wrote or supports reached its threshold (see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:ProposalUrl = Site.base_url + Notice.link ?><?cs call:notice(L.Mail.proposal_threshold, ProposalUrl, L.Mail.ProposalLink, 0) ?>
