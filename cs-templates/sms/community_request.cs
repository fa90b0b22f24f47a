<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # community_request.cs: communities, see L.Sms.community_request (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.community_request, "title", L.Mail.Community, Site.base_url + Notice.link) ?>
