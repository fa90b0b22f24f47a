<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # transferred.cs: the citizen's SMS (see README). ?>
<?cs include:"sms/parts.cs" ?><?cs call:sms_citizen(L.Sms.transferred) ?>
