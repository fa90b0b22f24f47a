<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # apology.cs: the citizen's SMS (see README). ?>
[<?cs var:L.Site.Name ?>] <?cs var:L.Sms.apology ?> <?cs var:Notice.tracking ?>
<?cs if:Notice.department ?><?cs var:L.Mail.Department ?>: <?cs var:Notice.department ?>
<?cs /if ?><?cs if:Notice.expected ?><?cs var:L.Mail.Expected ?>: <?cs var:Notice.expected ?>
<?cs elif:Notice.due ?><?cs var:L.Mail.Due ?>: <?cs var:Notice.due ?>
<?cs /if ?><?cs var:Notice.case_url ?>
