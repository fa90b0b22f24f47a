<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # note_received.cs: the e-mail when a note (쪽지) arrives; never its text (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:notice(L.Mail.note_received, Site.base_url + Notice.link, L.Mail.NoteLink, 0) ?>
