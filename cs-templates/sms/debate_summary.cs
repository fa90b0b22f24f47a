<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # debate_summary.cs: a participant's SMS when a debate's summary is out (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.debate_summary, "title", L.Mail.Title, Site.base_url + Notice.link) ?>
