<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # event_reminder.cs: a member's e-mail the day before a community event they answered going or maybe to (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:notice(L.Mail.event_reminder, Site.base_url + Notice.link, L.Mail.EventLink, 0) ?>
