<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # followed.cs: the SMS to a follower of a public case that changed (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:sms_short(L.Sms.followed, "tracking", L.Mail.Tracking, MyUrl) ?>
