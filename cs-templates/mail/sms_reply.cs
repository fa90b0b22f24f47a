<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # sms_reply.cs: the answer to an SMS goes by SMS only; this mail (the
   receipt's words) exists because every kind has one (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:citizen(L.Mail.receipt) ?>
