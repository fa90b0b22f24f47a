<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # answered.cs: the citizen's SMS (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_head(L.Sms.answered) ?><?cs var:Notice.case_url ?>
<?cs if:Notice.rate_url ?><?cs var:L.Sms.Rate ?> <?cs var:Notice.rate_url ?><?cs /if ?>
