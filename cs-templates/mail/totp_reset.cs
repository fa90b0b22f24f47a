<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # totp_reset.cs: the person's e-mail when a supervisor reset their second sign-in factor (lib/auth/totp.c; see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:notice(L.Mail.totp_reset, MyUrl, L.Mail.TotpLink, 0) ?>
