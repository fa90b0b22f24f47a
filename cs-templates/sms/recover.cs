<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # recover.cs: the SMS of lib/auth/verify.c (see README): no link, the words and the value. ?>
[<?cs var:L.Site.Name ?>] <?cs var:L.Sms.recover ?> <?cs var:Notice.code ?>
