<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # report_monthly.cs: a department manager's SMS about last month's report (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?><?cs call:sms_short(L.Sms.report_monthly, "month", L.Mail.Month, MyUrl) ?>
