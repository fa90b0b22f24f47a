<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # totp_reset.cs: the person's SMS when a supervisor reset their second sign-in factor (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:sms_short(L.Sms.totp_reset, "", "", MyUrl) ?>
