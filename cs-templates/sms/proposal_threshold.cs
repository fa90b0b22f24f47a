<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # proposal_threshold.cs: a proposal reached its threshold (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs set:ProposalUrl = Site.base_url + Notice.link ?><?cs call:sms_short(L.Sms.proposal_threshold, "title", L.Mail.Title, ProposalUrl) ?>
