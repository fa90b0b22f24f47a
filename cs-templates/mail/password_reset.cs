<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # password_reset.cs: the password was reset through recovery (lib/auth/verify.c; see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:MyUrl = Site.base_url + "/recover" ?><?cs call:notice(L.Mail.password_reset, MyUrl, L.Mail.password_reset.Link, 0) ?>
