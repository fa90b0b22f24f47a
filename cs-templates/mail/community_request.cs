<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # community_request.cs: communities, see L.Mail.community_request (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:notice(L.Mail.community_request, Site.base_url + Notice.link, L.Mail.CommunityLink, 0) ?>
