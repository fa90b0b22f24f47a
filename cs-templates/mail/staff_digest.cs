<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # staff_digest.cs: the day's notices in one mail, for staff who chose
   the digest (see README; it carries List-Unsubscribe, and the same
   one-click link, Notice.unsubscribe_url, is in its text). ?>
<?cs include:"mail/common.cs" ?>
<?cs if:Part == "subject" ?>[<?cs var:L.Site.Name ?>] <?cs var:L.Mail.staff_digest.Subject ?> (<?cs var:Notice.count ?>)
<?cs elif:Part == "text" ?><?cs call:greeting() ?>

<?cs var:L.Mail.staff_digest.Lead ?>

<?cs each:item = Notice.items ?>- <?cs var:L.Mail.Kind[item.kind] ?>: <?cs var:item.tracking ?> <?cs var:item.title ?><?cs if:item.due ?> (<?cs var:L.Mail.Due ?> <?cs var:item.due ?>)<?cs /if ?>
<?cs if:item.staff_url ?>  <?cs var:item.staff_url ?>
<?cs /if ?><?cs /each ?>
<?cs call:text_link(Notice.unsubscribe_url, L.Mail.staff_digest.Unsubscribe) ?>
<?cs call:text_close() ?>
<?cs else ?><?cs call:html_open(L.Mail.staff_digest.Subject) ?>
<p><?cs var:L.Mail.staff_digest.Lead ?></p>
<ul>
<?cs each:item = Notice.items ?><li><?cs var:L.Mail.Kind[item.kind] ?>: <?cs if:item.staff_url ?><a href="<?cs var:item.staff_url ?>"><?cs var:item.tracking ?></a><?cs else ?><?cs var:item.tracking ?><?cs /if ?> <?cs var:item.title ?><?cs if:item.due ?> (<?cs var:L.Mail.Due ?> <?cs var:item.due ?>)<?cs /if ?></li>
<?cs /each ?></ul>
<?cs call:html_link(Notice.unsubscribe_url, L.Mail.staff_digest.Unsubscribe) ?>
<?cs call:html_close() ?>
<?cs /if ?>
