<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # staff_waiting.cs: the staff member's SMS (see README). ?>
[<?cs var:L.Site.Name ?>] <?cs var:L.Sms.staff_waiting ?> <?cs var:Notice.tracking ?>
<?cs if:Notice.department ?><?cs var:L.Mail.Department ?>: <?cs var:Notice.department ?>
<?cs /if ?><?cs var:Notice.staff_url ?>
