<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # objection_rejected.cs: the person's e-mail about a penalty (lib/participation/penalty.c; see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:notice(L.Mail.objection_rejected, MyUrl, L.Mail.MyLink, 0) ?>
