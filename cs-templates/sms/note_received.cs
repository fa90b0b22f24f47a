<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # note_received.cs: the SMS when a note (쪽지) arrives; never its text (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.note_received, "none", "", Site.base_url + Notice.link) ?>
