<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # common.cs: macros shared by the mail templates (see README). ?>
<?cs def:subject(text) ?>[<?cs var:L.Site.Name ?>] <?cs var:text ?><?cs if:Notice.tracking ?> (<?cs var:Notice.tracking ?>)<?cs /if ?><?cs /def ?>
<?cs def:greeting() ?><?cs if:Recipient.name ?><?cs if:L.Mail.GreetBefore ?><?cs var:L.Mail.GreetBefore ?> <?cs /if ?><?cs var:Recipient.name ?><?cs if:L.Mail.GreetSpace == "1" ?> <?cs /if ?><?cs var:L.Mail.GreetAfter ?><?cs else ?><?cs var:L.Mail.GreetNoName ?><?cs /if ?><?cs /def ?>
<?cs def:text_facts() ?>
<?cs if:Notice.tracking ?><?cs var:L.Mail.Tracking ?>: <?cs var:Notice.tracking ?>
<?cs /if ?><?cs if:Notice.title ?><?cs var:L.Mail.Title ?>: <?cs var:Notice.title ?>
<?cs /if ?><?cs if:Notice.category ?><?cs var:L.Mail.Category ?>: <?cs var:Notice.category ?>
<?cs /if ?><?cs if:Notice.department ?><?cs var:L.Mail.Department ?>: <?cs var:Notice.department ?>
<?cs /if ?><?cs if:Notice.handler ?><?cs var:L.Mail.Handler ?>: <?cs var:Notice.handler ?>
<?cs /if ?><?cs if:Notice.due ?><?cs var:L.Mail.Due ?>: <?cs var:Notice.due ?>
<?cs /if ?><?cs if:Notice.expected ?><?cs var:L.Mail.Expected ?>: <?cs var:Notice.expected ?>
<?cs /if ?><?cs if:Notice.reason ?><?cs var:L.Mail.Reason ?>: <?cs var:Notice.reason ?>
<?cs /if ?>
<?cs /def ?>
<?cs def:html_facts() ?>
<table cellpadding="4" cellspacing="0" style="border-collapse:collapse">
<?cs if:Notice.tracking ?><tr><th align="left"><?cs var:L.Mail.Tracking ?></th><td><?cs var:Notice.tracking ?></td></tr><?cs /if ?>
<?cs if:Notice.title ?><tr><th align="left"><?cs var:L.Mail.Title ?></th><td><?cs var:Notice.title ?></td></tr><?cs /if ?>
<?cs if:Notice.category ?><tr><th align="left"><?cs var:L.Mail.Category ?></th><td><?cs var:Notice.category ?></td></tr><?cs /if ?>
<?cs if:Notice.department ?><tr><th align="left"><?cs var:L.Mail.Department ?></th><td><?cs var:Notice.department ?></td></tr><?cs /if ?>
<?cs if:Notice.handler ?><tr><th align="left"><?cs var:L.Mail.Handler ?></th><td><?cs var:Notice.handler ?></td></tr><?cs /if ?>
<?cs if:Notice.due ?><tr><th align="left"><?cs var:L.Mail.Due ?></th><td><?cs var:Notice.due ?></td></tr><?cs /if ?>
<?cs if:Notice.expected ?><tr><th align="left"><?cs var:L.Mail.Expected ?></th><td><?cs var:Notice.expected ?></td></tr><?cs /if ?>
<?cs if:Notice.reason ?><tr><th align="left"><?cs var:L.Mail.Reason ?></th><td><?cs var:Notice.reason ?></td></tr><?cs /if ?>
</table>
<?cs /def ?>
<?cs def:html_open(heading) ?><!DOCTYPE html>
<html lang="<?cs var:Lang ?>"><head><meta charset="utf-8"><title><?cs var:heading ?></title></head>
<body style="font-family:sans-serif;line-height:1.5">
<h1 style="font-size:1.2em"><?cs var:heading ?></h1>
<p><?cs call:greeting() ?></p>
<?cs /def ?>
<?cs def:html_link(url, label) ?><?cs if:url ?><p><a href="<?cs var:url ?>"><?cs var:label ?></a></p><?cs /if ?><?cs /def ?>
<?cs def:html_close() ?>
<hr>
<p style="font-size:0.85em;color:#555"><?cs var:L.Mail.Footer ?> <a href="<?cs var:Site.account_url ?>"><?cs var:L.Mail.Prefs ?></a></p>
</body></html>
<?cs /def ?>
<?cs def:text_link(url, label) ?><?cs if:url ?>
<?cs var:label ?>: <?cs var:url ?>
<?cs /if ?><?cs /def ?>
<?cs def:text_close() ?>

--
<?cs var:L.Mail.Footer ?>
<?cs var:L.Mail.Prefs ?>: <?cs var:Site.account_url ?>
<?cs /def ?>
<?cs # A citizen's notice: subject, lead paragraph, facts, links. ?>
<?cs def:citizen(words) ?>
<?cs if:Part == "subject" ?><?cs call:subject(words.Subject) ?>
<?cs elif:Part == "text" ?><?cs call:greeting() ?>

<?cs var:words.Lead ?>

<?cs call:text_facts() ?>
<?cs call:text_link(Notice.case_url, L.Mail.CaseLink) ?>
<?cs call:text_link(Notice.rate_url, L.Mail.RateLink) ?>
<?cs call:text_close() ?>
<?cs else ?><?cs call:html_open(words.Subject) ?>
<p><?cs var:words.Lead ?></p>
<?cs call:html_facts() ?>
<?cs call:html_link(Notice.case_url, L.Mail.CaseLink) ?>
<?cs call:html_link(Notice.rate_url, L.Mail.RateLink) ?>
<?cs call:html_close() ?>
<?cs /if ?>
<?cs /def ?>
<?cs # A staff notice: the same with the staff case page. ?>
<?cs def:staff(words) ?>
<?cs if:Part == "subject" ?><?cs call:subject(words.Subject) ?>
<?cs elif:Part == "text" ?><?cs call:greeting() ?>

<?cs var:words.Lead ?>

<?cs call:text_facts() ?>
<?cs call:text_link(Notice.staff_url, L.Mail.StaffLink) ?>
<?cs call:text_close() ?>
<?cs else ?><?cs call:html_open(words.Subject) ?>
<p><?cs var:words.Lead ?></p>
<?cs call:html_facts() ?>
<?cs call:html_link(Notice.staff_url, L.Mail.StaffLink) ?>
<?cs call:html_close() ?>
<?cs /if ?>
<?cs /def ?>
