<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # moderation_hidden.cs: the author's SMS (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.moderation_hidden, "reason", L.Mail.Reason, Site.base_url + Notice.link) ?>
