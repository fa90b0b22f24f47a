<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # followed.cs: the e-mail to a follower of a public case that changed (lib/similar/follow.c; see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:notice(L.Mail.followed, MyUrl, L.Mail.FollowedLink, 0) ?>
