<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # report_monthly.cs: last month's report to a department manager (lib/reports/monthly.c; see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:MyUrl = Site.base_url + Notice.link ?>
<?cs # The month's figures, each shown even when 0. ?><?cs
def:figure(name) ?><?cs if:Part == "html" ?><tr><th align="left"><?cs var:L.Analysis.Col[name] ?></th><td><?cs var:Notice[name] ?></td></tr>
<?cs else ?><?cs var:L.Analysis.Col[name] ?>: <?cs var:Notice[name] ?>
<?cs /if ?><?cs /def ?><?cs
def:figures() ?><?cs call:fact("month", L.Mail.Month) ?><?cs call:facts() ?><?cs
  call:figure("received") ?><?cs call:figure("answered") ?><?cs call:figure("open") ?><?cs
  call:figure("overdue") ?><?cs call:figure("late") ?><?cs
  if:Notice.average ?><?cs call:figure("average") ?><?cs /if ?><?cs /def ?>
<?cs if:Part == "subject" ?><?cs call:subject(L.Mail.report_monthly.Subject + " " + Notice.month) ?>
<?cs elif:Part == "text" ?><?cs call:greeting() ?>

<?cs var:L.Mail.report_monthly.Lead ?>

<?cs call:figures() ?>
<?cs call:text_link(MyUrl, L.Mail.ReportLink) ?>
<?cs call:text_close() ?>
<?cs else ?><?cs call:html_open(L.Mail.report_monthly.Subject) ?>
<p><?cs var:L.Mail.report_monthly.Lead ?></p>

<table cellpadding="4" cellspacing="0" style="border-collapse:collapse">
<?cs call:figures() ?></table>

<?cs call:html_link(MyUrl, L.Mail.ReportLink) ?>
<?cs call:html_close() ?>
<?cs /if ?>
