<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # proposal_answered.cs: a proposal one wrote or supports has its official answer; the outcome shown as the answer's fact (see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:ProposalUrl = Site.base_url + Notice.link ?><?cs set:Notice.answer = L.Proposal.Outcome[Notice.outcome] ?><?cs call:notice(L.Mail.proposal_answered, ProposalUrl, L.Mail.ProposalLink, 0) ?>
