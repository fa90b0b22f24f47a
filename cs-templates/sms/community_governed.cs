<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # community_governed.cs: communities, see L.Sms.community_governed (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.community_governed, "title", L.Mail.Community, Site.base_url + Notice.link) ?>
