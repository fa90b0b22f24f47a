<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # verify.cs: the link that proves an e-mail address (lib/auth/verify.c; see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:notice(L.Mail.verify, MyUrl, L.Mail.verify.Link, 0) ?>
