<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # started.cs: the citizen's SMS (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.started, "due", L.Mail.Due, Notice.case_url) ?>
