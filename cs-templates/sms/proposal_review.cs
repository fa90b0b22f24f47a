<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # proposal_review.cs: a proposal one supports went to a department for its answer (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs set:ProposalUrl = Site.base_url + Notice.link ?><?cs call:sms_short(L.Sms.proposal_review, "title", L.Mail.Title, ProposalUrl) ?>
