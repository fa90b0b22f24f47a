<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # staff_message.cs: the staff member's SMS (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.staff_message, "department", L.Mail.Department, Notice.staff_url) ?>
