<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # recover.cs: the link to choose a new password (lib/auth/verify.c; see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:notice(L.Mail.recover, MyUrl, L.Mail.recover.Link, 0) ?>
