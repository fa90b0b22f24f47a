<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # staff_message.cs: the staff member's e-mail (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:staff(L.Mail.staff_message) ?>
