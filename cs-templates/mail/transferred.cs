<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # transferred.cs: the citizen's e-mail (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:citizen(L.Mail.transferred) ?>
