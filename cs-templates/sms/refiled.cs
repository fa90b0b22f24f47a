<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # refiled.cs: the citizen's SMS (see README). ?>
[<?cs var:L.Site.Name ?>] <?cs var:L.Sms.refiled ?> <?cs var:Notice.tracking ?>
<?cs if:Notice.category ?><?cs var:L.Mail.Category ?>: <?cs var:Notice.category ?>
<?cs /if ?><?cs if:Notice.department ?><?cs var:L.Mail.Department ?>: <?cs var:Notice.department ?>
<?cs /if ?><?cs var:Notice.case_url ?>
