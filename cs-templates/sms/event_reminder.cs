<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # event_reminder.cs: a member's SMS the day before a community event they answered going or maybe to (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.event_reminder, "title", L.Mail.Title, Site.base_url + Notice.link) ?>
