<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # moderation_hidden.cs: the author's e-mail when a moderator (or the reports) took their text out of sight, with the reason and the link to object (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:notice(L.Mail.moderation_hidden, Site.base_url + Notice.link, L.Mail.ObjectLink, 0) ?>
