<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # proposal_answered.cs: a proposal one wrote or supports has its official answer (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs set:ProposalUrl = Site.base_url + Notice.link ?><?cs call:sms_short(L.Sms.proposal_answered, "title", L.Mail.Title, ProposalUrl) ?>
