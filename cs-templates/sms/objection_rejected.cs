<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # objection_rejected.cs: the person's SMS about a penalty (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:sms_short(L.Sms.objection_rejected, "reason", L.Mail.Reason, MyUrl) ?>
