<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # debate_summary.cs: a participant's e-mail when a debate's summary is out (see README). ?>
<?cs include:"mail/common.cs" ?><?cs call:notice(L.Mail.debate_summary, Site.base_url + Notice.link, L.Mail.DebateLink, 0) ?>
