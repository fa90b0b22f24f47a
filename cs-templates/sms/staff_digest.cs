<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # staff_digest.cs: the digest is e-mail only; an SMS row of this kind
   (none is made) would say how many notices wait (see README). ?>
[<?cs var:L.Site.Name ?>] <?cs var:L.Sms.staff_digest ?> <?cs var:Notice.count ?>
<?cs var:Site.base_url ?>/staff/cases
