<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # common.cs: macros shared by the mail templates (see README). ?>
<?cs def:subject(text) ?>[<?cs var:L.Site.Name ?>] <?cs var:text ?><?cs if:Notice.tracking ?> (<?cs var:Notice.tracking ?>)<?cs /if ?><?cs /def ?>
<?cs def:greeting() ?><?cs if:Recipient.name ?><?cs if:L.Mail.GreetBefore ?><?cs var:L.Mail.GreetBefore ?> <?cs /if ?><?cs var:Recipient.name ?><?cs if:L.Mail.GreetSpace == "1" ?> <?cs /if ?><?cs var:L.Mail.GreetAfter ?><?cs else ?><?cs var:L.Mail.GreetNoName ?><?cs /if ?><?cs /def ?>
<?cs # One fact of the notice (Notice[name]) under its label: a line of the
   text part, or a row of the HTML table; the HTML row's line break is
   there even when the fact is not. ?><?cs
def:fact(name, label) ?><?cs if:Part == "html" ?><?cs if:Notice[name] ?><tr><th align="left"><?cs var:label ?></th><td><?cs var:Notice[name] ?></td></tr><?cs /if ?>
<?cs elif:Notice[name] ?><?cs var:label ?>: <?cs var:Notice[name] ?>
<?cs /if ?><?cs /def ?>
<?cs # The facts a notice may carry, in the order they are shown. ?><?cs
def:facts() ?><?cs
  call:fact("tracking", L.Mail.Tracking) ?><?cs call:fact("title", L.Mail.Title) ?><?cs
  call:fact("category", L.Mail.Category) ?><?cs call:fact("department", L.Mail.Department) ?><?cs
  call:fact("handler", L.Mail.Handler) ?><?cs call:fact("due", L.Mail.Due) ?><?cs
  call:fact("expected", L.Mail.Expected) ?><?cs call:fact("reason", L.Mail.Reason) ?><?cs
  call:fact("answer", L.Mail.Answer) ?><?cs
/def ?>
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
<?cs # A notice: subject, lead paragraph, facts, the link to the case
   (url, label) and, when asks_rating, the rating link if there is one. ?>
<?cs def:notice(words, url, label, asks_rating) ?>
<?cs if:Part == "subject" ?><?cs call:subject(words.Subject) ?>
<?cs elif:Part == "text" ?><?cs call:greeting() ?>

<?cs var:words.Lead ?>

<?cs call:facts() ?>
<?cs call:text_link(url, label) ?>
<?cs if:asks_rating ?><?cs call:text_link(Notice.rate_url, L.Mail.RateLink) ?><?cs /if ?>
<?cs call:text_close() ?>
<?cs else ?><?cs call:html_open(words.Subject) ?>
<p><?cs var:words.Lead ?></p>

<table cellpadding="4" cellspacing="0" style="border-collapse:collapse">
<?cs call:facts() ?></table>

<?cs call:html_link(url, label) ?>
<?cs if:asks_rating ?><?cs call:html_link(Notice.rate_url, L.Mail.RateLink) ?>
<?cs /if ?><?cs call:html_close() ?>
<?cs /if ?>
<?cs /def ?>
<?cs # A citizen's notice links to the citizen's case page and may ask for
   a rating; a staff notice links to the staff case page. ?>
<?cs def:citizen(words) ?><?cs call:notice(words, Notice.case_url, L.Mail.CaseLink, 1) ?><?cs /def ?>
<?cs def:staff(words) ?><?cs call:notice(words, Notice.staff_url, L.Mail.StaffLink, 0) ?><?cs /def ?>
