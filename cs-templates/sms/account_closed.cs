<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # account_closed.cs: the SMS of lib/auth/rights.c (see README; sent only by e-mail today): the words alone. ?>
[<?cs var:L.Site.Name ?>] <?cs var:L.Sms.account_closed ?> 
