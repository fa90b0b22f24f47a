<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # penalty_applied.cs: the person's SMS about a penalty (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:sms_short(L.Sms.penalty_applied, "reason", L.Mail.Reason, MyUrl) ?>
