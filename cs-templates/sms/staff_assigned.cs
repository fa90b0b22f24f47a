<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # staff_assigned.cs: the staff member's SMS (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_short(L.Sms.staff_assigned, "due", L.Mail.Due, Notice.staff_url) ?>
