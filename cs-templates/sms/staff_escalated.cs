<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # staff_escalated.cs: the staff member's SMS (see README). ?>
[<?cs var:L.Site.Name ?>] <?cs var:L.Sms.staff_escalated ?> <?cs var:Notice.tracking ?>
<?cs if:Notice.due ?><?cs var:L.Mail.Due ?>: <?cs var:Notice.due ?>
<?cs /if ?><?cs var:Notice.staff_url ?>
