<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # community_approved.cs: communities, see L.Mail.community_approved (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:notice(L.Mail.community_approved, Site.base_url + Notice.link, L.Mail.CommunityLink, 0) ?>
