<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # community_invited.cs: communities, see L.Mail.community_invited (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:notice(L.Mail.community_invited, Site.base_url + Notice.link, L.Mail.CommunityLink, 0) ?>
