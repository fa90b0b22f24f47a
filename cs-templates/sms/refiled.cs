<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # refiled.cs: the citizen's SMS (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_head(L.Sms.refiled) ?><?cs
  call:sms_fact("category", L.Mail.Category) ?><?cs
  call:sms_fact("department", L.Mail.Department) ?><?cs
  var:Notice.case_url ?>
