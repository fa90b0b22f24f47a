<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # started.cs: the citizen's SMS (see README). ?>
[<?cs var:L.Site.Name ?>] <?cs var:L.Sms.started ?> <?cs var:Notice.tracking ?>
<?cs if:Notice.due ?><?cs var:L.Mail.Due ?>: <?cs var:Notice.due ?>
<?cs /if ?><?cs var:Notice.case_url ?>
