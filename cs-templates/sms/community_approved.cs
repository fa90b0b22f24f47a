<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # community_approved.cs: communities, see L.Sms.community_approved (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.community_approved, "title", L.Mail.Community, Site.base_url + Notice.link) ?>
